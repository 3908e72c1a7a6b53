#!/bin/sh
# Issue 11: sipconform's load mode against SIPp, side by side.  SIPp's
# stock uas (-sn uas) on 127.0.0.1; against it, one after the other,
# SIPp's stock uac (-sn uac) and sipconform's call scenario in load mode,
# the same number of calls at the same rate.  Prints each one's CPU per
# call (user + system, /usr/bin/time), peak RSS, failed calls, and the
# ratios sipconform / SIPp.
#
#   bench/bench_sipp.sh [CALLS [RATE]]     (default 2000 calls at 200/s)
#
# SWEEP="1000 2000 4000": then, for each rate, 3 s of calls by each tool
# (alone against the uas, one after the other), their failed calls, and
# the highest rate of the list each sustained with none failed.
#
# SIPCONFORM=path/to/sipconform (default build/src/sipconform).  SIPp's
# uac hangs up at once; sipconform holds every answered call for the
# rules that read the 2xx retransmissions (3.5*T1) and judges it by
# every rule: the comparison is per call as each tool makes one.
# shellcheck shell=sh
calls=${1:-2000}
rate=${2:-200}
bin=${SIPCONFORM:-build/src/sipconform}
for t in sipp /usr/bin/time jq; do
	command -v "$t" >/dev/null 2>&1 || { echo "no $t"; exit 77; }
done
[ -x "$bin" ] || { echo "no $bin"; exit 99; }
tmp=$(mktemp -d) || exit 99
upid=""
trap '[ -z "$upid" ] || kill "$upid" 2>/dev/null; rm -rf "$tmp"' EXIT
port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 12000))
timeout 900 sipp -sn uas -i 127.0.0.1 -p "$port" -nostdin >/dev/null 2>&1 &
upid=$!
sleep 1

# measure NAME CMD...: "NAME cpu_us rss_kib" into $tmp/NAME
measure() {
	name=$1
	shift
	/usr/bin/time -f '%U %S %M' -o "$tmp/$name.time" "$@" \
		>"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

measure sipp timeout 900 sipp -sn uac -i 127.0.0.1 -m "$calls" -r "$rate" \
	-l $((rate * 10)) -trace_stat -stf "$tmp/sipp.csv" "127.0.0.1:$port" \
	-timeout 600 -nostdin
# a call of ours lasts about 2.5 s (the 2xx held 3.5*T1, then BYE):
# room for 4 s of calls, within --concurrency's 10000 and the descriptors
# (two a UDP call: past them a call is not set up)
conc() {
	c=$(($1 * 4)); [ $c -le 10000 ] || c=10000
	n=$(ulimit -Hn); [ "$n" = unlimited ] || [ $c -le $(((n - 64) / 2)) ] ||
		c=$(((n - 64) / 2))
	echo $c
}
measure ours timeout 900 "$bin" --calls "$calls" --rate "$rate" \
	--concurrency "$(conc "$rate")" --format json \
	--output "$tmp/ours.json" --quiet "sip:service@127.0.0.1:$port"

sfail="?"
[ -r "$tmp/sipp.csv" ] && sfail=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i }
	END { print $c }' "$tmp/sipp.csv")
ofail=$(jq '.totals.fail + .totals.not_judged' "$tmp/ours.json")

# /usr/bin/time writes "Command exited with non-zero status N" first
# when the command failed: the figures are its last line
read -r su ss srss <<EOF
$(tail -n 1 "$tmp/sipp.time")
EOF
read -r ou os orss <<EOF
$(tail -n 1 "$tmp/ours.time")
EOF
awk -v n="$calls" -v r="$rate" -v su="$su" -v ss="$ss" -v srss="$srss" \
    -v ou="$ou" -v os="$os" -v orss="$orss" -v sf="$sfail" -v of="$ofail" 'BEGIN {
	sc = (su + ss) * 1e6 / n; oc = (ou + os) * 1e6 / n
	printf "%d calls at %d/s against SIPp uas on 127.0.0.1\n", n, r
	printf "%-12s %14s %14s %12s\n", "", "CPU/call (us)", "peak RSS KiB", "failed"
	printf "%-12s %14.1f %14d %12s\n", "sipp uac", sc, srss, sf
	printf "%-12s %14.1f %14d %12s\n", "sipconform", oc, orss, of
	printf "%-12s %14.2f %14.2f\n", "ratio", sc ? oc / sc : 0, srss ? orss / srss : 0
}'
# what failed in our calls, rule by rule
jq -r '.rules[] | select(.failed_calls > 0) | "  \(.level) \(.id): \(.failed_calls) of \(.checked_calls) calls"' "$tmp/ours.json"

[ -n "${SWEEP:-}" ] || exit 0
echo
echo "rate sweep: 3 s of calls at each rate, failed calls"
printf '%-8s %12s %12s\n' rate "sipp uac" sipconform
best_s=0 best_o=0
for r in $SWEEP; do
	n=$((r * 3))
	measure sipp timeout 900 sipp -sn uac -i 127.0.0.1 -m "$n" -r "$r" \
		-l $((r * 10)) -trace_stat -stf "$tmp/sw.csv" "127.0.0.1:$port" \
		-timeout 600 -nostdin
	sf=$(awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "FailedCall(C)") c = i }
		END { print $c }' "$tmp/sw.csv")
	rm -f "$tmp/sw.csv"
	measure ours timeout 900 "$bin" --calls "$n" --rate "$r" \
		--concurrency "$(conc "$r")" --format json \
		--output "$tmp/sw.json" --quiet "sip:service@127.0.0.1:$port"
	of=$(jq '.totals.fail + .totals.not_judged' "$tmp/sw.json" 2>/dev/null || echo "?")
	printf '%-8s %12s %12s\n' "$r" "${sf:-?}" "$of"
	[ "${sf:-1}" = 0 ] && [ "$r" -gt $best_s ] && best_s=$r
	[ "$of" = 0 ] && [ "$r" -gt $best_o ] && best_o=$r
done
echo "highest rate with no failed call: sipp uac $best_s/s, sipconform $best_o/s"
