#!/bin/sh
# The option table (what --help prints) and the manual page must agree:
# every option of `convert --help` is documented in lob2europass.1.md, and
# the manual documents no option the tool does not have.
#   manpage_options.sh BINARY MANPAGE_MD
set -u
bin=$1 man=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$bin" convert --help | grep -oE -- '--[a-z][a-z-]*' | sort -u > "$tmp/help"
sed -n '/^# OPTIONS OF CONVERT/,/^# [A-Z]/p' "$man" |
	grep -oE -- '\*\*--[a-z][a-z-]*\*\*' | tr -d '*' | sort -u > "$tmp/man"
if [ ! -s "$tmp/help" ] || [ ! -s "$tmp/man" ]; then
	echo "FAIL: no options found"
	exit 1
fi
if ! diff -u "$tmp/help" "$tmp/man"; then
	echo "FAIL: --help (-) and the manual page (+) list different options"
	exit 1
fi
echo "$(wc -l < "$tmp/help") passed, 0 failed"
