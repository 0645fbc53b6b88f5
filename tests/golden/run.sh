#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Golden test driver: run lob2europass as a case directory says and
# compare what it did with what a person reviewed.
#
#   run.sh BINARY SRC_ROOT CASE_DIR
#
# CASE_DIR/args          arguments, one per line; @SRC@ is the source
#                        root, @CASE@ the case folder, @OUT@ a fresh
#                        empty output folder
# CASE_DIR/stdin         optional: fed to standard input
# CASE_DIR/expected.rc   exit status (default 0)
# CASE_DIR/expected.out  optional: exact standard output
# CASE_DIR/expected.err  optional: exact standard error (paths under the
#                        source root are written as @SRC@)
# CASE_DIR/expected.dir  optional: a folder, or a file naming one relative
#                        to SRC_ROOT, whose files must equal those in @OUT@
#
# UPDATE_GOLDEN=1 rewrites expected.out/err/dir instead of comparing:
# review the diff before committing it.
set -u
bin=$1 src=${2%/} case=${3%/}
# a fixed document date where a mapping gives none: reproducible output
SOURCE_DATE_EPOCH=1751526900
export SOURCE_DATE_EPOCH
# the reviewed texts are English, whatever the developer's language
LC_ALL=C.UTF-8 LANGUAGE=
export LC_ALL LANGUAGE
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/out"

set --
while IFS= read -r line || [ -n "$line" ]; do
	line=$(printf '%s' "$line" | sed -e "s|@SRC@|$src|g" \
	       -e "s|@CASE@|$case|g" -e "s|@OUT@|$tmp/out|g")
	set -- "$@" "$line"
done < "$case/args"

stdin=/dev/null
[ -f "$case/stdin" ] && stdin=$case/stdin
# L2E_TEST_WRAPPER runs the binary under a tool, e.g. valgrind
# shellcheck disable=SC2086
(cd "$case" && LC_ALL=C ${L2E_TEST_WRAPPER:-} "$bin" "$@" < "$stdin" \
	> "$tmp/stdout" 2> "$tmp/stderr")
rc=$?
sed -e "s|$src|@SRC@|g" -e "s|$tmp/out|@OUT@|g" "$tmp/stderr" > "$tmp/stderr.n"

want_rc=0
[ -f "$case/expected.rc" ] && want_rc=$(cat "$case/expected.rc")
fail=0

expected_dir=
if [ -d "$case/expected.dir" ]; then
	expected_dir=$case/expected.dir
elif [ -f "$case/expected.dir" ]; then
	expected_dir=$src/$(cat "$case/expected.dir")
fi

if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
	[ -f "$case/expected.out" ] && cp "$tmp/stdout" "$case/expected.out"
	[ -f "$case/expected.err" ] && cp "$tmp/stderr.n" "$case/expected.err"
	if [ -n "$expected_dir" ]; then
		# the run's own bookkeeping (lock, state) is not a document
		rm -rf "$expected_dir" && mkdir -p "$expected_dir" &&
			find "$tmp/out" -maxdepth 1 -type f ! -name '.*' \
				-exec cp {} "$expected_dir/" \;
	fi
	echo "$rc" > "$case/expected.rc"
	echo "updated $case"
	exit 0
fi

if [ "$rc" != "$want_rc" ]; then
	echo "exit status $rc, expected $want_rc"
	echo "--- stderr:"; cat "$tmp/stderr"
	fail=1
fi
if [ -f "$case/expected.out" ] &&
   ! diff -u "$case/expected.out" "$tmp/stdout"; then
	fail=1
fi
if [ -f "$case/expected.err" ] &&
   ! diff -u "$case/expected.err" "$tmp/stderr.n"; then
	fail=1
fi
if [ -n "$expected_dir" ] &&
   ! diff -ru -x '.lob2europass*' "$expected_dir" "$tmp/out"; then
	fail=1
fi
exit $fail
