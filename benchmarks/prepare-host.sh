# Sourced by run-load.sh and compare-revisions.sh: what the load driver needs of the host.
# Root, as Dovecot is started with a private configuration and its mail is chowned to 'nobody'.
if [ "$(id -u)" -ne 0 ]; then
  echo "$(basename "$0") must run as root (it starts Dovecot and chowns its mail to nobody)" >&2
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
