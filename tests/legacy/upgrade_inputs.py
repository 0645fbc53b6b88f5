#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""lob2europass upgrade against the legacy test material in ../shared.

    upgrade_inputs.py BINARY SRC_ROOT

For every document in ../shared/europass/legacy/inputs/ the summary table
of its EXPECTED.md says what must come out: an error (then: exit status
not 0, nothing on standard output, a message naming the cause), or a
valid v3.4 document (then: the official 3.4.1 XSD or JSON schema accepts
it, XSDVersion is V3.4, and the listed facts survive: names, birth date,
the number of work, education, mother tongue and foreign language
entries, "warnings" when it says so). Beyond the table, the CEFR levels
of every foreign language are compared with the input itself (upper
case, invalid levels left out), and a few per-file facts of EXPECTED.md
are checked (one-string address and employer, photo and attachment
bytes, the ISCO, EX and aim warnings).

`validate` on each valid-expected input checks the upgrade: it says the
version, gives every warning `upgrade` gives at the same line of the
original, and says the upgraded document is valid (official schemas).

Every upgrade is run twice (same bytes: deterministic), and its output
upgraded again (unchanged: idempotent); the official v3.4 examples come
out byte for byte as they went in.

The oracle lives in ../shared (or L2E_SHARED_DIR); without it, xmllint
or python3-jsonschema the test reports itself skipped (77). The last
line is "N passed, N failed".
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77
NS = "{http://europass.cedefop.europa.eu/Europass}"

failures = []
passed = 0


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
        print("FAIL:", what)


def run(binary, *args):
    p = subprocess.run([binary, "upgrade", *args], capture_output=True)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def check_cv(binary, tmp, name, path, row):
    """--to europass-cv: a Europass CV XML the built-in CV checks accept,
    with the name and the work and education entries."""
    p = subprocess.run([binary, "upgrade", "--to", "europass-cv", path],
                       capture_output=True)
    if path.endswith(".json"):
        check(p.returncode == 3 and b"only an XML" in p.stderr,
              f"{name}: --to europass-cv of JSON must say it needs XML")
        return
    doc = os.path.join(tmp, "cv-" + name)
    open(doc, "wb").write(p.stdout)
    v = subprocess.run([binary, "validate", doc], capture_output=True)
    check(p.returncode == 0 and b"valid (europass-cv-xml" in v.stdout,
          f"{name}: --to europass-cv: {p.returncode} {v.stdout[-300:]!r}")
    if p.returncode:
        return
    root = ET.fromstring(p.stdout)
    cvns = "{http://www.europass.eu/1.0}"
    oa = "{http://www.openapplications.org/oagis/9}"
    first, surname, _ = want_name(row["Name"])
    given = root.findtext(f"{cvns}CandidatePerson/{cvns}PersonName/{oa}GivenName")
    check(given == first, f"{name}: CV GivenName {given}, want {first}")
    for col, tag in (("Work", "EmployerHistory"),
                     ("Edu", "EducationOrganizationAttendance")):
        n = len(root.findall(f".//{cvns}{tag}"))
        check(n == int(row[col].split()[0]), f"{name}: CV {tag} {n}, want {row[col]}")


def check_validate(binary, shared, name, path, row, err):
    """validate on an old document: the upgrade's findings, at the
    original's lines, and the verdict of the upgraded document."""
    p = subprocess.run([binary, "validate", "--schema-dir",
                        os.path.join(shared, "europass"), path],
                       capture_output=True)
    out = p.stdout.decode("utf-8", "replace")
    version = row["Version"].split()[-1].strip('"')
    check(p.returncode == 1 and "europass-older " in out and "[version]" in out,
          f"validate {name}: an older version must be named: {out[-300:]}")
    warnings = [l for l in err.splitlines() if ": warning: " in l]
    missing = [w for w in warnings if w not in out.splitlines()]
    check(not missing, f"validate {name}: upgrade warnings not reported: {missing[:2]}")
    n_lines = open(path, "rb").read().count(b"\n") + 1
    lines = [int(m) for m in re.findall(r"^[^\n]*?:(\d+): ", out, re.M)]
    check(all(0 < n <= n_lines for n in lines),
          f"validate {name}: a line outside the original: {lines}")
    check("the document is valid [upgrade]" in out,
          f"validate {name}: the upgraded document should be valid: {out[-400:]}")
    del version


def table(expected_md):
    """The summary table: file -> dict of its columns."""
    rows = {}
    head = None
    for line in open(expected_md, encoding="utf-8"):
        if not line.startswith("|"):
            if head and rows:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if head is None:
            head = cells
        elif not set(cells[0]) <= set("-: "):
            rows[cells[0]] = dict(zip(head, cells))
    return rows


def want_date(text):
    """(year, month, day) or None from '1987-04-12', 'year 1988 only',
    '1998-06 (year+month)', 'none (no year)'."""
    m = re.match(r"(?:year )?(\d{4})(?:-(\d\d))?(?:-(\d\d))?", text)
    if not m:
        return None
    return tuple(int(g) if g else None for g in m.groups())


def want_name(text):
    m = re.match(r"(.+?) / (.+?)(?: \(title (\w+)\))?$", text)
    return m.groups()


# ==== Facts of a v3.4 document, XML or JSON ====

def xml_facts(data):
    root = ET.fromstring(data)
    li = root.find(NS + "LearnerInfo")
    pn = li.find(f"{NS}Identification/{NS}PersonName") if li is not None else None
    f = {"version": root.findtext(f"{NS}DocumentInfo/{NS}XSDVersion")}
    f["first"] = pn.findtext(NS + "FirstName") if pn is not None else None
    f["surname"] = pn.findtext(NS + "Surname") if pn is not None else None
    f["title"] = pn.findtext(f"{NS}Title/{NS}Code") if pn is not None else None
    bd = root.find(f".//{NS}Demographics/{NS}Birthdate")
    f["birth"] = None if bd is None else (
        int(bd.get("year")),
        int(bd.get("month")[2:]) if bd.get("month") else None,
        int(bd.get("day")[3:]) if bd.get("day") else None)
    f["work"] = len(root.findall(f".//{NS}WorkExperienceList/{NS}WorkExperience"))
    f["edu"] = len(root.findall(f".//{NS}EducationList/{NS}Education"))
    f["mother"] = len(root.findall(f".//{NS}MotherTongueList/{NS}MotherTongue"))
    foreign = root.findall(f".//{NS}ForeignLanguageList/{NS}ForeignLanguage")
    f["foreign"] = len(foreign)
    f["levels"] = [[fl.findtext(f"{NS}ProficiencyLevel/{NS}{k}") for k in LEVELS]
                   for fl in foreign]
    return f


LEVELS = ["Listening", "Reading", "SpokenInteraction", "SpokenProduction",
          "Writing"]


def json_facts(data):
    sp = json.loads(data)["SkillsPassport"]
    li = sp.get("LearnerInfo", {})
    ident = li.get("Identification", {})
    pn = ident.get("PersonName", {})
    bd = ident.get("Demographics", {}).get("Birthdate")
    ling = li.get("Skills", {}).get("Linguistic", {})
    foreign = ling.get("ForeignLanguage", [])
    return {
        "version": sp.get("DocumentInfo", {}).get("XSDVersion"),
        "first": pn.get("FirstName"), "surname": pn.get("Surname"),
        "title": pn.get("Title", {}).get("Code"),
        "birth": None if bd is None else (bd["Year"], bd.get("Month"),
                                          bd.get("Day")),
        "work": len(li.get("WorkExperience", [])),
        "edu": len(li.get("Education", [])),
        "mother": len(ling.get("MotherTongue", [])),
        "foreign": len(foreign),
        "levels": [[fl.get("ProficiencyLevel", {}).get(k) for k in LEVELS]
                   for fl in foreign],
    }


def input_levels(path):
    """The CEFR levels of the input's foreign languages as an upgrade must
    keep them: upper case, A1..C2 only, a language with neither name nor
    code left out."""
    def norm(v):
        v = (v or "").strip().upper()
        return v if re.fullmatch(r"[ABC][12]", v) else None
    if path.endswith(".json"):
        return json_facts(open(path, "rb").read())["levels"]
    root = ET.parse(path).getroot()
    if root.tag.endswith("SkillsPassport"):
        return [[norm(fl.findtext(f"{NS}ProficiencyLevel/{NS}{k}")) for k in LEVELS]
                for fl in root.iter(NS + "ForeignLanguage")]
    out = []
    for lang in root.iter("language"):
        kind = lang.get("type") or lang.get(
            "{http://www.w3.org/2001/XMLSchema-instance}type", "")
        if kind.split(":")[-1] != "foreign":
            continue
        names = [(lang.findtext(t) or "").strip() for t in ("label", "name", "code")]
        if not any(n and n != "null" for n in names):
            continue
        out.append([norm(lang.findtext(f"level/{k.lower()}")) for k in LEVELS])
    return out


# ==== Schemas ====

def xsd_valid(xsd, path):
    env = dict(os.environ, XML_CATALOG_FILES=os.path.join(xsd, "catalog.xml"))
    p = subprocess.run(["xmllint", "--noout", "--nonet", "--schema",
                        os.path.join(xsd, "EuropassSchema.xsd"), path],
                       capture_output=True, env=env)
    return p.returncode == 0, p.stderr.decode("utf-8", "replace")[-600:]


def json_valid(schema, data):
    import jsonschema
    errors = list(jsonschema.Draft4Validator(schema).iter_errors(json.loads(data)))
    return not errors, "; ".join(e.message for e in errors[:3])


# What each listed error must name (EXPECTED.md "Expected" column).
ERROR_WORDS = {
    "DOCTYPE": ["DOCTYPE"],
    "Microsoft Word": ["Microsoft Word"],
    "not a Europass document": ["not a Europass document"],
    "not well-formed": ["not well-formed", ":7:"],
    "naming the invalid parts": ["DocumentType", "Attachement"],
}


def check_error(name, want, rc, out, err):
    check(rc not in (0, 1), f"{name}: an error expected, exit {rc}")
    check(out == b"", f"{name}: no document expected on standard output")
    for key, words in ERROR_WORDS.items():
        if key in want:
            for w in words:
                check(w in err, f"{name}: the message should name '{w}': {err!r}")
            return
    check(False, f"{name}: no known error in '{want}'")


def check_valid(name, row, path, out, err, tmp, xsd, jschema):
    is_json = path.endswith(".json")
    doc = os.path.join(tmp, name)
    open(doc, "wb").write(out)
    ok, why = json_valid(jschema, out) if is_json else xsd_valid(xsd, doc)
    check(ok, f"{name}: output not valid against the 3.4.1 schema: {why}")
    f = json_facts(out) if is_json else xml_facts(out)
    check(f["version"] == "V3.4", f"{name}: XSDVersion {f['version']}")
    first, surname, title = want_name(row["Name"])
    check((f["first"], f["surname"]) == (first, surname),
          f"{name}: name {f['first']} / {f['surname']}, want {first} / {surname}")
    if title:
        check(f["title"] == title, f"{name}: title {f['title']}, want {title}")
    check(f["birth"] == want_date(row["Birth date"]),
          f"{name}: birth date {f['birth']}, want {row['Birth date']}")
    for col, key in (("Work", "work"), ("Edu", "edu"), ("Mother", "mother"),
                     ("Foreign", "foreign")):
        n = int(row[col].split()[0])
        check(f[key] == n, f"{name}: {col} {f[key]}, want {n}")
    if "no levels" in row["Foreign"]:
        check(all(v is None for lv in f["levels"] for v in lv),
              f"{name}: placeholder levels should be left out: {f['levels']}")
    want_levels = input_levels(path)
    check(f["levels"] == want_levels,
          f"{name}: CEFR levels {f['levels']}, input says {want_levels}")
    if "warning" in row["Expected"]:
        check("warning:" in err, f"{name}: warnings expected, none given")
    return f


def specific(name, path, out, err):
    """Per-file facts of EXPECTED.md beyond the table."""
    if name == "lob-v1.0-sanne-de-vries.xml":
        root = ET.fromstring(out)
        c = root.find(f".//{NS}Identification/{NS}ContactInfo/{NS}Address/{NS}Contact")
        check([e.tag for e in c] == [NS + "AddressLine"] and
              c.findtext(NS + "AddressLine") == "Lindenlaan 14, 8011 XK Zwolle, Nederland",
              f"{name}: a one-string address goes to AddressLine only")
        emp = root.findall(f".//{NS}WorkExperience/{NS}Employer")[2]
        check(emp.findtext(NS + "Name") ==
              "Residencia Los Naranjos, Calle del Sol 8, Málaga, España" and
              emp.find(NS + "ContactInfo") is None,
              f"{name}: a one-string employer is its Name, not an address")
    if name == "lob-v1.2-fatima-el-amrani.xml":
        src = ET.parse(path).getroot().findtext("identification/photo").strip()
        root = ET.fromstring(out)
        check(root.findtext(f".//{NS}Photo/{NS}Data") == src and
              root.findtext(f".//{NS}Photo/{NS}MimeType") == "image/jpeg",
              f"{name}: photo bytes and type kept")
        check("Erasmus" in (root.findtext(f".//{NS}Achievement/{NS}Description") or ""),
              f"{name}: the additional information survives")
    if name == "lob-v3.2-emma-smit.xml":
        src = ET.parse(path).getroot()
        root = ET.fromstring(out)
        check(root.findtext(f".//{NS}Attachment/{NS}Data") ==
              src.findtext(f".//{NS}Attachment/{NS}Data") and
              len(root.findall(f".//{NS}ReferenceTo")) == 2,
              f"{name}: attachment bytes and both references kept")
        check(root.find(f".//{NS}Field[@name='LearnerInfo.CEFLanguageLevelsGrid']")
              is not None, f"{name}: the CEFLanguageLevelsGrid preference stays")
    if name == "lob-v3.3-yara-de-boer-isco88.xml":
        check(err.count("[isco-code]") == 3, f"{name}: one warning per ISCO code")
        check(b"<Code>51220</Code>" not in out and b"<Label>Kok</Label>" in out,
              f"{name}: ISCO codes out, labels kept")
    if name == "lob-v3.3-lars-peeters-ex-aim.xml":
        check("[document-type]" in err and "[im-use]" in err,
              f"{name}: EX and aim are warnings")
        check(b">aim<" not in out and b"<DocumentType>ECV<" in out,
              f"{name}: EX is ECV, aim is gone")
    if name == "Europass-CV-version2.0-skeleton.xml":
        check("[gender]" in err, f"{name}: gender NA is a warning")
    if name == "lob-v2.0-doctype-xxe.xml":
        try:
            host = open("/etc/hostname").read().strip()
        except OSError:
            host = ""
        check(not host or host not in err, f"{name}: the entity was read")


def main():
    binary, src = sys.argv[1], sys.argv[2].rstrip("/")
    shared = os.environ.get("L2E_SHARED_DIR", os.path.join(src, "..", "shared"))
    legacy = os.path.join(shared, "europass", "legacy", "inputs")
    xsd = os.path.join(shared, "europass", "v3.4.1", "xsd")
    jpath = os.path.join(shared, "europass", "v3.4.1", "jsonschema",
                         "Europass_JSONSchema_V3.4.1.json")
    if not os.path.isfile(os.path.join(legacy, "EXPECTED.md")):
        print("SKIP: legacy test material not found at", legacy)
        return SKIP
    if not shutil.which("xmllint"):
        print("SKIP: xmllint not installed")
        return SKIP
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        print("SKIP: python3-jsonschema not installed")
        return SKIP
    jschema = json.load(open(jpath, encoding="utf-8"))
    rows = table(os.path.join(legacy, "EXPECTED.md"))
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(legacy, "*"))
                   if not p.endswith(".md"))
    check(set(files) == set(rows), f"EXPECTED.md and inputs/ differ: "
          f"{sorted(set(files) ^ set(rows))}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            row, path = rows.get(name), os.path.join(legacy, name)
            if row is None:
                continue
            rc, out, err = run(binary, path)
            if row["Expected"].startswith("**error**"):
                check_error(name, row["Expected"], rc, out, err)
                specific(name, path, out, err)
                continue
            check(rc == 0, f"{name}: exit {rc}: {err[-300:]}")
            if rc != 0:
                continue
            check_valid(name, row, path, out, err, tmp, xsd, jschema)
            specific(name, path, out, err)
            check_validate(binary, shared, name, path, row, err)
            check_cv(binary, tmp, name, path, row)
            rc2, out2, _ = run(binary, path)
            check(out2 == out, f"{name}: a second run gave other bytes")
            again = os.path.join(tmp, "again-" + name)
            open(again, "wb").write(out)
            rc3, out3, err3 = run(binary, again)
            check(rc3 == 0 and out3 == out and "unchanged" in err3,
                  f"{name}: upgrading the result again changed it")
        for path in sorted(glob.glob(os.path.join(shared, "europass", "v3.4.1",
                                                  "examples", "*.xml"))):
            rc, out, err = run(binary, path)
            check(rc == 0 and out == open(path, "rb").read(),
                  f"{os.path.basename(path)}: a v3.4 document must come out unchanged")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
