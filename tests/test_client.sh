#!/bin/sh
# Issue 8 section 4: sipconform must be a correct UAC itself.  Runs it
# against the reference target (uas/sipconform-target) and the responder,
# saves the traces, and lets client_check read what sipconform sent:
#  - every response we send (serve.c) passes the strict status line
#    parser and header grammar;
#  - every request line and every URI of Request-URI, From, To, Contact,
#    Route and Via sent-by valid, over IPv4 and IPv6, UDP and TCP, with
#    every scenario (25.1: an IPv6 host in brackets);
#  - the SDP offer is inactive (RFC 3264 section 5.1);
#  - the ACK of a 2xx carries the INVITE's credentials (13.2.2.4);
#  - --no-sdp: the ACK answers the offer of the 2xx (13.2.1);
#  - no PRACK for a reliable 1xx whose RSeq jumps (RFC 3262 section 4);
#  - the target's BYE ends the dialog (15.1.2), over TCP on a new
#    connection to our Contact too;
#  - in-dialog requests over the remote target's transport= (RFC 3263);
#  - our 2xx to a re-INVITE retransmitted until the ACK (13.3.1.4), the
#    o= version of our SDP one higher when it changes (RFC 3264 section 8);
#  - the route set reversed URI by URI, strict routers (12.1.2, 12.2.1.1);
#  - a response whose TCP connection closed goes over a new one to the
#    source address and sent-by port (18.2.2);
#  - two responses in one TCP segment are recorded together, before the
#    ACK that answers the first (issue 8 section 2).
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
check=${CHECK:-./client_check}
known_bugs="
"
set -f
for x in "$target" "$responder" "$check"; do
	[ -x "$x" ] || { echo "ERROR: no $x"; exit 99; }
done
lib_init

# start_target NAME ARGS...: the target's port in $port
start_target() {
	name=$1
	shift
	timeout 120 "$target" --port 0 --t1 100 "$@" >"$tmp/$name.out" 2>&1 &
	peers="$peers $!"
	n=0
	while ! grep -q listening "$tmp/$name.out" && [ $n -lt 100 ]; do
		sleep 0.05
		n=$((n + 1))
	done
	port=$(sed -n 's/.*udp:127.0.0.1:\([0-9]*\).*/\1/p' "$tmp/$name.out")
	[ -n "$port" ]
}

# run CASE CHECK-OPTIONS -- SIPCONFORM-ARGS...: saves the traces in
# $tmp/CASE and checks them
run() {
	case=$(echo "$1" | tr -d "[]")
	shift
	copts=""
	while [ "$1" != "--" ]; do copts="$copts $1"; shift; done
	shift
	mkdir -p "$tmp/$case"
	timeout 60 "$bin" --save-trace "$tmp/$case" "$@" \
		>"$tmp/$case.log" 2>&1
	rc=$?
	traces=$(find "$tmp/$case" -name '*.trace' | sort)
	# shellcheck disable=SC2086
	if [ -n "$traces" ] &&
	   "$check" $copts $traces >"$tmp/$case.check" 2>&1; then
		judge "$case" 0 "sipconform exit $rc"
	else
		cat "$tmp/$case.check" 2>/dev/null
		judge "$case" 1 "sipconform exit $rc"
	fi
}

# client_check itself: requests the strict grammar (sip/hvalue.h,
# sip/sipuri.h) rejects, which the small URI check it replaced let pass;
# and one it must accept.  selftest NAME WANT-EXIT REQUEST (\n: CRLF)
selftest() {
	req=$(printf "$3" | sed 's/$/\r/')
	len=$(printf '%s\r\n' "$req" | wc -c)
	{ printf 'sipconform-trace 1 1000\nmsg out UDP 127.0.0.1:5070 '
	  printf '127.0.0.1:5060 0 10 0 %s\n' "$len"
	  printf '%s\r\n\n' "$req"; } >"$tmp/self-$1.trace"
	"$check" "$tmp/self-$1.trace" >"$tmp/self-$1.out" 2>&1
	rc=$?
	[ $rc = "$2" ] || cat "$tmp/self-$1.out"
	[ $rc = "$2" ]
	judge "client_check-$1" $? "exit $rc, want $2"
}
sreq() {
	printf 'OPTIONS %s SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-x\nMax-Forwards: %s\nFrom: <sip:sc@127.0.0.1>;tag=a1b2c3d4\nTo: <sip:svc@127.0.0.1:5060>\nCall-ID: %s\nCSeq: 1 OPTIONS\nContent-Length: 0\n' "$@"
}
selftest good 0 "$(sreq sip:svc@127.0.0.1:5060 70 abc@sc)"
selftest max-forwards 1 "$(sreq sip:svc@127.0.0.1:5060 seventy abc@sc)"
selftest call-id 1 "$(sreq sip:svc@127.0.0.1:5060 70 a@b@c)"
selftest ruri-port 1 "$(sreq sip:svc@127.0.0.1:50x60 70 abc@sc)"
selftest ruri-v6 1 "$(sreq 'sip:svc@[::1' 70 abc@sc)"
# ... and the responses we send (serve.c): status line and header values
sres() {
	printf '%s\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-t\nFrom: <sip:svc@127.0.0.1>;tag=t1\nTo: %s\nCall-ID: abc@svc\nCSeq: 2 BYE\nContent-Length: 0\n' "$@"
}
selftest res-good 0 "$(sres 'SIP/2.0 481 Call/Transaction Does Not Exist' '<sip:sc@127.0.0.1>;tag=a1b2c3d4')"
selftest res-code 1 "$(sres 'SIP/2.0 2000 OK' '<sip:sc@127.0.0.1>;tag=a1b2c3d4')"
selftest res-version 1 "$(sres 'SIP/2.1 200 OK' '<sip:sc@127.0.0.1>;tag=a1b2c3d4')"
selftest res-to 1 "$(sres 'SIP/2.0 200 OK' '<sip:sc@127.0.0.1;tag=a1b2c3d4')"

start_target plain || { echo "ERROR: target"; exit 99; }
plain=$port
start_target auth --user alice --password pw || exit 99
auth=$port
start_target jump --misbehave rseq-jump || exit 99
jump=$port
start_target newconn --bye-new-connection || exit 99
newconn=$port
for t in tcp udp tls; do
	start_target "ct-$t" --contact-transport "$t" || exit 99
	eval "ct_$t=\$port"
done

for host in 127.0.0.1 '[::1]'; do
	for tp in udp tcp; do
		run "uris-$tp-$host" --offer-inactive -- --scenario all --t1 100 --timeout 8 \
			--transport "$tp" "sip:svc@$host:$plain"
		run "uris-nosdp-$tp-$host" --ack-answer -- --no-sdp \
			--t1 100 --timeout 8 --transport "$tp" \
			"sip:svc@$host:$plain"
		run "ack-auth-$tp-$host" --ack-auth -- --scenario auth \
			--user alice --password pw --t1 100 --timeout 8 \
			--transport "$tp" "sip:svc@$host:$auth"
	done
done
run "rseq-jump" --prack-max 1 -- --t1 100 --timeout 8 \
	"sip:svc@127.0.0.1:$jump"

# responder TP FILE...: a responder that answers the first request with
# the FILEs; its port in $rport; $ropts: more options of the responder
ropts=""
responder() {
	rm -f "$tmp/rport"
	rtp=$1
	shift
	files=""
	for f in "$@"; do files="$files $srcdir/responses/$f"; done
	# shellcheck disable=SC2086
	timeout 30 "$responder" --"$rtp" $ropts --port-file "$tmp/rport" \
		--linger-ms 800 --gap-ms 50 --max-seconds 20 $files \
		>"$tmp/responder.log" 2>&1 &
	peers="$peers $!"
	n=0
	while [ ! -s "$tmp/rport" ] && [ $n -lt 100 ]; do
		sleep 0.02
		n=$((n + 1))
	done
	rport=$(cat "$tmp/rport")
}

# the target's BYE ends the dialog: no BYE of ours after it (15.1.2)
run "bye-ended" --bye-ended -- --scenario no-ack --t1 100 --timeout 10 \
	"sip:svc@127.0.0.1:$plain"

# Over TCP our Contact is reachable: the target's BYE comes over a new
# connection to it (12.2.1.1, 18.1.1), is answered 200 on that connection
# (18.2.2) and ends the dialog: no BYE of ours after it
run "bye-new-connection" --bye-ended --answer BYE:200 -- --scenario no-ack \
	--t1 100 --timeout 10 --transport tcp "sip:svc@127.0.0.1:$newconn"

# requests in the dialog follow the remote target's transport= (RFC 3263
# section 4.1): TCP in a UDP run, UDP in a TCP run; one we do not speak
# (tls) leaves them on the run's transport, to the target of the run
run "dialog-tp-tcp" --dialog-tp TCP -- --t1 100 --timeout 4 \
	"sip:svc@127.0.0.1:$ct_tcp"
run "dialog-tp-udp" --dialog-tp UDP -- --t1 100 --timeout 4 \
	--transport tcp "sip:svc@127.0.0.1:$ct_udp"
run "dialog-tp-tls" --dialog-tp UDP -- --t1 100 --timeout 4 \
	"sip:svc@127.0.0.1:$ct_tls"

# Record-Route: two URIs on one line and one on the next, reversed URI
# by URI (12.1.2); a strict first router (12.2.1.1)
for tp in udp tcp; do
	responder "$tp" rr-three-uris.sip
	run "route-set-$tp" --dialog-ruri peer --dialog-route p3,p2,p1 -- \
		--t1 100 --timeout 3 --transport "$tp" \
		"sip:svc@127.0.0.1:$rport"
	responder "$tp" rr-strict.sip
	run "strict-router-$tp" --dialog-ruri p1 --dialog-route p2,peer -- \
		--t1 100 --timeout 3 --transport "$tp" \
		"sip:svc@127.0.0.1:$rport"
done

# the target's own requests (serve.c): a re-INVITE in the dialog 200 with
# the answer, retransmitted while no ACK comes (13.3.1.4), its o= version
# one higher than our offer's (RFC 3264 section 8), a NOTIFY never subscribed 481, a BYE for a dialog we do not
# have 481 (12.2.2), a MESSAGE 405 with Allow
responder udp serve-1-200.sip serve-2-reinvite.sip serve-3-notify.sip \
	serve-4-bye-unknown.sip serve-5-message.sip
run "serve" --answer INVITE:200 --answer NOTIFY:481 --answer BYE:481 \
	--answer MESSAGE:405 --reinvite-200s 3-99 --sdp-version -- \
	--t1 100 --timeout 3 "sip:svc@127.0.0.1:$rport"

# our 200 to the re-INVITE retransmitted until the ACK (13.3.1.4): here
# the ACK comes 50 ms after it, before T1, so one 200 only
responder udp serve-1-200.sip serve-2-reinvite.sip serve-2-ack.sip
run "reinvite-ack" --answer INVITE:200 --reinvite-200s 1-1 --sdp-version -- \
	--t1 100 --timeout 3 "sip:svc@127.0.0.1:$rport"

# --no-sdp: the offer in a reliable 183 answered in the PRACK (RFC 3262
# section 5), none in the ACK
responder udp offer-183-rel.sip offer-183-200.sip
run "prack-answer" --prack-answer -- --no-sdp --t1 100 --timeout 3 \
	"sip:svc@127.0.0.1:$rport"

# 18.2.2: the target's re-INVITE comes over a connection of its own to
# our Contact, closed at once; our 200 and its retransmissions then go
# to the request's source address and sent-by port (the responder's
# port: over the run's connection to it, open still, or a new one), and
# the responder counts them there
ropts=--second-conn
responder tcp serve-1-200.sip serve-2-reinvite-tcp.sip
ropts=""
run "reply-new-connection" --answer INVITE:200 --reinvite-200s 2-99 -- \
	--t1 100 --timeout 3 --transport tcp "sip:svc@127.0.0.1:$rport"
wait_for() { n=0; while ! grep -q "$1" "$2" && [ $n -lt 100 ]; do
	sleep 0.05; n=$((n + 1)); done; }
wait_for 'responses to our port' "$tmp/responder.log"
got=$(sed -n 's/^responder: \([0-9]*\) responses to our port.*/\1/p' \
	"$tmp/responder.log")
[ "${got:-0}" -ge 1 ]
judge "reply-new-connection-received" $? \
	"responder got ${got:-none}: $(cat "$tmp/responder.log")"

# two 200s in one write (one TCP segment on loopback)
responder tcp two-200-one-segment.sip
run "tcp-two-in-one-segment" --adjacent-in -- --t1 100 --timeout 3 \
	--transport tcp "sip:svc@127.0.0.1:$rport"

finish test_client.sh
