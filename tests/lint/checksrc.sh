#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Source rules a compiler does not check (curl's checksrc, in small):
#  1. src/lib and src/util never call functions that are unsafe or that print or exit
#     (STYLE.md §10): atoi sprintf strcpy strcat strtok gets exit printf,
#     fprintf(stderr, ...). The library reports; only the CLI prints.
#  2. No source file under src/ knows an export layout, a vendor or a
#     Dutch column name: that knowledge lives in mappings/ only.
#  3. C files are at most 80 columns wide (tabs count as 8).
#  4. Every C file says its licence in its first line (SPDX).
#   checksrc.sh SRC_ROOT
set -u
src=${1%/}
fail=0 checked=0

banned='(^|[^_[:alnum:]])(atoi|sprintf|strcpy|strcat|strtok|gets|exit|printf)[[:space:]]*\(|fprintf[[:space:]]*\([[:space:]]*stderr'
if grep -rnE "$banned" "$src/src/lib" "$src/src/util" --include='*.c' \
	--include='*.h'; then
	echo "FAIL: banned function in src/lib or src/util (see above)"
	fail=$((fail + 1))
fi
checked=$((checked + 1))

layout='studentnummer|deelnemer|koerskaart|voorbeeldsis|leerlingadmin|crebo|opleiding|eduarte|ooapi|placements?|bpv|erasmus|roepnaam|achternaam|tussenvoegsel'
if grep -rniwE "$layout" "$src/src"; then
	echo "FAIL: layout knowledge in src/ (see above): put it in a mapping"
	fail=$((fail + 1))
fi
checked=$((checked + 1))

nolicence=$(find "$src/src" "$src/include" "$src/tests/unit" "$src/tests/fuzz" \
	"$src/examples" -name '*.[ch]' -exec awk 'FNR == 1 {
		if ($0 != "/* SPDX-License-Identifier: EUPL-1.2 */")
			print FILENAME; nextfile }' {} + 2>/dev/null)
if [ -n "$nolicence" ]; then
	echo "$nolicence"
	echo "FAIL: no SPDX-License-Identifier line first in the files above"
	fail=$((fail + 1))
fi
checked=$((checked + 1))

long=$(find "$src/src" "$src/include" "$src/tests/unit" -name '*.[ch]' \
	-exec awk '{ gsub(/\t/, "        "); if (length($0) > 80)
		printf "%s:%d: %d columns\n", FILENAME, FNR, length($0) }' {} +)
if [ -n "$long" ]; then
	echo "$long"
	echo "FAIL: lines longer than 80 columns"
	fail=$((fail + 1))
fi
checked=$((checked + 1))
echo "$((checked - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
