# Shell test helpers, sourced: check NAME CMD... runs CMD and counts it as
# passed or failed; check_finish SUITE prints the closing line and sets the status.
passed=0 failed=0

check() {
	local name=$1
	shift
	if "$@"; then
		echo "PASS $name"
		passed=$((passed + 1))
	else
		echo "FAIL $name"
		failed=$((failed + 1))
	fi
}

check_finish() {
	echo "$1: $passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
