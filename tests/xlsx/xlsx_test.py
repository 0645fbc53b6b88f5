#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Excel workbooks as CSV bundles (issue 17, part 3).

    xlsx_test.py CLI XLSX_DUMP SRC_ROOT

1. The CSV sample bundle made into workbooks by real spreadsheet writers
   (make_workbooks.py: one workbook of sheets, and a folder of one
   workbook per table) gives byte-identical documents in every format
   the tool writes, and the same exit status.
2. A table's "sheet" names its sheet; sheet names match ignoring case.
3. Cells read as documented (xlsx.h): padded student numbers, dates of
   both date bases as ISO text, date-times, booleans, error values,
   _xHHHH_ escapes, rich text without phonetic runs.
4. Hostile workbooks each give one clear error naming the workbook (and
   the part, sheet or cell), exit 3, no document, within a time bound.
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import handmade  # noqa: E402
import make_workbooks  # noqa: E402

CLI, DUMP, SRC = sys.argv[1:4]
MAPPING = os.path.join(SRC, "mappings", "voorbeeldsis-csv.json")
SAMPLE = os.path.join(SRC, "samples", "voorbeeldsis-csv")
SEEDS = os.path.join(SRC, "tests", "fuzz", "corpora", "xlsx_input")
TABLES = ["studenten", "opleidingen", "bpv", "talen", "loopbaancompetenties",
          "resultaten", "digitale_vaardigheden", "manifest"]
failed = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failed.append(what)


def run(args, secs=120):
    p = subprocess.run(args, capture_output=True, text=True, timeout=secs)
    return p.returncode, p.stdout, p.stderr


def formats():
    _, out, _ = run([CLI, "convert", "--help"])
    names = [line.split()[0] for line in out.splitlines()
             if line.startswith("  europass-")]
    return ",".join(names)


def convert(inp, out, mapping=MAPPING):
    return run([CLI, "convert", "-q", "-m", mapping, "--to", FORMATS,
                "-o", out, inp])


def documents(folder):
    if not os.path.isdir(folder):
        return []
    return sorted(f for f in os.listdir(folder) if not f.startswith("."))


def same_documents(a, b, what):
    da, db = documents(a), documents(b)
    check(da == db and len(da) > 1, "%s: the same files (%d)" % (what, len(da)))
    for f in da:
        if f in db:
            same = open(os.path.join(a, f), "rb").read() == \
                open(os.path.join(b, f), "rb").read()
            check(same, "%s: %s byte-identical" % (what, f))


# ==== 1 and 2: the sample as workbooks ====

def test_sample(tmp):
    make_workbooks.main_args(SAMPLE, MAPPING, tmp)
    rc_csv, _, err = convert(SAMPLE, os.path.join(tmp, "out-csv"))
    check(rc_csv == 0, "CSV bundle converts (rc %d) %s" % (rc_csv, err))
    for name, inp in [("workbook", os.path.join(tmp, "workbook.xlsx")),
                      ("folder of workbooks", os.path.join(tmp, "folder"))]:
        out = os.path.join(tmp, "out-" + name.replace(" ", "-"))
        rc, _, err = convert(inp, out)
        check(rc == rc_csv, "%s: exit %d like the CSV bundle %s"
              % (name, rc, err.strip()))
        same_documents(os.path.join(tmp, "out-csv"), out, name)

    # the sheet key and case: bpv is "Stages", talen "TALEN"
    import openpyxl
    wb = openpyxl.load_workbook(os.path.join(tmp, "workbook.xlsx"))
    wb["bpv"].title = "Stages"
    wb["talen"].title = "x"  # openpyxl refuses a title that differs
    wb["x"].title = "TALEN"  # from another only in case
    wb.save(os.path.join(tmp, "renamed.xlsx"))
    m = json.load(open(MAPPING))
    m["source"]["tables"]["bpv"] = {"file": "bpv.csv", "sheet": "Stages"}
    with open(os.path.join(tmp, "renamed.json"), "w") as f:
        json.dump(m, f)
    shutil.copytree(os.path.join(SRC, "mappings", "codelists"),
                    os.path.join(tmp, "codelists"))
    out = os.path.join(tmp, "out-renamed")
    rc, _, err = convert(os.path.join(tmp, "renamed.xlsx"), out,
                         os.path.join(tmp, "renamed.json"))
    check(rc == rc_csv, "renamed sheets: exit %d %s" % (rc, err.strip()))
    same_documents(os.path.join(tmp, "out-csv"), out, "renamed sheets")
    # a sheet name is input: a BSN there never reaches a message
    folder = os.path.join(tmp, "folder-bsn")
    shutil.copytree(os.path.join(tmp, "folder"), folder)
    wb = openpyxl.load_workbook(os.path.join(folder, "studenten.xlsx"))
    wb["Blad1"].title = "123456782"
    wb.save(os.path.join(folder, "studenten.xlsx"))
    rc, _, err = run([CLI, "convert", "-m", MAPPING, "-o",
                      os.path.join(tmp, "out-bsn"), folder])
    check(rc == rc_csv and "studenten.xlsx, sheet [" in err and
          "123456782" not in err,
          "a BSN as a sheet name is redacted in findings: rc %d" % rc)
    # without the sheet key, the missing sheet is named with the fix
    rc, _, err = convert(os.path.join(tmp, "renamed.xlsx"),
                         os.path.join(tmp, "out-missing"))
    check(rc == 3 and 'has no sheet "bpv"' in err and '"Stages"' in err
          and 'give the table a "sheet"' in err,
          "a missing sheet: exit 3 and the sheets there are: " + err.strip())


# ==== 3: cells ====

def dump(path, *sheets, max_bytes=64 << 20):
    p = subprocess.run([DUMP, str(max_bytes), path] + list(sheets),
                       capture_output=True, timeout=120)
    rc, out = p.returncode, p.stdout.decode("utf-8")  # keep CRs
    cells = {}
    for line in out.split("\n"):  # a cell may hold a CR
        if not line:
            continue
        if line.startswith("error"):
            return rc, line
        sheet, where, key, kind, text = (line.split("\t", 4) + [""])[:5]
        cells[(sheet, where)] = (key, kind, text)
    return rc, cells


def test_cells():
    for seed in ["inline", "1904", "shared"]:
        rc, cells = dump(os.path.join(SEEDS, seed + ".xlsx"), "studenten",
                         "opleidingen", "manifest")
        check(rc == 0, "%s: read" % seed)
        if rc:
            continue
        check(cells.get(("studenten", "2:1")) ==
              ("Studentnummer", "string", "0204518"),
              "%s: 204518 with format 0000000 is 0204518" % seed)
        check(cells.get(("opleidingen", "2:10")) ==
              ("Startdatum", "string", "2023-08-01"),
              "%s: a date cell is ISO text: %s"
              % (seed, cells.get(("opleidingen", "2:10"))))
        check(cells.get(("manifest", "2:3")) ==
              ("Exportdatum", "string", "2025-07-03"),
              "%s: the manifest's date" % seed)
    rc, cells = dump(os.path.join(SEEDS, "odd.xlsx"), "studenten")
    check(rc == 0, "odd: read")
    if rc == 0:
        check(cells.get(("studenten", "2:26")) == ("a\rb", "bool", "true"),
              "odd: boolean under a header of rich text with _x000D_ "
              "and no phonetic run: %s" % (cells.get(("studenten", "2:26")),))
        check(cells.get(("studenten", "3:1"))[2] == "#N/A",
              "odd: an error value is its text")
        check(cells.get(("studenten", "3:2"))[2] == "2024-09-02T12:00:00",
              "odd: a date-time (format 22)")
        check(cells.get(("studenten", "3:3")) == ("Onderwijsnummer", "string",
                                                  ""),
              "odd: a missing cell is empty")


def test_cells_without_ref(tmp):
    """Cells without `r` follow the one before, empty ones included."""
    path = os.path.join(tmp, "noref.xlsx")
    handmade.write(path, [("x", handmade.sheet_xml([
        ['<c t="inlineStr"><is><t>A</t></is></c>', '<c/>',
         '<c t="inlineStr"><is><t>C</t></is></c>'],
        ['<c><v>1</v></c>', '<c s="0"/>', '<c><v>3</v></c>']]))])
    rc, cells = dump(path, "x")
    check(rc == 0 and cells.get(("x", "2:3")) == ("C", "string", "3") and
          cells.get(("x", "2:2")) == ("", "string", ""),
          "cells without r: %s" % (cells,))


# ==== 4: hostile workbooks ====

def header_sheets(first_rows=None):
    """All the mapping's sheets with a header; studenten gets first_rows."""
    sheets = []
    for t in TABLES:
        rows = [[handmade.inline("A1", "Studentnummer")]]
        if t == "studenten" and first_rows is not None:
            rows = first_rows
        sheets.append((t, handmade.sheet_xml(rows)))
    return sheets


def gen_bomb_ratio(path):
    body = handmade.sheet_xml([[handmade.inline("A1", "Studentnummer")]])
    body = body.replace("</sheetData>", " " * (40 << 20) + "</sheetData>")
    sheets = header_sheets()
    sheets[0] = ("studenten", body)
    handmade.write(path, sheets)


def gen_traversal(name):
    def gen(path):
        handmade.write(path, header_sheets(), extra=[(name, "<x/>")])
    return gen


def gen_many_strings(path):
    n = 1000001
    shared = handmade.shared_strings("s%d" % i for i in range(n))
    rows = [['<c r="A1" t="s"><v>0</v></c>']]
    sheets = header_sheets(rows)
    handmade.write(path, sheets, shared=shared)


def gen_bad_xml(path):
    sheets = header_sheets()
    sheets[1] = ("opleidingen", handmade.sheet_xml(
        [[handmade.inline("A1", "Studentnummer")]])[:-30] + "<c r=")
    handmade.write(path, sheets)


def gen_missing_sheet(path):
    handmade.write(path, header_sheets()[:1])


def gen_ole(path):
    with open(path, "wb") as f:
        f.write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4096)


def gen_not_zip(path):
    with open(path, "wb") as f:
        f.write(b"PK\x03\x04" + bytes(range(256)) * 8)


def gen_doctype(path):
    sheets = header_sheets()
    body = sheets[0][1].replace(
        "?>", '?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]>', 1)
    sheets[0] = ("studenten", body)
    handmade.write(path, sheets)


def gen_many_entries(path):
    handmade.write(path, header_sheets(),
                   extra=[("xl/media/p%d.xml" % i, "") for i in range(10001)])


def gen_huge_cell(path):
    rnd = random.Random(1)
    text = "%x" % rnd.getrandbits(4 * ((1 << 20) + 1))  # packs 2:1
    handmade.write(path, header_sheets([
        [handmade.inline("A1", "Studentnummer")],
        [handmade.inline("A2", text)]]))


def gen_rows_out_of_order(path):
    body = handmade.sheet_xml([[handmade.inline("A1", "Studentnummer")],
                               [handmade.inline("A2", "0204518")]])
    body = body.replace('<row r="2">', '<row r="1">')
    sheets = header_sheets()
    sheets[0] = ("studenten", body)
    handmade.write(path, sheets)


def gen_beyond_header(path):
    handmade.write(path, header_sheets([
        [handmade.inline("A1", "Studentnummer")],
        [handmade.inline("A2", "0204518"), handmade.inline("C2", "x")]]))


HOSTILE = [
    ("bomb-ratio", gen_bomb_ratio,
     ["bomb-ratio.xlsx: error: sheet studenten:",
      "unpacks to more than 100 times its packed size"]),
    ("traversal-dotdot", gen_traversal("../../tmp/l2e-evil.xml"),
     ['ZIP entry "../../tmp/l2e-evil.xml" is not a plain relative name']),
    ("traversal-absolute", gen_traversal("/tmp/l2e-evil.xml"),
     ["is not a plain relative name"]),
    ("traversal-backslash", gen_traversal("xl\\..\\..\\evil.xml"),
     ["is not a plain relative name"]),
    ("shared-strings-1e6", gen_many_strings,
     ["xl/sharedStrings.xml, line 1: more than 1000000 shared strings "
      "(max_rows)"]),
    ("bad-xml", gen_bad_xml, ["sheet opleidingen, line 1: bad XML"]),
    ("missing-sheet", gen_missing_sheet,
     ['has no sheet "opleidingen"', 'its sheets are "studenten"']),
    ("encrypted", gen_ole, ["is an old (.xls) or password-protected Excel "
                            "workbook", "save it as .xlsx (Excel-werkmap) "
                            "without a password"]),
    ("not-a-zip", gen_not_zip, ["is not a readable ZIP file"]),
    ("doctype", gen_doctype, ["sheet studenten: a DOCTYPE or entity "
                              "declaration is not accepted"]),
    ("many-entries", gen_many_entries, ["more than 10000 ZIP entries"]),
    ("huge-cell", gen_huge_cell, ["sheet studenten, line 1: a text is "
                                  "longer than max_string_bytes"]),
    ("rows-out-of-order", gen_rows_out_of_order,
     ["sheet studenten, line 1: row 1 is out of order"]),
    ("beyond-header", gen_beyond_header,
     ["sheet studenten, cell C2: a value right of the last named column"]),
]


def test_hostile(tmp):
    for name, gen, msgs in HOSTILE:
        path = os.path.join(tmp, name + ".xlsx")
        gen(path)
        out = os.path.join(tmp, "out-" + name)
        try:
            rc, _, err = run([CLI, "convert", "-m", MAPPING, "-o", out, path],
                             secs=120)
        except subprocess.TimeoutExpired:
            check(False, "%s: finishes within 120 s" % name)
            continue
        errors = [l for l in err.splitlines() if ": error: " in l]
        check(rc == 3, "%s: exit 3 (got %d)" % (name, rc))
        check(len(errors) == 1, "%s: one error line: %s" % (name, errors))
        for m in msgs:
            check(m in err, "%s: says %r" % (name, m))
        docs = [f for f in documents(out) if f != "SHA256SUMS"]
        check(not docs, "%s: no document written: %s" % (name, docs))
        check(not os.path.exists("/tmp/l2e-evil.xml"),
              "%s: nothing unpacked outside" % name)
        os.remove(path)

    # all parts together: at most 16 x max_input_bytes (64 KiB -> 1 MiB);
    # a sheet of 500 KB that packs 10:1, read three times, passes it
    path = os.path.join(tmp, "bomb-total.xlsx")
    rnd = random.Random(17)
    words = ["w%03d" % i for i in range(1000)]
    rows = [[handmade.inline("A1", "Studentnummer")]]
    for r in range(2, 6500):
        rows.append([handmade.inline("A%d" % r, rnd.choice(words))])
    handmade.write(path, [("studenten", handmade.sheet_xml(rows))])
    size = os.path.getsize(path)
    rc, line = dump(path, "studenten", "studenten", "studenten",
                    max_bytes=65536)
    check(size < 65536 and rc == 3 and
          "bomb-total.xlsx: sheet studenten: the workbook unpacks to "
          "more than 16 times max_input_bytes (1048576 bytes)" in str(line),
          "bomb-total (%d bytes): %s"
          % (size, line if isinstance(line, str) else rc))


def main():
    global FORMATS
    FORMATS = formats()
    check(FORMATS.count(",") >= 2, "three formats: " + FORMATS)
    tmp = tempfile.mkdtemp(prefix="l2e-xlsx-")
    try:
        test_sample(tmp)
        test_cells()
        test_cells_without_ref(tmp)
        test_hostile(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d failed" % len(failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
