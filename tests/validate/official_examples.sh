#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The official Europass v3.4 examples get the same verdict from
# `lob2europass validate` as from `xmllint --schema` with the official
# XSD, and each verdict is the one written here. Where both reject a
# document, lob2europass reports an XSD error on every line xmllint does.
#
#   official_examples.sh BINARY SRC_ROOT
#
# Skipped (exit 77) without ../shared (or L2E_SHARED_DIR) or xmllint.
set -u
bin=$1 src=${2%/}
shared=${L2E_SHARED_DIR:-$src/../shared}
dir=$shared/europass
xsd=$dir/v3.4.1/xsd
ex=$dir/v3.4.1/examples
if [ ! -f "$xsd/EuropassSchema.xsd" ] || [ ! -d "$ex" ]; then
	echo "SKIP: official schemas and examples not found at $dir"
	exit 77
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "SKIP: xmllint (libxml2-utils) not installed"
	exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

# example                                   expected verdict (and why)
cat > "$tmp/expected" <<'EOF'
Europass_CL_V3.4.0_Example.xml              invalid  occupation code 12332 is no ESCO id
Europass_CV_ESP_CL_LP_V3.4.0_Example.xml    invalid  printing-preference field names; code 12332
Europass_CV_V3.4.0_Example.xml              valid
Europass_CVwithCL_V3.4.0_Example.xml        invalid  digital level "Br"; code 12332
Europass_LP_V.3.4.0_Example.xml             valid
EOF

passed=0 failed=0
while read -r name want _; do
	doc=$ex/$name
	if [ ! -f "$doc" ]; then
		echo "FAIL: $name: missing from $ex"
		failed=$((failed + 1))
		continue
	fi
	XML_CATALOG_FILES=$xsd/catalog.xml xmllint --noout --nonet \
		--schema "$xsd/EuropassSchema.xsd" "$doc" 2> "$tmp/xmllint.err"
	case $? in
	0) by_xmllint=valid ;;
	3) by_xmllint=invalid ;;
	*) echo "FAIL: $name: xmllint could not validate:"
	   cat "$tmp/xmllint.err"
	   failed=$((failed + 1))
	   continue ;;
	esac
	"$bin" validate --schema-dir "$dir" "$doc" > "$tmp/ours" 2> "$tmp/ours.err"
	case $? in
	0) by_us=valid ;;
	1) by_us=invalid ;;
	*) echo "FAIL: $name: lob2europass validate failed:"
	   cat "$tmp/ours.err"
	   failed=$((failed + 1))
	   continue ;;
	esac
	if [ "$by_xmllint" != "$want" ] || [ "$by_us" != "$want" ]; then
		echo "FAIL: $name: expected $want; xmllint says $by_xmllint," \
			"lob2europass says $by_us"
		cat "$tmp/ours"
		failed=$((failed + 1))
		continue
	fi
	# the lines of xmllint's errors, and of ours from the XSD
	sed -n 's/^[^:]*:\([0-9][0-9]*\): .*validity error.*/\1/p' \
		"$tmp/xmllint.err" | sort -un > "$tmp/lines.xmllint"
	sed -n 's/^[^:]*:\([0-9][0-9]*\):[0-9]*: error: .*\[xsd\]$/\1/p' \
		"$tmp/ours" | sort -un > "$tmp/lines.ours"
	if ! diff "$tmp/lines.xmllint" "$tmp/lines.ours" > /dev/null; then
		echo "FAIL: $name: xmllint reports errors on lines" \
			"$(tr '\n' ' ' < "$tmp/lines.xmllint")but lob2europass on" \
			"$(tr '\n' ' ' < "$tmp/lines.ours")"
		failed=$((failed + 1))
		continue
	fi
	echo "ok: $name: $want (lines: $(tr '\n' ' ' < "$tmp/lines.ours"))"
	passed=$((passed + 1))
done < "$tmp/expected"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
