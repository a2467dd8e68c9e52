#!/usr/bin/python3
"""PROTOCOL STUB FOR BRING-UP ONLY. This is NOT the HES.

It speaks the byte protocol of TF-A's RSE client (embed requests and replies,
docs/hes-tfa.md and shared/hes.md section 1) over TCP so that the EL3 side of
QEMU_HES=1 can be brought up before the real HES daemon exists. It has no
keys worth the name: the delegated key is a fixed number, the platform token
is unsigned (96 zero bytes as signature) and the VHUKs are plain hashes. Never
use it for anything but checking the TF-A patches.

  /usr/bin/python3 tools/hes-stub.py [--port 5002] [--log FILE] [--exit-after N]

It listens on 127.0.0.1:PORT; QEMU connects with its second serial port
(tools/qemu-run.sh --hes-serial tcp:127.0.0.1:PORT). Every request and reply
is logged (hex and decoded). When QEMU goes away, the measurements are
forgotten and the stub waits for the next boot.
"""

import argparse
import hashlib
import socket
import struct
import sys

# PSA status codes
SUCCESS = 0
NOT_PERMITTED = -133
INVALID_ARGUMENT = -135
INVALID_HANDLE = -136
BAD_STATE = -137
BUFFER_TOO_SMALL = -138
DOES_NOT_EXIST = -140

SID_MEASURED_BOOT = 0x40000110
SID_DELEGATED_ATTEST = 0x40000111
SID_VHUK = 0x40000115

PSA_ALG = {0x02000009: "sha256", 0x0200000A: "sha384", 0x0200000B: "sha512"}

# A fixed P-384 private scalar (big-endian, below the group order).
STUB_DAK = bytes(range(1, 49))

NUM_SLOTS = 32


def hexs(b):
    return " ".join("%02x" % x for x in b)


class Slot:
    def __init__(self):
        self.value = None
        self.alg = 0
        self.signer_id = b""
        self.version = b""
        self.sw_type = b""
        self.locked = False


class Stub:
    def __init__(self, log):
        self.log = log
        self.reset()

    def reset(self):
        self.slots = [Slot() for _ in range(NUM_SLOTS)]
        self.dak_requested = False

    # -- services ------------------------------------------------------
    def mb_extend(self, ins, caps):
        if len(ins) != 4 or caps:
            return INVALID_ARGUMENT, []
        ext, signer_id, version, value = ins
        if len(ext) != 44:
            return INVALID_ARGUMENT, []
        index, lock, alg = ext[0], ext[1], struct.unpack_from("<I", ext, 4)[0]
        sw_type_size = ext[40]
        if sw_type_size > 32 or alg not in PSA_ALG or index >= NUM_SLOTS:
            return INVALID_ARGUMENT, []
        if not 32 <= len(value) <= 64 or len(version) > 14:
            return INVALID_ARGUMENT, []
        sw_type = ext[8:8 + sw_type_size]
        self.log("  EXTEND slot %u lock %u alg %s sw_type %r version %r" %
                 (index, lock, PSA_ALG[alg], sw_type.decode(errors="replace"),
                  version.decode(errors="replace")))
        self.log("         signer_id %s" % signer_id.hex())
        self.log("         value     %s" % value.hex())
        s = self.slots[index]
        if s.locked:
            return BAD_STATE, []
        h = hashlib.new(PSA_ALG[alg])
        if s.value is None:
            s.alg, s.signer_id = alg, signer_id
            old = bytes(h.digest_size)
        else:
            if alg != s.alg or signer_id != s.signer_id:
                return NOT_PERMITTED, []
            old = s.value
        h.update(old + value)
        s.value = h.digest()
        s.sw_type, s.version = sw_type, version
        s.locked = s.locked or lock != 0
        self.log("         slot now  %s" % s.value.hex())
        return SUCCESS, []

    def mb_read(self, ins, caps):
        if len(ins) != 1 or len(caps) != 3 or len(ins[0]) != 3:
            return INVALID_ARGUMENT, []
        index = ins[0][0]
        if index >= NUM_SLOTS:
            return INVALID_ARGUMENT, []
        s = self.slots[index]
        if s.value is None:
            return DOES_NOT_EXIST, []
        out = bytearray(56)
        out[0] = int(s.locked)
        struct.pack_into("<I", out, 4, s.alg)
        out[8:8 + len(s.sw_type)] = s.sw_type
        out[40] = len(s.sw_type)
        out[41:41 + len(s.version)] = s.version
        out[55] = len(s.version)
        return SUCCESS, [bytes(out), s.signer_id, s.value]

    def get_delegated_key(self, ins, caps):
        if len(ins) != 3 or len(caps) != 1 or [len(x) for x in ins] != [1, 4, 4]:
            return INVALID_ARGUMENT, []
        curve = ins[0][0]
        bits, alg = struct.unpack("<I", ins[1])[0], struct.unpack("<I", ins[2])[0]
        self.log("  GET_DELEGATED_KEY curve 0x%02x bits %u hash_alg 0x%08x" % (curve, bits, alg))
        self.dak_requested = True
        return SUCCESS, [STUB_DAK]

    def cbor_head(self, major, n):
        if n < 24:
            return bytes([major << 5 | n])
        for ai, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
            if n < 1 << (8 * struct.calcsize(fmt)):
                return bytes([major << 5 | ai]) + struct.pack(fmt, n)
        raise ValueError(n)

    def cbor(self, v):
        if isinstance(v, int):
            return self.cbor_head(0, v) if v >= 0 else self.cbor_head(1, -1 - v)
        if isinstance(v, bytes):
            return self.cbor_head(2, len(v)) + v
        if isinstance(v, str):
            b = v.encode()
            return self.cbor_head(3, len(b)) + b
        if isinstance(v, list):
            return self.cbor_head(4, len(v)) + b"".join(self.cbor(x) for x in v)
        if isinstance(v, dict):
            return self.cbor_head(5, len(v)) + b"".join(
                self.cbor(k) + self.cbor(x) for k, x in v.items())
        raise TypeError(v)

    def get_platform_token(self, ins, caps):
        if len(ins) != 1 or len(caps) != 1:
            return INVALID_ARGUMENT, []
        challenge = ins[0]
        self.log("  GET_PLATFORM_TOKEN challenge (%u bytes) %s" % (len(challenge), challenge.hex()))
        if not self.dak_requested or len(challenge) not in (32, 48, 64):
            return INVALID_ARGUMENT, []
        comps = []
        for s in self.slots:
            if s.value is not None:
                comps.append({1: s.sw_type.decode(errors="replace"), 2: s.value,
                              5: s.signer_id, 6: PSA_ALG[s.alg].replace("sha", "sha-")})
        claims = {265: "tag:arm.com,2023:cca_platform#1.0.0", 10: challenge,
                  2396: bytes(32), 256: b"\x01" + bytes(32), 2401: b"STUB",
                  2395: 0x3000, 2399: comps, 2402: "sha-256"}
        # #6.18([protected {1: -35}, {}, payload, signature]); unsigned stub.
        token = (b"\xd2\x84" + self.cbor(b"\xa1\x01\x38\x22") + b"\xa0" +
                 self.cbor(self.cbor(claims)) + self.cbor(bytes(96)))
        if len(token) > caps[0]:
            return BUFFER_TOO_SMALL, []
        return SUCCESS, [token]

    def get_vhuk(self, ins, caps):
        if len(ins) != 1 or len(caps) != 1 or len(ins[0]) != 1:
            return INVALID_ARGUMENT, []
        key_id = ins[0][0]
        self.log("  GET_VHUK id %u (%s)" % (key_id, {1: "VHUK_A", 2: "VHUK_M"}.get(key_id, "?")))
        used = [s for s in self.slots if s.value is not None]
        if key_id == 1:
            data = b"STUB VHUK_A" + b"".join(s.signer_id + s.sw_type for s in used)
        elif key_id == 2:
            data = b"STUB VHUK_M" + b"".join(s.value for s in used)
        else:
            return INVALID_ARGUMENT, []
        if caps[0] < 32:
            return BUFFER_TOO_SMALL, []
        return SUCCESS, [hashlib.sha256(data).digest()]

    SERVICES = {
        (SID_MEASURED_BOOT, 1002): mb_extend,
        (SID_MEASURED_BOOT, 1001): mb_read,
        (SID_DELEGATED_ATTEST, 1001): get_delegated_key,
        (SID_DELEGATED_ATTEST, 1002): get_platform_token,
        (SID_VHUK, 1006): get_vhuk,
    }

    def call(self, handle, ptype, ins, caps):
        fn = self.SERVICES.get((handle, ptype))
        if fn is None:
            known = any(h == handle for h, _ in self.SERVICES)
            return (-134 if known else INVALID_HANDLE), []   # NOT_SUPPORTED
        return fn(self, ins, caps)


def read_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def serve(conn, stub, log, limit):
    count = 0
    while True:
        hdr = read_exact(conn, 4)
        if hdr is None:
            return count
        ver, seq, client = hdr[0], hdr[1], struct.unpack_from("<H", hdr, 2)[0]
        if ver != 0:
            log("!! protocol_ver %u (not embed), header %s: dropping the connection" % (ver, hexs(hdr)))
            return count
        fixed = read_exact(conn, 16)
        if fixed is None:
            return count
        handle, ctrl = struct.unpack_from("<iI", fixed, 0)
        io_size = struct.unpack_from("<4H", fixed, 8)
        ptype, out_len, in_len = ctrl & 0xFFFF, (ctrl >> 16) & 7, (ctrl >> 24) & 7
        if in_len + out_len > 4 or ctrl & 0xF8F80000:
            log("!! bad ctrl_param 0x%08x: dropping the connection" % ctrl)
            return count
        trailer = read_exact(conn, sum(io_size[:in_len]))
        if trailer is None:
            return count
        req = hdr + fixed + trailer
        count += 1
        log("<< request %u: %u bytes: ver %u seq %u client %u handle 0x%08x ctrl 0x%08x "
            "(type %u, in %u, out %u) io_size %s" %
            (count, len(req), ver, seq, client, handle & 0xFFFFFFFF, ctrl, ptype, in_len,
             out_len, list(io_size[:in_len + out_len])))
        log("   " + hexs(req))
        ins, off = [], 0
        for n in io_size[:in_len]:
            ins.append(trailer[off:off + n])
            off += n
        caps = list(io_size[in_len:in_len + out_len])
        status, outs = stub.call(handle, ptype, ins, caps)
        if status != SUCCESS:
            outs = []
        sizes = [len(o) for o in outs] + [0] * (4 - len(outs))
        reply = hdr + struct.pack("<i4H", status, *sizes) + b"".join(outs)
        log(">> reply: status %d, out_size %s, %u bytes" % (status, sizes, len(reply)))
        log("   " + hexs(reply[:64]) + (" ..." if len(reply) > 64 else ""))
        conn.sendall(reply)
        if limit and count >= limit:
            log("-- --exit-after %u reached: going away" % limit)
            return -1


def main():
    ap = argparse.ArgumentParser(description="HES protocol stub for bring-up (not the HES)")
    ap.add_argument("--port", type=int, default=5002)
    ap.add_argument("--log", help="also append the log to this file")
    ap.add_argument("--exit-after", type=int, default=0,
                    help="close the connection and exit after N requests (an HES dying mid-boot)")
    args = ap.parse_args()

    logf = open(args.log, "a") if args.log else None

    def log(msg):
        print(msg, flush=True)
        if logf:
            logf.write(msg + "\n")
            logf.flush()

    stub = Stub(log)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(1)
    log("hes-stub (PROTOCOL STUB, NOT THE HES) listening on 127.0.0.1:%u" % args.port)
    while True:
        conn, peer = srv.accept()
        log("-- connected: %s:%u (new boot: slots cleared)" % peer)
        stub.reset()
        with conn:
            n = serve(conn, stub, log, args.exit_after)
        if n < 0:
            return 0
        log("-- disconnected after %u requests" % n)


if __name__ == "__main__":
    sys.exit(main())
