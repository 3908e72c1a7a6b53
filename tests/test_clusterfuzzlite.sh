#!/bin/sh
# .clusterfuzzlite/build.sh run here as the OSS-Fuzz base-builder image
# runs it: CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, SRC, WORK and OUT
# set as the engine sets them for an ASan+UBSan libFuzzer build (the
# Dockerfile itself needs docker, which this cannot test).  Then every
# fuzz target must be in $OUT with its dictionary, options and seed zip,
# and run 100 inputs from its seeds, and libre inside each must be the one
# built from source with those flags.  Skips (77) only without clang's
# libFuzzer runtime.
set -u

top=$(cd "${srcdir:-.}/.." && pwd)

command -v clang >/dev/null 2>&1 && command -v clang++ >/dev/null 2>&1 ||
	{ echo "SKIP: no clang/clang++"; exit 77; }
command -v zip >/dev/null 2>&1 || { echo "ERROR: no zip"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfl.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
[ -n "${KEEP_CFL:-}" ] && trap - EXIT && echo "keeping $tmp"

# clang's libFuzzer runtime present?
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)'\
'{ (void)d; (void)n; return 0; }\n' >"$tmp/probe.c"
clang -fsanitize=fuzzer "$tmp/probe.c" -o "$tmp/probe" >/dev/null 2>&1 ||
	{ echo "SKIP: clang has no libFuzzer runtime"; exit 77; }

# $SRC/sipconform is a copy of the source, as the Dockerfile's COPY
mkdir -p "$tmp/src/sipconform" "$tmp/work" "$tmp/out"
# (not the build directories: one of them is probably this one)
entries=$(cd "$top" && for e in * .[!.]*; do
	case $e in
	build-aux) ;;
	build|build-*|_build|.git|autom4te.cache) continue ;;
	esac
	[ -e "$e" ] && printf '%s\n' "$e"
done)
# shellcheck disable=SC2086
(cd "$top" && tar cf - $entries) | (cd "$tmp/src/sipconform" && tar xf -) ||
	exit 99

# libre's source, as the Dockerfile clones it into $SRC/re: the one
# fuzz-libre.sh fetches (Debian's source of the installed libre-dev).
# Without it build.sh would fall back to the uninstrumented libre.a,
# which is what this test must catch, so no source is a failure.
lsrc=$(LIBRE_BUILD="$tmp/libre-src" sh "$top/scripts/fuzz-libre.sh" source \
	2>"$tmp/libre-src.log" | tail -n 1)
if [ -z "$lsrc" ] || [ ! -f "$lsrc/Makefile" ]; then
	tail -n 20 "$tmp/libre-src.log"
	echo "FAIL: no libre source (scripts/fuzz-libre.sh source)"
	exit 1
fi
cp -R "$lsrc" "$tmp/src/re" || exit 99

flags="-O1 -fno-omit-frame-pointer -gline-tables-only"
flags="$flags -fsanitize=address,undefined -fsanitize=fuzzer-no-link"
if ! env SRC="$tmp/src" WORK="$tmp/work" OUT="$tmp/out" \
	CC=clang CXX=clang++ CFLAGS="$flags" CXXFLAGS="$flags" \
	LIB_FUZZING_ENGINE=-fsanitize=fuzzer \
	bash "$top/.clusterfuzzlite/build.sh" >"$tmp/build.log" 2>&1; then
	tail -n 40 "$tmp/build.log"
	echo "FAIL: build.sh"
	exit 1
fi

fail=0
if ! grep -q 'build.sh: libre from source' "$tmp/build.log"; then
	tail -n 20 "$tmp/build.log"
	echo "FAIL: build.sh did not build libre from \$SRC/re"
	fail=1
fi
targets=$(sh "$top/scripts/fuzz-targets.sh" "$top")
[ -n "$targets" ] || { echo "FAIL: no fuzz targets in fuzz/"; exit 1; }
for t in $targets; do
	short=${t#fuzz_}
	for f in "$t" "$short.dict" "$t.options" "${t}_seed_corpus.zip"; do
		if [ ! -s "$tmp/out/$f" ]; then
			echo "FAIL $t: no $f in \$OUT"
			fail=1
		fi
	done
	[ -x "$tmp/out/$t" ] || continue
	if readelf -d "$tmp/out/$t" | grep -q 'NEEDED.*libre\.so'; then
		echo "FAIL $t: needs libre.so"
		fail=1
	fi
	# libre inside the target is instrumented: its code carries the
	# engine's coverage calls or ASan's checks (Debian's libre.a has
	# neither)
	inst=0 seen=0
	for fn in mbuf_alloc sip_msg_decode; do
		body=$(objdump -d --no-show-raw-insn --disassemble="$fn" \
			"$tmp/out/$t" 2>/dev/null | sed -n '/>:$/,$p')
		[ -n "$body" ] || continue
		seen=1
		if printf '%s\n' "$body" | grep -qE '__sanitizer_cov|__asan_'; then
			inst=1
		fi
	done
	if [ "$seen" -eq 0 ]; then
		echo "FAIL $t: neither mbuf_alloc nor sip_msg_decode is linked in"
		fail=1
	elif [ "$inst" -eq 0 ]; then
		echo "FAIL $t: libre in it is not instrumented"
		fail=1
	fi
	mkdir -p "$tmp/seeds/$t"
	(cd "$tmp/seeds/$t" && unzip -q "$tmp/out/${t}_seed_corpus.zip") ||
		{ echo "FAIL $t: seed zip does not unzip"; fail=1; continue; }
	n=$(ls "$tmp/seeds/$t" | wc -l)
	if (cd "$tmp/out" && "./$t" -runs=100 -dict="$short.dict" \
		"$tmp/seeds/$t") >"$tmp/$t.log" 2>&1; then
		echo "ok   $t: $n seeds, 100 runs"
	else
		tail -n 20 "$tmp/$t.log"
		echo "FAIL $t: does not run"
		fail=1
	fi
done

exit $fail
