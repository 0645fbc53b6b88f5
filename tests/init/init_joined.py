#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""mapping init on exports whose students are not one record each, in
layouts no shipped file knows (so nothing is matched by name alone):

    init_joined.py BINARY SRC_ROOT

1. A folder of JSON responses in the manner of an API (fictional names:
   learner-<id>.json, learner-<id>-enrolments.json pages, courses/<id>.json
   and sites/<id>.json referred to by id): the draft must find the
   learners as the records, the enrolment pages and the referred objects
   as `lookups` (files patterns, keys), reach the course title and the
   site's city through `$lookup(...)`, pick the language-typed title in
   Dutch, and convert with the right values.
2. A headerless CSV of record types no layout names (STU, ENR, PLC): the
   draft must find the type column, the parents (ENR below STU, PLC below
   ENR), name the columns generically (tK_cN), place the dates, EQF level,
   e-mail, country and key by their values, and convert.
In both: `mapping check` passes, no national id (a valid BSN is in both
exports) is mapped or named, and every check can fail.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

BSN = "123456782"  # passes the elfproef: a national id
failed = 0


def check(cond, what):
    global failed
    print(("ok: " if cond else "FAIL: ") + what)
    failed += 0 if cond else 1


def run(cmd, env):
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        if isinstance(value, str):
            f.write(value)
        else:
            json.dump(value, f, indent=1, ensure_ascii=False)


def spread_export(root):
    learners = [("L-0001-a", "501001", "Anna", "Bakker", ["C-0001-x"]),
                ("L-0002-b", "501002", "Bram", "Visser",
                 ["C-0001-x", "C-0002-y"]),
                ("L-0003-c", "501003", "Cas", "Mulder", ["C-0002-y"])]
    for lid, nr, first, last, courses in learners:
        write(f"{root}/learner-{lid}.json",
              {"learnerId": lid, "studentNumber": nr, "firstName": first,
               "lastName": last, "mail": f"{first.lower()}@school.example",
               "nationalIdentityNumber": BSN})
        write(f"{root}/learner-{lid}-enrolments.json",
              {"total": len(courses), "data": [
                  {"enrolmentId": f"E-{lid}-{i}", "learnerId": lid,
                   "courseId": c, "startDate": f"202{i + 1}-09-01",
                   "endDate": f"202{i + 3}-07-01"}
                  for i, c in enumerate(courses)]})
    for cid, nl, en, level, site in (
            ("C-0001-x", "Kok", "Cook", "3", "S-0001-z"),
            ("C-0002-y", "Kapper", "Hairdresser", "4", "S-0001-z")):
        write(f"{root}/courses/{cid}.json",
              {"courseId": cid, "title": [{"language": "en-GB",
                                           "value": en},
                                          {"language": "nl-NL",
                                           "value": nl}],
               "eqfLevel": level, "siteId": site})
    write(f"{root}/sites/S-0001-z.json",
          {"siteId": "S-0001-z", "city": "Zwolle"})
    # a folder named by a national id, and a file that is not JSON: both
    # are left out, never named in the draft
    write(f"{root}/{BSN}/S-0001-z.json", {"siteId": "S-0001-z"})
    write(f"{root}/notes-0001.json", "not json {")
    return sorted(os.path.join(root, n) for n in os.listdir(root)
                  if n.endswith(".json") and not n.startswith("notes"))


TYPES_CSV = (
    f"STU;Bakker;Anna;14022006;700001;{BSN};anna@school.example\n"
    "ENR;01092022;30062024;Niveau 3;Kok\n"
    "PLC;01022023;30062023;Restaurant Proef;DE\n"
    "STU;Visser;Bram;03112005;700002;;bram@school.example\n"
    "ENR;01092023;;Niveau 4;Kapper\n"
    "PLC;01022024;;Kapsalon Proef;NL\n"
    "PLC;01092024;;Salon Twee;BE\n"
    "STU;Mulder;Cas;22072006;700003;;\n"
    "ENR;01092024;;Niveau 2;Logistiek\n")


def documents(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out[name] = json.load(f)
    return out


def draft_and_convert(binary, env, work, inputs):
    os.makedirs(work, exist_ok=True)
    draft = os.path.join(work, "draft.json")
    r = run([binary, "mapping", "init", "-o", draft] + inputs, env)
    check(r.returncode == 0, f"mapping init exit 0 ({r.stderr.strip()})")
    if r.returncode:
        return None, None
    with open(draft, encoding="utf-8") as f:
        text = f.read()
    check(BSN not in text and BSN[1:] not in text,
          "the draft holds no national id")
    r = run([binary, "mapping", "check", draft], env)
    check(r.returncode == 0, f"mapping check passes ({r.stderr.strip()})")
    out = os.path.join(work, "out")
    r = run([binary, "convert", "-m", draft, "-o", out, "--to",
             "europass-json", "--quiet"] + inputs, env)
    check(r.returncode == 0,
          f"convert with the draft exit 0 ({r.stderr.strip()[-300:]})")
    docs = documents(out) if os.path.isdir(out) else {}
    blob = json.dumps(docs, ensure_ascii=False)
    check(BSN not in blob, "no document holds the national id")
    return json.loads(text), docs


def education(doc):
    return doc["SkillsPassport"]["LearnerInfo"].get("Education", [])


def work(doc):
    return doc["SkillsPassport"]["LearnerInfo"].get("WorkExperience", [])


def test_spread(binary, env, tmp):
    root = os.path.join(tmp, "spread", "export")
    inputs = spread_export(root)
    m, docs = draft_and_convert(binary, env, os.path.join(tmp, "spread"),
                                inputs)
    if m is None:
        return
    look = m.get("lookups", {})
    pages = [t for t in look.values()
             if t.get("files") == "learner-*-enrolments.json"]
    check(len(pages) == 1 and pages[0].get("key") == "data[0].learnerId",
          f"the enrolment pages are a look-up by the learner: {look}")
    check(any(t.get("files") == "courses/*.json" and
              t.get("key") == "courseId" for t in look.values()),
          "the courses are a look-up by courseId")
    check(any(t.get("files") == "sites/*.json" and t.get("key") == "siteId"
              for t in look.values()), "the sites are a look-up by siteId")
    check(m["dossier"].get("key") == "studentNumber",
          f"the key is the student number: {m['dossier'].get('key')}")
    edu = m["profile"].get("education", {})
    check(edu.get("each", "").startswith("$lookup(") and
          edu.get("each", "").endswith(").data"),
          f"education is each enrolment: {edu.get('each')}")
    title = edu.get("fields", {}).get("title", {})
    check("$lookup(courses, courseId).title" in json.dumps(title) and
          title.get("language", [None])[0] == "nl",
          f"the title is the course's, in Dutch first: {title}")
    check(sorted(docs) == ["501001.europass.json", "501002.europass.json",
                           "501003.europass.json"],
          f"one document per learner: {sorted(docs)}")
    bram = docs.get("501002.europass.json")
    if bram:
        titles = sorted(e.get("Title") for e in education(bram))
        check(titles == ["Kapper", "Kok"], f"Bram's titles: {titles}")
        cities = {e["Organisation"]["ContactInfo"]["Address"]["Contact"]
                  .get("Municipality") for e in education(bram)
                  if "Organisation" in e}
        check(cities == {"Zwolle"}, f"the site's city: {cities}")
        levels = sorted(e.get("Level", {}).get("Code", "")
                        for e in education(bram))
        check(levels == ["3", "4"], f"EQF levels: {levels}")
    # the folder itself as the input (an API export of thousands of
    # responses is no command line): the same documents
    os.remove(os.path.join(root, "notes-0001.json"))
    m2, docs2 = draft_and_convert(binary, env,
                                  os.path.join(tmp, "spread-folder"), [root])
    check(docs2 == docs, "the folder as the input: the same documents")


def test_types(binary, env, tmp):
    root = os.path.join(tmp, "types", "export")
    write(os.path.join(root, "export.csv"), TYPES_CSV)
    m, docs = draft_and_convert(binary, env, os.path.join(tmp, "types"),
                                [root])
    if m is None:
        return
    table = list(m["source"].get("tables", {}).values())[0]
    rts = table.get("record_types", {}) if isinstance(table, dict) else {}
    check(list(rts) == ["STU", "ENR", "PLC"], f"record types: {list(rts)}")
    check(rts.get("ENR", {}).get("children_of") == "STU" and
          rts.get("PLC", {}).get("children_of") == "ENR",
          "ENR rows below STU, PLC rows below ENR")
    check(rts.get("STU", {}).get("columns", [None])[0] == "t1_c2",
          "generic column names (t1_c2: type 1, field 2)")
    check(m["source"].get("records") == "STU", "the records are STU rows")
    check(m["dossier"].get("key") == "t1_c5",
          f"the key: the unique number, not the BSN: {m['dossier']}")
    edu = m["profile"].get("education", {})
    check(edu.get("each") == "ENR", f"education: each ENR: {edu}")
    wrk = m["profile"].get("work", {})
    check(wrk.get("each") == "ENR.PLC", f"work: each ENR.PLC: {wrk}")
    anna = docs.get("700001.europass.json")
    check(anna is not None, f"Anna's document: {sorted(docs)}")
    if anna:
        e = education(anna)
        check(len(e) == 1 and e[0].get("Period", {}).get("From") ==
              {"Year": 2022, "Month": 9, "Day": 1} and
              e[0].get("Level", {}).get("Code") == "3",
              f"her enrolment's date and EQF level by shape: {e}")
        w = work(anna)
        check(len(w) == 1 and w[0].get("Period", {}).get("To") ==
              {"Year": 2023, "Month": 6, "Day": 30},
              f"her placement's dates by shape: {w}")
        email = anna["SkillsPassport"]["LearnerInfo"]["Identification"] \
            .get("ContactInfo", {}).get("Email", {}).get("Contact")
        check(email == "anna@school.example", f"e-mail by shape: {email}")


def main():
    binary, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ)
    env["L2E_MAPPINGS_PATH"] = os.path.join(src, "mappings")
    env["L2E_CODELISTS_DIR"] = os.path.join(src, "mappings", "codelists")
    tmp = tempfile.mkdtemp(prefix="l2e-init-joined-")
    try:
        test_spread(binary, env, tmp)
        test_types(binary, env, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("failed" if failed else "passed", failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
