#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""N students of the shipped OOAPI v6 and EduArte LVS samples, for timing
`mapping init` on the exports it joins (tests/bench/init_bench.sh):

    gen_joined.py SRC_ROOT N OUT

OUT/ooapi: N persons-<id>.json with their two association pages, the
sample's offerings, programmes and organisations beside them; OUT/lvs:
one Lvs_CSV_Export.csv of N students (the sample's rows, numbered anew).
Fictional data only: the sample's students with new numbers (no BSN).
"""
import json
import os
import shutil
import sys


def ooapi(src, n, out):
    sample = os.path.join(src, "samples", "ooapi-v6")
    os.makedirs(out)
    for sub in ("programme-offerings", "programmes", "organisations",
                "course-offerings"):
        shutil.copytree(os.path.join(sample, sub), os.path.join(out, sub))
    base = "persons-4f1a2b3c-0000-4000-8000-00000000d001"
    with open(os.path.join(sample, base + ".json")) as f:
        person = json.load(f)
    pages = {}
    for kind in ("programme-offering-associations",
                 "course-offering-associations"):
        with open(os.path.join(sample, f"{base}-{kind}.json")) as f:
            pages[kind] = json.load(f)
    person.pop("otherCodes", None)
    for i in range(n):
        pid = f"4f1a2b3c-0000-4000-8000-{i:012d}"
        person["personId"] = pid
        person["primaryCode"]["code"] = f"{3000000 + i}"
        with open(os.path.join(out, f"persons-{pid}.json"), "w") as f:
            json.dump(person, f)
        for kind, page in pages.items():
            for item in page["items"]:
                item["personId"] = pid
            with open(os.path.join(out, f"persons-{pid}-{kind}.json"),
                      "w") as f:
                json.dump(page, f)


def lvs(src, n, out):
    os.makedirs(out)
    with open(os.path.join(src, "samples", "eduarte-lvs",
                           "Lvs_CSV_Export.csv"), encoding="utf-8-sig") as f:
        rows = [r.split(";") for r in f.read().splitlines() if r]
    students, cur = [], None
    for r in rows:
        if r[0] == "Deelnemer":
            cur = [r]
            students.append(cur)
        else:
            cur.append(r)
    with open(os.path.join(out, "Lvs_CSV_Export.csv"), "w",
              encoding="utf-8") as f:
        for i in range(n):
            for r in students[i % len(students)]:
                r = list(r)
                if r[0] == "Deelnemer":
                    r[24] = str(300000 + i)  # Deelnemernummer
                    r[26] = ""               # no BSN in a benchmark
                f.write(";".join(r) + "\n")


def main():
    src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    ooapi(src, n, os.path.join(out, "ooapi"))
    lvs(src, n, os.path.join(out, "lvs"))


if __name__ == "__main__":
    main()
