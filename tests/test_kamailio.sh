#!/bin/sh
# sipconform against kamailio, a real SIP server, on 127.0.0.1 (issue 4:
# real stacks, no false alarms).  The test starts kamailio itself, in the
# foreground, with a config from tests/kamailio/ -- no database, no
# control socket, its files in a temporary directory -- in two roles:
#
#   proxy.cfg      a transaction-stateful, record-routing proxy in front
#                  of a UAS: the reference target (target/), or SIPp
#                  with kamailio/uas.xml (SIPp's built-in uas does not
#                  copy Record-Route: its dialogs break behind a proxy)
#   registrar.cfg  a registrar with its location service in memory: an
#                  unknown user gets 404, a user SIPp registered is
#                  reached through it
#
# Each case checks sipconform's exit code and that the rules which fired
# are exactly the expected ones, SHOULD as well as MUST: whatever
# sipconform reports against kamailio is either a deviation the RFC text
# below names, or a listed sipconform bug.  Every peer gets a free port
# and runs under timeout; the EXIT trap stops them.  Skips (77) only when
# kamailio is not installed.
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
kcfg="$srcdir/kamailio"

set -f                  # arguments are split on spaces, never globbed

command -v kamailio >/dev/null 2>&1 ||
	{ echo "SKIP: kamailio not installed"; exit 77; }

# Known sipconform bugs, reported and not yet fixed: "case-name: why".
known_bugs=""

lib_init

have_sipp=no
command -v sipp >/dev/null 2>&1 && have_sipp=yes

# start_target [TARGET-ARGS...]: the reference target on 127.0.0.1, UDP
# and TCP on one port, $tport; its process group in $uas
start_target() {
	rm -f "$tmp/tport"
	start_peer target 300 "$target" --listen 127.0.0.1 \
		--port-file "$tmp/tport" "$@"
	uas=$peer
	n=0
	while [ ! -s "$tmp/tport" ] && [ $n -lt 100 ]; do
		kill -0 "$uas" 2>/dev/null || break
		sleep 0.05
		n=$((n + 1))
	done
	tport=$(cat "$tmp/tport" 2>/dev/null)
	[ -n "$tport" ] && wait_ports "$uas" "$tport" ut && return 0
	echo "cannot start the reference target; its last words:"
	tail -n 5 "$tmp/target.log"
	stop_peer "$uas"
	return 1
}

# start_sipp_uas u|t: SIPp as UAS (tests/kamailio/uas.xml) on
# 127.0.0.1:$tport (one transport, many calls); its process group in $uas
start_sipp_uas() {
	for _ in 1 2 3 4 5; do
		tport=$(free_port "$1") || return 1
		# shellcheck disable=SC2016
		start_peer sipp 300 sh -c 'cd "$1" && shift && exec "$@"' sh \
			"$tmp" sipp -sf "$kcfg/uas.xml" -t "${1}1" -i 127.0.0.1 \
			-p "$tport" -nostdin -timeout 290s
		uas=$peer
		wait_ports "$uas" "$tport" "$1" && return 0
		stop_peer "$uas"
	done
	echo "cannot start sipp; its last words:"
	tail -n 5 "$tmp/sipp.log"
	return 1
}

# kcase NAME URI SIPCONFORM-ARGS WANT-EXIT WANT-RULES [JQ-ASSERTION]
kcase() {
	# shellcheck disable=SC2086
	run_sipconform $3 "$2"
	check "$1" "$4" "$5" "$6"
}

# proxy_with NAME-PREFIX UAS-KIND [TARGET-ARGS [KAMAILIO-ARGS]]:
# kamailio's proxy.cfg in front of a fresh UAS (target, sipp-u or
# sipp-t); $kport then is the proxy.  Returns 1 (after reporting) when
# either does not start.
proxy_with() {
	# shellcheck disable=SC2086
	case $2 in
	target) start_target $3 ;;
	sipp-u) start_sipp_uas u ;;
	sipp-t) start_sipp_uas t ;;
	esac || { bad "$1: the UAS did not start"; return 1; }
	# shellcheck disable=SC2086
	start_kamailio "$kcfg/proxy.cfg" -A "UAS=\"127.0.0.1:$tport\"" $4 ||
		{ bad "$1: kamailio did not start"; stop_peer "$uas"; return 1; }
	return 0
}

stop_both() {
	stop_peer "$kam"
	stop_peer "$uas"
}

final_404='.scenarios[0].timings.final_code == 404'

if [ -x "$target" ]; then
	uas_kind=target
elif [ $have_sipp = yes ]; then
	uas_kind=sipp-u
	echo "note: no $target: SIPp (UDP only) stands behind the proxy"
else
	echo "ERROR: neither $target nor sipp to stand behind the proxy"
	exit 99
fi

echo "# kamailio proxy.cfg in front of the UAS ($uas_kind): name, URI, args, exit, rules"
if proxy_with "proxy" "$uas_kind"; then
	svc="sip:service@127.0.0.1:$kport"
	self="sip:127.0.0.1:$kport"
	for tp in udp tcp; do
		if [ $uas_kind != target ] && [ $tp = tcp ]; then
			skip "proxy $tp: SIPp behind the proxy listens on UDP only"
			continue
		fi
		kcase "proxy call $tp"    "$svc" "--transport $tp" 0 -
		if [ $uas_kind = target ]; then
			# forwarded: the target answers
			kcase "proxy options $tp" "$svc" "--transport $tp --scenario options" 0 - \
				'.scenarios[0].timings.final_code == 200'
			# kamailio answers the CANCEL itself, "acting as a
			# user agent server" (RFC 3261 16.10), with a To tag
			# of its own, not the one of the UAS's 180: legal for
			# a proxy; the 9.2 SHOULD (same To tag) is the UAS's,
			# and the 180's Contact names the UAS behind kamailio,
			# so cancel.to-tag is not weighed
			kcase "proxy cancel $tp" "$svc" "--transport $tp --scenario cancel" 0 - \
				'.scenarios[0].timings.final_code == 487'
			# the UAS retransmits its 2xx end to end, through
			# the proxy, until the (late) ACK
			kcase "proxy no-ack $tp" "$svc" "--transport $tp --scenario no-ack --timeout 6" 0 - \
				'.scenarios[0].timings.final_code == 200 and .scenarios[0].trace.messages_in >= 5'
		fi
		# options_reply(): kamailio answers for itself, Accept,
		# Accept-Encoding, Accept-Language and Supported, no Allow
		kcase "proxy options-self $tp" "$self" "--transport $tp --scenario options" 0 - \
			'.scenarios[0].timings.final_code == 200'
	done
	kcase "proxy call --rport" "$svc" "--rport" 0 -

	# A real deviation.  RFC 3261 section 8.2.6.1: "When a 100 (Trying)
	# response is generated, any Timestamp header field present in the
	# request MUST be copied into this 100 (Trying) response."  Section
	# 17.2.1 says the server transaction (kamailio's tm sends this 100)
	# constructs the 100 "according to the procedures in Section 8.2.6".
	# kamailio 5.6's 100 Trying carries no Timestamp.
	kcase "proxy call --timestamp udp" "$svc" "--timestamp" 1 match.timestamp
	[ $uas_kind != target ] ||
		kcase "proxy call --timestamp tcp" "$svc" "--transport tcp --timestamp" 1 match.timestamp
	stop_both
fi

# A proxy need not record-route (RFC 3261 section 16.6, step 4): the ACK
# and BYE then go straight to the UAS's Contact.  (--no-100rel: no PRACK,
# which would go astray the same way, and the target would never answer)
if [ $uas_kind = target ] &&
   proxy_with "proxy no-record-route" target "" "-A NO_RECORD_ROUTE"; then
	kcase "proxy no-record-route call udp" "sip:service@127.0.0.1:$kport" "--no-100rel" 0 - \
		'.scenarios[0].timings.final_code == 200'
	stop_both
fi

echo "# kamailio proxy.cfg in front of SIPp (tests/kamailio/uas.xml)"
if [ $have_sipp = no ]; then
	skip "proxy sipp: sipp not installed"
else
	for tp in udp tcp; do
		t=$(printf '%s' $tp | cut -c1)
		proxy_with "proxy sipp $tp" "sipp-$t" || continue
		kcase "proxy sipp call $tp" "sip:service@127.0.0.1:$kport" \
			"--transport $tp" 0 - \
			'.scenarios[0].timings.final_code == 200'
		stop_both
	done
fi

echo "# kamailio registrar.cfg: usrloc in memory, 404 for unknown users"
if start_kamailio "$kcfg/registrar.cfg"; then
	nobody="sip:nobody@127.0.0.1:$kport"
	# A 404 is a legitimate final answer: the call scenario gets no 2xx,
	# ACKs the 404 in its transaction, and every MUST rule holds
	for tp in udp tcp; do
		kcase "registrar 404 $tp" "$nobody" "--transport $tp" 0 - "$final_404"
	done
	# the 404 comes from a transaction: over UDP it is retransmitted on
	# Timer G until the (withheld) ACK
	kcase "registrar 404 no-ack udp" "$nobody" "--scenario no-ack --timeout 6" 0 - \
		"$final_404 and .scenarios[0].trace.messages_in >= 3"

	# a user SIPp registers, the reference target its contact
	if [ $have_sipp = no ] || [ $uas_kind != target ]; then
		skip "registrar alice: needs sipp and the reference target"
	elif ! start_target; then
		bad "registrar alice: the reference target did not start"
	else
		rport=$(free_port u)
		(cd "$tmp" && timeout 15 sipp -sf "$srcdir/kamailio/register.xml" \
			-m 1 -t u1 -i 127.0.0.1 -p "$rport" -s alice \
			-key contact_port "$tport" -nostdin -timeout 10s \
			"127.0.0.1:$kport") >"$tmp/register.log" 2>&1
		r=$?
		if [ $r != 0 ]; then
			bad "registrar alice: REGISTER failed (sipp exit $r)"
			tail -n 5 "$tmp/register.log"
		else
			ok "registrar alice: REGISTER 200"
			for tp in udp tcp; do
				kcase "registrar alice call $tp" \
					"sip:alice@127.0.0.1:$kport" \
					"--transport $tp" 0 - \
					'.scenarios[0].timings.final_code == 200'
			done
		fi
		stop_peer "$uas"
	fi
	stop_peer "$kam"
else
	bad "registrar: kamailio did not start"
fi

finish test_kamailio
