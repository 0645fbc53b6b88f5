#!/bin/sh
# Build lob2europass and convert every bundled sample export:
#   samples/<name>/*.json  --mappings/<name>.json-->  out/<name>/
# Installs the build dependencies with apt first when they are missing.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
sh scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
status=0
for dir in samples/*/; do
	name=$(basename "$dir")
	[ -f "mappings/$name.json" ] || continue
	mkdir -p "out/$name"
	echo "== $name"
	build/src/lob2europass convert --mapping "mappings/$name.json" \
		--out "out/$name" "$dir"*.json || status=$?
done
echo "Europass documents are in $root/out/"
# 1 = some dossier was rejected on purpose in the samples; anything
# else is a real failure
[ "$status" -le 1 ] || exit "$status"
