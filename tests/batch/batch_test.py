#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Batch and pipeline behaviour of `lob2europass convert` (issue 6).

Each case runs the real CLI on generated exports and checks what a
nightly job or a pipeline relies on: JSON Lines in and out, reports and
exit codes with good and bad dossiers mixed, the same output for any
--jobs, a lock against a second run, no symlink followed, nothing
truncated after kill -9 and a rerun that completes, --skip-unchanged,
--fail-fast, --max-errors and JSON log lines.

    batch_test.py BINARY SRC_ROOT
"""
import calendar
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.dom.minidom

BIN = SRC = None
MAPPING = None
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
results = []


def student(i, surname=None, consent=True):
    return {
        "primaryCode": {"codeType": "student_number", "code": "%07d" % i},
        "givenName": "Student", "surname": surname if surname is not None
        else "Voorbeeld%d" % i,
        "consent": {"europassExport": consent},
        "programmes": [{"name": [{"language": "nl-NL", "value": "Kok"}],
                        "level": "secondary_vocational_education_2",
                        "startDate": "2024-08-01", "state": "active"}],
    }


def ndjson(records):
    return "".join(json.dumps(r) + "\n" for r in records)


def run(args, stdin=None, check_rc=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True,
                       text=True, env=ENV, timeout=300)
    return p


def case(name):
    def wrap(fn):
        def go():
            try:
                fn()
                results.append((name, None))
            except AssertionError as e:
                results.append((name, str(e) or "assertion failed"))
        go.__name__ = name
        return go
    return wrap


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


@case("stdin JSON Lines to JSON Lines")
def t_stdin_stdout():
    data = ndjson([student(1), student(2, surname=""), student(3)])
    p = run(["convert", "-q", "-m", MAPPING, "--to",
             "europass-xml,europass-json", "-o", "-", "-"], stdin=data)
    expect(p.returncode == 1, "exit %d, expected 1 (one rejected)"
           % p.returncode)
    lines = [json.loads(l) for l in p.stdout.splitlines()]
    docs = [l for l in lines if "document" in l]
    expect(len(docs) == 4, "%d documents, expected 4" % len(docs))
    expect([d["key"] for d in docs] == ["0000001"] * 2 + ["0000003"] * 2,
           "documents out of order: %s" % [d["key"] for d in docs])
    expect({d["format"] for d in docs} == {"europass-xml", "europass-json"},
           "formats %s" % {d["format"] for d in docs})
    xml.dom.minidom.parseString(docs[0]["document"])
    json.loads(docs[1]["document"])
    bad = [l for l in lines if l.get("status") == "rejected"]
    expect(len(bad) == 1 and bad[0]["key"] == "0000002",
           "rejected line missing: %s" % bad)


@case("mixed good and bad dossiers: report and exit code")
def t_reports():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.ndjson")
        with open(src, "w") as f:
            f.write(ndjson([student(1), student(2, surname=""),
                            student(3, consent=False),
                            student(4, surname="=HYPERLINK(\"x\")")]))
            f.write("{\"broken\": \n")
        out = os.path.join(d, "out")
        p = run(["convert", "-q", "-m", MAPPING, "-o", out, "--report",
                 os.path.join(d, "r.json"), "--report-csv",
                 os.path.join(d, "r.csv"), "--report-html",
                 os.path.join(d, "r.html"), src])
        expect(p.returncode == 3, "exit %d, expected 3 (an unreadable "
               "document counts over a rejected one)" % p.returncode)
        rep = json.load(open(os.path.join(d, "r.json")))
        st = [(e["key"], e["status"]) for e in rep["dossiers"]]
        expect(st == [("0000001", "converted"), ("0000002", "rejected"),
                      ("0000003", "skipped"), ("0000004", "converted"),
                      (None, "error")], "statuses %s" % st)
        expect(rep["totals"]["converted"] == 2 and
               rep["totals"]["rejected"] == 1 and
               rep["totals"]["exit_code"] == 3, "totals %s" % rep["totals"])
        rej = rep["dossiers"][1]["findings"][0]
        expect(rej["line"] == 2 and "surname" in rej["message"],
               "finding %s" % rej)
        expect(rep["dossiers"][0]["outputs"] == ["0000001.europass.xml"],
               "outputs %s" % rep["dossiers"][0]["outputs"])
        raw = open(os.path.join(d, "r.csv"), "rb").read()
        expect(raw.startswith(b"\xef\xbb\xbf"), "excel-nl CSV without BOM")
        rows = list(csv.reader(io.StringIO(raw[3:].decode(), newline=""),
                               delimiter=";"))
        expect(rows[0][0] == "key" and len(rows) >= 6 and
               all(len(r) == 10 for r in rows), "csv rows %s" % rows)
        text = raw.decode()
        expect("\"=" not in text, "a CSV cell starts with '='")
        # the page: totals, the reason with its count, keys unless asked
        page = open(os.path.join(d, "r.html"), encoding="utf-8").read()
        expect("person.surname is required but has no value</td>"
               "<td class=\"n\">1</td>" in page, "page: no reason row")
        expect(">0000002<" in page and "<script" not in page,
               "page: no key or a script")
        p = run(["convert", "-q", "-m", MAPPING, "-o", out, "--report-csv",
                 os.path.join(d, "r2.csv"), "--csv-dialect", "rfc4180",
                 "--report-html", os.path.join(d, "r2.html"),
                 "--report-anonymous", src])
        rows2 = list(csv.reader(open(os.path.join(d, "r2.csv"),
                                     newline="")))
        expect(rows2 == rows, "rfc4180 and excel-nl CSV differ")
        page = open(os.path.join(d, "r2.html"), encoding="utf-8").read()
        expect("000000" not in page and "Dossier</th>" not in page,
               "--report-anonymous page names a student")
        p = run(["convert", "-q", "-m", MAPPING, "-o", out,
                 "--csv-dialect", "excel", src])
        expect(p.returncode == 2 and "excel-nl or rfc4180" in p.stderr,
               "--csv-dialect excel: exit %d %s" % (p.returncode, p.stderr))
        files = sorted(f for f in os.listdir(out) if not f.startswith("."))
        expect(files == ["0000001.europass.xml", "0000004.europass.xml",
                         "SHA256SUMS"], "files %s" % files)
        sums = open(os.path.join(out, "SHA256SUMS")).read().splitlines()
        expect([ln[66:] for ln in sums] == files[:2], "sums %s" % sums)
        doc = open(os.path.join(out, "0000004.europass.xml")).read()
        expect("=HYPERLINK(&quot;x&quot;)" in doc or "=HYPERLINK(\"x\")"
               in doc, "the name is not kept as text")


@case("same output for --jobs 1 and --jobs 4")
def t_jobs():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.ndjson")
        with open(src, "w") as f:
            f.write(ndjson([student(i, surname="" if i % 7 == 0 else None)
                            for i in range(1, 400)]))
        outs = []
        for j in ("1", "4"):
            o = os.path.join(d, "out" + j)
            p = run(["convert", "-j", j, "-m", MAPPING, "-o", o, "--to",
                     "europass-xml,europass-cv", "--report",
                     os.path.join(d, "r%s.json" % j), src])
            p2 = run(["convert", "-q", "-j", j, "-m", MAPPING, "-o", "-",
                      src])
            files = {f: open(os.path.join(o, f), "rb").read()
                     for f in sorted(os.listdir(o)) if not f.startswith(".")}
            # the report's "run" (start, duration) differs by design
            rep = json.load(open(os.path.join(d, "r%s.json" % j)))
            rep.pop("run", None)
            outs.append((p.returncode, p.stderr, files, p2.stdout, rep))
        expect(outs[0][2] and outs[0] == outs[1],
               "outputs differ between --jobs 1 and --jobs 4")


@case("a second run on the same folder: exit 75")
def t_lock():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        os.mkdir(out)
        holder = subprocess.Popen(["flock", os.path.join(
            out, ".lob2europass.lock"), "sleep", "5"])
        time.sleep(0.3)
        try:
            p = run(["convert", "-m", MAPPING, "-o", out, "-"],
                    stdin=ndjson([student(1)]))
        finally:
            holder.kill()
            holder.wait()
        expect(p.returncode == 75, "exit %d, expected 75" % p.returncode)
        expect("in use by another" in p.stderr, "message: %s" % p.stderr)
        expect(not [f for f in os.listdir(out) if not f.startswith(".")],
               "files written despite the lock")


@case("a symlink planted at an output name is not followed")
def t_symlink():
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out")
        os.mkdir(out)
        victim = os.path.join(d, "victim")
        with open(victim, "w") as f:
            f.write("keep me\n")
        os.symlink(victim, os.path.join(out, "0000001.europass.xml"))
        p = run(["convert", "-q", "-m", MAPPING, "-o", out, "-"],
                stdin=ndjson([student(1)]))
        expect(p.returncode == 0, "exit %d" % p.returncode)
        expect(open(victim).read() == "keep me\n", "the link was followed")
        path = os.path.join(out, "0000001.europass.xml")
        expect(not os.path.islink(path), "the link is still there")


@case("kill -9 mid-batch, then a rerun completes; nothing truncated")
def t_kill():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.ndjson")
        with open(src, "w") as f:
            f.write(ndjson([student(i) for i in range(1, 3001)]))
        out = os.path.join(d, "out")
        p = subprocess.Popen([BIN, "convert", "-q", "-j", "2", "-m",
                              MAPPING, "-o", out, src], env=ENV)
        for _ in range(200):  # until it has written something
            time.sleep(0.02)
            if os.path.isdir(out) and len(os.listdir(out)) > 20:
                break
        p.send_signal(signal.SIGKILL)
        p.wait()
        written = [f for f in os.listdir(out) if f.endswith(".xml")
                   and not f.startswith(".")]
        for f in written:  # every file there is whole
            xml.dom.minidom.parse(os.path.join(out, f))
        q = run(["convert", "-q", "-m", MAPPING, "-o", out, src])
        expect(q.returncode == 0, "rerun exit %d: %s" % (q.returncode,
                                                        q.stderr))
        final = sorted(f for f in os.listdir(out) if not f.startswith(".")
                       and f != "SHA256SUMS")
        expect(len(final) == 3000, "%d files after the rerun" % len(final))
        c = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"],
                           cwd=out, capture_output=True, text=True)
        expect(c.returncode == 0 and len(open(os.path.join(
            out, "SHA256SUMS")).read().splitlines()) == 3000,
            "SHA256SUMS after the rerun: %s" % c.stdout[:200])
        expect(not [f for f in os.listdir(out) if f.startswith(".")
                    and f not in (".lob2europass.lock",
                                  ".lob2europass-state")],
               "temporary files left: %s" % [f for f in os.listdir(out)
                                             if f.startswith(".")])


@case("--skip-unchanged skips what did not change")
def t_skip():
    with tempfile.TemporaryDirectory() as d:
        src = os.path.join(d, "in.ndjson")
        recs = [student(i) for i in range(1, 6)]
        with open(src, "w") as f:
            f.write(ndjson(recs))
        out = os.path.join(d, "out")
        args = ["convert", "-m", MAPPING, "-o", out, "--skip-unchanged",
                "--report", os.path.join(d, "r.json"), src]
        p = run(args)
        expect(p.returncode == 0, "first run exit %d" % p.returncode)
        before = os.stat(os.path.join(out, "0000002.europass.xml")).st_mtime_ns
        recs[2]["givenName"] = "Changed"
        with open(src, "w") as f:
            f.write(ndjson(recs))
        p = run(args)
        rep = json.load(open(os.path.join(d, "r.json")))
        st = [e["status"] for e in rep["dossiers"]]
        expect(st == ["unchanged", "unchanged", "converted", "unchanged",
                      "unchanged"], "statuses %s" % st)
        after = os.stat(os.path.join(out, "0000002.europass.xml")).st_mtime_ns
        expect(before == after, "an unchanged file was rewritten")
        os.unlink(os.path.join(out, "0000004.europass.xml"))
        p = run(args)
        rep = json.load(open(os.path.join(d, "r.json")))
        expect(rep["dossiers"][3]["status"] == "converted",
               "a missing file was not written again")


@case("--fail-fast and --max-errors stop early, exit 1")
def t_fail_fast():
    data = ndjson([student(1), student(2, surname=""), student(3),
                   student(4, surname=""), student(5, surname=""),
                   student(6)])
    p = run(["convert", "-m", MAPPING, "--fail-fast", "-o", "-", "-"],
            stdin=data)
    keys = [json.loads(l)["key"] for l in p.stdout.splitlines()]
    expect(p.returncode == 1, "exit %d" % p.returncode)
    expect("0000006" not in keys, "did not stop: %s" % keys)
    p = run(["convert", "-m", MAPPING, "--max-errors", "2", "-j", "1",
             "-o", "-", "-"], stdin=data)
    keys = [json.loads(l)["key"] for l in p.stdout.splitlines()]
    expect(p.returncode == 1 and "0000006" not in keys,
           "max-errors did not stop: %s" % keys)


@case("--log-format json gives one JSON object per line")
def t_json_log():
    p = run(["convert", "--log-format", "json", "-m", MAPPING, "-o", "-",
             "-"], stdin=ndjson([student(1), student(2, surname="")]))
    lines = [json.loads(l) for l in p.stderr.splitlines()]
    expect(lines and lines[0]["level"] == "error" and
           lines[0]["dossier"] == "0000002" and lines[0]["line"] == 2,
           "log lines %s" % lines)
    expect(lines[-1]["message"] == "done" and lines[-1]["rejected"] == 1,
           "summary %s" % lines[-1])


@case("no time of the run in a document unless asked for")
def t_document_date():
    data = ndjson([student(1)])
    env = {k: v for k, v in ENV.items() if k != "SOURCE_DATE_EPOCH"}

    def created(extra, env=env):
        p = subprocess.run([BIN, "convert", "-q", "-m", MAPPING] + extra +
                           ["-o", "-", "-"], input=data, capture_output=True,
                           text=True, env=env, timeout=60)
        doc = json.loads(p.stdout.splitlines()[0])["document"] \
            if p.returncode == 0 else ""
        m = re.search(r"<CreationDate>([^<]*)</CreationDate>", doc)
        return p, m.group(1) if m else None

    p1, d1 = created([])
    p2, d2 = created([])
    expect(p1.returncode == 0 and p1.stdout == p2.stdout,
           "two runs without SOURCE_DATE_EPOCH differ (exit %d)"
           % p1.returncode)
    expect(d1 == "1970-01-01T00:00:00Z", "default date %s" % d1)
    _, d = created([], env=ENV)
    expect(d == "2025-07-03T07:15:00Z", "SOURCE_DATE_EPOCH gave %s" % d)
    _, d = created(["--document-date", "2026-07-01"], env=ENV)
    expect(d == "2026-07-01T00:00:00Z", "--document-date gave %s" % d)
    _, d = created(["--document-date", "2024-02-29T13:05:09Z"])
    expect(d == "2024-02-29T13:05:09Z", "--document-date time gave %s" % d)
    before = time.time()
    _, d = created(["--document-date", "now"])
    when = calendar.timegm(time.strptime(d or "", "%Y-%m-%dT%H:%M:%SZ")) \
        if d else 0
    expect(before - 2 <= when <= time.time() + 1,
           "'now' gave %s" % d)
    for bad in ("2023-02-29", "1969-12-31", "2026-1-01", "2026-07-01 ",
                "2026-07-01T25:00:00Z", "today"):
        p, _ = created(["--document-date", bad])
        expect(p.returncode == 2 and "--document-date" in p.stderr and
               not p.stdout, "'%s': exit %d, %r" % (bad, p.returncode,
                                                     p.stderr))


def main():
    global BIN, SRC, MAPPING
    BIN, SRC = sys.argv[1], sys.argv[2]
    MAPPING = os.path.join(SRC, "mappings", "koerskaart-json.json")
    for t in (t_stdin_stdout, t_reports, t_jobs, t_lock, t_symlink, t_kill,
              t_skip, t_fail_fast, t_json_log, t_document_date):
        t()
    failed = 0
    for name, err in results:
        print(("ok   " if not err else "FAIL ") + name +
              ("" if not err else ": " + err))
        failed += bool(err)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
