#!/usr/bin/python3
"""A recording relay between two Unix sockets, for looking at what the ML
example's untrusted host passes on (docs/demo-ml.md).

    ml_tap.py LISTEN UPSTREAM RECORD

Listens at LISTEN; for each connection (one at a time, until killed) it
connects to UPSTREAM (retrying for up to 30 s), relays both ways and appends
every byte it relays, either way, to RECORD.
"""
import os
import select
import socket
import sys
import time


def connect(path, seconds=30.0):
    end = time.time() + seconds
    while True:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(path)
            return s
        except OSError:
            s.close()
            if time.time() > end:
                raise
            time.sleep(0.1)


def relay(a, b, record):
    peers = {a: b, b: a}
    while True:
        ready, _, _ = select.select([a, b], [], [])
        for s in ready:
            data = s.recv(65536)
            if not data:
                return
            record.write(data)
            record.flush()
            peers[s].sendall(data)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: ml_tap.py LISTEN UPSTREAM RECORD")
    listen, upstream, record_path = sys.argv[1:]
    if os.path.exists(listen):
        os.unlink(listen)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(listen)
    server.listen(1)
    with open(record_path, "ab") as record:
        while True:
            a, _ = server.accept()
            try:
                b = connect(upstream)
            except OSError as e:
                print(f"ml-tap: {upstream}: {e}", file=sys.stderr)
                a.close()
                continue
            try:
                relay(a, b, record)
            except OSError:
                pass
            a.close()
            b.close()


if __name__ == "__main__":
    main()
