# Shell helpers for the tests that run sipconform against real peers on
# 127.0.0.1 (SIPp, kamailio, baresip, the reference target, tests/responder).
# Sourced, never run, right after the script sets $srcdir:
#
#   srcdir=$(cd "${srcdir:-.}" && pwd)
#   . "$srcdir/lib.sh"
#   peer_test           # a test that starts peers: skip in distcheck
#
# The sourcing script sets $known_bugs, then calls lib_init, which makes
# $tmp and the EXIT trap.  Every peer runs under timeout(1), in a process
# group of its own (timeout makes one), so that stopping it -- or the
# script dying -- never leaves a child behind: stop_peer ends exactly that
# group.
#
# shellcheck shell=sh disable=SC2154

# The programs under test, from the build directory the test runs in
bin=${SIPCONFORM:-../src/sipconform}
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
responder=${RESPONDER:-./responder}

# scripts/test runs the peer tests in two full builds; its distcheck pass
# checks the packaging and sets SIPCONFORM_SKIP_PEER_TESTS to save the
# third run
peer_test() {
	if [ -n "${SIPCONFORM_SKIP_PEER_TESTS:-}" ]; then
		echo "SKIP: SIPCONFORM_SKIP_PEER_TESTS is set"
		exit 77
	fi
}

pass=0 fail=0 xfail=0
peers=""                # process groups (pids of timeout) still running

lib_init() {
	for tool in jq ss timeout od pgrep; do
		command -v "$tool" >/dev/null 2>&1 ||
			{ echo "ERROR: $tool not installed (scripts/deps)"; exit 99; }
	done
	[ -x "$bin" ] || { echo "ERROR: no $bin"; exit 99; }
	tmp=$(mktemp -d) || exit 99
	trap 'stop_peers; rm -rf "$tmp"' EXIT
	trap 'exit 99' HUP INT TERM
	# Rules by level from the catalogue: "id LEVEL" per line
	"$bin" --list-rules | awk '{ print $1, $2 }' >"$tmp/levels"
	t0=$(now_ms)
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

ok()   { pass=$((pass + 1)); echo "ok    $*"; }
bad()  { fail=$((fail + 1)); echo "FAIL  $*"; }
skip() { echo "skip  $*"; }

# judge NAME PASSED DETAIL: ok/bad, or the known-bug bookkeeping; returns
# 1 when the case counts as failed.  $known_bugs: "case-name: why" lines.
# A listed case that fails counts as an expected failure; one that passes
# is an error, so that the entry is removed with the fix.
judge() {
	why=$(printf '%s\n' "$known_bugs" |
	      awk -v n="$1: " 'index($0, n) == 1 { print substr($0, length(n) + 1) }')
	if [ -z "$why" ]; then
		if [ "$2" = 0 ]; then ok "$1: $3"; else bad "$1: $3"; fi
	elif [ "$2" = 0 ]; then
		bad "$1: passes, but is listed as a known bug ($why): $3"
	else
		xfail=$((xfail + 1))
		echo "XFAIL $1: $3 [known bug: $why]"
		return 0
	fi
	[ "$2" = 0 ]
}

# The summary line and the exit status; $1 is the test's name
finish() {
	[ $xfail = 0 ] || echo "($xfail expected failures: known sipconform bugs)"
	echo "runtime $(( ($(now_ms) - t0) / 1000 )) s"
	echo "$1: $pass passed, $fail failed"
	[ $fail = 0 ]
}

# A port in 20000-31999 with nothing bound to it: below Linux's ephemeral
# range, so sipconform's own sockets cannot take it meanwhile.
# $1: u (UDP), t (TCP) or ut (both)
free_port() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 12000))
		case $1 in *u*) ss -Hlnu "sport = :$p" | grep -q . && continue ;; esac
		case $1 in *t*) ss -Hlnt "sport = :$p" | grep -q . && continue ;; esac
		echo "$p"
		return 0
	done
	return 1
}

# start_peer NAME SECONDS CMD...: CMD in the background under timeout
# (at most SECONDS), output in $tmp/NAME.log; the process group (the pid
# of timeout) in $peer and in $peers
start_peer() {
	name=$1 secs=$2
	shift 2
	timeout -k 3 "$secs" "$@" >"$tmp/$name.log" 2>&1 </dev/null &
	peer=$!
	peers="$peers $peer"
}

# stop_peer PGID: TERM, a second TERM for peers that take the first as
# "shut down cleanly" (baresip unregisters), then KILL; only that group
stop_peer() {
	g=$1
	[ -n "$g" ] || return 0
	kill "$g" 2>/dev/null
	n=0
	while kill -0 "$g" 2>/dev/null && [ $n -lt 30 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	if kill -0 "$g" 2>/dev/null; then
		# timeout ignores TERM once it has passed one on
		kill -TERM -- "-$g" 2>/dev/null
		n=0
		while kill -0 "$g" 2>/dev/null && [ $n -lt 20 ]; do
			sleep 0.05
			n=$((n + 1))
		done
		kill -KILL -- "-$g" 2>/dev/null
	fi
	wait "$g" 2>/dev/null
	rest=""
	for p in $peers; do [ "$p" = "$g" ] || rest="$rest $p"; done
	peers=$rest
}

stop_peers() {
	for p in $peers; do stop_peer "$p"; done
}

# owns_port PGID PORT u|t: 0 if a process of group PGID is bound to PORT;
# 1 nobody is (yet); 2 the group is gone or someone else holds the port.
# When ss cannot show owners (not root, another user's process), a bound
# port counts as ours.
owns_port() {
	kill -0 "$1" 2>/dev/null || return 2
	line=$(ss -Hln"$3"p "sport = :$2")
	[ -n "$line" ] || return 1
	case "$line" in *users:*) ;; *) return 0 ;; esac
	for p in $(pgrep -g "$1"); do
		case "$line" in *"pid=$p,"*) return 0 ;; esac
	done
	return 2
}

# wait_ports PGID PORT PROTOS: up to 5 s for the group to bind PORT on
# each of PROTOS (u, t or ut)
wait_ports() {
	for pr in $(printf '%s' "$3" | sed 's/./& /g'); do
		n=0
		while :; do
			owns_port "$1" "$2" "$pr"
			case $? in
			0) break ;;
			2) return 1 ;;
			esac
			[ $n -lt 100 ] || return 1
			sleep 0.05
			n=$((n + 1))
		done
	done
	return 0
}

# The sorted, comma-joined rule ids of level $1 in report $2
fired() {
	jq -r --arg l "$1" '.scenarios[].findings[] | select(.level == $l)
		| .rule' "$2" | sort -u | paste -sd, -
}

# The rule ids of level $2 in the comma-separated list $1
rules_of_level() {
	printf '%s' "$1" | tr , '\n' | grep -v '^-$' |
		while read -r r; do
			awk -v r="$r" -v l="$2" '$1 == r && $2 == l { print r }' \
				"$tmp/levels"
		done | sort -u | paste -sd, -
}

# run_sipconform ARGS...: the JSON report in $tmp/report.json, exit code
# in $rc, each scenario's trace in $tmp/trace/
run_sipconform() {
	rm -rf "$tmp/report.json" "$tmp/trace"
	mkdir -p "$tmp/trace"
	timeout 90 "$bin" --format json --output "$tmp/report.json" \
		--save-trace "$tmp/trace" "$@" 2>"$tmp/stderr"
	rc=$?
	[ -s "$tmp/report.json" ] || echo '{}' >"$tmp/report.json"
}

# check NAME WANT-EXIT WANT-RULES [JQ-ASSERTION]: the verdict of the run
# just made (run_sipconform).  Real stacks, no false alarms: the rules
# that fired must be exactly WANT-RULES ("-" for none), SHOULD as well
# as MUST.  JQ-ASSERTION, if given, must hold on the report too.
check() {
	name=$1 want=$2 rules=$3 assertion=${4:-true}
	rep="$tmp/report.json"
	must=$(fired MUST "$rep")
	should=$(fired SHOULD "$rep")
	want_must=$(rules_of_level "$rules" MUST)
	want_should=$(rules_of_level "$rules" SHOULD)
	unknown=""
	for r in $(printf '%s' "$rules" | tr , ' '); do
		[ "$r" = - ] && continue
		grep -q "^$r " "$tmp/levels" || unknown="$unknown $r"
	done
	detail="exit $rc (want $want), MUST {$must}, SHOULD {$should}"
	st=0
	[ "$rc" = "$want" ] || st=1
	[ "$must" = "$want_must" ] ||
		{ st=1; detail="$detail, want MUST {$want_must}"; }
	[ "$should" = "$want_should" ] ||
		{ st=1; detail="$detail, want SHOULD {$want_should}"; }
	[ -z "$unknown" ] ||
		{ st=1; detail="$detail, not in the catalogue:$unknown"; }
	if ! jq -e --argjson rc "$rc" '.tool == "sipconform" and
	    (.scenarios | length) >= 1 and .exit_code == $rc' "$rep" \
	    >/dev/null 2>&1; then
		st=1
		detail="$detail, report not valid JSON or exit_code differs"
	elif ! jq -e "$assertion" "$rep" >/dev/null 2>&1; then
		st=1
		detail="$detail, report fails: $assertion"
	fi
	judge "$name" $st "$detail" || show_run
}

# After a failed check: the report, sipconform's stderr and the exchange
show_run() {
	echo "  --- report"
	cat "$tmp/report.json"
	echo "  --- stderr"
	cat "$tmp/stderr"
	set +f
	for t in "$tmp"/trace/*.trace; do
		[ -f "$t" ] || continue
		echo "  --- sipconform judge --verbose ${t##*/}"
		"$bin" judge --verbose "$t" 2>&1 | sed -n '/exchange:/,$p'
	done
	set -f
	echo "  ---"
}

# --- kamailio ---------------------------------------------------------

# The directory of kamailio's modules (tm.so...): $KAMAILIO_MODULES, what
# dpkg says the package installed, or the usual places
kamailio_modules() {
	if [ -n "${KAMAILIO_MODULES:-}" ]; then
		echo "$KAMAILIO_MODULES"
		return 0
	fi
	d=$(dpkg -L kamailio 2>/dev/null | grep '/modules/tm\.so$' | head -n 1)
	if [ -n "$d" ]; then
		echo "${d%/tm.so}"
		return 0
	fi
	for d in /usr/lib/*/kamailio/modules /usr/lib/kamailio/modules \
		 /usr/lib64/kamailio/modules /usr/local/lib/kamailio/modules \
		 /usr/local/lib64/kamailio/modules; do
		[ -f "$d/tm.so" ] && { echo "$d"; return 0; }
	done
	return 1
}

# start_kamailio CFG [KAMAILIO-ARGS...]: kamailio in the foreground
# (-DD: no daemon, -E: log to stderr) on 127.0.0.1:$kport, UDP and TCP,
# with a working and runtime directory of its own (no pid, FIFO or
# control socket anywhere else) and little memory.  Its process group in
# $kam; the log in $tmp/kamailio-$kport.log.
start_kamailio() {
	cfg=$1
	shift
	kmods=$(kamailio_modules) ||
		{ echo "cannot find kamailio's modules (set KAMAILIO_MODULES)"; return 1; }
	for _ in 1 2 3 4 5; do
		kport=$(free_port ut) || return 1
		kdir="$tmp/kamailio-$kport"
		mkdir -p "$kdir"
		start_peer "kamailio-$kport" 300 kamailio -f "$cfg" -L "$kmods" \
			-l "udp:127.0.0.1:$kport" -l "tcp:127.0.0.1:$kport" \
			-w "$kdir" -Y "$kdir" -P "$kdir/kamailio.pid" \
			-m 32 -M 8 -DD -E "$@"
		kam=$peer
		wait_ports "$kam" "$kport" ut && return 0
		stop_peer "$kam"     # bind failed or never ready: another port
	done
	echo "cannot start kamailio; its last words:"
	tail -n 5 "$tmp/kamailio-$kport.log"
	return 1
}

# ref_target ARGS...: the reference target ($target) on 127.0.0.1, a
# free port, ARGS added; its port in $tport, its log $tmp/target.log
# (the issue 10 tests; target_lib.sh has its own, for both families)
ref_target() {
	start_peer target 300 "$target" --listen 127.0.0.1 --port 0 "$@"
	tport="" n=0
	while [ -z "$tport" ] && [ $n -lt 250 ]; do
		sleep 0.02
		tport=$(sed -n 's/^listening udp:127\.0\.0\.1:\([0-9]*\).*/\1/p' \
			"$tmp/target.log")
		n=$((n + 1))
	done
	[ -n "$tport" ] || { echo "cannot start $target"; exit 99; }
}
