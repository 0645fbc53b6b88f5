#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Conformance: every European Digital Credential lob2europass writes for
# the bundled samples must conform to the ELM 3.1 EDC shapes with the
# controlled-vocabulary rules, checked offline by the oracle
# ../shared/europass/elm/shacl-check --full --pre-seal (only the two
# things a seal adds may be missing: `issued`, the eIDAS identifier).
# The upload wrappers are checked too (--unwrap).
#
#   edc_samples.sh BINARY SRC_ROOT
#
# Skipped (exit 77) only when the oracle or its Java/pyld is absent.
# Guards against a vacuous pass: every credential must be reported
# "conforms (N triples)" with N > 0, one verdict line per file, and at
# least one placement and one qualification credential must be written.
set -u
bin=$1 src=${2%/}
shared=${L2E_SHARED_DIR:-$src/../shared}
oracle=$shared/europass/elm/shacl-check
if [ ! -x "$oracle" ]; then
	echo "SKIP: the EDC oracle is not at $oracle"
	exit 77
fi
if ! command -v java >/dev/null 2>&1; then
	echo "SKIP: Java not installed (shacl-check --install-deps)"
	exit 77
fi
. "$src/tests/sample_inputs.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

for sample in "$src"/samples/*/; do
	name=$(basename "$sample")
	mapping=$src/mappings/$name.json
	[ -f "$mapping" ] || continue
	mkdir "$tmp/$name"
	# shellcheck disable=SC2046 # sample paths have no spaces
	SOURCE_DATE_EPOCH=1751526900 "$bin" convert -q -m "$mapping" \
		--to edc,edc-upload -o "$tmp/$name" \
		$(sample_inputs "$sample")
	rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "FAIL: converting $name exited $rc"
		exit 1
	fi
	# deterministic: a rerun on one thread gives the same bytes
	# shellcheck disable=SC2046
	SOURCE_DATE_EPOCH=1751526900 "$bin" convert -q -j1 -m "$mapping" \
		--to edc,edc-upload -o "$tmp/again-$name" \
		$(sample_inputs "$sample") 2>/dev/null
	if ! diff -r -x '.lob2europass*' "$tmp/$name" "$tmp/again-$name" \
		>/dev/null; then
		echo "FAIL: $name: a rerun with --jobs 1 gave other credentials"
		exit 1
	fi
	rm -rf "$tmp/again-$name"
done
set -- "$tmp"/*/*.edc.jsonld
if [ ! -f "$1" ]; then
	echo "FAIL: no credentials were produced"
	exit 1
fi
n=$#
if ! ls "$tmp"/*/*.work-*.edc.jsonld >/dev/null 2>&1 ||
	! ls "$tmp"/*/*.qualification-*.edc.jsonld >/dev/null 2>&1; then
	echo "FAIL: want at least one placement and one qualification credential"
	ls "$tmp"/*/
	exit 1
fi
"$oracle" --full --pre-seal "$@" > "$tmp/verdict" 2>&1
rc=$?
# exit 2 with "missing:" is the oracle's own "install these packages"
if [ "$rc" -eq 2 ] && grep -q '^shacl-check: missing:' "$tmp/verdict"; then
	cat "$tmp/verdict"
	echo "SKIP: the oracle's packages are not installed"
	exit 77
fi
"$oracle" --full --pre-seal --unwrap "$tmp"/*/*.edc-upload.json \
	> "$tmp/verdict-upload" 2>&1
rc_up=$?
cat "$tmp/verdict" "$tmp/verdict-upload"
if [ "$rc" -ne 0 ] || [ "$rc_up" -ne 0 ]; then
	echo "FAIL: shacl-check exited $rc (credentials), $rc_up (uploads)"
	exit 1
fi
n_up=$(ls "$tmp"/*/*.edc-upload.json | wc -l)
# one "conforms (N triples" line with N > 0 per file, or it did not run
good=$(grep -c ': conforms ([1-9][0-9]* triples' "$tmp/verdict")
good_up=$(grep -c ': conforms (unwrapped upload wrapper, [1-9][0-9]* triples' "$tmp/verdict-upload")
if [ "$good" -ne "$n" ] || [ "$good_up" -ne "$n_up" ]; then
	echo "FAIL: $good of $n credentials, $good_up of $n_up uploads" \
		"have a 'conforms' verdict with triples"
	exit 1
fi
echo "$n credentials and $n_up upload files conform (shacl-check --full --pre-seal)"
echo "$n passed, 0 failed"
