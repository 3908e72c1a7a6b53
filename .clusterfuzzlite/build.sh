#!/bin/bash -eu
# Builds sipconform's fuzz targets inside the ClusterFuzzLite / OSS-Fuzz
# base-builder image.  The image sets CC, CFLAGS (sanitizer and coverage
# flags included), LIB_FUZZING_ENGINE, SRC and OUT.

cd "$SRC/sipconform"
autoreconf -fi

rm -rf build-oss-fuzz
mkdir build-oss-fuzz
cd build-oss-fuzz

# --as-needed: the targets use no libre function, so the binaries need no
# libre.so, which the runner image does not have.
../configure --enable-fuzzing --disable-shared \
	LDFLAGS="${LDFLAGS:-} -Wl,--as-needed"

# CFLAGS from the image carry the sanitizer of this build (address,
# undefined, memory, coverage, ...); configure's own ASan/UBSan flags for
# --enable-fuzzing would clash with it, so SAN_CFLAGS is emptied.
make -j"$(nproc)" -C src libsipconform.la
make -j"$(nproc)" -C fuzz

for fuzzer in fuzz/fuzz_*; do
	name=$(basename "$fuzzer")
	case $name in *.*) continue ;; esac
	if [ ! -f "$fuzzer" ] || [ ! -x "$fuzzer" ]; then continue; fi
	short=${name#fuzz_}

	if readelf -d "$fuzzer" | grep -q 'NEEDED.*libre\.so'; then
		echo "build.sh: $name needs libre.so, which the runner lacks" >&2
		exit 1
	fi

	cp "$fuzzer" "$OUT/"
	for extra in "../fuzz/$short.dict" "../fuzz/$name.options"; do
		if [ -f "$extra" ]; then cp "$extra" "$OUT/"; fi
	done
	rm -f "$OUT/${name}_seed_corpus.zip"
	(cd "../corpus" &&
	 zip -q -j "$OUT/${name}_seed_corpus.zip" "$short"/* "$short.repro"/*)
done
