#!/bin/sh
# Build libre from Debian's source package, the very version of the
# installed libre-dev, with the fuzzing sanitizers, as a static library
# the fuzz targets link instead of the uninstrumented Debian libre.a (so a
# bug inside sip_addr_decode, uri_decode, re_regex or sa_decode shows up
# under ASan/UBSan with libre frames, and MSan can run at all).
#
#   scripts/fuzz-libre.sh [asan|msan|env|source]      (default asan)
#
#   asan   clang -fsanitize=address,undefined, as configure --enable-fuzzing
#   msan   clang -fsanitize=memory -fsanitize-memory-track-origins; built
#          without OpenSSL (USE_OPENSSL=): MSan needs every byte a
#          target reads to come from instrumented code, and Debian's
#          libssl is not.  zlib is left out the same way (USE_ZLIB=).
#   env    exactly $FUZZ_CFLAGS (and $FUZZ_CC): the flags a fuzzing
#          engine hands a build, as ClusterFuzzLite's build.sh does; an
#          MSan build among them (-fsanitize=memory) leaves out OpenSSL
#          and zlib as msan does
#   source only fetch and unpack the source; print its directory
#
# Prints the install prefix (or, for source, the source directory) on its
# last line; configure takes a prefix with
#   ../configure CC=clang --enable-fuzzing --with-libre-prefix=PREFIX
# which links libre.a from PREFIX statically (see fuzz/README.md).  The
# prefix also holds lib/pkgconfig/libre.pc, libre's own, for the
# libraries libre.a needs.
#
# Environment:
#   LIBRE_BUILD   where sources, builds and prefixes go
#                 (default <top>/build-libre, gitignored)
#   LIBRE_SRC     an unpacked libre source tree to build instead of
#                 Debian's (ClusterFuzzLite's image clones it): no
#                 libre-dev, dpkg or apt needed; the version is read from
#                 its Makefile
#   FUZZ_CC       compiler (default clang)
#   FUZZ_CFLAGS   the flags of the env flavour
#
# The source comes from `apt-get source libre=VERSION`, VERSION the source
# version of the installed libre-dev (dpkg-query), so Debian's patches are
# applied as in the package.  Without deb-src lines in the apt sources the
# script adds /etc/apt/sources.list.d/sipconform-deb-src.sources (the deb
# lines of debian.sources with Types: deb-src) and runs apt-get update, as
# root only; otherwise it says what to do.  A prefix already built for the
# same source, version and flags is reused.
set -eu

flavor=${1:-asan}
top=$(cd "$(dirname "$0")/.." && pwd)
base=${LIBRE_BUILD:-$top/build-libre}
cc=${FUZZ_CC:-clang}
ncpu=$(nproc 2>/dev/null || echo 2)

say() { printf 'fuzz-libre.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# -fsanitize=fuzzer-no-link: libFuzzer's edge counters inside libre too,
# so the fuzzer is guided by libre's branches as well as ours
common="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link"
features=
case $flavor in
asan)
	cflags="$common -fsanitize=address,undefined -fno-sanitize-recover=all"
	;;
msan)
	cflags="$common -fsanitize=memory -fsanitize-memory-track-origins"
	features="USE_OPENSSL= USE_ZLIB="
	;;
env)
	[ -n "${FUZZ_CFLAGS:-}" ] || die "env: FUZZ_CFLAGS is not set"
	cflags=$FUZZ_CFLAGS
	case " $cflags " in
	*-fsanitize=memory*) features="USE_OPENSSL= USE_ZLIB=" ;;
	esac
	;;
source)
	cflags=
	;;
*)
	echo "usage: $0 [asan|msan|env|source]" >&2
	exit 2
	;;
esac

need() {
	for tool; do
		command -v "$tool" >/dev/null 2>&1 ||
			die "$tool not found (Debian: apt-get install clang make dpkg-dev)"
	done
}

if [ -n "${LIBRE_SRC:-}" ]; then
	# a tree of the caller's: its Makefile says which libre it is
	[ -f "$LIBRE_SRC/Makefile" ] || die "LIBRE_SRC: no Makefile in $LIBRE_SRC"
	src=$(cd "$LIBRE_SRC" && pwd)
	pkg=libre
	version=$(sed -n 's/^VER_\(MAJOR\|MINOR\|PATCH\)[ 	]*:*=[ 	]*//p' \
		"$src/Makefile" | paste -sd. -)
	[ -n "$version" ] || die "LIBRE_SRC: no VER_MAJOR/MINOR/PATCH in $src/Makefile"
else
	need dpkg-query dpkg-source
	pkg=$(dpkg-query -W -f='${source:Package}' libre-dev 2>/dev/null) ||
		die "libre-dev is not installed (scripts/deps)"
	version=$(dpkg-query -W -f='${source:Version}' libre-dev)
	upstream=${version%-*}
	upstream=${upstream#*:}
	src=$base/src/$pkg-$upstream
fi
prefix=$base/$flavor/prefix
stamp=$prefix/.built

want="$pkg $version $src $cc $cflags $features"
if [ "$flavor" != source ] && [ -f "$stamp" ] &&
   [ "$(cat "$stamp")" = "$want" ] && [ -f "$prefix/lib/libre.a" ] &&
   [ -f "$prefix/lib/pkgconfig/libre.pc" ]; then
	say "reusing $prefix ($pkg $version, $flavor)"
	echo "$prefix"
	exit 0
fi

have_deb_src() {
	grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list \
		/etc/apt/sources.list.d/
}

fetch_source() {
	mkdir -p "$base/src"
	if ! have_deb_src; then
		[ "$(id -u)" -eq 0 ] ||
			die "no deb-src lines in the apt sources; add them (as root) and run apt-get update"
		[ -f /etc/apt/sources.list.d/debian.sources ] ||
			die "no deb-src lines and no debian.sources to derive them from"
		say "adding deb-src lines: /etc/apt/sources.list.d/sipconform-deb-src.sources"
		sed 's/^Types: deb$/Types: deb-src/' \
			/etc/apt/sources.list.d/debian.sources \
			>/etc/apt/sources.list.d/sipconform-deb-src.sources
		apt-get update -qq >&2
	fi
	say "apt-get source $pkg=$version"
	if (cd "$base/src" &&
	    apt-get source -qq --download-only "$pkg=$version" >&2); then
		# dpkg-source checks the files against the .dsc's digests and
		# applies the Debian patches, as the package build does
		rm -rf "$src"
		(cd "$base/src" &&
		 dpkg-source -q -x "${pkg}_${version#*:}.dsc" "$src" >&2) ||
			die "dpkg-source -x failed"
		return 0
	fi
	# Some mirrors lack the .debian.tar.xz while the .dsc and the
	# upstream tarball arrive: build the upstream source of the same
	# version, checked against the digest the .dsc gives it, and say
	# that Debian's own patches (if any) are not applied.
	dsc=$base/src/${pkg}_${version#*:}.dsc
	orig=$(ls "$base/src/${pkg}_$upstream.orig.tar."* 2>/dev/null | head -n 1)
	[ -f "$dsc" ] && [ -n "$orig" ] ||
		die "apt-get source $pkg=$version failed"
	sum=$(sed -n '/^Checksums-Sha256:/,/^[^ ]/p' "$dsc" |
		awk -v f="${orig##*/}" '$3 == f { print $1 }')
	[ -n "$sum" ] && [ "$(sha256sum "$orig" | cut -d' ' -f1)" = "$sum" ] ||
		die "${orig##*/} does not match the sha256 of $dsc"
	say "no debian tarball: building the upstream ${orig##*/} (sha256 as in the .dsc), without Debian's patches"
	rm -rf "$src" "$base/src/unpack"
	mkdir -p "$base/src/unpack"
	tar xf "$orig" -C "$base/src/unpack"
	mv "$base/src/unpack"/* "$src"
	rmdir "$base/src/unpack"
}

[ -f "$src/Makefile" ] || fetch_source
if [ "$flavor" = source ]; then
	echo "$src"
	exit 0
fi
need "$cc" make

# libre 1.1.0 builds with its own make rules (mk/re.mk), in its tree:
# a copy per flavour.  USE_OPENSSL= and USE_ZLIB= on the command line
# override re.mk's detection of the headers.
build=$base/$flavor/build
rm -rf "$build" "$prefix"
mkdir -p "$base/$flavor"
cp -R "$src" "$build"
say "building $pkg $version ($flavor) in $build"
# shellcheck disable=SC2086
make -C "$build" -j"$ncpu" CC="$cc" EXTRA_CFLAGS="$cflags" \
	$features libre.a >"$base/$flavor/build.log" 2>&1 ||
	{ tail -n 30 "$base/$flavor/build.log" >&2; die "build failed"; }
# libre's own .pc, written by its Makefile with the same features, so
# `pkg-config --static --libs libre` names exactly the libraries this
# libre.a was built to need (no -lssl in an msan build)
# shellcheck disable=SC2086
make -C "$build" PREFIX="$prefix" LIBDIR="$prefix/lib" $features \
	libre.pc >>"$base/$flavor/build.log" 2>&1 ||
	{ tail -n 30 "$base/$flavor/build.log" >&2; die "libre.pc failed"; }

# Only what the fuzz targets need: the static library, the headers and
# the .pc
mkdir -p "$prefix/lib/pkgconfig" "$prefix/include/re"
cp "$build/libre.a" "$prefix/lib/libre.a"
cp "$build/libre.pc" "$prefix/lib/pkgconfig/libre.pc"
cp "$build"/include/*.h "$prefix/include/re/"
echo "$want" >"$stamp"
say "installed $prefix/lib/libre.a"
echo "$prefix"
