#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""An administrator's mistakes, each one clear line (issue 17).

Each case makes one of the mistakes a new user made (the issue's table)
and checks what they get back: the right exit code, at most a handful of
lines on standard error, a message that names the fix, and nothing
written that loses data (an output folder from an earlier run keeps its
documents and its SHA256SUMS).

    guard_test.py BINARY SRC_ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

BIN = SRC = TMP = None
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
ENV.pop("L2E_MAPPINGS_PATH", None)
results = []
CASES = []


def run(args, stdin=b"", env=None):
    return subprocess.run([BIN] + args, input=stdin, capture_output=True,
                          env=env or ENV, timeout=120)


def case(fn):
    CASES.append(fn)
    return fn


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def lines(p):
    return [l for l in p.stderr.decode("utf-8", "replace").splitlines() if l]


def mapping(name):
    return os.path.join(SRC, "mappings", name + ".json")


def sample(*parts):
    return os.path.join(SRC, "samples", *parts)


def earlier_run():
    """An output folder as a good earlier run left it: (dir, SHA256SUMS)."""
    out = tempfile.mkdtemp(dir=TMP)
    p = run(["convert", "-q", "-m", mapping("koerskaart-json"), "-o", out,
             sample("koerskaart-json", "export-page1.json")])
    expect(p.returncode in (0, 1), "earlier run failed: %r" % p.stderr)
    with open(os.path.join(out, "SHA256SUMS"), "rb") as f:
        sums = f.read()
    expect(sums, "earlier run wrote an empty SHA256SUMS")
    return out, sums


def mistake(args, rc, fix, max_lines=2, stdin=b""):
    """Run a mistake into an earlier run's folder and check the answer."""
    out, sums = earlier_run()
    docs = sorted(os.listdir(out))
    p = run(["convert", "-o", out] + args, stdin=stdin)
    got = lines(p)
    expect(p.returncode == rc, "exit %d, not %d: %s"
           % (p.returncode, rc, got[:3]))
    expect(1 <= len(got) <= max_lines,
           "%d lines on stderr, want 1..%d: %s" % (len(got), max_lines,
                                                   got[:5]))
    expect(any(fix in l for l in got), "no %r in %s" % (fix, got))
    with open(os.path.join(out, "SHA256SUMS"), "rb") as f:
        expect(f.read() == sums, "SHA256SUMS of the earlier run changed")
    expect(sorted(os.listdir(out)) == docs, "the output folder changed")
    return got


def workbook(path):
    """An .xlsx as a spreadsheet program writes it (xlsxwriter if there)."""
    try:
        import xlsxwriter
        wb = xlsxwriter.Workbook(path)
        ws = wb.add_worksheet("studenten")
        ws.write_row(0, 0, ["Studentnummer", "Achternaam"])
        ws.write_row(1, 0, ["0213307", "Jansen"])
        wb.close()
    except ImportError:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("xl/workbook.xml", "<workbook/>")
            z.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")


# ==== 1. a CSV-bundle mapping given one file, or the file on stdin ====

@case
def bundle_given_one_file():
    mistake(["-m", mapping("voorbeeldsis-csv"),
             sample("voorbeeldsis-csv", "studenten.csv")], 3,
            "give the folder that holds them")


@case
def bundle_given_stdin():
    with open(sample("voorbeeldsis-csv", "studenten.csv"), "rb") as f:
        data = f.read()
    mistake(["-m", mapping("voorbeeldsis-csv"), "-"], 3,
            "give the folder that holds them", stdin=data)


# ==== 2. the export did not arrive ====

@case
def empty_folder():
    empty = tempfile.mkdtemp(dir=TMP)
    mistake(["-m", mapping("koerskaart-json"), empty], 3, "--allow-empty")


@case
def empty_folder_allowed():
    empty = tempfile.mkdtemp(dir=TMP)
    out = tempfile.mkdtemp(dir=TMP)
    p = run(["convert", "--allow-empty", "-m", mapping("koerskaart-json"),
             "-o", out, empty])
    expect(p.returncode == 0, "exit %d with --allow-empty" % p.returncode)


@case
def empty_stream():
    mistake(["-m", mapping("koerskaart-json"), "-"], 3,
            "check that the export arrived")


@case
def empty_file():
    path = os.path.join(TMP, "leeg.json")
    open(path, "w").close()
    mistake(["-m", mapping("koerskaart-json"), path], 3,
            "check that the export arrived")


@case
def no_records_at_all():
    path = os.path.join(TMP, "geen.json")
    with open(path, "w") as f:
        json.dump({"items": []}, f)
    mistake(["-m", mapping("koerskaart-json"), path], 3,
            "no student records in the input")


# ==== 3. the wrong mapping for the export ====

@case
def json_mapping_on_csv_folder():
    mistake(["-m", mapping("koerskaart-json"), sample("voorbeeldsis-csv")],
            3, "no JSON export in this folder")


@case
def json_mapping_on_xml():
    mistake(["-m", mapping("koerskaart-json"),
             sample("leerlingadmin-xml", "export.xml")], 3,
            "looks like XML; mapping 'koerskaart-json' reads JSON exports: "
            "use a mapping for this kind of export")


@case
def csv_mapping_on_pretty_json():
    path = os.path.join(TMP, "export.json")
    with open(sample("koerskaart-json", "export-page1.json")) as f:
        data = json.load(f)
    with open(path, "w") as f:
        json.dump(data, f, indent=4)
    mistake(["-m", mapping("voorbeeldsis-csv"), path], 3,
            "looks like JSON; mapping 'voorbeeldsis-csv' reads a CSV bundle")


# ==== 4. an Excel workbook given as the CSV ====

@case
def workbook_as_csv():
    # a workbook is read as the bundle (its sheets the tables); one that
    # is only the students' sheet says which tables it lacks
    path = os.path.join(TMP, "studenten.xlsx")
    workbook(path)
    got = mistake(["-m", mapping("voorbeeldsis-csv"), path], 3,
                  "has no sheet \"opleidingen\" (a table of the mapping); "
                  "its sheets are \"studenten\"")
    expect(any("rename the sheet, or give the table a \"sheet\"" in l
               for l in got), "no fix in %s" % got)
    # a JSON mapping given a workbook: what it is and the fix
    mistake(["-m", mapping("koerskaart-json"), path], 3,
            "is an Excel workbook; mapping 'koerskaart-json' reads JSON")


# ==== 5. a folder of PDFs ====

@case
def folder_of_pdfs():
    d = tempfile.mkdtemp(dir=TMP)
    for n in ("a", "b", "c"):
        with open(os.path.join(d, n + ".pdf"), "wb") as f:
            f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    got = mistake(["-m", mapping("koerskaart-json"), d], 3,
                  "no JSON export in this folder (it holds a.pdf, b.pdf, "
                  "c.pdf)")


@case
def pdf_named_json():
    path = os.path.join(TMP, "export-pdf.json")
    with open(path, "wb") as f:
        f.write(b"%PDF-1.7\n" + bytes(range(256)))
    mistake(["-m", mapping("koerskaart-json"), path], 3,
            "is a PDF document; mapping 'koerskaart-json' reads JSON "
            "exports: a PDF is a printout")


# ==== 6. a misspelled mapping name or option ====

def one_error(args, rc, *wanted, env=None):
    p = run(args, env=env)
    got = lines(p)
    expect(p.returncode == rc, "exit %d, not %d: %s"
           % (p.returncode, rc, got))
    expect(1 <= len(got) <= 2, "%d lines: %s" % (len(got), got))
    for w in wanted:
        expect(w in got[0], "no %r in %r" % (w, got[0]))
    return got


@case
def misspelled_mapping_name():
    env = dict(ENV, L2E_MAPPINGS_PATH=os.path.join(SRC, "mappings"))
    one_error(["convert", "-m", "koerskaart-jsn", sample("koerskaart-json")],
              2, "mapping 'koerskaart-jsn' not found",
              os.path.join(SRC, "mappings"),
              "did you mean 'koerskaart-json'?", "lob2europass mapping list",
              env=env)


@case
def misspelled_mapping_file():
    one_error(["convert", "-m", mapping("koerskaart-jsno"),
               sample("koerskaart-json")], 2,
              "did you mean '%s'?" % mapping("koerskaart-json"))


@case
def misspelled_option_command_format():
    one_error(["convert", "--ot", "x"], 2,
              "unknown option '--ot'; did you mean '--out'?")
    one_error(["convert", "--alow-empty"], 2, "did you mean '--allow-empty'")
    one_error(["convrt"], 2, "did you mean 'convert'?")
    p = run(["convert", "-m", mapping("koerskaart-json"), "--to",
             "europass-jsno", "x"])
    expect(p.returncode == 2, "exit %d for a bad format" % p.returncode)
    expect("did you mean 'europass-json'?" in lines(p)[0], lines(p))
    # the last part of a name is taken for the name when only one has it
    p = run(["convert", "-m", mapping("koerskaart-json"), "--to", "xml",
             "x"])
    expect(p.returncode == 2, "exit %d for format xml" % p.returncode)
    expect("did you mean 'europass-xml'?" in lines(p)[0], lines(p))
    # nothing close: no guess
    got = one_error(["convert", "--frobnicate"], 2, "unknown option")
    expect("did you mean" not in got[0], got)


@case
def export_given_as_mapping():
    for export in (sample("koerskaart-json", "export-page1.json"),
                   sample("leerlingadmin-xml", "export.xml"),
                   sample("voorbeeldsis-csv", "studenten.csv")):
        one_error(["convert", "-m", export, sample("koerskaart-json")], 4,
                  "this is not a mapping file", "(an export?)",
                  "give the export as INPUT")


@case
def mapping_list():
    env = dict(ENV, L2E_MAPPINGS_PATH=os.path.join(SRC, "mappings"))
    p = run(["mapping", "list"], env=env)
    out = p.stdout.decode()
    expect(p.returncode == 0, "exit %d" % p.returncode)
    for name in ("koerskaart-json", "leerlingadmin-xml", "voorbeeldsis-csv"):
        rows = [l for l in out.splitlines() if l.split()[:1] == [name]]
        expect(len(rows) == 1, "%s not listed once: %s" % (name, out))
        expect(len(rows[0]) <= 80 and len(rows[0].split()) > 3,
               "no one-line description: %r" % rows[0])
    expect("mapping.schema" not in out, "the schema is listed as a mapping")


# ==== repeated findings, capped per input ====

def keyless(n):
    path = os.path.join(TMP, "andere-export.jsonl")
    with open(path, "w") as f:
        for i in range(n):
            f.write(json.dumps({"id": i, "naam": "x"}) + "\n")
    return path


@case
def repeated_findings_capped():
    out = tempfile.mkdtemp(dir=TMP)
    p = run(["convert", "-m", mapping("koerskaart-json"), "-o", out,
             keyless(1000)])
    got = lines(p)
    expect(p.returncode == 1, "exit %d, want 1" % p.returncode)
    expect(len(got) == 23, "%d lines, want 20 + more + cause + summary"
           % len(got))
    expect(sum("record has no dossier key" in l for l in got) == 22,
           "not 20 findings and 2 summaries: %s" % got[-4:])
    expect(any("… 980 more like this in " in l for l in got),
           "no count of the rest: %s" % got[-3:])
    expect(any("1,000 of 1,000 dossiers fail the same way" in l and
               "is mapping 'koerskaart-json' the right one" in l
               for l in got), "no likely cause: %s" % got[-3:])


@case
def repeated_findings_option():
    out = tempfile.mkdtemp(dir=TMP)
    path = keyless(30)
    p = run(["convert", "--max-repeats", "0", "-m",
             mapping("koerskaart-json"), "-o", out, path])
    got = lines(p)
    expect(sum("record has no dossier key at" in l and "more like" not in l
               and "fail the same way" not in l for l in got) == 30,
           "--max-repeats 0 does not show all: %d lines" % len(got))
    p = run(["convert", "--max-repeats", "3", "--log-format", "json", "-m",
             mapping("koerskaart-json"), "-o", out, path])
    objs = [json.loads(l) for l in lines(p)]
    expect(sum(o.get("level") == "error" and "line" in o for o in objs) == 3,
           "--max-repeats 3 shows %d" % len(objs))
    expect(any("27 more like this" in o.get("message", "") for o in objs),
           "no count of the rest in JSON: %s" % objs[-3:])


# ==== a sample folder with a README and expected/ folders ====

@case
def folder_reads_only_its_exports():
    out = tempfile.mkdtemp(dir=TMP)
    p = run(["convert", "-m", mapping("koerskaart-json"), "-o", out,
             sample("koerskaart-json")])
    got = lines(p)
    skipped = [l for l in got if "skipped 4 entries" in l]
    expect(len(skipped) == 1, "want one 'skipped' line: %s" % got)
    expect("README.md, expected-cv/, expected-json/, expected/" in
           skipped[0], "the skipped entries are not named: %s" % skipped)
    expect(p.returncode == 1, "exit %d, want 1 (one rejected dossier)"
           % p.returncode)
    expect(len(got) < 12, "%d lines: %s" % (len(got), got))


@case
def folder_with_one_stranger():
    # one entry: one sentence in the singular, not pieces of the plural
    d = tempfile.mkdtemp(dir=TMP)
    shutil.copy(sample("koerskaart-json", "export-page1.json"), d)
    with open(os.path.join(d, "notes.txt"), "w") as f:
        f.write("not an export\n")
    out = tempfile.mkdtemp(dir=TMP)
    p = run(["convert", "-m", mapping("koerskaart-json"), "-o", out, d])
    got = [l for l in lines(p) if "entr" in l]
    expect(len(got) == 1 and
           got[0].endswith(": skipped 1 entry that is not JSON: notes.txt"),
           "want one singular 'skipped' line: %s" % lines(p))


@case
def out_folder_without_parent():
    # the folder is made, its parents are not: a typo makes no tree
    d = tempfile.mkdtemp(dir=TMP)
    target = os.path.join(d, "nachtelijk", "europass")
    one_error(["convert", "-m", mapping("koerskaart-json"), "-o", target,
               sample("koerskaart-json", "export-page1.json")], 5,
              "cannot make the folder %s: %s does not exist (make it "
              "first" % (target, os.path.join(d, "nachtelijk")))
    expect(os.listdir(d) == [], "something was made: %s" % os.listdir(d))


# ==== machine-readable to the end ====

@case
def json_log_every_line():
    for args in (["--ot", "x"], ["-m", "koerskaart-jsn", "x"],
                 ["-m", sample("koerskaart-json", "export-page1.json"), "x"],
                 ["-m", mapping("koerskaart-json"), "--to", "europass-jsn",
                  "x"],
                 ["-m", mapping("koerskaart-json"),
                  sample("leerlingadmin-xml", "export.xml")],
                 ["-m", mapping("koerskaart-json"), sample("koerskaart-json")],
                 []):
        p = run(["convert", "--log-format", "json"] + args)
        got = lines(p)
        expect(got, "no message for %s" % args)
        for l in got:
            try:
                obj = json.loads(l)
            except ValueError:
                raise AssertionError("not JSON for %s: %r" % (args, l))
            expect(obj.get("level") in ("error", "warning", "info"),
                   "no level: %r" % l)
            expect(not obj.get("message", "").startswith("lob2europass"),
                   "prefix left in %r" % l)


def big_export(n):
    path = os.path.join(TMP, "big-%d.jsonl" % n)
    if not os.path.exists(path):
        with open(path, "w") as f:
            for i in range(1, n + 1):
                f.write(json.dumps({
                    "primaryCode": {"codeType": "student_number",
                                    "code": "%07d" % i},
                    "givenName": "Student", "surname": "V%d" % i,
                    "consent": {"europassExport": True}}) + "\n")
    return path


@case
def report_run_metadata():
    import hashlib
    outs = []
    for k in range(2):
        out = tempfile.mkdtemp(dir=TMP)
        rep = os.path.join(TMP, "r%d.json" % k)
        p = run(["convert", "-q", "-m", mapping("koerskaart-json"), "-o",
                 out, "--report", rep, sample("koerskaart-json")])
        expect(p.returncode == 1, "exit %d" % p.returncode)
        with open(rep) as f:
            meta = json.load(f)["run"]
        outs.append(out)
    with open(mapping("koerskaart-json"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    expect(meta["tool"] == "lob2europass" and meta["version"], meta)
    expect(meta["mapping"]["name"] == "koerskaart-json", meta)
    expect(meta["mapping"]["sha256"] == sha, "mapping hash %r" % meta)
    expect(meta["inputs"] == [sample("koerskaart-json")], meta)
    expect(meta["started"].endswith("Z") and meta["duration_seconds"] >= 0,
           meta)
    # the documents stay deterministic: the metadata is the report's only
    for name in os.listdir(outs[0]):
        if name.startswith("."):
            continue
        with open(os.path.join(outs[0], name), "rb") as a, \
                open(os.path.join(outs[1], name), "rb") as b:
            expect(a.read() == b.read(), "%s differs between runs" % name)


@case
def report_names_redacted():
    d = tempfile.mkdtemp(dir=TMP)
    path = os.path.join(d, "leerling-123456782.json")  # a valid BSN
    shutil.copy(sample("koerskaart-json", "export-page1.json"), path)
    rep = os.path.join(TMP, "rbsn.json")
    run(["convert", "-q", "-m", mapping("koerskaart-json"), "-o",
         tempfile.mkdtemp(dir=TMP), "--report", rep, path])
    with open(rep) as f:
        meta = json.load(f)["run"]
    expect("123456782" not in json.dumps(meta), "BSN in run: %r" % meta)


@case
def no_temp_files_after_signals():
    import signal
    import time
    src = big_export(40000)
    for sig in (signal.SIGINT, signal.SIGTERM):
        d = tempfile.mkdtemp(dir=TMP)
        out = os.path.join(d, "out")
        p = subprocess.Popen([BIN, "convert", "-q", "-j1", "-m",
                              mapping("koerskaart-json"), "-o", out,
                              "--report", os.path.join(d, "r.json"),
                              "--report-csv", os.path.join(d, "r.csv"),
                              src], env=ENV)
        time.sleep(0.3)
        p.send_signal(sig)
        rc = p.wait()
        expect(rc == -sig, "ended with %d after signal %d" % (rc, sig))
        left = [n for n in os.listdir(d) if n != "out"]
        expect(not left, "left beside the report: %s" % left)
    # a closed pipe (| head): killed by SIGPIPE, no report temp file
    d = tempfile.mkdtemp(dir=TMP)
    p = subprocess.Popen([BIN, "convert", "-q", "-m",
                          mapping("koerskaart-json"), "-o", "-",
                          "--report", os.path.join(d, "r.json"), src],
                         stdout=subprocess.PIPE, env=ENV)
    p.stdout.read(100)
    p.stdout.close()
    rc = p.wait()
    expect(rc == -signal.SIGPIPE, "ended with %d, not SIGPIPE" % rc)
    expect(not os.listdir(d), "left after SIGPIPE: %s" % os.listdir(d))


@case
def term_dumb_no_escape_codes():
    import pty
    src = big_export(40000)
    for term, extra in (("dumb", []), ("xterm", ["--no-progress"])):
        master, slave = pty.openpty()
        p = subprocess.Popen([BIN, "convert", "-j1", "-m",
                              mapping("koerskaart-json"), "-o",
                              tempfile.mkdtemp(dir=TMP)] + extra + [src],
                             stderr=slave, stdout=subprocess.DEVNULL,
                             env=dict(ENV, TERM=term))
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        p.wait()
        os.close(master)
        expect(b"\x1b" not in seen, "escape codes with TERM=%s %s: %r"
               % (term, extra, seen[:80]))
        expect(b"converted" in seen, "no summary on the terminal: %r"
               % seen[-200:])


def main():
    global BIN, SRC, TMP
    BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    TMP = tempfile.mkdtemp(prefix="l2e-guard.")
    only = sys.argv[3:]
    for fn in CASES:
        if only and fn.__name__ not in only:
            continue
        try:
            fn()
            results.append((fn.__name__, None))
        except AssertionError as e:
            results.append((fn.__name__, str(e) or "assertion failed"))
    failed = 0
    for name, err in results:
        print("%s: %s" % ("FAIL" if err else "ok", name) +
              (": " + err if err else ""))
        failed += err is not None
    shutil.rmtree(TMP, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
