#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# validate never says plain "valid" for a check it did not do:
#  - without schemas a good document is "valid by the built-in checks;
#    official schemas not installed", exit 0, and the last line says how
#    many files no official schema checked;
#  - --require-schema makes that exit 1;
#  - with the official schemas (../shared, when present) it is "valid"
#    and --require-schema passes.
#   require_schema.sh BINARY SRC_ROOT
set -u
bin=$1 src=$2
doc=$src/tests/golden/validate-findings/good.xml
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
expect() { # what, expected rc, actual rc, file, text
	n=$((n + 1))
	if [ "$2" != "$3" ] || ! grep -qF -- "$5" "$4"; then
		echo "FAIL: $1 (exit $3, wanted $2; '$5' in:)"
		cat "$4"
		fail=$((fail + 1))
	fi
}

L2E_SCHEMA_DIR=$tmp/none "$bin" validate "$doc" >"$tmp/out" 2>"$tmp/err"
rc=$?
expect "no schemas" 0 "$rc" "$tmp/out" \
	"valid by the built-in checks; official schemas not installed"
expect "no schemas, the count" 0 "$rc" "$tmp/err" \
	"1 file checked by the built-in checks only"
n=$((n + 1))
if grep -q ': valid (' "$tmp/out"; then
	echo "FAIL: plain 'valid' without schemas"
	fail=$((fail + 1))
fi

L2E_SCHEMA_DIR=$tmp/none "$bin" validate --require-schema "$doc" \
	>"$tmp/out" 2>"$tmp/err"
expect "--require-schema without schemas" 1 "$?" "$tmp/err" \
	"(--require-schema: failed)"

if [ -f "$src/../shared/europass/v3.4.1/xsd/EuropassSchema.xsd" ]; then
	"$bin" validate --require-schema --schema-dir "$src/../shared/europass" \
		"$doc" >"$tmp/out" 2>"$tmp/err"
	expect "--require-schema with schemas" 0 "$?" "$tmp/out" ": valid ("
fi
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
