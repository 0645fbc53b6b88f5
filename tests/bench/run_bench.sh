#!/bin/sh
# Speed benchmark (run on demand; not part of the test suite).
#
# Generates N synthetic student records with ../shared/bench's generator,
# converts them with lob2europass (mappings/bench-students.json) to
# Europass v3.4 XML and JSON, and runs the peers (jq and xsltproc, with
# the same mapping written in their languages, from ../shared/bench) on
# the same records in the same run. Prints dossiers per second, peak RSS
# and our speed as a ratio to each peer.
#
#   tests/bench/run_bench.sh [N...]      (default: 10000 100000)
#
# Needs: python3, jq, xsltproc, GNU time (apt-get install jq xsltproc time)
# and a Release build in build/release (made if missing).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${L2E_SHARED_DIR:-$root/../shared}
bench=$shared/bench
[ -f "$bench/gen_students.py" ] || { echo "no $bench"; exit 1; }
for tool in jq xsltproc python3 /usr/bin/time; do
	command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 1; }
done
bin=$root/build/release/src/lob2europass
if [ ! -x "$bin" ]; then
	cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release \
		-DBUILD_TESTING=OFF >/dev/null
	cmake --build "$root/build/release" -j"$(nproc)" >/dev/null
fi
map=$root/mappings/bench-students.json
export SOURCE_DATE_EPOCH=1751526900

# run NAME COMMAND...: prints "NAME seconds maxrss_kb"
run() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err" ||
		{ echo "FAILED: $name"; cat "$tmp/err"; exit 1; }
	echo "$name $(cat "$tmp/time")"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf '%-34s %8s %10s %10s %12s\n' case N seconds dossiers/s peak_RSS_MiB
for n in ${*:-10000 100000}; do
	data=$tmp/data-$n
	mkdir -p "$data"
	python3 "$bench/gen_students.py" "$n" "$data" >/dev/null
	nd=$data/students.ndjson
	: > "$tmp/results-$n"
	{
		run "lob2europass xml -j1 (NDJSON out)" sh -c \
			"'$bin' convert -q -j1 -m '$map' -o - '$nd' > '$tmp/o1'"
		run "lob2europass xml -j2 (NDJSON out)" sh -c \
			"'$bin' convert -q -j2 -m '$map' -o - '$nd' > '$tmp/o2'"
		run "lob2europass json -j1 (NDJSON out)" sh -c \
			"'$bin' convert -q -j1 -t europass-json -m '$map' -o - '$nd' > '$tmp/o3'"
		run "lob2europass json -j2 (NDJSON out)" sh -c \
			"'$bin' convert -q -j2 -t europass-json -m '$map' -o - '$nd' > '$tmp/o4'"
		run "jq (NDJSON in and out)" sh -c \
			"cd '$bench' && jq -c -L . --arg defnat ZZ -f to_europass.jq '$nd' > '$tmp/o5'"
		run "xsltproc (one XML out)" sh -c \
			"cd '$bench' && xsltproc to_europass.xsl '$data/students.xml' > '$tmp/o6'"
	} > "$tmp/results-$n"
	cmp -s "$tmp/o1" "$tmp/o2" || echo "WARNING: -j1 and -j2 outputs differ"
	awk -v n="$n" '{
		secs = $(NF-1); rss = $NF; $(NF-1) = ""; $NF = "";
		name = $0; sub(/ +$/, "", name);
		rate = secs > 0 ? n / secs : 0
		printf "%-34s %8d %10.2f %10.0f %12.1f\n", name, n, secs,
		       rate, rss / 1024
	}' "$tmp/results-$n"
	awk -v n="$n" '
		/^lob2europass xml -j1/ { x1 = $(NF-1) }
		/^lob2europass xml -j2/ { x2 = $(NF-1) }
		/^lob2europass json -j1/ { j1 = $(NF-1) }
		/^jq/ { jq = $(NF-1) }
		/^xsltproc/ { xs = $(NF-1) }
		END {
			fmt = "N=%d ratios: XML -j1 vs jq %.1fx, vs xsltproc %.1fx;"
			fmt = fmt " JSON -j1 vs jq %.1fx; -j2 vs -j1 %.2fx\n"
			printf fmt, n, jq / x1, xs / x1, jq / j1, x1 / x2
		}' "$tmp/results-$n"
done
