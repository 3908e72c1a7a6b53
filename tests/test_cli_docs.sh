#!/bin/sh
# Issue 10: README, --help and the man pages agree.  Every long option
# `sipconform --help` lists, every scenario of --list-scenarios and every
# exit status must be in doc/sipconform.1 and README.md; the target's
# options in doc/sipconform-target.1; the man pages render without a
# groff warning.  A table: what, where from, where it must be.
srcdir=$(cd "${srcdir:-.}" && pwd)
top=$srcdir/..
bin=${SIPCONFORM:-../src/sipconform}
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

man1=$top/doc/sipconform.1 man2=$top/doc/sipconform-target.1
readme=$top/README.md
for f in "$man1" "$man2" "$readme"; do
	[ -r "$f" ] || { bad "no $f"; }
done
[ $fail = 0 ] || exit 1

# the words of roff source as a reader sees them: \- is -
plain() { sed 's/\\-/-/g; s/\\e/\\/g' "$1"; }
plain "$man1" >man1.txt.tmp
plain "$man2" >man2.txt.tmp
trap 'rm -f man1.txt.tmp man2.txt.tmp' EXIT

opts=$("$bin" --help | grep -oE -- '--[a-z0-9-]+' | sort -u)
lint=$("$bin" lint --help | grep -oE -- '--[a-z0-9-]+' | sort -u)
judge=$("$bin" judge --help | grep -oE -- '--[a-z0-9-]+' | sort -u)
tgt=$("$target" --help | grep -oE -- '--[a-z0-9-]+' | sort -u)
scen=$("$bin" --list-scenarios | awk '/^[a-z]/ { print $1 }')
[ -n "$opts" ] && [ -n "$scen" ] && [ -n "$tgt" ] || { echo "no --help"; exit 99; }

for o in $opts; do
	grep -qF -- "$o" man1.txt.tmp && ok || bad "sipconform.1 lacks $o"
	grep -qE -- "$o([^a-z0-9-]|\$)" "$readme" && ok || bad "README lacks $o"
done
for o in $lint $judge; do
	grep -qF -- "$o" man1.txt.tmp && ok || bad "sipconform.1 lacks $o (lint/judge)"
done
for o in $tgt; do
	grep -qF -- "$o" man2.txt.tmp && ok || bad "sipconform-target.1 lacks $o"
done
for s in $scen; do
	grep -q "^\.B $s\$" man1.txt.tmp && ok || bad "sipconform.1: no scenario $s"
done
# the exit statuses: the man page's table, --help's, the README's
for rc in 0 1 2 3 130 143; do
	grep -Eq "^\.B(R)? $rc( |\$)|^\.BR 130 \", \" 143" man1.txt.tmp && ok ||
		bad "sipconform.1: exit $rc"
	"$bin" --help | grep -Eq "(^| )$rc " && ok || bad "--help: exit $rc"
	grep -Eq "\*\*$rc\*\*" "$readme" && ok || bad "README: exit $rc"
done
# the README's count of the rules is the catalogue's (it is written by
# hand: a rule added is counted there too)
nrules=$("$bin" --list-rules | awk '$1 ~ /^[a-z0-9]+\.[a-z0-9.-]+$/' |
	wc -l | tr -d ' ')
grep -qF -- "--list-rules\`, $nrules of them" "$readme" && ok ||
	bad "README: the rule count is not $nrules"
if command -v groff >/dev/null 2>&1; then
	for m in "$man1" "$man2"; do
		w=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$m" 2>&1)
		[ -z "$w" ] && ok || bad "${m##*/}: $w"
	done
fi
echo "test_cli_docs: $pass passed, $fail failed"
[ $fail = 0 ]
