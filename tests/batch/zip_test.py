#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""--out FILE.zip: what the archive promises (issue 22).

    zip_test.py BINARY SRC_ROOT          the archive itself
    zip_test.py BINARY SRC_ROOT many     70,000 entries (ZIP64)

The archive itself: the same inputs give the same bytes whatever the
time zone (UTC, Pacific/Auckland, America/St_Johns), the locale and
--jobs; its entries are the documents a folder run writes, byte for
byte, in input order, and SHA256SUMS last, equal to the folder's; every
entry is deflated, rw-r--r--, owner and group 0, dated with the document
date in UTC (1980-01-01 without one); `unzip -t` finds no error. A
failure to write (the file size limit, so EFBIG) or to create (no such
folder) is exit 5 and one line naming the archive and why, and leaves
the last run's archive as it was and nothing else; a second run on the
folder is exit 75; temporary files a killed run left are removed.

With `many`: more than 65,535 entries need a ZIP64 end record; Python's
zipfile and `unzip -t` must read all 70,001.
"""
import fcntl
import hashlib
import json
import os
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kill_test import student  # noqa: E402

SDE = 1751526900  # 2025-07-03T07:15:00Z
problems = []


def expect(cond, what):
    if not cond:
        problems.append(what)
    return cond


def write_input(path, n):
    with open(path, "w") as f:
        for i in range(1, n + 1):
            f.write(json.dumps(student(i)) + "\n")


def extra_fields(extra):
    """The fields of a ZIP extra block, as {id: data}."""
    fields, i = {}, 0
    while i + 4 <= len(extra):
        fid, size = struct.unpack("<HH", extra[i:i + 4])
        fields[fid] = extra[i + 4:i + 4 + size]
        i += 4 + size
    return fields


def check_entries(path, when, mtime):
    """Every entry deflated, 0644, uid/gid 0, dated `mtime` in UTC."""
    want_date = tuple(__import__("time").gmtime(mtime)[:6])
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            f = extra_fields(info.extra)
            ut = f.get(0x5455, b"")
            ux = f.get(0x7875, b"")
            ok = (info.compress_type == zipfile.ZIP_DEFLATED and
                  info.external_attr >> 16 == 0o100644 and
                  info.create_system == 3 and
                  info.date_time == want_date and
                  len(ut) == 5 and ut[0] == 1 and
                  struct.unpack("<I", ut[1:5])[0] == mtime and
                  ux == b"\x01\x04\x00\x00\x00\x00\x04\x00\x00\x00\x00")
            if not expect(ok, "%s: entry %s: method %d, mode %o, system %d, "
                          "date %s, UT %r, ux %r" % (
                              when, info.filename, info.compress_type,
                              info.external_attr >> 16, info.create_system,
                              info.date_time, ut, ux)):
                return


def unzip_test(path, when):
    if shutil.which("unzip"):
        p = subprocess.run(["unzip", "-tq", path], capture_output=True)
        expect(p.returncode == 0, "%s: unzip -t: %s" % (
            when, p.stdout.decode()[-300:]))


def main_many(binary, src, d):
    n = 35000  # two documents each: 70,000 entries and SHA256SUMS
    inp = os.path.join(d, "in.ndjson")
    write_input(inp, n)
    out = os.path.join(d, "all.zip")
    p = subprocess.run([binary, "convert", "-q", "-m",
                        os.path.join(src, "mappings", "koerskaart-json.json"),
                        "--to", "europass-xml,europass-json", "-o", out, inp],
                       env=dict(os.environ, SOURCE_DATE_EPOCH=str(SDE)),
                       capture_output=True)
    if not expect(p.returncode == 0, "exit %d: %s" % (
            p.returncode, p.stderr.decode()[:300])):
        return
    with open(out, "rb") as f:
        f.seek(-200, os.SEEK_END)
        tail = f.read()
    # ZIP64 end of central directory record and its locator, then the
    # classic end record with its counts saturated
    expect(b"PK\x06\x06" in tail and b"PK\x06\x07" in tail,
           "no ZIP64 end record")
    eocd = tail[tail.rfind(b"PK\x05\x06"):]
    expect(struct.unpack("<H", eocd[10:12])[0] == 0xFFFF,
           "end record does not defer to ZIP64: %r" % eocd[:22])
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        expect(len(names) == 2 * n + 1 and names[-1] == "SHA256SUMS",
               "zipfile reads %d entries, the last %s" % (
                   len(names), names[-1:]))
        sums = z.read("SHA256SUMS").decode().splitlines()
        expect(len(sums) == 2 * n, "SHA256SUMS has %d lines" % len(sums))
        for line in sums[::9973]:  # a few, read back from far apart
            sha, name = line.split("  ", 1)
            expect(hashlib.sha256(z.read(name)).hexdigest() == sha,
                   "SHA256SUMS wrong for %s" % name)
    unzip_test(out, "70,001 entries")


def main():
    binary, src = sys.argv[1], sys.argv[2]
    mapping = os.path.join(src, "mappings", "koerskaart-json.json")
    with tempfile.TemporaryDirectory() as d:
        if len(sys.argv) > 3 and sys.argv[3] == "many":
            main_many(binary, src, d)
            return report()
        inp = os.path.join(d, "in.ndjson")
        write_input(inp, 400)

        def convert(out, env=None, jobs="1", limit=None):
            e = dict(os.environ, SOURCE_DATE_EPOCH=str(SDE), TZ="UTC")
            e.update(env or {})
            pre = None
            if limit is not None:
                def pre():
                    resource.setrlimit(resource.RLIMIT_FSIZE,
                                       (limit, limit))
            return subprocess.run(
                [binary, "convert", "-q", "-j", jobs, "-m", mapping,
                 "--to", "europass-xml,europass-json", "-o", out, inp],
                env=e, capture_output=True, preexec_fn=pre)

        def mkdir(name):
            path = os.path.join(d, name)
            os.mkdir(path)
            return path

        # --- the same bytes, whatever the zone, locale and --jobs
        ref = os.path.join(mkdir("ref"), "all.zip")
        p = convert(ref)
        if not expect(p.returncode == 0, "clean run exit %d: %s" % (
                p.returncode, p.stderr.decode()[:300])):
            return report()
        reference = open(ref, "rb").read()
        for k, (tz, lang, jobs) in enumerate([
                ("Pacific/Auckland", "C", "2"),
                ("America/St_Johns", "C.UTF-8", "1"),
                ("UTC", "nl_NL.UTF-8", "2")]):
            out = os.path.join(mkdir("tz%d" % k), "all.zip")
            p = convert(out, {"TZ": tz, "LANG": lang, "LC_ALL": lang}, jobs)
            expect(p.returncode == 0 and
                   open(out, "rb").read() == reference,
                   "TZ=%s LANG=%s -j%s: exit %d, not the same archive" % (
                       tz, lang, jobs, p.returncode))

        # --- the entries are the folder's documents, SHA256SUMS last
        folder = mkdir("folder")
        p = convert(folder)
        expect(p.returncode == 0, "folder run exit %d" % p.returncode)
        docs = {f for f in os.listdir(folder) if not f.startswith(".")}
        with zipfile.ZipFile(ref) as z:
            names = z.namelist()
            expect(names[-1] == "SHA256SUMS" and
                   set(names) == docs and len(names) == len(docs),
                   "entries %d (last %s), folder %d" % (
                       len(names), names[-1], len(docs)))
            expect(names[:2] == ["0000001.europass.xml",
                                 "0000001.europass.json"] and
                   names[-3] == "0000400.europass.xml",
                   "not in input order: %s ... %s" % (names[:2], names[-3:]))
            for name in names:
                if z.read(name) != open(os.path.join(folder, name),
                                        "rb").read():
                    expect(False, "entry %s is not the folder's" % name)
                    break
        check_entries(ref, "dated", SDE)
        unzip_test(ref, "400 dossiers")

        # --- no document date: 1980-01-01, the first a ZIP holds
        undated = os.path.join(mkdir("undated"), "all.zip")
        env = {k: v for k, v in os.environ.items()
               if k != "SOURCE_DATE_EPOCH"}
        p = subprocess.run([binary, "convert", "-q", "-m", mapping,
                            "-o", undated, inp], env=env,
                           capture_output=True)
        expect(p.returncode == 0, "undated run exit %d" % p.returncode)
        check_entries(undated, "undated", 315532800)

        # --- cannot write: one line, the last run's archive kept
        last = mkdir("full")
        out = os.path.join(last, "all.zip")
        shutil.copy(ref, out)
        for limit in (0, 1000, 64 * 1024, len(reference) - 100):
            p = convert(out, limit=limit)
            err = p.stderr.decode().strip().splitlines()
            expect(p.returncode == 5 and len(err) == 1 and
                   out in err[0] and "File too large" in err[0],
                   "file size limit %d: exit %d, %r" % (
                       limit, p.returncode, err[:3]))
            expect(open(out, "rb").read() == reference and
                   os.listdir(last) == ["all.zip"],
                   "file size limit %d: left %s" % (limit,
                                                    os.listdir(last)))

        # --- cannot create
        p = convert(os.path.join(d, "no-such-folder", "all.zip"))
        err = p.stderr.decode().strip().splitlines()
        expect(p.returncode == 5 and len(err) == 1 and
               "no-such-folder/all.zip: cannot create: " in err[0] and
               "no-such-folder does not exist (make it first" in err[0],
               "no folder: exit %d, %r" % (p.returncode, err[:3]))

        # --- another run writes an archive there: exit 75
        fd = os.open(last, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_EX)
        p = convert(out)
        os.close(fd)
        expect(p.returncode == 75 and b"another lob2europass run" in
               p.stderr, "locked: exit %d, %r" % (p.returncode, p.stderr))

        # --- a killed run's temporary files are removed
        for stale in (".all.zip.l2etmp", ".all.zip.l2etmp.Ab12Cd"):
            open(os.path.join(last, stale), "w").write("half")
        p = convert(out)
        expect(p.returncode == 0 and os.listdir(last) == ["all.zip"] and
               open(out, "rb").read() == reference,
               "stale files: exit %d, left %s" % (p.returncode,
                                                  os.listdir(last)))
    return report()


def report():
    for p in problems:
        print("FAIL:", p)
    print("zip: %s" % ("FAILED" if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
