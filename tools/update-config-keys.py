#!/usr/bin/env python3
# Regenerates the configuration key table in docs/configuration.md from the table in server-app's
# ConfigKeys.java: one line per key, "name | type | default | description[ | secret]"; "#" heads a group.
import re
import os
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
src=open(ROOT+'/server-app/src/main/java/io/tanpopo/app/ConfigKeys.java').read()
block=re.search(r'TABLE =\s*"""\n(.*?)"""', src, re.S).group(1)
rows=["| key | type | default | meaning |","|---|---|---|---|"]
for line in block.splitlines():
    line=line.strip()
    if not line or line.startswith('#'):
        continue
    name, typ, d, desc = [c.strip() for c in line.split('|')][:4]
    dd=('`'+d+'`') if d else '—'
    rows.append("| `%s` | %s | %s | %s |" % (name, typ, dd, desc.replace('|','\\|')))
readme=open(ROOT+'/docs/configuration.md').read()
table='\n'.join(rows)
if 'KEYTABLE' in readme:
    readme=readme.replace('KEYTABLE', table)
else:
    readme=re.sub(r'\| key \| type \| default \| meaning \|\n(\|.*\|\n)+', lambda _: table+'\n', readme)
open(ROOT+'/docs/configuration.md','w').write(readme)
print(len(rows)-2, "keys")
