#!/usr/bin/python3
"""A recording relay for the ml-channel tests: what the launcher and QEMU are
to the attested channel, an untrusted party in the middle of the byte stream.

  ml_relay.py --listen PATH --connect PATH --record PREFIX [--flip DIR:KIND:N]

Accepts one connection on PATH (the "in" side), connects to the other PATH
(the "out" side) and copies bytes both ways until both close, writing what
went each way to PREFIX.in (from the accepting side) and PREFIX.out. With
--flip it changes one byte, as a man in the middle would: the middle byte of
a TLS record of type application_data (23) going in direction DIR ("in" or
"out"), KIND "index" (the N-th such record, from 0) or "minlen" (the first
with at least N bytes of payload). It prints "flipped byte ..." when it did.
"""
import argparse
import os
import socket
import sys
import threading


class Flipper:
    def __init__(self, spec):
        self.direction, self.kind, n = spec.split(":")
        self.n = int(n)
        self.buf = bytearray()  # bytes seen but not yet forwarded: up to one record
        self.seen = 0           # application_data records seen
        self.done = False

    def feed(self, data):
        """Returns the bytes that may go on now (whole records, one changed)."""
        if self.done:
            return data
        self.buf += data
        out = bytearray()
        while len(self.buf) >= 5:
            length = int.from_bytes(self.buf[3:5], "big")
            if len(self.buf) < 5 + length:
                break
            record = self.buf[:5 + length]
            del self.buf[:5 + length]
            if record[0] == 23 and not self.done:
                hit = (self.seen == self.n) if self.kind == "index" else (length >= self.n)
                self.seen += 1
                if hit:
                    at = 5 + length // 2
                    record[at] ^= 0x01
                    self.done = True
                    print(f"flipped byte {at} of a {length}-byte application_data record "
                          f"going {self.direction}", flush=True)
            out += record
        if self.done:
            out += self.buf
            self.buf.clear()
        return bytes(out)


def pump(src, dst, record, flipper):
    with open(record, "wb") as rec:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            rec.write(data)
            if flipper is not None:
                data = flipper.feed(data)
            try:
                dst.sendall(data)
            except OSError:
                break
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", required=True)
    ap.add_argument("--connect", required=True)
    ap.add_argument("--record", required=True)
    ap.add_argument("--flip")
    args = ap.parse_args()
    flipper = Flipper(args.flip) if args.flip else None

    if os.path.exists(args.listen):
        os.unlink(args.listen)
    lsock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    lsock.bind(args.listen)
    lsock.listen(1)
    a, _ = lsock.accept()
    lsock.close()
    os.unlink(args.listen)
    b = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    for _ in range(500):
        try:
            b.connect(args.connect)
            break
        except (FileNotFoundError, ConnectionRefusedError):
            threading.Event().wait(0.02)
    else:
        print(f"ml_relay: cannot connect to {args.connect}", file=sys.stderr)
        return 1
    t_in = threading.Thread(target=pump, args=(a, b, args.record + ".in",
                            flipper if flipper and flipper.direction == "in" else None))
    t_out = threading.Thread(target=pump, args=(b, a, args.record + ".out",
                             flipper if flipper and flipper.direction == "out" else None))
    t_in.start()
    t_out.start()
    t_in.join()
    t_out.join()
    a.close()
    b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
