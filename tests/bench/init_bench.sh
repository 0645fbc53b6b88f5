#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# How long `mapping init` takes on a large export (run on demand; not
# part of the test suite: a timing is no test on a shared machine).
#
# Generates N synthetic students with ../shared/bench's generator and
# times `lob2europass mapping init` on the same records as JSON Lines,
# XML and flat CSV, and on an OOAPI folder and an EduArte LVS file of as
# many students (gen_joined.py), BENCH_ROUNDS rounds each (default 5):
# the median and the fastest round, in seconds, and the peak RSS.
#
#   tests/bench/init_bench.sh [N]        (default: 10000)
#
# L2E_BIN picks the binary (default: build/release/src/lob2europass, a
# Release build made if missing).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${L2E_SHARED_DIR:-$root/../shared}
gen=$shared/bench/gen_students.py
[ -f "$gen" ] || { echo "no $gen"; exit 1; }
n=${1:-10000}
rounds=${BENCH_ROUNDS:-5}
bin=${L2E_BIN:-$root/build/release/src/lob2europass}
if [ ! -x "$bin" ]; then
	cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release \
		-DBUILD_TESTING=OFF >/dev/null
	cmake --build "$root/build/release" -j2 >/dev/null
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$gen" "$n" "$tmp" >/dev/null
export L2E_MAPPINGS_PATH=$root/mappings
printf '%-16s %10s %10s %10s\n' input median_s fastest_s peak_rss_kb
# time_init INPUT: its median and fastest round and highest peak RSS
time_init() {
	input=$1
	: > "$tmp/times"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		/usr/bin/time -f '%e %M' -o "$tmp/t" \
			"$bin" mapping init -o "$tmp/draft.json" --force \
			"$tmp/$input" 2>/dev/null
		cat "$tmp/t" >> "$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk -v name="$input" '
		{ t[NR] = $1; if ($2 > rss) rss = $2 }
		END { printf "%-16s %10.2f %10.2f %10d\n", name,
		      t[int((NR + 1) / 2)], t[1], rss }'
}

for input in students.ndjson students.xml students.csv; do
	time_init "$input"
done
# the exports mapping init joins: an OOAPI folder (3 files a student) and
# an EduArte LVS file of n students (tests/bench/gen_joined.py)
python3 "$root/tests/bench/gen_joined.py" "$root" "$n" "$tmp/joined"
for input in joined/ooapi joined/lvs; do
	time_init "$input"
done
echo "($n records, $rounds rounds, $bin)"
