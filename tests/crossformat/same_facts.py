#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Every format of a dossier says the same thing.

Converts every bundled sample to Europass v3.4 XML, v3.4 JSON and the
Europass CV XML, and checks, for each dossier, that the three carry the
same names, dates, EQF levels, countries and CEFR levels. Each format is
read with its own parser (ElementTree, json), independently of the C code
that wrote it.

    same_facts.py BINARY SRC_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

EP = "{http://europass.cedefop.europa.eu/Europass}"
CV = "{http://www.europass.eu/1.0}"
HR = "{http://www.hr-xml.org/3}"
OA = "{http://www.openapplications.org/oagis/9}"
EURES = "{http://www.europass_eures.eu/1.0}"

SKILLS = {"Listening": "CEF-Understanding-Listening",
          "Reading": "CEF-Understanding-Reading",
          "SpokenInteraction": "CEF-Speaking-Interaction",
          "SpokenProduction": "CEF-Speaking-Production",
          "Writing": "CEF-Writing-Production"}


def country_names(src):
    with open(os.path.join(src, "mappings", "codelists",
                           "country-iso3166.json"), encoding="utf-8") as f:
        entries = json.load(f)["entries"]
    return {k.lower(): v for k, v in entries.items()}


def iso(code):
    """Europass's EC spelling back to ISO: EL -> GR, UK -> GB."""
    code = code.upper()
    return {"EL": "GR", "UK": "GB"}.get(code, code)


def date_text(year, month=None, day=None):
    text = "%04d" % int(year)
    if month:
        text += "-%02d" % int(str(month).lstrip("-"))
    if day:
        text += "-%02d" % int(str(day).lstrip("-"))
    return text


def facts_v3_xml(path, names):
    root = ET.parse(path).getroot()
    li = root.find(EP + "LearnerInfo")
    f = {"name": None, "dates": [], "eqf": [], "countries": [], "cefr": []}
    pn = li.find(EP + "Identification/" + EP + "PersonName")
    if pn is not None:
        f["name"] = (pn.findtext(EP + "FirstName"), pn.findtext(EP + "Surname"))
    for section in ("WorkExperienceList/" + EP + "WorkExperience",
                    "EducationList/" + EP + "Education"):
        for item in li.findall(EP + section):
            for d in item.findall(EP + "Period/*"):
                if d.tag in (EP + "From", EP + "To"):
                    f["dates"].append(date_text(d.get("year"), d.get("month"),
                                                d.get("day")))
            for c in item.iter(EP + "Country"):
                code = c.findtext(EP + "Code")
                label = c.findtext(EP + "Label")
                f["countries"].append(iso(code) if code else
                                      names.get((label or "").lower(), label))
    f["eqf"] = [e.findtext(EP + "Code") for e in
                li.findall(EP + "EducationList/" + EP + "Education/" + EP +
                           "Level")]
    for lang in li.iter(EP + "ForeignLanguage"):
        for lvl in lang.findall(EP + "ProficiencyLevel/*"):
            f["cefr"].append((SKILLS[lvl.tag[len(EP):]], lvl.text))
    return f


def facts_v3_json(path, names):
    with open(path, encoding="utf-8") as fh:
        li = json.load(fh)["SkillsPassport"]["LearnerInfo"]
    f = {"name": None, "dates": [], "eqf": [], "countries": [], "cefr": []}
    pn = li.get("Identification", {}).get("PersonName")
    if pn:
        f["name"] = (pn.get("FirstName"), pn.get("Surname"))
    for key in ("WorkExperience", "Education"):
        for item in li.get(key, []):
            period = item.get("Period", {})
            for end in ("From", "To"):
                if end in period:
                    d = period[end]
                    f["dates"].append(date_text(d["Year"], d.get("Month"),
                                                d.get("Day")))
            org = item.get("Employer") or item.get("Organisation") or {}
            c = org.get("ContactInfo", {}).get("Address", {}) \
                .get("Contact", {}).get("Country")
            if c:
                f["countries"].append(iso(c["Code"]) if "Code" in c else
                                      names.get(c.get("Label", "").lower(),
                                                c.get("Label")))
            if key == "Education" and "Level" in item:
                f["eqf"].append(item["Level"].get("Code"))
    for lang in li.get("Skills", {}).get("Linguistic", {}) \
            .get("ForeignLanguage", []):
        for skill, level in lang.get("ProficiencyLevel", {}).items():
            f["cefr"].append((SKILLS[skill], level))
    return f


def cv_date(el):
    text = el.findtext(HR + "FormattedDateTime")
    return text[:10] if text else None


def facts_cv(path, names):
    root = ET.parse(path).getroot()
    f = {"name": None, "dates": [], "eqf": [], "countries": [], "cefr": []}
    pn = root.find(CV + "CandidatePerson/" + CV + "PersonName")
    if pn is not None:
        fam = pn.find(HR + "FamilyName")
        surname = None
        if fam is not None:
            surname = ((fam.get("prefix") + " ") if fam.get("prefix")
                       else "") + (fam.text or "")
        f["name"] = (pn.findtext(OA + "GivenName"), surname)
    profile = root.find(CV + "CandidateProfile")
    if profile is None:
        return f
    for hist in profile.iter(CV + "EmployerHistory"):
        per = hist.find(CV + "PositionHistory/" + EURES + "EmploymentPeriod")
        for end in ("StartDate", "EndDate"):
            d = per.find(EURES + end) if per is not None else None
            if d is not None and cv_date(d):
                f["dates"].append(cv_date(d))
        code = hist.findtext(CV + "OrganizationContact/" + CV +
                             "Communication/" + CV + "Address/" + CV +
                             "CountryCode")
        if code:
            f["countries"].append(iso(code))
    for att in profile.iter(CV + "EducationOrganizationAttendance"):
        per = att.find(CV + "AttendancePeriod")
        for end in ("StartDate", "EndDate"):
            d = per.find(CV + end) if per is not None else None
            if d is not None and cv_date(d):
                f["dates"].append(cv_date(d))
        code = att.findtext(CV + "OrganizationContact/" + CV +
                            "Communication/" + CV + "Address/" + CV +
                            "CountryCode")
        if code:
            f["countries"].append(iso(code))
        lvl = att.findtext(CV + "EducationLevelCode")
        if lvl:
            f["eqf"].append(lvl)
    quals = profile.find(CV + "PersonQualifications")
    for comp in (quals.iter(CV + "PersonCompetency") if quals is not None
                 else []):
        if comp.findtext(HR + "TaxonomyID") != "language":
            continue
        for dim in comp.findall(EURES + "CompetencyDimension"):
            f["cefr"].append((dim.findtext(HR + "CompetencyDimensionTypeCode"),
                              dim.findtext(EURES + "Score/" + HR +
                                           "ScoreText")))
    return f


def main():
    binary, src = sys.argv[1], sys.argv[2]
    sys.path.insert(0, os.path.join(src, "tests"))
    from sample_inputs import samples
    names = country_names(src)
    passed = failed = 0
    for name, mapping, inputs in samples(src):
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([binary, "convert", "-q", "-m", mapping, "--to",
                            "europass-xml,europass-json,europass-cv", "-o",
                            out] + inputs, check=False,
                           env=dict(os.environ, SOURCE_DATE_EPOCH="1"))
            keys = sorted(f[:-len(".europass.xml")] for f in os.listdir(out)
                          if f.endswith(".europass.xml"))
            if not keys:
                print(f"FAIL: {name}: no documents")
                failed += 1
            for key in keys:
                base = os.path.join(out, key)
                views = {
                    "v3.4 XML": facts_v3_xml(base + ".europass.xml", names),
                    "v3.4 JSON": facts_v3_json(base + ".europass.json",
                                               names),
                    "CV XML": facts_cv(base + ".cv.xml", names),
                }
                ref = views["v3.4 XML"]
                for fmt, got in views.items():
                    for what in ref:
                        a, b = ref[what], got[what]
                        if what != "name":
                            a, b = sorted(a, key=str), sorted(b, key=str)
                        if a != b:
                            print(f"FAIL: {name}/{key}: {what} differ: "
                                  f"v3.4 XML {a} vs {fmt} {b}")
                            failed += 1
                        else:
                            passed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
