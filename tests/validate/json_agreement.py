#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Europass v3.4 JSON: `lob2europass validate` gives the verdicts of the
official JSON schema (draft-04), as python3-jsonschema's Draft4Validator
gives them, on a corpus this test builds:

  valid documents   every sample converted to Europass JSON, plus one
                    document generated from the schema itself that holds
                    every property the schema declares (checked valid by
                    Draft4Validator first);
  mutated copies    each value of those documents replaced by a value of
                    every other JSON type, strings by values that break
                    (or keep) an enum or pattern, objects with an unknown
                    member or a member removed, arrays emptied or given a
                    wrong item; then documents with several mutations at
                    once (seeded, so every run builds the same corpus).

For every document the schema verdict must be the same ("schema": "valid"
or "invalid" in the JSON report), and so must the failures: the multiset
of (JSON pointer, keyword) pairs. python-jsonschema reports one
additionalProperties error per object; lob2europass one per extra member
(at the member), so the test expands python's error to its members.

One difference is known and checked on its own: python's `re.search`
lets `$` match before a final newline, ECMA-262 (the JSON Schema
reference) does not. "NL\\n" as a country code passes ^[A-Z]{2}$ in
python-jsonschema and fails in lob2europass. Mutations never end a string
with a newline otherwise.

    json_agreement.py BINARY SRC_ROOT

Skipped (exit 77) without ../shared (or L2E_SHARED_DIR) or
python3-jsonschema. The last line is "N passed, N failed".
"""
import copy
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile

SKIP = 77
SCHEMA = "europass/v3.4.1/jsonschema/Europass_JSONSchema_V3.4.1.json"

# a value matching each pattern the official schema uses
PATTERN_SAMPLES = {
    "^[A-Z]{2}$": "NL",
    "[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}":
        "0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f",
    "^opening-salut-[1-9]{1}([0-9]{1})?(-impersonal)?$": "opening-salut-1",
    "^closing-salut-[1-9]{1}([0-9]{1})?$": "closing-salut-12",
    "^heading_[1-9]{1}$": "heading_3",
    "^[a-zA-Z]{2}(-[a-zA-Z]{3})?$": "nl",
    "^V[0-9]\\.[0-9]$": "V3.4",
    "^[0-9]{5}$": "12345",
    "^[A-U]{1}$": "C",
    "^[0-9]{2}$": "07",
    "^[1-8]{1}$": "4",
}

# strings that break (or keep) the enums and patterns above
STRING_MUTANTS = ["", "zz", "ZZ", "D1", "B2", "V3.4", "nl-NLD", "9",
                  "opening-salut-10-impersonal", "heading_0", "A",
                  "0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f-x", "x\u00e9y"]
TYPE_MUTANTS = ["text", 7, 1.5, True, None, [], {}]


def resolve(schema, root):
    while "$ref" in schema:
        node = root
        for part in schema["$ref"][2:].split("/"):
            node = node[part]
        schema = node
    return schema


def generate(schema, root, depth=0):
    """A valid instance holding every declared property."""
    schema = resolve(schema, root)
    if "allOf" in schema:
        out = {}
        for sub in schema["allOf"]:
            out.update(generate(sub, root, depth))
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if own.get("properties"):
            out.update(generate(own, root, depth))
        return out
    if "anyOf" in schema:
        out = {}
        for sub in schema["anyOf"]:  # every branch's property, merged
            out.update(generate(sub, root, depth))
        return out
    if "enum" in schema:
        return schema["enum"][len(schema["enum"]) // 2]
    kind = schema.get("type", "object")
    if kind == "object":
        return {k: generate(v, root, depth + 1)
                for k, v in schema.get("properties", {}).items()}
    if kind == "array":
        item = generate(schema.get("items", {}), root, depth + 1)
        return [item, copy.deepcopy(item)]
    if kind == "string":
        return PATTERN_SAMPLES.get(schema.get("pattern"), "text")
    if kind == "number":
        return 3
    if kind == "boolean":
        return True
    raise ValueError(f"cannot generate {schema}")


def places(value, path=()):
    """Every (path, value) below a document's SkillsPassport."""
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from places(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from places(v, path + (i,))


def set_at(doc, path, value):
    node = doc
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value


def mutations(value):
    """Replacement values (or edits) for one place."""
    out = [m for m in TYPE_MUTANTS if type(m) is not type(value)]
    if isinstance(value, str):
        out += STRING_MUTANTS
    if isinstance(value, dict):
        out.append(dict(value, Bogus=1))
        for k in list(value)[:2]:
            out.append({kk: vv for kk, vv in value.items() if kk != k})
    if isinstance(value, list):
        out.append([])
        out.append(value + ["stray"])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        out += [0, -1, 2025]
    return out


def single_mutants(doc, rng, per_place):
    """`per_place` mutations (chosen by `rng`) of every place."""
    for path, value in places(doc["SkillsPassport"], ("SkillsPassport",)):
        if len(path) == 1:
            continue  # detection needs the SkillsPassport member
        options = mutations(value)
        for m in rng.sample(options, min(per_place, len(options))):
            mutant = copy.deepcopy(doc)
            set_at(mutant, path, copy.deepcopy(m))
            yield mutant


def multi_mutants(doc, rng, n):
    for _ in range(n):
        mutant = copy.deepcopy(doc)
        for _ in range(rng.randint(2, 4)):
            spots = [p for p, _ in places(mutant["SkillsPassport"],
                                          ("SkillsPassport",))
                     if len(p) > 1]
            path = rng.choice(spots)
            node = mutant
            for p in path:
                node = node[p]
            set_at(mutant, path, copy.deepcopy(rng.choice(mutations(node))))
        if rng.random() < 0.2:
            mutant["Extra"] = 1  # the root is closed too
        yield mutant


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1")
                   for p in path)


def expected_failures(validator, doc):
    found = []
    for e in validator.iter_errors(doc):
        at = pointer(e.absolute_path)
        if e.validator == "additionalProperties":
            declared = set(e.schema.get("properties", {}))
            for k in e.instance:
                if k not in declared:
                    found.append((at + pointer([k]), e.validator))
        else:
            found.append((at, e.validator))
    return sorted(found)


_validator = None


def init_worker(schema):
    global _validator
    from jsonschema import Draft4Validator
    _validator = Draft4Validator(schema)


def worker_failures(doc):
    return expected_failures(_validator, doc)


def run_validate(binary, schema_dir, files):
    run = subprocess.run([binary, "validate", "--schema-dir", schema_dir,
                          "--format", "json", "--jobs", "2"] + files,
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        print(run.stderr, end="")
        raise SystemExit(f"FAIL: validate exited {run.returncode}")
    return {f["file"]: f for f in json.loads(run.stdout)["files"]}


def main():
    binary, src = sys.argv[1], os.path.abspath(sys.argv[2])
    shared = os.environ.get("L2E_SHARED_DIR",
                            os.path.join(src, "..", "shared"))
    schema_path = os.path.join(shared, SCHEMA)
    if not os.path.isfile(schema_path):
        print(f"SKIP: official JSON schema not found at {schema_path}")
        return SKIP
    try:
        from jsonschema import Draft4Validator
    except ImportError:
        print("SKIP: python3-jsonschema is not installed")
        return SKIP
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = Draft4Validator(schema)
    schema_dir = os.path.join(shared, "europass")

    sys.path.insert(0, os.path.join(src, "tests"))
    from sample_inputs import samples
    bases = []
    rich = generate(schema, schema)
    errors = list(validator.iter_errors(rich))
    if errors:
        print(f"FAIL: the generated document is not valid: {errors[0]}")
        return 1
    bases.append(rich)
    with tempfile.TemporaryDirectory() as tmp:
        for name, mapping, inputs in samples(src):
            out = os.path.join(tmp, "conv-" + name)
            subprocess.run([binary, "convert", "-q", "-m", mapping, "--to",
                            "europass-json", "-o", out] + inputs,
                           check=False, capture_output=True,
                           env=dict(os.environ, SOURCE_DATE_EPOCH="1"))
            for doc in sorted(d for d in os.listdir(out)
                              if d.endswith(".europass.json")):
                with open(os.path.join(out, doc), encoding="utf-8") as f:
                    bases.append(json.load(f))
        rng = random.Random(20250703)
        corpus = list(bases)
        # L2E_AGREEMENT_FULL=1: every mutation of every place (about
        # 13 000 documents, a few minutes) instead of a sample of them
        full = os.environ.get("L2E_AGREEMENT_FULL") == "1"
        per_place = 99 if full else 1
        corpus += list(single_mutants(rich, rng, per_place))
        for doc in bases[1:]:
            singles = list(single_mutants(doc, rng, per_place))
            corpus += rng.sample(singles, min(len(singles),
                                              150 if full else 50))
        for doc in bases:
            corpus += list(multi_mutants(doc, rng, 60 if full else 25))

        files = []
        for i, doc in enumerate(corpus):
            path = os.path.join(tmp, f"doc{i:05d}.json")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, indent=1, ensure_ascii=False)
            files.append(path)
        # the known difference: "$" before a final newline
        quirk = copy.deepcopy(rich)
        quirk["SkillsPassport"]["LearnerInfo"]["Identification"][
            "ContactInfo"]["Address"]["Contact"]["Country"]["Code"] = "NL\n"
        quirk_path = os.path.join(tmp, "quirk.json")
        with open(quirk_path, "w", encoding="utf-8") as f:
            json.dump(quirk, f)

        reports = run_validate(binary, schema_dir, files + [quirk_path])
        with multiprocessing.Pool(initializer=init_worker,
                                  initargs=(schema,)) as pool:
            wants = pool.map(worker_failures, corpus, chunksize=50)
        passed = failed = n_valid = 0
        shown = 0
        for path, doc, want in zip(files, corpus, wants):
            rep = reports.get(path)
            got = sorted((g["path"], g["rule"][len("json-schema:"):])
                         for g in (rep["findings"] if rep else [])
                         if g["rule"].startswith("json-schema:"))
            verdict = rep and rep["schema"] == ("invalid" if want
                                                else "valid")
            if rep and verdict and got == want:
                passed += 1
                n_valid += not want
                continue
            failed += 1
            if shown < 10:
                shown += 1
                print(f"FAIL: {os.path.basename(path)}: python-jsonschema "
                      f"{want or 'valid'}; lob2europass "
                      f"{rep['schema'] if rep else 'no report'} {got}")
        rep = reports.get(quirk_path)
        quirk_ok = (not list(validator.iter_errors(quirk)) and rep and
                    rep["schema"] == "invalid")
        if quirk_ok:
            passed += 1
        else:
            failed += 1
            print("FAIL: the known '$' difference did not show as "
                  "documented (python valid, lob2europass invalid)")
    print(f"{len(corpus)} documents: {n_valid} valid and "
          f"{len(corpus) - n_valid} invalid by python-jsonschema "
          f"Draft4Validator; same verdict and same failures (pointer, "
          f"keyword) from lob2europass for {passed - quirk_ok}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
