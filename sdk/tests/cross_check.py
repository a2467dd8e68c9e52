#!/usr/bin/python3
"""Independent check of a CCA token, sharing no code with libatoll.

    cross_check.py TOKEN REFS_JSON [CHALLENGE_HEX]

Decodes the token with cbor2 (tag 399: {44234: platform, 44241: realm}, each
a tagged COSE_Sign1), verifies the realm token's ES384 signature under the
RAK it carries and the platform token's under the CPAK of REFS_JSON with
python3-cryptography, checks the binding (platform challenge = SHA-256 of
the RAK's COSE_Key bytes) and that the RIM and challenge are what REFS_JSON
and CHALLENGE_HEX say. Prints "cross-check: ok" and exits 0, or names the
first failure and exits 1.
"""
import hashlib
import json
import sys

import cbor2
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

ES384 = -35
REALM_CHALLENGE, REALM_RIM, REALM_RAK = 10, 44238, 44237
PLAT_CHALLENGE = 10


class Refused(Exception):
    pass


def require(cond, what):
    if not cond:
        raise Refused(what)


def sign1(raw, what):
    item = cbor2.loads(raw)
    require(isinstance(item, cbor2.CBORTag) and item.tag == 18, f"{what}: not a tagged COSE_Sign1")
    require(isinstance(item.value, list) and len(item.value) == 4, f"{what}: not 4 elements")
    protected, _unprotected, payload, signature = item.value
    require(cbor2.loads(protected) == {1: ES384}, f"{what}: algorithm is not ES384")
    require(isinstance(signature, bytes) and len(signature) == 96, f"{what}: signature size")
    return protected, payload, signature


def verify_es384(public_key, protected, payload, signature, what):
    to_sign = cbor2.dumps(["Signature1", protected, b"", payload])
    der = encode_dss_signature(int.from_bytes(signature[:48], "big"),
                               int.from_bytes(signature[48:], "big"))
    try:
        public_key.verify(der, to_sign, ec.ECDSA(hashes.SHA384()))
    except InvalidSignature:
        raise Refused(f"{what}: ES384 signature does not verify")


def p384(x, y, what):
    try:
        return ec.EllipticCurvePublicNumbers(int.from_bytes(x, "big"), int.from_bytes(y, "big"),
                                             ec.SECP384R1()).public_key()
    except ValueError:
        raise Refused(f"{what}: not a P-384 point")


def check(token, refs, challenge):
    top = cbor2.loads(token)
    require(isinstance(top, cbor2.CBORTag) and top.tag == 399, "not a CCA token (tag 399)")
    require(isinstance(top.value, dict) and set(top.value) == {44234, 44241}, "not the two tokens")
    r_prot, r_payload, r_sig = sign1(top.value[44241], "realm token")
    p_prot, p_payload, p_sig = sign1(top.value[44234], "platform token")
    realm = cbor2.loads(r_payload)
    rak_bytes = realm[REALM_RAK]
    rak = cbor2.loads(rak_bytes)
    require(rak.get(1) == 2 and rak.get(-1) == 2, "RAK: not an EC2 P-384 COSE_Key")
    verify_es384(p384(rak[-2], rak[-3], "RAK"), r_prot, r_payload, r_sig, "realm token")
    plat = cbor2.loads(p_payload)
    require(plat[PLAT_CHALLENGE] == hashlib.sha256(rak_bytes).digest(),
            "binding: platform challenge is not SHA-256 of the RAK's COSE_Key")
    sec1 = bytes.fromhex(refs["cpak"]["sec1"])
    verify_es384(p384(sec1[1:49], sec1[49:], "CPAK"), p_prot, p_payload, p_sig, "platform token")
    require(realm[REALM_RIM].hex() == refs["realm"]["rim"], "RIM is not the refs' RIM")
    if challenge is not None:
        require(realm[REALM_CHALLENGE] == challenge, "realm challenge differs")


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    token = open(sys.argv[1], "rb").read()
    refs = json.load(open(sys.argv[2]))
    challenge = bytes.fromhex(sys.argv[3]) if len(sys.argv) == 4 else None
    try:
        check(token, refs, challenge)
    except (Refused, cbor2.CBORDecodeError, KeyError, TypeError, ValueError) as e:
        print(f"cross-check: refused: {e}")
        return 1
    print("cross-check: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
