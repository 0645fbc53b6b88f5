#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Every document lob2europass writes passes `lob2europass validate`.

Converts every bundled sample to all formats (Europass v3.4 XML, v3.4
JSON, the Europass CV XML) and validates all of them in one run (two
threads): each must be valid, of the kind its file name says, without a
single finding. With the official schemas (../shared or L2E_SHARED_DIR)
the schema step must have run and passed for every v3.4 document;
without them it must say it was skipped, never "valid".

    written_docs.py BINARY SRC_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile

KINDS = {".europass.xml": "europass-v3-xml",
         ".europass.json": "europass-v3-json",
         ".cv.xml": "europass-cv-xml"}


def main():
    binary, src = sys.argv[1], os.path.abspath(sys.argv[2])
    shared = os.environ.get("L2E_SHARED_DIR",
                            os.path.join(src, "..", "shared"))
    schema_dir = os.path.join(shared, "europass")
    has_schema = os.path.isfile(os.path.join(
        schema_dir, "v3.4.1", "xsd", "EuropassSchema.xsd"))
    sys.path.insert(0, os.path.join(src, "tests"))
    from sample_inputs import samples
    passed = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name, mapping, inputs in samples(src):
            out = os.path.join(tmp, name)
            subprocess.run([binary, "convert", "-q", "-m", mapping, "--to",
                            "europass-xml,europass-json,europass-cv", "-o",
                            out] + inputs, check=False,
                           capture_output=True,
                           env=dict(os.environ, SOURCE_DATE_EPOCH="1"))
            files += sorted(os.path.join(out, f) for f in os.listdir(out)
                            if any(f.endswith(k) for k in KINDS))
        if not files:
            print("FAIL: no documents were produced")
            return 1
        args = [binary, "validate", "--format", "json", "--jobs", "2"]
        if has_schema:
            args += ["--schema-dir", schema_dir]
        run = subprocess.run(args + files, capture_output=True, text=True,
                             env=dict(os.environ,
                                      L2E_SCHEMA_DIR="/nonexistent"))
        report = json.loads(run.stdout)
        if [f["file"] for f in report["files"]] != files:
            print("FAIL: the report does not list the files in order")
            failed += 1
        for f in report["files"]:
            where = os.path.relpath(f["file"], tmp)
            kind = next(v for k, v in KINDS.items() if where.endswith(k))
            want_schema = ("not-applicable" if kind == "europass-cv-xml"
                           else "valid" if has_schema else "skipped")
            problems = []
            if not f.get("valid"):
                problems.append("not valid")
            if f.get("kind") != kind:
                problems.append(f"kind {f.get('kind')}, not {kind}")
            if f.get("schema") != want_schema:
                problems.append(f"schema {f.get('schema')}, not "
                                f"{want_schema}")
            for g in f.get("findings", []):
                problems.append(f"{g['line']}:{g['column']}: "
                                f"{g['severity']}: {g['message']} "
                                f"[{g['rule']}]")
            if problems:
                failed += 1
                print(f"FAIL: {where}:")
                for p in problems:
                    print(f"  {p}")
            else:
                passed += 1
        if run.returncode != (1 if failed else 0):
            print(f"FAIL: exit status {run.returncode}")
            failed += 1
    print(f"{passed} documents valid" + ("" if has_schema else
                                         " (built-in checks only: no "
                                         "official schemas)"))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
