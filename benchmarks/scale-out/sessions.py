#!/usr/bin/env python3
"""Login, STAT, QUIT sessions through a POP3 address, from several client threads at once.

Bounded in count and in time: stops after --sessions sessions or --seconds seconds, whichever
comes first, and prints one line: sessions, failures, seconds, sessions/s.
"""
import argparse
import socket
import threading
import time


def session(host, port, user, password, timeout):
    with socket.create_connection((host, port), timeout=timeout) as s:
        f = s.makefile("rwb", buffering=0)
        for command in (None, b"USER " + user, b"PASS " + password, b"STAT", b"QUIT"):
            if command is not None:
                f.write(command + b"\r\n")
            line = f.readline(512)
            if not line.startswith(b"+OK"):
                raise IOError("unexpected reply %r" % line)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--sessions", type=int, default=4000)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--users", type=int, default=8, help="user1..userN, password pw, one per client thread")
    a = p.parse_args()
    lock = threading.Lock()
    counts = {"started": 0, "done": 0, "failed": 0}
    deadline = time.monotonic() + a.seconds

    def worker(n):
        user = b"user%d" % (n % a.users + 1)
        while time.monotonic() < deadline:
            with lock:
                if counts["started"] >= a.sessions:
                    return
                counts["started"] += 1
            try:
                session(a.host, a.port, user, b"pw", 10)
                key = "done"
            except (OSError, IOError):
                key = "failed"
            with lock:
                counts[key] += 1

    start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(a.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - start
    print("sessions=%d failed=%d seconds=%.2f sessions_per_s=%.0f"
          % (counts["done"], counts["failed"], took, counts["done"] / took))


if __name__ == "__main__":
    main()
