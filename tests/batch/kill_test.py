#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""kill -9 at random points during folder or archive output, 20 times
(issue 22).

The promise of --out DIR: after a crash or kill -9 no document exists
under its final name unless it is complete, and a rerun completes the
batch. Each round starts a run into the same folder (--jobs 1 or 2 by
turns), kills it with SIGKILL after a random part of a clean run's time,
and checks that every document under its final name is byte for byte
what a clean run writes. Every fourth round a rerun (with and without
--skip-unchanged, by turns) must then complete the batch: every document
there and right, SHA256SUMS matching the folder, no temporary file left.
With `zip`, the same for --out FILE.zip: after a kill the archive is
absent or byte for byte a clean run's (the same inputs give the same
archive), and after a rerun it is there, its SHA256SUMS entry right,
and nothing else is left in its folder. The random points come from a
seed printed on failure (KILL_SEED=N to repeat them).

    kill_test.py BINARY SRC_ROOT [folder|zip]
"""
import zipfile
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

ROUNDS = 20
N = 3000


def student(i):
    return {
        "primaryCode": {"codeType": "student_number", "code": "%07d" % i},
        "givenName": "Student", "surname": "Voorbeeld%d" % i,
        "consent": {"europassExport": True},
        "programmes": [{"name": [{"language": "nl-NL", "value": "Kok"}],
                        "level": "secondary_vocational_education_2",
                        "startDate": "2024-08-01", "state": "active"}],
    }


def main():
    binary, src = sys.argv[1], sys.argv[2]
    if len(sys.argv) > 3 and sys.argv[3] == "zip":
        return main_zip(binary, src)
    mapping = os.path.join(src, "mappings", "koerskaart-json.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    problems = []

    def convert(out, extra=()):
        cmd = [binary, "convert", "-q", "-m", mapping,
               "--to", "europass-xml,europass-json"] + list(extra) + \
            ["-o", out, inp]
        return cmd

    def documents(out):
        return {f: open(os.path.join(out, f), "rb").read()
                for f in os.listdir(out)
                if not f.startswith(".") and f != "SHA256SUMS"}

    def check_complete(out, when):
        docs = documents(out)
        if docs != reference:
            missing = sorted(set(reference) - set(docs))
            wrong = sorted(f for f in docs if docs[f] != reference.get(f))
            problems.append("%s: %d missing (%s), %d wrong (%s)" % (
                when, len(missing), missing[:3], len(wrong), wrong[:3]))
        sums = {}
        for line in open(os.path.join(out, "SHA256SUMS")):
            sha, name = line.rstrip("\n").split("  ", 1)
            sums[name] = sha
        want = {f: hashlib.sha256(b).hexdigest() for f, b in docs.items()}
        if sums != want:
            problems.append("%s: SHA256SUMS does not match the folder" % when)
        stray = [f for f in os.listdir(out) if f.startswith(".") and
                 f not in (".lob2europass.lock", ".lob2europass-state")]
        if stray:
            problems.append("%s: temporary files left: %s" % (when, stray[:3]))

    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, "in.ndjson")
        with open(inp, "w") as f:
            for i in range(1, N + 1):
                f.write(json.dumps(student(i)) + "\n")
        ref_dir = os.path.join(d, "ref")
        start = time.monotonic()
        p = subprocess.run(convert(ref_dir), env=env, capture_output=True)
        clean_secs = time.monotonic() - start
        if p.returncode != 0:
            print("clean run failed: %s" % p.stderr.decode()[:300])
            return 1
        reference = documents(ref_dir)
        if len(reference) != 2 * N:
            print("clean run wrote %d documents" % len(reference))
            return 1
        out = os.path.join(d, "out")
        for k in range(1, ROUNDS + 1):
            jobs = "1" if k % 2 else "2"
            p = subprocess.Popen(convert(out, ["-j", jobs]), env=env,
                                 stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0, clean_secs))
            p.send_signal(signal.SIGKILL)
            p.wait()
            if os.path.isdir(out):
                for f, data in documents(out).items():
                    if data != reference.get(f):
                        problems.append("round %d (-j%s): %s is not "
                                        "complete" % (k, jobs, f))
            if k % 4 == 0:
                extra = ["--skip-unchanged"] if k % 8 == 0 else []
                q = subprocess.run(convert(out, extra), env=env,
                                   capture_output=True)
                if q.returncode != 0:
                    problems.append("round %d: rerun exit %d: %s" % (
                        k, q.returncode, q.stderr.decode()[:200]))
                check_complete(out, "round %d, rerun %s" % (k, extra))
    for p in problems:
        print("FAIL:", p)
    print("%d rounds, seed %d (KILL_SEED=%d repeats them): %s" % (
        ROUNDS, seed, seed, "FAILED" if problems else "ok"))
    return 1 if problems else 0


def write_input(d):
    inp = os.path.join(d, "in.ndjson")
    with open(inp, "w") as f:
        for i in range(1, N + 1):
            f.write(json.dumps(student(i)) + "\n")
    return inp


def main_zip(binary, src):
    mapping = os.path.join(src, "mappings", "koerskaart-json.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    problems = []

    def convert(out, jobs="2"):
        return [binary, "convert", "-q", "-j", jobs, "-m", mapping,
                "--to", "europass-xml,europass-json", "-o", out, inp]

    with tempfile.TemporaryDirectory() as d:
        inp = write_input(d)
        os.mkdir(os.path.join(d, "ref"))
        ref = os.path.join(d, "ref", "all.zip")
        start = time.monotonic()
        p = subprocess.run(convert(ref), env=env, capture_output=True)
        clean_secs = time.monotonic() - start
        if p.returncode != 0:
            print("clean run failed: %s" % p.stderr.decode()[:300])
            return 1
        reference = open(ref, "rb").read()
        z = zipfile.ZipFile(ref)
        names = z.namelist()
        if len(names) != 2 * N + 1 or names[-1] != "SHA256SUMS":
            problems.append("the archive has %d entries" % len(names))
        sums = dict(reversed(l.split("  ", 1)) for l in
                    z.read("SHA256SUMS").decode().splitlines())
        for name in names[:-1]:
            if sums.get(name) != hashlib.sha256(z.read(name)).hexdigest():
                problems.append("SHA256SUMS is wrong for %s" % name)
                break
        os.mkdir(os.path.join(d, "out"))
        out = os.path.join(d, "out", "all.zip")
        for k in range(1, ROUNDS + 1):
            jobs = "1" if k % 2 else "2"
            p = subprocess.Popen(convert(out, jobs), env=env,
                                 stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0, clean_secs))
            p.send_signal(signal.SIGKILL)
            p.wait()
            if os.path.exists(out) and open(out, "rb").read() != reference:
                problems.append("round %d (-j%s): the archive is not "
                                "complete" % (k, jobs))
            if k % 4 == 0:
                q = subprocess.run(convert(out), env=env,
                                   capture_output=True)
                if q.returncode != 0:
                    problems.append("round %d: rerun exit %d: %s" % (
                        k, q.returncode, q.stderr.decode()[:200]))
                if open(out, "rb").read() != reference:
                    problems.append("round %d: rerun archive differs" % k)
                left = os.listdir(os.path.dirname(out))
                if left != ["all.zip"]:
                    problems.append("round %d: left in the folder: %s" % (
                        k, left[:4]))
    for p in problems:
        print("FAIL:", p)
    print("zip: %d rounds, seed %d (KILL_SEED=%d repeats them): %s" % (
        ROUNDS, seed, seed, "FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
