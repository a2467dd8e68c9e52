#!/usr/bin/env bash
# docs/sdk.md's example, compiled against an install of libatoll into a
# temporary DESTDIR with `pkg-config --cflags --libs atoll`, then run on the
# simulator against its own refs.json (it must print "ok: verified").
#   example.sh BUILD   Ends with "example: N passed, M failed".
set -uo pipefail

build=${1:-build}
work=$(mktemp -d /tmp/atoll-example.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

prefix=/usr/local
root=$work/root
t=example_install
if make -s install BUILD="$build" DESTDIR="$root" PREFIX="$prefix" >"$work/install.log" 2>&1 &&
	[ -f "$root$prefix/include/atoll/atoll.h" ] && [ -f "$root$prefix/include/atoll/psa_attest.h" ] &&
	[ -f "$root$prefix/lib/libatoll.a" ] && [ -L "$root$prefix/lib/libatoll.so" ] &&
	[ -x "$root$prefix/bin/atoll" ] && [ -f "$root$prefix/lib/pkgconfig/atoll.pc" ]; then
	pass $t
else
	fail $t "$(tail -5 "$work/install.log")"
fi

# The installed atoll finds atoll run's runtime in PREFIX/share/atoll (a bad image is refused
# there, after the runtime is found and before anything boots).
t=example_installed_run_finds_its_runtime
out=$("$root$prefix/bin/atoll" run "$root$prefix/lib/pkgconfig/atoll.pc" --state "$work/x.state" 2>&1)
if [ $? -eq 1 ] && [[ $out == *"realm image refused"* ]] &&
	[ -x "$root$prefix/share/atoll/hesd-run.sh" ] && [ -x "$root$prefix/share/atoll/atoll-hesd" ]; then
	pass $t
else
	fail $t "$out"
fi

# The program between "## Example"'s ```c and ``` in docs/sdk.md.
sed -n '/^## Example/,/^```$/p' docs/sdk.md | sed -n '/^```c$/,/^```$/p' | sed '1d;$d' >"$work/example.c"
t=example_is_20_to_40_lines
n=$(wc -l <"$work/example.c")
[ "$n" -ge 20 ] && [ "$n" -le 40 ] && pass $t || fail $t "$n lines"

export PKG_CONFIG_PATH=$root$prefix/lib/pkgconfig
pc() { pkg-config --define-variable=prefix="$root$prefix" "$@" atoll; }
t=example_builds_with_pkg_config
if gcc -std=c11 -Wall -Wextra -Werror "$work/example.c" $(pc --cflags) $(pc --libs) \
	-o "$work/example" 2>"$work/cc.log"; then
	pass $t
else
	fail $t "$(head -5 "$work/cc.log")"
fi
t=example_builds_static
if gcc -std=c11 -Wall -Wextra -Werror "$work/example.c" $(pc --cflags) -static-libgcc \
	"$root$prefix/lib/libatoll.a" $(pc --static --libs-only-l | sed 's/-latoll//') \
	-o "$work/example-static" 2>"$work/cc-static.log"; then
	pass $t
else
	fail $t "$(head -5 "$work/cc-static.log")"
fi

export ATOLL_SIM_DIR=$work/sim
t=example_verifies_a_sim_token
"$root$prefix/bin/atoll" refs --sim -o "$work/refs.json" 2>"$work/refs.err"
out=$(LD_LIBRARY_PATH=$root$prefix/lib "$work/example" "$work/refs.json" 2>&1)
[ $? -eq 0 ] && [ "$out" = "ok: verified" ] && pass $t || fail $t "$out"
t=example_static_refuses_other_refs
printf '{}' >"$work/empty.json"
out=$("$work/example-static" "$work/empty.json" 2>&1)
[ $? -eq 1 ] && pass $t || fail $t "$out"

echo "example: $passed passed, $failed failed"
[ $failed -eq 0 ]
