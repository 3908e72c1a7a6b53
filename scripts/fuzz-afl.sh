#!/bin/sh
# Build the fuzz targets for AFL++ and run one with afl-fuzz.
#
#   scripts/fuzz-afl.sh SECONDS [TARGET]     (default fuzz_status_line)
#
# The targets are libFuzzer-style (LLVMFuzzerTestOneInput); afl-clang-fast
# -fsanitize=fuzzer links AFL++'s libAFLDriver in place of libFuzzer, so
# the same sources build unchanged.  AFL_USE_ASAN and AFL_USE_UBSAN make
# afl-clang-fast add ASan and UBSan.  Every target of fuzz/Makefile.am is
# built in <top>/build-afl (configured once, gitignored); the one run
# reads corpus/<name>/ and writes <top>/build-afl/afl-run/<target>/;
# afl-fuzz stops after SECONDS (-V) and the script exits 1 when it saved
# a crash or a hang.  Debian: apt-get install afl++.
#
# Environment:
#   BUILD_DIR    default <top>/build-afl
#   AFL_ARGS     extra afl-fuzz flags
set -eu

[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 SECONDS [TARGET]" >&2; exit 2; }
seconds=$1
target=${2:-fuzz_status_line}
case $seconds in ''|*[!0-9]*) echo "usage: $0 SECONDS [TARGET]" >&2; exit 2 ;; esac
name=${target#fuzz_}
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-afl}
make=${MAKE:-make}
ncpu=$(nproc 2>/dev/null || echo 2)

say() { printf 'fuzz-afl.sh: %s\n' "$*" >&2; }

for tool in afl-clang-fast afl-fuzz; do
	command -v "$tool" >/dev/null 2>&1 ||
		{ say "$tool not found (Debian: apt-get install afl++)"; exit 1; }
done
if [ ! -x "$top/configure" ]; then
	(cd "$top" && autoreconf -fi)
fi

mkdir -p "$build"
cd "$build"
export AFL_USE_ASAN=1 AFL_USE_UBSAN=1 AFL_QUIET=1
if [ ! -f Makefile ]; then
	say "configuring $build for AFL++"
	# an engine given from outside: configure adds no sanitizer of its own
	"$top/configure" -q CC=afl-clang-fast --enable-fuzzing \
		LIB_FUZZING_ENGINE=-fsanitize=fuzzer
fi
"$make" -s -j"$ncpu" -C src libsipconform.la
# shellcheck disable=SC2046
"$make" -s -j"$ncpu" -C fuzz $(sh "$top/scripts/fuzz-targets.sh" "$top")

out=$build/afl-run/$target
rm -rf "$out"
mkdir -p "$out"
dict=
[ -f "$top/fuzz/$name.dict" ] && dict="-x $top/fuzz/$name.dict"
say "afl-fuzz $target for $seconds s; output in $out"
# -m none: ASan reserves terabytes of virtual memory
# shellcheck disable=SC2086
AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	afl-fuzz -V "$seconds" -m none -i "$top/corpus/$name" -o "$out" \
	$dict ${AFL_ARGS:-} -- "./fuzz/$target" >"$out.log" 2>&1 || {
	tail -n 20 "$out.log" >&2
	say "afl-fuzz failed"
	exit 1
}
stats=$out/default/fuzzer_stats
for k in execs_done execs_per_sec corpus_count edges_found total_edges \
	saved_crashes saved_hangs; do
	printf '%s: %s\n' "$k" "$(sed -n "s/^$k *: *//p" "$stats")"
done
crashes=$(sed -n 's/^saved_crashes *: *//p' "$stats")
hangs=$(sed -n 's/^saved_hangs *: *//p' "$stats")
if [ "${crashes:-0}" -ne 0 ] || [ "${hangs:-0}" -ne 0 ]; then
	say "FAILED: see $out/default/crashes and hangs"
	exit 1
fi
say "no findings"
