#!/bin/sh
# What the fuzz corpus covers of the status-line parser.
#
#   scripts/fuzz-coverage.sh [CORPUS_DIR_OR_FILE...]
#
# Builds the fuzz target with clang source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) and its replay driver (no
# libFuzzer, no sanitizers) in <top>/build-cov, replays corpus/status_line/,
# corpus/status_line.repro/ and any extra directories given (for instance
# the working corpus of a campaign, build-fuzz/fuzz-run/fuzz_status_line/corpus),
# and prints the region, function, line and branch coverage of
# src/sip/statusline.c and src/sip/scode.c.
#
# Environment:
#   BUILD_DIR   build directory (default <top>/build-cov, gitignored)
#   COV_HTML    also write an HTML report with the annotated source there
#   LLVM_SUFFIX suffix of llvm-profdata/llvm-cov (default: -14 if present)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-cov}
make=${MAKE:-make}
ncpu=$(nproc 2>/dev/null || echo 2)
covflags="-fprofile-instr-generate -fcoverage-mapping"

say() { printf 'fuzz-coverage.sh: %s\n' "$*"; }

if [ -z "${LLVM_SUFFIX+set}" ]; then
	LLVM_SUFFIX=
	command -v llvm-cov-14 >/dev/null 2>&1 && LLVM_SUFFIX=-14
fi
profdata=llvm-profdata$LLVM_SUFFIX
llvmcov=llvm-cov$LLVM_SUFFIX
for tool in clang "$profdata" "$llvmcov"; do
	command -v "$tool" >/dev/null 2>&1 || {
		say "$tool not found (Debian: apt-get install clang llvm)"
		exit 1
	}
done

# Absolute paths: we cd into the build directory below
extra=
for arg in "$@"; do
	[ -e "$arg" ] || { say "$arg: no such file or directory"; exit 1; }
	extra="$extra $(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")"
done

if [ ! -x "$top/configure" ]; then
	say "no configure yet: autoreconf -fi"
	(cd "$top" && autoreconf -fi)
fi

mkdir -p "$build"
cd "$build"

if [ ! -f config.status ] || [ ! -f Makefile ] ||
   ! ./config.status --config | grep -q -- -fcoverage-mapping; then
	say "configuring $build for coverage"
	"$top/configure" -q CC=clang CFLAGS="-O0 -g $covflags" \
		LDFLAGS="-fprofile-instr-generate"
fi

"$make" -s -j"$ncpu" -C src libsipconform.la
"$make" -s -j"$ncpu" -C fuzz fuzz_status_line

prof="$build/coverage"
rm -rf "$prof"
mkdir -p "$prof"

# shellcheck disable=SC2086
LLVM_PROFILE_FILE="$prof/replay-%p.profraw" ./fuzz/fuzz_status_line \
	"$top/corpus/status_line" "$top/corpus/status_line.repro" $extra |
	tail -n 1

"$profdata" merge -sparse -o "$prof/fuzz.profdata" "$prof"/replay-*.profraw

echo
"$llvmcov" report ./fuzz/fuzz_status_line \
	-instr-profile="$prof/fuzz.profdata" \
	"$top/src/sip/statusline.c" "$top/src/sip/scode.c" "$top/src/sip/utf8.c"

if [ -n "${COV_HTML:-}" ]; then
	"$llvmcov" show ./fuzz/fuzz_status_line \
		-instr-profile="$prof/fuzz.profdata" \
		-format=html -show-branches=count -output-dir="$COV_HTML" \
		"$top/src/sip/statusline.c" "$top/src/sip/scode.c" "$top/src/sip/utf8.c"
	say "HTML report in $COV_HTML/index.html"
fi
