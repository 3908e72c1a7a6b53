#!/bin/sh
# Issue 10: where reports and traces go.  A report at --output is either
# the previous one or the complete new one (a temporary file renamed over
# it once the run has a result), never a 0-byte file; every write error
# names the path and the reason and exits 2; "-" is stdout; --output and
# --save-trace that cannot work fail before any packet (the reference
# target, run with -v, must not have seen an INVITE); a trace that cannot
# be saved at the end is said, and exits 2.
#
# A row: name, what to prepare (a function below), the options, the exit
# status, an extended regexp stderr must match ("-": empty), the check
# afterwards (a function below), whether the target may see an INVITE.
# shellcheck disable=SC2154
srcdir=$(cd "${srcdir:-.}" && pwd)
# shellcheck source=lib.sh
. "$srcdir/lib.sh"
peer_test
known_bugs=""
lib_init

cases='
replace      old   --output=@/r.json;--format=json                 0 -                                         new_json  yes
mode-kept    old600 --output=@/r.json;--format=json                 0 -                                         mode600   yes
stdout       none  --output=-                             0 -                                         no_dash   yes
dev-full     none  --output=/dev/full                     2 cannot.write.*/dev/full.*No.space.left    none      yes
setup-error  old   --output=@/r.json;--local=192.0.2.1:9  2 .                                         old_kept  no
setup-new    none  --output=@/r.json;--local=192.0.2.1:9  2 .                                         no_file   no
missing-dir  none  --output=@/nodir/r.json                2 --output.*@/nodir/r.json.*No.such.file    none      no
out-is-dir   none  --output=@                             2 --output.*Is.a.directory                  none      no
trace-nodir  old   --save-trace=@/nodir;--output=@/r.json 2 --save-trace.*@/nodir.*No.such.file       old_kept  no
trace-file   file  --save-trace=@/f;--output=@/r.json     2 --save-trace.*@/f.*Not.a.directory        old_kept  no
trace-lost   tdir  --save-trace=@/t;--output=@/r.json;--format=json 2 cannot.save.the.call.trace.*@/t.*No.such  new_json  yes
trace-saved  tdir  --save-trace=@/t;--output=@/r.json;--format=json 0 -                                         saved     yes
'

# the preparations, in the case's own directory $d
prep_none()   { :; }
prep_old()    { echo previous >"$d/r.json"; }
prep_old600() { prep_old; chmod 600 "$d/r.json"; }
prep_file()   { prep_old; echo x >"$d/f"; }
prep_tdir()   { mkdir "$d/t"; }

# the checks afterwards: 0 or why not in $why
check_none()     { :; }
check_new_json() {
	jq -e '.tool == "sipconform"' "$d/r.json" >/dev/null 2>&1 ||
		why="no complete new report"
	leftover
}
check_mode600()  {
	check_new_json
	[ "$(stat -c %a "$d/r.json")" = 600 ] || why="$why; mode $(stat -c %a "$d/r.json")"
}
check_no_dash()  {
	[ -e "$d/-" ] && why="a file named '-'"
	grep -q '^RESULT: PASS ' "$tmp/run.out" || why="$why; no report on stdout"
}
check_old_kept() {
	[ "$(cat "$d/r.json" 2>/dev/null)" = previous ] || why="previous report gone"
	leftover
}
check_no_file()  { [ -e "$d/r.json" ] && why="a report file was left"; leftover; }
check_saved()    { check_new_json; [ -s "$d/t/call.trace" ] || why="$why; no trace"; }
leftover() {
	ls -A "$d" | grep -q '^\.r\.json\.' && why="${why:+$why; }a temporary file left"
	:
}

ref_target -v --answer-ms 600

set -f
printf '%s\n' "$cases" | {
while read -r name prep opts want re post invite; do
	[ -n "$name" ] || continue
	d="$tmp/$name"
	mkdir "$d"
	"prep_$prep"
	# options: ';' between them, '@' for the case's directory
	set --
	IFS=';'
	for o in $opts; do set -- "$@" "$(printf '%s' "$o" | sed "s|@|$d|g")"; done
	unset IFS
	re=$(printf '%s' "$re" | sed "s|@|$d|g")
	before=$(grep -c 'INVITE sip:' "$tmp/target.log")
	if [ "$name" = trace-lost ]; then
		# the directory goes away while the call rings
		(sleep 0.3; rm -rf "$d/t") &
	fi
	timeout 30 "$bin" --scenario call "$@" "sip:s@127.0.0.1:$tport" \
		>"$tmp/run.out" 2>"$tmp/run.err"
	rc=$?
	wait
	why=""
	[ "$rc" = "$want" ] || why="exit $rc, not $want"
	if [ "$re" = - ]; then
		[ -s "$tmp/run.err" ] && why="$why; stderr: $(head -n 1 "$tmp/run.err")"
	else
		grep -Eq -- "$re" "$tmp/run.err" ||
			why="$why; stderr '$(head -n 1 "$tmp/run.err")' !~ $re"
	fi
	"check_$post"
	sent=$(($(grep -c 'INVITE sip:' "$tmp/target.log") - before))
	[ "$invite" = no ] && [ "$sent" != 0 ] && why="$why; the target saw an INVITE"
	# and the count is no blind check: a run that ran was seen
	[ "$invite" = yes ] && [ "$sent" = 0 ] && why="$why; the target saw no INVITE"
	why=${why#; }
	judge "$name" "$([ -z "$why" ]; echo $?)" "exit $rc${why:+: $why}"
done
echo "$pass $fail" >"$tmp/counts"
}
read -r pass fail <"$tmp/counts"
finish test_cli_outputs
