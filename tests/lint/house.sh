#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The house rules of docs/ARCHITECTURE.md that a compiler does not check:
#  1. A room includes only the rooms it may use (lower floors): no arrow
#     runs back up, so no two rooms can call each other in a circle.
#  2. No hand-written source file under src/ is over 800 lines (a file
#     that says "generated" in its first three lines is exempt).
#  3. No two files of one room call each other in a circle, directly or
#     round several files (house_circles.py beside this script, which
#     first proves on a scratch room that it finds one; its ALLOWED list
#     holds the circles other branches still own, and only shrinks).
#   house.sh SRC_ROOT
set -u
src=${1%/}
cd "$src" || exit 1
fail=0 checked=0

# room: the rooms (besides itself) its files may include
allowed() {
	case $1 in
	util) echo "" ;;
	core) echo "util" ;;
	integrity) echo "core util" ;;
	model) echo "core util" ;;
	read | europass) echo "model core util" ;;
	map) echo "read model core util" ;;
	draft) echo "read model core util" ;;
	write) echo "europass model core util" ;;
	validate) echo "legacy europass read model integrity core util" ;;
	legacy) echo "europass read model core util" ;;
	net) echo "core util" ;;
	overview) echo "convert model core util" ;;
	schemas) echo "net integrity core util" ;;
	convert) echo "net map write validate legacy read europass model integrity core util" ;;
	cli) echo "util" ;;
	esac
}

for dir in src/util src/lib/* src/cli; do
	[ -d "$dir" ] || continue
	room=${dir##*/}
	ok=$(allowed "$room")
	checked=$((checked + 1))
	# every quoted include that names a room: "room/file.h"
	grep -n '^#include "[a-z_]*/' "$dir"/*.[ch] 2>/dev/null |
		sed 's/^\([^:]*:[0-9]*\):#include "\([a-z_]*\)\/.*/\1 \2/' |
		while read -r where to; do
			[ "$to" = "$room" ] && continue
			[ "$to" = lob2europass ] && continue
			case " $ok " in *" $to "*) continue ;; esac
			echo "$where: $room/ may not include $to/" \
			     "(docs/ARCHITECTURE.md)"
		done >"${TMPDIR:-/tmp}/house.$$"
	if [ -s "${TMPDIR:-/tmp}/house.$$" ]; then
		cat "${TMPDIR:-/tmp}/house.$$"
		fail=$((fail + 1))
	fi
	rm -f "${TMPDIR:-/tmp}/house.$$"
done

checked=$((checked + 1))
big=$(find src -name '*.[ch]' -exec awk 'FNR <= 3 && /generated/ { nextfile }
	END { } { n[FILENAME] = FNR } END { for (f in n) if (n[f] > 800)
		printf "%s: %d lines (at most 800)\n", f, n[f] }' {} +)
if [ -n "$big" ]; then
	echo "$big"
	fail=$((fail + 1))
fi

checked=$((checked + 1))
here=$(dirname "$0")
case $here in /*) ;; *) here=$OLDPWD/$here ;; esac
if ! command -v python3 >/dev/null 2>&1; then
	echo "house_circles.py: python3 is needed to look for circles"
	fail=$((fail + 1))
elif ! python3 "$here/house_circles.py" --self-test ||
	! python3 "$here/house_circles.py" .; then
	fail=$((fail + 1))
fi

echo "$((checked - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
