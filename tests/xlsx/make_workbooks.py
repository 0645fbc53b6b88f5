#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The CSV sample bundle as Excel workbooks, made with real spreadsheet
writers (Debian's python3-xlsxwriter and python3-openpyxl).

    make_workbooks.py SAMPLE_DIR MAPPING OUT_DIR

writes OUT_DIR/workbook.xlsx (xlsxwriter: one sheet per table of the
mapping, named after the table) and OUT_DIR/folder/<table>.xlsx
(openpyxl: one workbook per table, its one sheet called "Blad1").

The cells are what an administrator's Excel holds after opening the
export: full dates (d-m-jjjj) become real dates shown as dd-mm-jjjj;
whole numbers without a leading zero become numbers; the student numbers
of the main table become numbers shown with the format "0000000" (so
0204518 is stored as 204518), those of the other tables text ("@"); all
else stays text, as the CSV has it. Reading any of these must give the
documents the CSV bundle gives.
"""
import csv
import datetime
import io
import json
import os
import re
import sys

import openpyxl
import xlsxwriter

DATE = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
WHOLE = re.compile(r"^(0|[1-9]\d{0,9})$")


def read_csv(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def cell(value, column, key_column, is_main):
    """('date', date) | ('pad', int) | ('number', int) | ('text', str)"""
    if column == key_column:
        if is_main and value.isdigit():
            return ("pad", int(value))
        return ("text", value)
    m = DATE.match(value)
    if m:
        d, mo, y = (int(g) for g in m.groups())
        return ("date", datetime.datetime(y, mo, d))
    if WHOLE.match(value):
        return ("number", int(value))
    return ("text", value)


def tables(mapping):
    src = json.load(open(mapping))["source"]
    out = []
    for name, t in src["tables"].items():
        if isinstance(t, str):
            out.append((name, t, False))
        else:
            out.append((name, t["file"], bool(t.get("main"))))
    return src["key_column"], out


def write_xlsxwriter(path, sample, key_column, tabs):
    wb = xlsxwriter.Workbook(path)
    fmt = {"date": wb.add_format({"num_format": "dd-mm-yyyy"}),
           "pad": wb.add_format({"num_format": "0000000"}),
           "text": wb.add_format({"num_format": "@"})}
    for name, file, is_main in tabs:
        ws = wb.add_worksheet(name)
        rows = read_csv(os.path.join(sample, file))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if r == 0 or value == "":
                    if value != "":
                        ws.write_string(r, c, value)
                    continue
                kind, v = cell(value, rows[0][c], key_column, is_main)
                if kind == "date":
                    ws.write_datetime(r, c, v, fmt["date"])
                elif kind == "pad":
                    ws.write_number(r, c, v, fmt["pad"])
                elif kind == "number":
                    ws.write_number(r, c, v)
                elif rows[0][c] == key_column:
                    ws.write_string(r, c, v, fmt["text"])
                else:
                    ws.write_string(r, c, v)
    wb.close()


def write_openpyxl(path, sample, key_column, name, file, is_main):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    rows = read_csv(os.path.join(sample, file))
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            if r == 1:
                ws.cell(row=r, column=c, value=value)
                continue
            kind, v = cell(value, rows[0][c - 1], key_column, is_main)
            x = ws.cell(row=r, column=c, value=v)
            if kind == "date":
                x.number_format = "dd-mm-yyyy"
            elif kind == "pad":
                x.number_format = "0000000"
            elif kind == "text":
                x.number_format = "@"
    wb.save(path)


def main_args(sample, mapping, out):
    key_column, tabs = tables(mapping)
    os.makedirs(os.path.join(out, "folder"), exist_ok=True)
    write_xlsxwriter(os.path.join(out, "workbook.xlsx"), sample,
                     key_column, tabs)
    for name, file, is_main in tabs:
        write_openpyxl(os.path.join(out, "folder", name + ".xlsx"), sample,
                       key_column, name, file, is_main)


def main():
    main_args(*sys.argv[1:4])


if __name__ == "__main__":
    main()
