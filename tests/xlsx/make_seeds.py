#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The seed corpus of fuzz_xlsx_input: small workbooks of one student
(tests/fault/one-student-csv), each written another way (inline or
shared strings, 1900 or 1904 dates, padded numbers, booleans, errors,
sparse rows, _xHHHH_ escapes, no styles). Run once; the seeds are
committed (tests/fuzz/corpora/xlsx_input/).

    make_seeds.py SRC_ROOT
"""
import csv
import datetime
import io
import os
import re
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import handmade  # noqa: E402

DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
TABLES = ["studenten", "opleidingen", "bpv", "talen", "loopbaancompetenties",
          "resultaten", "digitale_vaardigheden", "manifest"]


def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def serial(y, m, d, base1904):
    base = datetime.date(1904, 1, 1) if base1904 else datetime.date(1899, 12, 30)
    return (datetime.date(y, m, d) - base).days


def rows_of(src, table):
    raw = open(os.path.join(src, "tests/fault/one-student-csv",
                            table + ".csv"), "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def sheet(rows, how, shared):
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, v in enumerate(row):
            ref = "%s%d" % (col(c), r + 1)
            if v == "" or (how == "sparse" and r and c % 3 == 2):
                continue
            m = DATE.match(v)
            if r and m and how != "nostyles":
                d, mo, y = (int(g) for g in m.groups())
                cells.append('<c r="%s" s="1"><v>%d</v></c>'
                             % (ref, serial(y, mo, d, how == "1904")))
            elif r and c == 0 and v.isdigit() and how != "nostyles":
                cells.append('<c r="%s" s="2"><v>%d</v></c>' % (ref, int(v)))
            elif how == "shared":
                shared.append(escape(v))
                cells.append('<c r="%s" t="s"><v>%d</v></c>'
                             % (ref, len(shared) - 1))
            else:
                cells.append(handmade.inline(ref, escape(v)))
        if how == "odd" and r == 1:
            cells += ['<c r="%s2" t="b"><v>1</v></c>' % col(len(rows[0]))]
        out.append(cells)
    if how == "odd":
        out[0] = out[0] + ['<c r="%s1" t="inlineStr"><is><r><t>a_x000D_</t>'
                           '</r><r><t>b</t></r><rPh><t>x</t></rPh></is></c>'
                           % col(len(rows[0]))]
        out.append(['<c r="A%d" t="e"><v>#N/A</v></c>' % (len(out) + 1),
                    '<c r="B%d" s="4"><v>45537.5</v></c>' % (len(out) + 1)])
    return handmade.sheet_xml(out)


def main():
    src = sys.argv[1]
    dst = os.path.join(src, "tests/fuzz/corpora/xlsx_input")
    os.makedirs(dst, exist_ok=True)
    for how in ["inline", "shared", "1904", "sparse", "odd", "nostyles"]:
        shared = []
        sheets = [(t, sheet(rows_of(src, t), how, shared)) for t in TABLES]
        handmade.write(os.path.join(dst, how + ".xlsx"), sheets,
                       shared=handmade.shared_strings(shared)
                       if how == "shared" else None,
                       styles=None if how == "nostyles" else handmade.STYLES,
                       date1904=how == "1904")


if __name__ == "__main__":
    main()
