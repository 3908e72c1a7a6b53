#!/bin/sh
# Build the libFuzzer targets with clang and run one for a while.
#
#   scripts/fuzz.sh SECONDS [JOBS]
#
#   SECONDS   how long to fuzz (CI: 60; a campaign: 600 or more)
#   JOBS      parallel fuzzing processes (libFuzzer -fork=JOBS), default 1
#
# Environment:
#   BUILD_DIR     build directory (default <top>/build-fuzz, gitignored)
#   FUZZ_TARGET   target to run (default fuzz_status_line)
#   FUZZ_ARGS     extra libFuzzer flags, e.g. FUZZ_ARGS=-only_ascii=1
#   FUZZ_CC       compiler for a fresh configure (default clang; libFuzzer
#                 needs clang, so a CC set for other builds is not used)
#
# The build directory is configured once with
#   CC=clang ../configure --enable-fuzzing --enable-werror
# and again only when it was not configured for fuzzing.  Only the library
# and the fuzz targets are built.  The working corpus is a scratch copy,
# <build>/fuzz-run/<target>/corpus, seeded from corpus/<name>/ on every run
# and kept between runs so campaigns build on each other; the checked-in
# corpus/<name>.repro/ is read too but never written.  Anything libFuzzer
# finds (crash, leak, timeout, out-of-memory) goes to
# <build>/fuzz-run/<target>/artifacts/ and makes this script exit non-zero.
set -eu

usage() {
	echo "usage: $0 SECONDS [JOBS]" >&2
	exit 2
}

if [ $# -lt 1 ] || [ $# -gt 2 ]; then usage; fi
seconds=$1
jobs=${2:-1}
case $seconds in ''|*[!0-9]*) usage ;; esac
case $jobs in ''|*[!0-9]*|0) usage ;; esac

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$top/build-fuzz}
target=${FUZZ_TARGET:-fuzz_status_line}
name=${target#fuzz_}
make=${MAKE:-make}
ncpu=$(nproc 2>/dev/null || echo 2)

say() { printf 'fuzz.sh: %s\n' "$*"; }

if [ ! -x "$top/configure" ]; then
	say "no configure yet: autoreconf -fi"
	(cd "$top" && autoreconf -fi)
fi

mkdir -p "$build"
cd "$build"

if [ ! -f config.status ] || [ ! -f Makefile ] ||
   ! ./config.status --config | grep -q -- --enable-fuzzing; then
	say "configuring $build for libFuzzer"
	CC=${FUZZ_CC:-clang} "$top/configure" -q --enable-fuzzing --enable-werror
fi

say "building $target"
"$make" -s -j"$ncpu" -C src libsipconform.la
"$make" -s -j"$ncpu" -C fuzz "$target"

run="$build/fuzz-run/$target"
corpus="$run/corpus"
artifacts="$run/artifacts"
log="$run/fuzz.log"
mkdir -p "$corpus" "$artifacts"

# Stale findings from an earlier run would hide this run's result
rm -f "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* \
      "$artifacts"/oom-* "$artifacts"/slow-unit-* 2>/dev/null || true

if [ -d "$top/corpus/$name" ]; then
	cp -p "$top/corpus/$name"/* "$corpus"/ 2>/dev/null || true
fi
seeds=$corpus
repro=
[ -d "$top/corpus/$name.repro" ] && repro="$top/corpus/$name.repro"

dict=
[ -f "$top/fuzz/$name.dict" ] && dict="-dict=$top/fuzz/$name.dict"

# the target's max_len and timeout, from the .options file ClusterFuzzLite
# reads too (default 2048 and 10 s)
opt() {
	sed -n "s/^$1 *= *\([0-9][0-9]*\)\$/\1/p" \
		"$top/fuzz/$target.options" 2>/dev/null | head -n 1
}
maxlen=$(opt max_len)
timeout=$(opt timeout)

parallel=
[ "$jobs" -gt 1 ] && parallel="-fork=$jobs"

say "fuzzing $target for $seconds s ($jobs job(s)); log in $log"
set +e
# -timeout: one input runs in well under a millisecond (a trace in a few);
# 10 s is a hang.
# shellcheck disable=SC2086
"./fuzz/$target" \
	-max_total_time="$seconds" \
	-max_len="${maxlen:-2048}" \
	-timeout="${timeout:-10}" \
	-rss_limit_mb=2048 \
	-print_final_stats=1 \
	-artifact_prefix="$artifacts/" \
	$dict $parallel ${FUZZ_ARGS:-} \
	"$seeds" $repro >"$log" 2>&1
status=$?
set -e

# "exec/s: N" in a single process, "exec/s N" in -fork mode
execs=$(grep -oE 'exec/s:? [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' ||
	true)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
[ -n "$runs" ] ||
	runs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
units=$(find "$corpus" -type f | wc -l)
say "exec/s: ${execs:-?}  runs: ${runs:-?}  cov: ${cov:-?}  corpus: $units files"

found=$(find "$artifacts" -type f | wc -l)
if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
	tail -n 40 "$log"
	say "FAILED: libFuzzer exited with $status, $found artifact(s) in $artifacts"
	for a in "$artifacts"/*; do
		[ -f "$a" ] && say "  reproduce: $build/fuzz/$target $a"
	done
	exit 1
fi

say "no findings"
