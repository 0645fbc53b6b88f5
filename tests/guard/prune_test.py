#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""--prune and --dry-run (issue 17, part 4): withdrawn consent and
students who left.

Each case starts from an output folder a good earlier run left, changes
the export as a school's would change (a student withdraws consent,
leaves, a format is dropped, the export arrives half), and checks the
folder afterwards: which documents are gone and which stay, what
SHA256SUMS lists, the report, the messages and the exit code. A
loopback HTTP server (started here, on 127.0.0.1) stands in for the
--deliver target and records every request, so the DELETE of a removed
document is checked on the wire. A user's own files in the folder are
never touched.

    prune_test.py BINARY SRC_ROOT [CASE...]
"""
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

BIN = SRC = TMP = None
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1751526900", LANG="C",
           LC_ALL="C")
for v in ("L2E_MAPPINGS_PATH", "LOB2EUROPASS_DELIVER_AUTH", "http_proxy",
          "HTTP_PROXY", "ALL_PROXY"):
    ENV.pop(v, None)
results = []
CASES = []
XML = ".europass.xml"
BSN = "123456782"  # passes the 11-proof
JSON = ".europass.json"


def case(fn):
    CASES.append(fn)
    return fn


def expect(cond, msg):
    if not cond:
        raise AssertionError(msg)


def student(i, consent=True, surname=None):
    return {
        "primaryCode": {"codeType": "student_number", "code": "%07d" % i},
        "givenName": "Student", "surname": surname or "Voorbeeld%d" % i,
        "consent": {"europassExport": consent},
        "programmes": [{"name": [{"language": "nl-NL", "value": "Kok"}],
                        "level": "secondary_vocational_education_2",
                        "startDate": "2024-08-01", "state": "active"}],
    }


def export(students):
    path = tempfile.mktemp(suffix=".ndjson", dir=TMP)
    with open(path, "w") as f:
        for s in students:
            f.write(json.dumps(s) + "\n")
    return path


def convert(out, inputs, *extra):
    mapping = os.path.join(SRC, "mappings", "koerskaart-json.json")
    if isinstance(inputs, str):
        inputs = [inputs]
    return subprocess.run([BIN, "convert", "-m", mapping, "-o", out] +
                          list(extra) + inputs, capture_output=True,
                          env=ENV, timeout=120)


def err(p):
    return p.stderr.decode("utf-8", "replace")


def documents(out):
    return sorted(f for f in os.listdir(out)
                  if f.endswith(XML) or f.endswith(JSON))


def sums(out):
    with open(os.path.join(out, "SHA256SUMS")) as f:
        return dict(reversed(l.rstrip("\n").split("  ", 1)) for l in f)


def consistent(out, user_files=()):
    """The folder's documents are exactly SHA256SUMS, hashes right."""
    listed = sums(out)
    docs = [f for f in os.listdir(out) if not f.startswith(".") and
            f not in ("SHA256SUMS",) and f not in user_files]
    expect(sorted(docs) == sorted(listed),
           "folder %s != SHA256SUMS %s" % (sorted(docs)[:6],
                                          sorted(listed)[:6]))
    for name, sha in listed.items():
        with open(os.path.join(out, name), "rb") as f:
            expect(hashlib.sha256(f.read()).hexdigest() == sha,
                   "%s does not match SHA256SUMS" % name)


def earlier_run(n=5, formats="europass-xml"):
    """A folder as a good nightly run left it, with a user's own files."""
    out = tempfile.mkdtemp(dir=TMP)
    p = convert(out, export(student(i) for i in range(1, n + 1)), "-q",
                "--to", formats)
    expect(p.returncode == 0, "earlier run: %s" % err(p))
    with open(os.path.join(out, "notes.txt"), "w") as f:
        f.write("the administrator's own notes\n")
    # a user's own file with a name like ours, never listed by us
    with open(os.path.join(out, "0000099" + XML), "w") as f:
        f.write("<mine/>\n")
    return out


USER_FILES = ("notes.txt", "0000099" + XML)


def user_files_intact(out):
    with open(os.path.join(out, "notes.txt")) as f:
        expect(f.read() == "the administrator's own notes\n",
               "notes.txt changed")
    with open(os.path.join(out, "0000099" + XML)) as f:
        expect(f.read() == "<mine/>\n", "the user's own .xml changed")


# ---- the loopback delivery target ----

class Target(http.server.BaseHTTPRequestHandler):
    requests = []
    fail_delete = False

    def log_message(self, *args):
        pass

    def answer(self, status):
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self):
        n = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(n)
        Target.requests.append(("PUT", self.path))
        self.answer(201)

    def do_POST(self):
        self.do_PUT()
        Target.requests[-1] = ("POST", self.path)

    def do_DELETE(self):
        Target.requests.append(("DELETE", self.path))
        if Target.fail_delete:
            return self.answer(503)
        if self.path.endswith("0000004" + XML):
            return self.answer(404)  # gone already: fine
        self.answer(204)


def target():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Target)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, "http://127.0.0.1:%d/store/{file}" % srv.server_address[1]


# ---- the cases ----

@case
def consent_withdrawn_removed_here_and_at_the_target():
    srv, url = target()
    try:
        out = earlier_run()
        Target.requests = []
        report = os.path.join(TMP, "r-consent.json")
        p = convert(out, export([student(1), student(2, consent=False),
                                 student(3), student(4), student(5)]),
                    "--prune", "--allow-http", "--deliver", url,
                    "--deliver-method", "put", "--report", report,
                    "--report-html", report + ".html")
        expect(p.returncode == 0, "exit %d: %s" % (p.returncode, err(p)))
        expect(not os.path.exists(os.path.join(out, "0000002" + XML)),
               "the withdrawn student's document is still there")
        expect("0000002" + XML not in sums(out), "still in SHA256SUMS")
        consistent(out, USER_FILES)
        user_files_intact(out)
        expect(("DELETE", "/store/0000002" + XML) in Target.requests,
               "no DELETE at the target: %s" % Target.requests)
        deletes = [r for r in Target.requests if r[0] == "DELETE"]
        expect(len(deletes) == 1, "DELETEs: %s" % deletes)
        expect("0000002%s: removed (consent withdrawn)" % XML in err(p),
               "no removal line: %s" % err(p))
        with open(report) as f:
            rep = json.load(f)
        gone = [d for d in rep["dossiers"] if d["status"] == "removed"]
        expect(len(gone) == 1 and gone[0]["key"] == "0000002" and
               gone[0]["outputs"] == ["0000002" + XML] and
               gone[0]["findings"][0]["message"] == "consent withdrawn",
               "report: %s" % gone)
        with open(report + ".html") as f:
            page = f.read()
        expect("<td>removed</td><td>consent withdrawn</td>" in page and
               "documents removed</th><td class=\"n\">1<" in page,
               "the HTML report does not show the removal")
        expect(rep["totals"]["removed"] == 1 and
               rep["totals"]["dossiers"] == 5,
               "totals: %s" % rep["totals"])
    finally:
        srv.shutdown()


@case
def student_left_the_export():
    out = earlier_run()
    p = convert(out, export([student(i) for i in (1, 2, 4, 5)]), "--prune",
                "--log-format", "json")
    expect(p.returncode == 0, "exit %d: %s" % (p.returncode, err(p)))
    expect(documents(out) == sorted(["0000%03d%s" % (i, XML)
                                     for i in (1, 2, 4, 5, 99)]),
           "left: %s" % documents(out))
    consistent(out, USER_FILES)
    user_files_intact(out)
    logs = [json.loads(l) for l in err(p).splitlines() if l]
    removed = [l for l in logs if l.get("status") == "removed"]
    expect(len(removed) == 1 and removed[0]["document"] == "0000003" + XML
           and removed[0]["reason"] == "not in the export any more"
           and removed[0]["dossier"] == "0000003",
           "JSON log: %s" % removed)
    expect(logs[-1].get("removed") == 1, "summary: %s" % logs[-1])


@case
def format_no_longer_asked_for():
    out = earlier_run(formats="europass-xml,europass-json")
    csv = os.path.join(TMP, "r-format.csv")
    p = convert(out, export(student(i) for i in range(1, 6)), "--prune",
                "--to", "europass-xml", "--report-csv", csv)
    expect(p.returncode == 0, "exit %d: %s" % (p.returncode, err(p)))
    expect(not any(f.endswith(JSON) for f in documents(out)),
           "JSON documents stay: %s" % documents(out))
    consistent(out, USER_FILES)
    with open(csv, encoding="utf-8-sig") as f:
        rows = [l for l in f.read().splitlines() if '"removed"' in l]
    expect(len(rows) == 5 and all("format no longer asked for" in r
                                  for r in rows), "CSV: %s" % rows[:2])


@case
def user_files_never_removed_even_when_listed():
    """A SHA256SUMS edited by hand to list a user's file, a folder and a
    link: none of them is removed."""
    out = earlier_run()
    os.mkdir(os.path.join(out, "0000098" + XML))
    os.symlink("notes.txt", os.path.join(out, "0000097" + XML))
    with open(os.path.join(out, "SHA256SUMS"), "a") as f:
        for name in ("notes.txt", "0000098" + XML, "0000097" + XML,
                     "../outside" + XML, ".lob2europass-state",
                     BSN + XML):
            f.write("%s  %s\n" % ("0" * 64, name))
    # a name that is a national identifier is never one of ours: not
    # removed, and never shown
    with open(os.path.join(out, BSN + XML), "w") as f:
        f.write("<x/>")
    outside = os.path.join(os.path.dirname(out), "outside" + XML)
    with open(outside, "w") as f:
        f.write("x")
    p = convert(out, export(student(i) for i in range(1, 6)), "--prune")
    expect(p.returncode == 0, "exit %d: %s" % (p.returncode, err(p)))
    user_files_intact(out)
    for name in ("0000098" + XML, "0000097" + XML, ".lob2europass-state",
                 BSN + XML):
        expect(os.path.lexists(os.path.join(out, name)), "%s gone" % name)
    expect(BSN not in err(p) + p.stdout.decode(), "the BSN was shown")
    expect(os.path.exists(outside), "a file outside the folder is gone")
    expect("removed" not in err(p).replace("0 removed", ""),
           "something removed: %s" % err(p))


@case
def failed_input_refuses_then_force():
    out = earlier_run()
    before = documents(out)
    broken = os.path.join(TMP, "broken.json")
    with open(broken, "w") as f:
        f.write('{"students": [ {"primaryCode": ')
    good = export([student(i) for i in (1, 2)])
    p = convert(out, [good, broken], "--prune")
    expect(p.returncode == 3, "exit %d: %s" % (p.returncode, err(p)))
    expect("not pruning: part of the input could not be read" in err(p)
           and "--force-prune" in err(p), "reason: %s" % err(p))
    expect(documents(out) == before, "removed: %s" % documents(out))
    p = convert(out, [good, broken], "--force-prune")
    expect(p.returncode == 3, "forced exit %d: %s" % (p.returncode, err(p)))
    expect("pruning although" in err(p), "no warning: %s" % err(p))
    expect(documents(out) == sorted(["0000001" + XML, "0000002" + XML,
                                     "0000099" + XML]),
           "forced: %s" % documents(out))
    consistent(out, USER_FILES)
    user_files_intact(out)


@case
def fewer_than_half_refuses_until_forced():
    out = earlier_run(n=10)
    before = documents(out)
    half = export(student(i) for i in range(1, 5))  # 4 of 10
    p = convert(out, half, "--prune")
    expect(p.returncode == 3, "exit %d: %s" % (p.returncode, err(p)))
    expect("4 dossiers, 40 % of the last run's 10 (--prune-min-share 50)"
           in err(p), "reason: %s" % err(p))
    expect(documents(out) == before, "removed: %s" % documents(out))
    # the same half export the next night: the share is still of 10
    p = convert(out, half, "--prune")
    expect(p.returncode == 3 and documents(out) == before,
           "second night: exit %d, %s" % (p.returncode, documents(out)))
    p = convert(out, half, "--prune", "--prune-min-share", "40")
    expect(p.returncode == 0, "min-share 40: %d %s" % (p.returncode, err(p)))
    expect(len(documents(out)) == 5, "left: %s" % documents(out))
    consistent(out, USER_FILES)
    out = earlier_run(n=10)
    p = convert(out, half, "--force-prune")
    expect(p.returncode == 0 and len(documents(out)) == 5,
           "forced: %d %s" % (p.returncode, documents(out)))
    consistent(out, USER_FILES)


@case
def refused_prune_is_remembered():
    """A refused run writes SHA256SUMS without the old documents; a later
    forced run still knows they are ours."""
    out = earlier_run(n=10)
    half = export(student(i) for i in range(1, 5))
    convert(out, half, "--prune")
    p = convert(out, half)  # a run without --prune in between
    expect(p.returncode == 0, "plain run: %s" % err(p))
    p = convert(out, half, "--force-prune")
    expect(p.returncode == 0 and len(documents(out)) == 5,
           "forced later: %d %s" % (p.returncode, documents(out)))
    consistent(out, USER_FILES)
    user_files_intact(out)


@case
def rejected_dossier_keeps_its_documents():
    out = earlier_run()
    bad = student(3)
    bad["surname"] = ""  # required by the mapping: rejected
    p = convert(out, export([student(1), student(2), bad, student(4),
                             student(5)]), "--prune")
    expect(p.returncode == 1, "exit %d: %s" % (p.returncode, err(p)))
    expect("rejected" in err(p), err(p))
    expect(os.path.exists(os.path.join(out, "0000003" + XML)),
           "a rejected dossier's document was removed")
    expect("0000003" + XML not in sums(out), "still listed")
    # it stays ours: removed once the student is gone from the export
    p = convert(out, export([student(i) for i in (1, 2, 4, 5)]), "--prune")
    expect(p.returncode == 0 and
           not os.path.exists(os.path.join(out, "0000003" + XML)),
           "later: %d %s" % (p.returncode, err(p)))
    consistent(out, USER_FILES)


@case
def failed_delete_keeps_the_document_for_the_next_run():
    srv, url = target()
    try:
        out = earlier_run()
        Target.requests = []
        Target.fail_delete = True
        inp = export([student(i) for i in (1, 2, 3, 5)])
        p = convert(out, inp, "--prune", "--allow-http", "--deliver", url,
                    "--retries", "1")
        expect(p.returncode == 1, "exit %d: %s" % (p.returncode, err(p)))
        deletes = [r for r in Target.requests if r[0] == "DELETE"]
        expect(len(deletes) == 2, "not retried: %s" % deletes)
        expect("not removed at the target" in err(p), err(p))
        expect(os.path.exists(os.path.join(out, "0000004" + XML)),
               "removed here although the target still has it")
        Target.fail_delete = False
        p = convert(out, inp, "--prune", "--allow-http", "--deliver", url)
        expect(p.returncode == 0, "rerun %d: %s" % (p.returncode, err(p)))
        expect(not os.path.exists(os.path.join(out, "0000004" + XML)),
               "not removed on the next run")
        consistent(out, USER_FILES)
    finally:
        Target.fail_delete = False
        srv.shutdown()


def snapshot(top):
    """Every path under top with its kind, size, mtime and bytes."""
    seen = {}
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            path = os.path.join(root, name)
            st = os.lstat(path)
            data = b""
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as f:
                    data = f.read()
            seen[os.path.relpath(path, top)] = (st.st_mode, st.st_size,
                                                st.st_mtime_ns, data)
    return seen


def plan(p):
    lines = p.stdout.decode().splitlines()
    got = {}
    for l in lines[:-1]:
        word, name = l.split()[:2]
        got[name] = word
    return got, lines[-1] if lines else ""


@case
def dry_run_writes_nothing_and_lists_the_plan():
    out = earlier_run(formats="europass-xml")
    inp = export([student(1), student(2, surname="Anders"),
                  student(3, consent=False), student(5), student(6)])
    one = export([student(1)])
    before = snapshot(TMP)
    p = convert(out, inp, "--prune", "--dry-run")
    expect(p.returncode == 0, "exit %d: %s" % (p.returncode, err(p)))
    expect(snapshot(TMP) == before, "the dry run changed files")
    got, summary = plan(p)
    want = {"0000001" + XML: "keep", "0000002" + XML: "change",
            "0000003" + XML: "remove", "0000004" + XML: "remove",
            "0000005" + XML: "keep", "0000006" + XML: "write"}
    expect(got == want, "plan %s, want %s" % (got, want))
    expect("(consent withdrawn)" in p.stdout.decode() and
           "(not in the export any more)" in p.stdout.decode(),
           p.stdout.decode())
    expect(summary == "dry run: 1 to write, 1 to change, 2 to keep, 2 to "
           "remove, 0 stale; nothing was written", summary)
    # without --prune: the left ones are stale, not removed
    p = convert(out, inp, "--dry-run")
    got, summary = plan(p)
    expect(got["0000003" + XML] == "stale" and
           got["0000004" + XML] == "stale", "plan: %s" % got)
    expect(snapshot(TMP) == before, "the dry run changed files")
    # a refused prune: stale, the reason, and the exit code of the run
    p = convert(out, one, "--prune", "--dry-run")
    expect(p.returncode == 3 and "not pruning" in err(p),
           "refused dry run: %d %s" % (p.returncode, err(p)))
    expect("remove" not in plan(p)[0].values(), "plan: %s" % plan(p)[0])
    # a folder that is not there is not made
    new = os.path.join(TMP, "not-there")
    p = convert(new, inp, "--dry-run", "--to",
                "europass-xml,europass-json")
    expect(p.returncode == 0 and not os.path.exists(new),
           "dry run into a new folder: %d %s" % (p.returncode, err(p)))
    expect(set(plan(p)[0].values()) == {"write"}, "plan: %s" % plan(p)[0])
    expect(snapshot(TMP) == before, "the dry run changed files")
    # and it does exactly what the plan said
    p = convert(out, inp, "--prune")
    expect(p.returncode == 0, "real run: %s" % err(p))
    expect(documents(out) == sorted(["0000%03d%s" % (i, XML)
                                     for i in (1, 2, 5, 6, 99)]),
           "after the real run: %s" % documents(out))


@case
def usage_errors_name_the_fix():
    inp = export([student(1)])
    zip_out = os.path.join(TMP, "all.zip")
    for args, fix in (
            (["-o", zip_out, "--prune"], "leave --prune out"),
            (["--prune"], "--prune needs --out DIR"),
            (["-o", "-", "--dry-run"], "--dry-run needs --out DIR"),
            (["-o", zip_out, "--dry-run"], "--dry-run needs --out DIR"),
            (["-o", TMP + "/u", "--prune-min-share", "50"],
             "--prune-min-share goes with --prune"),
            (["-o", TMP + "/u", "--prune", "--prune-min-share", "101"],
             "a whole number from 0 to 100"),
            (["-o", TMP + "/u", "--dry-run", "--report", TMP + "/r.json"],
             "leave out --report"),
            (["-o", TMP + "/u", "--prune", "--allow-http", "--deliver",
              "http://127.0.0.1:9/inbox"], "{file} in the URL"),
            (["-o", TMP + "/u", "--prnue"], "did you mean '--prune'")):
        mapping = os.path.join(SRC, "mappings", "koerskaart-json.json")
        p = subprocess.run([BIN, "convert", "-m", mapping] + args + [inp],
                           capture_output=True, env=ENV, timeout=60)
        expect(p.returncode == 2, "%s: exit %d" % (args, p.returncode))
        expect(fix in err(p), "%s: %s" % (args, err(p)))
        expect(not os.path.exists(zip_out) and
               not os.path.exists(TMP + "/u"), "%s wrote output" % args)


def main():
    global BIN, SRC, TMP
    BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    TMP = tempfile.mkdtemp(prefix="l2e-prune.")
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
    for name, e in results:
        print("%s: %s" % ("FAIL" if e else "ok", name) +
              (": " + e if e else ""))
        failed += e is not None
    shutil.rmtree(TMP, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
