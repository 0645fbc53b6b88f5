#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""kill -9 while --prune removes documents, then a rerun (issue 17).

The promise of --prune: the folder ends equal to SHA256SUMS, whatever
moment a run was killed at. Each round restores the folder a clean
nightly run left (N students, two formats, plus a user's own files),
starts the next night's run (a third of the students gone, with
--skip-unchanged so that most of its time is spent removing), kills it
with SIGKILL at a random moment, and checks that every document under
its final name is a complete one, and that nothing of the user's is
gone. Then the same run again, to the end (with --skip-unchanged but
every fourth time): the folder must hold exactly
what SHA256SUMS lists, each matching its hash, no stray document, none
missing, byte for byte what an uninterrupted run leaves. Kills are
aimed at the end of the run, where the removals are (and aimed again
after each round, earlier when the run had ended, later when it had not
got as far as SHA256SUMS); the test goes on
until several kills landed while documents were being removed (seen as
a folder whose new SHA256SUMS is in place with documents it no longer
lists still there). The random points come from a seed printed at the
end (KILL_SEED=N repeats them).

    prune_kill_test.py BINARY SRC_ROOT
"""
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

N = 1500
KEEP = 1000        # students still in the export the next night
MIN_ROUNDS = 10
# a round is under a second; the window of the removals is some tens of
# milliseconds, and on a loaded machine (under ASan, right after a mass
# deletion) 60 rounds once landed none: the test stops at 3 landed, so
# more rounds cost only a busy machine more time, never a quiet one
MAX_ROUNDS = 150
WANT_MID_PRUNE = 3  # kills that must land among the removals


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
    mapping = os.path.join(src, "mappings", "koerskaart-json.json")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
    seed = int(os.environ.get("KILL_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    problems = []
    user = {"notes.txt": b"mine\n", "0009999.europass.xml": b"<mine/>\n"}

    def convert(out, inp, extra=()):
        return [binary, "convert", "-q", "-j", "2", "-m", mapping, "--to",
                "europass-xml,europass-json"] + list(extra) + \
            ["-o", out, inp]

    def documents(out):
        return {f: open(os.path.join(out, f), "rb").read()
                for f in os.listdir(out)
                if not f.startswith(".") and f != "SHA256SUMS" and
                f not in user}

    def listed(out):
        with open(os.path.join(out, "SHA256SUMS")) as f:
            return dict(reversed(l.rstrip("\n").split("  ", 1)) for l in f)

    def check_user(out, when):
        for name, data in user.items():
            path = os.path.join(out, name)
            if not os.path.exists(path) or open(path, "rb").read() != data:
                problems.append("%s: the user's %s is gone" % (when, name))

    with tempfile.TemporaryDirectory() as d:
        first = os.path.join(d, "first.ndjson")
        with open(first, "w") as f:
            for i in range(1, N + 1):
                f.write(json.dumps(student(i)) + "\n")
        second = os.path.join(d, "second.ndjson")
        with open(second, "w") as f:
            for i in range(1, KEEP + 1):
                f.write(json.dumps(student(i)) + "\n")
        night1 = os.path.join(d, "night1")
        p = subprocess.run(convert(night1, first), env=env,
                           capture_output=True)
        if p.returncode != 0:
            print("first night failed: %s" % p.stderr.decode()[:300])
            return 1
        for name, data in user.items():
            with open(os.path.join(night1, name), "wb") as f:
                f.write(data)
        before = documents(night1)
        # the next night, uninterrupted: what every round must end as
        ref = os.path.join(d, "ref")
        shutil.copytree(night1, ref)
        start = time.monotonic()
        p = subprocess.run(convert(ref, second, ["--prune",
                                                 "--skip-unchanged"]),
                           env=env, capture_output=True)
        clean_secs = time.monotonic() - start
        reference = documents(ref)
        if p.returncode != 0 or len(reference) != 2 * KEEP:
            print("clean second night: exit %d, %d documents: %s" % (
                p.returncode, len(reference), p.stderr.decode()[:300]))
            return 1
        new_sums = open(os.path.join(ref, "SHA256SUMS"), "rb").read()
        mid_prune = rounds = 0
        aim = clean_secs
        out = os.path.join(d, "out")
        while rounds < MAX_ROUNDS and (rounds < MIN_ROUNDS or
                                       mid_prune < WANT_MID_PRUNE):
            rounds += 1
            shutil.rmtree(out, ignore_errors=True)
            # hard links: every file of a run is replaced by rename or
            # removed by unlink, never written in place, so night1 stays
            shutil.copytree(night1, out, copy_function=os.link)
            p = subprocess.Popen(convert(out, second, ["--prune",
                                                       "--skip-unchanged"]),
                                 env=env, stderr=subprocess.DEVNULL)
            time.sleep(rnd.uniform(0.3, 1.1) * aim)
            finished = p.poll() is not None
            p.send_signal(signal.SIGKILL)
            p.wait()
            when = "round %d" % rounds
            docs = documents(out)
            for f, data in docs.items():
                if data != before.get(f) and data != reference.get(f):
                    problems.append("%s: %s is not complete" % (when, f))
            check_user(out, when)
            sums_now = open(os.path.join(out, "SHA256SUMS"), "rb").read()
            if sums_now == new_sums and len(docs) > len(reference):
                mid_prune += 1
            # aim again: a run that had ended was killed too late, one
            # with the old SHA256SUMS too early (a busy machine's runs
            # are slower than the clean one measured)
            if finished or (sums_now == new_sums and
                            len(docs) == len(reference)):
                aim *= 0.8
            elif sums_now != new_sums:
                aim *= 1.15
            # the rerun as the next night runs it; every fourth one
            # writes everything again
            again = ["--prune"] + (["--skip-unchanged"] if rounds % 4
                                   else [])
            q = subprocess.run(convert(out, second, again), env=env,
                               capture_output=True)
            if q.returncode != 0:
                problems.append("%s: rerun exit %d: %s" % (
                    when, q.returncode, q.stderr.decode()[:200]))
            docs = documents(out)
            sums = listed(out)
            if sorted(docs) != sorted(sums):
                extra = sorted(set(docs) - set(sums))
                missing = sorted(set(sums) - set(docs))
                problems.append("%s, rerun: %d stray (%s), %d missing "
                                "(%s)" % (when, len(extra), extra[:3],
                                          len(missing), missing[:3]))
            for f, sha in sums.items():
                if f in docs and \
                        hashlib.sha256(docs[f]).hexdigest() != sha:
                    problems.append("%s, rerun: %s does not match "
                                    "SHA256SUMS" % (when, f))
                    break
            if docs != reference:
                problems.append("%s, rerun: the folder is not what an "
                                "uninterrupted run leaves" % when)
            check_user(out, when + ", rerun")
            stray = [f for f in os.listdir(out) if f.startswith(".") and
                     f not in (".lob2europass.lock", ".lob2europass-state",
                               ".lob2europass-owned")]
            if stray:
                problems.append("%s, rerun: temporary files left: %s" % (
                    when, stray[:3]))
        if mid_prune < 1:
            problems.append("no kill landed among the removals in %d "
                            "rounds (the machine may be too busy; "
                            "KILL_SEED=%d)" % (rounds, seed))
    for p in problems:
        print("FAIL:", p)
    print("%d rounds, %d killed while removing, seed %d (KILL_SEED=%d "
          "repeats them): %s" % (rounds, mid_prune, seed, seed,
                                 "FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
