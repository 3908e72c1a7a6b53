# Proof of the judge (issue 4): sipconform against its reference target,
# uas/sipconform-target, on 127.0.0.1 and ::1.  Sourced, never run: the
# test_target_*.sh scripts are its parts, each one automake TESTS entry,
# so that `make -j check` runs them side by side.  Each part starts its
# own targets with --port 0 and reads the port back from the "listening
# ..." line, and keeps its files in a directory of its own (lib_init).
#
#  1. The target that conforms (tests/target/good.tbl; test_target_good_N):
#     exit 0 and no finding at all, not even a SHOULD, over UDP and TCP,
#     IPv4 and IPv6, with every scenario, and in the conforming variants
#     (rport, Timestamp, no offer, 100rel required or not offered, a Via
#     sent-by that owes received=, the finals of --code).  A trace check
#     proves each variant took effect.
#  2. One row per misbehaviour (tests/target/rules.tbl;
#     test_target_rules_N): the rule it breaks, as the target lists it
#     (--list-misbehaviours), must fire, the exit code must be the row's,
#     and no other rule may fire, MUST or SHOULD, but the collateral the
#     row lists (with the reason in a comment).  test_target_table.sh:
#     every rule of `sipconform --list-rules` has a row, and every
#     misbehaviour of `sipconform-target --list-misbehaviours` a row or a
#     reason why sipconform cannot provoke it (tests/target/unprovable.tbl):
#     a rule or misbehaviour without a proof fails the test.
#  3. The hostile behaviours (tests/target/hostile.tbl;
#     test_target_hostile): sipconform ends within --timeout + 10 s with the
#     row's exit code, never crashes, and leaves no sanitizer report
#     (ASan/UBSan/LSan build), nor does the target.
#
# A part N of M takes every Mth case of its table, counted row by row,
# host by host, transport by transport: the cases are alike, the parts
# come out alike in time, and a row added anywhere keeps them so.  A row
# whose cases fall into two parts starts a target in each.
#
# Every process runs under timeout(1); the EXIT trap stops the target.
# The one row that needs 65 s of silence (timing.1xx-every-minute) runs
# only with SIPCONFORM_SLOW_TESTS=1; otherwise it is counted and printed
# as skipped.  With SIPCONFORM_KEEP_TRACES=DIR the traces of a failing
# run are copied there (DIR/<case>/*.trace; `sipconform judge --t1 100
# --verbose`).
#
# shellcheck shell=sh disable=SC2154
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
slow=${SIPCONFORM_SLOW_TESTS:-0}
keep=${SIPCONFORM_KEEP_TRACES:-}
tables="$srcdir/target"

set -f                  # table fields are split on spaces, never globbed

# Known sipconform or target bugs, reported and not yet fixed:
# "case-name: why" (see lib.sh, judge)
known_bugs="
"

[ -x "$target" ] || { echo "ERROR: no $target"; exit 99; }

# Known bugs that show as a time bound missed by a few hundred ms, and
# only in the ASan/UBSan build (clang links the runtime in): a failure
# is an expected one, a pass is fine too (a host fast enough), so these
# are not in known_bugs, where a pass is an error.  Remove them with the
# fix.
soft_bugs=""
# the hostile rows: what a run may take beyond its --timeout
hostile_slack_ms=10000
lib_init
skipped=0

# The parts run side by side, and the hostile flood (5000 183s sent and
# judged in about 2 s of the 3 s it may take) is the one case whose time
# bound our own parallelism can break: it runs alone.  Every run of
# sipconform holds a lock shared, the flood's exclusive (lock_mode); the
# lock file is in the build's tests directory, one for all parts.
# Without flock(1), or after 120 s of waiting, a run goes ahead anyway.
lock=${SIPCONFORM_TARGET_LOCK:-$PWD/test_target.lock}
lock_mode=-s
have_flock=no
if command -v flock >/dev/null 2>&1 && touch "$lock" 2>/dev/null; then
	exec 8>>"$lock"
	have_flock=yes
fi
lock_take() {
	[ $have_flock = yes ] || return 0
	flock -w 120 "$lock_mode" 8 ||
		echo "note  no lock ($lock_mode) in 120 s: running anyway"
}
lock_drop() {
	[ $have_flock = no ] || flock -u 8
}
# Misbehaviours as the target lists them: "name rule-id|hostile" per line
"$target" --list-misbehaviours | awk '{ print $1, $2 }' >"$tmp/mbs" ||
	{ echo "ERROR: $target --list-misbehaviours"; exit 99; }

# soft_judge NAME PASSED DETAIL: judge, but a failure of a case in
# $soft_bugs is an expected one
soft_judge() {
	sw=$(printf '%s\n' "$soft_bugs" |
	     awk -v n="$1: " 'index($0, n) == 1 { print substr($0, length(n) + 1) }')
	if [ -n "$sw" ] && [ "$2" != 0 ]; then
		xfail=$((xfail + 1))
		echo "XFAIL $1: $3 [known bug: $sw]"
		return 0
	fi
	judge "$@"
}

# --- the tables -----------------------------------------------------------

# table NAME: the rows of tests/target/NAME.tbl, without comments and
# blank lines
table() {
	grep -v -e '^#' -e '^[[:space:]]*$' "$tables/$1.tbl"
}

# trim WORDS: the words, one space apart; "-" is nothing
trim() {
	# shellcheck disable=SC2086
	set -- $1
	[ "$*" = - ] && return 0
	printf '%s' "$*"
}

# breaks MISBEHAVIOUR: the rule id the target says it breaks, "hostile",
# or nothing when the target does not know it
breaks() {
	awk -v m="$1" '$1 == m { print $2 }' "$tmp/mbs"
}

# part_init PART PARTS: this script runs case PART, PART + PARTS, ... of
# its table; mine says whether the next case is one of them
part_init() {
	part=$1 parts=$2 case_no=0
	echo "# part $part of $parts: cases $part, $((part + parts)), ..."
}
mine() {
	case_no=$((case_no + 1))
	[ $(((case_no - 1) % parts + 1)) = "$part" ]
}

section() { echo "# $* (at $(( ($(now_ms) - t0) / 1000 )) s)"; }

# --- the processes --------------------------------------------------------

# start_target [TARGET-ARGS...]: the target on 127.0.0.1 and ::1 (::1
# only where the host has IPv6), a free port: $tport; its process group
# in $tgt; $v6 is yes when it listens on ::1 too
start_target() {
	rm -f "$tmp/target.log"   # never read the last target's line
	start_peer target 200 "$target" --port 0 "$@"
	tgt=$peer tport="" v6=no
	n=0
	while [ $n -lt 250 ]; do
		line=$(grep -m 1 '^listening ' "$tmp/target.log" 2>/dev/null)
		[ -n "$line" ] && break
		kill -0 "$tgt" 2>/dev/null || break
		sleep 0.02
		n=$((n + 1))
	done
	tport=$(printf '%s\n' "$line" |
		sed -n 's/^listening udp:127\.0\.0\.1:\([0-9][0-9]*\) .*/\1/p')
	case $line in *" udp:[::1]:$tport "*|*" udp:[::1]:$tport") v6=yes ;; esac
	[ -n "$tport" ] && return 0
	echo "cannot start the target ($target $*); its last words:"
	tail -n 5 "$tmp/target.log"
	stop_peer "$tgt"
	tgt=""
	return 1
}

# stop_target: 0 when the target was still serving (its UDP and TCP
# port bound) and, once stopped, left no sanitizer report; otherwise 1
# and the reason in $tgt_err.  Nothing to do without a target.
stop_target() {
	tgt_err=""
	[ -n "$tgt" ] || return 0
	if ! ss -Hlnu "sport = :$tport" | grep -q . ||
	   ! ss -Hlnt "sport = :$tport" | grep -q .; then
		tgt_err="the target died"
	fi
	stop_peer "$tgt"
	tgt=""
	if sanitizer_report "$tmp/target.log" >"$tmp/san"; then
		tgt_err="${tgt_err:+$tgt_err, }target sanitizer report: $(head -n 1 "$tmp/san")"
	fi
	[ -z "$tgt_err" ]
}

# sanitizer_report FILE: 0 (and the lines) when FILE holds a report of
# ASan, UBSan or LSan; ASan and UBSan exit 1 here, which a grep on the
# exit code alone would take for "a MUST rule broken"
sanitizer_report() {
	grep -a -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer|Sanitizer:' \
		"$1" 2>/dev/null
}

# run_client LIMIT ARGS...: sipconform with a JSON report in
# $tmp/report.json and the traces in $tmp/trace; at most LIMIT s.  The
# exit code in $rc, the wall time in $el (ms, the wait for the lock not
# counted), sipconform's stderr in $tmp/stderr; $cmd says how to run it
# again.
run_client() {
	lim=$1
	shift
	rm -rf "$tmp/report.json" "$tmp/trace"
	mkdir -p "$tmp/trace"
	cmd="$bin $*"
	lock_take
	s=$(now_ms)
	timeout -k 2 "$lim" "$bin" --format json --output "$tmp/report.json" \
		--save-trace "$tmp/trace" "$@" >/dev/null 2>"$tmp/stderr" \
		</dev/null
	rc=$?
	el=$(($(now_ms) - s))
	lock_drop
	[ -s "$tmp/report.json" ] || echo '{}' >"$tmp/report.json"
}

# The rule ids of level $1 that fired in the last run, comma-joined
fired_level() { fired "$1" "$tmp/report.json"; }

# common_checks: what every run must satisfy whatever its table says;
# appends to $detail and sets st=1 when one fails
common_checks() {
	if [ "$rc" -ge 124 ]; then
		st=1
		detail="$detail, killed or crashed (exit $rc: timeout 124/137, signal 128+n)"
	fi
	if sanitizer_report "$tmp/stderr" >"$tmp/san"; then
		st=1
		detail="$detail, sanitizer report: $(head -n 1 "$tmp/san")"
	fi
	if ! jq -e --argjson rc "$rc" '.tool == "sipconform" and
	    (.scenarios | length) >= 1 and .exit_code == $rc' \
	    "$tmp/report.json" >/dev/null 2>&1; then
		st=1
		detail="$detail, report not valid JSON or its exit_code differs"
	fi
}

# After a failed case: how to run it again, the report, stderr and the
# exchange (bounded: a flood is 5000 messages); the traces to
# $SIPCONFORM_KEEP_TRACES/<case>/ if set
show_failure() {
	echo "  --- again: $target --port 0 $topts &"
	echo "             $cmd"
	show_run 2>&1 | head -n 150
	if [ -n "$keep" ]; then
		d="$keep/$(printf '%s' "$1" | tr -c 'A-Za-z0-9.-' _)"
		mkdir -p "$d" &&
			find "$tmp/trace" -name '*.trace' -exec cp {} "$d"/ \; &&
			echo "  traces kept in $d"
	fi
}

# resp_lines: the header lines of every response received, in all traces
# of the last run, as "<trace>#<message>\t<line>"
resp_lines() {
	for t in $(find "$tmp/trace" -name '*.trace' | sort); do
		awk -v f="${t##*/}" '
		/^(msg|seg|note) (in|out) (UDP|TCP|-) [^ ]+ [^ ]+ [0-9]+ [0-9]+ [01] [0-9]+$/ {
			resp = ($1 == "msg" && $2 == "in"); hdr = 1; n++; next
		}
		resp && hdr {
			sub(/\r$/, "")
			if ($0 == "") { hdr = 0; next }
			printf "%s#%d\t%s\n", f, n, $0
		}' "$t"
	done
}

# trace_check WHAT: a proof from the traces that a variant took effect;
# 0 when it did, else 1 and the reason in $why.  WHAT is a comma list:
#   received  every response's top Via has received= (sent-by differs)
#   rport     every response's top Via has rport=PORT and received=
#   timestamp some response copies Timestamp
#   rel       some response is reliable (RSeq); norel: none is
#   codeN     the call scenario's final response is N
trace_check() {
	why="" tab=$(printf '\t')
	resp_lines >"$tmp/resp"
	awk -F '\t' 'tolower($2) ~ /^(via|v)[ \t]*:/ && !seen[$1]++ { print $2 }' \
		"$tmp/resp" >"$tmp/topvia"
	for w in $(printf '%s' "$1" | tr , ' '); do
		case $w in
		-) ;;
		received)
			n=$(grep -c . "$tmp/topvia")
			m=$(grep -c 'received=' "$tmp/topvia")
			[ "$n" -gt 0 ] && [ "$n" = "$m" ] ||
				why="$why, $m of $n responses have received= in the top Via"
			;;
		rport)
			n=$(grep -c . "$tmp/topvia")
			m=$(grep -E ';rport=[0-9]+' "$tmp/topvia" | grep -c 'received=')
			[ "$n" -gt 0 ] && [ "$n" = "$m" ] ||
				why="$why, $m of $n responses have rport=PORT and received= in the top Via"
			;;
		timestamp)
			grep -qi "${tab}timestamp[[:space:]]*:" "$tmp/resp" ||
				why="$why, no response copies Timestamp"
			;;
		rel)
			grep -qi "${tab}rseq[[:space:]]*:" "$tmp/resp" ||
				why="$why, no reliable provisional (RSeq)"
			;;
		norel)
			! grep -qi -e "${tab}rseq[[:space:]]*:" \
				-e "${tab}require[[:space:]]*:.*100rel" \
				"$tmp/resp" ||
				why="$why, a reliable provisional although 100rel was not offered"
			;;
		code*)
			c=$(jq -r '.scenarios[] | select(.name == "call") |
				.timings.final_code' "$tmp/report.json")
			[ "$c" = "${w#code}" ] ||
				why="$why, the call got $c, not ${w#code}"
			;;
		*)
			why="$why, unknown trace check '$w'"
			;;
		esac
	done
	why=${why#, }
	[ -z "$why" ]
}

# --- 1. the target conforms: no finding at all ----------------------------

# target_good PART PARTS
target_good() {
	part_init "$1" "$2"
	section "1. the target conforms: exit 0, no finding (MUST or SHOULD)"
	table good >"$tmp/good"
	tgt=""
	while IFS='|' read -r gname topts copts tps hosts what <&3; do
		gname=$(trim "$gname") topts=$(trim "--t1 100 $(trim "$topts")")
		copts=$(trim "--t1 100 --timeout 3 $(trim "$copts")")
		tps=$(trim "$tps") hosts=$(trim "$hosts") what=$(trim "$what")
		for h in $hosts; do
			for tp in $tps; do
				mine || continue
				good_case
			done
		done
		stop_target || bad "good $gname: $tgt_err"
	done 3<"$tmp/good"
}

# good_case: one host and transport of a row of good.tbl; the row's
# target started at its first case in this part
good_case() {
	case_name="good $gname $tp $h"
	if [ -z "$tgt" ]; then
		# shellcheck disable=SC2086
		start_target $topts || { bad "$case_name: the target did not start"; return; }
	fi
	if [ "$h" = "[::1]" ] && [ "$v6" = no ]; then
		skipped=$((skipped + 1))
		skip "$case_name: no IPv6 on this host"
		return
	fi
	# shellcheck disable=SC2086
	run_client 60 --transport "$tp" $copts "sip:service@$h:$tport"
	must=$(fired_level MUST) should=$(fired_level SHOULD)
	detail="exit $rc (want 0), MUST {$must}, SHOULD {$should}, $el ms"
	st=0
	[ "$rc" = 0 ] || st=1
	[ -z "$must$should" ] || { st=1; detail="$detail, want no finding"; }
	# a skipped scenario (auth without credentials) judged nothing
	jq -e '[.scenarios[] | select(.verdict != "skipped") | .judged] | all' \
		"$tmp/report.json" \
		>/dev/null 2>&1 ||
		{ st=1; detail="$detail, a scenario not judged"; }
	common_checks
	if ! trace_check "$what"; then
		st=1
		detail="$detail, $why"
	elif [ -n "$what" ]; then
		detail="$detail, trace: $what"
	fi
	judge "$case_name" $st "$detail" || show_failure "$case_name"
}

# --- 2. every rule: its misbehaviour, and only its findings ---------------

# target_rules PART PARTS
target_rules() {
	part_init "$1" "$2"
	section "2. every rule: exit, the rule fires, nothing else but the collateral"
	table rules >"$tmp/rules"
	tgt=""
	while IFS='|' read -r mb topts copts tps want coll <&3; do
		mb=$(trim "$mb") want=$(trim "$want")
		rule=$(breaks "$mb")
		topts=$(trim "--t1 100 $(trim "$topts") --misbehave $mb")
		extra=$(trim "$copts")
		copts=$(trim "--t1 100 --timeout 3 $extra")
		tps=$(trim "$tps") coll=$(trim "$coll" | tr , ' ')
		case " $tps " in
		*" slow "*)
			rslow=yes
			tps=$(printf '%s' "$tps" | sed 's/ *slow *//')
			;;
		*) rslow=no ;;
		esac
		for tp in $tps; do
			mine || continue
			rule_case
		done
		stop_target || bad "$rule [$mb]: $tgt_err"
	done 3<"$tmp/rules"
}

# rule_case: one transport of a row of rules.tbl
rule_case() {
	case_name="$rule [$mb] $tp${extra:+ $extra}"
	case $rule in
	""|hostile)
		bad "$case_name: the target lists no rule that $mb breaks"
		return
		;;
	esac
	if [ "$rslow" = yes ] && [ "$slow" != 1 ]; then
		skipped=$((skipped + 1))
		skip "$rule [$mb] $tp: needs 65 s (SIPCONFORM_SLOW_TESTS=1)"
		return
	fi
	if [ -z "$tgt" ]; then
		# shellcheck disable=SC2086
		start_target $topts || { bad "$case_name: the target did not start"; return; }
	fi
	# shellcheck disable=SC2086
	run_client 100 --transport "$tp" $copts "sip:service@127.0.0.1:$tport"
	must=$(fired_level MUST) should=$(fired_level SHOULD)
	# a NOTE rule (information, no requirement broken) fires as a note;
	# NOJUDGE: a finding that says a message could not be judged (exit 3)
	note=$(fired_level NOTE)
	nojudge=$(fired_level NOJUDGE)
	detail="exit $rc (want $want), MUST {$must}, SHOULD {$should}"
	[ -z "$note" ] || detail="$detail, NOTE {$note}"
	[ -z "$nojudge" ] || detail="$detail, NOJUDGE {$nojudge}"
	st=0
	[ "$rc" = "$want" ] || st=1
	case ",$must,$should,$note,$nojudge," in
	*",$rule,"*) ;;
	*) st=1; detail="$detail, $rule did not fire" ;;
	esac
	unexpected=""
	for r in $(printf '%s,%s,%s' "$must" "$should" "$nojudge" | tr , ' '); do
		case " $rule $coll " in
		*" $r "*) ;;
		*) unexpected="$unexpected $r" ;;
		esac
	done
	[ -z "$unexpected" ] ||
		{ st=1; detail="$detail, unexpected:$unexpected"; }
	[ -z "$coll" ] || detail="$detail (collateral allowed: $coll)"
	common_checks
	judge "$case_name" $st "$detail" || show_failure "$case_name"
}

# --- 3. the hostile behaviours --------------------------------------------

# target_hostile PART PARTS
target_hostile() {
	part_init "$1" "$2"
	section "3. hostile targets: bounded time, the exit of the row, no crash, no sanitizer report"
	table hostile >"$tmp/hostile"
	while IFS='|' read -r mb copts tp want what <&3; do
		mine || continue
		mb=$(trim "$mb") extra=$(trim "$copts")
		copts=$(trim "--t1 100 --timeout 2 $extra")
		tp=$(trim "$tp") want=$(trim "$want") what=$(trim "$what")
		topts="--t1 100 --misbehave $mb"
		case_name="hostile $mb $tp${extra:+ $extra}"
		# shellcheck disable=SC2086
		start_target $topts || { bad "$case_name: the target did not start"; continue; }
		hostile_case
		stop_target || bad "$case_name: $tgt_err"
	done 3<"$tmp/hostile"
}

# hostile_case: one row of hostile.tbl, its target running
hostile_case() {
	lock_mode=-s
	[ "$what" != flood ] || lock_mode=-x
	# shellcheck disable=SC2086
	run_client 20 --transport "$tp" $copts "sip:service@127.0.0.1:$tport"
	lock_mode=-s
	must=$(fired_level MUST) should=$(fired_level SHOULD)
	# the time bound is a case of its own: a known bug of it must not
	# hide a wrong exit or a sanitizer report.  It proves the run is
	# bounded (--timeout 2, then judging), not that it is fast: on a
	# busy 2-core machine the flood's judging alone took 5 s, so the
	# margin is wide; speed is measured in bench/, not here.
	st=0
	[ "$el" -le $((2000 + hostile_slack_ms)) ] || st=1
	soft_judge "$case_name, within --timeout + $((hostile_slack_ms / 1000)) s" \
		$st "after $el ms (limit $((2000 + hostile_slack_ms)))" ||
		show_failure "$case_name"
	detail="exit $rc (want $want), MUST {$must}, SHOULD {$should}"
	st=0
	[ "$rc" = "$want" ] || st=1
	common_checks
	case $what in
	big)
		# the 100 with the 64000-byte body, whole
		n=$(find "$tmp/trace" -name '*.trace' -exec cat {} + | awk '
			$1 == "msg" && $2 == "in" && $NF >= 64000 { n++ }
			END { print n + 0 }')
		[ "$n" -ge 1 ] || { st=1; detail="$detail, the 64000-byte response was not recorded whole"; }
		;;
	flood)
		n=$(resp_lines | awk -F '\t' '$2 ~ /^SIP\/2\.0 183 / { n++ } END { print n + 0 }')
		# every one recorded, or counted by the kernel as dropped at
		# our socket (over UDP: the trace's "drops N")
		drops=$(find "$tmp/trace" -name '*.trace' -exec head -n 1 {} \; |
			awk '{ for (i = 4; i <= NF; i++) if ($i ~ /^drops=/) n += substr($i, 7) } END { print n + 0 }')
		detail="$detail, $n 183s, $drops dropped by the kernel"
		[ $((n + drops)) -ge 5000 ] || { st=1; detail="$detail, want 5000 accounted for"; }
		;;
	segments)
		n=$(find "$tmp/trace" -name '*.trace' -exec cat {} + | awk '
			$1 == "seg" && $2 == "in" { n++ } END { print n + 0 }')
		detail="$detail, $n segments"
		# a byte each; a busy reader may take a few at once
		[ "$n" -ge 50 ] || { st=1; detail="$detail, want at least 50"; }
		;;
	esac
	judge "$case_name" $st "$detail" || show_failure "$case_name"
}

# --- the tables cover every rule and every misbehaviour -------------------

# target_tables: no target started, no client run
target_tables() {
	section "the tables cover every rule and every misbehaviour"
	table rules >"$tmp/rules"
	table hostile >"$tmp/hostile"
	awk -F '|' '{ gsub(/[ \t]/, "", $1); print $1 }' "$tmp/rules" |
		sort -u >"$tmp/rule-rows"
	awk -F '|' '{ gsub(/[ \t]/, "", $1); print $1 }' "$tmp/hostile" |
		sort -u >"$tmp/hostile-rows"

	# every rule the target names is in the catalogue (the build checks
	# the enum; this checks the id the target prints)
	wrong=""
	while read -r m r; do
		[ "$r" = hostile ] || grep -q "^$r " "$tmp/levels" ||
			wrong="$wrong $m($r)"
	done <"$tmp/mbs"
	if [ -z "$wrong" ]; then
		ok "every rule the target's misbehaviours break is in the catalogue"
	else
		bad "misbehaviours breaking rules not in the catalogue:$wrong"
	fi

	# every row's misbehaviour is one the target knows, of its kind
	wrong=""
	while read -r m; do
		case $(breaks "$m") in
		"") wrong="$wrong $m(unknown)" ;;
		hostile) wrong="$wrong $m(hostile, in rules.tbl)" ;;
		esac
	done <"$tmp/rule-rows"
	while read -r m; do
		[ "$(breaks "$m")" = hostile ] || wrong="$wrong $m(not hostile, in hostile.tbl)"
	done <"$tmp/hostile-rows"
	if [ -z "$wrong" ]; then
		ok "every row names a misbehaviour of the target, in the right table"
	else
		bad "rows at odds with the target:$wrong"
	fi

	# every rule of the catalogue is broken by a misbehaviour with a row
	while read -r m; do breaks "$m"; done <"$tmp/rule-rows" |
		sort -u >"$tmp/proven"
	missing=""
	# shellcheck disable=SC2013  # rule ids are single words
	for r in $(awk '{ print $1 }' "$tmp/levels"); do
		grep -qx "$r" "$tmp/proven" || missing="$missing $r"
	done
	n=$(grep -c . "$tmp/levels")
	if [ -z "$missing" ]; then
		ok "every rule of the catalogue ($n) has a row"
	else
		bad "rules without a row (no proof that they fire):$missing"
	fi

	# every misbehaviour has a row (hostile ones in the hostile table),
	# or a reason why sipconform cannot provoke it
	missing=""
	while read -r m r; do
		if [ "$r" = hostile ]; then
			grep -qx "$m" "$tmp/hostile-rows" || missing="$missing $m"
			continue
		fi
		grep -qx "$m" "$tmp/rule-rows" && continue
		why=$(awk -v n="$m: " 'index($0, n) == 1 { print substr($0, length(n) + 1) }' \
		      "$tables/unprovable.tbl")
		if [ -n "$why" ]; then
			echo "note  misbehaviour $m has no row: $why"
		else
			missing="$missing $m"
		fi
	done <"$tmp/mbs"
	n=$(grep -c . "$tmp/mbs")
	if [ -z "$missing" ]; then
		ok "every misbehaviour of the target ($n) has a row or a reason"
	else
		bad "misbehaviours without a row:$missing"
	fi
}

# target_finish NAME: the summary and the exit status of the part
target_finish() {
	[ $skipped = 0 ] || echo "($skipped skipped)"
	finish "$1"
}
