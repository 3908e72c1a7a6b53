#!/bin/sh
# Issue 11, the long test (`make check-long`, not in `make check`: it
# takes minutes).  One load run of CALLS calls (default 100,000) against
# the reference target on 127.0.0.1:
#   - every call accounted for: started == done == pass, none left out;
#   - memory flat after warm-up: sipconform's RSS is sampled every
#     second; the highest sample of the last half of the run may exceed
#     the highest of the second fifth (warmed up: the calls in flight are
#     at their steady number by then) by at most 10 % + 2 MiB;
#   - then, with an --enable-sanitizers build (SIPCONFORM_ASAN=path to
#     its sipconform; skipped when not given), LEAK_CALLS calls (default
#     2,000) under LeakSanitizer: no leak, every call accounted for.
# Prints the RSS series' summary, the run's figures, and a verdict line
# per check; exit 0 when all hold.
#
#   tests/long/scale.sh [CALLS [RATE]]    (default 100000 at 1000/s)
srcdir=$(cd "$(dirname "$0")/.." && pwd)
calls=${1:-100000}
rate=${2:-1000}
leak_calls=${LEAK_CALLS:-2000}
bin=${SIPCONFORM:-../src/sipconform}
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
known_bugs=""
# shellcheck source=../lib.sh
. "$srcdir/lib.sh"
lib_init

# run_load BIN CALLS RATE OUT: a load run in the background, $lpid
run_load() {
	"$1" --calls "$2" --rate "$3" --concurrency "$conc" --timeout 10 \
		--quiet --format json --output "$4" "sip:s@127.0.0.1:$tport" \
		2>"$4.err" &
	lpid=$!
}

ref_target
# a call lasts about 2.5 s (the 2xx held 3.5*T1 for its retransmissions,
# then BYE): 4 s of calls in flight, at most 5000
conc=$((rate * 4))
[ $conc -le 5000 ] || conc=5000
t0=$(now_ms)
run_load "$bin" "$calls" "$rate" "$tmp/scale.json"
: >"$tmp/rss"
while kill -0 "$lpid" 2>/dev/null; do
	sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$lpid/status" \
		>>"$tmp/rss" 2>/dev/null
	sleep 1
done
wait "$lpid"
rc=$?
secs=$((($(now_ms) - t0) / 1000))
stop_peers

judge "calls: exit 0" "$([ $rc = 0 ]; echo $?)" "exit $rc $(head -c 300 "$tmp/scale.json.err")"
judge "calls: every call accounted for and passing" \
	"$(jq -e ".totals.started == $calls and .totals.done == $calls and .totals.pass == $calls and .totals.not_started == 0" "$tmp/scale.json" >/dev/null; echo $?)" \
	"$(jq -c .totals "$tmp/scale.json" 2>&1 | head -c 300)"

n=$(wc -l <"$tmp/rss")
summary=$(awk -v n="$n" '
	{ v[NR] = $1 }
	END {
		a = int(n / 5) + 1; b = int(2 * n / 5); c = int(n / 2) + 1
		for (i = a; i <= b; i++) if (v[i] > w) w = v[i]
		for (i = c; i <= n; i++) if (v[i] > l) l = v[i]
		for (i = 1; i <= n; i++) if (v[i] > m) m = v[i]
		printf "%d %d %d", w, l, m
	}' "$tmp/rss")
read -r warm late peak <<EOF
$summary
EOF
echo "rss: $n samples over ${secs} s; warmed up (2nd fifth) ${warm} KiB, last half ${late} KiB, peak ${peak} KiB"
echo "run: $(jq -c '{elapsed_ms: .load.elapsed_ms, totals: {started: .totals.started, pass: .totals.pass}, retransmissions, call_p99: .latency_ms.call.p99}' "$tmp/scale.json")"
judge "calls: RSS flat after warm-up (last half <= 110 % of the 2nd fifth + 2 MiB)" \
	"$([ "$n" -ge 10 ] && [ "$late" -le $((warm * 11 / 10 + 2048)) ]; echo $?)" \
	"$n samples, warm $warm KiB, late $late KiB"

if [ -n "${SIPCONFORM_ASAN:-}" ]; then
	ref_target
	conc=1000
	export ASAN_OPTIONS=detect_leaks=1:exitcode=86
	run_load "$SIPCONFORM_ASAN" "$leak_calls" 200 "$tmp/leak.json"
	wait "$lpid"
	rc=$?
	unset ASAN_OPTIONS
	stop_peers
	judge "LSan: $leak_calls calls, no leak (exit 0)" "$([ $rc = 0 ]; echo $?)" \
		"exit $rc: $(grep -m3 -E 'LeakSanitizer|SUMMARY' "$tmp/leak.json.err")"
	judge "LSan: every call accounted for" \
		"$(jq -e ".totals.done == $leak_calls and .totals.pass == $leak_calls" "$tmp/leak.json" >/dev/null; echo $?)" \
		"$(jq -c .totals "$tmp/leak.json" 2>&1 | head -c 300)"
else
	skip "LSan run: SIPCONFORM_ASAN (an --enable-sanitizers sipconform) not given"
fi
finish scale.sh
