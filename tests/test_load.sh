#!/bin/sh
# Issue 11: the load mode.  sipconform --calls/--rate/--concurrency
# against the reference target on 127.0.0.1; each row says what the
# aggregate report must show.  Every call started is accounted for: it
# passed, failed or was not judged, also when the target dies mid-run
# (each call ends by its own --timeout, or at once by the ICMP port
# unreachable) and when SIGINT ends the run (the report is written, the
# exit status is 130).  Time bounds are wide: the machine is busy.
#
# Row: name | target options (- none) | sipconform options | exit status
#      | event (- none, kill@S: stop the target after S s, int@S: SIGINT
#      to sipconform after S s) | checks (jq expressions on the JSON
#      report, each must be true)
# shellcheck disable=SC2154
srcdir=$(cd "${srcdir:-.}" && pwd)
if [ -n "${SIPCONFORM_SKIP_PEER_TESTS:-}" ]; then
	echo "SKIP: SIPCONFORM_SKIP_PEER_TESTS is set"
	exit 77
fi
bin=${SIPCONFORM:-../src/sipconform}
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
known_bugs=""
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
lib_init

# the calls' sum: every one started is one of pass, fail, not judged
sum='.totals.done == .totals.started and .totals.pass + .totals.fail + .totals.not_judged == .totals.done'

cases="
good     | -                       | --calls 200 --rate 100                     | 0   | -      | .totals.pass == 200;.totals.started == 200;.latency_ms.to_final.calls == 200;.latency_ms.call.p50 > 0
good-all | -                       | --calls 40 --rate 40 --scenario all        | 0   | -      | .totals.pass == 40;([.rules[].failed_calls] | add) == 0
bad-100  | --misbehave sl-version  | --calls 60 --rate 60 --concurrency 20      | 1   | -      | .totals.fail == 60;(.rules[] | select(.id == \"statusline.version\") | .failed_calls) == 60;.verdict == \"fail\"
tcp      | -                       | --calls 50 --rate 50 --transport tcp       | 0   | -      | .totals.pass == 50
dies     | -                       | --calls 200 --rate 40 --timeout 4          | 3   | kill@2 | .totals.done == 200;.totals.not_judged > 0;.totals.pass > 0
sigint   | -                       | --calls 1000 --rate 50                     | 130 | int@4  | .interrupted == \"SIGINT\";.verdict == \"interrupted\";.totals.not_started > 0;.totals.pass > 0
duration | -                       | --duration 2 --rate 20                     | 0   | -      | .totals.pass >= 20;.totals.pass <= 45;.load.calls == null
"

row() {
	case_=$1 topts=$2 sopts=$3 want=$4 event=$5 checks=$6
	[ "$topts" = - ] && topts=""
	# shellcheck disable=SC2086
	ref_target $topts
	out="$tmp/$case_.json" csv="$tmp/$case_.csv"
	# shellcheck disable=SC2086
	timeout 300 "$bin" $sopts --format json --output "$out" --csv "$csv" \
		"sip:s@127.0.0.1:$tport" 2>"$tmp/$case_.err" &
	pid=$!
	case $event in
	kill@*) sleep "${event#kill@}"; stop_peers ;;
	int@*)  sleep "${event#int@}"; kill -INT "$pid" ;;
	esac
	wait "$pid"
	rc=$?
	stop_peers
	judge "$case_: exit" "$([ "$rc" = "$want" ]; echo $?)" \
		"exit $rc, want $want $(head -c 300 "$tmp/$case_.err")" || return
	if ! jq -e . "$out" >/dev/null 2>&1; then
		bad "$case_: no JSON report ($(wc -c <"$out" 2>/dev/null || echo no) bytes; stderr: $(head -c 300 "$tmp/$case_.err"))"
		return
	fi
	judge "$case_: sum" "$(jq -e "$sum" "$out" >/dev/null; echo $?)" \
		"$(jq -c .totals "$out")"
	# one CSV line a call accounted for, and a header
	lines=$(($(wc -l <"$csv") - 1))
	done_=$(jq .totals.done "$out")
	judge "$case_: csv" "$([ "$lines" = "$done_" ]; echo $?)" \
		"$lines lines for $done_ calls"
	old_ifs=$IFS
	IFS=';'
	for c in $checks; do
		IFS=$old_ifs
		judge "$case_: $c" "$(jq -e "$c" "$out" >/dev/null; echo $?)" \
			"$(jq -c '{totals, rules: [.rules[] | select(.failed_calls > 0)]}' "$out" | head -c 400)"
	done
	IFS=$old_ifs
}

printf '%s\n' "$cases" | while IFS='|' read -r case_ topts sopts want event checks; do
	[ -n "$case_" ] || continue
	trim() { printf '%s' "$1" | sed 's/^ *//; s/ *$//'; }
	row "$(trim "$case_")" "$(trim "$topts")" "$(trim "$sopts")" \
		"$(trim "$want")" "$(trim "$event")" "$(trim "$checks")"
	echo "$pass $fail" >"$tmp/count"
done
read -r pass fail <"$tmp/count"

# the other formats of one failing run: JUnit one testcase per rule with
# the failing-call count, TAP "not ok" for it, text the totals
ref_target --misbehave sl-version
for fmt in junit tap text; do
	timeout 120 "$bin" --calls 20 --rate 40 --format "$fmt" \
		--output "$tmp/f.$fmt" "sip:s@127.0.0.1:$tport" 2>/dev/null
	rc=$?
	case $fmt in
	junit) grep -q '<failure type="MUST" message="20 of 20 calls broke it' "$tmp/f.$fmt" ;;
	tap)   grep -q '^not ok [0-9]* - load: statusline.version (MUST) 20 of 20 calls' "$tmp/f.$fmt" ;;
	text)  grep -q 'RESULT: FAIL .* 20 of 20 calls failing' "$tmp/f.$fmt" ;;
	esac
	judge "format $fmt" "$([ $? = 0 ] && [ $rc = 1 ]; echo $?)" "exit $rc"
done
if command -v xmllint >/dev/null 2>&1; then
	for x in junit.xsd junit-10.xsd; do
		xmllint --noout --schema "$srcdir/$x" "$tmp/f.junit" 2>"$tmp/xl"
		judge "junit valid ($x)" $? "$(head -c 300 "$tmp/xl")"
	done
fi
# --save-trace in a load run: the traces of the calls that did not pass,
# the first --save-max of them, named by the job's call number; each is
# the evidence 'sipconform judge' replays.  Row: name | options (D is
# the directory) | exit | the files D holds after | what stderr says
# (- nothing about saving)
save_cases="
capped  | --calls 20 --rate 40 --save-max 5       | 1 | call-0 call-1 call-2 call-3 call-4 | saved the traces of 5 calls that did not pass in '.*'; 15 more not saved (--save-max 5)
all     | --calls 4 --rate 40                     | 1 | call-0 call-1 call-2 call-3 | saved the traces of 4 calls that did not pass in '.*'\$
shard   | --calls 6 --rate 40 --shard 2/2         | 1 | call-1 call-3 call-5 | saved the traces of 3 calls
lost    | --calls 3 --rate 40                     | 2 | call-0 call-1 call-2 | cannot save the trace of call 0 in '
"
save_row() {
	name=$1 opts=$2 want=$3 files=$4 says=$5
	d="$tmp/save-$name"
	rm -rf "$d" && mkdir "$d"
	# a trace that cannot be written: its name taken by a directory
	[ "$name" = lost ] && mkdir "$d/call-0.trace"
	# shellcheck disable=SC2086
	timeout 120 "$bin" $opts --save-trace "$d" --format json \
		--output "$tmp/save.json" "sip:s@127.0.0.1:$tport" \
		2>"$tmp/save.err"
	rc=$?
	judge "save $name: exit $want" "$([ $rc = "$want" ]; echo $?)" \
		"exit $rc $(head -c 300 "$tmp/save.err")"
	got=$(cd "$d" && ls | sed 's/\.trace$//' | sort -t- -k2n | tr '\n' ' ')
	judge "save $name: files" "$([ "$got" = "$files " ]; echo $?)" \
		"got '$got', want '$files '"
	judge "save $name: says" "$(grep -q "$says" "$tmp/save.err"; echo $?)" \
		"$(head -c 300 "$tmp/save.err")"
	judge "save $name: report written" \
		"$(jq -e '.verdict == "fail"' "$tmp/save.json" >/dev/null; echo $?)" \
		"$(head -c 200 "$tmp/save.json")"
}
printf '%s\n' "$save_cases" | while IFS='|' read -r name opts want files says; do
	[ -n "$name" ] || continue
	trim() { printf '%s' "$1" | sed 's/^ *//; s/ *$//'; }
	save_row "$(trim "$name")" "$(trim "$opts")" "$(trim "$want")" \
		"$(trim "$files")" "$(trim "$says")"
	echo "$pass $fail" >"$tmp/count"
done
read -r pass fail <"$tmp/count"
# a saved trace is the call's evidence: judged offline, the same MUST
"$bin" judge --format json "$tmp/save-capped/call-3.trace" >"$tmp/replay.json" 2>&1
rc=$?
judge "saved trace judged: exit 1" "$([ $rc = 1 ]; echo $?)" "exit $rc"
judge "saved trace judged: statusline.version" \
	"$(jq -e '[.scenarios[].findings[].rule] | index("statusline.version") != null' "$tmp/replay.json" >/dev/null; echo $?)" \
	"$(head -c 300 "$tmp/replay.json")"
# a run where every call passes saves nothing and says nothing of it
stop_peers
ref_target
rm -rf "$tmp/save-pass" && mkdir "$tmp/save-pass"
timeout 120 "$bin" --calls 10 --rate 40 --save-trace "$tmp/save-pass" \
	"sip:s@127.0.0.1:$tport" >/dev/null 2>"$tmp/save.err"
rc=$?
judge "save pass: exit 0, no file, nothing said" \
	"$([ $rc = 0 ] && [ -z "$(ls "$tmp/save-pass")" ] && ! grep -q saved "$tmp/save.err"; echo $?)" \
	"exit $rc, $(ls "$tmp/save-pass" | head -3), $(head -c 200 "$tmp/save.err")"
"$bin" --save-max 5 "sip:s@127.0.0.1:$tport" >/dev/null 2>"$tmp/save.err"
rc=$?
judge "--save-max without a load run's --save-trace: usage" \
	"$([ $rc = 2 ] && grep -q 'save-max goes with --save-trace' "$tmp/save.err"; echo $?)" \
	"exit $rc $(head -c 200 "$tmp/save.err")"
# Too few descriptors for --concurrency (ulimit -n 40: room for a few
# calls): said before the run; the calls that find none sent nothing and
# are counted as not set up, not as the target's silence, and give no
# latency (their timings were zeros, counted as 0 ms once)
stop_peers
ref_target
(ulimit -n 40 && exec timeout 120 "$bin" --calls 60 --concurrency 50 \
	--format json --output "$tmp/fd.json" "sip:s@127.0.0.1:$tport") \
	2>"$tmp/fd.err"
rc=$?
judge "descriptors short: exit 3" "$([ $rc = 3 ]; echo $?)" \
	"exit $rc $(head -c 300 "$tmp/fd.err")"
judge "descriptors short: said" \
	"$(grep -q 'may need .* file descriptors and the limit is 40' "$tmp/fd.err"; echo $?)" \
	"$(head -c 300 "$tmp/fd.err")"
for c in '.totals.not_set_up > 0' '.totals.pass > 0' \
	 '.totals.pass + .totals.not_set_up == 60' '.totals.no_final == 0' \
	 '.latency_ms.to_final.calls == .totals.pass' \
	 '.latency_ms.call.calls == .totals.pass'; do
	judge "descriptors short: $c" "$(jq -e "$c" "$tmp/fd.json" >/dev/null; echo $?)" \
		"$(jq -c '.totals' "$tmp/fd.json" 2>&1 | head -c 300)"
done
# no progress line when stderr is no terminal
timeout 120 "$bin" --calls 5 "sip:s@127.0.0.1:$tport" >/dev/null 2>"$tmp/p.err"
judge "no progress line off a terminal" \
	"$(! grep -q 'calls done' "$tmp/p.err"; echo $?)" "$(head -c 200 "$tmp/p.err")"
if command -v script >/dev/null 2>&1; then
	timeout 120 script -qec "$bin --calls 5 --rate 5 sip:s@127.0.0.1:$tport >/dev/null" /dev/null >"$tmp/tty.out" 2>&1
	judge "progress line on a terminal" \
		"$(grep -q 'calls done' "$tmp/tty.out"; echo $?)" "$(head -c 200 "$tmp/tty.out")"
	timeout 120 script -qec "$bin --quiet --calls 5 --rate 5 sip:s@127.0.0.1:$tport >/dev/null" /dev/null >"$tmp/tty.out" 2>&1
	judge "--quiet: none" \
		"$(! grep -q 'calls done' "$tmp/tty.out"; echo $?)" "$(head -c 200 "$tmp/tty.out")"
fi
stop_peers
finish test_load.sh
