#!/bin/sh
# `sipconform lint` end to end: saved responses in tests/lint/, each with
# the exit code and the exact set of rules it must break (cases.tsv).
# absolute: peers run from their own temp dirs (distcheck passes ../..)
srcdir=$(cd "${srcdir:-.}" && pwd)
bin=${SIPCONFORM:-../src/sipconform}
cases="$srcdir/lint/cases.tsv"
pass=0 fail=0

ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

tmp=$(mktemp) || exit 99
trap 'rm -f "$tmp"' EXIT

[ -r "$cases" ] || { echo "no $cases"; exit 99; }

while IFS="$(printf '\t')" read -r file want rules; do
	case "$file" in ''|'#'*) continue ;; esac
	"$bin" lint "$srcdir/lint/$file" >"$tmp" 2>&1
	rc=$?
	[ "$rc" = "$want" ] && ok || bad "$file: exit $rc, want $want"
	got=$(awk '$1 == "MUST" || $1 == "SHOULD" || $1 == "NOJUDGE" { print $2 }' "$tmp" |
	      sort -u | paste -sd, -)
	exp=$(printf '%s' "$rules" | tr , '\n' | grep -v '^-$' | sort -u |
	      paste -sd, -)
	[ "$got" = "$exp" ] && ok || { bad "$file: rules '$got', want '$exp'"; cat "$tmp"; }
done <"$cases"

# Exit codes of the command line itself
check_rc() {
	want=$1; shift
	"$bin" "$@" >"$tmp" 2>&1
	rc=$?
	[ "$rc" = "$want" ] && ok || { bad "sipconform $*: exit $rc, want $want"; cat "$tmp"; }
}
check_rc 0 --help
check_rc 0 --version
check_rc 0 lint --help
check_rc 2
check_rc 2 frobnicate
check_rc 2 lint --no-such-option
check_rc 2 lint /nonexistent/response.sip
check_rc 2 lint --max-line 3 "$srcdir/lint/ok-180.sip"
check_rc 2 lint /dev/null
check_rc 2 lint "$srcdir/lint/ok-180.sip" /nonexistent   # worst wins
check_rc 1 lint "$srcdir/lint/ok-180.sip" "$srcdir/lint/bad-code-099.sip"
check_rc 0 lint --stream "$srcdir/lint/ok-180.sip"
# a Status-Line past --max-line is not judged (exit 3), and a longer
# limit judges it; a MUST broken elsewhere still wins
check_rc 0 lint --max-line 2048 "$srcdir/lint/nojudge-sl-too-long.sip"
check_rc 3 lint "$srcdir/lint/ok-180.sip" "$srcdir/lint/nojudge-sl-too-long.sip"
check_rc 1 lint "$srcdir/lint/nojudge-sl-too-long.sip" "$srcdir/lint/bad-code-099.sip"
check_rc 2 lint "$srcdir/lint/nojudge-sl-too-long.sip" /nonexistent
check_rc 1 lint --stream "$srcdir/lint/warn-no-clen.sip"

# over a stream CRLFs after the body are keep-alives (RFC 3261 7.5), any
# other byte there is a Content-Length that does not hold
"$bin" lint --stream "$srcdir/lint/warn-surplus-crlf.sip" >"$tmp" 2>&1
[ $? = 0 ] && ! grep -q '^ *\(MUST\|SHOULD\) ' "$tmp" && ok ||
	{ bad "keep-alive CRLFs after a body on a stream"; cat "$tmp"; }
"$bin" lint --stream "$srcdir/lint/warn-surplus-junk.sip" >"$tmp" 2>&1
[ $? = 1 ] && grep -q 'MUST *framing.content-length ' "$tmp" && ok ||
	{ bad "bytes after a body on a stream"; cat "$tmp"; }

# a header defect: its offset from the start of the message (the value of
# "Via: " starts at 28, the IPv6 address 12 bytes into it), its class and
# description, and the header line quoted
"$bin" lint "$srcdir/lint/bad-hdr-via-ipv6.sip" >"$tmp" 2>&1
grep -q 'MUST *hdr.via.syntax .*offset 40$' "$tmp" &&
	grep -q 'IPv6 address without brackets \[ipv6-bare\], byte 12 of the value' "$tmp" &&
	grep -q '| Via: SIP/2.0/UDP 2001:db8::5;' "$tmp" && ok ||
	{ bad "header defect, offset and line"; cat "$tmp"; }
"$bin" lint "$srcdir/lint/warn-hdr-other.sip" >"$tmp" 2>&1
[ "$(grep -c 'SHOULD *hdr.other.syntax' "$tmp")" = 3 ] &&
	grep -q 'offset 281$' "$tmp" && grep -q '\[date\]' "$tmp" && ok ||
	{ bad "one finding per defective header line"; cat "$tmp"; }

grep -q "^sipconform [0-9]" "$tmp" 2>/dev/null || true
"$bin" --version | grep -q '^sipconform [0-9]' && ok || bad "--version text"

# stdin, and the offset shown for the libre trap
"$bin" lint <"$srcdir/lint/bad-code-65736.sip" >"$tmp" 2>&1
[ $? = 1 ] && grep -q '<stdin>: FAIL' "$tmp" && grep -q 'offset 11' "$tmp" \
	&& ok || { bad "stdin"; cat "$tmp"; }

# hostile bytes never reach the terminal raw
printf 'SIP/2.0 200 \033[2J\r\n\r\n' | "$bin" lint >"$tmp" 2>&1
grep -q "$(printf '\033')" "$tmp" && bad "raw ESC in output" || ok

echo "test_lint: $pass passed, $fail failed"
[ "$fail" = 0 ]
