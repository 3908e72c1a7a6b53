#!/bin/sh
# The judge is pure: bytes and timestamps in, findings out.  No object of
# the judge layer (src/.libs/libjudge.a: src/judge/*.c, src/judge/rules/*.c)
# may call a socket, timer, clock, stdio, environment or randomness
# function.  The compiler's fortified and C99 aliases (__printf_chk,
# __isoc99_sscanf) count as the functions they stand for.
top=${top_builddir:-..}
lib=${JUDGE_LIB:-$top/src/.libs/libjudge.a}
NM=${NM:-nm}

[ -r "$lib" ] || { echo "no $lib (build src first)"; exit 99; }

nmout=$(mktemp) || exit 99
syms=$(mktemp) || exit 99
trap 'rm -f "$nmout" "$syms"' EXIT

$NM "$lib" >"$nmout" || { echo "$NM $lib failed"; exit 99; }
objs=$(grep -c ':$' "$nmout")
# member<TAB>undefined symbol, one a line
awk '/:$/ { obj = substr($0, 1, length($0) - 1); next }
     $1 == "U" { print obj "\t" $2 }' "$nmout" >"$syms"

forbidden='^(socket|socketpair|bind|connect|listen|accept4?|shutdown'
forbidden="$forbidden|send|sendto|sendmsg|sendmmsg"
forbidden="$forbidden|recv|recvfrom|recvmsg|recvmmsg|getaddrinfo"
forbidden="$forbidden|gethostbyname|poll|ppoll|select|pselect|epoll_.*"
forbidden="$forbidden|udp_.*|tcp_.*|tls_.*|dnsc_.*|fd_listen|fd_close"
forbidden="$forbidden|re_main|re_cancel|tmr_.*|clock_gettime|clock"
forbidden="$forbidden|gettimeofday|time|sleep|usleep|nanosleep"
forbidden="$forbidden|fopen|fdopen|freopen|fclose|fflush|fprintf|vfprintf"
forbidden="$forbidden|printf|vprintf|dprintf|puts|fputs|fputc|putc|putchar"
forbidden="$forbidden|fwrite|fread|fgets|fgetc|getc|getchar|scanf|fscanf"
forbidden="$forbidden|perror|stdin|stdout|stderr|re_fprintf|re_printf"
forbidden="$forbidden|re_vfprintf|re_vprintf|dbg_.*"
forbidden="$forbidden|getenv|secure_getenv|setenv|putenv"
forbidden="$forbidden|open|openat|read|write|close"
forbidden="$forbidden|rand|random|srand|rand_.*|getrandom)\$"

bad=$(awk -F '\t' '{ s = $2; sub(/^__isoc99_/, "", s);
		     if (s ~ /^__.*_chk$/) s = substr(s, 3, length(s) - 6);
		     print $1 "\t" $2 "\t" s }' "$syms" |
      awk -F '\t' -v re="$forbidden" '$3 ~ re { print "  " $1 ": " $2 }')

nsym=$(cut -f2 "$syms" | sort -u | wc -l)
echo "test_purity: $lib: $objs objects, $nsym distinct undefined symbols:"
cut -f2 "$syms" | sort -u | paste -sd' ' - | fold -s -w 76 | sed 's/^/  /'

if [ -n "$bad" ]; then
	echo "FAIL: the judge calls what is not pure:"
	echo "$bad"
	exit 1
fi
echo "test_purity: no socket, timer, clock, stdio, environment or random call"
exit 0
