#!/bin/sh
# Benchmark (docs/resolution.md): time to greeting and to +OK after PASS under a DNS server
# that never answers, for tanpopo and for tcpserver (Debian ucspi-tcp) in its default mode and
# with -H -R. Everything runs inside a network namespace of its own (tp-bench) whose resolv.conf
# points at the black hole on 127.0.0.1:53, so tcpserver's own DNS client sees it too; only
# loopback is used. Needs root, ip(8), python3, tcpserver; build the jars first.
#
# One command, from the repository root:
#   mvn -o -q -DskipTests package && sudo sh benchmarks/resolver-vs-tcpserver.sh
#
# Takes about 4 minutes: tcpserver waits ~2 minutes per connection, so it gets 2 connections
# (per-connection cap 150 s); tanpopo gets 10. The four servers are measured at the same time.
set -eu

NS=tp-bench
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=${JAR:-$HERE/../server-app/target/tanpopo.jar}
BENCH_JAR=${BENCH_JAR:-$HERE/target/benchmarks.jar}
PY=$(command -v python3)
WORK=$(mktemp -d)
CAP=150
PIDS=""
HOLE=""

cleanup() {
    for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
    # Anything left inside the namespace was started by this script (tcpserver children).
    for pid in $(ip netns pids "$NS" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    ip netns delete "$NS" 2>/dev/null || true
    rm -rf "/etc/netns/$NS" "$WORK"
}
trap cleanup EXIT INT TERM

for jar in "$JAR" "$BENCH_JAR"; do
    [ -f "$jar" ] || { echo "build the jars first: mvn -o -q -DskipTests package" >&2; exit 1; }
done
ip netns add "$NS"
mkdir -p "/etc/netns/$NS"
echo "nameserver 127.0.0.1" > "/etc/netns/$NS/resolv.conf"
ip netns exec "$NS" ip link set lo up

inns() { ip netns exec "$NS" "$@"; }
start() { inns "$@" > "$WORK/log.$(echo "$*" | md5sum | cut -c1-8)" 2>&1 & PIDS="$PIDS $!"; }

# The DNS server that never answers; it writes the number of queries it got when terminated.
# Not through inns: $! must be the JVM itself (ip netns exec execs it) for the kill below.
ip netns exec "$NS" java -cp "$BENCH_JAR" io.tanpopo.bench.load.DnsBlackHole 127.0.0.1 53 "$WORK/queries" \
    > "$WORK/log.hole" 2>&1 &
HOLE=$!
PIDS="$PIDS $HOLE"
i=0
until grep -q listening "$WORK/log.hole" 2>/dev/null || [ $i -ge 300 ]; do
    i=$((i + 1)); sleep 0.1
done

# A trivial POP3-ish program for tcpserver: greeting, then +OK to everything until QUIT.
cat > "$WORK/pop3ish.sh" <<'PROG'
printf '+OK hi\r\n'
while read -r line; do
  case "$line" in
    QUIT*) printf '+OK bye\r\n'; exit 0 ;;
    *) printf '+OK\r\n' ;;
  esac
done
PROG
start tcpserver 127.0.0.1 2110 sh "$WORK/pop3ish.sh"
start tcpserver -H -R 127.0.0.1 2111 sh "$WORK/pop3ish.sh"

# tanpopo with the default strategies (hosts,local-ptr,dns) and with dns alone (every client
# goes to the black hole; the greeting must still not wait, the login at most resolver.deadline).
for mode in default dns; do
    port=2112; strategies="hosts,local-ptr,dns"
    [ "$mode" = dns ] && port=2113 && strategies=dns
    cat > "$WORK/tanpopo-$mode.properties" <<CONF
pop3.bind=127.0.0.1
pop3.port=$port
auth.users=$(seq -s, -f 'user%g:secret' 1 10)
resolver.strategies=$strategies
resolver.deadline=1s
CONF
    start java -Xmx128m -jar "$JAR" serve --config "$WORK/tanpopo-$mode.properties"
done

# Wait (bounded) until all four listen, without connecting: a probe connection would start a
# lookup, and tanpopo would then answer the measured logins from its cache.
for port in 2110 2111 2112 2113; do
    i=0
    until inns ss -Hltn "sport = :$port" | grep -q LISTEN || [ $i -ge 300 ]; do
        i=$((i + 1)); sleep 0.1
    done
done

inns "$PY" "$HERE/pop3_timing.py" "tcpserver (default)" 127.0.0.1 2110 2 $CAP > "$WORK/r1" &
M1=$!
inns "$PY" "$HERE/pop3_timing.py" "tcpserver -H -R" 127.0.0.1 2111 2 $CAP > "$WORK/r2" &
M2=$!
inns "$PY" "$HERE/pop3_timing.py" "tanpopo (hosts,local-ptr,dns)" 127.0.0.1 2112 10 $CAP > "$WORK/r3" &
M3=$!
inns "$PY" "$HERE/pop3_timing.py" "tanpopo (dns only)" 127.0.0.1 2113 10 $CAP > "$WORK/r4" &
M4=$!
wait $M1 $M2 $M3 $M4 || true

cat "$WORK/r1" "$WORK/r2" "$WORK/r3" "$WORK/r4"
kill "$HOLE" && wait "$HOLE" || true
echo "queries received by the black-holed DNS server: $(cat "$WORK/queries" 2>/dev/null || echo 0)"
