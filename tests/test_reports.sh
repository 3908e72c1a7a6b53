#!/bin/sh
# The report formats through the tools CI jobs read them with: jq for
# json, xmllint with junit.xsd for junit, prove (TAP::Parser) for tap.
# Every canned run of test_reports, plain and verbose; the formats must
# also agree with each other on what failed and what was skipped.
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
demo=${REPORT_DEMO:-./test_reports}
xsd="$srcdir/junit.xsd"
xsd10="$srcdir/junit-10.xsd"   # the Jenkins junit-10 constraints
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

for tool in jq xmllint prove perl; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ echo "SKIP: $tool not installed"; exit 77; }
done
[ -r "$xsd" ] || { echo "no $xsd"; exit 99; }

dir=$(mktemp -d) || exit 99
trap 'rm -rf "$dir"' EXIT

# An XPath over the junit document $xml
x() { xmllint --xpath "$1" "$xml" 2>/dev/null; }
# A count the root claims equals the elements the document holds
counted() { [ "$(x "string(/testsuites/@$1)")" = "$(x "count(//$2)")" ]; }

# TAP::Parser's own count of what it read; parse errors include YAML
# blocks it could not read and a plan that does not match
tap_summary() {
	perl -MTAP::Parser -e '
		my $p = TAP::Parser->new({ exec => ["cat", $ARGV[0]] });
		my ($yaml, $bad) = (0, 0);
		while (my $r = $p->next) {
			$yaml++ if $r->is_yaml;
			$bad++ if $r->is_yaml && ref($r->data) ne "HASH";
		}
		my @e = $p->parse_errors;
		printf "version=%d planned=%d run=%d failed=%d skipped=%d " .
		       "yaml=%d badyaml=%d errors=%d\n", $p->version,
		       $p->tests_planned, $p->tests_run,
		       scalar($p->failed), scalar($p->skipped), $yaml, $bad,
		       scalar(@e);
		print STDERR "$_\n" for @e;' "$1"
}

for run in pass fail nojudge all; do
	case $run in
	pass)    want_rc=0 ;;
	nojudge) want_rc=3 ;;
	*)       want_rc=1 ;;
	esac

	for v in "" -v; do
		base="$dir/$run$v"

		# json: one document, valid, and its own numbers agree
		"$demo" json $run $v >"$base.json" || bad "$run$v: json write"
		if jq -e . "$base.json" >/dev/null; then ok; else
			bad "$run$v: jq rejects the json"; cat "$base.json"
		fi
		[ "$(jq -r .exit_code "$base.json")" = "$want_rc" ] && ok ||
			bad "$run$v: exit_code, want $want_rc"
		jq -e '(.verdict == "pass") == (.exit_code == 0) and
		       (.scenarios | map(.rules.checked + .rules.skipped) |
			unique | length == 1) and
		       (.scenarios | all(.judged or .error != null)) and
		       (.scenarios | all((.findings | length > 0) ==
					 (.rules.broken > 0)))' \
			"$base.json" >/dev/null &&
			ok || bad "$run$v: json fields"
		if [ -n "$v" ]; then
			jq -e '.scenarios | all(.exchange | length > 0)' \
				"$base.json" >/dev/null && ok ||
				bad "$run$v: no exchange"
		else
			jq -e '.scenarios | all(has("exchange") | not)' \
				"$base.json" >/dev/null && ok ||
				bad "$run$v: exchange without -v"
		fi
		fails=$(jq '[.scenarios[] | (.findings |
			     map(select(.level == "MUST").rule) | unique |
			     length) + (if .judged then 0 else 1 end)] | add' \
			"$base.json")
		skips=$(jq '[.scenarios[].rules.skipped] | add' "$base.json")
		tests=$(jq '[.scenarios[] | .rules.checked + .rules.skipped +
			     (if .judged then 0 else 1 end)] | add' "$base.json")

		# junit: valid against the schema, counts match the content
		"$demo" junit $run $v >"$base.xml" || bad "$run$v: junit write"
		for s in "$xsd" "$xsd10"; do
			if xmllint --noout --schema "$s" "$base.xml" 2>"$base.err"
			then
				ok
			else
				bad "$run$v: ${s##*/} rejects the xml"; cat "$base.err"
			fi
		done
		xml="$base.xml"
		# <testsuites> has no skipped= (junit-10): the suites' sum counts
		counted tests testcase && counted failures failure &&
		counted errors error &&
		[ "$(x 'sum(//testsuite/@skipped)')" = "$(x 'count(//skipped)')" ] &&
			ok || bad "$run$v: junit counts"
		nf=$(x 'count(//failure)') ne=$(x 'count(//error)')
		case "$nf/$ne" in
		[0-9]*/[0-9]*) junit_fails=$((nf + ne)) ;;
		*) junit_fails=unreadable ;;
		esac
		# a broken SHOULD is a <skipped type="SHOULD"> (report/junit.c)
		junit_skips=$(x 'count(//skipped[@type="not-applicable"])')

		# tap: what TAP::Parser reads, then prove's verdict
		"$demo" tap $run $v >"$base.tap" || bad "$run$v: tap write"
		sum=$(tap_summary "$base.tap" 2>"$base.err")
		case $sum in
		"version=13 planned="*" errors=0") ok ;;
		*) bad "$run$v: TAP::Parser: $sum"; cat "$base.err" ;;
		esac
		case $sum in
		*" badyaml=0 "*) ok ;;
		*) bad "$run$v: yaml: $sum" ;;
		esac
		planned=$(echo "$sum" | sed 's/.*planned=\([0-9]*\).*/\1/')
		ran=$(echo "$sum" | sed 's/.* run=\([0-9]*\).*/\1/')
		tap_fails=$(echo "$sum" | sed 's/.*failed=\([0-9]*\).*/\1/')
		tap_skips=$(echo "$sum" | sed 's/.*skipped=\([0-9]*\).*/\1/')
		[ "$planned" = "$ran" ] && [ "$ran" = "$tests" ] &&
		[ "$ran" = "$(x 'count(//testcase)')" ] &&
			ok || bad "$run$v: planned $planned, ran $ran, json $tests"

		got="tap $tap_fails, junit $junit_fails, json $fails"
		[ "$tap_fails" = "$fails" ] && [ "$junit_fails" = "$fails" ] &&
			ok || bad "$run$v: failures: $got"
		got="tap $tap_skips, junit $junit_skips, json $skips"
		[ "$tap_skips" = "$skips" ] && [ "$junit_skips" = "$skips" ] &&
			ok || bad "$run$v: skipped: $got"

		prove --exec cat "$base.tap" >"$base.out" 2>&1
		rc=$?
		if grep -q 'Parse errors' "$base.out"; then
			bad "$run$v: prove: parse errors"; cat "$base.out"
		elif [ $want_rc = 0 ] && [ $rc != 0 ]; then
			bad "$run$v: prove failed a passing run"; cat "$base.out"
		elif [ $want_rc != 0 ] && [ $rc = 0 ]; then
			bad "$run$v: prove passed a failing run"; cat "$base.out"
		else
			ok
		fi

		# text: the RESULT line CI jobs grep for
		"$demo" text $run $v >"$base.txt" || bad "$run$v: text write"
		case $want_rc in 0) w=PASS ;; 1) w=FAIL ;; *) w='NOT JUDGED' ;; esac
		re="^RESULT: $w — [0-9]+ MUST broken, [0-9]+ SHOULD warnings?"
		grep -Eq "$re in [0-9]+ scenarios?\$" "$base.txt" &&
			ok || bad "$run$v: RESULT line"
	done
done

# The hostile Reason-Phrase survives jq as readable text, byte for byte
want='SIP/2.0 486 Busy \x00\x1b[31m \xff\xc0\x80 "q" <&> '
want="$want"'\xc2\x9b \xef\xbf\xbf \ # end'
got=$(jq -r '.scenarios[] | select(.name == "busy") | .findings[] |
	     select(.rule == "statusline.reason-char") | .quote' "$dir/all.json")
[ "$got" = "$want" ] && ok || bad "hostile quote through jq: '$got'"

echo "test_reports.sh: $pass passed, $fail failed"
[ $fail = 0 ]
