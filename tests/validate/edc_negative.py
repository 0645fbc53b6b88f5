#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Broken credentials: our `validate` and the ELM oracle must both refuse
each one, and both must accept the credential they were made from.

    edc_negative.py BINARY SRC_ROOT

A placement credential and a qualification credential are written from
the voorbeeldsis-csv sample; each case below breaks one of them in one
place. `lob2europass validate` (no JVM) must exit 1 naming the case's
rule; ../shared/europass/elm/shacl-check --full --pre-seal must exit 1
for the broken copy and 0 for the originals (so a silent oracle cannot
pass). Without Java or the oracle only our half runs, and the test says
so; it never passes on the originals alone.
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

binary, src = sys.argv[1], sys.argv[2].rstrip("/")
shared = os.environ.get("L2E_SHARED_DIR", os.path.join(src, "..", "shared"))
oracle = os.path.join(shared, "europass", "elm", "shacl-check")
EPOCH = "1751526900"


def claim(doc, kind):
    return next(c for c in doc["credentialSubject"]["hasClaim"]
                if c["type"] == kind)


def wrong_scheme(d):  # an EQF level in the NQF scheme
    q = claim(d, "LearningAchievement")["specifiedBy"]
    q["eqfLevel"]["inScheme"]["id"] = "http://data.europa.eu/snb/qdr/25831c2"


def missing_title(d):
    del claim(d, "LearningActivity")["title"]


def impossible_date(d):  # 30 February
    claim(d, "LearningActivity")["temporal"]["startDate"] = \
        "2024-02-30T00:00:00"


def national_id(d):  # a BSN (elfproef-valid, fictional) on the learner
    nl = d["issuer"]["location"]["address"]["countryCode"]
    d["credentialSubject"]["nationalId"] = {
        "id": "urn:epass:legalIdentifier:99", "type": "LegalIdentifier",
        "notation": "123456782", "spatial": nl}


CASES = [  # name, which credential, change, the rule our validate names
    ("wrong-concept-scheme", "qualification", wrong_scheme,
     "edc-concept-scheme"),
    ("missing-title", "work", missing_title, "edc-title"),
    ("impossible-date", "work", impossible_date, "edc-date"),
    ("national-id", "work", national_id, "edc-national-id"),
]


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True,
                          timeout=300, **kw)


def main():
    failed = passed = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
        r = run([binary, "convert", "-q", "-m",
                 os.path.join(src, "mappings", "voorbeeldsis-csv.json"),
                 "--to", "edc", "-o", out,
                 os.path.join(src, "samples", "voorbeeldsis-csv")], env=env)
        originals = {}
        for kind in ("work", "qualification"):
            found = sorted(glob.glob(os.path.join(out, f"*.{kind}-*.edc.jsonld")))
            if r.returncode > 1 or not found:
                print(f"FAIL: no {kind} credential written "
                      f"(convert exited {r.returncode})\n{r.stderr}")
                return 1
            originals[kind] = found[0]
        files = list(originals.values())
        for name, kind, change, rule in CASES:
            with open(originals[kind], encoding="utf-8") as f:
                doc = json.load(f)
            change(doc)
            path = os.path.join(tmp, name + ".edc.jsonld")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=2, ensure_ascii=False)
            files.append(path)
        # ours: originals valid, each broken copy invalid with its rule
        for path in files[:2]:
            r = run([binary, "validate", path])
            ok = r.returncode == 0
            print(("ok  " if ok else "FAIL") + f" validate accepts "
                  f"{os.path.basename(path)}" + ("" if ok else "\n" + r.stdout))
            passed, failed = passed + ok, failed + (not ok)
        for (name, _, _, rule), path in zip(CASES, files[2:]):
            r = run([binary, "validate", path])
            ok = r.returncode == 1 and f"[{rule}]" in r.stdout
            if name == "national-id":  # never quoted back
                ok = ok and "123456782" not in r.stdout + r.stderr
            print(("ok  " if ok else "FAIL") + f" validate refuses {name} "
                  f"({rule})" + ("" if ok else f"\n{r.stdout}{r.stderr}"))
            passed, failed = passed + ok, failed + (not ok)
        # the oracle, when it can run
        if not os.access(oracle, os.X_OK):
            print(f"note: no oracle at {oracle}; its half was not run")
        else:
            r = run([oracle, "--full", "--pre-seal"] + files[:2])
            if r.returncode == 2 and "missing:" in r.stdout + r.stderr:
                print("note: the oracle's packages are missing; its half "
                      "was not run")
            else:
                ok = r.returncode == 0 and \
                    r.stdout.count(": conforms (") == 2
                print(("ok  " if ok else "FAIL") + " oracle accepts the "
                      "originals" + ("" if ok else "\n" + r.stdout))
                passed, failed = passed + ok, failed + (not ok)
                for (name, _, _, _), path in zip(CASES, files[2:]):
                    r = run([oracle, "--full", "--pre-seal", path])
                    ok = r.returncode == 1 and "violation" in r.stdout
                    print(("ok  " if ok else "FAIL") + f" oracle refuses "
                          f"{name}" + ("" if ok else "\n" + r.stdout))
                    passed, failed = passed + ok, failed + (not ok)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
