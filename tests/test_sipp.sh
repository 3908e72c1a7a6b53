#!/bin/sh
# sipconform against live targets on 127.0.0.1: SIPp as UAS (its stock
# uas scenario, and the scenarios in tests/sipp/ that misbehave on
# purpose), and tests/responder for the bytes SIPp refuses to send.
#
# Each case checks the exit code and the findings of the JSON report:
# the MUST rules that fired must be exactly the expected ones, and every
# expected SHOULD must be there (other SHOULD warnings are allowed).
# Every peer gets a free port, every command runs under timeout, and
# the EXIT trap stops whatever is still running.  Skips (77) only when
# SIPp is not installed.
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
# scripts/test runs the peer tests in two full builds; its distcheck pass
# checks the packaging and sets this to save the third run
if [ -n "${SIPCONFORM_SKIP_PEER_TESTS:-}" ]; then
	echo "SKIP: SIPCONFORM_SKIP_PEER_TESTS is set"
	exit 77
fi
bin=${SIPCONFORM:-../src/sipconform}
responder=${RESPONDER:-./responder}
xsd="$srcdir/junit.xsd"
pass=0 fail=0 xfail=0

set -f                  # case arguments are split on spaces, never globbed

command -v sipp >/dev/null 2>&1 || { echo "SKIP: sipp not installed"; exit 77; }
for tool in jq ss timeout od; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "ERROR: $tool not installed (scripts/deps)"; exit 99; }
done
[ -x "$bin" ] || { echo "ERROR: no $bin"; exit 99; }
[ -x "$responder" ] || { echo "ERROR: no $responder"; exit 99; }

tmp=$(mktemp -d) || exit 99
peer=""                 # pid of the SIPp or responder running now

stop_peer() {
	[ -n "$peer" ] || return 0
	kill "$peer" 2>/dev/null
	n=0
	while kill -0 "$peer" 2>/dev/null && [ $n -lt 40 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	kill -9 "$peer" 2>/dev/null
	wait "$peer" 2>/dev/null
	peer=""
}
trap 'stop_peer; rm -rf "$tmp"' EXIT
trap 'exit 99' HUP INT TERM

ok()  { pass=$((pass + 1)); echo "ok    $*"; }
bad() { fail=$((fail + 1)); echo "FAIL  $*"; }

# Known sipconform bugs, reported and not yet fixed: "case-name: why".
# A listed case that fails counts as an expected failure; one that
# passes is an error, so that the entry gets removed with the fix.
known_bugs="
"

# judge NAME PASSED DETAIL: ok/bad, or the known-bug bookkeeping
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
	fi
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# A port in 20000-31999 with nothing bound to it: below Linux's ephemeral
# range, so sipconform's own sockets cannot take it meanwhile.
# $1: u (UDP) or t (TCP)
free_port() {
	for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 12000))
		if ! ss -Hln"$1" "sport = :$p" | grep -q .; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# Is $peer (alive, and) bound to port $1 ($2: u or t)?  When ss can show
# owners, the owner must be $peer: the port was free a moment ago, but
# another process may have taken it since.
bound() {
	kill -0 "$peer" 2>/dev/null || return 2
	line=$(ss -Hln"$2"p "sport = :$1")
	[ -n "$line" ] || return 1
	case "$line" in
	*"pid=$peer,"*) return 0 ;;
	*users:*) return 2 ;;
	*) return 0 ;;
	esac
}

# start_sipp u|t SIPP-ARGS...: SIPp as UAS on 127.0.0.1:$port, pid in
# $peer.  SIPp runs in the foreground of a background job (-nostdin), so
# $! is its pid; -timeout bounds it even if this script were killed -9.
start_sipp() {
	tp=$1
	shift
	for _ in 1 2 3 4 5; do
		port=$(free_port "$tp") || return 1
		(cd "$tmp" && exec sipp "$@" -t "${tp}1" -i 127.0.0.1 \
			-p "$port" -nostdin -m 1 -timeout 30s) \
			>"$tmp/sipp.log" 2>&1 &
		peer=$!
		n=0
		while [ $n -lt 60 ]; do
			bound "$port" "$tp"
			case $? in
			0) return 0 ;;
			2) break ;;
			esac
			sleep 0.05
			n=$((n + 1))
		done
		stop_peer      # bind failed or never ready: another port
	done
	echo "cannot start sipp; its last words:"
	tail -n 5 "$tmp/sipp.log"
	return 1
}

# start_responder udp|tcp LINGER-MS FILE...: port in $port, pid in $peer
start_responder() {
	tp=$1 linger=$2
	shift 2
	rm -f "$tmp/port"
	timeout 30 "$responder" --"$tp" --port-file "$tmp/port" \
		--linger-ms "$linger" --max-seconds 20 "$@" \
		>"$tmp/responder.log" 2>&1 &
	peer=$!
	n=0
	while [ ! -s "$tmp/port" ] && [ $n -lt 100 ]; do
		kill -0 "$peer" 2>/dev/null || break
		sleep 0.02
		n=$((n + 1))
	done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ] && return 0
	cat "$tmp/responder.log"
	stop_peer
	return 1
}

# Rules by level from the catalogue: "id LEVEL" per line
"$bin" --list-rules | awk '{ print $1, $2 }' >"$tmp/levels"

# The sorted, comma-joined rule ids of level $1 in report $2
fired() {
	jq -r --arg l "$1" '.scenarios[].findings[] | select(.level == $l)
		| .rule' "$2" | sort -u | paste -sd, -
}

# check NAME WANT-EXIT WANT-RULES RC REPORT: the verdict of one case
check() {
	name=$1 want=$2 rules=$3 rc=$4 rep=$5
	must=$(fired MUST "$rep")
	should=$(fired SHOULD "$rep")
	# a NOTE rule (information) fires as a note
	note=$(fired NOTE "$rep")
	want_must=$(printf '%s' "$rules" | tr , '\n' | grep -v '^-$' |
		    while read -r r; do
			    awk -v r="$r" '$1 == r && $2 == "MUST" { print r }' \
				"$tmp/levels"
		    done | sort -u | paste -sd, -)
	missing=""
	for r in $(printf '%s' "$rules" | tr , ' '); do
		[ "$r" = - ] && continue
		grep -q "^$r " "$tmp/levels" ||
			missing="$missing $r(not in the catalogue)"
		case ",$must,$should,$note," in *",$r,"*) ;; *) missing="$missing $r" ;; esac
	done
	detail="exit $rc (want $want), MUST {$must}, SHOULD {$should}"
	st=0
	[ "$rc" = "$want" ] || st=1
	[ "$must" = "$want_must" ] || { st=1; detail="$detail, want MUST {$want_must}"; }
	[ -z "$missing" ] || { st=1; detail="$detail, missing:$missing"; }
	if jq -e --argjson rc "$rc" '.tool == "sipconform" and
	    (.scenarios | length) >= 1 and .exit_code == $rc' "$rep" \
	    >/dev/null 2>&1; then :; else
		st=1
		detail="$detail, report not valid JSON or exit_code differs"
	fi
	judge "$name" $st "$detail"
	[ $st = 0 ] || { echo "  --- report"; cat "$rep"; echo "  ---"; }
}

# run_sipconform ARGS...: the JSON report in $tmp/report.json, exit in $rc
run_sipconform() {
	rm -f "$tmp/report.json"
	timeout 60 "$bin" --format json --output "$tmp/report.json" "$@" \
		2>"$tmp/stderr"
	rc=$?
	[ -s "$tmp/report.json" ] || echo '{}' >"$tmp/report.json"
}

# sipp_case XML SIPP-ARGS SIPCONFORM-ARGS WANT-EXIT WANT-RULES
# XML "uas" is SIPp's stock uas scenario; "--transport tcp" in the
# sipconform arguments runs SIPp over TCP too.
sipp_case() {
	xml=$1 sargs=$2 cargs=$3 want=$4 rules=$5
	tp=u name="$xml${sargs:+ $sargs} |${cargs:+ $cargs}"
	case " $cargs " in *" --transport tcp "*) tp=t ;; esac
	if [ "$xml" = uas ]; then
		set -- -sn uas
	else
		set -- -sf "$srcdir/sipp/$xml" -nd
	fi
	# shellcheck disable=SC2086
	start_sipp $tp "$@" $sargs || { bad "$name: SIPp did not start"; return; }
	# shellcheck disable=SC2086
	run_sipconform $cargs "sip:service@127.0.0.1:$port"
	stop_peer
	check "$name" "$want" "$rules" "$rc" "$tmp/report.json"
}

# resp_case udp|tcp "FILE..." SIPCONFORM-ARGS WANT-EXIT WANT-RULES [LINGER]
resp_case() {
	tp=$1 files=$2 cargs=$3 want=$4 rules=$5 linger=${6:-1000}
	name="responder --$tp $files |${cargs:+ $cargs}"
	set --
	for f in $files; do set -- "$@" "$srcdir/responses/$f"; done
	start_responder "$tp" "$linger" "$@" ||
		{ bad "$name: responder did not start"; return; }
	# shellcheck disable=SC2086
	run_sipconform --transport "$tp" $cargs "sip:service@127.0.0.1:$port"
	stop_peer
	check "$name" "$want" "$rules" "$rc" "$tmp/report.json"
}

t0=$(now_ms)

echo "# SIPp as UAS: xml, SIPp args, sipconform args, exit, rules"
# SIPp's stock uas retransmits its 200 from 500 ms: sipconform's default T1
sipp_case uas               ""   ""                                0 -
sipp_case uas               ""   "--transport tcp"                 0 -
sipp_case ok.xml            ""   "--t1 100"                        0 -
sipp_case ok.xml            ""   "--t1 100 --transport tcp"        0 -
sipp_case ok.xml            ""   "--t1 100 --scenario no-ack --timeout 4" 0 -
sipp_case ok.xml            -nr  "--t1 100 --scenario no-ack --timeout 4" 1 timing.2xx-retransmit
sipp_case no-totag.xml      ""   "--t1 100"                        1 totag.present
sipp_case two-finals.xml    ""   "--t1 100"                        1 order.one-final
sipp_case 1xx-after-final.xml "" "--t1 100"                        1 order.no-1xx-after-final
sipp_case no-contact.xml    ""   "--t1 100"                        1 dialog.contact
sipp_case 401-no-www.xml    ""   "--t1 100"                        1 code.401-www-authenticate
sipp_case cseq.xml          ""   "--t1 100"                        1 match.cseq
sipp_case cseq.xml          ""   "--t1 100 --transport tcp"        1 match.cseq
sipp_case call-id.xml       ""   "--t1 100"                        1 match.call-id
sipp_case from-tag.xml      ""   "--t1 100 --from sip:tester@127.0.0.1" 1 match.from
sipp_case no-via.xml        ""   "--t1 100 --timeout 1"            1 headers.mandatory
sipp_case reordered.xml     ""   "--t1 100"                        0 -
sipp_case extra-via.xml     ""   "--t1 100"                        1 match.via,match.via-count
sipp_case 405-no-allow.xml  ""   "--t1 100 --scenario options"     1 code.405-allow
sipp_case 3xx-no-contact.xml ""  "--t1 100"                        0 code.3xx-contact
sipp_case no-sdp.xml        ""   "--t1 100"                        1 sdp.answer
sipp_case late-answer.xml   ""   "--t1 100"                        1 timing.100-trying
sipp_case late-answer.xml   ""   "--t1 100 --transport tcp"        1 timing.100-trying

echo "# tests/responder: transport, response files, sipconform args, exit, rules"
for tp in udp tcp; do
	resp_case "$tp" "code-2000.sip busy-486.sip"       "--t1 100 --timeout 2" 1 statusline.code-digits
	resp_case "$tp" "code-4294967301.sip busy-486.sip" "--t1 100 --timeout 2" 1 statusline.code-digits
	resp_case "$tp" "code-099.sip busy-486.sip"        "--t1 100 --timeout 2" 1 statusline.code-range
	resp_case "$tp" "version-lower.sip busy-486.sip"   "--t1 100 --timeout 2" 1 statusline.version-case
	resp_case "$tp" "lf-status-line.sip busy-486.sip"  "--t1 100 --timeout 2" 1 statusline.line-end
done
# A datagram shorter than its Content-Length is discarded (RFC 3261 18.3):
# sipconform does not ACK it, so the target owes retransmissions it never
# sends.  Over TCP the short body is only known short when the target
# closes.
resp_case udp "ringing-180.sip clen-long-486.sip" "--t1 100 --timeout 2" 1 framing.content-length,timing.non2xx-retransmit 300
resp_case tcp "ringing-180.sip clen-long-486.sip" "--t1 100 --timeout 2" 1 framing.content-length 300
resp_case udp "no-clen-486.sip" "--t1 100 --timeout 2" 0 framing.content-length-missing
resp_case tcp "no-clen-486.sip" "--t1 100 --timeout 2" 1 framing.content-length-stream

echo "# could not judge: exit 3"
# a UDP port nobody listens on
p=$(free_port u)
s=$(now_ms)
timeout 10 "$bin" --timeout 2 "sip:service@127.0.0.1:$p" >"$tmp/out" 2>&1
rc=$? el=$(($(now_ms) - s))
[ $rc = 3 ] && [ $el -lt 3000 ]
judge silent-udp-port $? "exit $rc (want 3) after $el ms (want < 3000)"

# SIPp takes the INVITE and says nothing
if start_sipp u -sf "$srcdir/sipp/silent.xml" -nd; then
	s=$(now_ms)
	timeout 10 "$bin" --t1 100 --timeout 2 "sip:service@127.0.0.1:$port" \
		>"$tmp/out" 2>&1
	rc=$? el=$(($(now_ms) - s))
	stop_peer
	[ $rc = 3 ] && [ $el -lt 3000 ]
	judge silent-sipp $? "exit $rc (want 3) after $el ms (want < 3000)"
else
	bad "silent-sipp: SIPp did not start"
fi

# TCP: connection refused
p=$(free_port t)
s=$(now_ms)
timeout 10 "$bin" --transport tcp --timeout 2 "sip:service@127.0.0.1:$p" \
	>"$tmp/out" 2>&1
rc=$? el=$(($(now_ms) - s))
[ $rc = 3 ] && [ $el -lt 1000 ]
judge tcp-refused $? "exit $rc (want 3) after $el ms (want < 1000)"

echo "# usage and set-up errors: exit 2; listings"
# check_rc WANT ARGS...: sipconform's exit code, never waiting long
check_rc() {
	want=$1
	shift
	timeout 10 "$bin" "$@" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" = "$want" ]; then
		ok "sipconform $*: exit $rc"
	else
		bad "sipconform $*: exit $rc, want $want"
		cat "$tmp/out"
	fi
}
t=sip:service@127.0.0.1:9
check_rc 2 notauri
check_rc 2 sips:service@127.0.0.1
check_rc 2 "sip:service@127.0.0.1;transport=sctp"
check_rc 2 --format xml $t
check_rc 2 --timeout -1 $t
check_rc 2 --t1 0 $t
check_rc 2 --no-such-option $t
check_rc 2 --scenario auth $t
check_rc 2 --output /nonexistent/dir/x $t
check_rc 2
check_rc 0 --list-rules
check_rc 0 --list-scenarios

n=$("$bin" --list-rules | wc -l)
m=$("$bin" --list-rules | grep -c 'RFC [0-9][0-9]* §[0-9]')
if [ "$n" -ge 40 ] && [ "$n" = "$m" ]; then
	ok "--list-rules: $n lines, each with an RFC section"
else
	bad "--list-rules: $n lines, $m with an RFC section"
fi

"$bin" --list-scenarios >"$tmp/out"
missing=""
for s in call cancel options no-ack auth; do
	grep -q "^$s " "$tmp/out" || missing="$missing $s"
done
if [ -z "$missing" ]; then
	ok "--list-scenarios: all 5"
else
	bad "--list-scenarios: missing$missing"
fi

echo "# the scenario files are well-formed XML (SIPp's parser is lenient)"
if command -v xmllint >/dev/null 2>&1; then
	set +f
	xmls=$(printf '%s\n' "$srcdir"/sipp/*.xml)
	set -f
	for f in $xmls; do
		if xmllint --noout "$f" 2>"$tmp/out"; then
			ok "xmllint ${f##*/}"
		else
			bad "xmllint ${f##*/}"
			cat "$tmp/out"
		fi
	done
fi

echo "# JUnit report of a failing run against $xsd"
if ! command -v xmllint >/dev/null 2>&1; then
	echo "note: xmllint not installed, JUnit schema check skipped"
elif [ ! -r "$xsd" ]; then
	echo "note: no $xsd yet, JUnit schema check skipped"
elif start_sipp u -sf "$srcdir/sipp/cseq.xml" -nd; then
	timeout 60 "$bin" --t1 100 --format junit --output "$tmp/junit.xml" \
		"sip:service@127.0.0.1:$port" >/dev/null 2>&1
	rc=$?
	stop_peer
	if [ $rc = 1 ] &&
	   xmllint --noout --schema "$xsd" "$tmp/junit.xml" 2>"$tmp/out" &&
	   grep -q match.cseq "$tmp/junit.xml"; then
		ok "junit: exit 1, valid against junit.xsd, names match.cseq"
	else
		bad "junit: exit $rc"
		cat "$tmp/out" "$tmp/junit.xml"
	fi
else
	bad "junit: SIPp did not start"
fi

[ $xfail = 0 ] || echo "($xfail expected failures: known sipconform bugs)"
echo "runtime $(( ($(now_ms) - t0) / 1000 )) s"
echo "test_sipp: $pass passed, $fail failed"
[ $fail = 0 ]
