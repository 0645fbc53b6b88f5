#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""`lob2europass explain` against the exports it explains (issue 23).

For every student of every shipped sample (the keys of its expected/
documents):
 1. `explain --format json` parses, names the student and has fields;
 2. every field with a value in the dossier either is a fixed value of
    the mapping or names its source place, and the place really holds
    the raw value: the test opens the file, goes to line:col and finds
    the value there (XML gives lines only: the value is on that line);
 3. the text format lists the same fields;
 4. a BSN in the input shows only as [verwijderd]: the BSNs of the XML
    sample's <bsn> elements never appear, and one put into a mapped
    text field of a copy of the JSON sample comes out redacted;
 5. a key that is in no record is exit 3, and the key is not echoed;
 6. the document elements a field is said to go to lie in the student's
    expected document (samples/*/expected/KEY.europass.xml): the parent
    of each is there, and most of them are there themselves (an element
    may be written only sometimes: Period/To not while it runs).

    explain_check.py BINARY SRC_ROOT
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(SRC, "tests"))
from sample_inputs import samples  # noqa: E402

failures = []
n_checked = 0


def fail(what):
    failures.append(what)
    print("FAIL: " + what)


def run(args, **kw):
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          cwd=SRC, **kw)


def keys_of(folder):
    exp = os.path.join(folder, "expected")
    return sorted(f[:-len(".europass.xml")] for f in os.listdir(exp)
                  if f.endswith(".europass.xml"))


def spellings(raw):
    """How a raw value may be written in its file. The guard shows a
    control character (a line break) as '?': compare up to the first."""
    first = raw.split("?")[0] if raw.split("?")[0].strip() else raw
    out = []
    for v in (raw, first):
        out += [v, json.dumps(v, ensure_ascii=False)[1:-1],
                html.escape(v, quote=False), v.replace('"', '""')]
    return [s for s in out if s]


def holds(path, line, col, raw):
    """1 when line `line` of `path` holds `raw` at column `col` (after
    an opening quote), or anywhere on the line when col is 0. Columns
    count characters, as the readers do; the file's encoding is UTF-8,
    else Latin-1 (Windows-1252), as the samples declare."""
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return False
    text = lines[line - 1]
    for s in spellings(raw):
        if col == 0:
            if s in text:
                return True
            continue
        at = text[col - 1:]
        if at.startswith(s) or at.startswith('"' + s):
            return True
    return False


def explain(mapping, inputs, key, fmt="json"):
    return run(["explain", "-m", mapping, "--key", key, "--format", fmt]
               + inputs)


for name, mapping, inputs in samples(SRC):
    folder = os.path.join(SRC, "samples", name)
    rel_map = os.path.relpath(mapping, SRC)
    rel_in = [os.path.relpath(p, SRC) for p in inputs]
    for stem in keys_of(folder):
        key = stem
        p = explain(rel_map, rel_in, key)
        if p.returncode == 3 and stem.startswith("did_key_"):
            key = "did:key:" + stem[len("did_key_"):]  # a DID's stem
            p = explain(rel_map, rel_in, key)
        where = "%s %s" % (name, key)
        if p.returncode != 0:
            fail("%s: exit %d: %s" % (where, p.returncode, p.stderr))
            continue
        try:
            doc = json.loads(p.stdout)
        except ValueError as e:
            fail("%s: JSON does not parse: %s" % (where, e))
            continue
        if doc.get("key") != key or doc.get("records", 0) < 1:
            fail("%s: key/records wrong: %r %r" % (
                where, doc.get("key"), doc.get("records")))
        filled = [f for f in doc["fields"] if f["result"] is not None
                  and f["kept"]]
        if not filled:
            fail("%s: no filled field" % where)
        for f in filled:
            label = "%s %s.%s[%d]" % (where, f["section"], f["field"],
                                      f["item"])
            kinds = [s["kind"] for s in f["steps"]]
            if "source" not in f:
                if "value" in kinds or "default" in kinds:
                    continue  # fixed in the mapping: no place to show
                fail("%s: filled but no source place" % label)
                continue
            src = f["source"]
            if not src.get("file") or not src.get("line"):
                fail("%s: source without file:line: %r" % (label, src))
                continue
            path = os.path.join(SRC, src["file"])
            if "[verwijderd]" in f["raw"]:
                continue  # redacted: not the file's text, on purpose
            if not holds(path, src["line"], src.get("column", 0), f["raw"]):
                fail("%s: %s:%d:%d does not hold %r" % (
                    label, src["file"], src["line"], src.get("column", 0),
                    f["raw"]))
                continue
            n_checked += 1
        expected = open(os.path.join(folder, "expected",
                                     stem + ".europass.xml"),
                        encoding="utf-8").read()
        n_elements = n_present = 0
        for f in filled:
            for path in f.get("elements", []):
                parts = [x for x in path.split("/") if not x.startswith("@")]
                n_elements += 1
                n_present += ("<" + parts[-1]) in expected
                if len(parts) > 1 and "<" + parts[-2] not in expected:
                    fail("%s %s.%s: %s: no %s in the document" % (
                        where, f["section"], f["field"], path, parts[-2]))
        if n_present < max(1, 0.8 * n_elements):
            fail("%s: %d of %d elements named are in the document" % (
                where, n_present, n_elements))
        t = explain(rel_map, rel_in, key, "text")
        for f in filled:
            head = "%s[%d].%s" % (f["section"], f["item"], f["field"])
            if not f["list"]:
                head = "%s.%s" % (f["section"], f["field"])
            if head not in t.stdout:
                fail("%s: text lacks %s" % (where, head))
                break
        # 4a: the BSNs of the input never show
        for bsn in re.findall(r"<bsn>(\d{9})</bsn>", "".join(
                open(x, encoding="utf-8", errors="replace").read()
                for x in inputs if x.endswith(".xml"))):
            if bsn in p.stdout or bsn in t.stdout:
                fail("%s: BSN from the input in the output" % where)

# 4b: a BSN in a mapped text field comes out as [verwijderd], here too
BSN = "111222333"  # passes the 11-check; fictitious
with tempfile.TemporaryDirectory() as tmp:
    src_in = os.path.join(SRC, "samples", "koerskaart-json",
                          "export-page1.json")
    text = open(src_in, encoding="utf-8").read()
    needle = '"givenName": "Zo\u00eb"'
    if needle not in text:
        fail("the BSN test's needle is gone from the sample")
    dst = os.path.join(tmp, "export.json")
    open(dst, "w", encoding="utf-8").write(
        text.replace(needle, '"givenName": "Zo\u00eb BSN %s"' % BSN))
    for fmt in ("json", "text"):
        p = run(["explain", "-m", "mappings/koerskaart-json.json",
                 "--key", "0211374", "--format", fmt, dst])
        if p.returncode != 0:
            fail("BSN copy, %s: exit %d %s" % (fmt, p.returncode, p.stderr))
        if BSN in p.stdout or BSN in p.stderr:
            fail("BSN copy, %s: the BSN is shown" % fmt)
        if "[verwijderd]" not in p.stdout:
            fail("BSN copy, %s: no [verwijderd] where the BSN was" % fmt)
    p = run(["explain", "-m", "mappings/koerskaart-json.json", "--key",
             BSN, dst])
    if p.returncode != 3 or BSN in p.stdout + p.stderr:
        fail("a key in no record: exit %d, key echoed: %s" % (
            p.returncode, BSN in p.stdout + p.stderr))

# a usage error
p = run(["explain", "-m", "mappings/koerskaart-json.json", "x.json"])
if p.returncode != 2:
    fail("no --key: exit %d, not 2" % p.returncode)
p = run(["explain", "-m", "mappings/koerskaart-json.json", "--key", "1",
         "--format", "xml", "x.json"])
if p.returncode != 2:
    fail("--format xml: exit %d, not 2" % p.returncode)

print("%d places checked against the inputs" % n_checked)
if n_checked < 100:
    fail("only %d places checked" % n_checked)
sys.exit(1 if failures else 0)
