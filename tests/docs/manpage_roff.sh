#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The manual page as built (roff), as `man lob2europass` shows it:
#  - its header carries the version the tool reports (one version, set in
#    CMakeLists.txt, flowing everywhere);
#  - every option of every command's --help is in it with two hyphen-minus
#    signs (--name, or \-\-name), never with an en or em dash (smart
#    quotes turn -- into \[en]);
#  - no en or em dash anywhere next to a letter, where it would read as
#    an option.
#   manpage_roff.sh BINARY ROFF
set -u
bin=$1 roff=$2
fail=0 n=0
[ -s "$roff" ] || { echo "FAIL: $roff was not built"; exit 1; }
version=$("$bin" --version | awk '{ print $NF; exit }')
if ! grep -q "^\.TH \"LOB2EUROPASS\" \"1\" .*\"lob2europass $version\"" \
	"$roff"; then
	echo "FAIL: the .TH line does not carry version $version:"
	grep '^\.TH' "$roff"
	fail=$((fail + 1))
fi
n=$((n + 1))
for cmd in convert validate verify; do
	for opt in $("$bin" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*' |
		sort -u); do
		n=$((n + 1))
		re=$(printf '%s' "$opt" | sed 's/-/\\\\?-/g')
		if ! grep -qE -- "(^|[^a-z-])$re([^a-z-]|$)" "$roff"; then
			echo "FAIL: $opt ($cmd) is not in the roff"
			fail=$((fail + 1))
		fi
	done
done
n=$((n + 1))
if grep -nE '\\(\(|\[)(en|em)\]?[A-Za-z]' "$roff"; then
	echo "FAIL: an en or em dash before a word (see above)"
	fail=$((fail + 1))
fi
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
