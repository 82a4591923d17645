#!/usr/bin/env bash
# JMH benchmarks of tanpopo's hot paths (see README.md). Short runs by default; any arguments are
# passed to JMH instead (e.g. ./run-jmh.sh -wi 5 -i 10 -f 2 Dispatch).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."
mvn -q -B -pl benchmarks -am package -DskipTests
if [ "$#" -eq 0 ]; then
  set -- -wi 2 -i 3 -f 1 -w 2s -r 2s
fi
exec java -jar benchmarks/target/benchmarks.jar "$@"
