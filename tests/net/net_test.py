#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Fetch, delivery, SHA256SUMS, signatures and `verify` (issue 8).

Every server is started here, on 127.0.0.1: a plain HTTP server (the
CLI needs --allow-http for it) and an HTTPS server whose certificate is
signed by a throwaway CA made with the `openssl` command. The servers
record what they receive, so the tests check both what the CLI printed
and what went over the wire. Keys for signing are made here too, and
signatures are checked with the stock `openssl` commands the README
shows.

    net_test.py BINARY SRC_ROOT
"""
import hashlib
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BIN = SRC = TMP = None
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1751526900")
for v in ("LOB2EUROPASS_AUTH", "LOB2EUROPASS_DELIVER_AUTH", "http_proxy",
          "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
    ENV.pop(v, None)
TOKEN = "s3cr3t-T0KEN-d0-not-l0g"
QUERY_SECRET = "apikey-QU3RY-s3cr3t"
results = []


def student(i):
    return {
        "primaryCode": {"codeType": "student_number", "code": "%07d" % i},
        "givenName": "Student", "surname": "Voorbeeld%d" % i,
        "consent": {"europassExport": True},
        "programmes": [{"name": [{"language": "nl-NL", "value": "Kok"}],
                        "level": "secondary_vocational_education_2",
                        "startDate": "2024-08-01", "state": "active"}],
    }


LK_PROGRAMMES = {"p-kok": "Kok", "p-kap": "Kapper", "p/raar id": "Raar"}


def lookup_page(n):
    """Students whose enrolments name programmes by id, in 3 pages: the
    same programmes again and again, one unknown id (p-weg)."""
    ids = [["p-kok", "p-kap"], ["p-kok"], ["p-kap", "p/raar id"],
           ["p-kok"], ["p-weg"], ["p-kap"]]
    items = []
    for k in range(2):
        i = (n - 1) * 2 + k
        items.append({"nr": "%07d" % (300 + i), "sn": "Opzoek%d" % i,
                      "enrolments": [{"programmeId": x} for x in ids[i]]})
    return json.dumps({"pageNumber": n, "hasNextPage": n < 3,
                       "items": items}).encode()


PAGES = 3
PER_PAGE = 2


def page(n, link_next=None):
    body = {"pageSize": PER_PAGE, "pageNumber": n,
            "hasNextPage": n < PAGES,
            "items": [student(100 + (n - 1) * PER_PAGE + k)
                      for k in range(PER_PAGE)]}
    if link_next is not None:
        body["_links"] = {"next": {"href": link_next} if link_next else None}
    return json.dumps(body).encode()


class State:
    """What the servers saw, reset by each test."""

    def __init__(self):
        self.lock = threading.Lock()
        self.reset()

    def reset(self):
        with self.lock:
            self.requests = []   # (method, path, headers dict, body, time)
            self.counters = {}

    def add(self, *req):
        with self.lock:
            self.requests.append(req)

    def bump(self, key):
        with self.lock:
            self.counters[key] = self.counters.get(key, 0) + 1
            return self.counters[key]

    def paths(self, prefix=""):
        return [r[1] for r in self.requests if r[1].startswith(prefix)]


STATE = State()
PORTS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def json(self, body):
        self.send(200, body, {"Content-Type": "application/json"})

    def do_GET(self):
        u = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(u.query))
        STATE.add("GET", self.path, dict(self.headers), b"", time.time())
        p = u.path
        if p == "/pages":          # page numbers, bearer token needed
            if self.headers.get("Authorization") != "Bearer " + TOKEN:
                return self.send(401, b"{}")
            return self.json(page(int(q.get("pageNumber", "1"))))
        if p == "/basic-pages":
            want = "Basic " + __import__("base64").b64encode(
                b"koppeling:w8woord").decode()
            if self.headers.get("Authorization") != want:
                return self.send(401, b"{}")
            return self.json(page(int(q.get("pageNumber", "1"))))
        if p.startswith("/linked/"):  # next links, relative
            n = int(p.rsplit("/", 1)[1])
            return self.json(page(n, "/linked/%d" % (n + 1)
                                  if n < PAGES else ""))
        if p == "/next-elsewhere":
            return self.json(page(1, "http://localhost:%d/linked/2"
                                  % PORTS["http"]))
        if p == "/loop":
            return self.send(302, b"", {"Location": "/loop"})
        if p == "/to-file":
            return self.send(302, b"", {"Location": "file:///etc/passwd"})
        if p == "/to-http":
            return self.send(302, b"", {
                "Location": "http://127.0.0.1:%d/one" % PORTS["http"]})
        if p == "/elsewhere":    # same server, another host name
            return self.send(302, b"", {
                "Location": "http://localhost:%d/one" % PORTS["http"]})
        if p == "/one":
            return self.json(page(PAGES))
        if p == "/no-flag":
            body = json.loads(page(1))
            del body["hasNextPage"]
            return self.json(json.dumps(body).encode())
        if p == "/flaky":
            if STATE.bump("flaky") == 1:
                return self.send(500, b"oops")
            return self.json(page(PAGES))
        if p == "/busy":
            if STATE.bump("busy") == 1:
                return self.send(429, b"", {"Retry-After": "2"})
            return self.json(page(PAGES))
        if p == "/always-500":
            return self.send(500, b"down")
        if p == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            chunk = b"[" + b" " * 65535
            try:
                while True:
                    self.wfile.write(chunk)
            except OSError:
                return
        if p == "/hang":
            time.sleep(20)
            return
        if p.startswith("/ooapi/"):   # the OOAPI samples as the API
            return self.ooapi(p)
        if p == "/lk/students":   # look-ups: programmes by id (issue 16)
            n = int(q.get("pageNumber", "1"))
            return self.json(lookup_page(n))
        if p.startswith("/lk/programmes/"):
            pid = urllib.parse.unquote(p.rsplit("/", 1)[1])
            if pid not in LK_PROGRAMMES:
                return self.send(404, b"{}")
            return self.json(json.dumps(
                {"programmeId": pid, "name": [{"language": "nl-NL",
                 "value": LK_PROGRAMMES[pid]}]}).encode())
        return self.send(404, b"")

    def ooapi(self, p):
        """samples/ooapi-vN/ served as the API serves it: the persons
        collection made of the person files, a person's association
        collections, and each referred object by id."""
        parts = p.strip("/").split("/")   # ooapi, v6, persons, ...
        root = os.path.join(SRC, "samples", "ooapi-" + parts[1])
        rest = parts[2:]

        def send_file(path):
            if not os.path.isfile(path):
                return self.send(404, b"{}")
            with open(path, "rb") as f:
                return self.json(f.read())
        if rest == ["persons"]:
            items = []
            for n in sorted(os.listdir(root)):
                if n.startswith("persons-") and n.count("-") == 5:
                    with open(os.path.join(root, n)) as f:
                        items.append(json.load(f))
            return self.json(json.dumps(
                {"pageSize": 100, "pageNumber": 1, "hasPreviousPage": False,
                 "hasNextPage": False, "items": items}).encode())
        if len(rest) == 3 and rest[0] == "persons":
            path = os.path.join(root, "persons-%s-%s.json" % (rest[1], rest[2]))
            if not os.path.isfile(path):   # no associations: an empty page
                return self.json(b'{"pageSize": 100, "pageNumber": 1, '
                                 b'"hasNextPage": false, "items": []}')
            return send_file(path)
        if len(rest) == 2 and "." not in rest[1]:
            return send_file(os.path.join(root, rest[0], rest[1] + ".json"))
        return self.send(404, b"{}")

    def read_body(self):
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n) if n else b""

    def do_POST(self):
        body = self.read_body()
        STATE.add("POST", self.path, dict(self.headers), body, time.time())
        if self.path.startswith("/deliver-fail"):
            return self.send(500, b"")
        return self.send(201, b"")

    def do_PUT(self):
        body = self.read_body()
        STATE.add("PUT", self.path, dict(self.headers), body, time.time())
        return self.send(201, b"")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def start(tls_context=None):
    srv = Server(("127.0.0.1", 0), Handler)
    if tls_context:
        srv.socket = tls_context.wrap_socket(srv.socket, server_side=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def openssl(*args):
    subprocess.run(["openssl"] + list(args), check=True,
                   capture_output=True, cwd=TMP)


def make_ca_and_cert():
    """A throwaway CA and a certificate for 127.0.0.1 signed by it."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=lob2europass test CA", "-keyout", "ca.key",
            "-out", "ca.pem", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", "srv.key", "-out", "srv.csr")
    with open(os.path.join(TMP, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n"
                "extendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "srv.csr", "-CA", "ca.pem", "-CAkey",
            "ca.key", "-CAcreateserial", "-days", "2", "-out", "srv.pem",
            "-extfile", "ext.cnf")
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(TMP, "srv.pem"),
                        os.path.join(TMP, "srv.key"))
    return ctx


def mapping(paging):
    """The koerskaart-json mapping with a paging section."""
    with open(os.path.join(SRC, "mappings", "koerskaart-json.json")) as f:
        m = json.load(f)
    if paging:
        m["source"]["paging"] = paging
    d = os.path.join(TMP, "mappings")
    os.makedirs(d, exist_ok=True)
    if not os.path.exists(os.path.join(d, "codelists")):
        os.symlink(os.path.join(SRC, "mappings", "codelists"),
                   os.path.join(d, "codelists"))
    path = os.path.join(d, "m%d.json" % len(os.listdir(d)))
    with open(path, "w") as f:
        json.dump(m, f)
    return path


def run(args, env=None, timeout=120):
    t0 = time.time()
    p = subprocess.run([BIN] + args, capture_output=True, text=True,
                       env=env or ENV, timeout=timeout)
    p.seconds = time.time() - t0
    return p


def fresh(name):
    d = os.path.join(TMP, name)
    shutil.rmtree(d, ignore_errors=True)
    return d


def docs(d):
    return sorted(n for n in os.listdir(d) if n.endswith(".europass.xml"))


def everything_written(d, p, extra=()):
    """All that a run left: its output, messages and files."""
    text = p.stdout + p.stderr
    for root, _, names in os.walk(d):
        for n in names:
            with open(os.path.join(root, n), "rb") as f:
                text += n + f.read().decode("utf-8", "replace")
    for path in extra:
        with open(path) as f:
            text += f.read()
    return text


def case(fn):
    def wrapped():
        STATE.reset()
        try:
            fn()
            results.append((fn.__name__, None))
        except AssertionError as e:
            results.append((fn.__name__, str(e) or "assertion failed"))
    wrapped.__name__ = fn.__name__
    CASES.append(wrapped)
    return fn


CASES = []
PAGING = {"page_parameter": "pageNumber", "has_next_page": "hasNextPage",
          "page_size_parameter": "pageSize", "page_size": PER_PAGE}


def http_url(path):
    return "http://127.0.0.1:%d%s" % (PORTS["http"], path)


def https_url(path):
    return "https://127.0.0.1:%d%s" % (PORTS["https"], path)


def auth_file(text):
    path = os.path.join(TMP, "auth-%d" % len(os.listdir(TMP)))
    with open(path, "w") as f:
        f.write(text + "\n")
    os.chmod(path, 0o600)
    return path


# ---- Fetch ----

@case
def plain_http_refused_by_default():
    out = fresh("o-http")
    p = run(["convert", "-m", mapping(PAGING), "-o", out,
             http_url("/pages")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "only https://" in p.stderr, p.stderr
    assert not STATE.requests, "a request went out"


@case
def pages_by_number_with_bearer_token_never_logged():
    out = fresh("o-pages")
    report = os.path.join(TMP, "pages-report.json")
    p = run(["convert", "-m", mapping(PAGING), "-o", out, "--allow-http",
             "--auth-file", auth_file("bearer " + TOKEN), "--report",
             report, "--log-format", "json",
             http_url("/pages?" + urllib.parse.urlencode(
                 {"apikey": QUERY_SECRET}))])
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert len(docs(out)) == PAGES * PER_PAGE, docs(out)
    got = [dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(x).query))
           for x in STATE.paths("/pages")]
    assert [g.get("pageNumber") for g in got] == ["1", "2", "3"], got
    assert all(g.get("pageSize") == str(PER_PAGE) and
               g.get("apikey") == QUERY_SECRET for g in got), got
    assert all(r[2].get("Authorization") == "Bearer " + TOKEN
               for r in STATE.requests)
    text = everything_written(out, p, [report])
    assert TOKEN not in text, "the token was written somewhere"
    assert QUERY_SECRET not in text, "the URL's query was written somewhere"
    with open(report) as f:
        rep = json.load(f)
    assert rep["totals"]["converted"] == PAGES * PER_PAGE, rep["totals"]


@case
def pages_by_link():
    out = fresh("o-links")
    p = run(["convert", "-m", mapping({"next_link": "_links.next.href"}),
             "-o", out, "--allow-http", http_url("/linked/1")])
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert STATE.paths() == ["/linked/1", "/linked/2", "/linked/3"], \
        STATE.paths()
    assert len(docs(out)) == PAGES * PER_PAGE


@case
def basic_auth_from_environment():
    out = fresh("o-basic")
    env = dict(ENV, LOB2EUROPASS_AUTH="basic koppeling:w8woord")
    p = run(["convert", "-m", mapping(PAGING), "-o", out, "--allow-http",
             http_url("/basic-pages")], env=env)
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert "w8woord" not in everything_written(out, p)
    assert len(docs(out)) == PAGES * PER_PAGE


@case
def http_error_fails_without_retry():
    out = fresh("o-401")
    p = run(["convert", "-m", mapping(PAGING), "-o", out, "--allow-http",
             http_url("/pages")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "GET failed: HTTP status 401\n" in p.stderr, p.stderr
    assert len(STATE.requests) == 1, "a 401 was retried"


@case
def redirect_limit():
    p = run(["convert", "-m", mapping(None), "--allow-http",
             http_url("/loop")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "more than 3 redirects" in p.stderr, p.stderr
    assert len(STATE.paths("/loop")) == 4, STATE.paths()


@case
def redirect_to_file_refused():
    p = run(["convert", "-m", mapping(None), "--allow-http",
             http_url("/to-file")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "another protocol" in p.stderr, p.stderr
    assert "root:" not in p.stdout


@case
def credentials_stay_with_their_host():
    out = fresh("o-elsewhere")
    p = run(["convert", "-m", mapping(None), "-o", out, "--allow-http",
             "--auth-file", auth_file("bearer " + TOKEN),
             http_url("/elsewhere")])
    assert p.returncode == 0, (p.returncode, p.stderr)
    first, second = STATE.requests
    assert first[2].get("Authorization") == "Bearer " + TOKEN
    assert "Authorization" not in second[2], "token sent to another host"


@case
def next_link_to_another_server_refused():
    p = run(["convert", "-m", mapping({"next_link": "_links.next.href"}),
             "-o", fresh("o-nextelse"), "--allow-http",
             http_url("/next-elsewhere")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "leads to another server" in p.stderr, p.stderr
    assert STATE.paths() == ["/next-elsewhere"], STATE.paths()


@case
def page_without_its_flag_is_an_error():
    p = run(["convert", "-m", mapping(PAGING), "-o", fresh("o-noflag"),
             "--allow-http", http_url("/no-flag")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "no true/false at \"hasNextPage\"" in p.stderr, p.stderr
    assert "(page 1)" in p.stderr, p.stderr


@case
def server_error_then_success_is_retried():
    out = fresh("o-flaky")
    p = run(["convert", "-m", mapping(None), "-o", out, "--allow-http",
             http_url("/flaky")])
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert len(STATE.paths("/flaky")) == 2, STATE.paths()
    t = [r[4] for r in STATE.requests]
    assert t[1] - t[0] >= 0.9, "no backoff before the retry"
    assert len(docs(out)) == PER_PAGE


@case
def too_many_requests_honours_retry_after():
    out = fresh("o-busy")
    p = run(["convert", "-m", mapping(None), "-o", out, "--allow-http",
             http_url("/busy")])
    assert p.returncode == 0, (p.returncode, p.stderr)
    t = [r[4] for r in STATE.requests]
    assert len(t) == 2 and t[1] - t[0] >= 1.9, t


@case
def retries_give_up():
    p = run(["convert", "-m", mapping(None), "--allow-http", "--retries",
             "1", http_url("/always-500")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "HTTP status 500 (2 attempts)" in p.stderr, p.stderr
    assert len(STATE.requests) == 2


@case
def endless_body_hits_the_size_limit():
    p = run(["convert", "-m", mapping(None), "--allow-http",
             http_url("/endless")], timeout=60)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "larger than max_response_bytes" in p.stderr, p.stderr


@case
def hung_server_times_out():
    p = run(["convert", "-m", mapping(None), "--allow-http", "--timeout",
             "2", "--retries", "0", http_url("/hang")], timeout=60)
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "timed out" in p.stderr, p.stderr
    assert p.seconds < 10, p.seconds


@case
def self_signed_certificate_refused():
    p = run(["convert", "-m", mapping(None), https_url("/one")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "not trusted" in p.stderr, p.stderr


@case
def private_ca_with_cacert():
    out = fresh("o-tls")
    p = run(["convert", "-m", mapping(PAGING), "-o", out, "--cacert",
             os.path.join(TMP, "ca.pem"), "--auth-file",
             auth_file("bearer " + TOKEN), https_url("/pages")])
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert len(docs(out)) == PAGES * PER_PAGE


@case
def https_redirect_to_http_refused():
    p = run(["convert", "-m", mapping(None), "--allow-http", "--cacert",
             os.path.join(TMP, "ca.pem"), https_url("/to-http")])
    assert p.returncode == 3, (p.returncode, p.stderr)
    assert "another protocol" in p.stderr, p.stderr
    assert not STATE.paths("/one"), "followed to http://"


# ---- Look-ups (issue 16) ----

def lookup_mapping(url="programmes/{id}"):
    m = {"lob2europass_mapping": 1, "name": "lookup-test",
         "lookups": {"programmes": {"url": url, "max_requests": 10}},
         "source": {"format": "json", "records": "items",
                    "paging": {"page_parameter": "pageNumber",
                               "has_next_page": "hasNextPage"}},
         "dossier": {"key": "nr"},
         "profile": {"person": {"surname": "sn"},
                     "education": {"each": "enrolments", "fields": {
                         "title": {"path":
                                   "$lookup(programmes, programmeId)"
                                   ".name[0].value", "required": True}}}}}
    d = os.path.join(TMP, "mappings")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "lk%d.json" % len(os.listdir(d)))
    with open(path, "w") as f:
        json.dump(m, f)
    return path


@case
def lookups_by_url_fetch_each_programme_once():
    out = fresh("o-lookup")
    p = run(["convert", "-m", lookup_mapping(), "-o", out, "--jobs", "3",
             "--cacert", os.path.join(TMP, "ca.pem"), "--auth-file",
             auth_file("bearer " + TOKEN), https_url("/lk/students")])
    # the student with the unknown programme is rejected: exit 1
    assert p.returncode == 1, (p.returncode, p.stderr)
    got = sorted(STATE.paths("/lk/programmes/"))
    assert got == ["/lk/programmes/p%2Fraar%20id", "/lk/programmes/p-kap",
                   "/lk/programmes/p-kok", "/lk/programmes/p-weg"], got
    assert all(r[2].get("Authorization") == "Bearer " + TOKEN
               for r in STATE.requests), "look-ups without credentials"
    assert len(docs(out)) == 5, docs(out)
    with open(os.path.join(out, "0000302.europass.xml")) as f:
        xml = f.read()
    assert "<Title>Kapper</Title>" in xml and "<Title>Raar</Title>" in xml
    assert 'look-up "programmes" of id "p-weg"' in p.stderr, p.stderr
    assert "404" in p.stderr, p.stderr
    assert TOKEN not in p.stderr


@case
def lookups_by_url_stop_at_max_requests():
    m = lookup_mapping()
    with open(m) as f:
        mj = json.load(f)
    mj["lookups"]["programmes"]["max_requests"] = 2
    with open(m, "w") as f:
        json.dump(mj, f)
    p = run(["convert", "-m", m, "-o", fresh("o-lkmax"), "--cacert",
             os.path.join(TMP, "ca.pem"), https_url("/lk/students")])
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert len(STATE.paths("/lk/programmes/")) == 2, STATE.paths()
    assert "more than max_requests (2)" in p.stderr, p.stderr


@case
def lookup_urls_stay_on_the_input_server():
    p = run(["mapping", "check",
             lookup_mapping("https://example.org/programmes/{id}")])
    assert p.returncode == 4 and "relative to the input URL" in p.stderr, \
        p.stderr


@case
def ooapi_by_url_with_lookups_fetches_each_programme_once():
    """The OOAPI samples fetched from a loopback HTTPS API give the same
    documents as the sample folders; every programme (and every other
    object) is fetched once, with the input's credentials."""
    for v, coll in (("v6", "programmes"), ("v5", "programs")):
        STATE.reset()
        out = fresh("o-ooapi-" + v)
        p = run(["convert", "-m", os.path.join(SRC, "mappings",
                                               "ooapi-%s.json" % v),
                 "-o", out, "--jobs", "2", "--cacert",
                 os.path.join(TMP, "ca.pem"), "--auth-file",
                 auth_file("bearer " + TOKEN),
                 https_url("/ooapi/%s/persons?consumer=lob2europass" % v)])
        assert p.returncode == 0, (v, p.returncode, p.stderr)
        assert "1 skipped" in p.stderr, p.stderr
        paths = STATE.paths("/ooapi/%s/" % v)
        progs = [x for x in paths if x.startswith("/ooapi/%s/%s/" % (v, coll))]
        assert len(progs) == 2 and len(set(progs)) == 2, paths
        assert len(paths) == len(set(paths)), "fetched twice: %s" % paths
        assert not [x for x in paths if "d003" in x], \
            "a student without consent was looked up"
        assert all(r[2].get("Authorization") == "Bearer " + TOKEN
                   for r in STATE.requests)
        want = os.path.join(SRC, "samples", "ooapi-" + v, "expected")
        for name in sorted(os.listdir(want)):
            if name.endswith(".xml"):
                with open(os.path.join(want, name), "rb") as f, \
                        open(os.path.join(out, name), "rb") as g:
                    assert f.read() == g.read(), (v, name, "differs")
        assert docs(out) == sorted(n for n in os.listdir(want)
                                   if n.endswith(".xml")), docs(out)


# ---- Deliver ----

def export_file():
    path = os.path.join(TMP, "students.ndjson")
    with open(path, "w") as f:
        for i in range(3):
            f.write(json.dumps(student(200 + i)) + "\n")
    return path


def sha(b):
    return hashlib.sha256(b).hexdigest()


@case
def deliver_post_with_media_type_and_idempotency_key():
    out = fresh("o-deliver")
    p = run(["convert", "-m", mapping(None), "-o", out, "-t",
             "europass-xml,europass-json", "--allow-http", "--deliver",
             http_url("/deliver/{file}"), "--deliver-auth-file",
             auth_file("bearer " + TOKEN), export_file()])
    assert p.returncode == 0, (p.returncode, p.stderr)
    posts = [r for r in STATE.requests if r[0] == "POST"]
    assert len(posts) == 6, len(posts)
    for _, path, headers, body, _ in posts:
        name = path.rsplit("/", 1)[1]
        with open(os.path.join(out, name), "rb") as f:
            assert f.read() == body, name + " differs from what was sent"
        want = "application/json" if name.endswith(".json") \
            else "application/xml"
        assert headers.get("Content-Type") == want, headers
        assert headers.get("Idempotency-Key") == sha(body), headers
        assert headers.get("Authorization") == "Bearer " + TOKEN
    assert TOKEN not in everything_written(out, p)


@case
def deliver_put_appends_the_name():
    out = fresh("o-put")
    p = run(["convert", "-m", mapping(None), "-o", out, "--allow-http",
             "--deliver", http_url("/store/"), "--deliver-method", "put",
             export_file()])
    assert p.returncode == 0, (p.returncode, p.stderr)
    assert sorted(r[1] for r in STATE.requests if r[0] == "PUT") == \
        ["/store/" + n for n in docs(out)], STATE.paths()


@case
def failed_delivery_is_reported_and_files_stay():
    out = fresh("o-dfail")
    report = os.path.join(TMP, "dfail.json")
    p = run(["convert", "-m", mapping(None), "-o", out, "--allow-http",
             "--retries", "1", "--report", report, "--deliver",
             http_url("/deliver-fail"), export_file()])
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "not delivered" in p.stderr, p.stderr
    assert len(docs(out)) == 3, "a file was removed"
    assert len(STATE.requests) == 6, "not retried once per document"
    with open(report) as f:
        rep = json.load(f)
    bad = [d for d in rep["dossiers"] if d["status"] == "error"]
    assert len(bad) == 3, rep
    assert all(d["outputs"] for d in bad), "files not listed"
    assert all("not delivered" in json.dumps(d) for d in bad)


@case
def deliver_needs_out_dir_and_a_put_address():
    p = run(["convert", "-m", mapping(None), "--deliver",
             http_url("/x"), export_file()])
    assert p.returncode == 2 and "--out DIR" in p.stderr, p.stderr
    p = run(["convert", "-m", mapping(None), "-o", fresh("o-putbad"),
             "--deliver", http_url("/x"), "--deliver-method", "put",
             export_file()])
    assert p.returncode == 2 and "{file}" in p.stderr, p.stderr
    assert not STATE.requests


# ---- Integrity ----

def convert_signed(name, key):
    out = fresh(name)
    args = ["convert", "-m", mapping(None), "-o", out, "-t",
            "europass-xml,europass-json", export_file()]
    if key:
        args += ["--sign-key", key]
    p = run(args)
    assert p.returncode == 0, (p.returncode, p.stderr)
    return out


@case
def sha256sums_checks_with_sha256sum():
    out = convert_signed("o-sums", None)
    with open(os.path.join(out, "SHA256SUMS")) as f:
        lines = f.read().splitlines()
    assert len(lines) == 6, lines
    assert [ln[66:] for ln in lines] == sorted(
        n for n in os.listdir(out) if n.endswith(".json") or
        n.endswith(".xml")), lines
    c = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out,
                       capture_output=True, text=True)
    assert c.returncode == 0, c.stdout + c.stderr
    assert not os.path.exists(os.path.join(out, "SHA256SUMS.sig"))


def keypair(kind):
    key = os.path.join(TMP, kind + ".key")
    pub = os.path.join(TMP, kind + ".pub")
    if kind == "ed25519":
        openssl("genpkey", "-algorithm", "ed25519", "-out", key)
    else:
        openssl("genpkey", "-algorithm", "rsa", "-pkeyopt",
                "rsa_keygen_bits:2048", "-out", key)
    openssl("pkey", "-in", key, "-pubout", "-out", pub)
    return key, pub


@case
def ed25519_signature_checks_with_openssl():
    key, pub = keypair("ed25519")
    out = convert_signed("o-ed", key)
    c = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin",
                        "-inkey", pub, "-rawin", "-in", "SHA256SUMS",
                        "-sigfile", "SHA256SUMS.sig"], cwd=out,
                       capture_output=True, text=True)
    assert c.returncode == 0, c.stdout + c.stderr
    v = run(["verify", out, "--pubkey", pub])
    assert v.returncode == 0, (v.returncode, v.stdout, v.stderr)
    assert "SHA256SUMS.sig: OK" in v.stdout, v.stdout


@case
def rsa_pss_signature_checks_with_openssl():
    key, pub = keypair("rsa")
    out = convert_signed("o-rsa", key)
    c = subprocess.run(["openssl", "dgst", "-sha256", "-sigopt",
                        "rsa_padding_mode:pss", "-sigopt",
                        "rsa_pss_saltlen:32", "-verify", pub, "-signature",
                        "SHA256SUMS.sig", "SHA256SUMS"], cwd=out,
                       capture_output=True, text=True)
    assert c.returncode == 0 and "Verified OK" in c.stdout, \
        c.stdout + c.stderr
    v = run(["verify", out, "--pubkey", pub])
    assert v.returncode == 0, (v.returncode, v.stdout, v.stderr)


@case
def verify_finds_a_changed_byte_a_missing_file_and_a_wrong_key():
    key, pub = keypair("ed25519")
    other_key, other_pub = keypair("rsa")
    out = convert_signed("o-verify", key)
    names = docs(out)
    v = run(["verify", out])
    assert v.returncode == 0, (v.stdout, v.stderr)
    assert "not checked" in v.stderr, "unchecked signature not mentioned"
    path = os.path.join(out, names[0])
    with open(path, "r+b") as f:
        b = f.read(1)
        f.seek(0)
        f.write(bytes([b[0] ^ 1]))
    os.unlink(os.path.join(out, names[1]))
    v = run(["verify", out, "--pubkey", pub])
    assert v.returncode == 1, (v.returncode, v.stdout)
    assert names[0] + ": FAILED" in v.stdout, v.stdout
    assert names[1] + ": MISSING" in v.stdout, v.stdout
    assert names[2] + ": OK" in v.stdout, v.stdout
    assert "SHA256SUMS.sig: OK" in v.stdout, v.stdout
    v = run(["verify", out, "--pubkey", other_pub])
    assert v.returncode == 1 and "SHA256SUMS.sig: FAILED" in v.stdout, \
        v.stdout
    # a list changed to match a changed file no longer matches its signature
    sums = os.path.join(out, "SHA256SUMS")
    with open(sums) as f:
        text = f.read()
    with open(path, "rb") as f:
        text = text.replace(text[:64], sha(f.read()), 1)
    with open(sums, "w") as f:
        f.write(text)
    v = run(["verify", out, "--pubkey", pub])
    assert v.returncode == 1 and "SHA256SUMS.sig: FAILED" in v.stdout, \
        v.stdout


@case
def verify_reads_no_file_outside_the_folder():
    out = fresh("o-evil")
    os.makedirs(out)
    h = "0" * 64
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        f.write("%s  ../students.ndjson\n%s  /etc/passwd\n%s  .\n"
                "not a line\n%s  sub/x\n" % (h, h, h, h))
    export_file()
    v = run(["verify", out])
    assert v.returncode == 1, (v.returncode, v.stdout, v.stderr)
    assert v.stdout.count("not a line") == 5, v.stdout
    assert "0 documents match, 5 do not" in v.stderr, v.stderr
    v = run(["verify", fresh("o-nosums")])
    assert v.returncode == 3, (v.returncode, v.stderr)


@case
def bad_sign_keys_refused_before_converting():
    out = fresh("o-badkey")
    enc = os.path.join(TMP, "enc.key")
    openssl("genpkey", "-algorithm", "ed25519", "-aes256", "-pass",
            "pass:geheim", "-out", enc)
    p = run(["convert", "-m", mapping(None), "-o", out, "--sign-key", enc,
             export_file()])
    assert p.returncode == 2 and "passphrase" in p.stderr, p.stderr
    assert not os.path.exists(out) or not docs(out)
    p = run(["convert", "-m", mapping(None), "--sign-key", enc,
             export_file()])
    assert p.returncode == 2 and "--out DIR" in p.stderr, p.stderr


def main():
    global BIN, SRC, TMP
    BIN, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not shutil.which("openssl"):
        print("SKIP: no openssl command")
        return 77
    TMP = tempfile.mkdtemp(prefix="l2e-net-")
    try:
        tls = make_ca_and_cert()
        PORTS["http"] = start().server_address[1]
        PORTS["https"] = start(tls).server_address[1]
        only = sys.argv[3:]
        for c in CASES:
            if not only or c.__name__ in only:
                c()
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    failed = [(n, why) for n, why in results if why]
    for n, why in results:
        print("%s %s%s" % ("FAIL" if why else "ok  ", n,
                           ": " + why if why else ""))
    print("%d passed, %d failed" % (len(results) - len(failed), len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
