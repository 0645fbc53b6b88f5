#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# libcurl and libqpdf are opened when a run first needs them (a URL, a
# PDF), not at start-up (src/lib/core/dlib.c). With broken copies of
# both first on the library path:
#   - converting files works: neither library is opened;
#   - a URL input stops with one line naming libcurl, exit 3;
#   - a PDF stops with one line naming libqpdf, exit 3.
# Linking either library again makes the first case fail (the program
# cannot start), so the test can fail.
#
#   lazy_libs.sh BINARY SRC_ROOT CURL_SONAME QPDF_SONAME
set -u
bin=$1 src=$2 curl_so=$3 qpdf_so=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
mkdir "$tmp/broken"
echo "not a library" >"$tmp/broken/$curl_so"
echo "not a library" >"$tmp/broken/$qpdf_so"
pdf=$src/tests/fuzz/corpora/pdf_extract/gen2-nametree-Europass-XML-Attachment.pdf
broken() { LD_LIBRARY_PATH="$tmp/broken" "$@"; }

# 1. files in, files out: no library opened
broken "$bin" convert -q -m "$src/mappings/koerskaart-json.json" \
	-o "$tmp/out" "$src/samples/koerskaart-json/" 2>"$tmp/err1"
rc=$?
[ "$rc" -le 1 ] || fail "convert of files with broken libraries: exit $rc: $(cat "$tmp/err1")"
n=$(find "$tmp/out" -name '*.europass.xml' 2>/dev/null | wc -l)
[ "$n" -gt 0 ] || fail "convert of files wrote no documents"

# 2. a URL: libcurl is opened, and says why it cannot be
broken "$bin" convert -m "$src/mappings/ooapi-v5.json" -o "$tmp/out2" \
	https://127.0.0.1:9/students >"$tmp/out2.txt" 2>"$tmp/err2"
rc=$?
[ "$rc" -eq 3 ] || fail "URL with a broken libcurl: exit $rc, not 3"
grep -q "HTTPS needs libcurl ($curl_so): .*$curl_so" "$tmp/err2" ||
	fail "URL with a broken libcurl: $(cat "$tmp/err2")"
[ "$(wc -l <"$tmp/err2")" -eq 1 ] ||
	fail "URL with a broken libcurl: not one line: $(cat "$tmp/err2")"
[ ! -e "$tmp/out2" ] || fail "URL with a broken libcurl: made the --out folder"

# 3. a PDF: libqpdf is opened, and says why it cannot be
broken "$bin" extract "$pdf" >"$tmp/out3.txt" 2>"$tmp/err3"
rc=$?
[ "$rc" -eq 3 ] || fail "PDF with a broken libqpdf: exit $rc, not 3"
grep -q "reading a PDF needs libqpdf ($qpdf_so): .*$qpdf_so" "$tmp/err3" ||
	fail "PDF with a broken libqpdf: $(cat "$tmp/err3")"
[ ! -s "$tmp/out3.txt" ] || fail "PDF with a broken libqpdf: wrote output"

# 4. and with the real ones, the same PDF opens
"$bin" extract "$pdf" >"$tmp/out4.txt" 2>"$tmp/err4" ||
	fail "PDF with the real libqpdf: $(cat "$tmp/err4")"
grep -q '<?xml' "$tmp/out4.txt" || fail "PDF with the real libqpdf: no XML"

[ "$fails" -eq 0 ] || exit 1
echo "ok: libcurl and libqpdf opened only when needed"
