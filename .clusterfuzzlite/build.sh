#!/bin/bash -eu
set -eu
# Builds sipconform's fuzz targets inside the ClusterFuzzLite / OSS-Fuzz
# base-builder image.  The image sets CC, CXX, CFLAGS, CXXFLAGS (sanitizer
# and coverage flags included), LIB_FUZZING_ENGINE, SRC, WORK and OUT;
# tests/test_clusterfuzzlite.sh sets them the same way to run this
# locally.
#
# libre is built from source first, with the image's own $CC and $CFLAGS
# (scripts/fuzz-libre.sh env): the sanitizer of the build and the
# engine's coverage instrumentation reach into sip_msg_decode, uri_decode,
# re_regex and sa_decode, which the targets call on hostile bytes, and
# MSan sees only initialised memory.  The Dockerfile clones libre's tag
# into $SRC/re; without it (a local run with no source at hand) Debian's
# uninstrumented libre.a is used, with a warning.
#
# Our library is built by configure and make (static only, no sanitizer
# flags of our own: the image's CFLAGS carry the build's sanitizer, which
# configure's ASan/UBSan flags would clash with).  Each fuzz/fuzz_*.c is
# then compiled with $CC $CFLAGS and linked, as OSS-Fuzz wants, with
# $CXX $CXXFLAGS ... $LIB_FUZZING_ENGINE (an engine may be C++).  The
# runner image has no libre.so, so libre is linked statically; --as-needed
# keeps only the shared libraries a target really uses.

src=$SRC/sipconform
build=$WORK/build-sipconform

cd "$src"
[ -x configure ] || autoreconf -fi

libre_opt=
if [ -f "$SRC/re/Makefile" ]; then
	prefix=$(LIBRE_SRC="$SRC/re" LIBRE_BUILD="$WORK/libre" \
		FUZZ_CC="$CC" FUZZ_CFLAGS="$CFLAGS" \
		sh "$src/scripts/fuzz-libre.sh" env | tail -n 1)
	echo "build.sh: libre from source ($SRC/re), built with \$CFLAGS in $prefix"
	export PKG_CONFIG_PATH="$prefix/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
	libre_opt="--with-libre-prefix=$prefix"
else
	echo "build.sh: warning: no libre source in $SRC/re: linking the uninstrumented libre.a of libre-dev" >&2
fi

rm -rf "$build"
mkdir -p "$build"
cd "$build"

libdir=$(pkg-config --variable=libdir libre)
libre_static="$libdir/libre.a $(pkg-config --static --libs-only-l libre |
	sed 's/-lre\( \|$\)//g')"

"$src/configure" -q --disable-shared $libre_opt \
	LIBRE_LIBS="$libre_static" \
	LDFLAGS="${LDFLAGS:-} -Wl,--as-needed"
make -j"$(nproc)" -C src libsipconform.la

cppflags="-I. -I$src/src -I$src/fuzz $(pkg-config --cflags libre)
	-DHAVE_INTTYPES_H -DHAVE_STDBOOL_H -DHAVE_INET6"

# what the targets share besides fuzz.h: every fuzz/*.c that is neither a
# target nor the replay driver (wellformed.c)
helpers=
for f in "$src"/fuzz/*.c; do
	case ${f##*/} in fuzz_*.c|main.c) continue ;; esac
	o=$WORK/${f##*/}; o=${o%.c}.o
	# shellcheck disable=SC2086
	$CC $CFLAGS -std=gnu11 $cppflags -c "$f" -o "$o"
	helpers="$helpers $o"
done

# the targets of fuzz/Makefile.am (one list for every script)
for name in $(sh "$src/scripts/fuzz-targets.sh" "$src"); do
	f=$src/fuzz/$name.c
	short=${name#fuzz_}

	# shellcheck disable=SC2086
	$CC $CFLAGS -std=gnu11 $cppflags -c "$f" -o "$WORK/$name.o"
	# shellcheck disable=SC2086
	$CXX $CXXFLAGS -Wl,--as-needed "$WORK/$name.o" $helpers \
		src/.libs/libsipconform.a $libre_static \
		$LIB_FUZZING_ENGINE -o "$OUT/$name"

	if readelf -d "$OUT/$name" | grep -q 'NEEDED.*libre\.so'; then
		echo "build.sh: $name needs libre.so, which the runner lacks" >&2
		exit 1
	fi

	for extra in "$src/fuzz/$short.dict" "$src/fuzz/$name.options"; do
		if [ -f "$extra" ]; then cp "$extra" "$OUT/"; fi
	done
	rm -f "$OUT/${name}_seed_corpus.zip"
	(cd "$src/corpus" &&
	 zip -q -j "$OUT/${name}_seed_corpus.zip" "$short"/* "$short.repro"/*)
done
