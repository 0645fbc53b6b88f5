#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""lob2europass overview: the numbers are right and no small group shows.

  overview_test.py BINARY SOURCE_DIR

1. Correct: on an export of generated students (../shared/bench's
   generator when it is there, else a small one of our own) every
   published number equals the number this script counts itself from the
   input, and every hidden number is one the rules must hide.
2. k-anonymity: in a crafted export a programme of 4 students is hidden,
   and so is the one number that would give it away by subtraction; the
   totals stay; no hidden number follows from the published ones; no
   name, student number or e-mail address appears in any output.
3. The three files agree: JSON, CSV (both dialects) and the HTML page.
"""
import csv
import io
import json
import math
import os
import random
import subprocess
import sys
import tempfile
from datetime import date

BIN, SRC = sys.argv[1], sys.argv[2]
MAPPING = os.path.join(SRC, "mappings", "bench-students.json")
SKILLS = [("listening", "listening", "listening"),
          ("reading", "reading", "reading"),
          ("spokenInteraction", "spoken_interaction", "spoken interaction"),
          ("spokenProduction", "spoken_production", "spoken production"),
          ("writing", "writing", "writing")]
LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def lang_labels():
    with open(os.path.join(SRC, "mappings", "codelists",
                           "language-label-nl.json"), encoding="utf-8") as f:
        cl = json.load(f)
    return {k.lower(): v for k, v in cl["entries"].items()}


def band(frm, to):
    try:
        a, b = date.fromisoformat(frm), date.fromisoformat(to)
    except (TypeError, ValueError):
        return "unknown"
    days = (b - a).days + 1
    if days < 1:
        return "unknown"
    w = math.ceil(days / 7)
    return ("1-4" if w <= 4 else "5-8" if w <= 8 else "9-13" if w <= 13
            else "14-26" if w <= 26 else "27 or more")


def expected(records, labels):
    """table id -> {row label: {column: count}}, counted from the input."""
    t = {k: {} for k in ("students", "levels", "school_years",
                         "destinations", "cities", "weeks_abroad",
                         "languages")}

    def bump(table, row, col, n=1):
        t[table].setdefault(row, {}).setdefault(col, 0)
        t[table][row][col] += n

    for r in records:
        bump("students", "converted", "students")
        p = r["programme"]
        start = date.fromisoformat(p["start"])
        y = start.year - (1 if start.month < 8 else 0)
        placed = bool(r["internships"])
        abroad = any(i["country"] != "NL" for i in r["internships"])
        for table, row in (("levels", "EQF %d" % p["eqf"]),
                           ("school_years", "%04d-%04d" % (y, y + 1))):
            bump(table, row, "students")
            bump(table, row, "with_work", int(placed))
            bump(table, row, "abroad", int(abroad))
        seen = set()
        for i in r["internships"]:
            if i["country"] == "NL":
                continue
            for table, row in (("destinations", i["country"]),
                               ("cities", "%s (%s)" % (i["city"],
                                                       i["country"])),
                               ("weeks_abroad",
                                band(i["from"], i["to"] or None))):
                bump(table, row, "stays")
                if (table, row) not in seen:
                    seen.add((table, row))
                    bump(table, row, "students")
        seen = set()
        for lang in r["languages"]:
            for src, _, title in SKILLS:
                lv = lang.get(src)
                if lv not in LEVELS:
                    continue
                row = "%s, %s" % (labels[lang["code"]], title)
                if row in seen:
                    continue
                seen.add(row)
                bump("languages", row, "students")
                bump("languages", row, lv)
    return t


def run(args, inp):
    return subprocess.run([BIN, "overview", "-m", MAPPING] + args + [inp],
                          capture_output=True, text=True)


def tables(path):
    with open(path, encoding="utf-8") as f:
        return {t["id"]: t for t in json.load(f)["overview"]["tables"]}


def must_hide(table, row_counts, k):
    """The cells the primary rules hide: below k, or a complement below k."""
    hide = set()
    for row, cells in row_counts.items():
        for col, v in cells.items():
            if 0 < v < k:
                hide.add((row, col))
        if table in ("levels", "school_years", "programmes"):
            for col in ("with_work", "abroad"):
                d = cells.get("students", 0) - cells.get(col, 0)
                if 0 < d < k:
                    hide.add((row, col))
    return hide


def compare(out, exp, k, what):
    published = 0
    for tid, rows in exp.items():
        got = {r["label"]: r["counts"] for r in out[tid]["rows"]}
        check(set(got) == set(rows),
              "%s %s: rows %s, expected %s" % (what, tid, sorted(got),
                                              sorted(rows)))
        hide = must_hide(tid, rows, k)
        for row, cells in rows.items():
            for col, v in cells.items():
                g = got.get(row, {}).get(col)
                if g is None:
                    continue
                published += 1
                check(g == v, "%s %s/%s/%s: %s, expected %s" %
                      (what, tid, row, col, g, v))
                check((row, col) not in hide,
                      "%s %s/%s/%s: %s shown, must be hidden" %
                      (what, tid, row, col, g))
    check(published > 50, "%s: only %d numbers published" % (what, published))
    return published


def no_lone_hidden(out, what):
    """Where rows add up to a total, one hidden number never stands
    alone (it would follow by subtraction)."""
    for tid in ("students", "programmes", "levels", "school_years"):
        t = out[tid]
        for col in (c["id"] for c in t["columns"]):
            cells = [r["counts"][col] for r in t["rows"]]
            cells.append(t["total"].get(col))
            n_hidden = sum(1 for c in cells if c is None)
            check(n_hidden != 1, "%s %s/%s: one hidden number alone" %
                  (what, tid, col))
            if n_hidden == 0:
                check(sum(cells[:-1]) == cells[-1],
                      "%s %s/%s: rows do not add up" % (what, tid, col))
    for r in out["languages"]["rows"]:
        c = r["counts"]
        parts = [c[lv] for lv in LEVELS]
        n_hidden = sum(1 for x in parts + [c["students"]] if x is None)
        check(n_hidden != 1, "%s languages/%s: one hidden alone" %
              (what, r["label"]))


def gen_records(n, seed):
    rnd = random.Random(seed)
    countries = ["NL", "DE", "BE", "ES", "FI", "IE"]
    recs = []
    for i in range(n):
        y = rnd.choice([2019, 2020, 2021, 2022])
        ships = []
        for _ in range(rnd.choice([0, 1, 2])):
            c = rnd.choice(countries)
            frm = date(y + 1, rnd.randint(1, 6), rnd.randint(1, 28))
            to = date.fromordinal(frm.toordinal() + rnd.randint(3, 250))
            ships.append({"employer": "X", "city": "Stad%s" % c,
                          "country": c, "role": "Stagiair",
                          "from": frm.isoformat(), "to": to.isoformat()})
        langs = [{"code": c, **{s: rnd.choice(LEVELS) for s, _, _ in SKILLS}}
                 for c in rnd.sample(["en", "de", "fr", "es"], 2)]
        recs.append({"id": "S%06d" % i, "givenName": "Voornaam%d" % i,
                     "familyName": "Achternaam%d" % i,
                     "email": "s%06d@school.example" % i,
                     "programme": {"title": "Opleiding", "eqf": rnd.choice(
                         [2, 3, 4]), "start": "%d-09-01" % y, "end": ""},
                     "internships": ships, "languages": langs})
    return recs


def correct(tmp, labels):
    gen = os.path.join(SRC, "..", "shared", "bench", "gen_students.py")
    if os.path.exists(gen):
        subprocess.run([sys.executable, gen, "10000", tmp], check=True)
        inp = os.path.join(tmp, "students.ndjson")
        with open(inp, encoding="utf-8") as f:
            recs = [json.loads(line) for line in f]
        what = "bench 10000"
    else:
        recs = gen_records(3000, 7)
        inp = os.path.join(tmp, "own.ndjson")
        with open(inp, "w", encoding="utf-8") as f:
            for r in recs:
                f.write(json.dumps(r) + "\n")
        what = "generated 3000"
    for k in (5, 20):
        js = os.path.join(tmp, "k%d.json" % k)
        p = run(["-k", str(k), "--json", js, "-o", os.devnull], inp)
        check(p.returncode == 0, "%s: exit %d: %s" % (what, p.returncode,
                                                      p.stderr))
        if p.returncode:
            return
        out = tables(js)
        n = compare(out, expected(recs, labels), k, "%s k=%d" % (what, k))
        no_lone_hidden(out, "%s k=%d" % (what, k))
        print("%s, k=%d: %d numbers published, all recounted" % (what, k, n))


def k_anonymity(tmp, labels):
    # 20 students: 16 in EQF 4, 4 in EQF 2 (a small group); 1 of the 16
    # did not go abroad (a small complement)
    recs = gen_records(20, 3)
    for i, r in enumerate(recs):
        r["programme"]["eqf"] = 2 if i < 4 else 4
        r["programme"]["start"] = "2021-09-01"
        abroad = i != 10
        r["internships"] = [{"employer": "X", "city": "Berlijn",
                             "country": "DE" if abroad else "NL",
                             "role": "Stagiair", "from": "2022-02-01",
                             "to": "2022-06-30"}]
    inp = os.path.join(tmp, "crafted.ndjson")
    with open(inp, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    js, html = os.path.join(tmp, "c.json"), os.path.join(tmp, "c.html")
    csvp = os.path.join(tmp, "c.csv")
    p = run(["--json", js, "-o", html, "--csv", csvp], inp)
    check(p.returncode == 0, "crafted: exit %d: %s" % (p.returncode,
                                                       p.stderr))
    if p.returncode:
        return
    out = tables(js)
    lv = {r["label"]: r["counts"] for r in out["levels"]["rows"]}
    check(lv["EQF 2"]["students"] is None, "group of 4 shown: %s" % lv)
    check(lv["EQF 4"]["students"] is None,
          "its complement (16 = 20 - 4) shown: %s" % lv)
    check(out["levels"]["total"]["students"] == 20,
          "total not kept: %s" % out["levels"]["total"])
    # the one student of EQF 4 who stayed home: 15 abroad of 16
    check(lv["EQF 4"]["abroad"] is None,
          "15 abroad of 16 shown (gives away the 1): %s" % lv)
    # attack by difference on every table with a total
    no_lone_hidden(out, "crafted")
    data = open(js, encoding="utf-8").read() + open(html, encoding="utf-8")\
        .read() + open(csvp, encoding="utf-8-sig").read()
    for r in recs:
        for v in (r["id"], r["givenName"], r["familyName"], r["email"]):
            check(v not in data, "crafted: %s appears in the output" % v)
    print("crafted: the group of 4 and its complement hidden, no name")


def formats(tmp):
    recs = gen_records(400, 11)
    inp = os.path.join(tmp, "f.ndjson")
    with open(inp, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")
    js, nl, rfc = (os.path.join(tmp, n) for n in ("f.json", "nl.csv",
                                                  "rfc.csv"))
    html = os.path.join(tmp, "f.html")
    p1 = run(["--json", js, "--csv", nl, "-o", html], inp)
    p2 = run(["--csv", rfc, "--csv-dialect", "rfc4180", "-o", os.devnull],
             inp)
    check(p1.returncode == 0 and p2.returncode == 0, "formats: exit codes")
    out = tables(js)
    raw = open(nl, "rb").read()
    check(raw.startswith(b"\xef\xbb\xbf"), "excel-nl: no BOM")
    rows_nl = list(csv.reader(io.StringIO(raw[3:].decode()), delimiter=";"))
    rows_rfc = list(csv.reader(io.StringIO(open(rfc, encoding="utf-8",
                                                newline="").read())))
    check(len(rows_nl) == len(rows_rfc) > 100, "csv: line counts differ")
    for a, b in zip(rows_nl[1:], rows_rfc[1:]):
        check(a[:4] == b[:4] and a[4].replace(",", ".") == b[4],
              "csv dialects differ: %s / %s" % (a, b))
    for t, row, col, count, _ in rows_rfc[1:]:
        if row == "total":
            want = out[t]["total"].get(col)
        else:
            want = next(r["counts"][col] for r in out[t]["rows"]
                        if r["label"] == row)
        check(count == ("" if want is None else str(want)),
              "csv %s/%s/%s: %r, json %r" % (t, row, col, count, want))
    xlsx_equals_csv(tmp, inp, rows_rfc)
    page = open(html, encoding="utf-8").read()
    for bad in ("<script", "src=", "href=", "url(", "@import", "http:",
                "https:"):
        check(bad not in page, "page has %r" % bad)
    for t in out.values():
        check(('<section id="%s">' % t["id"]) in page,
              "page has no section %s" % t["id"])
    print("formats: JSON, both CSV dialects, the workbook and the page agree")


def xlsx_equals_csv(tmp, inp, rows):
    """The workbook, read by a second reader (openpyxl), holds what the
    CSV holds: every count where the CSV has one, empty where hidden."""
    try:
        import openpyxl
    except ImportError:
        check(False, "python3-openpyxl is not installed (scripts/deps.sh)")
        return
    path = os.path.join(tmp, "f.xlsx")
    p = run(["--xlsx", path, "-o", os.devnull], inp)
    check(p.returncode == 0, "xlsx: exit %d %s" % (p.returncode, p.stderr))
    if p.returncode:
        return
    wb = openpyxl.load_workbook(path)
    n = 0
    for t, row, col, count, _ in rows[1:]:
        ws = wb[t]
        head = [c.value for c in ws[1]]
        label = "Total" if row == "total" else row
        line = next(r for r in ws.iter_rows(min_row=2, values_only=True)
                    if r[0] == label)
        titles = {"students": "Students", "with_work":
                  "With work experience", "abroad":
                  "With work experience abroad", "stays": "Stays"}
        v = line[head.index(titles.get(col, col))]
        check((v is None and count == "") or
              (v is not None and str(int(v)) == count),
              "xlsx %s/%s/%s: %r, csv %r" % (t, row, col, v, count))
        n += 1
    check(ws.freeze_panes == "B2", "xlsx: header not frozen")
    check(n > 100, "xlsx: only %d cells compared" % n)


def shipped_samples(tmp):
    """Every shipped sample: the overview counts the dossiers convert
    reports (converted, skipped, rejected), and every student in one row
    of each table that sorts students."""
    sys.path.insert(0, os.path.join(SRC, "tests"))
    from sample_inputs import samples
    n = 0
    for name, mapping, inputs in samples(SRC):
        js, rep = (os.path.join(tmp, name + x) for x in (".json", ".r.json"))
        p = subprocess.run([BIN, "overview", "-m", mapping, "-k", "3",
                            "--json", js, "-o", os.devnull] + inputs,
                           capture_output=True, text=True)
        check(p.returncode == 0, "%s: overview exit %d: %s" %
              (name, p.returncode, p.stderr))
        subprocess.run([BIN, "convert", "-q", "-m", mapping, "-o",
                        os.path.join(tmp, name + ".out"), "--report", rep]
                       + inputs, capture_output=True)
        if p.returncode or not os.path.exists(rep):
            continue
        out, totals = tables(js), json.load(open(rep))["totals"]
        t = out["students"]
        hidden_ok = totals["dossiers"] < 3 and t["total"]["students"] is None
        check(hidden_ok or t["total"]["students"] == totals["dossiers"],
              "%s: %s students, convert read %d" % (
                  name, t["total"]["students"], totals["dossiers"]))
        conv = next((r["counts"]["students"] for r in t["rows"]
                     if r["label"] == "converted"), 0)
        check(conv in (None, totals["converted"]),
              "%s: %s converted, convert says %d" % (
                  name, conv, totals["converted"]))
        for tid in ("programmes", "levels", "school_years"):
            check(out[tid]["total"]["students"] in (None,
                                                    totals["converted"]),
                  "%s %s: total %s, converted %d" % (
                      name, tid, out[tid]["total"]["students"],
                      totals["converted"]))
        n += 1
    check(n >= 3, "only %d samples" % n)
    print("%d shipped samples: the overview counts what convert did" % n)


def usage():
    p = subprocess.run([BIN, "overview", "-m", MAPPING, "-k", "2", "-"],
                       input="", capture_output=True, text=True)
    check(p.returncode == 2 and "at least 3" in p.stderr,
          "-k 2: exit %d: %s" % (p.returncode, p.stderr))
    p = subprocess.run([BIN, "overview", "-m", MAPPING, "/nonexistent"],
                       capture_output=True, text=True)
    check(p.returncode == 3 and not p.stdout,
          "missing input: exit %d, output %r" % (p.returncode, p.stdout))


def main():
    labels = lang_labels()
    with tempfile.TemporaryDirectory() as tmp:
        correct(tmp, labels)
        k_anonymity(tmp, labels)
        formats(tmp)
        shipped_samples(tmp)
        usage()
    for f in failures[:40]:
        print("FAIL:", f)
    if failures:
        print("%d failure(s)" % len(failures))
        sys.exit(1)
    print("all passed")


main()
