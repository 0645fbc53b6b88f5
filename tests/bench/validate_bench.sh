#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Benchmark (not a test): N Europass v3.4 XML documents validated against
# the official XSD
#   A. in one `lob2europass validate` run (schema compiled once), on one
#      thread and on two;
#   B. by one `xmllint --schema` process per file (what a shell loop over
#      xmllint does: the schema is compiled for every file);
#   C. by `xmllint --stream` on one file holding all N documents (under
#      one wrapper element): parsing only, no schema, the floor any
#      validator of these bytes stands on.
# Every case runs REPS times, side by side in the same run, and the
# median wall time counts. Prints the figures and their ratios.
#
#   tests/bench/validate_bench.sh BINARY [SRC_ROOT] [N=1000] [REPS=3]
#
# Needs ../shared (official schemas, bench/gen_students.py) and xmllint.
# The documents are those lob2europass writes for N synthetic students
# (mappings/bench-students.json); without that mapping, the bundled
# samples' documents are copied until there are N.
set -eu
bin=$1
src=$(cd "${2:-$(dirname "$0")/../..}" && pwd)
n=${3:-1000}
reps=${4:-3}
shared=${L2E_SHARED_DIR:-$src/../shared}
schemas=$shared/europass
xsd=$schemas/v3.4.1/xsd
if [ ! -f "$xsd/EuropassSchema.xsd" ] || ! command -v xmllint >/dev/null; then
	echo "needs $xsd and xmllint" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---- the documents ----
mkdir "$tmp/docs"
if [ -f "$src/mappings/bench-students.json" ] &&
   [ -f "$shared/bench/gen_students.py" ]; then
	mkdir "$tmp/gen"
	python3 "$shared/bench/gen_students.py" "$n" "$tmp/gen" >/dev/null
	"$bin" convert -q -m "$src/mappings/bench-students.json" \
		-o "$tmp/docs" "$tmp/gen/students.ndjson"
	how="lob2europass's output for $n synthetic students"
else
	. "$src/tests/sample_inputs.sh"
	mkdir "$tmp/samples"
	for s in "$src"/samples/*/; do
		name=$(basename "$s")
		# shellcheck disable=SC2046
		"$bin" convert -q -m "$src/mappings/$name.json" \
			-o "$tmp/samples/$name" $(sample_inputs "$s") || true
	done
	i=0
	while [ "$i" -lt "$n" ]; do
		for f in "$tmp"/samples/*/*.europass.xml; do
			[ "$i" -lt "$n" ] || break
			cp "$f" "$tmp/docs/doc$i.europass.xml"
			i=$((i + 1))
		done
	done
	how="the bundled samples' documents, copied to $n files"
fi
ls "$tmp"/docs/*.europass.xml > "$tmp/list"
count=$(wc -l < "$tmp/list")
bytes=$(cat $(cat "$tmp/list") | wc -c)
# one file with every document under a wrapper, for xmllint --stream
{
	echo '<all>'
	for f in $(cat "$tmp/list"); do sed 1d "$f"; done
	echo '</all>'
} > "$tmp/all.xml"

# ---- the cases ----
now() { date +%s.%N; }

run_ours() { # jobs
	"$bin" validate --schema-dir "$schemas" --jobs "$1" \
		$(cat "$tmp/list") > "$tmp/ours.out" 2>&1
}
run_xmllint_each() {
	for f in $(cat "$tmp/list"); do
		XML_CATALOG_FILES=$xsd/catalog.xml xmllint --noout --nonet \
			--schema "$xsd/EuropassSchema.xsd" "$f" 2>/dev/null
	done
}
run_stream() {
	xmllint --noout --stream "$tmp/all.xml"
}

# median of the REPS wall times of a command
median() {
	name=$1
	shift
	: > "$tmp/times"
	r=0
	while [ "$r" -lt "$reps" ]; do
		t0=$(now)
		"$@" || { echo "$name failed" >&2; exit 1; }
		t1=$(now)
		echo "$t1 - $t0" | bc -l >> "$tmp/times"
		r=$((r + 1))
	done
	sort -n "$tmp/times" | awk -v k="$reps" \
		'{ a[NR] = $1 } END { printf "%.3f", a[int((k + 1) / 2)] }'
}

ours1=$(median "lob2europass validate" run_ours 1)
grep -q "$count files: $count valid" "$tmp/ours.out" ||
	{ echo "not every document is valid:" >&2; tail "$tmp/ours.out" >&2; exit 1; }
ours2=$(median "lob2europass validate --jobs 2" run_ours 2)
each=$(median "xmllint per file" run_xmllint_each)
stream=$(median "xmllint --stream" run_stream)

ratio() { echo "scale=1; $1 / $2" | bc -l; }
cat <<EOF
$count Europass v3.4 XML documents, $bytes bytes ($how);
median of $reps runs each, wall clock, $(nproc) processors, $(xmllint --version 2>&1 | head -1)

  lob2europass validate, one run, 1 thread      ${ours1} s
  lob2europass validate, one run, 2 threads     ${ours2} s
  xmllint --schema, one process per file        ${each} s
  xmllint --stream, all documents in one file   ${stream} s   (parse only)

  xmllint per file / lob2europass (1 thread)    $(ratio "$each" "$ours1") x
  xmllint per file / lob2europass (2 threads)   $(ratio "$each" "$ours2") x
  lob2europass (1 thread) / xmllint --stream    $(ratio "$ours1" "$stream") x
EOF
