#!/bin/sh
# sipconform against baresip (Debian's baresip-core), a real SIP user
# agent, headless on 127.0.0.1 (issue 4: real stacks, no false alarms).
#
# baresip runs with a configuration directory of the test's own: no
# audio device (it sends a silent WAV file, aufile, and writes what it
# would play to another), no user interface module, no registration,
# SIP on 127.0.0.1 only.  Two accounts: uas answers at once
# (answermode=auto), ring rings until cancelled (answermode=manual); any
# other user gets 404.  With kamailio installed, a second baresip
# registers as alice at tests/kamailio/registrar.cfg and is called
# through it.
#
# Each case checks sipconform's exit code and that the rules which fired
# are exactly the expected ones, SHOULD as well as MUST.  Every peer gets
# a free port and runs under timeout; the EXIT trap stops them.  Skips
# (77) only when baresip is not installed.
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test

set -f                  # arguments are split on spaces, never globbed

command -v baresip >/dev/null 2>&1 ||
	{ echo "SKIP: baresip not installed"; exit 77; }

# Known sipconform bugs, reported and not yet fixed: "case-name: why".
known_bugs="
"

lib_init

bmods=${BARESIP_MODULES:-/usr/lib/baresip/modules}
[ -f "$bmods/aufile.so" ] ||
	{ echo "ERROR: no baresip modules in $bmods (set BARESIP_MODULES)"; exit 99; }

# silence.wav: 60 s of silence, 8 kHz 16-bit mono PCM (what PCMU needs;
# baresip does not resample), longer than any call here: when its audio
# source ends, baresip ends the call
silence="$tmp/silence.wav"
{
	printf 'RIFF\044\246\016\000WAVEfmt \020\000\000\000'
	printf '\001\000\001\000\100\037\000\000\200\076\000\000\002\000\020\000'
	printf 'data\000\246\016\000'
	head -c 960000 /dev/zero
} >"$silence"

# baresip_conf DIR PORT ACCOUNT-LINE...: a configuration directory
baresip_conf() {
	dir=$1 port=$2
	shift 2
	mkdir -p "$dir"
	cat >"$dir/config" <<-EOF
	poll_method		epoll
	sip_listen		127.0.0.1:$port
	net_interface		127.0.0.1
	dns_server		127.0.0.1:9
	call_local_timeout	120
	call_max_calls		4
	rtp_ports		10000-19999
	module_path		$bmods
	module			g711.so
	module			aufile.so
	module_app		account.so
	audio_source		aufile,$silence
	audio_player		aufile,$dir/played.wav
	audio_alert		aufile,$dir/alert.wav
	EOF
	: >"$dir/accounts"
	for a in "$@"; do printf '%s\n' "$a" >>"$dir/accounts"; done
	: >"$dir/contacts"
}

# start_baresip NAME ACCOUNT-LINE...: baresip on 127.0.0.1:$bport, UDP
# and TCP; its process group in $ua, its log in $tmp/NAME.log
start_baresip() {
	name=$1
	shift
	for _ in 1 2 3 4 5; do
		bport=$(free_port ut) || return 1
		baresip_conf "$tmp/$name" "$bport" "$@"
		# -t: baresip quits by itself after that many seconds
		start_peer "$name" 300 baresip -f "$tmp/$name" -t 280
		ua=$peer
		wait_ports "$ua" "$bport" ut && return 0
		stop_peer "$ua"
	done
	echo "cannot start baresip; its last words:"
	tail -n 5 "$tmp/$name.log"
	return 1
}

# bcase NAME URI SIPCONFORM-ARGS WANT-EXIT WANT-RULES [JQ-ASSERTION]
bcase() {
	# shellcheck disable=SC2086
	run_sipconform $3 "$2"
	check "$1" "$4" "$5" "$6"
}

final() { echo ".scenarios[0].timings.final_code == $1"; }

# The real deviations of baresip 1.0.0 that sipconform reports:
#
# RFC 3261 section 13.3.1.4: "A 2xx response to an INVITE SHOULD contain
# the Allow header field and the Supported header field, and MAY contain
# the Accept header field."  baresip's 200 carries Allow, no Supported.
allow_supported=dialog.allow-supported
#
# RFC 3261 section 11.2: "Allow, Accept, Accept-Encoding,
# Accept-Language, and Supported header fields SHOULD be present in a 200
# (OK) response to an OPTIONS request."  baresip's 200 carries Allow and
# an empty Supported, not Accept, Accept-Encoding or Accept-Language.
capabilities=options.capabilities

echo "# baresip as UAS: name, URI, sipconform args, exit, rules"
if start_baresip baresip "<sip:uas@127.0.0.1>;regint=0;answermode=auto" \
		"<sip:ring@127.0.0.1>;regint=0;answermode=manual"; then
	uas="sip:uas@127.0.0.1:$bport"
	ring="sip:ring@127.0.0.1:$bport"
	for tp in udp tcp; do
		bcase "baresip call $tp"    "$uas"  "--transport $tp" 0 $allow_supported "$(final 200)"
		bcase "baresip options $tp" "$uas"  "--transport $tp --scenario options" 0 $capabilities "$(final 200)"
		# 180, then nothing until the CANCEL: 200 to it, 487
		bcase "baresip cancel $tp"  "$ring" "--transport $tp --scenario cancel" 0 - "$(final 487)"
		# the 2xx is retransmitted until the ACK, over TCP too
		# (13.3.1.4: "independent of whatever transport protocols")
		bcase "baresip no-ack $tp"  "$uas"  "--transport $tp --scenario no-ack --timeout 6" 0 $allow_supported \
			"$(final 200) and .scenarios[0].trace.messages_in >= 4"
		# no account for the user: 404, a legitimate final
		bcase "baresip 404 $tp" "sip:nobody@127.0.0.1:$bport" "--transport $tp" 0 - "$(final 404)"
	done
	stop_peer "$ua"
else
	bad "baresip: did not start"
fi

echo "# baresip registered at kamailio (tests/kamailio/registrar.cfg), called through it"
if ! command -v kamailio >/dev/null 2>&1; then
	skip "baresip behind kamailio: kamailio not installed"
elif ! start_kamailio "$srcdir/kamailio/registrar.cfg"; then
	bad "baresip behind kamailio: kamailio did not start"
else
	if start_baresip alice "<sip:alice@127.0.0.1:$kport>;regint=60;answermode=auto"; then
		# its log says "alice@127.0.0.1: {0/UDP/v4} 200 OK (...) [1 binding]"
		n=0
		while ! tr '\r' '\n' <"$tmp/alice.log" | grep -a -q '} 200 OK' &&
		      [ $n -lt 100 ]; do
			sleep 0.05
			n=$((n + 1))
		done
		if tr '\r' '\n' <"$tmp/alice.log" | grep -a -q '} 200 OK'; then
			ok "baresip alice: registered at kamailio"
			for tp in udp tcp; do
				# kamailio's worker processes may forward
				# baresip's 180 after its 200 (seen over TCP;
				# over UDP within T1 it is the SHOULD
				# order.1xx-after-final-reordered): a real,
				# racy deviation (a provisional after the
				# final, RFC 3261 17.2.1) that is noted and
				# the call tried again, up to three times
				for try in 1 2 3; do
					run_sipconform --transport $tp \
						"sip:alice@127.0.0.1:$kport"
					{ fired MUST "$tmp/report.json"
					  fired SHOULD "$tmp/report.json"; } |
						grep -q 'order\.\(no-1xx-after-final\|1xx-after-final-reordered\)' ||
						break
					echo "# note: try $try: kamailio forwarded a 180 after the 200"
				done
				check "baresip alice call $tp" 0 $allow_supported "$(final 200)"
			done
		else
			bad "baresip alice: no 200 to its REGISTER in 5 s"
			tail -n 5 "$tmp/alice.log"
		fi
		# before kamailio: baresip unregisters on the way out
		stop_peer "$ua"
	else
		bad "baresip alice: did not start"
	fi
	stop_peer "$kam"
fi

finish test_baresip
