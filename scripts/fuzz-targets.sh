#!/bin/sh
# Print the fuzz targets, one a line: the FUZZ_TARGETS list of
# fuzz/Makefile.am, the one place a target is declared (it is built from
# there), so every script that loops over targets picks up a new one.
#
#   scripts/fuzz-targets.sh [TOP]
set -eu
top=${1:-$(cd "$(dirname "$0")/.." && pwd)}
# FUZZ_TARGETS = a b \
#	c d
sed -n '/^FUZZ_TARGETS[ 	]*=/,/[^\\]$/p' "$top/fuzz/Makefile.am" |
	sed 's/^FUZZ_TARGETS[ 	]*=//; s/\\$//' | tr ' \t' '\n\n' | grep '^fuzz_'
