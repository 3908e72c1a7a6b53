#!/bin/sh
# sipconform against live targets on 127.0.0.1: SIPp as UAS (its stock
# uas scenario, and the scenarios in tests/sipp/ that misbehave on
# purpose), and tests/responder for the bytes SIPp refuses to send.
#
# Each case checks the exit code and the findings of the JSON report:
# the rules that fired, SHOULD as well as MUST, must be exactly the
# expected ones (lib.sh, check).
# Every peer gets a free port, every command runs under timeout, and
# the EXIT trap stops whatever is still running.  Skips (77) only when
# SIPp is not installed.
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
xsd="$srcdir/junit.xsd"

set -f                  # case arguments are split on spaces, never globbed

command -v sipp >/dev/null 2>&1 || { echo "SKIP: sipp not installed"; exit 77; }
[ -x "$responder" ] || { echo "ERROR: no $responder"; exit 99; }

# Known sipconform bugs, reported and not yet fixed: "case-name: why".
# A listed case that fails counts as an expected failure; one that
# passes is an error, so that the entry gets removed with the fix.
known_bugs="
"
lib_init

# start_sipp u|t SIPP-ARGS...: SIPp as UAS on 127.0.0.1:$port, its
# process group in $peer, run in $tmp (where it writes its logs).
# -timeout bounds it even if this script were killed -9.
start_sipp() {
	tp=$1
	shift
	for _ in 1 2 3 4 5; do
		port=$(free_port "$tp") || return 1
		start_peer sipp 40 env -C "$tmp" sipp "$@" -t "${tp}1" \
			-i 127.0.0.1 -p "$port" -nostdin -m 1 -timeout 30s
		wait_ports "$peer" "$port" "$tp" && return 0
		stop_peer "$peer"      # bind failed or never ready: another port
	done
	echo "cannot start sipp; its last words:"
	tail -n 5 "$tmp/sipp.log"
	return 1
}

# start_responder udp|tcp LINGER-MS FILE...: port in $port, process
# group in $peer
start_responder() {
	tp=$1 linger=$2
	shift 2
	rm -f "$tmp/port"
	start_peer responder 30 "$responder" --"$tp" --port-file "$tmp/port" \
		--linger-ms "$linger" --max-seconds 20 "$@"
	n=0
	while [ ! -s "$tmp/port" ] && [ $n -lt 100 ]; do
		kill -0 "$peer" 2>/dev/null || break
		sleep 0.02
		n=$((n + 1))
	done
	port=$(cat "$tmp/port" 2>/dev/null)
	[ -n "$port" ] && return 0
	cat "$tmp/responder.log"
	stop_peer "$peer"
	return 1
}

# sipp_case XML SIPP-ARGS SIPCONFORM-ARGS WANT-EXIT WANT-RULES
# XML "uas" is SIPp's stock uas scenario; "--transport tcp" in the
# sipconform arguments runs SIPp over TCP too.
sipp_case() {
	xml=$1 sargs=$2 cargs=$3 want=$4 rules=$5
	tp=u case="$xml${sargs:+ $sargs} |${cargs:+ $cargs}"
	case " $cargs " in *" --transport tcp "*) tp=t ;; esac
	if [ "$xml" = uas ]; then
		set -- -sn uas
	else
		set -- -sf "$srcdir/sipp/$xml" -nd
	fi
	# shellcheck disable=SC2086
	start_sipp $tp "$@" $sargs || { bad "$case: SIPp did not start"; return; }
	# shellcheck disable=SC2086
	run_sipconform $cargs "sip:service@127.0.0.1:$port"
	stop_peer "$peer"
	check "$case" "$want" "$rules"
}

# resp_case udp|tcp "FILE..." SIPCONFORM-ARGS WANT-EXIT WANT-RULES [LINGER]
resp_case() {
	tp=$1 files=$2 cargs=$3 want=$4 rules=$5 linger=${6:-1000}
	case="responder --$tp $files |${cargs:+ $cargs}"
	set --
	for f in $files; do set -- "$@" "$srcdir/responses/$f"; done
	start_responder "$tp" "$linger" "$@" ||
		{ bad "$case: responder did not start"; return; }
	# shellcheck disable=SC2086
	run_sipconform --transport "$tp" $cargs "sip:service@127.0.0.1:$port"
	stop_peer "$peer"
	check "$case" "$want" "$rules"
}

echo "# SIPp as UAS: xml, SIPp args, sipconform args, exit, rules"
# SIPp's stock uas retransmits its 200 from 500 ms: sipconform's default
# T1.  Its 200 has neither Allow nor Supported (a SHOULD of 13.3.1.4).
sipp_case uas               ""   ""                                0 dialog.allow-supported
sipp_case uas               ""   "--transport tcp"                 0 dialog.allow-supported
sipp_case ok.xml            ""   "--t1 100"                        0 -
sipp_case ok.xml            ""   "--t1 100 --transport tcp"        0 -
sipp_case ok.xml            ""   "--t1 100 --scenario no-ack --timeout 4" 0 -
sipp_case ok.xml            -nr  "--t1 100 --scenario no-ack --timeout 4" 1 timing.2xx-retransmit
sipp_case no-totag.xml      ""   "--t1 100"                        1 totag.present
sipp_case two-finals.xml    ""   "--t1 100"                        1 order.one-final
sipp_case 1xx-after-final.xml "" "--t1 100"                        1 order.no-1xx-after-final
sipp_case 1xx-after-final.xml "" "--t1 100 --transport tcp"        1 order.no-1xx-after-final
sipp_case 1xx-after-final-soon.xml "" "--t1 100"                   0 order.1xx-after-final-reordered
sipp_case 1xx-after-final-soon.xml "" "--t1 100 --transport tcp"   1 order.no-1xx-after-final
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
	stop_peer "$peer"
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
	stop_peer "$peer"
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

finish test_sipp
