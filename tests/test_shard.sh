#!/bin/sh
# Issue 11: one load job as N shards (--shard I/N) and their reports
# merged (sipconform merge).  The shards run side by side against the
# reference target on 127.0.0.1, as N hosts of a CI matrix would; each
# makes its own calls of the job (I, I+N, ...), and the merged report is
# the job's: every call counted once, the percentiles those of all calls.
# What would make a merged verdict untrue is refused with exit 2: a shard
# missing or given twice, reports of different jobs, a report that is no
# load run's, bytes that are no report (libre's JSON decoder takes
# 'not json at all' as JSON; what it makes of it is no report either).
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

# shard SHARD EXTRA...: one shard of the 30-call job, JSON and CSV
shard() {
	s=$1
	shift
	# shellcheck disable=SC2086
	timeout 300 "$bin" --calls 30 --rate 30 --shard "$s" "$@" \
		--format json --output "$tmp/s${s%/*}.json" \
		--csv "$tmp/s${s%/*}.csv" "sip:s@127.0.0.1:$tport" \
		2>>"$tmp/shard.err"
}

ref_target
shard 1/3 & p1=$!
shard 2/3 & p2=$!
shard 3/3 & p3=$!
wait $p1; r1=$?
wait $p2; r2=$?
wait $p3; r3=$?
judge "three shards pass" "$([ $r1$r2$r3 = 000 ]; echo $?)" \
	"exit $r1 $r2 $r3: $(head -c 300 "$tmp/shard.err")"

# Each shard: its share of the job, its calls numbered in the job
for i in 1 2 3; do
	j=$tmp/s$i.json
	judge "shard $i: 10 calls, shard $i of 3" \
		"$(jq -e ".load.shard == $i and .load.shards == 3 and .load.calls == 30 and .totals.started == 10 and .totals.pass == 10 and .totals.not_started == 0" "$j" >/dev/null; echo $?)" \
		"$(jq -c '{load, totals}' "$j" 2>&1 | head -c 300)"
	# the CSV's call numbers (1-based) are i, i+3, ...
	nums=$(tail -n +2 "$tmp/s$i.csv" | cut -d, -f1 | sort -n | tr '\n' ' ')
	want=$(seq "$i" 3 30 | tr '\n' ' ')
	judge "shard $i: calls $want" "$([ "$nums" = "$want" ]; echo $?)" \
		"got $nums"
done

# The job, merged: every call once, in every format
"$bin" merge --format json --output "$tmp/m.json" "$tmp/s2.json" \
	"$tmp/s1.json" "$tmp/s3.json" 2>"$tmp/m.err"
rc=$?
judge "merge: exit 0" "$([ $rc = 0 ]; echo $?)" "exit $rc $(cat "$tmp/m.err")"
for c in '.totals.started == 30' '.totals.done == 30' '.totals.pass == 30' \
	 '.totals.not_started == 0' '.load.merged == 3' '.load.shards == 3' \
	 '.load.shard == null' '.load.concurrency == 300' \
	 '.latency_ms.to_final.calls == 30' '.latency_ms.call.calls == 30' \
	 '([.latency_ms.to_final.buckets_us[][1]] | add) == 30' \
	 '.verdict == "pass"' \
	 '(.rules[] | select(.id == "statusline.version") | .checked_calls) == 30' \
	 "[.latency_ms.to_final.max_us] == [$(jq -s 'map(.latency_ms.to_final.max_us) | max' "$tmp"/s[123].json)]" \
	 "(.totals.messages_in) == $(jq -s 'map(.totals.messages_in) | add' "$tmp"/s[123].json)"; do
	judge "merged: $c" "$(jq -e "$c" "$tmp/m.json" >/dev/null; echo $?)" \
		"$(jq -c '{load, totals}' "$tmp/m.json" 2>&1 | head -c 300)"
done
for fmt in text junit tap; do
	"$bin" merge --format $fmt --output "$tmp/m.$fmt" "$tmp"/s[123].json
	rc=$?
	case $fmt in
	text)  grep -q '3 reports merged (3 shards)' "$tmp/m.$fmt" &&
	       grep -q 'RESULT: PASS .* 0 of 30 calls failing' "$tmp/m.$fmt" ;;
	junit) xmllint --noout "$tmp/m.$fmt" 2>/dev/null ;;
	tap)   grep -q '^ok ' "$tmp/m.$fmt" && ! grep -q '^not ok' "$tmp/m.$fmt" ;;
	esac
	judge "merged $fmt" "$([ $? = 0 ] && [ $rc = 0 ]; echo $?)" "exit $rc"
done

# Distinct Call-IDs, tagged by shard: SIPp's uas logs what it got
if command -v sipp >/dev/null 2>&1; then
	sport=$(free_port u)
	start_peer sipp 120 sh -c 'cd "$1" && shift && exec "$@"' sh "$tmp" \
		sipp -sn uas -i 127.0.0.1 -p "$sport" -trace_msg \
		-message_file "$tmp/sipp.msg" -bg
	sleep 1
	timeout 120 "$bin" --calls 4 --rate 20 --shard 2/2 --timeout 5 \
		--output /dev/null "sip:s@127.0.0.1:$sport" 2>/dev/null
	ids=$(grep -i '^Call-ID:' "$tmp/sipp.msg" 2>/dev/null | sort -u)
	n=$(printf '%s\n' "$ids" | grep -c -- '-s2\.2@sipconform')
	judge "Call-IDs: 2 calls, each its own, tagged s2.2" \
		"$([ "$n" = 2 ] && [ "$(printf '%s\n' "$ids" | wc -l)" = 2 ]; echo $?)" \
		"$ids"
	pkill -f "sipp -sn uas -i 127.0.0.1 -p $sport" 2>/dev/null
	stop_peers
fi

# A failing shard fails the job: shard 2 meets a target that breaks a
# MUST, at the same address (the same job)
stop_peers
start_peer target 300 "$target" --listen 127.0.0.1 --port "$tport" \
	--misbehave sl-version
wait_ports "$peer" "$tport" u
tport_bad=$tport
timeout 120 "$bin" --calls 30 --rate 30 --shard 2/3 --format json \
	--output "$tmp/bad2.json" "sip:s@127.0.0.1:$tport_bad" 2>/dev/null
"$bin" merge "$tmp/s1.json" "$tmp/bad2.json" "$tmp/s3.json" >"$tmp/mf.txt" 2>&1
rc=$?
judge "a failing shard: exit 1" "$([ $rc = 1 ]; echo $?)" "exit $rc $(head -c 300 "$tmp/mf.txt")"
stop_peers

echo '{"tool": "sipconform"' >"$tmp/cut.json"
printf 'not json at all' >"$tmp/garbage.json"
"$bin" --calls 3 --format json --output "$tmp/other.json" \
	"sip:s@127.0.0.1:$tport_bad" 2>/dev/null
"$bin" --format json --output "$tmp/once.json" --timeout 1 \
	"sip:s@127.0.0.1:1" 2>/dev/null
sed 's/"version": "[^"]*"/"version": "0.0.0-other"/' "$tmp/s1.json" >"$tmp/oldver.json"
# a bucket's top one above a bucket's (the tops past 63 us are odd,
# the calls take seconds): no histogram of this version
jq '.latency_ms.call.buckets_us[0][0] += 1' "$tmp/s1.json" >"$tmp/badbucket.json"
sed 's/"pass": 10,/"pass": 9,/' "$tmp/s1.json" >"$tmp/badsum.json"
cases="
one missing      | s1 s3          | shard 2 of 3 missing
given twice      | s1 s1 s2 s3    | shard 1 of 3 given twice
another job      | s1 s2 other    | not the same job
no load run      | once           | not the report of a load run
cut short        | cut            | not JSON
garbage          | garbage        | not a sipconform report
another version  | oldver s2 s3   | this is
no such file     | nonexistent    | No such file
bad bucket       | badbucket s2 s3 | call: a bucket
totals wrong     | badsum s2 s3   | do not add up
"
printf '%s\n' "$cases" | while IFS='|' read -r name files want; do
	[ -n "$name" ] || continue
	args=
	for f in $files; do args="$args $tmp/$f.json"; done
	# shellcheck disable=SC2086
	"$bin" merge --output "$tmp/x.txt" $args 2>"$tmp/x.err"
	rc=$?
	judge "refused, $name: exit 2, '$want'" \
		"$([ $rc = 2 ] && grep -q -- "$want" "$tmp/x.err" && [ ! -s "$tmp/x.txt" ]; echo $?)" \
		"exit $rc: $(head -c 300 "$tmp/x.err")"
	echo "$pass $fail" >"$tmp/count"
done
read -r pass fail <"$tmp/count"

stop_peers
finish test_shard.sh
