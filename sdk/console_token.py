#!/usr/bin/python3
"""The last CCA token a realm host printed in a console log, as a binary file.

    console_token.py LOG OUT

The demo prints the token in hex lines between "-----BEGIN CCA TOKEN-----"
(followed by its size, "(N bytes)") and "-----END CCA TOKEN-----"; so does
atoll-attest -x in a Linux realm guest, whose lines the launcher prefixes
("linux: [N ms] "). Inside the block, a line of hex (after such a prefix) is
token data; other lines are the host's own messages printed meanwhile (its
periodic statistics) and are skipped. The bytes must add up to the size the
BEGIN line gives. Exit 1, with a message, if the log has no complete token
block or the block does not hold that many bytes.
"""
import re
import sys

HEX_LINE = re.compile(r"^(?:[\w-]+: (?:\[\d+ ms\] )?)?([0-9a-f]+)$")
SIZE = re.compile(r"-----BEGIN CCA TOKEN----- \((\d+) bytes\)")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    lines = [line.strip() for line in open(sys.argv[1], errors="replace")]
    begins = [i for i, line in enumerate(lines) if "-----BEGIN CCA TOKEN-----" in line]
    ends = [i for i, line in enumerate(lines) if "-----END CCA TOKEN-----" in line]
    if not begins or not ends or ends[-1] < begins[-1]:
        print(f"console_token: {sys.argv[1]}: no complete CCA token block", file=sys.stderr)
        return 1
    words = [m.group(1) for m in map(HEX_LINE.match, lines[begins[-1] + 1:ends[-1]]) if m]
    if any(len(w) % 2 for w in words):
        print(f"console_token: {sys.argv[1]}: a line of the token block has an odd number of hex digits",
              file=sys.stderr)
        return 1
    token = bytes.fromhex("".join(words))
    size = SIZE.search(lines[begins[-1]])
    if size and int(size.group(1)) != len(token):
        print(f"console_token: {sys.argv[1]}: the block holds {len(token)} bytes, its BEGIN line says "
              f"{size.group(1)}", file=sys.stderr)
        return 1
    open(sys.argv[2], "wb").write(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
