#!/bin/sh
# The reference target reads SIP with libre's decoder and judges nothing
# (uas/README.md): its binary holds no code of the judge but the rule
# catalogue (data, for --list-misbehaviours), none of the trace, result,
# client, report or CLI layers, and of the SIP layer none of what the
# client and the judge read messages with (decode.c, hdrlist.c,
# compare.c).  The stream framer, and the message map it reads
# Content-Length with, are shared on purpose.
target=${SIPCONFORM_TARGET:-../uas/sipconform-target}
src=${SIPCONFORM_SRC_BUILD:-../src}
command -v nm >/dev/null 2>&1 || { echo "SKIP: no nm"; exit 77; }
[ -x "$target" ] || { echo "ERROR: no $target"; exit 99; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

nm "$target" | awk 'NF >= 2 { print $NF }' | sort -u >"$tmp/target" ||
	{ echo "ERROR: nm $target"; exit 99; }
[ -s "$tmp/target" ] || { echo "ERROR: $target has no symbols (stripped?)"; exit 99; }

# the symbols named in issue 7, whatever the layout of the libraries
hits=$(grep -E '^(judge_trace|message_decode|jmsg_.*|msg_fields.*)$' "$tmp/target")
if [ -z "$hits" ]; then
	echo "ok    no judge_trace, message_decode, jmsg_*"
else
	# shellcheck disable=SC2086  # one line, names are single words
	echo "FAIL  the target holds:" $hits
	fail=1
fi

# every global the forbidden objects define (libtool's convenience
# archives; a member line of nm reads "archive[member]:" or "member:")
forbidden() {
	for a in libjudge libtrace libresult libclient libreport libsip; do
		f="$src/.libs/$a.a"
		[ -f "$f" ] || { echo "ERROR: no $f" >&2; return 1; }
		nm -g --defined-only "$f" | awk -v a="$a" '
			/:$/ { m = $0; sub(/:$/, "", m); sub(/.*\[/, "", m)
			       sub(/\]$/, "", m); next }
			NF >= 3 && $2 ~ /^[TDRBC]$/ {
				if (a == "libjudge" && m == "catalogue.o") next
				if (a == "libsip" && m != "decode.o" &&
				    m != "hdrlist.o" && m != "compare.o") next
				print $3 "\t" a "/" m
			}'
	done
	for o in "$src"/cli/*.o; do
		[ -f "$o" ] || continue
		nm -g --defined-only "$o" |
			awk -v m="${o##*/}" 'NF >= 3 && $2 ~ /^[TDRBC]$/ &&
				$3 != "main" { print $3 "\tcli/" m }'
	done
}
forbidden | sort -u >"$tmp/forbidden" || exit 99
n=$(grep -c . "$tmp/forbidden")
[ "$n" -gt 0 ] || { echo "ERROR: no symbols in the libraries of $src"; exit 99; }
hits=$(awk -F '\t' 'NR == FNR { t[$1] = 1; next } ($1 in t) { print $1 " (" $2 ")" }' \
	"$tmp/target" "$tmp/forbidden")
if [ -z "$hits" ]; then
	echo "ok    none of the $n symbols of the judge (but its catalogue), trace, result, client, report, CLI, decode.c, hdrlist.c, compare.c"
else
	echo "FAIL  the target holds:"
	printf '%s\n' "$hits" | sed 's/^/        /'
	fail=1
fi

# and what it may hold is there: the check looks at the right binary
for s in rule_get framer_next; do
	grep -qx "$s" "$tmp/target" || { echo "FAIL  no $s in $target: wrong binary?"; fail=1; }
done
[ $fail = 0 ] && echo "test_target_symbols: passed"
exit $fail
