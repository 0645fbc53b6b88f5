#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""--shard K/N (issue 22): N runs, each keeping the dossiers whose key
hashes to its shard, together give what one run gives.

On an export of 600 students (one rejected, one key twice), for N = 3
with the shards run at different --jobs and on the input in a different
order: the union of the shards' folders is the single run's folder byte
for byte (no document in two shards, SHA256SUMS lines too), the union
of their JSON Lines is the single run's lines, and every document is in
the shard the documented hash gives (64-bit FNV-1a of the key, modulo
N, plus one). A bad K/N is a usage error (exit 2).

    shard_test.py BINARY SRC_ROOT
"""
import json
import os
import random
import subprocess
import sys
import tempfile

N_SHARDS = 3


def student(i, surname=None):
    return {
        "primaryCode": {"codeType": "student_number", "code": "%07d" % i},
        "givenName": "Student",
        "surname": "Voorbeeld%d" % i if surname is None else surname,
        "consent": {"europassExport": True},
        "programmes": [{"name": [{"language": "nl-NL", "value": "Kok"}],
                        "level": "secondary_vocational_education_2",
                        "startDate": "2024-08-01", "state": "active"}],
    }


def fnv1a_shard(key, n):
    h = 0xcbf29ce484222325
    for b in key.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return h % n + 1


def main():
    binary, src = sys.argv[1], sys.argv[2]
    mapping = os.path.join(src, "mappings", "koerskaart-json.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
    problems = []

    def run(args):
        p = subprocess.run([binary, "convert", "-q", "-m", mapping,
                            "--to", "europass-xml,europass-json"] + args,
                           env=env, capture_output=True)
        return p

    def files(d):
        return {f: open(os.path.join(d, f), "rb").read()
                for f in os.listdir(d)
                if not f.startswith(".") and f != "SHA256SUMS"}

    def sums(d):
        return open(os.path.join(d, "SHA256SUMS")).read().splitlines()

    with tempfile.TemporaryDirectory() as d:
        recs = [student(i) for i in range(1, 601)]
        recs[9] = student(10, surname="")  # rejected
        recs.append(student(77, surname="Tweede"))  # key 0000077 twice
        inp = os.path.join(d, "in.ndjson")
        with open(inp, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in recs)
        # the same records in another order, the duplicate still second
        shuffled = recs[:-1]
        random.Random(7).shuffle(shuffled)
        shuffled.append(recs[-1])
        inp2 = os.path.join(d, "in2.ndjson")
        with open(inp2, "w") as f:
            f.writelines(json.dumps(r) + "\n" for r in shuffled)

        one = os.path.join(d, "one")
        p = run(["-j", "2", "-o", one, inp])
        if p.returncode != 1:  # one rejected, one duplicate
            problems.append("single run exit %d" % p.returncode)
        single, single_sums = files(one), sorted(sums(one))
        lines = run(["-j", "2", "-o", "-", inp]).stdout.splitlines()

        union, union_sums, union_lines = {}, [], []
        for k in range(1, N_SHARDS + 1):
            out = os.path.join(d, "shard%d" % k)
            shard = "%d/%d" % (k, N_SHARDS)
            p = run(["-j", str(k % 2 + 1), "--shard", shard, "-o", out,
                     inp2 if k == 2 else inp])
            if p.returncode not in (0, 1):
                problems.append("shard %s exit %d: %s" % (
                    shard, p.returncode, p.stderr[:200]))
            got = files(out)
            for name in got:
                if name in union:
                    problems.append("%s is in two shards" % name)
                key = name.split(".", 1)[0]
                if fnv1a_shard(key, N_SHARDS) != k:
                    problems.append("%s in shard %d, the hash says %d" % (
                        name, k, fnv1a_shard(key, N_SHARDS)))
            union.update(got)
            union_sums += sums(out)
            union_lines += run(["--shard", shard, "-o", "-",
                                inp]).stdout.splitlines()
            if not got:
                problems.append("shard %s is empty" % shard)
        if union != single:
            problems.append("the shards' files differ from the single run's"
                            " (%d vs %d files)" % (len(union), len(single)))
        if sorted(union_sums) != single_sums:
            problems.append("the shards' SHA256SUMS differ")
        if sorted(union_lines) != sorted(lines) or not lines:
            problems.append("the shards' JSON lines differ")

        for bad in ("0/3", "4/3", "3", "1/0", "a/b", "1/65537", "/3"):
            p = run(["--shard", bad, "-o", "-", inp])
            if p.returncode != 2 or b"--shard takes K/N" not in p.stderr:
                problems.append("--shard %s: exit %d" % (bad, p.returncode))
    for p in problems:
        print("FAIL:", p)
    print("shards: %s" % ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
