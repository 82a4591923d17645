#!/usr/bin/env bash
# Sessions/s (login, STAT, QUIT) through a real HAProxy (TCP mode, send-proxy-v2, leastconn)
# to one and then two tanpopo instances on one maildir root, three runs each (docs/scale-out.md).
# Needs haproxy, python3 and a JDK; builds the service jar. Arguments go to sessions.py,
# e.g.:  ./run.sh --clients 8 --sessions 4000 --seconds 20
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
command -v haproxy >/dev/null || { echo "haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 1; }
mvn -q -B -o -pl server-app -am package -Dmaven.test.skip=true
jar="$(pwd)/server-app/target/tanpopo.jar"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

users=""
for n in 1 2 3 4 5 6 7 8; do
  mkdir -p "$work/mail/user$n/"{cur,new,tmp}
  printf 'Subject: %s\r\n\r\nbody\r\n' "$n" > "$work/mail/user$n/new/1700000000.M$n.bench"
  users="$users${users:+,}user$n:pw"
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ports=()
for i in 1 2; do
  port=$(free_port)
  ports+=("$port")
  cat > "$work/instance$i.properties" <<PROPS
pop3.bind=127.0.0.1
pop3.port=$port
pop3.hostname=instance$i
auth.users=$users
auth.failure-delay=0s
store=maildir
store.maildir.path=$work/mail/{user}
store.maildir.lock=exclusive
proxy.trusted=127.0.0.1
tls.enabled=false
metrics.jmx=false
PROPS
  java -Xmx256m -jar "$jar" serve --config "$work/instance$i.properties" > "$work/instance$i.log" 2>&1 &
  pids+=("$!")
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 100); do
    python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 1).close()" 2>/dev/null && break
    sleep 0.2
  done
done

measure() { # $1: number of instances; the rest goes to sessions.py
  local count=$1 front servers="" hp
  shift
  front=$(free_port)
  for i in $(seq 1 "$count"); do
    servers="$servers  server s$i 127.0.0.1:${ports[$((i-1))]} check"$'\n'
  done
  cat > "$work/haproxy$count.cfg" <<CFG
defaults
  mode tcp
  timeout connect 2s
  timeout client 30s
  timeout server 30s
frontend pop3
  bind 127.0.0.1:$front
  default_backend pop3
backend pop3
  balance leastconn
  option tcp-check
  tcp-check expect string +OK
  tcp-check send-binary 515549540d0a
  tcp-check expect string +OK
  default-server inter 2s send-proxy-v2
$servers
CFG
  haproxy -db -f "$work/haproxy$count.cfg" > "$work/haproxy$count.log" 2>&1 &
  hp=$!
  sleep 1 # haproxy binds before its first check; the checks are not what is measured
  for run in 1 2 3; do
    echo "instances=$count run=$run $(python3 "$here/sessions.py" --port "$front" "$@")"
  done
  kill "$hp"; wait "$hp" 2>/dev/null || true
}
# One unreported pass through both instances first, so that neither JVM is measured cold.
measure 2 "$@" > /dev/null
measure 1 "$@"
measure 2 "$@"
