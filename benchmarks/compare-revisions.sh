#!/usr/bin/env bash
# Before/after figures, same machine, same sitting: builds the benchmarks jar of git revision REV
# (in a temporary worktree, removed afterwards) and of the working tree, then runs each jar's own
# load driver alternately, one run at a time, and prints one table (README.md, "Before and after").
#
#   sudo benchmarks/compare-revisions.sh REV [--runs 3] [driver options]
#   sudo benchmarks/compare-revisions.sh 4070dfd --runs 3 --measures 1,2,3,5,6,7
#
# --runs N: runs per jar (default 3), alternating before, after, before, after ...; every driver
# run gets --runs 1. The other options go to both drivers as given (see Options.java). --work DIR
# keeps the runs' logs, results and the table there (default: a new directory under /tmp).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
if [ "$#" -lt 1 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
rev="$(git -C "$repo" rev-parse --short "$1^{commit}")"
shift
. "$here/prepare-host.sh"

work=""
options=()
while [ "$#" -gt 0 ]; do
  if [ "$1" = --work ] && [ "$#" -ge 2 ]; then work="$2"; shift 2; else options+=("$1"); shift; fi
done
[ -n "$work" ] || work="$(mktemp -d /tmp/tpcompare.XXXXXX)"
mkdir -p "$work"
chmod 755 "$work"

tree="$(mktemp -d)"
cleanup() {
  git -C "$repo" worktree remove --force "$tree/before" 2>/dev/null || true
  rm -rf "$tree"
}
trap cleanup EXIT INT TERM

echo "building the benchmarks jar of $rev"
git -C "$repo" worktree add --quiet --detach "$tree/before" "$rev"
(cd "$tree/before" && mvn -B -o -q -pl benchmarks -am package -DskipTests)
cp "$tree/before/benchmarks/target/benchmarks.jar" "$work/before.jar"
echo "building the benchmarks jar of the working tree"
(cd "$repo" && mvn -B -o -q -pl benchmarks -am package -DskipTests)
cp "$repo/benchmarks/target/benchmarks.jar" "$work/after.jar"

java -cp "$work/after.jar" io.tanpopo.bench.compare.CompareRevisions \
  "$rev" "$work/before.jar" "working-tree" "$work/after.jar" "$work" ${options[@]+"${options[@]}"}
