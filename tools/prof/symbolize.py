#!/usr/bin/env python3
"""Per-function view of insnprof.so's counts (tools/profile.sh).

symbolize.py COUNTS REALM_BASE_SYMBOL IMAGE.elf... [-l LABEL]... [-n TOP] [-a]
COUNTS is the plugin's output. Each ELF's function symbols (nm -n) name the
addresses; the realm program (copied to IPA 0 from the host image) is named
from the symbols after REALM_BASE_SYMBOL, rebased to 0. Per label: the
instructions per window, split by image, and the top functions. -a also
lists every address of the top functions (per window).
"""
import bisect
import os
import subprocess
import sys

# Label names: enum bench_id's order (PROFILE_NAMES, from bench.c), 40 = first token.
NAMES = dict(enumerate(os.environ.get("PROFILE_NAMES", "").split()))
NAMES[40] = "ATTESTATION_TOKEN_FIRST"


def symbols(elf, nm):
    out = subprocess.run([nm, "-n", elf], capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwWrR" and not parts[2].startswith("$"):
            syms.append((int(parts[0], 16), parts[2]))
    return syms


def main(argv):
    labels, top, addrs, files = [], 25, False, []
    it = iter(argv)
    for a in it:
        if a == "-l":
            labels.append(int(next(it)))
        elif a == "-n":
            top = int(next(it))
        elif a == "-a":
            addrs = True
        else:
            files.append(a)
    counts_path, realm_sym, elfs = files[0], files[1], files[2:]
    nm = os.environ.get("NM", "aarch64-linux-gnu-nm")
    table = []
    for elf in elfs:
        image = os.path.basename(elf).split(".")[0]
        syms = symbols(elf, nm)
        for va, name in syms:
            table.append((va, image, name))
        base = [va for va, name in syms if name == realm_sym]
        if base:
            for va, name in syms:
                if va >= base[0] and name.startswith(("bench_", "prof_", "token")):
                    table.append((va - base[0], "realm", name))
    table.sort()
    keys = [t[0] for t in table]

    def where(va):
        i = bisect.bisect_right(keys, va) - 1
        if i < 0:
            return ("?", "?")
        return (table[i][1], table[i][2])

    windows, data = {}, {}
    cur = None
    with open(counts_path) as f:
        for line in f:
            p = line.split()
            if p[0] == "window":
                cur = int(p[1])
                windows[cur] = int(p[2])
                data[cur] = []
            else:
                data[cur].append((int(p[0], 16), int(p[1])))
    for lbl in sorted(windows):
        if labels and lbl not in labels:
            continue
        w = windows[lbl]
        total = sum(c for _, c in data[lbl])
        by_image, by_fn, fn_addrs = {}, {}, {}
        for va, c in data[lbl]:
            image, fn = where(va)
            by_image[image] = by_image.get(image, 0) + c
            by_fn[(image, fn)] = by_fn.get((image, fn), 0) + c
            fn_addrs.setdefault((image, fn), []).append((va, c))
        name = NAMES.get(lbl, str(lbl))
        print(f"== label {name}: {w} windows, {total / w:.0f} instructions per window")
        print("   " + ", ".join(f"{k} {v / w:.0f}" for k, v in
                                 sorted(by_image.items(), key=lambda x: -x[1])))
        for (image, fn), c in sorted(by_fn.items(), key=lambda x: -x[1])[:top]:
            print(f"   {c / w:10.1f}  {image:10s} {fn}")
            if addrs:
                for va, n in fn_addrs[(image, fn)]:
                    print(f"                 {va:x} {n / w:.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
