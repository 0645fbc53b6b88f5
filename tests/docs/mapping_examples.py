#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The tested examples of mappings/README.md, and the mapping schema.

    mapping_examples.py BINARY SRC_ROOT

Every example in the mapping-language reference is a real test. In the
README an example is written as fenced code blocks after markers:

    <!-- example: NAME -->                      the mapping (JSON)
    <!-- input: NAME -->                        the export (JSON source)
    <!-- input: NAME file=FILENAME -->          one file of the export
    <!-- input: NAME file=F encoding=windows-1252 -->
    <!-- expect: NAME -->                       lines the document must hold

Each input block becomes a file in a fresh folder (FILENAME, or
input.<format> when no file= is given); `encoding=` writes the block as
windows-1252, utf-8 (the default) or utf-8-bom bytes, so that encoding
detection can be shown. When the mapping's source format is csv the folder
is the input (a CSV bundle); otherwise the example has exactly one input
block and that file is the input.

For every example the mapping is written next to a symlink `codelists` ->
SRC_ROOT/mappings/codelists, and then:

  * `BINARY convert -m MAPPING -o OUT INPUT` (SOURCE_DATE_EPOCH=1751526900)
    must exit 0 and write exactly one document, a Europass v3.4 XML file
    (or, for `<!-- example: NAME to=edc -->`, one credential, *.edc.jsonld);
  * every non-empty line of the expect block, trimmed, must occur in it;
  * `BINARY mapping check MAPPING` must exit 0;
  * the mapping must be valid against mappings/mapping.schema.json.

Besides, every mapping file SRC_ROOT/mappings/*.json (not the schema
itself) is checked with `mapping check` and the schema, every code list
in mappings/codelists/ against the schema's codelist_file definition, and
about a hundred variants of small mappings (most of them broken in one
way) must get the same answer, valid or not, from the schema and from
`mapping check`. Schema checks need python3-jsonschema (Draft7Validator);
without it the script says so and checks with the binary only.

One line per check; the last line is "N passed, N failed". Exit status 1
when anything failed (or no example was found), else 0. To look at what an
example wrote, set MAPPING_EXAMPLES_KEEP to a folder that does not exist
yet: every example's mapping, input and output stay there.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

EPOCH = "1751526900"  # 2025-07-03T07:15:00Z
TIMEOUT = 120

MARKER = re.compile(r"<!--\s*(example|input|expect)\s*:\s*(.*?)\s*-->")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)\s*([A-Za-z0-9_+-]*)\s*$")
ENCODINGS = {"utf-8": "utf-8", "utf-8-bom": "utf-8-sig",
             "windows-1252": "cp1252"}


class ReadmeError(Exception):
    pass


def fenced_block(lines, i, where):
    """The fenced code block starting at the first non-blank line from i:
    (text, index after the block)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    m = FENCE.match(lines[i]) if i < len(lines) else None
    if not m:
        raise ReadmeError(f"{where}: a ``` code block must follow the "
                          "marker")
    indent, fence = m.group(1), m.group(2)
    body = []
    i += 1
    while i < len(lines):
        line = lines[i]
        if line.strip() == fence:
            return "".join(body), i + 1
        if line.startswith(indent):
            line = line[len(indent):]
        body.append(line)
        i += 1
    raise ReadmeError(f"{where}: the code block is never closed")


def parse_readme(path):
    """[(name, {"mapping": (text, where), "inputs": [(attrs, text,
    where)], "expect": (text, where) or None})] in README order; `where`
    is README:LINE of the marker."""
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    examples = {}
    order = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.search(line)
        if not m:
            if re.search(r"<!--\s*(example|input|expect)\b", line):
                raise ReadmeError(f"{path}:{i + 1}: malformed marker: "
                                  f"{line.strip()}")
            i += 1
            continue
        kind, rest = m.group(1), m.group(2).split()
        where = f"{path}:{i + 1}"
        if not rest or not NAME.match(rest[0]):
            raise ReadmeError(f"{where}: marker without a valid name")
        name, attrs = rest[0], {}
        for a in rest[1:]:
            key, eq, value = a.partition("=")
            if not eq or (kind, key) not in (("input", "file"),
                                             ("input", "encoding"),
                                             ("example", "to")):
                raise ReadmeError(f"{where}: unknown marker attribute {a!r}")
            attrs[key] = value
        if "file" in attrs and (not attrs["file"] or "/" in attrs["file"]
                                or attrs["file"].startswith(".")):
            raise ReadmeError(f"{where}: file= is a plain file name")
        if attrs.get("encoding", "utf-8") not in ENCODINGS:
            raise ReadmeError(f"{where}: encoding= is one of "
                              + ", ".join(ENCODINGS))
        text, i = fenced_block(lines, i + 1, where)
        ex = examples.get(name)
        if kind == "example":
            if ex is not None:
                raise ReadmeError(f"{where}: example {name} appears twice")
            examples[name] = {"mapping": (text, where), "inputs": [],
                              "expect": None, "to": attrs.get("to")}
            order.append(name)
            continue
        if ex is None:
            raise ReadmeError(f"{where}: {kind} for unknown example {name} "
                              "(the example block comes first)")
        if kind == "input":
            ex["inputs"].append((attrs, text, where))
        else:
            if ex["expect"] is not None:
                raise ReadmeError(f"{where}: a second expect block for "
                                  f"{name}")
            ex["expect"] = (text, where)
    return [(n, examples[n]) for n in order]


def load_schema(src_root):
    """(validator class or None, schema or None, note)."""
    path = os.path.join(src_root, "mappings", "mapping.schema.json")
    try:
        from jsonschema import Draft7Validator
    except ImportError:
        return None, None, ("note: python3-jsonschema is not installed; "
                            "mappings are checked with the binary only")
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft7Validator.check_schema(schema)
    return Draft7Validator, schema, None


def schema_errors(validator, schema, instance):
    if validator is None:
        return []
    errors = sorted(validator(schema).iter_errors(instance),
                    key=lambda e: list(e.absolute_path))
    return [("/".join(str(p) for p in e.absolute_path) or "(top)") + ": "
            + e.message for e in errors]


def run(argv):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, LC_ALL="C")
    return subprocess.run(argv, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=env,
                          timeout=TIMEOUT)


def tail(data, n=12):
    text = data.decode("utf-8", "replace").rstrip("\n")
    lines = text.splitlines()
    return "\n".join("    " + ln for ln in lines[-n:])


def check_example(binary, src_root, tmp, name, ex, validator, schema):
    """A list of problems (empty: passed)."""
    problems = []
    text, where = ex["mapping"]
    try:
        mapping = json.loads(text)
    except ValueError as e:
        return [f"{where}: the mapping is not JSON: {e}"]
    fmt = (mapping.get("source") or {}).get("format") \
        if isinstance(mapping, dict) else None
    fmt = fmt if isinstance(fmt, str) else "json"
    if not ex["inputs"]:
        return [f"{where}: no input block"]
    if ex["expect"] is None:
        return [f"{where}: no expect block"]
    expect = [ln.strip() for ln in ex["expect"][0].splitlines()
              if ln.strip()]
    if not expect:
        return [f"{ex['expect'][1]}: the expect block is empty"]

    base = os.path.join(tmp, name)
    indir = os.path.join(base, "input")
    out = os.path.join(base, "out")
    os.makedirs(indir)
    mpath = os.path.join(base, "mapping.json")
    with open(mpath, "w", encoding="utf-8") as f:
        f.write(text)
    os.symlink(os.path.join(os.path.abspath(src_root), "mappings",
                            "codelists"),
               os.path.join(base, "codelists"))
    files = []
    for attrs, body, iwhere in ex["inputs"]:
        fname = attrs.get("file", "input." + fmt)
        if fname in files:
            return [f"{iwhere}: a second input named {fname}"]
        files.append(fname)
        codec = ENCODINGS[attrs.get("encoding", "utf-8")]
        try:
            data = body.encode(codec)
        except UnicodeEncodeError as e:
            return [f"{iwhere}: cannot be written as {codec}: {e}"]
        with open(os.path.join(indir, fname), "wb") as f:
            f.write(data)
    if fmt == "csv":
        inpath = indir
    elif len(files) == 1:
        inpath = os.path.join(indir, files[0])
    else:
        return [f"{where}: a {fmt} example has exactly one input block"]

    # to=edc: the example writes one credential instead
    to = ex.get("to") or "europass-xml"
    r = run([binary, "convert", "-m", mpath, "--to", to, "-o", out, inpath])
    if r.returncode != 0:
        problems.append(f"convert exited {r.returncode}\n{tail(r.stderr)}")
    # the documents; not the hidden files convert keeps there (its state)
    docs = sorted(f for f in os.listdir(out) if not f.startswith(".")
                  and f != "SHA256SUMS") \
        if os.path.isdir(out) else []
    if len(docs) != 1:
        problems.append(f"convert wrote {len(docs)} documents, not 1: "
                        f"{docs}" + (f"\n{tail(r.stderr)}"
                                     if r.returncode == 0 else ""))
    else:
        with open(os.path.join(out, docs[0]), encoding="utf-8") as f:
            doc = f.read()
        if to == "edc":
            if not docs[0].endswith(".edc.jsonld") or \
                    '"EuropeanDigitalCredential"' not in doc:
                problems.append(f"{docs[0]} is no European Digital "
                                "Credential")
        elif not docs[0].endswith(".europass.xml") or \
                "<SkillsPassport" not in doc:
            problems.append(f"{docs[0]} is no Europass v3.4 XML document")
        for line in expect:
            if line not in doc:
                problems.append(f"not in {docs[0]}: {line}")

    r = run([binary, "mapping", "check", mpath])
    if r.returncode != 0:
        problems.append(f"mapping check exited {r.returncode}\n"
                        f"{tail(r.stderr)}")
    for e in schema_errors(validator, schema, mapping):
        problems.append(f"schema: {e}")
    return problems


# ---- schema and loader agree ----
#
# Each variant changes a base mapping at a few places (a list of keys and
# list positions; DELETE removes the member) and says whether the result
# is a valid mapping. `mapping check` and the schema must both give that
# answer: a key the loader learns without the schema, or a check the
# schema loses, shows up here.

DELETE = object()
BASES = {
    "json": {
        "lob2europass_mapping": 1, "name": "t",
        "source": {"format": "json", "records": "studenten"},
        "dossier": {"key": "nr"},
        "profile": {
            "person": {"first_name": "voornaam", "email": "email"},
            "education": {"each": "opleidingen",
                          "fields": {"title": "naam",
                                     "from": {"path": "start",
                                              "date": "dd-mm-jjjj"}}},
            "career": {"each": "lob", "fields": {"title": "titel"}}}},
    "csv": {
        "lob2europass_mapping": 1, "name": "t",
        "source": {"format": "csv", "key_column": "Nr",
                   "tables": {"st": {"file": "st.csv", "main": True},
                              "talen": "talen.csv"},
                   "records": "st"},
        "dossier": {"key": "Nr"},
        "profile": {"person": {"first_name": "Naam"},
                    "languages": {"each": "talen", "group_by": "Taal",
                                  "fields": {"label": "Taal"}}}},
    "xml": {
        "lob2europass_mapping": 1, "name": "t",
        "source": {"format": "xml", "records_xpath": "/x:e/x:s",
                   "namespaces": {"x": "urn:x"}},
        "dossier": {"key": "@nr"},
        "profile": {"person": {"first_name": "naam"}}},
}
FN = ("profile", "person", "first_name")
FROM = ("profile", "education", "fields", "from")
INC = ("dossier", "include")
SRC = ("source",)
TR = lambda t: [(FN, {"path": "a", "transform": t})]
RULE = lambda r: [(FN, r)]
COND = lambda c: [(INC, c)]
DATE = lambda d: [(FROM + ("date",), d)]
TYPED = [(SRC + ("key_column",), DELETE), (SRC + ("records",), "D"),
         (SRC + ("tables",),
          {"lvs": {"file": "l.csv", "record_types": {
              "D": {"columns": ["Nr", "Naam"]},
              "talen": {"columns": ["Taal"], "children_of": "D"}}}}),
         ]
VARIANTS = [  # (name, valid?, base, changes)
    ("json base", True, "json", []),
    ("csv base", True, "csv", []),
    ("xml base", True, "xml", []),
    ("csv tables shorthand", True, "csv",
     [(SRC + ("tables",), {"st": "st.csv", "talen": "talen.csv"})]),
    ("xml records, no xpath", True, "xml",
     [(SRC + ("records_xpath",), DELETE), (SRC + ("namespaces",), DELETE),
      (SRC + ("records",), "s")]),
    ("new date formats", True, "json",
     DATE(["dd-mm-jj", "jjjj-mm-dd*", "tekst", "excel"])),
    ("document.created with date", True, "json",
     [(("profile", "document"),
       {"created": {"path": "$root.d", "date": "d-m-jjjj"}})]),
    ("every transform", True, "json",
     TR(["title", "decimal", {"pad": 5}, {"replace": ["/", "-"]}])),
    ("code list chain", True, "json",
     RULE({"path": "v", "codelist": ["country-iso3166",
                                      "country-label-nl"]})),
    ("career.text with opt_in", True, "json",
     [(("profile", "career", "fields", "text"), "t"),
      (("opt_in",), ["career.text"])]),
    ("split", True, "json", [(("profile", "career", "split"), ",")]),
    ("paging by page number", True, "json",
     [(SRC + ("paging",), {"page_parameter": "pageNumber",
                           "has_next_page": "hasNextPage"})]),
    ("paging by link", True, "json",
     [(SRC + ("paging",), {"next_link": "_links.next.href",
                           "max_pages": 10})]),
    ("paging with a page size", True, "json",
     [(SRC + ("paging",), {"page_parameter": "p", "has_next_page": "more",
                           "page_size_parameter": "n", "page_size": 50,
                           "first_page": 0})]),
    ("paging without a next page", False, "json",
     [(SRC + ("paging",), {"page_parameter": "p"})]),
    ("paging both ways", False, "json",
     [(SRC + ("paging",), {"page_parameter": "p", "has_next_page": "m",
                           "next_link": "l"})]),
    ("paging flag without parameter", False, "json",
     [(SRC + ("paging",), {"has_next_page": "m"})]),
    ("paging link with page parameter", False, "json",
     [(SRC + ("paging",), {"next_link": "l", "page_parameter": "p"})]),
    ("paging page size alone", False, "json",
     [(SRC + ("paging",), {"next_link": "l", "page_size": 5})]),
    ("paging for csv", False, "csv",
     [(SRC + ("paging",), {"next_link": "l"})]),
    ("paging unknown key", False, "json",
     [(SRC + ("paging",), {"next_link": "l", "next": "x"})]),
    ("paging max_pages 0", False, "json",
     [(SRC + ("paging",), {"next_link": "l", "max_pages": 0})]),
    ("paging bad path", False, "json",
     [(SRC + ("paging",), {"next_link": "a[", "max_pages": 3})]),
    ("all: [] with a comment", True, "json", COND({"all": [], "comment": 1})),
    ("a rule of only a default", True, "json", RULE({"default": "x"})),
    ("required false inside first", True, "json",
     RULE({"first": [{"path": "a", "required": False}]})),
    ("empty path", False, "json", RULE("")),
    ("empty path in a rule", False, "json", RULE({"path": ""})),
    ("bad path", False, "json", RULE("a..b")),
    ("$rootCause", False, "json", [(("dossier", "key"), "$rootCause")]),
    ("version 2", False, "json", [(("lob2europass_mapping",), 2)]),
    ("version as text", False, "json", [(("lob2europass_mapping",), "1")]),
    ("unknown top-level key", False, "json", [(("naam",), "x")]),
    ("no name", False, "json", [(("name",), DELETE)]),
    ("unknown format", False, "json", [(SRC + ("format",), "yaml")]),
    ("json without records", False, "json", [(SRC + ("records",), DELETE)]),
    ("empty records list", False, "json", [(SRC + ("records",), [])]),
    ("separator on json", False, "json", [(SRC + ("separator",), ";")]),
    ("records_xpath on json", False, "json",
     [(SRC + ("records_xpath",), "/a")]),
    ("namespaces on csv", False, "csv", [(SRC + ("namespaces",), {"a": "b"})]),
    ("unknown encoding", False, "json", [(SRC + ("encoding",), "latin1")]),
    ("csv without tables", False, "csv", [(SRC + ("tables",), DELETE)]),
    ("csv without any table", False, "csv", [(SRC + ("tables",), {})]),
    ("two tables, no key_column", False, "csv",
     [(SRC + ("key_column",), DELETE)]),
    ("table file in another folder", False, "csv",
     [(SRC + ("tables", "talen"), "../talen.csv")]),
    ("hidden table file", False, "csv",
     [(SRC + ("tables", "talen"), ".talen.csv")]),
    ("table without file", False, "csv",
     [(SRC + ("tables", "talen"), {"main": False})]),
    ("unknown table key", False, "csv",
     [(SRC + ("tables", "talen"), {"file": "t.csv", "sep": ";"})]),
    ("separator of two characters", False, "csv",
     [(SRC + ("separator",), ";;")]),
    ("separator colon", False, "csv", [(SRC + ("separator",), ":")]),
    ("key_width 0", False, "csv", [(SRC + ("key_width",), 0)]),
    ("key_width 100", False, "csv", [(SRC + ("key_width",), 100)]),
    ("key_width as text", False, "csv", [(SRC + ("key_width",), "7")]),
    ("csv without records", False, "csv", [(SRC + ("records",), DELETE)]),
    ("$parent path", True, "json", RULE("$parent.$parent.naam")),
    ("$parent with a quoted name", True, "json", RULE("$parent['a b']")),
    ("$parent glued to a name", False, "json", RULE("$parentx")),
    ("$parent.$parent glued", False, "json", RULE("$parent.$parentx")),
    ("lookup by files", True, "json",
     [(("lookups",), {"p": {"files": "p/*.json", "key": "id"}})]
     + RULE("$lookup(p, pid).name")),
    ("lookup by table", True, "json",
     [(("lookups",), {"p": {"table": "ps", "key": "id", "max_entries": 9}})]
     + RULE("$lookup(p, $parent.pid)[0].name")),
    ("lookup by url", True, "json",
     [(("lookups",), {"p": {"url": "/p/{id}?x=1", "max_requests": 5}})]
     + RULE("$lookup(p, pid)")),
    ("lookup without a source", False, "json",
     [(("lookups",), {"p": {"key": "id"}})]),
    ("lookup with two sources", False, "json",
     [(("lookups",), {"p": {"table": "ps", "url": "/p/{id}", "key": "id"}})]),
    ("lookup files outside the folder", False, "json",
     [(("lookups",), {"p": {"files": "../p/*.json", "key": "id"}})]),
    ("lookup by files or url", True, "json",
     [(("lookups",), {"p": {"files": "p/*.json", "url": "/p/{id}",
                           "key": "id", "max_requests": 4}})]),
    ("lookup max_requests without url", False, "json",
     [(("lookups",), {"p": {"files": "p/*.json", "key": "id",
                           "max_requests": 4}})]),
    ("lookup url elsewhere", False, "json",
     [(("lookups",), {"p": {"url": "https://x.example/p/{id}"}})]),
    ("lookup url without {id}", False, "json",
     [(("lookups",), {"p": {"url": "/p/"}})]),
    ("lookup url with a key", False, "json",
     [(("lookups",), {"p": {"url": "/p/{id}", "key": "id"}})]),
    ("lookup table without key", False, "json",
     [(("lookups",), {"p": {"table": "ps"}})]),
    ("lookup table with max_requests", False, "json",
     [(("lookups",), {"p": {"table": "ps", "key": "id",
                           "max_requests": 3}})]),
    ("lookup name with a space", False, "json",
     [(("lookups",), {"p q": {"table": "ps", "key": "id"}})]),
    ("lookup without a table name", False, "json", RULE("$lookup(, x)")),
    ("csv record types", True, "csv", TYPED),
    ("csv record types, type_column 2", True, "csv",
     TYPED + [(SRC + ("tables", "lvs", "type_column"), 2)]),
    ("record type without columns", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "record_types", "D", "columns"),
               DELETE)]),
    ("record type with no column", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "record_types", "D", "columns"),
               [])]),
    ("record type column named twice", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "record_types", "D", "columns"),
               ["Nr", "Nr"])]),
    ("unknown record type key", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "record_types", "D", "parent"),
               "x")]),
    ("type_column 0", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "type_column"), 0)]),
    ("no record types", False, "csv",
     TYPED + [(SRC + ("tables", "lvs", "record_types"), {})]),
    ("xml without records or xpath", False, "xml",
     [(SRC + ("records_xpath",), DELETE)]),
    ("namespaces as a list", False, "xml", [(SRC + ("namespaces",), ["x"])]),
    ("dossier without key", False, "json", [(("dossier",), {})]),
    ("condition with path and all", False, "json",
     COND({"path": "a", "all": []})),
    ("condition with all and equals", False, "json",
     COND({"all": [], "equals": "x"})),
    ("condition with all and any", False, "json",
     COND({"all": [], "any": []})),
    ("condition with two tests", False, "json",
     COND({"path": "a", "equals": "x", "exists": True})),
    ("condition without a test", False, "json", COND({"path": "a"})),
    ("condition of only a comment", False, "json", COND({"comment": "x"})),
    ("exists not true/false", False, "json",
     COND({"path": "a", "exists": "ja"})),
    ("in not a list", False, "json", COND({"path": "a", "in": "x"})),
    ("unknown field", False, "json",
     [(("profile", "person", "firstname"), "x")]),
    ("unknown section", False, "json", [(("profile", "hobbies"), {})]),
    ("phone without opt_in", False, "json",
     [(("profile", "person", "phone"), "tel")]),
    ("career.text without opt_in", False, "json",
     [(("profile", "career", "fields", "text"), "t")]),
    ("career.text without opt_in, in a list of blocks", False, "json",
     [(("profile", "career"),
       [{"each": "a", "fields": {"title": "b"}},
        {"each": "c", "fields": {"text": "d"}}])]),
    ("opt_in of a field that is not personal", False, "json",
     [(("opt_in",), ["person.email"])]),
    ("opt_in of an unknown field", False, "json",
     [(("opt_in",), ["person.bsn"])]),
    ("list section without each", False, "json",
     [(("profile", "education", "each"), DELETE)]),
    ("list section without fields", False, "json",
     [(("profile", "education", "fields"), DELETE)]),
    ("empty split", False, "json", [(("profile", "career", "split"), "")]),
    ("empty group_by", False, "csv",
     [(("profile", "languages", "group_by"), "")]),
    ("group_by as a list", False, "csv",
     [(("profile", "languages", "group_by"), ["Taal"])]),
    ("single section as a list", False, "json",
     [(("profile", "person"), [{"first_name": "a"}])]),
    ("rule without a source", False, "json", RULE({"required": True})),
    ("rule with two sources", False, "json", RULE({"path": "a", "value": 1})),
    ("rule as a number", False, "json", RULE(5)),
    ("empty first", False, "json", RULE({"first": []})),
    ("date inside first", False, "json",
     [(FROM, {"first": [{"path": "a", "date": "jjjj"}]})]),
    ("required inside first", False, "json",
     RULE({"first": [{"path": "a", "required": True}]})),
    ("required inside with", False, "json",
     RULE({"template": "{a}",
           "with": {"a": {"path": "a", "required": True}}})),
    ("date inside with", False, "json",
     RULE({"template": "{a}", "with": {"a": {"path": "a", "date": "jjjj"}}})),
    ("with without template", False, "json", RULE({"path": "a", "with": {}})),
    ("template variable without with", False, "json",
     RULE({"template": "{a}"})),
    ("template with an unclosed {", False, "json",
     RULE({"template": "{a", "with": {"a": "a"}})),
    ("template with {}", False, "json", RULE({"template": "{}", "with": {}})),
    ("map and codelist", False, "json",
     RULE({"path": "a", "map": {"a": "b"}, "codelist": "country-iso3166"})),
    ("code list name in capitals", False, "json",
     RULE({"path": "a", "codelist": "Country"})),
    ("empty code list chain", False, "json",
     RULE({"path": "a", "codelist": []})),
    ("unknown unmapped", False, "json",
     RULE({"path": "a", "unmapped": "drop"})),
    ("unknown transform", False, "json", TR("capitalize")),
    ("upper and lower", False, "json", TR(["upper", "title", "lower"])),
    ("pad 0", False, "json", TR({"pad": 0})),
    ("pad 100", False, "json", TR({"pad": 100})),
    ("pad as text", False, "json", TR({"pad": "5"})),
    ("pad with another key", False, "json", TR({"pad": 5, "x": 1})),
    ("replace of one item", False, "json", TR({"replace": ["a"]})),
    ("replace of nothing", False, "json", TR({"replace": ["", "x"]})),
    ("replace as an object", False, "json", TR({"replace": {"a": "b"}})),
    ("date on a text field", False, "json",
     RULE({"path": "a", "date": "jjjj"})),
    ("date format jjj", False, "json", DATE("dd-mm-jjj")),
    ("date format with two years", False, "json", DATE("jjjj-jj")),
    ("date format day without month", False, "json", DATE("dd-jjjj")),
    ("date format * in the middle", False, "json", DATE("jjjj*-mm")),
    ("date format * before the year", False, "json", DATE("mm*")),
    ("date formats: empty list", False, "json", DATE([])),
    ("date format unknown keyword", False, "json", DATE("text")),
    ("required not true/false", False, "json",
     RULE({"path": "a", "required": "ja"})),
    ("default an object", False, "json", RULE({"path": "a", "default": {}})),
    ("map value an object", False, "json",
     RULE({"path": "a", "map": {"a": {}}})),
    # issue 16: the language grows
    ("merge, records_where, fallback key", True, "json",
     [(("dossier", "key"), ["nr", "a.nr"]), (("dossier", "merge"), True),
      (("dossier", "records_where"), {"path": "t", "ends_with": "x"})]),
    ("empty fallback key", False, "json", [(("dossier", "key"), [])]),
    ("merge not a boolean", False, "json",
     [(("dossier", "merge"), "yes")]),
    ("text tests", True, "json",
     COND({"any": [{"path": "a", "contains": "x"},
                   {"path": "a", "starts_with": "x"},
                   {"path": "a", "matches": "^[0-9]{4}$"}]})),
    ("two text tests", False, "json",
     COND({"path": "a", "contains": "x", "ends_with": "y"})),
    ("matches an empty pattern", False, "json",
     COND({"path": "a", "matches": ""})),
    ("taking part of a value", True, "json",
     RULE({"path": "a", "language": ["nl", "*"], "split": ",",
           "pick": {"by": "b", "in": ["E"]}, "after_last": "/",
           "regex": "([0-9]+)", "group": 1})),
    ("pick without split", False, "json",
     RULE({"path": "a", "pick": {"by": "b", "equals": "E"}})),
    ("group without regex", False, "json",
     RULE({"path": "a", "group": 1})),
    ("pick with equals and in", False, "json",
     RULE({"path": "a", "split": ",",
           "pick": {"by": "b", "equals": "E", "in": ["F"]}})),
    ("language not a list", False, "json",
     RULE({"path": "a", "language": "nl"})),
    ("zone on a date", True, "json",
     [(FROM, {"path": "start", "zone": "UTC"})]),
    ("shared on a list", True, "json",
     [(("profile", "career", "shared"), True)]),
]


def variant(base, changes):
    m = copy.deepcopy(BASES[base])
    for path, value in changes:
        node = m
        for key in path[:-1]:
            node = node[key]
        if value is DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value
    return m


def check_variants(binary, src_root, tmp, validator, schema):
    """Problems where the schema, `mapping check` and the expected answer
    differ; and the number of variants."""
    base = os.path.join(tmp, "variants")
    os.makedirs(base)
    os.symlink(os.path.join(os.path.abspath(src_root), "mappings",
                            "codelists"),
               os.path.join(base, "codelists"))
    path = os.path.join(base, "mapping.json")
    problems = []
    for name, valid, base_name, changes in VARIANTS:
        m = variant(base_name, changes)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(m, f, indent=1)
        r = run([binary, "mapping", "check", path])
        by_loader = r.returncode == 0
        by_schema = not schema_errors(validator, schema, m)
        if by_loader != valid or by_schema != valid:
            problems.append(
                f"{name}: expected {'valid' if valid else 'invalid'}, "
                f"mapping check says {'valid' if by_loader else 'invalid'}"
                f", the schema {'valid' if by_schema else 'invalid'}"
                + ("" if by_loader == valid
                   else "\n" + tail(r.stderr, 2)))
    return problems


def main(argv):
    if len(argv) != 3:
        print("usage: mapping_examples.py BINARY SRC_ROOT", file=sys.stderr)
        return 2
    binary, src_root = os.path.abspath(argv[1]), argv[2]
    readme = os.path.join(src_root, "mappings", "README.md")
    passed = failed = 0

    def report(ok, label, problems=()):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {label}")
        else:
            failed += 1
            print(f"FAIL {label}")
            for p in problems:
                print("     " + p.replace("\n", "\n     "))

    try:
        examples = parse_readme(readme)
    except (OSError, ReadmeError) as e:
        print(f"FAIL {e}")
        print("0 passed, 1 failed")
        return 1
    try:
        validator, schema, note = load_schema(src_root)
    except Exception as e:  # a broken schema is a failure, not a skip
        report(False, "mapping.schema.json", [str(e)])
        validator, schema, note = None, None, None
    if note:
        print(note)

    keep = os.environ.get("MAPPING_EXAMPLES_KEEP")
    if keep:
        os.makedirs(keep)  # must not exist yet: examples are written anew
    with tempfile.TemporaryDirectory(prefix="l2e-doc-") as scratch:
        tmp = keep or scratch
        for name, ex in examples:
            try:
                problems = check_example(binary, src_root, tmp, name, ex,
                                         validator, schema)
            except subprocess.TimeoutExpired as e:
                problems = [f"timed out: {' '.join(e.cmd)}"]
            report(not problems, f"example {name}", problems)

    schema_file = os.path.join(src_root, "mappings", "mapping.schema.json")
    for path in sorted(glob.glob(os.path.join(src_root, "mappings",
                                              "*.json"))):
        if os.path.samefile(path, schema_file):
            continue
        label = "mapping " + os.path.basename(path)
        problems = []
        r = run([binary, "mapping", "check", path])
        if r.returncode != 0:
            problems.append(f"mapping check exited {r.returncode}\n"
                            f"{tail(r.stderr)}")
        try:
            with open(path, encoding="utf-8") as f:
                mapping = json.load(f)
            problems += ["schema: " + e for e in
                         schema_errors(validator, schema, mapping)]
        except ValueError as e:
            problems.append(f"not JSON: {e}")
        report(not problems, label, problems)

    if validator is not None:
        sub = dict(schema["definitions"]["codelist_file"])
        sub["definitions"] = schema["definitions"]
        for path in sorted(glob.glob(os.path.join(
                src_root, "mappings", "codelists", "*.json"))):
            try:
                with open(path, encoding="utf-8") as f:
                    problems = ["schema: " + e for e in schema_errors(
                        validator, sub, json.load(f))]
            except ValueError as e:
                problems = [f"not JSON: {e}"]
            report(not problems, "code list " + os.path.basename(path),
                   problems)

    if validator is not None:
        with tempfile.TemporaryDirectory(prefix="l2e-doc-") as tmp:
            problems = check_variants(binary, src_root, tmp, validator,
                                      schema)
        n_broken = sum(1 for v in VARIANTS if not v[1])
        report(not problems, f"schema and mapping check agree on "
               f"{len(VARIANTS)} variants ({n_broken} broken)", problems)

    if not examples:
        report(False, f"{readme}: no example found")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
