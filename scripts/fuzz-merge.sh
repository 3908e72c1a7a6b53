#!/bin/sh
# Fold a campaign's working corpus into the checked-in corpus/<name>/.
#
#   scripts/fuzz-merge.sh BINARY CORPUS_DIR...
#
# BINARY is a libFuzzer build of a target (fuzz_<name>); the CORPUS_DIRs
# are what it fuzzed.  libFuzzer -merge=1 picks, from corpus/<name>/ and
# the CORPUS_DIRs, a minimal set of inputs with the same edges
# (-use_counters=0: edges, not hit counts, or every loop count would keep
# an input), and the ones of that set whose bytes are not in
# corpus/<name>/ yet are added there, named by their SHA-1 as libFuzzer
# names them.  The named seeds stay.  Prints how many were added.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 BINARY CORPUS_DIR..." >&2; exit 2; }
bin=$1
shift
top=$(cd "$(dirname "$0")/.." && pwd)
t=$(basename "$bin")
name=${t#fuzz_}
dest=$top/corpus/$name
[ -d "$dest" ] || { echo "fuzz-merge.sh: no $dest" >&2; exit 1; }
maxlen=$(sed -n 's/^max_len *= *\([0-9][0-9]*\)$/\1/p' \
	"$top/fuzz/$t.options" 2>/dev/null | head -n 1)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fuzz-merge.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/min"
"$bin" -merge=1 -use_counters=0 -max_len="${maxlen:-2048}" -timeout=10 \
	-rss_limit_mb=2048 -artifact_prefix="$tmp/" \
	"$tmp/min" "$dest" "$@" >"$tmp/merge.log" 2>&1 || {
	tail -n 20 "$tmp/merge.log" >&2
	echo "fuzz-merge.sh: $t -merge=1 failed" >&2
	exit 1
}
(cd "$dest" && sha1sum -- * | cut -d' ' -f1) | sort >"$tmp/have"
added=0
for f in "$tmp/min"/*; do
	[ -f "$f" ] || continue
	h=${f##*/}
	grep -qx "$h" "$tmp/have" && continue
	cp "$f" "$dest/$h"
	added=$((added + 1))
done
echo "$added"
