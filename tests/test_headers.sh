#!/bin/sh
# Every header compiles on its own (it includes what it needs) and twice
# (its include guard works): a translation unit that includes only it,
# with the flags the build uses.  A header that needs another one first
# fails here, not in the next engineer's new file.
srcdir=$(cd "${srcdir:-.}" && pwd)
top=$(cd "$srcdir/.." && pwd)
cc=${CC:-cc}
flags="${HDR_CPPFLAGS:-} -I$top/src -std=gnu11 -Wall -Wextra -Werror"

tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

n=0 bad=0
for h in $(cd "$top" && ls src/*/*.h src/*/*/*.h uas/*.h 2>/dev/null); do
	n=$((n + 1))
	printf '#include "%s"\n#include "%s"\n' "$top/$h" "$top/$h" \
		>"$tmp/t.c"
	# shellcheck disable=SC2086
	if ! $cc $flags -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
		echo "FAIL: $h does not compile on its own:"
		sed 's/^/    /' "$tmp/err" | head -n 20
		bad=$((bad + 1))
	fi
done

if [ "$n" -lt 10 ]; then
	echo "FAIL: only $n headers found under $top"
	exit 1
fi
echo "$n headers, $bad not self-contained"
[ "$bad" -eq 0 ]
