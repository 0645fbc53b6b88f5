#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Hostile inputs: every byte is hostile, every student's data confidential.

Runs the real CLI on each case in CASES below (the small files are in
tests/hostile/cases/; the big ones are made here, at test time) and
checks, for every case:

  - the exit status and a substring of the message it states;
  - that it finishes within its time bound (no hang) and stays under a
    memory bound (no entity or amplification bomb);
  - that no national identifier (BSN, onderwijsnummer, ECK iD) from the
    input comes out: not on stdout or stderr, not in a file name, not in
    a document, in any spelling (123456782, 1234.56.782, ...);
  - that messages carry no control characters (no escape sequences, no
    forged log lines);
  - that nothing is written outside the output folder and that the files
    a case names as bait (/etc/passwd) are never opened;
  - that no network connection is attempted: the CLI runs under
    `unshare -n` (no network at all) when that works, and under
    `strace -f`, whose log must show no socket() or connect() for an
    Internet address family. Without strace those two checks are
    skipped with a note; without unshare the run has the host network
    (the strace check still catches any attempt).

    run.py CLI SRC_ROOT [CASE...]

A case names a mapping from mappings/ and an input: a file in cases/, a
generator below, or, for CSV bundles, "<case>.<table>.csv", which
replaces that table in tests/fault/one-student-csv.
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
MIB = 1 << 20
MEMORY_BOUND = 1536 * MIB  # max RSS of any run (ASan builds included)

JSON_MAP, XML_MAP, CSV_MAP = ("koerskaart-json", "leerlingadmin-xml",
                              "voorbeeldsis-csv")
STUDENT = ('{"primaryCode": {"codeType": "student_number", "code": '
           '"0300001"}, "givenName": "Sem", "surname": "Voorbeeld", '
           '"consent": {"europassExport": true}, %s}\n')
XML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<lobExport '
            'xmlns="urn:voorbeeld:leerlingadmin:lob:7"><deelnemer '
            'deelnemernummer="0300001"><toestemming europass="J"/>'
            '<persoon><roepnaam>Sem</roepnaam><achternaam>V</achternaam>')
XML_TAIL = '</persoon></deelnemer></lobExport>\n'


# ==== Inputs made at test time (big ones are never committed) ====

def gen_json_deep(path):
    with open(path, "w") as f:
        f.write(STUDENT % ('"extra": ' + "[" * 100000 + "]" * 100000))


def gen_json_huge_string(path):
    with open(path, "w") as f:
        f.write(STUDENT % ('"profile": {"summary": [{"language": "nl-NL", '
                           '"value": "%s"}]}' % ("a" * (2 * MIB))))


def gen_json_huge_line(path):
    # 4 MiB on one line, every limit respected: must just work, quickly
    with open(path, "w") as f:
        f.write(STUDENT % ('"extra": [%s]' % ",".join(["1.5e3"] * 700000)))


def gen_json_wide_object(path):
    members = ",".join('"k%d": %d' % (i, i) for i in range(200000))
    with open(path, "w") as f:
        f.write(STUDENT % ('"extra": {%s}' % members))


def gen_json_too_large(path):
    # one value larger than max_input_bytes (64 MiB), mostly white space
    with open(path, "w") as f:
        f.write(STUDENT % ('"x": 1' + " " * (65 * MIB)))


def gen_json_many_items(path):
    prog = ('{"name": [{"language": "nl-NL", "value": "Kok %d"}], '
            '"startDate": "2024-08-01"}')
    with open(path, "w") as f:
        f.write(STUDENT % ('"programmes": [%s]' % ",".join(
            prog % i for i in range(5000))))


def gen_xml_gzip_bomb(path):
    # 64 MiB of zeros in ~64 KiB, made here (gzip -c of a zero stream)
    with open(path, "wb") as f:
        f.write(gzip.compress(bytes(64 * MIB), compresslevel=9))


def gen_xml_deep(path):
    with open(path, "w") as f:
        f.write(XML_HEAD + "<a>" * 100000 + "</a>" * 100000 + XML_TAIL)


def gen_xml_huge_attribute(path):
    with open(path, "w") as f:
        f.write(XML_HEAD + '<x v="%s"/>' % ("a" * (2 * MIB)) + XML_TAIL)


def gen_xml_huge_text(path):
    with open(path, "w") as f:
        f.write(XML_HEAD + "<profieltekst>%s</profieltekst>"
                % ("a" * (2 * MIB)) + XML_TAIL)


def gen_xml_many_attributes(path):
    # libxml2 checks attributes pairwise: 200 000 would take minutes
    attrs = " ".join('a%d="%d"' % (i, i) for i in range(200000))
    with open(path, "w") as f:
        f.write(XML_HEAD + "<x %s/>" % attrs + XML_TAIL)


def gen_xml_many_attributes_utf16(path):
    attrs = " ".join("a%d='%d'" % (i, i) for i in range(200000))
    text = (XML_HEAD + "<!-- ' --><x %s/>" % attrs + XML_TAIL).replace(
        "UTF-8", "UTF-16")
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def gen_xml_many_children(path):
    with open(path, "w") as f:
        f.write(XML_HEAD + "".join("<c%d/>" % i for i in range(100000))
                + XML_TAIL)


def studenten_row(src):
    with open(os.path.join(src, "tests/fault/one-student-csv/"
                           "studenten.csv"), "rb") as f:
        return [x.rstrip(b"\r") for x in f.read().split(b"\n")[:2]]


def gen_csv_huge_field(path, src):
    hdr, row = studenten_row(src)
    with open(path, "wb") as f:
        f.write(hdr + b"\n" + row.replace(b"Fenna", b"a" * (2 * MIB)) + b"\n")


def gen_csv_huge_line(path, src):
    hdr, row = studenten_row(src)
    with open(path, "wb") as f:
        f.write(hdr + b";" + b";".join(b"c%d" % i for i in range(5000))
                + b"\n" + row + b";" * 5000 + b"\n")


def gen_csv_many_groups(path, src):
    # 20 000 distinct languages for one student: grouping used to be
    # quadratic in the rows; now n log n, and past max_items an error
    with open(os.path.join(src, "tests/fault/one-student-csv/talen.csv"),
              "rb") as f:
        lines = f.read().split(b"\n")
    hdr, row = lines[0], lines[1]
    taal = row.split(b";")[1]
    with open(path, "wb") as f:
        f.write(hdr + b"\n")
        for i in range(20000):
            f.write(row.replace(b";" + taal + b";", b";T%d;" % i, 1) + b"\n")


def gen_csv_many_rows(path, src):
    # more rows than a CSV table may have: 1 000 001 short rows (4 MiB)
    with open(path, "wb") as f:
        f.write(b"a;b\n" + b"x;y\n" * 1000001)


def gen_csv_many_cells(path, src):
    # 9 million empty cells in 9 MiB: past max_values before they take
    # more than some 1 GiB
    with open(path, "wb") as f:
        f.write(b";".join(b"c%d" % i for i in range(1000)) + b"\n")
        f.write((b";" * 999 + b"\n") * 9000)


def gen_json_many_values(path):
    # 9 million numbers in 18 MiB: refused before cJSON builds them
    with open(path, "w") as f:
        f.write(STUDENT % ('"extra": [%s0]' % ("0," * 9000000)))


def gen_xml_many_values(path):
    # 9 million values (elements with an attribute each) in 40 MiB:
    # stopped while libxml2 parses, before either tree is built
    with open(path, "w") as f:
        f.write(XML_HEAD + '<a b=""/>' * 4500000 + XML_TAIL)


GENERATORS = {
    "json-deep-nesting": gen_json_deep,
    "json-huge-string": gen_json_huge_string,
    "json-huge-line": gen_json_huge_line,
    "json-wide-object": gen_json_wide_object,
    "json-input-too-large": gen_json_too_large,
    "json-many-items": gen_json_many_items,
    "xml-gzip-bomb": gen_xml_gzip_bomb,
    "xml-deep-nesting": gen_xml_deep,
    "xml-huge-attribute": gen_xml_huge_attribute,
    "xml-huge-text": gen_xml_huge_text,
    "xml-many-attributes": gen_xml_many_attributes,
    "xml-many-attributes-utf16": gen_xml_many_attributes_utf16,
    "xml-many-children": gen_xml_many_children,
    "json-many-values": gen_json_many_values,
    "xml-many-values": gen_xml_many_values,
}
CSV_GENERATORS = {
    "csv-huge-field": ("studenten.csv", gen_csv_huge_field),
    "csv-huge-line": ("studenten.csv", gen_csv_huge_line),
    "csv-many-groups": ("talen.csv", gen_csv_many_groups),
    "csv-many-cells": ("resultaten.csv", gen_csv_many_cells),
    "csv-many-rows": ("resultaten.csv", gen_csv_many_rows),
}

# ==== The cases and what each must give ====
#
# rc: exit status; msg: substrings of stderr; text: strings that must come
# out as element text of the Europass XML, whole and escaped (never as
# markup); bait: files that must never be opened; secs: time bound.

CASES = [
    # JSON: bytes the reader refuses, with the place
    dict(name="json-nul-byte", map=JSON_MAP, rc=3,
         msg=["json-nul-byte.json:1:", "NUL byte in JSON text"]),
    dict(name="json-u0000-escape", map=JSON_MAP, rc=3,
         msg=["a string contains \\u0000"]),
    dict(name="json-utf8-overlong", map=JSON_MAP, rc=3,
         msg=[":1:", "invalid UTF-8"]),
    dict(name="json-utf8-surrogate", map=JSON_MAP, rc=3,
         msg=["invalid UTF-8"]),
    dict(name="json-utf8-truncated", map=JSON_MAP, rc=3,
         msg=["invalid UTF-8"]),
    dict(name="json-utf8-escaped-lone-surrogate", map=JSON_MAP, rc=3,
         msg=["JSON syntax error"]),
    dict(name="json-number-too-long", map=JSON_MAP, rc=3,
         msg=["max_number_bytes (40)"]),
    dict(name="json-number-not-finite", map=JSON_MAP, rc=3,
         msg=["number is out of range"]),
    dict(name="json-duplicate-key-bsn", map=JSON_MAP, rc=3,
         msg=["duplicate key: [verwijderd]"]),
    dict(name="json-deep-nesting", map=JSON_MAP, rc=3,
         msg=["nesting deeper than max_depth (64)"]),
    dict(name="json-huge-string", map=JSON_MAP, rc=3,
         msg=["longer than max_string_bytes (1048576 bytes)"]),
    dict(name="json-huge-line", map=JSON_MAP, rc=0, secs=30,
         msg=["1 converted"]),
    dict(name="json-wide-object", map=JSON_MAP, rc=0, secs=30,
         msg=["1 converted"]),
    dict(name="json-input-too-large", map=JSON_MAP, rc=3, secs=30,
         msg=["max_input_bytes"]),
    dict(name="json-many-values", map=JSON_MAP, rc=3, secs=60,
         msg=["more than max_values (8000000) values"]),
    dict(name="json-many-items", map=JSON_MAP, rc=1, secs=30,
         msg=["education has more than max_items (1000) items"]),
    # JSON: national identifiers, in text and in keys
    dict(name="json-natid-in-free-text", map=JSON_MAP, rc=0,
         msg=["national identifier"], text=["050 123 4567"]),
    dict(name="json-natid-as-key", map=JSON_MAP, rc=1,
         msg=["looks like a national identifier"]),
    dict(name="json-natid-grouped-as-key", map=JSON_MAP, rc=1,
         msg=["looks like a national identifier"]),
    dict(name="json-eckid-as-key", map=JSON_MAP, rc=1,
         msg=["looks like a national identifier"]),
    # JSON: keys become file names
    dict(name="json-key-traversal", map=JSON_MAP, rc=0,
         files=["_._.._.._.._tmp_l2e-escaped.europass.xml"]),
    dict(name="json-key-absolute", map=JSON_MAP, rc=0,
         files=["_tmp_l2e-escaped.europass.xml"]),
    dict(name="json-key-dots", map=JSON_MAP, rc=0,
         files=["_..europass.xml"]),
    dict(name="json-key-nul", map=JSON_MAP, rc=3,
         msg=["a string contains \\u0000"]),
    dict(name="json-key-too-long", map=JSON_MAP, rc=1,
         msg=["dossier key is longer than 64 characters"]),
    dict(name="json-key-control", map=JSON_MAP, rc=0,
         files=["0300001___2J.europass.xml"]),
    # JSON: text is text
    dict(name="json-formula-injection", map=JSON_MAP, rc=0,
         text=['=HYPERLINK("http://example.invalid/x","klik")',
               "+cmd|' /C calc'!A0 <b>&amp;</b> ]]> \"'",
               "@SUM(1+1)"]),
    dict(name="json-control-chars", map=JSON_MAP, rc=0,
         text=["Sem[31m", "Voorbeeld"]),
    dict(name="json-impossible-dates", map=JSON_MAP, rc=0,
         msg=['"2024-02-30" is not a real date', '"2023-13-01"',
              '"0000-00-00"', '"9999-99-99"', '"2023-02-29"']),
    # XML: no DTD, no entity, no network, no local file
    dict(name="xml-xxe-system-file", map=XML_MAP, rc=3,
         msg=["xml-xxe-system-file.xml:2:", "DOCTYPE"], bait=["/etc/passwd"]),
    dict(name="xml-xxe-parameter-http", map=XML_MAP, rc=3,
         msg=["DOCTYPE"]),
    dict(name="xml-external-dtd", map=XML_MAP, rc=3, msg=["DOCTYPE"]),
    dict(name="xml-external-dtd-file", map=XML_MAP, rc=3, msg=["DOCTYPE"],
         bait=["/etc/passwd"]),
    dict(name="xml-billion-laughs", map=XML_MAP, rc=3, msg=["DOCTYPE"]),
    dict(name="xml-quadratic-blowup", map=XML_MAP, rc=3, msg=["DOCTYPE"]),
    dict(name="xml-utf16-billion-laughs", map=XML_MAP, rc=3,
         msg=["DOCTYPE or entity declaration is not accepted"]),
    dict(name="xml-gzip-bomb", map=XML_MAP, rc=3,
         msg=["compressed (gzip) input is not read"]),
    dict(name="xml-xinclude", map=XML_MAP, rc=0, bait=["/etc/passwd"],
         text=["Voorbeeld"],
         msg=['"persoon.profieltekst" is an object, not a value']),
    dict(name="xml-nul-byte", map=XML_MAP, rc=3, msg=["xml-nul-byte.xml:"]),
    dict(name="xml-utf8-overlong", map=XML_MAP, rc=3, msg=["UTF-8"]),
    dict(name="xml-deep-nesting", map=XML_MAP, rc=3, msg=["depth"]),
    dict(name="xml-huge-attribute", map=XML_MAP, rc=3,
         msg=["attribute value is longer than max_string_bytes"]),
    dict(name="xml-huge-text", map=XML_MAP, rc=3,
         msg=["text is longer than max_string_bytes"]),
    dict(name="xml-many-attributes", map=XML_MAP, rc=3,
         msg=["more than max_attributes (256) attributes"]),
    dict(name="xml-many-attributes-utf16", map=XML_MAP, rc=3,
         msg=["more than max_attributes (256) attributes"]),
    dict(name="xml-many-children", map=XML_MAP, rc=0, secs=30),
    dict(name="xml-many-values", map=XML_MAP, rc=3, secs=60,
         msg=["more than max_values (8000000) elements and attributes"]),
    dict(name="xml-natid-in-error", map=XML_MAP, rc=3,
         msg=["[verwijderd]"]),
    dict(name="xml-natid-in-text", map=XML_MAP, rc=0,
         msg=["national identifier"]),
    dict(name="xml-natid-as-key", map=XML_MAP, rc=1,
         msg=["looks like a national identifier"]),
    dict(name="xml-key-traversal", map=XML_MAP, rc=0,
         files=["_._.._.._.._tmp_l2e-escaped.europass.xml"]),
    dict(name="xml-formula-injection", map=XML_MAP, rc=0,
         text=['=HYPERLINK("http://example.invalid/","klik")</achternaam>']),
    # both dates are 8 digits that pass the BSN elfproef with a leading
    # zero, so a message may not quote them (issue 16): the reasons stay
    dict(name="xml-impossible-dates", map=XML_MAP, rc=0,
         msg=['is not a real date (day does not exist in that month)',
              'is not a real date (month outside 1..12)']),
    # CSV bundles
    dict(name="csv-nul-byte", map=CSV_MAP, rc=3,
         msg=["studenten.csv:2:", "NUL byte in CSV text"]),
    dict(name="csv-control-char", map=CSV_MAP, rc=3,
         msg=["studenten.csv:2:", "control character U+000B"]),
    dict(name="csv-escape-sequence", map=CSV_MAP, rc=3,
         msg=["control character U+001B"]),
    dict(name="csv-unbalanced-quote", map=CSV_MAP, rc=3,
         msg=["studenten.csv:2:", "quoted field is never closed"]),
    dict(name="csv-huge-field", map=CSV_MAP, rc=3,
         msg=["studenten.csv:2:", "max_string_bytes (1048576 bytes)"]),
    dict(name="csv-huge-line", map=CSV_MAP, rc=3,
         msg=["studenten.csv:1:", "more than max_columns (1024) columns"]),
    dict(name="csv-many-rows", map=CSV_MAP, rc=3, secs=60,
         msg=["resultaten.csv:1000002:", "max_rows (1000000)"]),
    dict(name="csv-many-cells", map=CSV_MAP, rc=3, secs=60,
         msg=["resultaten.csv:8002:", "max_values (8000000) cells"]),
    dict(name="csv-many-groups", map=CSV_MAP, rc=1, secs=30,
         msg=["languages has more than max_items (1000) items"]),
    dict(name="csv-formula-injection", map=CSV_MAP, rc=0,
         text=['=HYPERLINK("http://example.invalid/","klik")',
               "@SUM(1+1);-2+3"]),
    dict(name="csv-utf8-overlong", map=CSV_MAP, rc=3,
         msg=["studenten.csv:2:22:", "invalid UTF-8"]),
    dict(name="csv-impossible-date", map=CSV_MAP, rc=0),
    dict(name="csv-natid-as-key", map=CSV_MAP, rc=1,
         msg=["looks like a national identifier"]),
    dict(name="csv-key-traversal", map=CSV_MAP, rc=0,
         files=["_._.._.._.._tmp_l2e-escaped.europass.xml"]),
    dict(name="csv-natid-child-key", map=CSV_MAP, rc=0,
         msg=["no student [verwijderd] in the main table"]),
    dict(name="csv-natid-in-free-text", map=CSV_MAP, rc=0,
         msg=["national identifier"]),
]

# ==== National identifiers, found independently of the C code ====


def weighted(d):
    return sum(int(d[i]) * (9 - i) for i in range(8)) - int(d[8])


def is_natid(d):
    return ((weighted(d) % 11 == 0 and d != "000000000")
            or (d.startswith("10") and weighted(d) % 11 == 5))


def national_ids(data):
    """Every BSN/onderwijsnummer (as 9 digits) and ECK iD in `data`."""
    text = data.decode("latin-1")
    found = set()
    for m in re.finditer(r"(?<![\d.\- ])(\d[\d.\- ]{8,12}\d)(?![\d])", text):
        digits = re.sub(r"\D", "", m.group(1))
        if len(digits) == 9 and is_natid(digits):
            found.add(digits)
    for m in re.finditer(r"(?<!\d)\d{9}(?!\d)", text):
        if is_natid(m.group()):
            found.add(m.group())
    found.update(re.findall(r"(?i)ketenid\.nl/[^\s\"<]+", text))
    return found


def sums_problems(out, names, data):
    """SHA256SUMS names only documents in `out`, with their digests."""
    problems = []
    for line in data.decode("utf-8", "replace").splitlines():
        m = re.fullmatch(r"([0-9a-f]{64})  ([A-Za-z0-9._-]+)", line)
        if not m or m.group(2) not in names:
            problems.append("SHA256SUMS: bad line %r" % line[:100])
            continue
        with open(os.path.join(out, m.group(2)), "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != m.group(1):
                problems.append("SHA256SUMS: %s does not match"
                                % m.group(2))
    return problems


def leaks(ids, data):
    """The ids that occur in `data`, digits possibly separated."""
    text = data.decode("utf-8", "replace")
    out = []
    for nid in ids:
        if nid[0].isdigit():
            if re.search(r"[.\- ]?".join(nid), text):
                out.append(nid)
        elif nid.lower() in text.lower():
            out.append(nid)
    return out


# ==== Running a case ====

def probe(cmd):
    try:
        return subprocess.run(cmd, capture_output=True,
                              timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def make_input(case, src, work):
    name = case["name"]
    if name in GENERATORS:
        ext = ".json" if name.startswith("json") else ".xml"
        path = os.path.join(work, name + ext)
        GENERATORS[name](path)
        return path
    if case["map"] == CSV_MAP:
        bundle = os.path.join(work, name)
        shutil.copytree(os.path.join(src, "tests/fault/one-student-csv"),
                        bundle)
        if name in CSV_GENERATORS:
            table, gen = CSV_GENERATORS[name]
            gen(os.path.join(bundle, table), src)
        else:
            for f in os.listdir(CASES_DIR):
                if f.startswith(name + "."):
                    shutil.copy(os.path.join(CASES_DIR, f),
                                os.path.join(bundle, f[len(name) + 1:]))
        return bundle
    for f in os.listdir(CASES_DIR):
        if os.path.splitext(f)[0] == name:
            shutil.copy(os.path.join(CASES_DIR, f), work)
            return os.path.join(work, f)
    raise SystemExit("no input for case " + name)


def input_bytes(path):
    if os.path.isdir(path):
        return b"\n".join(open(os.path.join(path, f), "rb").read()
                          for f in sorted(os.listdir(path)))
    return open(path, "rb").read()


def strace_problems(log, out_dir, cwd, bait):
    """Network use, writes outside out_dir, bait opened: from strace."""
    problems = []
    out_dir = os.path.realpath(out_dir)
    for line in open(log, errors="replace"):
        if re.search(r"\b(socket|connect)\((\d+, )?\{?(sa_family=)?"
                     r"AF_INET6?\b", line):
            problems.append("network: " + line.strip()[:160])
            continue
        # strace -y names a descriptor's file: openat(4</out>, "x", ...),
        # openat(AT_FDCWD</cwd>, ...)
        m = re.search(r"\b(open|openat|creat|mkdir|mkdirat|rename|"
                      r"renameat2?|link|linkat|symlink|symlinkat)\("
                      r"(?:(?:AT_FDCWD|\d+)(?:<([^>]*)>)?, )?\"([^\"]*)\"(.*)",
                      line)
        if not m:
            continue
        call, at, path, rest = m.groups()
        base = at or cwd
        for b in bait:
            if os.path.realpath(os.path.join(base, path)) == b:
                problems.append("opened the bait %s: %s" % (b, line.strip()))
        writes = call not in ("open", "openat") or re.search(
            r"O_(WRONLY|RDWR|CREAT)", rest)
        if writes and " = -1 " not in line:
            full = os.path.realpath(os.path.join(base, path))
            if not (full == out_dir or full.startswith(out_dir + os.sep)):
                problems.append("wrote outside the output folder: "
                                + line.strip()[:200])
        # a rename names its target second
        for at2, target in re.findall(
                r", (?:(?:AT_FDCWD|\d+)(?:<([^>]*)>)?, )?\"([^\"]*)\"",
                rest):
            full = os.path.realpath(os.path.join(at2 or cwd, target))
            if writes and not full.startswith(out_dir + os.sep):
                problems.append("renamed outside the output folder: "
                                + line.strip()[:200])
    return problems


class Run:
    pass


def execute(cmd, cwd, env, secs, work):
    """Run `cmd`; None after `secs`. The result has its own peak RSS
    (wait4), which a shared RUSAGE_CHILDREN maximum would not give."""
    r = Run()
    with open(os.path.join(work, "stdout"), "wb") as fo, \
            open(os.path.join(work, "stderr"), "wb") as fe:
        p = subprocess.Popen(cmd, cwd=cwd, stdout=fo, stderr=fe, env=env,
                             start_new_session=True)
        deadline = time.monotonic() + secs
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                os.killpg(p.pid, 9)
                os.wait4(p.pid, 0)
                p.returncode = -9
                return None
            time.sleep(0.02)
        p.returncode = os.waitstatus_to_exitcode(status)
    r.returncode = p.returncode
    r.maxrss = usage.ru_maxrss * 1024
    r.stdout = open(os.path.join(work, "stdout"), "rb").read()
    r.stderr = open(os.path.join(work, "stderr"), "rb").read()
    return r


def run_case(case, cli, src, tools, scratch):
    name = case["name"]
    work = tempfile.mkdtemp(prefix=name + ".", dir=scratch)
    cwd = os.path.join(work, "cwd")
    out = os.path.join(work, "out")
    os.mkdir(cwd)
    inp = make_input(case, src, work)
    ids = national_ids(input_bytes(inp))
    cmd = [cli, "convert", "-m",
           os.path.join(src, "mappings", case["map"] + ".json"),
           "--to", "europass-xml,europass-json,europass-cv",
           "-o", out, inp]
    log = os.path.join(work, "strace.log")
    if tools["strace"]:
        cmd = ["strace", "-f", "-qq", "-y", "-o", log, "-e",
               "trace=socket,connect,open,openat,creat,mkdir,mkdirat,"
               "rename,renameat,renameat2,link,linkat,symlink,symlinkat"] \
            + cmd
    if tools["unshare"]:
        cmd = ["unshare", "-n"] + cmd
    secs = case.get("secs", 10) * tools["time_scale"]
    env = dict(os.environ, LC_ALL="C", SOURCE_DATE_EPOCH="1751526900")
    started = time.monotonic()
    run = execute(cmd, cwd, env, secs, work)
    if run is None:
        return ["did not finish within %d s (a hang)" % secs]
    took = time.monotonic() - started
    problems = []
    if run.returncode != case["rc"]:
        problems.append("exit status %d, expected %d"
                        % (run.returncode, case["rc"]))
    err = run.stderr.decode("utf-8", "replace")
    for m in case.get("msg", []):
        if m not in err:
            problems.append("no message with %r" % m)
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", err):
        problems.append("a control character in the messages: %r"
                        % re.findall(r".{0,20}[\x00-\x08\x0b-\x1f\x7f]",
                                     err)[:3])
    bound = MEMORY_BOUND * tools["time_scale"]
    if run.maxrss > bound:
        problems.append("used %d MiB, more than %d MiB"
                        % (run.maxrss // MIB, bound // MIB))
    # what came out: stdout, stderr, file names, documents
    outputs = {"<stdout>": run.stdout, "<stderr>": run.stderr}
    names = sorted(os.listdir(out)) if os.path.isdir(out) else []
    outputs["<file names>"] = "\n".join(names).encode()
    for f in names:
        outputs[f] = open(os.path.join(out, f), "rb").read()
    for where, data in outputs.items():
        for nid in leaks(ids, data):
            problems.append("national id %s...%s in %s"
                            % (nid[:2], nid[-1:], where))
    for f in case.get("files", []):
        if f not in names:
            problems.append("no file %s in the output folder (%s)"
                            % (f, ", ".join(names)[:200]))
    if os.listdir(cwd):
        problems.append("wrote into the working folder: %s"
                        % os.listdir(cwd))
    for p in ("/tmp/l2e-escaped", "/tmp/l2e-escaped.europass.xml"):
        if os.path.exists(p):
            problems.append("a file escaped the output folder: " + p)
    # documents are well-formed, and text stayed text
    texts = []
    for f in names:
        data = outputs[f]
        if f.startswith(".lob2europass"):
            continue  # the CLI's lock and state files: not documents
        if f == "SHA256SUMS":  # lists the documents, each as it is
            problems += sums_problems(out, names, data)
            continue
        try:
            if f.endswith(".json"):
                json.loads(data)
            else:
                root = ET.fromstring(data)
                if f.endswith(".europass.xml"):
                    texts += [e.text for e in root.iter() if e.text]
        except ValueError as e:
            problems.append("%s is not well-formed: %s" % (f, e))
        except ET.ParseError as e:
            problems.append("%s is not well-formed: %s" % (f, e))
    for t in case.get("text", []):
        if not any(t == x or t in x for x in texts):
            problems.append("%r does not come out as text" % t)
    if b"root:x:0:0" in b"".join(outputs.values()):
        problems.append("/etc/passwd came out")
    if tools["strace"] and os.path.exists(log):
        problems += strace_problems(log, out, cwd, case.get("bait", []))
    if not problems:
        first = err.strip().splitlines()[:1]
        print("ok: %-34s exit %d, %.1fs%s" % (
            name, run.returncode, took,
            (": " + first[0][:90]) if first else ""))
    shutil.rmtree(work, ignore_errors=True)
    return problems


def main():
    cli, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    only = set(sys.argv[3:])
    is_asan = b"__asan_init" in open(cli, "rb").read()
    tools = {
        # LeakSanitizer cannot run under ptrace: a sanitizer build checks
        # leaks here, the plain build checks with strace
        "strace": not is_asan and shutil.which("strace") and probe(
            ["strace", "-f", "-qq", "-o", "/dev/null", "true"]),
        "unshare": shutil.which("unshare") and probe(["unshare", "-n",
                                                      "true"]),
        # sanitizer builds are slower and bigger: more time and memory
        "time_scale": 4 if is_asan else 1,
    }
    if is_asan:
        print("note: a sanitizer build: no strace (LeakSanitizer does not "
              "work under ptrace); the plain build runs those checks")
    elif not tools["strace"]:
        print("note: strace does not work here: the checks for network "
              "use, for writes outside the output folder and for bait "
              "files being opened are skipped")
    if not tools["unshare"]:
        print("note: unshare -n does not work here: cases run with the "
              "host's network (strace still sees any attempt)")
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    failures = 0
    with tempfile.TemporaryDirectory(prefix="l2e-hostile.") as scratch:
        for case in CASES:
            if only and case["name"] not in only:
                continue
            problems = run_case(case, cli, src, tools, scratch)
            for p in problems:
                print("FAIL: %s: %s" % (case["name"], p))
            failures += bool(problems)
    total = len(only) if only else len(CASES)
    print("%d passed, %d failed" % (total - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
