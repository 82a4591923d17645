#!/usr/bin/env python3
"""A DNS server that never answers: receives UDP datagrams on HOST:PORT and drops them.

Usage: blackhole_dns.py HOST PORT COUNT_FILE   (writes the number of queries received to COUNT_FILE)
"""
import socket
import sys

host, port, count_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((host, port))
count = 0
while True:
    sock.recvfrom(4096)
    count += 1
    with open(count_file, "w") as f:
        f.write("%d\n" % count)
