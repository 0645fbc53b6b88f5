#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""`lob2europass schemas install|status` (issue 18).

The oracle is ../shared/europass: the official v3.4.1 set. Installed
from there (a folder, and the same folder over HTTPS from a server made
here with a throwaway CA) the set must land byte for byte, `status` must
call it complete and `validate` must then say plain "valid". A changed
or missing file must be refused, one line each, with nothing written.

    schemas_test.py BINARY SRC_ROOT
"""
import functools
import hashlib
import http.server
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import threading

BIN, SRC = sys.argv[1], os.path.abspath(sys.argv[2])
SHARED = os.path.join(SRC, "..", "shared", "europass")
GOOD_DOC = os.path.join(SRC, "tests", "golden", "validate-findings",
                        "good.xml")
ENV = dict(os.environ)
for v in ("L2E_SCHEMA_DIR", "XDG_DATA_HOME", "http_proxy", "https_proxy",
          "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    ENV.pop(v, None)
TMP = tempfile.mkdtemp(prefix="l2e-schemas-")
results = []


def run(*args, env=None):
    e = dict(ENV)
    e.update(env or {})
    c = subprocess.run([BIN] + list(args), capture_output=True, text=True,
                       env=e, timeout=120)
    return c.returncode, c.stdout, c.stderr


def check(name, cond, detail=""):
    results.append(cond)
    if not cond:
        print("FAIL: %s %s" % (name, detail))


def set_files(top):
    """Every file of a schema set under top/v3.4.1/{xsd,jsonschema}."""
    out = {}
    for sub in ("xsd", "jsonschema"):
        base = os.path.join(top, "v3.4.1", sub)
        for root, _, files in os.walk(base):
            for f in files:
                p = os.path.join(root, f)
                with open(p, "rb") as fh:
                    out[os.path.relpath(p, top)] = fh.read()
    return out


def leftovers(top):
    return [n for n in os.listdir(top) if n.startswith(".v3.4.1-")] \
        if os.path.isdir(top) else []


def copy_set(name):
    dst = os.path.join(TMP, name)
    shutil.copytree(os.path.join(SHARED, "v3.4.1"),
                    os.path.join(dst, "v3.4.1"))
    for root, dirs, files in os.walk(dst):
        for n in dirs + files:
            os.chmod(os.path.join(root, n), 0o755)
    return dst


def tampered(name, remove=True):
    """A copy with Skill.xsd changed by one comment and one file gone."""
    d = copy_set(name)
    with open(os.path.join(d, "v3.4.1/xsd/Skill.xsd"), "ab") as f:
        f.write(b"<!-- changed -->\n")
    if remove:
        os.remove(os.path.join(d, "v3.4.1/xsd/included/"
                              "EuropassNationalities_V1.7.0.xsd"))
    return d


def refused_lines(err):
    return [l for l in err.splitlines()
            if l.startswith("lob2europass schemas: refused ")]


def test_install_from_folder():
    a = os.path.join(TMP, "a")
    rc, out, err = run("schemas", "install", "--from", SHARED,
                       "--schema-dir", a)
    check("install from ../shared", rc == 0 and "37 files" in out,
          "rc=%d %s%s" % (rc, out, err))
    want = set_files(SHARED)
    got = set_files(a)
    check("the installed set is ../shared's, byte for byte", got == want,
          "differs: %s" % sorted(set(got) ^ set(want) |
                                 {k for k in got if got.get(k) !=
                                  want.get(k)}))
    check("37 files", len(got) == 37, str(len(got)))
    check("no temporary folder left", not leftovers(a), str(leftovers(a)))
    rc, out, err = run("schemas", "status", "--schema-dir", a)
    check("status: installed", rc == 0 and "all 37 files as pinned" in out
          and ("validate reads: " + a) in out, out + err)
    return a


def test_validate_then_valid(a):
    rc, out, err = run("validate", "--require-schema", GOOD_DOC,
                       env={"L2E_SCHEMA_DIR": a})
    check("validate with the installed set: plain valid",
          rc == 0 and ": valid (" in out and "built-in" not in out,
          "rc=%d %s%s" % (rc, out, err))
    rc, out, err = run("validate", "--require-schema", "--schema-dir", a,
                       GOOD_DOC)
    check("validate --schema-dir the installed set", rc == 0
          and ": valid (" in out, out + err)


def test_tampered_refused(a):
    bad = tampered("bad")
    b = os.path.join(TMP, "b")
    rc, out, err = run("schemas", "install", "--from", bad,
                       "--schema-dir", b)
    lines = refused_lines(err)
    check("tampered: exit 1", rc == 1, "rc=%d" % rc)
    check("tampered: one line per refusal", len(lines) == 2
          and "v3.4.1/xsd/Skill.xsd: SHA-256 " in lines[0]
          and "not the pinned bb1e16cb" in lines[0]
          and "EuropassNationalities_V1.7.0.xsd: missing" in lines[1], err)
    check("tampered: says nothing was installed",
          "nothing installed" in err, err)
    check("tampered: nothing half-installed",
          not os.path.exists(os.path.join(b, "v3.4.1"))
          and not leftovers(b), str(os.listdir(b)) if os.path.isdir(b)
          else "")
    # over a good set: the good set stays, whole
    before = set_files(a)
    rc, out, err = run("schemas", "install", "--from", bad,
                       "--schema-dir", a)
    check("tampered over a good set: refused", rc == 1, "rc=%d" % rc)
    check("tampered over a good set: the good set stays",
          set_files(a) == before and not leftovers(a), str(leftovers(a)))
    # the same again from a good source replaces it, leaving nothing old
    rc, out, err = run("schemas", "install", "--from", SHARED,
                       "--schema-dir", a)
    check("reinstall over a set", rc == 0 and set_files(a) == before
          and not leftovers(a), err + str(leftovers(a)))


def test_status_damaged():
    d = os.path.join(TMP, "d")
    run("schemas", "install", "--from", SHARED, "--schema-dir", d)
    with open(os.path.join(d, "v3.4.1/jsonschema/"
                              "Europass_JSONSchema_V3.4.1.json"), "ab") as f:
        f.write(b" ")
    os.remove(os.path.join(d, "v3.4.1/xsd/catalog.xml"))
    rc, out, err = run("schemas", "status", "--schema-dir", d)
    check("status: a changed and a missing file", rc == 1
          and "35 of 37 files as pinned" in out
          and "Europass_JSONSchema_V3.4.1.json: SHA-256 " in out
          and "catalog.xml: missing" in out, out + err)
    rc, out, err = run("schemas", "status", "--schema-dir",
                       os.path.join(TMP, "empty"))
    check("status: not installed", rc == 1 and "not installed" in out,
          out + err)


def test_bad_sources():
    t = os.path.join(TMP, "t")
    rc, out, err = run("schemas", "install", "--from",
                       os.path.join(TMP, "nowhere"), "--schema-dir", t)
    check("--from a folder that is not there: exit 3",
          rc == 3 and "no such folder" in err, err)
    rc, out, err = run("schemas", "install", "--from",
                       os.path.join(SHARED, "v3.4.1"), "--schema-dir", t)
    check("--from the v3.4.1 folder itself: a hint, exit 3",
          rc == 3 and "give the folder that holds v3.4.1/xsd/" in err, err)
    rc, out, err = run("schemas", "install", "--from",
                       "http://127.0.0.1:9/europass", "--schema-dir", t)
    check("--from http://: refused, exit 3",
          rc == 3 and "only https://" in err, err)
    check("bad sources wrote nothing", not os.path.exists(t))
    rc, out, err = run("schemas")
    check("no subcommand: usage", rc == 2, err)
    rc, out, err = run("schemas", "status", "--from", SHARED)
    check("status --from: usage", rc == 2 and "--from" in err, err)


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True,
                   capture_output=True, cwd=TMP)


def tls_context():
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=lob2europass test CA", "-keyout", "ca.key",
            "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "srv.key", "-out", "srv.csr")
    with open(os.path.join(TMP, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey",
            "ca.key", "-CAcreateserial", "-days", "2", "-out", "srv.pem",
            "-extfile", "ext.cnf")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(TMP, "srv.pem"),
                        os.path.join(TMP, "srv.key"))
    return ctx


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder, ctx):
    srv = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test_https():
    try:
        ctx = tls_context()
    except (OSError, subprocess.CalledProcessError) as e:
        print("note: no openssl command, HTTPS cases skipped (%s)" % e)
        return
    good = serve(SHARED, ctx)
    # a file missing over HTTP is a failed GET (exit 3), not a refusal
    bad = serve(tampered("bad-https", remove=False), ctx)
    ca = os.path.join(TMP, "ca.pem")
    h = os.path.join(TMP, "h")
    url = "https://127.0.0.1:%d/" % good.server_address[1]
    rc, out, err = run("schemas", "install", "--from", url, "--schema-dir",
                       h)
    check("HTTPS with an unknown CA: refused, nothing written",
          rc == 3 and not os.path.exists(os.path.join(h, "v3.4.1")), err)
    rc, out, err = run("schemas", "install", "--from", url, "--cacert", ca,
                       "--schema-dir", h)
    check("HTTPS with --cacert: installed",
          rc == 0 and set_files(h) == set_files(SHARED), err)
    url = "https://127.0.0.1:%d" % bad.server_address[1]
    rc, out, err = run("schemas", "install", "--from", url, "--cacert", ca,
                       "--schema-dir", os.path.join(TMP, "hb"))
    lines = refused_lines(err)
    check("HTTPS, tampered: the changed file refused, exit 1",
          rc == 1 and len(lines) == 1 and "Skill.xsd: SHA-256" in lines[0]
          and url in lines[0], err)
    good.shutdown()
    bad.shutdown()


def test_user_folder():
    """validate finds a set in $XDG_DATA_HOME when the data folder has none."""
    x = os.path.join(TMP, "xdg")
    user = os.path.join(x, "lob2europass", "schemas")
    rc, out, err = run("schemas", "status", env={"XDG_DATA_HOME": x})
    if "validate reads: " + user in out:
        return  # cannot happen before the install below
    if rc == 0:
        print("note: the data folder holds a set; user-folder case skipped")
        return
    run("schemas", "install", "--from", SHARED, "--schema-dir", user)
    rc, out, err = run("schemas", "status", env={"XDG_DATA_HOME": x})
    check("status: validate reads the user's folder",
          rc == 0 and ("validate reads: " + user) in out, out + err)
    rc, out, err = run("validate", "--require-schema", GOOD_DOC,
                       env={"XDG_DATA_HOME": x})
    check("validate: the user's set, plain valid",
          rc == 0 and ": valid (" in out, out + err)


def main():
    if not os.path.isfile(os.path.join(SHARED, "v3.4.1", "xsd",
                                       "EuropassSchema.xsd")):
        print("SKIP: no ../shared/europass")
        return 77
    try:
        a = test_install_from_folder()
        test_validate_then_valid(a)
        test_tampered_refused(a)
        test_status_damaged()
        test_bad_sources()
        test_https()
        test_user_folder()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
