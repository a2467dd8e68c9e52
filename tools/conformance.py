#!/usr/bin/python3
"""Failure-condition table: checks tests/conformance/conditions.tsv against the tests and
regenerates docs/conformance.md from both (docs/conformance.md explains the format).

A test covers a condition CMD.label when its name is the lower-case command, '_' and the
label (rtt_create_level_4 covers RTT_CREATE.level_4), or when it carries a tag
'/* covers: CMD.label[, CMD.label...] */', either inside the test's function body or on the
line of the test-table row that registers it. A covering test must exist and have passed
in the last run (build/unit-tests.log, build/system-tests.log).

Fails (the closing line counts failures) when a condition has no passing test and no
recorded reason, a reason is recorded for a condition that has a test, a tag names an
unknown condition or no test, or docs/conformance.md differs from what the sources give.
--write regenerates the document instead of comparing.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys

CONDITIONS = "tests/conformance/conditions.tsv"
DOC = "docs/conformance.md"
DOC_HEAD = "tests/conformance/doc-head.md"

# covers: IDS, or covers(test): IDS on a row line that registers several tests.
TAG = re.compile(r"covers(?:\(([a-z0-9_]+)\))?:\s*([A-Za-z0-9_., ]+?)\s*\*/")
# A cmocka test-table entry after preprocessing: { "name", function, ... (the name may be
# adjacent string literals, "rtt_read_entry_" "level_4").
ENTRY = re.compile(r'\{\s*((?:"[a-z0-9_]*"\s*)+),\s*[a-z_][a-z0-9_]*\s*,')
UNIT_FN = re.compile(r"^(?:static\s+)?void\s+([a-z_][a-z0-9_]*)\s*\(\s*void\s*\*\*\s*state\s*\)")
FW_TEST = re.compile(r"^TEST\(([a-z_][a-z0-9_]*)\)")

# Suites whose tests can cover a condition: sources, how their logs name a passed test.
FW_SUITES = (
    ("tests/system", re.compile(r"^PASS ([a-z0-9_]+)$"), "system-tests.log"),
    ("realm/payloads/rsi_tests", re.compile(r"^rsi_tests: PASS ([a-z0-9_]+)$"), "system-tests.log"),
)
UNIT_PASSED = re.compile(r"^\[\s+OK \] ([a-z0-9_]+)$")


class Checker:
    def __init__(self):
        self.errors = []
        self.tests = {}   # name -> source file (tests that exist in a source and passed)
        self.tags = []    # (file, line, test name, condition id)

    def error(self, msg):
        self.errors.append(msg)

    # ---- conditions ----------------------------------------------------------------
    def read_conditions(self):
        rows, seen = [], set()
        with open(CONDITIONS) as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line or line.startswith("#"):
                    continue
                cols = line.split("\t")
                if len(cols) not in (4, 5) or "." not in cols[0]:
                    self.error(f"{CONDITIONS}:{n}: want id, order, status, condition[, reason]")
                    continue
                if cols[0] in seen:
                    self.error(f"{CONDITIONS}:{n}: {cols[0]} listed twice")
                seen.add(cols[0])
                rows.append({"id": cols[0], "cmd": cols[0].split(".")[0], "order": cols[1],
                             "status": cols[2], "text": cols[3],
                             "reason": cols[4] if len(cols) == 5 else ""})
        return rows

    # ---- tests -----------------------------------------------------------------------
    def passed(self, log, pattern):
        path = os.path.join(self.build, log)
        if not os.path.exists(path):
            self.error(f"{path} is missing: run the test suites first")
            return set()
        with open(path, errors="replace") as f:
            return {m.group(1) for m in map(pattern.match, f.read().splitlines()) if m}

    def scan_unit(self, cppflags):
        passed = self.passed("unit-tests.log", UNIT_PASSED)
        for name in sorted(os.listdir("tests/unit")):
            if not name.endswith(".c"):
                continue
            path = os.path.join("tests/unit", name)
            # The preprocessor expands the row macros into the names cmocka registers;
            # -CC keeps the tags, also those inside macro arguments.
            out = subprocess.run(["gcc", "-E", "-CC", "-P"] + cppflags + [path],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                self.error(f"cannot preprocess {path}: {out.stderr.strip()[:300]}")
                continue
            self.scan_unit_text(path, out.stdout, passed)

    def scan_unit_text(self, path, text, passed):
        fn, pending = None, []
        for line in text.splitlines():
            m = UNIT_FN.match(line)
            if m and not line.rstrip().endswith(";"):
                fn = m.group(1)
            elif line.startswith("}"):
                fn = None
            names, line_names = [], []
            for m in re.finditer(ENTRY.pattern + "|" + TAG.pattern, line):
                if m.group(1):
                    test = "".join(re.findall(r'"([a-z0-9_]*)"', m.group(1)))
                    if test in passed:
                        self.tests[test] = path
                    names.append(test)
                    line_names.append(test)
                    continue
                only, ids = m.group(2), m.group(3)
                if names:
                    self.bind(path, names, only, ids)
                elif fn:
                    self.bind(path, [fn], only, ids)
                else:
                    pending.append((only, ids))  # a tag line above a test-table row
                names = []
            if line_names:
                for only, ids in pending:
                    self.bind(path, line_names, only, ids)
                pending = []
        for only, ids in pending:
            self.error(f"{path}: tag 'covers: {ids}' is in no test and before no test row")

    def bind(self, path, tests, only, ids):
        if only:
            if only not in tests:
                self.error(f"{path}: 'covers({only})' is not on the row of test {only}")
            tests = [only]
        for test in tests:
            self.add_tags(path, test, ids)

    def scan_fw(self):
        for src, pattern, log in FW_SUITES:
            passed = self.passed(log, pattern)
            for name in sorted(os.listdir(src)):
                if not name.endswith(".c"):
                    continue
                path = os.path.join(src, name)
                test = None
                with open(path) as f:
                    for line in f:
                        m = FW_TEST.match(line)
                        if m:
                            test = m.group(1)
                            if test in passed:
                                self.tests[test] = path
                        for t in TAG.finditer(line):
                            if test is None:
                                self.error(f"{path}: tag '{t.group(0)}' before any TEST()")
                            else:
                                self.add_tags(path, test, t.group(2))

    def add_tags(self, path, test, ids):
        for cid in filter(None, (s.strip() for s in ids.split(","))):
            self.tags.append((path, test, cid))

    # ---- the table --------------------------------------------------------------------
    def cover(self, rows):
        by_id = {r["id"]: r for r in rows}
        prefixes = {}
        for r in rows:
            r["tests"] = []
            prefixes.setdefault(r["cmd"].lower() + "_", r["cmd"])
        for path, test, cid in self.tags:
            if cid not in by_id:
                self.error(f"{path}: {test} covers unknown condition {cid}")
            elif test not in self.tests:
                self.error(f"{path}: {test}, tagged for {cid}, is not a test that passed")
            else:
                by_id[cid]["tests"].append(test)
        for test in self.tests:
            for prefix, cmd in prefixes.items():
                cid = cmd + "." + test[len(prefix):]
                if test.startswith(prefix) and cid in by_id:
                    by_id[cid]["tests"].append(test)
        for r in rows:
            r["tests"] = sorted(set(r["tests"]))
            if r["reason"] and r["tests"]:
                self.error(f"{r['id']} is listed as uncovered ({r['reason']}) but "
                           f"{', '.join(r['tests'])} covers it: drop the reason")

    def render(self, rows):
        with open(DOC_HEAD) as f:
            out = [f.read().rstrip("\n"), ""]
        covered = sum(1 for r in rows if r["tests"])
        cmds = list(dict.fromkeys(r["cmd"] for r in rows))
        out.append(f"{len(rows)} failure conditions of {len(cmds)} commands; {covered} covered, "
                   f"{sum(1 for r in rows if r['reason'])} uncovered with a reason, "
                   f"{sum(1 for r in rows if not r['tests'] and not r['reason'])} uncovered "
                   "without one.")
        for cmd in cmds:
            out += ["", f"## {cmd}", "",
                    "| condition | spec's words | status | order | tests |",
                    "|---|---|---|---|---|"]
            for r in (r for r in rows if r["cmd"] == cmd):
                tests = "<br>".join(f"`{self.tests[t]}:{t}`" for t in r["tests"])
                if not tests:
                    tests = "**uncovered**: " + (r["reason"] or "no test")
                out.append(f"| `{r['id'].split('.', 1)[1]}` | {r['text']} | {r['status']} | "
                           f"{r['order']} | {tests} |")
        return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--write", action="store_true", help=f"regenerate {DOC}")
    args = ap.parse_args()
    c = Checker()
    c.build = args.build
    cppflags = shlex.split(os.environ.get("UNIT_CPPFLAGS", ""))
    if not cppflags:
        print("ERROR UNIT_CPPFLAGS is not set: run it through make (make test, make conformance-doc),"
              " which passes the unit tests' preprocessor flags")
        print("conformance: 0 passed, 1 failed")
        return 1
    rows = c.read_conditions()
    c.scan_unit(cppflags)
    c.scan_fw()
    c.cover(rows)
    doc = c.render(rows)
    if args.write:
        with open(DOC, "w") as f:
            f.write(doc)
    elif not os.path.exists(DOC) or open(DOC).read() != doc:
        c.error(f"{DOC} is stale: regenerate it with `make conformance-doc` and commit it")
    missing = [r for r in rows if not r["tests"] and not r["reason"]]
    for r in missing:
        print(f"UNCOVERED {r['id']}: {r['text']} (no passing test is named after it or tagged)")
    for e in c.errors:
        print(f"ERROR {e}")
    waived = sum(1 for r in rows if r["reason"])
    if waived:
        print(f"conformance: {waived} conditions uncovered with a reason (see {DOC})")
    covered = sum(1 for r in rows if r["tests"])
    failed = len(missing) + len(c.errors)
    print(f"conformance: {covered} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
