#!/usr/bin/env bash
# The load driver: tanpopo against Dovecot and GreenMail on 127.0.0.1, side by side (README.md).
# Run as root (Dovecot is started with a private configuration and mail is chowned to 'nobody').
# Arguments go to the driver, e.g.:  ./run-load.sh --measures 1,2 --runs 5 --seconds 5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
. "$here/prepare-host.sh"

mvn -q -B -pl benchmarks -am package -DskipTests
exec java -Xmx1g -cp benchmarks/target/benchmarks.jar io.tanpopo.bench.load.LoadDriver "$@"
