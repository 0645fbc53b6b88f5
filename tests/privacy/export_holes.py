#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Two privacy holes that real exports open (issue 16, part 6).

    export_holes.py BINARY

1. A BSN written as a number loses its leading zero: 012345672 arrives
   as 12345672 (EduArte's LVS export). An 8-digit value that is a valid
   BSN with a leading zero is a national identifier when it stands as a
   whole value: it must appear in no document, file name or message,
   whatever the mapping maps it to (a text, a phone number, the key).
   The same 8 digits inside a longer text are left alone.
2. A list section whose path starts at $root reaches the rows of every
   student in a file of several: one student's data must never appear in
   another's document. Such a section is refused unless it says
   "shared": true (rows that belong to no student).

Both fail on lob2europass before issue 16. One line per check; exit 1
when any failed.
"""
import json
import os
import subprocess
import sys
import tempfile

BSN8 = "12345672"  # "0" + these passes the elfproef


def weighted(d):
    return sum(int(d[i]) * (9 - i) for i in range(8)) - int(d[8])


def run(binary, mapping, export, tmp):
    mpath = os.path.join(tmp, "mapping.json")
    ipath = os.path.join(tmp, "export.json")
    out = os.path.join(tmp, "out")
    with open(mpath, "w") as f:
        json.dump(mapping, f)
    with open(ipath, "w") as f:
        json.dump(export, f)
    p = subprocess.run([binary, "convert", "-t", "europass-xml,europass-json,europass-cv", "-m", mpath,
                        "-o", out, ipath], capture_output=True, text=True,
                       timeout=60)
    docs = {}
    if os.path.isdir(out):
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), encoding="utf-8",
                      errors="replace") as f:
                docs[name] = f.read()
    return p.returncode, p.stderr, docs


def bsn8_mapping():
    return {
        "lob2europass_mapping": 1, "name": "bsn8",
        "source": {"format": "json", "records": "studenten"},
        "dossier": {"key": "nr"},
        "opt_in": ["person.phone"],
        "profile": {
            "person": {"first_name": "voornaam", "phone": "sofi"},
            "headline": {"text": "sofi"},
            "education": {"each": "opleidingen",
                          "fields": {"title": "naam",
                                     "qualification_code": "nummer"}},
        },
    }


def bsn8_export():
    return {"studenten": [
        {"nr": "2024501", "voornaam": "Fenna", "sofi": BSN8,
         "opleidingen": [
             {"naam": "Kok", "nummer": int(BSN8)},
             {"naam": "KvK-nummer " + BSN8 + " van het leerbedrijf"}]},
        {"nr": "2024502", "voornaam": "Bram", "sofi": int(BSN8)},
    ]}


def cross_mapping(shared):
    m = {
        "lob2europass_mapping": 1, "name": "cross",
        "source": {"format": "json", "records": "studenten"},
        "dossier": {"key": "nr"},
        "profile": {
            "person": {"first_name": "voornaam"},
            "education": {"each": "$root.studenten[*].opleidingen",
                          "fields": {"title": "naam"}},
            "certificates": {"each": "$root.erkenningen",
                             "fields": {"title": "naam"}},
        },
    }
    if shared:
        m["profile"]["certificates"]["shared"] = True
        del m["profile"]["education"]
    return m


def cross_export():
    return {
        "erkenningen": [{"naam": "Erkend leerbedrijf SBB"}],
        "studenten": [
            {"nr": "2024601", "voornaam": "Fenna",
             "opleidingen": [{"naam": "Verzorgende IG (Fenna)"}]},
            {"nr": "2024602", "voornaam": "Bram",
             "opleidingen": [{"naam": "Kok (Bram)"}]},
        ],
    }


def main():
    binary = sys.argv[1]
    assert weighted("0" + BSN8) % 11 == 0
    results = []

    def check(what, ok, detail=""):
        results.append(ok)
        print(("ok   " if ok else "FAIL ") + what +
              ("" if ok else ": " + detail))

    with tempfile.TemporaryDirectory() as tmp:
        rc, err, docs = run(binary, bsn8_mapping(), bsn8_export(), tmp)
        leaked = [n for n, t in docs.items()
                  if BSN8 in t.replace("KvK-nummer " + BSN8, "")]
        check("8-digit BSN: converted", rc == 0 and len(docs) >= 3,
              f"exit {rc}, {sorted(docs)}: {err.strip()}")
        check("8-digit BSN: in no document or file name", not leaked and
              not any(BSN8 in n for n in docs), f"{leaked}")
        check("8-digit BSN: in no message", BSN8 not in
              err.replace("KvK-nummer " + BSN8, ""), err.strip())
        check("8 digits inside a longer text stay",
              any("KvK-nummer " + BSN8 in t for t in docs.values()),
              "the text lost its number")

    with tempfile.TemporaryDirectory() as tmp:
        rc, err, docs = run(binary, cross_mapping(False), cross_export(),
                            tmp)
        fenna = "".join(t for n, t in docs.items() if "2024601" in n)
        bram = "".join(t for n, t in docs.items() if "2024602" in n)
        check("$root list: another student's rows in no document",
              "(Bram)" not in fenna and "(Fenna)" not in bram,
              "one student's education is in another's document")
        check("$root list: refused without \"shared\"",
              rc == 1 and "reaches rows outside this student's record"
              in err, f"exit {rc}: {err.strip()}")
    with tempfile.TemporaryDirectory() as tmp:
        rc, err, docs = run(binary, cross_mapping(True), cross_export(),
                            tmp)
        check("$root list with \"shared\": true is converted",
              rc == 0 and sum("Erkend leerbedrijf SBB" in t
                              for t in docs.values()) >= 2,
              f"exit {rc}: {err.strip()}")

    print(f"{sum(results)} passed, {len(results) - sum(results)} failed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
