#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""mapping init on exports it has never seen: names it must recognise.

    init_names.py BINARY SRC_ROOT

1. A CSV bundle with English column names, 2. a JSON export with
abbreviated Dutch names (Geb.datum, Roepn, ERK lezen, BPV bedrijf), and
3. an export full of national identifiers (BSN, onderwijsnummer, ECK
iD, also under harmless names), 4. the same inside lists that the
drafter splits by kind or reads by kind, a record per credential and
two per student (merged): for each, `mapping init` drafts, the
draft passes `mapping check`, converts with exit 0, and the documents
hold the names, birth date, programme, placements and languages of the
export. The draft never reads a national identifier: no path, key or
list of it names such a column, and no document holds one.
"""
import json
import os
import subprocess
import sys
import tempfile

STUDENTS = [
    # number, first, prefix, last, birth (d, m, y), bsn, onderwijsnummer
    ("0204518", "Fenna", "van der", "Testra", (14, 2, 2006), "123456782",
     "100000004"),
    ("0204519", "Jesse", "", "Proefsteen", (12, 3, 2008), "234567892",
     "100000016"),
    ("0213307", "Noor", "", "Voorbeeld", (1, 10, 2007), "345678903",
     "100000028"),
]
ECK = "https://ketenid.nl/201703/6fc894a4c5310acf4da7079e8138e4%02d"
failed = 0


def check(ok, what):
    global failed
    if not ok:
        failed += 1
    print(("ok: " if ok else "FAIL: ") + what)


def english_bundle(folder):
    os.makedirs(folder)
    with open(os.path.join(folder, "students.csv"), "w") as f:
        f.write("student_id,ssn,first_name,last_name,date_of_birth,"
                "email,consent\n")
        for n, first, _, last, (d, m, y), bsn, _ in STUDENTS:
            f.write(f"{n},{bsn},{first},{last},{y}-{m:02d}-{d:02d},"
                    f"{first.lower()}@example.invalid,yes\n")
    with open(os.path.join(folder, "programmes.csv"), "w") as f:
        f.write("student_id,programme_name,level,start_date,end_date\n")
        for n, first, *_ in STUDENTS:
            f.write(f"{n},Programme of {first},Niveau 3,2023-08-01,\n")
    with open(os.path.join(folder, "placements.csv"), "w") as f:
        f.write("student_id,company,city,country,start_date,end_date\n")
        for n, first, *_ in STUDENTS:
            f.write(f"{n},Company of {first},Assen,NL,2024-02-01,"
                    "2024-06-30\n")
    with open(os.path.join(folder, "languages.csv"), "w") as f:
        f.write("student_id,language,mother_tongue,listening,reading,"
                "spoken_interaction,spoken_production,writing\n")
        for n, *_ in STUDENTS:
            f.write(f"{n},English,no,B1,B2,A2,A2,B1\n")
    return [folder]


def dutch_abbreviated(folder):
    os.makedirs(folder)
    recs = []
    for i, (n, first, prefix, last, (d, m, y), bsn, onr) in \
            enumerate(STUDENTS):
        recs.append({
            "Llnr": n, "BSN": bsn, "Onderwijsnr": onr, "ECK iD": ECK % i,
            "Roepn.": first, "Tussenv.": prefix, "Achtern.": last,
            "Geb.datum": f"{d:02d}-{m:02d}-{y}",
            "Opl": [{"Oplnaam": f"Opleiding van {first}", "Niv": "4",
                     "Begindat": "01-08-2023"}],
            "Stages": [{"BPV bedrijf": f"Bedrijf van {first}",
                        "BPV plaats": "Emmen", "Land": "Duitsland",
                        "Begindat": "02-09-2024", "Einddat": "31-01-2025"}],
            "Talen": [{"Taal": "Duits", "ERK luisteren": "A2",
                       "ERK lezen": "B1", "ERK gesprekken": "A2",
                       "ERK spreken": "A1", "ERK schrijven": "A2"}],
        })
    path = os.path.join(folder, "export.json")
    with open(path, "w") as f:
        json.dump({"exportdatum": "2025-07-03", "leerlingen": recs}, f,
                  ensure_ascii=False, indent=1)
    return [path]


def national_ids(folder):
    """National identifiers first, unique, and under harmless names."""
    os.makedirs(folder)
    path = os.path.join(folder, "export.json")
    recs = []
    for i, (n, first, _, last, *_rest) in enumerate(STUDENTS):
        bsn, onr = _rest[1], _rest[2]
        recs.append({"bsn": bsn, "nummer": bsn, "onderwijsnummer": onr,
                     "id": ECK % i, "code": onr, "studentnummer": n,
                     "voornaam": first, "achternaam": last})
    with open(path, "w") as f:
        json.dump(recs, f)
    return [path]


def ids_in_lists(folder):
    """A record per credential, two per student, with national ids in the
    lists the drafter splits by kind and in a list of kinds, under
    harmless names ("code", "waarde")."""
    os.makedirs(folder)
    paths = []
    for i, (n, first, _, last, *_rest) in enumerate(STUDENTS):
        bsn, onr = _rest[1], _rest[2]
        for k, kind in enumerate(("Qualification", "LearningActivity")):
            rec = {"id": f"urn:credential:{n}-{k}",
                   "credentialSubject": {
                       "id": f"did:example:{n}",
                       "givenName": {"nl": first}, "familyName": {"nl": last},
                       "identifier": [{"soort": "BSN", "waarde": bsn},
                                      {"soort": "onderwijsnummer",
                                       "waarde": onr},
                                      {"soort": "ECK", "waarde": ECK % i}],
                       "hasClaim": [{"type": kind,
                                     "title": {"nl": f"{kind} van {first}"},
                                     "code": onr if k else bsn}]}}
            paths.append(os.path.join(folder, f"{n}-{k}.json"))
            with open(paths[-1], "w") as f:
                json.dump(rec, f)
    return paths


def init_draft(binary, env, inputs, draft, name):
    """mapping init of `inputs` into `draft`; whether it worked."""
    r = subprocess.run([binary, "mapping", "init", "-o", draft] + inputs,
                       env=env, capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: mapping init exit {r.returncode} "
          f"{r.stderr.strip()}")
    return r.returncode == 0


def check_ids_in_lists(binary, env, work, inputs):
    """Merged per learner, sections split by kind, no national id read."""
    name = "ids-in-lists"
    draft = os.path.join(work, name + ".draft.json")
    out = os.path.join(work, name + ".out")
    if not init_draft(binary, env, inputs, draft, name):
        return
    with open(draft) as f:
        mapping = json.load(f)
    read = set(paths_of({k: v for k, v in mapping.items()
                         if k != "comment"}))
    check(mapping["dossier"].get("merge") is True and
          mapping["dossier"]["key"] == "credentialSubject.id",
          f"{name}: merged per learner ({mapping['dossier']!r})")
    check(mapping["profile"].get("education", {}).get("where") is not None,
          f"{name}: education split from the claims by kind")
    for bad in ("code", "waarde", "identifier"):
        check(not any(bad in p for p in read),
              f"{name}: the draft never reads {bad!r} ({sorted(read)})")
    r = subprocess.run([binary, "convert", "-q", "-m", draft, "-o", out,
                        "--to", "europass-json"] + inputs, env=env,
                       capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: convert with the draft exit "
          f"{r.returncode} {r.stderr.strip()[-300:]}")
    text = ""
    for doc in sorted(os.listdir(out)) if os.path.isdir(out) else []:
        with open(os.path.join(out, doc)) as f:
            text += f.read()
    check(text.count('"FirstName"') == len(STUDENTS),
          f"{name}: one document per learner")
    for n, first, *rest in STUDENTS:
        check(f"Qualification van {first}" in text,
              f"{name}: {n}'s qualification, from a split list")
        for secret in (rest[3], rest[4]):
            check(secret not in text,
                  f"{name}: no national id of {n} in a document")


def paths_of(rule):
    """Every path a mapping reads (not its comments)."""
    if isinstance(rule, dict):
        for k, v in rule.items():
            if k in ("comment", "description", "skip_message", "value",
                     "in", "equals", "map"):
                continue
            if k in ("path", "key", "each", "group_by", "records") and \
                    isinstance(v, str):
                yield v
            else:
                yield from paths_of(v)
    elif isinstance(rule, list):
        for v in rule:
            if isinstance(v, str):
                yield v
            else:
                yield from paths_of(v)


def leaves(doc, path=""):
    if isinstance(doc, dict):
        for k, v in doc.items():
            yield from leaves(v, path + "/" + k)
    elif isinstance(doc, list):
        for v in doc:
            yield from leaves(v, path + "/*")
    else:
        yield path, doc


def draft_and_convert(binary, env, work, inputs, name):
    draft = os.path.join(work, name + ".draft.json")
    out = os.path.join(work, name + ".out")
    if not init_draft(binary, env, inputs, draft, name):
        return None, None
    r = subprocess.run([binary, "mapping", "check", draft], env=env,
                       capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: the draft passes mapping check "
          f"{r.stderr.strip()}")
    conv_in = [os.path.dirname(inputs[0])] if inputs[0].endswith(".csv") \
        else inputs
    r = subprocess.run([binary, "convert", "-q", "-m", draft, "-o", out,
                        "--to", "europass-json"] + conv_in, env=env,
                       capture_output=True, text=True)
    check(r.returncode == 0, f"{name}: convert with the draft exit "
          f"{r.returncode} {r.stderr.strip()[-300:]}")
    with open(draft) as f:
        mapping = json.load(f)
    docs = {}
    for n, *_ in STUDENTS:
        p = os.path.join(out, n + ".europass.json")
        check(os.path.exists(p), f"{name}: a document for {n}")
        if os.path.exists(p):
            with open(p) as f:
                docs[n] = dict()
                for k, v in leaves(json.load(f)):
                    docs[n].setdefault(k, []).append(v)
    return mapping, docs


def expect(docs, name, n, path, value):
    got = docs.get(n, {}).get("/SkillsPassport/LearnerInfo/" + path, [])
    check(value in got, f"{name}: {n} {path} = {value!r} (got {got!r})")


def main():
    binary, src = sys.argv[1], sys.argv[2]
    env = dict(os.environ)
    env["L2E_MAPPINGS_PATH"] = os.path.join(src, "mappings")
    env["L2E_CODELISTS_DIR"] = os.path.join(src, "mappings", "codelists")
    with tempfile.TemporaryDirectory(prefix="l2e-init-names-") as work:
        cases = [("english", english_bundle(os.path.join(work, "en"))),
                 ("dutch-abbreviated",
                  dutch_abbreviated(os.path.join(work, "nl"))),
                 ("national-ids", national_ids(os.path.join(work, "ids")))]
        for name, inputs in cases:
            if name == "english":
                inputs = [os.path.join(inputs[0], f) for f in
                          sorted(os.listdir(inputs[0]))]
            mapping, docs = draft_and_convert(binary, env, work, inputs,
                                              name)
            if mapping is None:
                continue
            read = set(paths_of({k: v for k, v in mapping.items()
                                 if k != "comment"}))
            for bad in ("ssn", "BSN", "Onderwijsnr", "ECK iD", "bsn",
                        "nummer", "onderwijsnummer", "id", "code"):
                check(not any(p == bad or p.startswith(bad + ".") or
                              f"['{bad}']" in p for p in read),
                      f"{name}: the draft never reads {bad!r}")
            text = json.dumps(docs)
            for n, *rest in STUDENTS:
                for secret in (rest[4], rest[5]):
                    check(secret not in text,
                          f"{name}: no national id of {n} in a document")
            for n, first, prefix, last, (d, m, y), *_ in STUDENTS:
                expect(docs, name, n, "Identification/PersonName/FirstName",
                       first)
                surname = (prefix + " " + last).strip() \
                    if name == "dutch-abbreviated" else last
                expect(docs, name, n, "Identification/PersonName/Surname",
                       surname)
                if name == "national-ids":
                    continue
                for part, v in (("Year", y), ("Month", m), ("Day", d)):
                    expect(docs, name, n,
                           "Identification/Demographics/Birthdate/" + part,
                           v)
                title = ("Programme of " if name == "english"
                         else "Opleiding van ") + first
                expect(docs, name, n, "Education/*/Title", title)
                employer = ("Company of " if name == "english"
                            else "Bedrijf van ") + first
                expect(docs, name, n, "WorkExperience/*/Employer/Name",
                       employer)
                levels = (("Listening", "B1"), ("Reading", "B2"),
                          ("SpokenInteraction", "A2"), ("Writing", "B1")) \
                    if name == "english" else \
                    (("Listening", "A2"), ("Reading", "B1"),
                     ("SpokenProduction", "A1"), ("Writing", "A2"))
                for skill, level in levels:
                    expect(docs, name, n, "Skills/Linguistic/"
                           "ForeignLanguage/*/ProficiencyLevel/" + skill,
                           level)
            if name == "national-ids":
                check(mapping["dossier"]["key"] == "studentnummer",
                      f"{name}: the key is the student number, not a "
                      f"national id ({mapping['dossier']['key']!r})")
        check_ids_in_lists(binary, env, work,
                           ids_in_lists(os.path.join(work, "lists")))
    print("failed" if failed else "passed", failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
