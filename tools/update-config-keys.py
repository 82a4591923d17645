#!/usr/bin/env python3
# Regenerates the configuration key table in docs/configuration.md from server-app ConfigKeys.java.
import re
import os
ROOT=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
src=open(ROOT+'/server-app/src/main/java/io/tanpopo/app/ConfigKeys.java').read()
lit=r'"((?:[^"\\]|\\.)*)"'
rows=["| key | type | default | meaning |","|---|---|---|---|"]
for m in re.finditer(r'ConfigKey\.(?:of|secret)\(\s*'+lit+r',\s*'+lit+r',\s*'+lit+r',\s*((?:'+lit+r'\s*\+?\s*)+)\)', src):
    desc=''.join(x for x in re.findall(lit, m.group(4))).replace('\\"','"').replace('|','\\|')
    d=m.group(3)
    dd=('`'+d+'`') if d else '—'
    rows.append("| `%s` | %s | %s | %s |" % (m.group(1), m.group(2), dd, desc))
readme=open(ROOT+'/docs/configuration.md').read()
table='\n'.join(rows)
if 'KEYTABLE' in readme:
    readme=readme.replace('KEYTABLE', table)
else:
    readme=re.sub(r'\| key \| type \| default \| meaning \|\n(\|.*\|\n)+', lambda _: table+'\n', readme)
open(ROOT+'/docs/configuration.md','w').write(readme)
print(len(rows)-2, "keys")
