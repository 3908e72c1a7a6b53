#!/bin/sh
# Issue 10: `sipconform judge` reports like a run -- the trace's
# transport, the trace's date, scenario names without ".trace" --, reads
# stdin for "-", takes --output and --format; old traces (no started=)
# still load, dated by their file; every command answers -h/--help and
# --version with exit 0.  Traces come from a run against the reference
# target over UDP and TCP.
#
# A row: name | command (eval'd; $S sipconform, $T the traces' directory,
# $O an output file) | exit status | an extended regexp the output (the
# file $O when the command writes one, else stdout) must match |
# one it must not match ("-": none).
# shellcheck disable=SC2154,SC2016
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
known_bugs=""
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: no xmllint"; exit 77; }
lib_init

cases='
tcp-transport | $S judge $T/tcp/call.trace | 0 | ^transport: TCP, | ^transport: UDP
udp-transport | $S judge $T/udp/call.trace | 0 | ^transport: UDP, | -
name          | $S judge $T/udp/call.trace $T/udp/options.trace | 0 | ^options: saved trace$ | \.trace
date          | $S judge $T/tcp/call.trace | 0 | ^date: +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] | 1970-01-01
one-scenario  | $S judge $T/tcp/call.trace | 0 | in 1 scenario$ | 1 scenarios
json-date     | $S judge --format json $T/tcp/call.trace | 0 | "started": [1-9][0-9]{9}, | "started": 0
stdin         | $S judge --format json - <$T/tcp/call.trace | 0 | "name": "stdin", | -
stdin-tcp     | $S judge - <$T/tcp/call.trace | 0 | ^transport: TCP, | -
output        | $S judge --format junit --output $O $T/udp/call.trace | 0 | <testsuite name="call" | -
output-dash   | $S judge --output - $T/udp/call.trace | 0 | ^RESULT: PASS | -
output-full   | $S judge --output /dev/full $T/udp/call.trace 2>&1 | 2 | /dev/full.*No space left | -
old-dated     | $S judge $T/old/call.trace | 0 | ^date: +2025-01-02 03:04:05 UTC$ | -
old-piped     | piped $T/old/call.trace $S judge - | 0 | ^date: +-$ | 1970
old-json      | piped $T/old/call.trace $S judge --format json - | 0 | "started": null, | 1970
old-junit     | piped $T/old/call.trace $S judge --format junit - | 0 | <testsuite name="stdin" | timestamp=
help-h        | $S -h | 0 | ^Usage: sipconform \[OPTIONS\] TARGET-URI | -
help-long     | $S --help | 0 | ^  130  interrupted by SIGINT | -
version       | $S --version | 0 | ^sipconform [0-9] | -
lint-h        | $S lint -h | 0 | ^Usage: sipconform lint | -
lint-version  | $S lint --version | 0 | ^sipconform [0-9] | -
judge-h       | $S judge -h | 0 | ^Usage: sipconform judge | -
judge-version | $S judge --version | 0 | ^sipconform [0-9] | -
'

ref_target
T="$tmp/traces" S=$bin
mkdir -p "$T/udp" "$T/tcp" "$T/old"
for tp in udp tcp; do
	timeout 60 "$bin" --scenario call --scenario options --transport $tp \
		--save-trace "$T/$tp" "sip:s@127.0.0.1:$tport" >/dev/null ||
		{ echo "the $tp run failed"; exit 99; }
done
stop_peers
# a trace as sipconform saved it before it kept its date
sed '1s/ started=[0-9]*$//' "$T/udp/call.trace" >"$T/old/call.trace"
touch -d '2025-01-02 03:04:05 UTC' "$T/old/call.trace"

# piped FILE CMD...: CMD reading FILE from a pipe (no file date there)
piped() { f=$1; shift; cat "$f" | "$@"; }

printf '%s\n' "$cases" | {
while IFS='|' read -r name cmd want re notre; do
	name=$(echo $name) want=$(echo $want)
	[ -n "$name" ] || continue
	re=$(printf '%s' "$re" | sed 's/^ //; s/ $//')
	notre=$(printf '%s' "$notre" | sed 's/^ //; s/ $//')
	O="$tmp/$name.out"
	rm -f "$O"
	eval "$cmd" >"$tmp/stdout" 2>"$tmp/stderr"
	rc=$?
	f="$tmp/stdout" why=""
	case $cmd in *'--output $O'*) f=$O
		[ -s "$tmp/stdout" ] && why="report on stdout too" ;;
	esac
	[ "$rc" = "$want" ] || why="$why; exit $rc, not $want ($(head -n 1 "$tmp/stderr"))"
	grep -Eq -- "$re" "$f" 2>/dev/null || why="$why; no /$re/"
	[ "$notre" != - ] && grep -Eq -- "$notre" "$f" && why="$why; /$notre/ in it"
	case $cmd in *'--format junit'*)
		xmllint --noout --schema "$srcdir/junit-10.xsd" "$f" 2>/dev/null ||
			why="$why; junit-10 rejects it" ;;
	esac
	why=${why#; }
	judge "$name" "$([ -z "$why" ]; echo $?)" "exit $rc${why:+: $why}"
done
echo "$pass $fail" >"$tmp/counts"
}
read -r pass fail <"$tmp/counts"
finish test_cli_judge
