#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Every C file is formatted as .clang-format says (STYLE.md §10).
#   format.sh SRC_ROOT        (skipped, exit 77, without clang-format)
set -u
src=${1%/}
cd "$src" || exit 1
if ! command -v clang-format >/dev/null 2>&1; then
	echo "SKIP: clang-format is not installed"
	exit 77
fi
files=$(git ls-files -- 'src/*.c' 'src/*.h' 'include/*.h' 'tests/unit/*.c' \
	'tests/unit/*.h' 'tests/fuzz/*.c' 'examples/*.c' 2>/dev/null)
[ -n "$files" ] || files=$(find src include tests/unit tests/fuzz \
	-name '*.[ch]' 2>/dev/null)
n=0 bad=0
for f in $files; do
	n=$((n + 1))
	if ! clang-format --dry-run -Werror "$f" 2>/dev/null; then
		echo "not formatted: $f (run: clang-format -i $f)"
		bad=$((bad + 1))
	fi
done
echo "$((n - bad)) passed, $bad failed"
[ "$bad" -eq 0 ]
