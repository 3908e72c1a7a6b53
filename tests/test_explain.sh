#!/bin/sh
# `sipconform --explain`: every rule of --list-rules is explained with its
# RFC sentence, a family explains each of its rules, and a name that is
# neither is a usage error (exit 2) that says so.
bin=${SIPCONFORM:-../src/sipconform}
pass=0 fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

ids=$("$bin" --list-rules | awk '{print $1}')
[ -n "$ids" ] || { echo "FAIL: --list-rules lists nothing"; exit 1; }
for id in $ids; do
	out=$("$bin" --explain "$id" 2>&1); rc=$?
	rfc=$("$bin" --list-rules | awk -v id="$id" '$1 == id {print $3 " " $4}')
	if [ $rc -eq 0 ] && printf '%s\n' "$out" | head -n 1 | grep -q "^$id " &&
	   printf '%s\n' "$out" | grep -q "$rfc section" &&
	   printf '%s\n' "$out" | grep -q '^  applies: ' &&
	   printf '%s\n' "$out" | grep -q '^  means: ' &&
	   printf '%s\n' "$out" | grep -q '^  fix: '; then
		ok
	else
		no "--explain $id (exit $rc): $out"
	fi
done

# a family: as many entries as the family has rules
n=$("$bin" --list-rules | awk '$1 ~ /^timing\./' | wc -l)
m=$("$bin" --explain timing | grep -c '^timing\.')
[ "$n" -gt 0 ] && [ "$n" = "$m" ] && ok || no "--explain timing: $m of $n rules"

for bad in bogus timing. "" statusline.; do
	err=$("$bin" --explain "$bad" 2>&1 >/dev/null); rc=$?
	[ $rc -eq 2 ] && printf '%s' "$err" | grep -q "no rule or family" &&
		ok || no "--explain '$bad': exit $rc, '$err'"
done

echo "test_explain: $pass passed, $fail failed"
[ $fail -eq 0 ]
