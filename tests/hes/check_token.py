#!/usr/bin/python3
"""Checks a CCA platform token from hes/ with independent code (cbor2, cryptography).

    check_token.py TOKEN CPAK_PUB CHALLENGE LIFECYCLE SW_TYPES

TOKEN, CPAK_PUB (97-byte SEC1 point) and CHALLENGE are files; LIFECYCLE an
integer; SW_TYPES the expected sw_type of each sw-component, comma
separated. Run by tests/hes/token_test.c; exits 0 if every check passes.
"""
import hashlib
import sys

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

PROFILE = "tag:arm.com,2023:cca_platform#1.0.0"
CLAIM_ORDER = [265, 10, 2396, 256, 2401, 2395, 2399, 2402]
SWC_KEYS = [5, 4, 1, 6, 2]
HASH_LEN = {"sha-256": 32, "sha-384": 48, "sha-512": 64}


def check(cond, what):
    if not cond:
        print(f"check_token: {what}")
        sys.exit(1)


def check_sw_components(swcs, sw_types):
    check(isinstance(swcs, list) and len(swcs) == len(sw_types), "sw-component count")
    for swc, sw_type in zip(swcs, sw_types):
        check(list(swc.keys()) == SWC_KEYS, f"sw-component keys {list(swc.keys())}")
        check(swc[1] == sw_type, f"sw_type {swc[1]!r} != {sw_type!r}")
        check(swc[6] in HASH_LEN and len(swc[2]) == HASH_LEN[swc[6]], "measurement length")
        check(isinstance(swc[5], bytes) and isinstance(swc[4], str), "signer id / version types")


def check_signature(sign1, cpak_pub):
    sig = sign1[3]
    check(len(sig) == 96, "signature length")
    tbs = cbor2.dumps(["Signature1", sign1[0], b"", sign1[2]])
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP384R1(), cpak_pub)
    der = encode_dss_signature(int.from_bytes(sig[:48], "big"), int.from_bytes(sig[48:], "big"))
    try:
        key.verify(der, tbs, ec.ECDSA(hashes.SHA384()))
    except InvalidSignature:
        check(False, "ES384 signature does not verify with the CPAK")


def main():
    token, cpak_pub, challenge = (open(p, "rb").read() for p in sys.argv[1:4])
    lifecycle = int(sys.argv[4], 0)
    sw_types = sys.argv[5].split(",") if sys.argv[5] else []
    tag = cbor2.loads(token)
    check(isinstance(tag, cbor2.CBORTag) and tag.tag == 18, "not a tagged COSE_Sign1")
    sign1 = tag.value
    check(isinstance(sign1, list) and len(sign1) == 4, "COSE_Sign1 is not an array of 4")
    check(cbor2.loads(sign1[0]) == {1: -35} and sign1[1] == {}, "headers are not ES384 / empty")
    claims = cbor2.loads(sign1[2])
    keys = list(claims.keys())
    check(keys in (CLAIM_ORDER, CLAIM_ORDER + [2400]), f"claims {keys}")
    check(claims[265] == PROFILE, "profile")
    check(claims[10] == challenge, "challenge")
    check(len(claims[2396]) == 32, "implementation id")
    check(claims[256] == b"\x01" + hashlib.sha256(cpak_pub).digest(), "instance id")
    check(isinstance(claims[2401], bytes), "platform config")
    check(claims[2395] == lifecycle, "lifecycle")
    check(claims[2402] in HASH_LEN, "hash algorithm id")
    check_sw_components(claims[2399], sw_types)
    check_signature(sign1, cpak_pub)
    print("check_token: ok")


main()
