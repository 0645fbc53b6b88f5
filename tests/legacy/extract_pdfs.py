#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""lob2europass extract against the PDF fixtures in ../shared and hostile
PDFs made here.

    extract_pdfs.py BINARY SRC_ROOT

Fixtures (../shared/europass/legacy/pdf/, every one listed in its
README.md): those with a Europass XML give exactly the bytes poppler's
`pdfdetach -save 1` gives; the others give the error their README row
asks for. Our documented choices: an XML under an unaccepted name is
taken with a warning when its root is Europass; the RC4 file that opens
without a password is decrypted. `upgrade` takes a PDF directly.

Hostile PDFs (written by this script): a compression bomb, a name tree
whose /Kids point to themselves, a name tree deeper than any real one, a
page tree loop, a filter Europass PDFs never use, a truncated file and
bytes that only begin like a PDF: each must give exit 3 and one line
"lob2europass: FILE: ..." on standard error, nothing on standard output
(run under ASan by the sanitizer build).

Skipped (77) without ../shared or pdfdetach. Last line: "N passed, N failed".
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
failures = []
passed = 0

# README row -> what extract must do (reviewed by hand against
# ../shared/europass/legacy/pdf/README.md)
WANT = {
    "gen1-annotation-CV.xml.pdf": "bytes",
    "gen2-nametree-Europass-XML-Attachment.pdf": "bytes",
    "gen2-nametree-objstm-Europass-CV-XML-Attachment.pdf": "bytes",
    "gen3-attachment.xml-AF.pdf": "bytes",
    "attachment-unaccepted-name.pdf": "bytes+warning",
    "encrypted-ownerpw-only-rc4.pdf": "bytes",
    "no-attachment.pdf": "error:no Europass XML attached",
    "quartz-resaved-no-attachment.pdf": "error:macOS",
    "attachment-not-europass.pdf": "error:not a Europass document",
    "encrypted-userpw-geheim.pdf": "error:password",
}


def check(cond, what):
    global passed
    if cond:
        passed += 1
    else:
        failures.append(what)
        print("FAIL:", what)


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def pdfdetach(path, tmp):
    out = os.path.join(tmp, "pdfdetach.out")
    if os.path.exists(out):
        os.remove(out)
    subprocess.run(["pdfdetach", "-save", "1", "-o", out, path],
                   capture_output=True)
    return open(out, "rb").read() if os.path.exists(out) else None


def make_pdf(objects, root=1):
    """A PDF with these object bodies (object i+1 = objects[i]) and a
    correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, root, xref))
    return bytes(out)


def stream(data, extra=b""):
    return (b"<< /Type /EmbeddedFile /Length %d %s >>\nstream\n" % (len(data), extra)
            + data + b"\nendstream")


PAGES = [b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]


def attached(names_obj, file_obj, extra=()):
    """Catalog 1, pages 2-3, name tree 4, filespec 5, file stream 6."""
    return make_pdf([b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 4 0 R >> >>",
                     *PAGES, names_obj,
                     b"<< /Type /Filespec /F (Europass-XML-Attachment.xml) /EF << /F 6 0 R >> >>",
                     file_obj, *extra])


def hostile():
    xml = b'<?xml version="1.0"?><SkillsPassport xmlns="http://europass.cedefop.europa.eu/Europass"/>'
    tree = b"<< /Names [(Europass XML Attachment) 5 0 R] >>"
    bomb = zlib.compress(b"\0" * (80 << 20), 9)
    deep = [b"<< /Kids [%d 0 R] >>" % (7 + i) for i in range(40)]
    return {
        "bomb.pdf": (attached(tree, stream(bomb, b"/Filter /FlateDecode")),
                     "max_input_bytes"),
        "kids-loop.pdf": (attached(b"<< /Kids [4 0 R] >>", stream(xml)), "loop"),
        "kids-deep.pdf": (attached(b"<< /Kids [7 0 R] >>", stream(xml), deep), "loop"),
        "lzw.pdf": (attached(tree, stream(xml, b"/Filter /LZWDecode")), "FlateDecode"),
        "page-loop.pdf": (make_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                    b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]), ""),
        "truncated.pdf": (attached(tree, stream(xml))[:300], ""),
        "only-header.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 8, ""),
        "bad-flate.pdf": (attached(tree, stream(b"not deflate at all", b"/Filter /FlateDecode")),
                          "damaged"),
        # objects of the wrong type where dictionaries belong: qpdf's
        # type errors must not reach stderr
        "names-not-dict.pdf": (make_pdf([b"<< /Type /Catalog /Pages 2 0 R /Names 7 >>",
                                         *PAGES]), "no Europass XML"),
        "ef-not-dict.pdf": (make_pdf([b"<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles "
                                      b"<< /Names [(a) 4 0 R] >> >> >>", *PAGES,
                                      b"<< /EF 5 >>"]), "no Europass XML"),
    }


def main():
    binary, src = sys.argv[1], sys.argv[2].rstrip("/")
    shared = os.environ.get("L2E_SHARED_DIR", os.path.join(src, "..", "shared"))
    pdfdir = os.path.join(shared, "europass", "legacy", "pdf")
    if not os.path.isfile(os.path.join(pdfdir, "README.md")):
        print("SKIP: PDF fixtures not found at", pdfdir)
        return SKIP
    if not shutil.which("pdfdetach"):
        print("SKIP: pdfdetach (poppler-utils) not installed")
        return SKIP
    readme = open(os.path.join(pdfdir, "README.md"), encoding="utf-8").read()
    listed = set(re.findall(r"^\| ([\w.-]+\.pdf) \|", readme, re.M))
    files = sorted(os.path.basename(p) for p in glob.glob(os.path.join(pdfdir, "*.pdf")))
    check(set(files) == set(WANT) and listed <= set(WANT),
          f"fixtures and this test differ: {sorted(set(files) ^ set(WANT))}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in files:
            path, want = os.path.join(pdfdir, name), WANT.get(name, "?")
            rc, out, err = run(binary, "extract", path)
            if want.startswith("bytes"):
                ref = pdfdetach(path, tmp)
                check(rc == 0 and ref is not None and out == ref,
                      f"{name}: exit {rc}, {len(out)} bytes, not pdfdetach's: {err}")
                check(("warning" in err) == want.endswith("warning"),
                      f"{name}: warning expected: {want.endswith('warning')}: {err}")
            else:
                word = want.split(":", 1)[1]
                check(rc == 3 and out == b"" and word in err and
                      err.count("\n") == 1 and err.startswith("lob2europass: "),
                      f"{name}: want exit 3 and one line naming '{word}': {rc} {err!r}")
        # --out: DIR/NAME.xml
        rc, _, err = run(binary, "extract", "--out", os.path.join(tmp, "o"),
                         os.path.join(pdfdir, "gen1-annotation-CV.xml.pdf"))
        check(rc == 0 and os.path.isfile(os.path.join(tmp, "o", "gen1-annotation-CV.xml.xml")),
              f"extract --out: {rc} {err}")
        # upgrade takes the PDF itself
        rc, out, err = run(binary, "upgrade", os.path.join(pdfdir, "gen1-annotation-CV.xml.pdf"))
        check(rc == 0 and b"<FirstName>Joris</FirstName>" in out and
              b"<XSDVersion>V3.4</XSDVersion>" in out and "from V2.0" in err,
              f"upgrade of a gen1 PDF: {rc} {err}")
        # upgrade --out: a PDF's upgrade is NAME.xml; never over FILE,
        # never two FILEs onto one name
        gen1 = os.path.join(pdfdir, "gen1-annotation-CV.xml.pdf")
        rc, _, err = run(binary, "upgrade", "-q", "--out", os.path.join(tmp, "u"), gen1)
        check(rc == 0 and os.path.isfile(os.path.join(tmp, "u", "gen1-annotation-CV.xml.xml")),
              f"upgrade --out of a PDF: {rc} {err}")
        own = os.path.join(tmp, "u", "gen1-annotation-CV.xml.xml")
        before = open(own, "rb").read()
        rc, _, err = run(binary, "upgrade", "--out", os.path.join(tmp, "u"), own)
        check(rc == 2 and "over the file itself" in err and open(own, "rb").read() == before,
              f"upgrade --out onto FILE itself: {rc} {err}")
        rc, _, err = run(binary, "upgrade", "--out", os.path.join(tmp, "v"), gen1, own)
        check(rc == 2 and "would both be" in err, f"upgrade --out, same name twice: {rc} {err}")
        rc, out, err = run(binary, "upgrade", os.path.join(pdfdir, "gen3-attachment.xml-AF.pdf"))
        check(rc == 3 and "Candidate" in err, f"upgrade of a Candidate PDF: {rc} {err}")
        for name, (data, word) in hostile().items():
            path = os.path.join(tmp, name)
            open(path, "wb").write(data)
            rc, out, err = run(binary, "extract", path)
            check(rc == 3 and out == b"" and err.count("\n") == 1 and
                  err.startswith("lob2europass: " + path) and word in err,
                  f"hostile {name}: want exit 3 and one line naming '{word}': "
                  f"{rc} {err[-400:]!r}")
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
