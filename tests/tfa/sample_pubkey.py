#!/usr/bin/python3
"""The stock TF-A path's RAK public key (firmware/tf-a/patches/0009) is the
public key of TF-A's fixed sample key: both arrays are read from the patched
qemu_realm_attest_key.c and checked with python3-cryptography.

Usage: sample_pubkey.py TF-A-SOURCE-DIR; last line "tfa-sample-key: N passed, M failed".
"""
import re
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec


def array(src, name):
    m = re.search(r"static const uint8_t %s\[\] = \{(.*?)\};" % name, src, re.S)
    if m is None:
        raise SystemExit("tfa-sample-key: no array %s in the source" % name)
    return bytes(int(b, 16) for b in re.findall(r"0x([0-9A-Fa-f]{2})", m.group(1)))


def main():
    path = sys.argv[1] + "/plat/qemu/common/qemu_realm_attest_key.c"
    src = open(path).read()
    priv = array(src, "sample_delegated_key")
    pub = array(src, "sample_delegated_pub_key")
    key = ec.derive_private_key(int.from_bytes(priv, "big"), ec.SECP384R1())
    want = key.public_key().public_bytes(serialization.Encoding.X962,
                                         serialization.PublicFormat.UncompressedPoint)
    checks = [
        ("the public key is 97 bytes, SEC1 uncompressed", len(pub) == 97 and pub[0] == 4),
        ("the public key is the sample key's", pub == want),
    ]
    failed = 0
    for what, ok in checks:
        print("%s: %s" % ("PASS" if ok else "FAIL", what))
        failed += not ok
    print("tfa-sample-key: %d passed, %d failed" % (len(checks) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
