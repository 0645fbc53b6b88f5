#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The tool in Dutch and English (gettext, issue 18).

 1. every message marked in the sources (po/POTFILES, read afresh with
    xgettext) has a Dutch translation in po/nl.po, none fuzzy or empty
    (msgcmp), and po/lob2europass.pot is the template of today's sources;
 2. msgfmt --check-format accepts po/nl.po, and our own check agrees:
    the same printf conversions in the same order in msgid and msgstr,
    and the same leading and trailing newlines (for every entry, not only
    the ones xgettext flagged c-format);
 3. `LANG=nl_NL.UTF-8 lob2europass --help` is Dutch, with the catalogs of
    the build tree ($L2E_LOCALEDIR); LANG=C.UTF-8 is English. Where the
    nl_NL.UTF-8 locale is not generated, LANGUAGE=nl under C.UTF-8 is
    checked instead, and the test says so.

    po_check.py BINARY SRC_ROOT LOCALEDIR
"""
import os
import re
import subprocess
import sys
import tempfile

BIN, SRC, LOCALEDIR = sys.argv[1], sys.argv[2], sys.argv[3]
PO = os.path.join(SRC, "po", "nl.po")
POT = os.path.join(SRC, "po", "lob2europass.pot")
XGETTEXT = ["xgettext", "--language=C", "--from-code=UTF-8", "--keyword=_",
            "--keyword=N_", "--keyword=P_:1,2",
            "--add-comments=TRANSLATORS:",
            "--package-name=lob2europass", "--no-location", "--sort-output"]
results = []


def check(name, cond, detail=""):
    results.append(cond)
    if not cond:
        print("FAIL: %s\n%s" % (name, detail))


def entries(path):
    """(msgid, [msgstr...], flags, msgid_plural) of every entry but the
    header; a plural entry has a msgstr per form."""
    text = open(path, encoding="utf-8").read()

    def unq(s):
        return "".join(
            bytes(x, "utf-8").decode("unicode_escape")
            .encode("latin-1").decode("utf-8")
            for x in re.findall(r'"(.*)"', s))

    def field(block, name):
        m = re.search(r"^%s ((?:\".*\"\n?)+)" % re.escape(name),
                      block + "\n", re.M)
        return unq(m.group(1)) if m else None
    out = []
    for block in re.split(r"\n\s*\n", text):
        if re.search(r"^#~", block, re.M) or field(block, "msgid") is None:
            continue
        msgid = field(block, "msgid")
        if not msgid:
            continue
        plural = field(block, "msgid_plural")
        if plural is None:
            strs = [field(block, "msgstr") or ""]
        else:
            strs = [field(block, "msgstr[%d]" % i) or "" for i in (0, 1)]
        flags = " ".join(l for l in block.split("\n") if l.startswith("#,"))
        out.append((msgid, strs, flags, plural))
    return out


# printf conversions: %%, flags, width, precision, length, conversion
CONV = re.compile(r"%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                  r"(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcspn%]")


def conversions(s):
    return [c for c in CONV.findall(s) if c != "%%"]


def test_catalog(tmp):
    files = [l.strip() for l in open(os.path.join(SRC, "po", "POTFILES"))
             if l.strip() and not l.startswith("#")]
    fresh = os.path.join(tmp, "fresh.pot")
    c = subprocess.run(XGETTEXT + ["-o", fresh] + files, cwd=SRC,
                       capture_output=True, text=True)
    check("xgettext reads the sources", c.returncode == 0, c.stderr)
    if c.returncode:
        return
    ids = [e[0] for e in entries(fresh)]
    check("messages are marked", len(ids) > 80, "only %d" % len(ids))
    c = subprocess.run(["msgcmp", PO, fresh], capture_output=True,
                       text=True)
    check("every marked message has a Dutch translation (msgcmp)",
          c.returncode == 0, c.stderr[-3000:])
    committed = set(e[0] for e in entries(POT))
    check("po/lob2europass.pot is today's template "
          "(cmake --build BUILD --target pot)", committed == set(ids),
          "new: %r\ngone: %r" % (sorted(set(ids) - committed)[:5],
                                 sorted(committed - set(ids))[:5]))
    c = subprocess.run(["msgfmt", "--check", "--check-format",
                        "--output-file=" + os.path.join(tmp, "nl.mo"), PO],
                       capture_output=True, text=True)
    check("msgfmt --check --check-format po/nl.po", c.returncode == 0,
          c.stderr)
    bad = []
    for msgid, strs, flags, plural in entries(PO):
        if not all(strs) or "fuzzy" in flags:
            bad.append("untranslated or fuzzy: %r" % msgid[:60])
            continue
        # Dutch has two forms: [0] answers the singular, [1] the plural
        for source, msgstr in zip((msgid, plural or msgid), strs):
            if conversions(source) != conversions(msgstr):
                bad.append("placeholders %s vs %s in %r" % (
                    conversions(source), conversions(msgstr), msgid[:60]))
            for edge, test in (("leading newline", str.startswith),
                               ("trailing newline", str.endswith)):
                if test(source, "\n") != test(msgstr, "\n"):
                    bad.append("%s differs in %r" % (edge, msgid[:60]))
    check("placeholders and newlines agree in every entry", not bad,
          "\n".join(bad))


def has_locale(name):
    c = subprocess.run(["locale", "-a"], capture_output=True, text=True)
    norm = name.lower().replace("-", "")
    return any(l.lower().replace("-", "") == norm
               for l in c.stdout.split())


def run(args, env):
    e = {k: v for k, v in os.environ.items()
         if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    e.update(env)
    e["L2E_LOCALEDIR"] = LOCALEDIR
    return subprocess.run([BIN] + args, capture_output=True, text=True,
                          env=e)


def test_dutch_help():
    if has_locale("nl_NL.UTF-8"):
        nl = {"LANG": "nl_NL.UTF-8"}
    else:
        print("note: no nl_NL.UTF-8 locale here (sh scripts/deps.sh "
              "makes it); checking LANGUAGE=nl under C.UTF-8")
        nl = {"LANG": "C.UTF-8", "LANGUAGE": "nl"}
    c = run(["--help"], nl)
    check("--help in Dutch", c.returncode == 0
          and "Gebruik: lob2europass OPDRACHT" in c.stdout
          and "zet exports om in Europass-documenten" in c.stdout
          and "Usage:" not in c.stdout, c.stdout + c.stderr)
    c = run(["validate", "--help"], nl)
    check("validate --help: Dutch option help", c.returncode == 0
          and "toon deze hulp en stop" in c.stdout, c.stdout)
    c = run(["--help"], {"LANG": "C.UTF-8"})
    check("--help in English under C.UTF-8", c.returncode == 0
          and "Usage: lob2europass COMMAND" in c.stdout, c.stdout)
    c = run(["frobnicate"], nl)
    check("an error in Dutch, exit 2", c.returncode == 2
          and "onbekende opdracht 'frobnicate'" in c.stderr, c.stderr)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        test_catalog(tmp)
    test_dutch_help()
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
