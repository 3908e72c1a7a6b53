#!/bin/sh
# Each layer uses only what lies below it (src/Makefile.am): for every
# layer archive, bottom up, each undefined symbol that one of our layers
# defines must be defined in the same layer or a lower one.  A symbol
# defined by two layers is reported too: it has two homes.
top=${top_builddir:-..}
libs=${LAYER_LIBS:-$top/src/.libs}
layers=${LAYERS:-"loop sip trace judge result client report"}
NM=${NM:-nm}

# Violations known when this test came (layer/member symbol, space
# separated): printed, not failed, until their owner moves the code.
# Delete an entry once it is fixed; a listed one that is gone fails.
known=${LAYER_KNOWN-""}

all=$(mktemp) || exit 99
trap 'rm -f "$all"' EXIT

# rank<TAB>layer<TAB>member<TAB>type<TAB>symbol, ranks bottom up
rank=0
for l in $layers; do
	a="$libs/lib$l.a"
	[ -r "$a" ] || { echo "no $a (build src first)"; exit 99; }
	$NM "$a" >"$all.nm" || { echo "$NM $a failed"; exit 99; }
	awk -v r="$rank" -v l="$l" '
		/:$/ { obj = substr($0, 1, length($0) - 1); next }
		NF == 2 && $1 == "U" { print r "\t" l "\t" obj "\tU\t" $2 }
		NF == 3 && $2 ~ /^[A-TV-Z]$/ {
			print r "\t" l "\t" obj "\t" $2 "\t" $3 }' \
		"$all.nm" >>"$all"
	rm -f "$all.nm"
	rank=$((rank + 1))
done

awk -F '\t' -v known="$known" '
	BEGIN { nk = split(known, k, " "); for (i = 1; i <= nk; i++) ok[k[i]] = 0 }
	{ lname[$1] = $2; if (!(($1, $3) in seen)) { seen[$1, $3]; objs[$1]++ } }
	$4 != "U" {
		defs[$1]++
		if (!($5 in home))
			home[$5] = $1
		else if (home[$5] != $1)
			twice[$5] = lname[home[$5]] " and " $2
	}
	$4 == "U" { use[++nu] = $0 }
	END {
		bad = 0
		for (i = 1; i <= nu; i++) {
			split(use[i], f, "\t")
			if (!(f[5] in home)) { ext[f[1]]++; continue }
			if (home[f[5]] <= f[1]) { own[f[1]]++; continue }
			key = f[2] "/" f[3] ":" f[5]
			if (key in ok) {
				ok[key] = 1
				printf "KNOWN VIOLATION: %s/%s uses %s, defined " \
				       "in %s\n", f[2], f[3], f[5],
				       lname[home[f[5]]]
				continue
			}
			printf "VIOLATION: %s/%s uses %s, defined in %s\n",
			       f[2], f[3], f[5], lname[home[f[5]]]
			bad++
		}
		for (s in twice) {
			printf "VIOLATION: %s defined in %s\n", s, twice[s]
			bad++
		}
		for (key in ok)
			if (!ok[key]) {
				printf "FIXED: %s is gone, take it off the " \
				       "known list\n", key
				bad++
			}
		for (r = 0; r in lname; r++)
			printf "  %-7s %3d objects, %4d symbols defined, %4d " \
			       "uses of our layers, %4d of libre/libc\n",
			       lname[r], objs[r], defs[r], own[r], ext[r]
		printf "test_layers: %d violation%s\n", bad, bad == 1 ? "" : "s"
		exit bad ? 1 : 0
	}' "$all"
