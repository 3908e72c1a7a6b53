#!/bin/sh
# What the fuzz corpus of a target covers of the code it fuzzes.
#
#   scripts/fuzz-coverage.sh [CORPUS_DIR_OR_FILE...]
#
# Builds the fuzz target with clang source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) and its replay driver (no
# libFuzzer, no sanitizers) in <top>/build-cov, replays corpus/<name>/,
# corpus/<name>.repro/ and any extra directories given (for instance
# the working corpus of a campaign, build-fuzz/fuzz-run/fuzz_status_line/corpus),
# and prints the region, function, line and branch coverage of the files
# the target is for (see files_of below).
#
# Environment:
#   FUZZ_TARGET fuzz_status_line (default), fuzz_header_value,
#               fuzz_message, fuzz_trace or fuzz_framer
#   BUILD_DIR   build directory (default <top>/build-cov, gitignored)
#   COV_HTML    also write an HTML report with the annotated source there
#   COV_SUMMARY yes: print only each file's line and branch coverage
#               (what scripts/fuzz-campaign.sh shows)
#   LLVM_SUFFIX suffix of llvm-profdata/llvm-cov (default: -14 if present)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
target=${FUZZ_TARGET:-fuzz_status_line}
name=${target#fuzz_}

# The sources each target is for, relative to <top>
files_of() {
	case $1 in
	fuzz_status_line) echo src/sip/statusline.c src/sip/scode.c src/sip/utf8.c ;;
	fuzz_header_value) echo src/sip/hvalue.c src/sip/hgrammar.c \
		src/sip/host.c src/sip/sipuri.c src/sip/hparams.c \
		src/sip/hvaddr.c src/sip/hvvia.c src/sip/hvmisc.c \
		src/sip/hdefect.c ;;
	fuzz_message) echo src/sip/message.c src/sip/decode.c \
		src/judge/rules/framing.c src/judge/rules/single.c ;;
	fuzz_trace) echo src/trace/trace.c src/judge/judge.c src/judge/view.c \
		src/judge/rules/*.c src/report/*.c ;;
	fuzz_framer) echo src/sip/framer.c ;;
	fuzz_trace_struct) echo src/trace/trace.c src/judge/judge.c \
		src/judge/view.c src/judge/rules/*.c ;;
	fuzz_diff_libre) echo src/sip/statusline.c src/sip/scode.c \
		src/sip/message.c src/sip/decode.c ;;
	# a target not listed here yet: the parsers
	fuzz_*) echo src/sip/*.c ;;
	*) return 1 ;;
	esac
}
files=$(files_of "$target") || { echo "fuzz-coverage.sh: no such target: $target" >&2; exit 2; }
srcs=
for f in $files; do srcs="$srcs $top/$f"; done
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
"$make" -s -j"$ncpu" -C fuzz "$target"

prof="$build/coverage"
rm -rf "$prof"
mkdir -p "$prof"

# shellcheck disable=SC2086
LLVM_PROFILE_FILE="$prof/replay-%p.profraw" "./fuzz/$target" \
	"$top/corpus/$name" "$top/corpus/$name.repro" $extra |
	tail -n 1

"$profdata" merge -sparse -o "$prof/fuzz.profdata" "$prof"/replay-*.profraw

echo
if [ "${COV_SUMMARY:-no}" = yes ]; then
	# llvm-cov 14 columns: Filename, Regions (3), Functions (3),
	# Lines (3: total, missed, cover), Branches (3)
	# shellcheck disable=SC2086
	"$llvmcov" report "./fuzz/$target" \
		-instr-profile="$prof/fuzz.profdata" $srcs |
	awk -v t="$target" -v top="$top/src/" '
		$1 ~ /^-+$/ || $1 == "Filename" || NF < 13 { next }
		{ f = $1; sub(top, "", f)
		  printf "%-18s %-28s lines %7s (%s/%s)  branches %7s (%s/%s)\n",
			t, f, $10, $8 - $9, $8, $13, $11 - $12, $11 }'
else
	# shellcheck disable=SC2086
	"$llvmcov" report "./fuzz/$target" \
		-instr-profile="$prof/fuzz.profdata" $srcs
fi

if [ -n "${COV_HTML:-}" ]; then
	# shellcheck disable=SC2086
	"$llvmcov" show "./fuzz/$target" \
		-instr-profile="$prof/fuzz.profdata" \
		-format=html -show-branches=count -output-dir="$COV_HTML" \
		$srcs
	say "HTML report in $COV_HTML/index.html"
fi
