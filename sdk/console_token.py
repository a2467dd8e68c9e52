#!/usr/bin/python3
"""The last CCA token a realm host printed in a console log, as a binary file.

    console_token.py LOG OUT

The demo prints the token in hex lines between "-----BEGIN CCA TOKEN-----"
(followed by its size) and "-----END CCA TOKEN-----"; so does atoll-attest -x
in a Linux realm guest, whose lines the launcher prefixes ("linux: [N ms] "):
the hex is the last word of each line. Exit 1, with a message, if the log has
no complete token block.
"""
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    lines = [line.strip() for line in open(sys.argv[1], errors="replace")]
    begins = [i for i, line in enumerate(lines) if "-----BEGIN CCA TOKEN-----" in line]
    ends = [i for i, line in enumerate(lines) if "-----END CCA TOKEN-----" in line]
    if not begins or not ends or ends[-1] < begins[-1]:
        print(f"console_token: {sys.argv[1]}: no complete CCA token block", file=sys.stderr)
        return 1
    try:
        token = bytes.fromhex("".join(line.split()[-1] for line in lines[begins[-1] + 1:ends[-1]]
                                      if line))
    except ValueError:
        print(f"console_token: {sys.argv[1]}: a line of the token block is not hex", file=sys.stderr)
        return 1
    open(sys.argv[2], "wb").write(token)
    return 0


if __name__ == "__main__":
    sys.exit(main())
