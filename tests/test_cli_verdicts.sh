#!/bin/sh
# Issue 10: verdicts that never lie.  Against the reference target
# (../uas/sipconform-target), in every report format:
#
#  - SIGINT or SIGTERM in the middle of a scenario: sipconform dies of
#    the signal after writing its report (the shell sees 128 + N: 130,
#    143), the report says interrupted, by which signal, and lists the
#    scenarios not run; the run is never a pass;
#  - --scenario all without --user/--password: auth is skipped (JSON
#    "skipped" without timings, JUnit <skipped/> in a suite without a
#    time, TAP "# SKIP", text SKIPPED), never a pass, and the run's
#    exit status is that of the scenarios that ran.
#
# Each row: name, signal (or "-"), format, the exit status, when the
# signal comes: 18x (the INVITE rings) or 200 (answered, the call held:
# every scenario seen so far passes, the old "RESULT: PASS" trap).
# shellcheck disable=SC2154
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
xsd="$srcdir/junit.xsd" xsd10="$srcdir/junit-10.xsd"
known_bugs=""
for tool in xmllint perl; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "SKIP: $tool not installed"; exit 77; }
done
lib_init

cases='
int-text   INT  text  130 18x
int-json   INT  json  130 18x
int-junit  INT  junit 130 18x
int-tap    INT  tap   130 18x
term-text  TERM text  143 18x
term-json  TERM json  143 18x
term-junit TERM junit 143 18x
term-tap   TERM tap   143 18x
int-held   INT  text  130 200
term-held  TERM json  143 200
skip-text  -    text  0   -
skip-json  -    json  0   -
skip-junit -    junit 0   -
skip-tap   -    tap   0   -
'

# interrupt SIG AT ARGS...: sipconform ARGS in the background, SIG once
# the INVITE was answered by a provisional (AT 18x) or a 200 (AT 200);
# $rc
interrupt() {
	sig=$1 at=$2
	shift 2
	: >"$tmp/live"
	"$bin" --verbose "$@" 2>"$tmp/live" &
	pid=$!
	n=0
	case $at in 200) pat=' <- .* 200 OK' ;; *) pat=' <- .* 18[0-9] ' ;; esac
	until grep -q "$pat" "$tmp/live" || [ $n -ge 500 ]; do
		sleep 0.02
		n=$((n + 1))
	done
	kill -s "$sig" "$pid"
	wait "$pid"
	rc=$?
}

# what_says NAME SIG FORMAT REPORT: 0 when the report in REPORT says
# what the row expects, else 1 and why in $why
interrupted_says() {
	f=$3 r=$4 why=""
	case $f in
	text)
		grep -q "^RESULT: INTERRUPTED " "$r" || why="no RESULT: INTERRUPTED"
		grep -q "^interrupted by SIG$2\$" "$r" || why="$why; no 'interrupted by SIG$2'"
		grep -q "^not run: cancel, options\$" "$r" || why="$why; not-run list"
		;;
	json)
		jq -e --arg s "SIG$2" '.verdict == "interrupted" and
			.interrupted == $s and .not_run == ["cancel", "options"] and
			.exit_code == (if $s == "SIGINT" then 130 else 143 end) and
			([.scenarios[] | select(.verdict == "pass")] | length) == 0 and
			([.scenarios[] | .verdict] == ["not-judged", "not-run", "not-run"])' \
			"$r" >/dev/null || why="json fields: $(jq -c '[.verdict, .interrupted, .not_run, .exit_code, [.scenarios[].verdict]]' "$r")"
		;;
	junit)
		junit_valid "$r" || why="invalid: $why"
		[ "$(xmllint --xpath 'count(//testcase[@name="scenario"]/error[@type="interrupted"])' "$r")" = 2 ] ||
			why="$why; not two interrupted errors"
		xmllint --xpath 'string(//testsuite[@name="call"]/testcase[@name="judged"]/error/@message)' "$r" |
			grep -q interrupted || why="$why; call not said interrupted"
		;;
	tap)
		grep -q "^Bail out! interrupted by SIG$2\$" "$r" || why="no Bail out"
		[ "$(grep -c '^not ok [0-9]* - \(cancel\|options\): scenario not run' "$r")" = 2 ] ||
			why="$why; not-run test points"
		prove -e cat "$r" >/dev/null 2>&1 && why="$why; prove passes it"
		;;
	esac
	[ -z "$why" ]
}

junit_valid() {
	xmllint --noout --schema "$xsd" "$1" 2>"$tmp/xerr" &&
		xmllint --noout --schema "$xsd10" "$1" 2>>"$tmp/xerr" && return 0
	why=$(head -n 2 "$tmp/xerr" | tr '\n' ' ')
	return 1
}

skipped_says() {
	f=$1 r=$2 why=""
	case $f in
	text)
		awk '/^auth: /{ getline; print; exit }' "$r" | grep -q '^  SKIPPED$' ||
			why="auth not SKIPPED"
		grep -q '^skipped: auth$' "$r" || why="$why; no skipped list"
		grep -q '^RESULT: PASS — .* in 4 scenarios$' "$r" || why="$why; RESULT line"
		;;
	json)
		jq -e '.skipped == ["auth"] and .verdict == "pass" and
			(.scenarios[] | select(.name == "auth") |
			 .verdict == "skipped" and .duration_ms == null and
			 .timings == null)' "$r" >/dev/null ||
			why="json: $(jq -c '.scenarios[] | select(.name == "auth")' "$r")"
		;;
	junit)
		junit_valid "$r" || why="invalid: $why"
		[ "$(xmllint --xpath 'count(//testsuite[@name="auth"]/testcase/skipped)' "$r")" = 1 ] ||
			why="$why; auth not one skipped testcase"
		[ "$(xmllint --xpath 'count(//testsuite[@name="auth"]/@time)' "$r")" = 0 ] ||
			why="$why; auth has a time"
		[ "$(xmllint --xpath 'count(//testcase/@time)' "$r")" = 0 ] ||
			why="$why; testcases with a fake time"
		;;
	tap)
		grep -q '^ok [0-9]* - auth: scenario # SKIP ' "$r" || why="no SKIP line"
		grep -q ' - auth: [a-z]' "$r" && ! grep -q ' - auth: scenario ' "$r" &&
			why="$why; auth rules reported"
		prove -e cat "$r" >/dev/null 2>&1 || why="$why; prove fails it"
		;;
	esac
	[ -z "$why" ]
}

set -f
# the final 5 s after the 180: every interrupt lands inside "call"
ref_target --answer-ms 5000
printf '%s\n' "$cases" | while read -r name sig fmt want at; do
	[ -n "$name" ] && [ "$sig" != - ] || continue
	out="$tmp/$name.report"
	interrupt "$sig" "$at" --scenario call --scenario cancel --scenario options \
		--format "$fmt" --output "$out" "sip:s@127.0.0.1:$tport"
	why=""
	if [ "$rc" != "$want" ]; then
		why="exit $rc, not $want"
	elif ! interrupted_says "$name" "$sig" "$fmt" "$out"; then
		:
	fi
	sanitizer_said=$(grep -a -m 1 -E 'Sanitizer|runtime error:' "$tmp/live")
	[ -n "$sanitizer_said" ] && why="${why:+$why; }$sanitizer_said"
	judge "$name" "$([ -z "$why" ]; echo $?)" "exit $rc${why:+: $why}"
done >"$tmp/results1"
cat "$tmp/results1"
stop_peers

ref_target --t1 100 --t2 400
printf '%s\n' "$cases" | while read -r name sig fmt want at; do
	[ -n "$name" ] && [ "$sig" = - ] || continue
	out="$tmp/$name.report"
	timeout 60 "$bin" --scenario all --t1 100 --t2 400 --timeout 7 \
		--format "$fmt" --output "$out" "sip:s@127.0.0.1:$tport" 2>/dev/null
	rc=$? why=""
	if [ "$rc" != "$want" ]; then
		why="exit $rc, not $want"
	else
		skipped_says "$fmt" "$out"
	fi
	judge "$name" "$([ -z "$why" ]; echo $?)" "exit $rc${why:+: $why}"
done >"$tmp/results2"
cat "$tmp/results2"

pass=$(cat "$tmp/results1" "$tmp/results2" | grep -c '^ok')
fail=$(cat "$tmp/results1" "$tmp/results2" | grep -c '^FAIL')
[ $((pass + fail)) = 14 ] || { echo "ran $((pass + fail)) of 14 cases"; fail=$((fail + 1)); }
finish test_cli_verdicts
