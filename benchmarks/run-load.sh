#!/usr/bin/env bash
# The load driver: tanpopo against Dovecot and GreenMail on 127.0.0.1, side by side (README.md).
# Run as root (Dovecot is started with a private configuration and mail is chowned to 'nobody').
# Arguments go to the driver, e.g.:  ./run-load.sh --measures 1,2 --runs 5 --seconds 5
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "run-load.sh must run as root (it starts Dovecot and chowns its mail to nobody)" >&2
  exit 1
fi
# Measure 4 holds 10,000 sessions: one socket each on the client and on the server side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files limit: $(ulimit -n)"

if ! command -v dovecot >/dev/null 2>&1; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q dovecot-core dovecot-pop3d
fi
dovecot --version

mvn -q -B -pl benchmarks -am package -DskipTests
exec java -Xmx1g -cp benchmarks/target/benchmarks.jar io.tanpopo.bench.load.LoadDriver "$@"
