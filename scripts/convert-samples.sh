#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Build lob2europass and convert every bundled sample export:
#   samples/<name>/  --mappings/<name>.json-->  out/<name>/
# Installs the build dependencies with apt first when they are missing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
. tests/sample_inputs.sh
status=0
for dir in samples/*/; do
	name=$(basename "$dir")
	[ -f "mappings/$name.json" ] || continue
	mkdir -p "out/$name"
	echo "== $name"
	# shellcheck disable=SC2046 # sample paths have no spaces
	build/src/lob2europass convert --mapping "mappings/$name.json" \
		--to europass-xml,europass-json,europass-cv,edc --out "out/$name" \
		$(sample_inputs "$dir") || status=$?
done
echo "Europass documents are in $root/out/"
# 1 = some dossier was rejected on purpose in the samples; anything
# else is a real failure
[ "$status" -le 1 ] || exit "$status"
