#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The overview page and a batch report page in a real browser (Debian's chromium, headless) with
# every network request refused: it must load with no console error and
# ask for nothing outside itself. Keeps a screenshot of the page of a
# generated export and of a batch report of the sample under docs/ when
# L2E_SCREENSHOTS=1 (for the README).
#   browser.sh BINARY SOURCE_DIR       (exit 77: no chromium, skipped)
set -u
bin=$1 src=$2
browser=$(command -v chromium || command -v chromium-browser) || {
	echo "skipped: chromium is not installed"
	exit 77
}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
[ -n "${KEEP:-}" ] && trap - EXIT

# 1 000 students: enough for most groups to be shown
python3 - "$tmp/in.ndjson" <<'PY'
import json, random, sys
from datetime import date
rnd = random.Random(5)
cities = {"DE": "Berlijn", "ES": "Valencia", "FI": "Tampere", "IE": "Cork",
          "NL": "Utrecht", "BE": "Gent"}
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        y = rnd.choice([2021, 2022, 2023])
        ships = []
        for _ in range(rnd.choice([1, 1, 2])):
            c = rnd.choice(list(cities))
            a = date(y + 1, rnd.randint(1, 6), rnd.randint(1, 28))
            b = date.fromordinal(a.toordinal() + rnd.choice([27, 62, 90, 150]))
            ships.append({"employer": "Bedrijf", "city": cities[c],
                          "country": c, "from": a.isoformat(),
                          "to": b.isoformat()})
        langs = [{"code": c, "listening": rnd.choice(["A2", "B1", "B2"]),
                  "reading": rnd.choice(["A2", "B1", "B2", "C1"])}
                 for c in rnd.sample(["en", "de", "es"], 2)]
        f.write(json.dumps({"id": "S%d" % i, "familyName": "N%d" % i,
                            "programme": {"title": "Opleiding",
                                          "eqf": rnd.choice([2, 3, 4, 4]),
                                          "start": "%d-09-01" % y},
                            "internships": ships, "languages": langs}) + "\n")
PY
"$bin" overview -m "$src/mappings/bench-students.json" \
	-o "$tmp/overview.html" "$tmp/in.ndjson" || exit 1

# A batch report page of the shipped sample (rejected and skipped
# dossiers, warnings), without student keys.
"$bin" convert -q -m "$src/mappings/koerskaart-json.json" -o "$tmp/out" \
	--report-html "$tmp/report.html" --report-anonymous \
	"$src/samples/koerskaart-json/export-page1.json" \
	"$src/samples/koerskaart-json/export-page2.json"
[ -s "$tmp/report.html" ] || { echo "FAIL: no report page"; exit 1; }

# render PAGE HEIGHT: a screenshot with every network name unresolvable.
# A request the page makes has the page as its initiator ("null": the
# opaque origin of a file); the browser's own background requests have
# none ("not an origin") and are not the page's doing.
render() {
	HOME=$tmp timeout 120 "$browser" --headless=new --no-sandbox \
		--disable-gpu --no-first-run --disable-extensions \
		--disable-background-networking --disable-component-update \
		--disable-sync --no-default-browser-check \
		--host-resolver-rules='MAP * ~NOTFOUND' \
		--user-data-dir="$tmp/profile-$1" \
		--log-net-log="$tmp/net-$1.json" \
		--enable-logging=stderr --v=0 --window-size="900,$2" \
		--screenshot="$tmp/$1.png" "file://$tmp/$1.html" \
		>"$tmp/out-$1.txt" 2>&1
	if [ ! -s "$tmp/$1.png" ]; then
		cat "$tmp/out-$1.txt"
		echo "FAIL: $1: the browser made no screenshot"
		exit 1
	fi
	if grep -i 'CONSOLE' "$tmp/out-$1.txt"; then
		echo "FAIL: $1: the page logged to the console"
		exit 1
	fi
	if grep -oE '"initiator":"[^"]*"' "$tmp/net-$1.json" |
		grep -v '"initiator":"not an origin"'; then
		echo "FAIL: $1: the page asked for something outside itself"
		exit 1
	fi
	if [ "${L2E_SCREENSHOTS:-0}" = 1 ]; then
		cp "$tmp/$1.png" "$src/docs/$1.png"
		echo "kept docs/$1.png"
	fi
}
render overview 2400
render report 1400
echo "2 passed, 0 failed"
