#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The same student in three export layouts gives the same documents.
#
# Student 0204518 (Fenna van der Testra) carries the same facts in the
# JSON, the CSV bundle and the XML sample. Converted through their own
# mappings, the three must give byte-identical documents in every format
# the tool writes: proof that layout knowledge lives in mappings only.
#   same_student.sh BINARY SRC_ROOT
set -u
bin=$1 src=${2%/}
key=0204518
. "$src/tests/sample_inputs.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

formats=$("$bin" convert --help | sed -n 's/^  \(europass-[a-z]*\) .*/\1/p' |
	paste -sd, -)
if [ -z "$formats" ]; then
	echo "FAIL: no formats listed by convert --help"
	exit 1
fi
layouts="koerskaart-json voorbeeldsis-csv leerlingadmin-xml"
for layout in $layouts; do
	mkdir "$tmp/$layout"
	# shellcheck disable=SC2046 # sample paths have no spaces
	"$bin" convert -q -m "$src/mappings/$layout.json" --to "$formats" \
		-o "$tmp/$layout" $(sample_inputs "$src/samples/$layout")
	if [ "$?" -gt 1 ]; then
		echo "FAIL: converting $layout failed"
		exit 1
	fi
done

passed=0 failed=0
for doc in "$tmp/koerskaart-json/$key".*; do
	name=$(basename "$doc")
	for layout in voorbeeldsis-csv leerlingadmin-xml; do
		if [ ! -f "$tmp/$layout/$name" ]; then
			echo "FAIL: $layout wrote no $name"
			failed=$((failed + 1))
		elif cmp -s "$doc" "$tmp/$layout/$name"; then
			passed=$((passed + 1))
		else
			echo "FAIL: $name from $layout differs from the JSON layout's:"
			diff -u "$doc" "$tmp/$layout/$name" | head -20
			failed=$((failed + 1))
		fi
	done
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
	echo "FAIL: no documents for $key"
	failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
