#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Speed benchmark (run on demand; not part of the test suite).
#
# Generates N synthetic student records with ../shared/bench's generator
# and, side by side in one run, converts them to Europass v3.4 XML (and
# in the stream group also to v3.4 JSON and credentials, EDC) with
# lob2europass (mappings/bench-students.json) and with the peers (jq and
# xsltproc, the same mapping written in their languages, from
# ../shared/bench):
#
#   stream  one JSON line per document on standard output (--out -),
#           --jobs 1 and 2; jq (NDJSON in and out); xsltproc (one XML);
#           and two --jobs 1 processes converting a half each, what two
#           cores of this machine give to work that shares nothing
#   folder  a file per student (--out DIR), --jobs 1 and 2, and --jobs 1
#           held to one core (taskset); xsltproc writing a file per
#           record (--param per-file 1); write_files.c, the minimal
#           loop that creates and writes the same number of files of the
#           same mean size: the disk's own speed, with nothing promised;
#           the same loop followed by `sync`, what it costs to have those
#           files on the disk; the loop making lob2europass's promise
#           (write_files ... atomic: temporary names, one syncfs per group,
#           the renames, the folder flushed) with nothing converted; and
#           --out FILE.zip, one archive
#
#   tests/bench/run_bench.sh [N...]      (default: 10000 100000)
#
#   BENCH_ROUNDS=5        rounds per N
#   BENCH_CASES="stream folder"   which groups to run
#   BENCH_BIN=PATH        the lob2europass to measure (default: build/release)
#   BENCH_OUT=DIR         where folder outputs go (default build/bench-out
#                         in the source tree; e.g. /dev/shm/x for tmpfs)
#   BENCH_STREAM_OUT=DIR  where stream outputs go (default /dev/shm)
#
# A round runs every case once, one after the other, so a slow spell of
# the machine falls on all of them alike; a folder case starts with a
# `sync`, outside the time, and writes into a new folder. Nothing is
# removed until the end: on ext4 without a journal (this machine's
# disk) the kernel will not reuse an inode freed in the last minute or
# more, and skipping the thousands a removed folder leaves makes every
# file created after it cost up to 20 times more, whoever creates it
# (perf: recently_deleted() under ext4_create). So the folder cases of
# one N need N x 8 files per round of room, removed when the script
# ends. The table gives each
# case's median and fastest round; ratios are of medians, and -j2 vs -j1
# is also given per round (lowest and highest).
#
# Needs: python3, jq, xsltproc, GNU time, taskset, a C compiler, and a
# Release build in build/release (made if missing).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${L2E_SHARED_DIR:-$root/../shared}
bench=$shared/bench
[ -f "$bench/gen_students.py" ] || { echo "no $bench"; exit 1; }
for tool in jq xsltproc python3 /usr/bin/time taskset cc; do
	command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 1; }
done
bin=${BENCH_BIN:-$root/build/release/src/lob2europass}
if [ ! -x "$bin" ]; then
	cmake -S "$root" -B "$root/build/release" -DCMAKE_BUILD_TYPE=Release \
		-DBUILD_TESTING=OFF >/dev/null
	cmake --build "$root/build/release" -j"$(nproc)" >/dev/null
fi
map=$root/mappings/bench-students.json
export SOURCE_DATE_EPOCH=1751526900

rounds=${BENCH_ROUNDS:-5}
cases=${BENCH_CASES:-stream folder}
measure=$root/tests/bench/measure.py
out=${BENCH_OUT:-$root/build/bench-out}

tmp=$(mktemp -d)
mkdir -p "$out"
runs=$(mktemp -d "$out/runs.XXXXXX")
# the stream cases' standard output goes to memory (tmpfs), as into the
# pipe of a pipeline: in a file on disk, the kernel writing back the
# last case's 0.5-1 GB took a core from the next case, and -j2 vs -j1
# (and two processes vs one) swung from 1.2x to 2.2x between rounds
so=$(mktemp -d "${BENCH_STREAM_OUT:-/dev/shm}/l2e-bench.XXXXXX" 2>/dev/null ||
	mktemp -d)
trap 'rm -rf "$tmp" "$runs" "$so"' EXIT INT TERM
cc -O2 -o "$tmp/write_files" "$root/tests/bench/write_files.c"

# run NAME STDOUT COMMAND: prints "NAME|seconds|maxrss_kb"
run() {
	name=$1
	stdout=$2
	shift 2
	r=$(python3 "$measure" "$stdout" sh -c "$*" 2>"$tmp/err") ||
		{ echo "FAILED: $name" >&2; cat "$tmp/err" >&2; exit 1; }
	echo "$name|$(echo "$r" | tr ' ' '|')"
}

# a folder case: a new folder ($f) and the last case's files written
# back, outside the time
# (a round runs in a subshell of its own: the round names the folders)
folders=0
run_folder() {
	folders=$((folders + 1))
	f=$runs/$n-$round-$folders
	export f
	sync
	run "$@"
}

has() { case " $cases " in *" $1 "*) return 0 ;; esac; return 1; }

echo "$rounds rounds per N; seconds: median (fastest); folder output in $out"
echo "($(df -PT "$out" | awk 'NR == 2 { print $2 }'); load before: $(cut -d' ' -f1-3 /proc/loadavg))"
printf '%-40s %7s %16s %11s %9s\n' case N seconds dossiers/s RSS_MiB
for n in ${*:-10000 100000}; do
	data=$tmp/data-$n
	mkdir -p "$data"
	python3 "$bench/gen_students.py" "$n" "$data" >/dev/null
	nd=$data/students.ndjson
	# what two cores of this machine give at most: two processes, a half each
	half=$(((n + 1) / 2))
	head -n "$half" "$nd" > "$data/half1.ndjson"
	tail -n +"$((half + 1))" "$nd" > "$data/half2.ndjson"
	# the minimal loop writes files of our documents' mean size (only
	# when folder cases run: the files are removed at the end, and a
	# stream-only run must not leave a folder's worth of freed inodes
	# for whoever measures folder output next)
	if has folder; then
		"$bin" convert -q -j2 -m "$map" -o "$runs/sizes-$n" "$nd"
		size=$(find "$runs/sizes-$n" -name '*.europass.xml' \
			-printf '%s\n' | awk '{ s += $1 } END { print int(s / NR) }')
	fi
	sync # the generated files' write-back must not fall on the first case
	: > "$tmp/results-$n"
	round=1
	while [ "$round" -le "$rounds" ]; do
		{
		if has stream; then
			run "stream: lob2europass -j1" "$so/o1" \
				"'$bin' convert -q -j1 -m '$map' -o - '$nd'"
			run "stream: lob2europass -j2" "$so/o2" \
				"'$bin' convert -q -j2 -m '$map' -o - '$nd'"
			run "stream: 2 processes -j1, a half each" "$so/o7" \
				"'$bin' convert -q -j1 -m '$map' -o - '$data/half1.ndjson' > '$so/o8' &
				'$bin' convert -q -j1 -m '$map' -o - '$data/half2.ndjson'; wait"
			run "stream: lob2europass json -j1" "$so/o3" \
				"'$bin' convert -q -j1 -t europass-json -m '$map' -o - '$nd'"
			run "stream: lob2europass json -j2" "$so/o4" \
				"'$bin' convert -q -j2 -t europass-json -m '$map' -o - '$nd'"
			run "stream: lob2europass edc -j1" "$so/o9" \
				"'$bin' convert -q -j1 -t edc -m '$map' -o - '$nd'"
			run "stream: jq (NDJSON in and out)" "$so/o5" \
				"cd '$bench' && jq -c -L . --arg defnat ZZ -f to_europass.jq '$nd'"
			run "stream: xsltproc (one XML out)" "$so/o6" \
				"cd '$bench' && xsltproc to_europass.xsl '$data/students.xml'"
		fi
		if has folder; then
			# each command is expanded when it runs: $f is its folder
			run_folder "folder: lob2europass -j1" /dev/null \
				"'$bin' convert -q -j1 -m '$map' -o \"\$f\" '$nd'"
			run_folder "folder: lob2europass -j2" /dev/null \
				"'$bin' convert -q -j2 -m '$map' -o \"\$f\" '$nd'"
			run_folder "folder: lob2europass -j1, one core" /dev/null \
				"taskset -c 0 '$bin' convert -q -j1 -m '$map' -o \"\$f\" '$nd'"
			run_folder "folder: xsltproc per-file" /dev/null \
				"mkdir \"\$f\" && cd '$bench' && xsltproc --param per-file 1 --stringparam outdir \"\$f\" to_europass.xsl '$data/students.xml'"
			run_folder "folder: minimal loop ($size B files)" /dev/null \
				"'$tmp/write_files' \"\$f\" $n $size"
			run_folder "folder: minimal loop, then sync" /dev/null \
				"'$tmp/write_files' \"\$f\" $n $size && sync"
			run_folder "folder: atomic loop (our promise)" /dev/null \
				"'$tmp/write_files' \"\$f\" $n $size atomic"
			run_folder "zip: lob2europass -j1" /dev/null \
				"mkdir \"\$f\" && '$bin' convert -q -j1 -m '$map' -o \"\$f/all.zip\" '$nd'"
		fi
		} | sed "s/^/$round|/" >> "$tmp/results-$n"
		if has stream; then
			cmp -s "$so/o1" "$so/o2" ||
				echo "WARNING: -j1 and -j2 outputs differ"
		fi
		round=$((round + 1))
	done
	python3 "$root/tests/bench/summarize.py" "$n" "$tmp/results-$n"
done
echo "(load after: $(cut -d' ' -f1-3 /proc/loadavg))"
