#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Speed benchmark (run on demand; not part of the test suite).
#
# Generates N synthetic student records with ../shared/bench's generator,
# converts them with lob2europass (mappings/bench-students.json) to
# Europass v3.4 XML and JSON and to credentials (EDC), and runs the peers (jq and xsltproc, with
# the same mapping written in their languages, from ../shared/bench) on
# the same records in the same run. Prints dossiers per second, peak RSS
# and our speed as a ratio to each peer.
#
#   tests/bench/run_bench.sh [N...]      (default: 10000 100000)
#
# Each N is measured in BENCH_ROUNDS rounds (default 5); a round runs
# every case once, one after the other, so a slow spell of the machine
# falls on all of them alike. The table gives each case's median and
# fastest round; the ratios are of medians, and the -j2 vs -j1 ratio is
# also given per round (lowest and highest). "2 processes" converts the
# two halves of the records in two independent processes at once: how
# much two cores of this machine give, whatever our threads do.
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

rounds=${BENCH_ROUNDS:-5}
measure=$root/tests/bench/measure.py

# run NAME OUT COMMAND: prints "NAME|seconds|maxrss_kb"
run() {
	name=$1
	out=$2
	shift 2
	r=$(python3 "$measure" "$out" sh -c "$*" 2>"$tmp/err") ||
		{ echo "FAILED: $name" >&2; cat "$tmp/err" >&2; exit 1; }
	echo "$name|$(echo "$r" | tr ' ' '|')"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
echo "$rounds rounds per N; seconds: median (fastest)"
printf '%-36s %7s %16s %11s %9s\n' case N seconds dossiers/s RSS_MiB
for n in ${*:-10000 100000}; do
	data=$tmp/data-$n
	mkdir -p "$data"
	python3 "$bench/gen_students.py" "$n" "$data" >/dev/null
	nd=$data/students.ndjson
	# what two cores of this machine give at most: two processes, a half each
	half=$(((n + 1) / 2))
	head -n "$half" "$nd" > "$data/half1.ndjson"
	tail -n +"$((half + 1))" "$nd" > "$data/half2.ndjson"
	sync # the generated files' write-back must not fall on the first case
	: > "$tmp/results-$n"
	round=1
	while [ "$round" -le "$rounds" ]; do
		{
			run "lob2europass xml -j1 (NDJSON out)" "$tmp/o1" \
				"'$bin' convert -q -j1 -m '$map' -o - '$nd'"
			run "lob2europass xml -j2 (NDJSON out)" "$tmp/o2" \
				"'$bin' convert -q -j2 -m '$map' -o - '$nd'"
			run "2 processes -j1, a half each" "$tmp/o7" \
				"'$bin' convert -q -j1 -m '$map' -o - '$data/half1.ndjson' > '$tmp/o8' &
				'$bin' convert -q -j1 -m '$map' -o - '$data/half2.ndjson'; wait"
			run "lob2europass json -j1 (NDJSON out)" "$tmp/o3" \
				"'$bin' convert -q -j1 -t europass-json -m '$map' -o - '$nd'"
			run "lob2europass json -j2 (NDJSON out)" "$tmp/o4" \
				"'$bin' convert -q -j2 -t europass-json -m '$map' -o - '$nd'"
			run "lob2europass edc -j1 (NDJSON out)" "$tmp/o9" \
				"'$bin' convert -q -j1 -t edc -m '$map' -o - '$nd'"
			run "jq (NDJSON in and out)" "$tmp/o5" \
				"cd '$bench' && jq -c -L . --arg defnat ZZ -f to_europass.jq '$nd'"
			run "xsltproc (one XML out)" "$tmp/o6" \
				"cd '$bench' && xsltproc to_europass.xsl '$data/students.xml'"
		} | sed "s/^/$round|/" >> "$tmp/results-$n"
		cmp -s "$tmp/o1" "$tmp/o2" ||
			echo "WARNING: -j1 and -j2 outputs differ"
		round=$((round + 1))
	done
	# per case: median and fastest seconds, highest RSS
	python3 - "$n" "$tmp/results-$n" <<'PY'
import statistics
import sys

n = int(sys.argv[1])
cases, per_round = {}, {}
for line in open(sys.argv[2]):
    rnd, name, secs, rss = line.rstrip("\n").split("|")
    cases.setdefault(name, []).append((float(secs), int(rss)))
    per_round.setdefault(int(rnd), {})[name] = float(secs)
med = {}
for name, runs in cases.items():
    secs = [s for s, _ in runs]
    med[name] = statistics.median(secs)
    print("%-36s %7d %7.3f (%6.3f) %11.0f %9.1f" % (
        name, n, med[name], min(secs), n / med[name],
        max(r for _, r in runs) / 1024))


def pick(prefix):
    return next(v for k, v in med.items() if k.startswith(prefix))


x1, x2 = pick("lob2europass xml -j1"), pick("lob2europass xml -j2")
print("N=%d EDC vs v3.4 XML, -j1, per dossier (medians): %.2fx the time" % (
    n, pick("lob2europass edc -j1") / x1))
j1, jq, xs = pick("lob2europass json -j1"), pick("jq"), pick("xsltproc")
scaling = [r["lob2europass xml -j1 (NDJSON out)"] /
           r["lob2europass xml -j2 (NDJSON out)"] for r in per_round.values()]
halves = pick("2 processes")
print("N=%d ratios (medians): XML -j1 vs jq %.1fx, vs xsltproc %.1fx; "
      "JSON -j1 vs jq %.1fx;\n  -j2 vs -j1 %.2fx (rounds: %.2f to %.2f); "
      "2 processes vs -j1 %.2fx (the machine's own two-core scaling)" % (
          n, jq / x1, xs / x1, jq / j1, x1 / x2, min(scaling), max(scaling),
          x1 / halves))
PY
done
