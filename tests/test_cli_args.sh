#!/bin/sh
# Issue 10: the command line as a contract.  Every row of
# tests/cli/args.tbl is one command line with the exit status and a piece
# of the message (stdout and stderr) it must give.  The bad ones are
# refused with exit 2 before any packet; the good ones (bracketed IPv6,
# IPv4-mapped, a zone id, names) reach the reference target and pass;
# an unreachable UDP port ends at once with exit 3 (ICMP).
#
# It all runs inside a network namespace with only loopback (unshare -n):
# a parser that misreads an address cannot send a packet off the machine.
# Where the machine does not allow one, the test is skipped.
#
# Table: RC | TEXT | ARGS.  ARGS are split on spaces; in each, \r, \n,
# \t, \0NNN are the bytes (printf %b) and \040 a space.  @P@ is the
# port of the target, @D@ one nothing listens on.  A row whose RC is
# prefixed with "<N:" must also end within N seconds.
#
# shellcheck shell=sh
srcdir=$(cd "${srcdir:-.}" && pwd)
bin=${SIPCONFORM:-../src/sipconform}
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
tbl="$srcdir/cli/args.tbl"

if [ "${1:-}" != --inside ]; then
	[ -x "$bin" ] || { echo "ERROR: no $bin"; exit 99; }
	[ -x "$target" ] || { echo "ERROR: no $target"; exit 99; }
	if ! unshare -n true 2>/dev/null; then
		echo "SKIP: no network namespace (unshare -n) on this machine"
		exit 77
	fi
	exec unshare -n sh "$0" --inside
fi

ip link set lo up || { echo "ERROR: cannot bring lo up"; exit 99; }
# a link-local address to name with a zone id: [fe80::1%lo]
ip addr add fe80::1/64 dev lo nodad 2>/dev/null ||
	ip addr add fe80::1/64 dev lo || { echo "ERROR: no fe80::1 on lo"; exit 99; }

tmp=$(mktemp -d) || exit 99
tpid=""
trap '[ -z "$tpid" ] || kill "$tpid" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

# the target on the wildcard of both families: 127.0.0.1, ::1, fe80::1
timeout 900 "$target" --port 0 --listen :: >"$tmp/target.log" 2>&1 &
tpid=$!
port=""
n=0
while [ $n -lt 250 ] && [ -z "$port" ]; do
	port=$(sed -n 's/^listening udp:\[::\]:\([0-9][0-9]*\) .*/\1/p' \
		"$tmp/target.log")
	[ -n "$port" ] && break
	sleep 0.02
	n=$((n + 1))
done
[ -n "$port" ] || { echo "ERROR: the target did not start"; cat "$tmp/target.log"; exit 99; }
dead=5999

now_ms() { echo $(($(date +%s%N) / 1000000)); }

pass=0 fail=0 row=0
set -f
while IFS='|' read -r rc text args; do
	case $rc in '#'*|'') continue ;; esac
	rc=$(printf '%s' "$rc" | tr -d ' \t')
	text=$(printf '%s' "$text" | sed 's/^ *//; s/ *$//')
	limit=""
	case $rc in '<'*) limit=${rc#<}; limit=${limit%%:*}; rc=${rc#*:} ;; esac
	row=$((row + 1))

	# shellcheck disable=SC2086
	set -- $args
	n=$#
	i=0
	while [ $i -lt $n ]; do
		a=$(printf '%s' "$1" | sed "s/@P@/$port/g; s/@D@/$dead/g")
		a=$(printf '%bx' "$a")
		a=${a%x}
		shift
		set -- "$@" "$a"
		i=$((i + 1))
	done

	t0=$(now_ms)
	timeout 60 "$bin" --timeout 2 "$@" >"$tmp/out" 2>&1
	got=$?
	ms=$(($(now_ms) - t0))
	why=""
	[ "$got" = "$rc" ] || why="exit $got, not $rc"
	grep -q -F -e "$text" "$tmp/out" || why="${why:+$why; }no '$text'"
	if [ "$rc" = 2 ] && grep -q "$(printf '\033')" "$tmp/out"; then
		why="${why:+$why; }an escape sequence (libre's debug output)"
	fi
	if [ -n "$limit" ] && [ "$ms" -ge $((limit * 1000)) ]; then
		why="${why:+$why; }took $ms ms (limit ${limit} s)"
	fi
	if [ -z "$why" ]; then
		pass=$((pass + 1))
		printf 'ok    %s: %s -> %s\n' "$row" "$args" "$got"
	else
		fail=$((fail + 1))
		printf 'FAIL  %s: %s: %s\n' "$row" "$args" "$why"
		sed 's/^/      | /' "$tmp/out" | head -n 6
	fi
done <"$tbl"

echo "test_cli_args: $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
