#!/bin/sh
# A fuzzing campaign over every target: build, fuzz, merge, summarise.
#
#   scripts/fuzz-campaign.sh SECONDS [JOBS]
#
#   SECONDS   wall time per target and per sanitizer build
#   JOBS      libFuzzer -fork=JOBS processes per run (default: all cores)
#
# The targets are those of fuzz/Makefile.am (scripts/fuzz-targets.sh).
# Builds, each in <campaign>/<build>/:
#   asan   clang -fsanitize=address,undefined,fuzzer (configure
#          --enable-fuzzing), linked with libre built from Debian's source
#          with the same sanitizers (scripts/fuzz-libre.sh asan)
#   msan   -fsanitize=memory with libre built from source the same way
#          (no OpenSSL, no zlib); only with CAMPAIGN_MSAN=yes, as every
#          byte must come from instrumented code and a target that reaches
#          uninstrumented code reports false positives
#   plain  clang -O2 -fsanitize=fuzzer, no sanitizer, Debian's libre: for
#          volume (exec/s) and as the speed reference; only with
#          CAMPAIGN_PLAIN=yes (a crash still counts, but nothing catches a
#          silent out-of-bounds read)
#   cov    scripts/fuzz-coverage.sh over the merged corpora, at the end
# Each run fuzzes a working corpus, <campaign>/run/<target>/corpus, seeded
# from corpus/<name>/ and corpus/<name>.repro/ and kept between campaigns.
# Then what it found that adds edges is merged into corpus/<name>/
# (scripts/fuzz-merge.sh: libFuzzer -merge=1 minimises, the new inputs are
# added named by their SHA-1; CAMPAIGN_MERGE=no leaves corpus/ alone).
#
# Prints per target and build: executions, exec/s, corpus files, edges
# (libFuzzer's cov:), findings.  Anything libFuzzer finds (crash, failed
# invariant, leak, timeout, out-of-memory) is copied to
# <campaign>/findings/<target>/ and makes the script exit 1; replay it
# with the target named in the table and the file.
#
# Environment:
#   CAMPAIGN_DIR    default <top>/build-campaign (gitignored)
#   FUZZ_TARGETS    the targets to run (default: all of fuzz/Makefile.am)
#   CAMPAIGN_MSAN   yes: also the MSan build and runs
#   CAMPAIGN_PLAIN  yes: also the plain (unsanitized) build and runs
#   CAMPAIGN_COV    no: skip the coverage build
#   CAMPAIGN_MERGE  no: do not merge into corpus/<name>/
#   LIBRE_SOURCE    no: link Debian's uninstrumented libre instead
#   FUZZ_ARGS       extra libFuzzer flags
set -eu

usage() {
	echo "usage: $0 SECONDS [JOBS]" >&2
	exit 2
}
[ $# -ge 1 ] && [ $# -le 2 ] || usage
seconds=$1
ncpu=$(nproc 2>/dev/null || echo 2)
jobs=${2:-$ncpu}
case $seconds in ''|*[!0-9]*) usage ;; esac
case $jobs in ''|*[!0-9]*|0) usage ;; esac

top=$(cd "$(dirname "$0")/.." && pwd)
dir=${CAMPAIGN_DIR:-$top/build-campaign}
make=${MAKE:-make}
targets=${FUZZ_TARGETS:-$(sh "$top/scripts/fuzz-targets.sh" "$top")}
[ -n "$targets" ] || { echo "fuzz-campaign.sh: no targets" >&2; exit 1; }

say() { printf 'fuzz-campaign.sh: %s\n' "$*" >&2; }

builds=asan
[ "${CAMPAIGN_MSAN:-no}" = yes ] && builds="$builds msan"
[ "${CAMPAIGN_PLAIN:-no}" = yes ] && builds="$builds plain"

if [ ! -x "$top/configure" ]; then
	say "no configure yet: autoreconf -fi"
	(cd "$top" && autoreconf -fi)
fi

# build_targets BUILD: configure <dir>/BUILD once, build every target
build_targets() {
	b=$1
	with=
	# The plain build wants speed, not instrumentation inside libre
	if [ "${LIBRE_SOURCE:-yes}" != no ] && [ "$b" != plain ]; then
		prefix=$(sh "$top/scripts/fuzz-libre.sh" "$b") || return 1
		with="--with-libre-prefix=$prefix"
	fi
	mkdir -p "$dir/$b"
	# shellcheck disable=SC2086
	if [ ! -f "$dir/$b/Makefile" ]; then
		say "configuring $dir/$b"
		case $b in
		asan) (cd "$dir/$b" && CC=clang "$top/configure" -q \
			--enable-fuzzing --enable-werror $with) ;;
		# An engine given from outside: configure adds no ASan of its
		# own, the flags below are the whole sanitizer set
		msan) msan="-fsanitize=memory -fsanitize-memory-track-origins"
		      (cd "$dir/$b" && "$top/configure" -q CC=clang \
			CFLAGS="-O1 -g -fno-omit-frame-pointer $msan -fsanitize=fuzzer-no-link" \
			LDFLAGS="$msan" LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
			--enable-fuzzing --enable-werror $with) ;;
		plain) (cd "$dir/$b" && "$top/configure" -q CC=clang \
			CFLAGS="-O2 -g -fsanitize=fuzzer-no-link" \
			LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
			--enable-fuzzing --enable-werror $with) ;;
		esac || return 1
	fi
	say "building the $b targets"
	"$make" -s -j"$ncpu" -C "$dir/$b/src" libsipconform.la >&2 || return 1
	# shellcheck disable=SC2086
	"$make" -s -j"$ncpu" -C "$dir/$b/fuzz" $targets >&2
}

# opt TARGET KEY: a number from fuzz/TARGET.options (ClusterFuzzLite's)
opt() {
	sed -n "s/^$2 *= *\([0-9][0-9]*\)\$/\1/p" \
		"$top/fuzz/$1.options" 2>/dev/null | head -n 1
}

# libFuzzer's last status line, "#N ... cov: C ... exec/s: E" (a single
# process) or "#N: cov: C ... exec/s: E ..." (-fork)
field() { grep -oE "$1:? [0-9]+" "$2" | tail -n 1 | grep -oE '[0-9]+$' || true; }

total_found=0
table=$dir/summary.txt
mkdir -p "$dir"
: >"$table.rows"

for b in $builds; do
	if ! build_targets "$b"; then
		say "the $b build failed"
		[ "$b" = asan ] && exit 1
		echo "| (all) | $b | build failed | | | | |" >>"$table.rows"
		continue
	fi
	for t in $targets; do
		name=${t#fuzz_}
		run=$dir/run/$t
		corpus=$run/corpus
		art=$run/$b-artifacts
		log=$run/$b.log
		mkdir -p "$corpus" "$art"
		rm -f "$art"/* 2>/dev/null || true
		for d in "$top/corpus/$name" "$top/corpus/$name.repro"; do
			[ -d "$d" ] && cp -p "$d"/* "$corpus"/ 2>/dev/null || true
		done
		dict=
		[ -f "$top/fuzz/$name.dict" ] && dict="-dict=$top/fuzz/$name.dict"
		maxlen=$(opt "$t" max_len)
		tmo=$(opt "$t" timeout)
		say "$t ($b): $seconds s, -fork=$jobs; log in $log"
		set +e
		# shellcheck disable=SC2086
		"$dir/$b/fuzz/$t" -fork="$jobs" \
			-max_total_time="$seconds" \
			-max_len="${maxlen:-2048}" -timeout="${tmo:-10}" \
			-rss_limit_mb=2048 -artifact_prefix="$art/" \
			$dict ${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1
		status=$?
		set -e
		runs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
		execs=$(field exec/s "$log")
		cov=$(field cov "$log")

		merged=
		if [ "${CAMPAIGN_MERGE:-yes}" != no ] && [ -d "$top/corpus/$name" ] &&
		   [ "$b" = asan ]; then
			if n=$(sh "$top/scripts/fuzz-merge.sh" "$dir/$b/fuzz/$t" \
				"$corpus"); then
				merged=" (+$n merged)"
			else
				say "$t: merge failed"
			fi
		fi
		units=$(ls "$corpus" | wc -l)

		found=$(ls "$art" | wc -l)
		if [ "$status" -ne 0 ] && [ "$found" -eq 0 ]; then
			# libFuzzer failed without an artifact (the target did
			# not start, a bad flag): that is a finding too
			found=1
			cp "$log" "$art/failed-run.log"
		fi
		if [ "$found" -ne 0 ]; then
			mkdir -p "$dir/findings/$t"
			for a in "$art"/*; do
				cp "$a" "$dir/findings/$t/$b-${a##*/}"
				say "FINDING $t ($b): $dir/$b/fuzz/$t $dir/findings/$t/$b-${a##*/}"
			done
			tail -n 30 "$log" >&2
			total_found=$((total_found + found))
		fi
		printf '| %s | %s | %s | %s | %s%s | %s | %s |\n' "$t" "$b" \
			"${runs:-?}" "${execs:-?}" "$units" "$merged" "${cov:-?}" \
			"$found" >>"$table.rows"
	done
done

{
	echo "| target | build | executions | exec/s | corpus files | edges (cov) | findings |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
	cat "$table.rows"
} >"$table"
rm -f "$table.rows"
echo
cat "$table"

if [ "${CAMPAIGN_COV:-yes}" != no ]; then
	echo
	for t in $targets; do
		FUZZ_TARGET=$t BUILD_DIR=$dir/cov COV_SUMMARY=yes \
			sh "$top/scripts/fuzz-coverage.sh" "$dir/run/$t/corpus" ||
			say "$t: coverage failed"
	done
fi

if [ "$total_found" -ne 0 ]; then
	say "FAILED: $total_found finding(s) in $dir/findings/"
	exit 1
fi
say "no findings"
