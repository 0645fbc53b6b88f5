#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Deliberately broken copies of documents lob2europass writes fail
`lob2europass validate`, each with a finding at the right place: the
line and column of the element (or JSON value), its XPath (or JSON
pointer), and a rule that says why.

A dossier of the koerskaart-json sample is converted to Europass v3.4
XML, v3.4 JSON and the Europass CV XML. Each case breaks one thing: a
required element removed, a date that does not exist, a period that ends
before it starts, a CEFR level D1, sections in the wrong order, a country
code ZZ, an EQF level 9, an unknown member, a value of the wrong type.
Every XML and JSON case runs twice: as written (indented), and with the
whole document on one line, where the column must still point at the
element. A national identifier pasted into a text gives a warning and
leaves the document valid.

With the official schemas (../shared or L2E_SHARED_DIR) the schema step
runs and its finding counts; without them the built-in checks must still
catch every case they cover (the cases only a schema can see are then
left out, and the test says so).

    broken_copies.py BINARY SRC_ROOT
"""
import json
import os
import re
import subprocess
import sys
import tempfile

KEY = "0204518"


def position(text, marker, nth=0):
    """(line, column) of the nth occurrence of marker; columns count
    characters, as libxml2 and lob2europass do."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(marker, at + 1)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def one_line_xml(text):
    return re.sub(r">\s+<", "><", text)


def swap_blocks(text, first, second):
    """Put the element block `first` (<first>...</first>) after `second`."""
    a = re.search(r"( *)<%s>.*?</%s>\n" % (first, first), text, re.S)
    block = a.group(0)
    text = text[:a.start()] + text[a.end():]
    b = re.search(r" *<%s>.*?</%s>\n" % (second, second), text, re.S)
    return text[:b.end()] + block + text[b.end():]


LI = "/SkillsPassport/LearnerInfo"
WE1 = LI + "/WorkExperienceList/WorkExperience[1]"

# name, edit, marker (where the finding must point), XPath, rules,
# needs the XSD
XML_CASES = [
    ("missing required element",
     lambda t: t.replace("    <Generator>lob2europass 0.1.0</Generator>\n",
                         ""),
     "<DocumentInfo>", "/SkillsPassport/DocumentInfo", {"xsd", "structure"},
     False),
    ("date that does not exist",
     lambda t: t.replace('<From year="2023" month="--09" day="---04"/>',
                         '<From year="2023" month="--02" day="---31"/>', 1),
     '<From year="2023" month="--02"', WE1 + "/Period/From", {"date"},
     False),
    ("period ending before it starts",
     lambda t: t.replace('<To year="2024" month="--01" day="---26"/>',
                         '<To year="2022" month="--01" day="---26"/>', 1),
     '<To year="2022"', WE1 + "/Period/To", {"date-order"}, False),
    ("CEFR level D1",
     lambda t: t.replace("<Listening>B1</Listening>",
                         "<Listening>D1</Listening>", 1),
     "<Listening>D1",
     LI + "/Skills/Linguistic/ForeignLanguageList/ForeignLanguage[1]"
     "/ProficiencyLevel/Listening", {"xsd", "cefr"}, False),
    ("sections in the wrong order",
     lambda t: swap_blocks(t, "Identification", "Headline"),
     "<Identification>", LI + "/Identification", {"xsd", "structure"},
     False),
    ("country code ZZ",
     lambda t: t.replace("<Code>NL</Code>", "<Code>ZZ</Code>", 1),
     "<Code>ZZ", WE1 + "/Employer/ContactInfo/Address/Contact/Country/Code",
     {"xsd", "country-code"}, False),
    ("EQF level 9",
     lambda t: re.sub(r"(<Level>\s*<Code>)3(</Code>)", r"\g<1>9\2", t),
     "<Code>9", LI + "/EducationList/Education/Level/Code", {"xsd", "eqf"},
     False),
    ("elements in the wrong order inside PersonName",
     lambda t: swap_blocks(t, "FirstName", "Surname"),
     "<FirstName>", LI + "/Identification/PersonName/FirstName", {"xsd"},
     True),
]

JP = "/SkillsPassport/LearnerInfo"


def edit_json(doc, case):
    we = doc["SkillsPassport"]["LearnerInfo"]["WorkExperience"][0]
    fl = doc["SkillsPassport"]["LearnerInfo"]["Skills"]["Linguistic"][
        "ForeignLanguage"][0]
    if case == "date":
        we["Period"]["From"].update(Month=2, Day=31)
    elif case == "order":
        we["Period"]["To"]["Year"] = 2022
    elif case == "cefr":
        fl["ProficiencyLevel"]["Listening"] = "D1"
    elif case == "code":
        we["Employer"]["ContactInfo"]["Address"]["Contact"]["Country"][
            "Code"] = "ZZ"
    elif case == "member":
        we["Period"]["Bogus"] = True
    elif case == "type":
        we["Period"]["From"]["Year"] = "2023"
    return doc


# name, edit, (marker, nth) for the place, pointer, rules, needs schema
PERIOD = JP + "/WorkExperience/0/Period"
JSON_CASES = [
    ("date that does not exist", "date", ('"From":', 0, "{"),
     PERIOD + "/From", {"date"}, False),
    ("period ending before it starts", "order", ('"To":', 0, "{"),
     PERIOD + "/To", {"date-order"}, False),
    ("CEFR level D1", "cefr", ('"D1"', 0, None),
     JP + "/Skills/Linguistic/ForeignLanguage/0/ProficiencyLevel/Listening",
     {"json-schema:enum", "cefr"}, False),
    ("country code ZZ", "code", ('"ZZ"', 0, None),
     JP + "/WorkExperience/0/Employer/ContactInfo/Address/Contact/Country"
     "/Code", {"country-code"}, False),
    ("unknown member", "member", ('"Bogus"', 0, None), PERIOD + "/Bogus",
     {"json-schema:additionalProperties"}, True),
    ("value of the wrong type", "type", ('"2023"', 0, None),
     PERIOD + "/From/Year", {"json-schema:type"}, True),
]

CV_CASES = [
    ("date that does not exist",
     lambda t: t.replace("<hr:FormattedDateTime>2023-09-04<",
                         "<hr:FormattedDateTime>2023-02-31<", 1),
     "<hr:FormattedDateTime>2023-02-31", None, {"structure"}),
    ("period ending before it starts",
     lambda t: t.replace("<hr:FormattedDateTime>2024-01-26<",
                         "<hr:FormattedDateTime>2022-01-26<", 1),
     "<eures:EndDate>", "/Candidate/CandidateProfile/EmploymentHistory/"
     "EmployerHistory[1]/PositionHistory/eures:EmploymentPeriod/"
     "eures:EndDate", {"date-order"}),
    ("CEFR level D1",
     lambda t: t.replace("<hr:ScoreText>B1<", "<hr:ScoreText>D1<", 1),
     "<hr:ScoreText>D1", None, {"cefr"}),
    ("required element missing",
     lambda t: t.replace("<hr:PartyName>Owner</hr:PartyName>", "", 1),
     "<CandidateSupplier>", None, {"structure"}),
    ("elements in the wrong order",
     lambda t: swap_blocks(t, "CandidateSupplier", "CandidatePerson"),
     "<CandidateSupplier>", None, {"structure"}),
]


def validate(binary, schema_args, path):
    run = subprocess.run([binary, "validate", "--format", "json"] +
                         schema_args + [path], capture_output=True,
                         text=True,
                         env=dict(os.environ,
                                  L2E_SCHEMA_DIR="/nonexistent"))
    if run.returncode not in (0, 1):
        raise SystemExit(f"FAIL: validate exited {run.returncode}: "
                         f"{run.stderr}")
    return run.returncode, json.loads(run.stdout)["files"][0]


def find(report, line, column, path, rules):
    for f in report["findings"]:
        if (f["severity"] == "error" and f["rule"] in rules and
                (line is None or f["line"] == line) and
                (column is None or f["column"] == column) and
                (path is None or f["path"] == path)):
            return f
    return None


class Run:
    def __init__(self, binary, schema_args):
        self.binary = binary
        self.schema_args = schema_args
        self.passed = self.failed = 0

    def check(self, label, path, text, place, xpath, rules):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        rc, rep = validate(self.binary, self.schema_args, path)
        line, column = place if place else (None, None)
        hit = find(rep, line, column, xpath, rules)
        if rc == 1 and not rep["valid"] and hit:
            self.passed += 1
            print(f"ok: {label}: {hit['line']}:{hit['column']} "
                  f"[{hit['rule']}] {hit['path'] or ''}")
            return
        self.failed += 1
        print(f"FAIL: {label}: expected an error at {line}:{column} "
              f"{xpath} [{'|'.join(sorted(rules))}]; got exit {rc}:")
        for f in rep["findings"]:
            print(f"  {f['line']}:{f['column']} {f['severity']} "
                  f"[{f['rule']}] {f['path']}: {f['message']}")


def main():
    binary, src = sys.argv[1], os.path.abspath(sys.argv[2])
    shared = os.environ.get("L2E_SHARED_DIR",
                            os.path.join(src, "..", "shared"))
    schema_dir = os.path.join(shared, "europass")
    has_schema = os.path.isfile(os.path.join(
        schema_dir, "v3.4.1", "xsd", "EuropassSchema.xsd"))
    schema_args = ["--schema-dir", schema_dir] if has_schema else []
    if not has_schema:
        print(f"note: no official schemas at {schema_dir}: built-in "
              "checks only; cases that need a schema are left out")
    run = Run(binary, schema_args)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run([binary, "convert", "-q", "-m",
                        os.path.join(src, "mappings", "koerskaart-json.json"),
                        "--to", "europass-xml,europass-json,europass-cv",
                        "-o", out,
                        os.path.join(src, "samples", "koerskaart-json",
                                     "export-page1.json")],
                       check=False, capture_output=True,
                       env=dict(os.environ, SOURCE_DATE_EPOCH="1"))
        base = os.path.join(out, KEY)
        with open(base + ".europass.xml", encoding="utf-8") as f:
            xml = f.read()
        with open(base + ".europass.json", encoding="utf-8") as f:
            doc = json.load(f)
        with open(base + ".cv.xml", encoding="utf-8") as f:
            cv = f.read()
        doc_path = os.path.join(tmp, "doc")

        rc, rep = validate(binary, schema_args, base + ".europass.xml")
        if rc != 0:
            print("FAIL: the unbroken document is not valid")
            return 1
        for name, edit, marker, xpath, rules, needs_xsd in XML_CASES:
            if needs_xsd and not has_schema:
                continue
            broken = edit(xml)
            if broken == xml:
                print(f"FAIL: v3 XML: {name}: the edit changed nothing")
                run.failed += 1
                continue
            run.check(f"v3 XML: {name}", doc_path + ".xml", broken,
                      position(broken, marker), xpath, rules)
            flat = one_line_xml(broken)
            run.check(f"v3 XML on one line: {name}", doc_path + ".xml",
                      flat, position(flat, marker), xpath, rules)

        for name, case, (marker, nth, value_start), ptr, rules, needs in \
                JSON_CASES:
            if needs and not has_schema:
                continue
            broken = edit_json(json.loads(json.dumps(doc)), case)
            for label, text in (("", json.dumps(broken, indent=2)),
                                (" on one line", json.dumps(broken))):
                line, column = position(text, marker, nth)
                if value_start:  # the place is the value after the key
                    at = text.index(value_start,
                                    text.index(marker) + len(marker))
                    line, column = position(text[:at + 1], value_start,
                                            text[:at + 1].count(
                                                value_start) - 1)
                run.check(f"v3 JSON{label}: {name}", doc_path + ".json",
                          text, (line, column), ptr, rules)

        for name, edit, marker, xpath, rules in CV_CASES:
            broken = edit(cv)
            if broken == cv:
                print(f"FAIL: CV XML: {name}: the edit changed nothing")
                run.failed += 1
                continue
            place = position(broken, marker) if marker else None
            if place and xpath is None:
                place = (place[0], None)  # cv_check gives lines only
            run.check(f"CV XML: {name}", doc_path + ".cv.xml", broken,
                       place, xpath, rules)

        # a national identifier: a warning, and still valid
        bsn = xml.replace("<Activities>Deeg bereiden en de winkel",
                          "<Activities>BSN 111222333. Deeg bereiden en de "
                          "winkel", 1)
        with open(doc_path + ".xml", "w", encoding="utf-8") as f:
            f.write(bsn)
        rc, rep = validate(binary, schema_args, doc_path + ".xml")
        warned = [f for f in rep["findings"] if f["rule"] == "national-id"
                  and f["severity"] == "warning" and
                  f["line"] == position(bsn, "<Activities>BSN")[0]]
        text_out = json.dumps(rep)
        if rc == 0 and rep["valid"] and warned and "111222333" not in \
                text_out:
            run.passed += 1
            print("ok: a national identifier gives a warning (not quoted)")
        else:
            run.failed += 1
            print(f"FAIL: national identifier: exit {rc}, {rep}")
    print(f"{run.passed} passed, {run.failed} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
