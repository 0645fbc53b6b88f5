#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Conformance: every document lob2europass writes for the bundled samples
# must be valid against the official Europass v3.4.1 XSD, checked offline
# by libxml2's xmllint through the schema set's catalog.
#
#   xsd_samples.sh BINARY SRC_ROOT
#
# The official schemas live in ../shared (next to the project); where they
# or xmllint are absent the test reports itself skipped (exit 77), never
# passed.
set -u
bin=$1 src=${2%/}
shared=${L2E_SHARED_DIR:-$src/../shared}
xsd=$shared/europass/v3.4.1/xsd
if [ ! -f "$xsd/EuropassSchema.xsd" ]; then
	echo "SKIP: official schemas not found at $xsd"
	exit 77
fi
if ! command -v xmllint >/dev/null 2>&1; then
	echo "SKIP: xmllint (libxml2-utils) not installed"
	exit 77
fi
. "$src/tests/sample_inputs.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
for sample in "$src"/samples/*/; do
	name=$(basename "$sample")
	mapping=$src/mappings/$name.json
	[ -f "$mapping" ] || continue
	mkdir "$tmp/$name"
	# shellcheck disable=SC2046 # sample paths have no spaces
	SOURCE_DATE_EPOCH=1751526900 "$bin" convert -q -m "$mapping" \
		-o "$tmp/$name" $(sample_inputs "$sample")
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "FAIL: converting $name exited $rc"
		exit 1
	fi
	for doc in "$tmp/$name"/*.europass.xml; do
		[ -f "$doc" ] || continue
		n=$((n + 1))
		if ! XML_CATALOG_FILES=$xsd/catalog.xml xmllint --noout --nonet \
			--schema "$xsd/EuropassSchema.xsd" "$doc" 2> "$tmp/err"; then
			echo "FAIL: $name/$(basename "$doc") is not valid:"
			cat "$tmp/err"
			exit 1
		fi
	done
done
if [ "$n" -eq 0 ]; then
	echo "FAIL: no documents were produced"
	exit 1
fi
echo "$n documents valid against the official Europass v3.4.1 XSD"
echo "$n passed, 0 failed"
