#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# How long `lob2europass upgrade` takes for a Europass v2.0 CV with 50
# work entries (and 20 education entries, 6 languages): the median wall
# time of RUNS runs of the whole command, and of `lob2europass --version`
# (process start, library load) for comparison; the difference is the
# upgrade itself. On demand, not a test (timings vary by machine).
# With BUILD_DIR (a Release build), upgrade_bench.c is linked against its
# static library and times l2e_upgrade_memory() alone, in process.
#   tests/bench/upgrade_bench.sh BINARY [RUNS] [BUILD_DIR]
set -eu
bin=$1 runs=${2:-200} build=${3:-}
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/cv-v2.0-50work.xml" <<'PY'
import sys
work = "".join(f"""
  <workexperience>
   <period><from><year>{2000 + i % 20}</year><month>--0{1 + i % 9}</month></from>
           <to><year>{2001 + i % 20}</year><month>--0{1 + i % 9}</month><day>---15</day></to></period>
   <position><code>5122</code><label>Kok {i}</label></position>
   <activities>Mise-en-place, warme keuken, HACCP, entry {i} with some more text to be realistic</activities>
   <employer><name>Restaurant {i} B.V.</name>
    <address><addressLine>Straat {i}</addressLine><municipality>Zwolle</municipality>
     <postalCode>8011 XK</postalCode><country><code>NL</code><label>Nederland</label></country></address>
    <sector><code>H</code><label>Horeca</label></sector></employer>
  </workexperience>""" for i in range(50))
edu = "".join(f"""
  <education><period><from><year>{1990 + i}</year></from><to><year>{1991 + i}</year></to></period>
   <title>Opleiding {i}</title><skills>Vakken {i}</skills>
   <organisation><name>ROC {i}</name></organisation><level><label>MBO {1 + i % 4}</label></level></education>"""
   for i in range(20))
langs = "".join(f"""
  <language xsi:type="europass:foreign"><code>{c}</code><label>{c}</label>
   <level><listening>b1</listening><reading>b2</reading><spokeninteraction>a2</spokeninteraction>
   <spokenproduction>a2</spokenproduction><writing>b1</writing></level></language>"""
   for c in ("en", "de", "fr", "es", "it"))
open(sys.argv[1], "w").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<europass:learnerinfo xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:europass="http://europass.cedefop.europa.eu/Europass/V2.0" locale="nl_NL">
 <docinfo><issuedate>2011-03-09T10:12:45+01:00</issuedate><xsdversion>V2.0</xsdversion></docinfo>
 <identification><firstname>Bench</firstname><lastname>Mark</lastname>
  <demographics><birthdate>1990-01-02</birthdate><gender>F</gender></demographics></identification>
 <workexperiencelist>{work}
 </workexperiencelist>
 <educationlist>{edu}
 </educationlist>
 <languagelist><language xsi:type="europass:mother"><code>nl</code><label>Nederlands</label></language>{langs}
 </languagelist>
</europass:learnerinfo>
""")
PY
median() { # RUNS commands' wall times in microseconds, median
	i=0
	while [ "$i" -lt "$runs" ]; do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo $(((e - s) / 1000))
		i=$((i + 1))
	done | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
"$bin" upgrade -q "$tmp/cv-v2.0-50work.xml" >"$tmp/out.xml" 2>/dev/null
echo "input: $(wc -c <"$tmp/cv-v2.0-50work.xml") bytes, 50 work entries;" \
     "output: $(wc -c <"$tmp/out.xml") bytes," \
     "$(grep -c '<WorkExperience>' "$tmp/out.xml") work entries"
up=$(median "$bin" upgrade -q "$tmp/cv-v2.0-50work.xml")
base=$(median "$bin" --version)
echo "upgrade, whole command: median ${up} us over $runs runs"
echo "--version (start-up):   median ${base} us"
echo "upgrade itself:         about $((up - base)) us"
if [ -n "$build" ]; then
	# shellcheck disable=SC2046 # pkg-config output is words
	cc -O2 -I"$here/../../include" "$here/upgrade_bench.c" \
		"$build/src/liblob2europass.a" $(pkg-config --libs libxml-2.0 \
		libcjson libcurl libcrypto libqpdf zlib) -lpthread \
		-o "$tmp/bench"
	"$tmp/bench" "$tmp/cv-v2.0-50work.xml" 1000
fi
