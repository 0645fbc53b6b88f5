#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""mapping init on every shipped sample, its hand-written mapping hidden.

    init_samples.py BINARY SRC_ROOT [MIN_PERCENT]

For each sample (tests/sample_inputs.py): copy its export to a fresh
folder (without the mapping), run `mapping init`, then `mapping check` on
the draft, convert the export with the draft and with the hand-written
mapping (--to europass-json), and compare the documents field by field.

A field is a leaf of the Europass JSON document (DocumentInfo left out:
dates of the run, not the profile) as (path without list positions,
value); the score of a sample is the share of the hand-written
documents' fields that the draft's documents have too (a multiset, so a
list in another order still agrees). The score of every sample is
printed. The test fails when init, check or convert fails, or a score is
below MIN_PERCENT (default 0: scores are reported, the floors are the
ones the samples reach today, set in tests/CMakeLists.txt).
"""
import collections
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from sample_inputs import samples  # noqa: E402


def fields(doc, path=""):
    if isinstance(doc, dict):
        for k, v in doc.items():
            if k == "DocumentInfo":
                continue
            yield from fields(v, path + "/" + k)
    elif isinstance(doc, list):
        for v in doc:
            yield from fields(v, path + "/*")
    else:
        yield path, json.dumps(doc, ensure_ascii=False)


def documents(folder):
    out = {}
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out[name] = collections.Counter(fields(json.load(f)))
    return out


def run(cmd, env):
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def main():
    binary, src = sys.argv[1], sys.argv[2]
    floors = {}
    for arg in sys.argv[3:]:
        name, _, pct = arg.partition("=")
        floors[name] = float(pct)
    env = dict(os.environ)
    env["L2E_MAPPINGS_PATH"] = os.path.join(src, "mappings")
    env["L2E_CODELISTS_DIR"] = os.path.join(src, "mappings", "codelists")
    failed = 0
    tmp = tempfile.mkdtemp(prefix="l2e-init-")
    try:
        for name, mapping, inputs in samples(src):
            work = os.path.join(tmp, name)
            export = os.path.join(work, "export")
            shutil.copytree(os.path.join(src, "samples", name), export,
                            ignore=shutil.ignore_patterns("expected*"))
            ins = [os.path.join(export, os.path.relpath(
                p, os.path.join(src, "samples", name))) for p in inputs]
            ins = [p.rstrip("/.") if p.endswith("/.") else p for p in ins]
            draft = os.path.join(work, "draft.json")
            r = run([binary, "mapping", "init", "-o", draft] + ins, env)
            if r.returncode != 0:
                print(f"FAIL: {name}: mapping init exit {r.returncode}: "
                      f"{r.stderr.strip()}")
                failed += 1
                continue
            r = run([binary, "mapping", "check", draft], env)
            if r.returncode != 0:
                print(f"FAIL: {name}: mapping check of the draft exit "
                      f"{r.returncode}: {r.stderr.strip()}")
                failed += 1
                continue
            outs = {}
            for who, m in (("draft", draft), ("hand", mapping)):
                outs[who] = os.path.join(work, who)
                r = run([binary, "convert", "-m", m, "-o", outs[who],
                         "--to", "europass-json", "--quiet"] + ins, env)
                if r.returncode != 0 and who == "draft":
                    print(f"FAIL: {name}: convert with the draft exit "
                          f"{r.returncode}: {r.stderr.strip()[-400:]}")
                    failed += 1
                    break
            else:
                hand, drafted = documents(outs["hand"]), \
                    documents(outs["draft"])
                total = sum(sum(c.values()) for c in hand.values())
                agree = 0
                for doc, counts in hand.items():
                    other = drafted.get(doc, collections.Counter())
                    agree += sum((counts & other).values())
                pct = 100.0 * agree / total if total else 0.0
                floor = floors.get(name, 0.0)
                verdict = "ok" if pct >= floor else "FAIL"
                print(f"{verdict}: {name}: {pct:.1f}% of {total} filled "
                      f"profile fields agree ({len(drafted)} of "
                      f"{len(hand)} documents; floor {floor:.0f}%)")
                if pct < floor:
                    failed += 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("failed" if failed else "passed", failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
