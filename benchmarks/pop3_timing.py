#!/usr/bin/env python3
"""Times POP3 connections: connect -> greeting, and connect -> +OK after PASS.

Usage: pop3_timing.py LABEL HOST PORT REPETITIONS CAP_SECONDS
Prints one line per connection and a summary line "LABEL greeting ... login ...".
Every wait is bounded by CAP_SECONDS per connection (tcpserver may take ~2 minutes).
"""
import socket
import statistics
import sys
import time


def read_line(sock, deadline):
    data = b""
    while not data.endswith(b"\r\n") and not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no complete line before the cap")
        sock.settimeout(remaining)
        chunk = sock.recv(1)
        if not chunk:
            raise ConnectionError("closed after %r" % data)
        data += chunk
    return data.decode("ascii", "replace").strip()


def once(host, port, cap, user):
    start = time.monotonic()
    deadline = start + cap
    with socket.create_connection((host, port), timeout=cap) as sock:
        greeting = read_line(sock, deadline)
        t_greeting = time.monotonic() - start
        sock.sendall(("USER %s\r\n" % user).encode("ascii"))
        read_line(sock, deadline)
        sock.sendall(b"PASS secret\r\n")
        reply = read_line(sock, deadline)
        t_login = time.monotonic() - start
        sock.sendall(b"QUIT\r\n")
        try:
            read_line(sock, time.monotonic() + 5)
        except (TimeoutError, ConnectionError, OSError):
            pass
    if not greeting.startswith("+OK") or not reply.startswith("+OK"):
        raise RuntimeError("unexpected replies: %r / %r" % (greeting, reply))
    return t_greeting, t_login


def fmt(values):
    return "median %9.3f s  min %9.3f s  max %9.3f s" % (statistics.median(values), min(values), max(values))


def main():
    label, host, port, reps, cap = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
    greetings, logins = [], []
    for i in range(reps):
        try:
            # One user per connection: tanpopo releases a maildrop lock just after QUIT's +OK.
            g, l = once(host, port, cap, "user%d" % (i + 1))
        except Exception as e:  # report and go on: one stuck connection must not hide the others
            print("%-28s #%d failed: %s" % (label, i + 1, e), flush=True)
            continue
        greetings.append(g)
        logins.append(l)
        print("%-28s #%d greeting %9.3f s  +OK after PASS %9.3f s" % (label, i + 1, g, l), flush=True)
    if greetings:
        print("SUMMARY %-28s n=%d  greeting %s | login %s" % (label, len(greetings), fmt(greetings), fmt(logins)),
              flush=True)


if __name__ == "__main__":
    main()
