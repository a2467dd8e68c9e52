#!/usr/bin/env bash
# Boots a flash image on QEMU with the HES daemon on the other end of UART1.
#   hesd-run.sh [--state FILE] [--hesd-log FILE] [--no-hes] [--hesd-opt OPTION]...
#               -- <tools/qemu-run.sh arguments>
# Starts build/atoll-hesd on a fresh Unix socket under $BUILD/run/ (BUILD,
# default build) with the state file (default $BUILD/run/hes.state: created
# on the first run and kept, so the device identity and CPAK stay the same),
# waits for its "ready" line, runs qemu-run.sh with --hes-serial on that
# socket, and stops the daemon afterwards: also when QEMU fails, and on
# SIGINT/SIGTERM. --hesd-opt passes one option to the daemon (e.g.
# --hesd-opt --drop-after=4). --no-hes starts no daemon and leaves UART1
# without a backend (EL3 then finds no HES). Exit status: qemu-run.sh's, or
# 1 if the daemon did not start or did not stop cleanly.
set -uo pipefail

build=${BUILD:-build}
state=$build/run/hes.state hesd_log=$build/run/hesd.log no_hes=0 hesd_opts=()
while [ $# -gt 0 ]; do
	case $1 in
	--state) state=$2; shift 2 ;;
	--hesd-log) hesd_log=$2; shift 2 ;;
	--hesd-opt) hesd_opts+=("$2"); shift 2 ;;
	--no-hes) no_hes=1; shift ;;
	--) shift; break ;;
	*) echo "hesd-run: unknown option $1" >&2; exit 2 ;;
	esac
done
[ $# -ge 2 ] || { echo "hesd-run: usage: hesd-run.sh [options] -- <qemu-run.sh arguments>" >&2; exit 2; }

if [ $no_hes -eq 1 ]; then
	exec "$(dirname "$0")/qemu-run.sh" "$@"
fi

run_dir=$build/run
mkdir -p "$run_dir"
sock=$run_dir/hes-$$.sock ready=$run_dir/hesd-$$.ready
hesd_pid= qemu_pid=

# QEMU runs in a process group of its own (set -m below), so a signal to this
# script alone still ends it: the trap stops that whole group, then the daemon.
stop_qemu() {
	if [ -n "$qemu_pid" ]; then
		kill -TERM -- "-$qemu_pid" 2>/dev/null
		wait "$qemu_pid" 2>/dev/null
		qemu_pid=
	fi
}

stop_hesd() {
	local rc=0
	if [ -n "$hesd_pid" ]; then
		kill -TERM "$hesd_pid" 2>/dev/null
		wait "$hesd_pid" || rc=$?
		hesd_pid=
	fi
	rm -f "$ready"
	return $rc
}
trap 'stop_qemu; stop_hesd; exit 130' INT
trap 'stop_qemu; stop_hesd; exit 143' TERM

"$build/atoll-hesd" --state "$state" --listen "unix:$sock" --log "$hesd_log" "${hesd_opts[@]}" \
	>"$ready" &
hesd_pid=$!

# The daemon says "ready ENDPOINT" once QEMU can connect; 5 s is generous.
for _ in $(seq 250); do
	grep -q '^ready ' "$ready" 2>/dev/null && break
	kill -0 "$hesd_pid" 2>/dev/null || break
	sleep 0.02
done
if ! grep -q '^ready ' "$ready" 2>/dev/null; then
	echo "hesd-run: atoll-hesd did not start (state $state); last lines of $hesd_log:" >&2
	tail -n 5 "$hesd_log" >&2 2>/dev/null
	stop_hesd
	exit 1
fi

set -m
"$(dirname "$0")/qemu-run.sh" --hes-serial "unix:$sock" "$@" &
qemu_pid=$!
set +m
wait "$qemu_pid"
rc=$?
qemu_pid=
if ! stop_hesd; then
	echo "hesd-run: atoll-hesd did not stop cleanly (see $hesd_log)" >&2
	[ $rc -eq 0 ] && rc=1
fi
exit $rc
