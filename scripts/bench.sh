#!/bin/sh
# Build an optimised tree and time the status-line parser against libre.
#
#   scripts/bench.sh [--callgrind] [--reconfigure] [-- BENCH_ARGS...]
#
#   --callgrind     also count instructions per line under valgrind's
#                   callgrind (repeatable even on a loaded machine)
#   --callgrind-only  only that, skip the wall-clock run
#   --reconfigure   run configure again even if build-bench/ is configured
#   -- ARGS         passed to bench_statusline (e.g. -- -t 2 -r 9 -v)
#
# Environment: BUILD_DIR (default <top>/build-bench), CC, CFLAGS (default
# -O2), CALLGRIND_PASSES (default 300), MAKE (default make).
#
# The build directory is configured without sanitizers, fuzzing or -Werror;
# only src/libsipconform.la and bench/bench_statusline are built, so a test
# or fuzz target that does not compile does not stop the benchmark.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-bench}
make=${MAKE:-make}
callgrind=no
wallclock=yes
reconfigure=no

while [ $# -gt 0 ]; do
	case $1 in
	--callgrind)      callgrind=yes ;;
	--callgrind-only) callgrind=yes; wallclock=no ;;
	--reconfigure)    reconfigure=yes ;;
	--) shift; break ;;
	-h|--help)
		sed -n '2,17s/^# \{0,1\}//p' "$0"
		exit 0 ;;
	*)
		echo "bench.sh: unknown option '$1' (try --help)" >&2
		exit 2 ;;
	esac
	shift
done

jobs=$(nproc 2>/dev/null || echo 2)

if [ ! -x "$top/configure" ]; then
	echo "== autoreconf -fi (no configure script yet)"
	(cd "$top" && autoreconf -fi)
fi

mkdir -p "$build"
if [ "$reconfigure" = yes ] || [ ! -f "$build/config.status" ] ||
   [ -n "$(find "$top/configure" -newer "$build/config.status")" ]; then
	echo "== configuring $build (CFLAGS=${CFLAGS:--O2})"
	(cd "$build" &&
	 CFLAGS=${CFLAGS:--O2} "$top/configure" --disable-sanitizers \
		--disable-fuzzing --disable-werror >configure.out 2>&1) || {
		echo "bench.sh: configure failed, see $build/configure.out" >&2
		tail -n 20 "$build/configure.out" >&2
		exit 1
	}
fi

echo "== building"
# The Makefile regenerates itself when a Makefile.am changed; then build
# just what the benchmark needs.
$make -C "$build" -s Makefile >/dev/null
$make -C "$build/src" -s -j"$jobs" libsipconform.la
$make -C "$build/bench" -s bench_statusline
bin=$build/bench/bench_statusline

if [ "$wallclock" = yes ]; then
	echo "== running $bin $*"
	echo
	"$bin" "$@"
fi

[ "$callgrind" = yes ] || exit 0

if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench.sh: --callgrind needs valgrind, which is not installed" >&2
	exit 1
fi

passes=${CALLGRIND_PASSES:-300}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sipconform-callgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

echo
echo "== callgrind: instructions per status line ($passes passes over the corpus, 1 run)"

# One valgrind run per contender; --toggle-collect counts only what runs
# inside that contender's loop (its callees included), so corpus set-up,
# the agreement check and libre_init() are left out.
ir_per_line() {
	name=$1 fn=$2 key=$3
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$name" \
		--toggle-collect="$fn" "$bin" -o "$name" -n "$passes" -r 1 \
		>"$tmp/out.$name" 2>"$tmp/err.$name" || {
		echo "bench.sh: valgrind run for $name failed:" >&2
		cat "$tmp/err.$name" >&2
		exit 1
	}
	ir=$(sed -n 's/^totals: *\([0-9][0-9]*\).*/\1/p' "$tmp/cg.$name")
	[ -n "$ir" ] ||
		ir=$(sed -n 's/^summary: *\([0-9][0-9]*\).*/\1/p' "$tmp/cg.$name")
	lines=$(sed -n "s/^lines_run_$key=//p" "$tmp/out.$name")
	if [ -z "$ir" ] || [ -z "$lines" ] || [ "$lines" -eq 0 ]; then
		echo "bench.sh: could not read callgrind totals for $name" >&2
		exit 1
	fi
	awk -v ir="$ir" -v n="$lines" 'BEGIN { printf "%.1f\n", ir / n }'
}

ours=$(ir_per_line ours run_ours sipconform)
cls=$(ir_per_line classify run_classify sipconform_classify)
libre=$(ir_per_line libre run_libre libre)

printf '%-34s %14s\n' contender "instr/line"
printf '%-34s %14s\n' "sipconform statusline_parse" "$ours"
printf '%-34s %14s\n' "sipconform parse + classify" "$cls"
printf '%-34s %14s\n' "libre sip_msg_decode + mem_deref" "$libre"
echo
echo "ir_per_line_sipconform=$ours"
echo "ir_per_line_sipconform_classify=$cls"
echo "ir_per_line_libre=$libre"
awk -v a="$libre" -v b="$ours" \
	'BEGIN { printf "ir_ratio_libre_over_sipconform=%.1f\n", a / b }'
