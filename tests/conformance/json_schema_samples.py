#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Conformance: every Europass v3.4 JSON document lob2europass writes for
the bundled samples must be valid against the official v3.4.1 JSON schema
(draft-04), and use no property name the schema does not declare.

    json_schema_samples.py BINARY SRC_ROOT

The second check is needed because the official schema is open in many
places: LearnerInfo, the WorkExperience and Education items and others
have no "additionalProperties": false, so Draft4Validator alone accepts
a misnamed "WorkExperienceList" or "VerifiedBy". Here every property of
a document must be declared by the schema at its place (through $ref,
allOf, anyOf and oneOf).

The official schema lives in ../shared (next to the project, or
L2E_SHARED_DIR); where it or python3-jsonschema is absent the test reports
itself skipped (exit 77), never passed. The last line is
"N passed, N failed".
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77
SCHEMA = "europass/v3.4.1/jsonschema/Europass_JSONSchema_V3.4.1.json"


def resolve(schema, root):
    """`schema` with $ref followed (local references only)."""
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/"):
            raise ValueError(f"unsupported $ref {ref}")
        schema = root
        for part in ref[2:].split("/"):
            schema = schema[part]
        seen += 1
        if seen > 100:
            raise ValueError(f"$ref loop at {ref}")
    return schema


def branches(schema, root):
    """Every schema that applies at a place: $ref, allOf, anyOf, oneOf."""
    schema = resolve(schema, root)
    if not isinstance(schema, dict):
        return []
    found = [schema]
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key, []):
            found += branches(sub, root)
    return found


def undeclared(instance, schemas, root, path="$"):
    """Property names in `instance` that none of `schemas` declares."""
    problems = []
    applicable = [b for s in schemas for b in branches(s, root)]
    if isinstance(instance, dict):
        declared = set()
        for b in applicable:
            declared |= set(b.get("properties", {}))
        for key, value in instance.items():
            if key not in declared:
                problems.append(f"{path}: property \"{key}\" is not in "
                                "the schema")
                continue
            subs = [b["properties"][key] for b in applicable
                    if key in b.get("properties", {})]
            problems += undeclared(value, subs, root, f"{path}.{key}")
    elif isinstance(instance, list):
        subs = [b["items"] for b in applicable
                if isinstance(b.get("items"), dict)]
        for i, value in enumerate(instance):
            problems += undeclared(value, subs, root, f"{path}[{i}]")
    return problems


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
    Draft4Validator.check_schema(schema)
    validator = Draft4Validator(schema)

    passed = failed = 0
    sys.path.insert(0, os.path.join(src, "tests"))
    from sample_inputs import samples
    for name, mapping, inputs in samples(src):
        with tempfile.TemporaryDirectory() as out:
            run = subprocess.run(
                [binary, "convert", "-q", "-m", mapping, "--to",
                 "europass-json", "-o", out] + inputs,
                capture_output=True, text=True,
                env=dict(os.environ, SOURCE_DATE_EPOCH="1751526900"))
            if run.returncode > 1:
                print(f"FAIL: converting {name} exited {run.returncode}:")
                print(run.stderr, end="")
                failed += 1
                continue
            for doc in sorted(glob.glob(os.path.join(out, "*"))):
                if os.path.basename(doc) == "SHA256SUMS":
                    continue  # the list of documents (tests/net)
                where = f"{name}/{os.path.basename(doc)}"
                problems = []
                if not doc.endswith(".europass.json"):
                    problems.append("unexpected file name")
                with open(doc, encoding="utf-8") as f:
                    text = f.read()
                if not text.endswith("}\n"):
                    problems.append("does not end with '}' and a newline")
                try:
                    instance = json.loads(text)
                except ValueError as e:
                    problems.append(f"not JSON: {e}")
                else:
                    for e in sorted(validator.iter_errors(instance),
                                    key=lambda e: list(e.absolute_path)):
                        at = "".join(f"[{p}]" if isinstance(p, int)
                                     else f".{p}" for p in e.absolute_path)
                        problems.append(f"${at}: {e.message}")
                    problems += undeclared(instance, [schema], schema)
                if problems:
                    print(f"FAIL: {where} is not valid:")
                    for p in problems:
                        print(f"  {p}")
                    failed += 1
                else:
                    passed += 1
    if passed + failed == 0:
        print("FAIL: no documents were produced")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
