#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""No national identifier may leave lob2europass.

Converts every bundled sample and checks that no BSN, onderwijsnummer or
ECK iD from the inputs appears in any output file, file name, or message.
The identifiers are found in the inputs by an implementation of the
elfproef written here, independently of the C code, plus every ECK iD URI:
so the test also catches numbers a mapping never mentions, such as a BSN
pasted into free text.

    no_national_ids.py BINARY SRC_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile


def weighted(d):
    return sum(int(d[i]) * (9 - i) for i in range(8)) - int(d[8])


def is_bsn(d):
    return weighted(d) % 11 == 0 and d != "000000000"


def is_onderwijsnummer(d):
    return d.startswith("10") and weighted(d) % 11 == 5


def national_ids(text):
    found = set()
    for m in re.finditer(r"(?<!\d)\d{9}(?!\d)", text):
        if is_bsn(m.group()) or is_onderwijsnummer(m.group()):
            found.add(m.group())
    found.update(re.findall(r"https?://ketenid\.nl/[^\s\"<]+", text))
    return found


def main():
    binary, src = sys.argv[1], sys.argv[2]
    failures = 0
    checked = 0
    sys.path.insert(0, os.path.join(src, "tests"))
    from sample_inputs import samples, all_files
    for name, mapping, inputs in samples(src):
        ids = set()
        for path in all_files(inputs):
            # the digits and URLs are ASCII whatever the file's encoding
            with open(path, encoding="latin-1") as f:
                ids |= national_ids(f.read())
        if not ids:
            print(f"FAIL: {name}: no national ids in the inputs: the test "
                  "would prove nothing")
            failures += 1
            continue
        with tempfile.TemporaryDirectory() as out:
            formats = subprocess.run([binary, "convert", "--help"],
                                     capture_output=True, text=True).stdout
            to = ",".join(re.findall(r"^  (europass-[a-z]+) ", formats,
                                     re.M))
            run = subprocess.run([binary, "convert", "-m", mapping, "--to",
                                  to, "-o", out] + inputs,
                                 capture_output=True, text=True)
            texts = {"<stderr>": run.stderr, "<stdout>": run.stdout}
            for f in os.listdir(out):
                texts["<file name>"] = texts.get("<file name>", "") + f + "\n"
                with open(os.path.join(out, f), encoding="utf-8") as fh:
                    texts[f] = fh.read()
            if len(texts) < 4 or not to:
                print(f"FAIL: {name}: no documents written")
                failures += 1
            for where, text in texts.items():
                for nid in ids:
                    checked += 1
                    if nid in text:
                        print(f"FAIL: {name}: a national id from the input "
                              f"appears in {where}")
                        failures += 1
        print(f"{name}: {len(ids)} national ids checked against "
              f"{len(texts)} outputs")
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
