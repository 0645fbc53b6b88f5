#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""No circles between the files of one room (docs/ARCHITECTURE.md).

house.sh checks the rooms against each other; this checks the files
inside each room (src/util, src/lib/*, src/cli). A file x.c and its
header x.h are one node. An arrow runs from A.c to B.c when A.c names
something that runs in B: a function or a table that B.c defines
without `static`, or an inline function of B.h. Including "b.h" is
the way to such a name, and the arrow; a header that only holds types
(an interface several files implement, like read/reader.h's vtable)
is the shared piece the rule asks for, not an arrow, and a header
shared by several files (legacy_int.h was one) cannot hide the arrows
of the calls behind it.

Every circle is an error, except those in ALLOWED below.

  house_circles.py SOURCE_ROOT    the house; 0 when no circle is left
  house_circles.py --self-test    a circular scratch room must fail
"""
import contextlib
import io
import os
import re
import sys
import tempfile

# Circles that other branches still own, as the files each circle may
# hold. This list may only shrink: an entry that is no longer (part of)
# a circle is an error too, so that it is taken out when it is mended.
ALLOWED = [
]

KEYWORDS = {"static", "typedef", "extern", "struct", "enum", "union",
            "return", "if", "while", "for", "switch", "sizeof"}
IDENT = re.compile(r"[A-Za-z_]\w*")


def strip(text):
    """The C text without comments, strings, characters, preprocessor
    lines (includes are read apart)."""
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    text = re.sub(r'"(\\.|[^"\\\n])*"', '""', text)
    text = re.sub(r"'(\\.|[^'\\\n])*'", "''", text)
    text = re.sub(r"^\s*#(.*\\\n)*.*$", " ", text, flags=re.M)
    return text


def definitions(code):
    """(names a .c file defines for others: functions, tables and
    variables at file scope without `static`; every name it defines at
    file scope, its own namesakes included)."""
    public, every = set(), set()
    depth = 0
    stmt = []
    head = None  # the text before a top-level brace, and whether a body
    for ch in code:
        if depth == 0 and ch in ";{":
            s = "".join(stmt).strip()
            words = IDENT.findall(s)
            name = None
            is_body = False
            if ch == "{" and "(" in s and "=" not in s:
                m = re.search(r"(\w+)\s*\([^()]*(\([^()]*\)[^()]*)*"
                              r"\)\s*$", s)
                if m:
                    name, is_body = m.group(1), True
            elif ch == ";" or "=" in s:
                m = re.match(r"[^=\[(]*?(\w+)\s*(\[[^\]]*\]\s*)*(=|$)", s)
                if m and "(" not in s.split("=")[0]:
                    name = m.group(1)
            if name and name not in KEYWORDS and words and \
                    words[0] != "typedef":
                every.add(name)
                if not {"static", "extern"} & set(words[:3]):
                    public.add(name)
            if ch == "{":
                head = (s, is_body)
            stmt = []
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(depth - 1, 0)
            if depth == 0 and head is not None:
                # after a body the next statement starts afresh; after
                # a struct or an initialiser the statement goes on
                stmt = [] if head[1] else list(head[0] + " {} ")
                head = None
        elif depth == 0:
            stmt.append(ch)
    return public, every


def rooms(root):
    """(room folder, its .c and .h files) for every room of the house."""
    dirs = [os.path.join(root, "src", "util"), os.path.join(root, "src", "cli")]
    lib = os.path.join(root, "src", "lib")
    if os.path.isdir(lib):
        dirs += [os.path.join(lib, d) for d in sorted(os.listdir(lib))]
    for d in dirs:
        if os.path.isdir(d):
            files = sorted(f for f in os.listdir(d) if f.endswith((".c", ".h")))
            yield d, files


def arrows(room, files):
    """{node: {node: why}} for one room; a node is a .c file's stem."""
    text = {}
    for f in files:
        with open(os.path.join(room, f), encoding="utf-8",
                  errors="replace") as fh:
            text[f] = fh.read()
    units = {f[:-2] for f in files if f.endswith(".c")}

    # What runs in a unit and may be called from elsewhere: what x.c
    # defines without `static`, and the inline functions of x.h.
    defs = {}
    for u in units:
        public, every = definitions(strip(text[u + ".c"]))
        if u + ".h" in text:
            h = strip(text[u + ".h"])
            public |= set(re.findall(r"\binline\b[^;{(]*?\b(\w+)\s*\(", h))
        defs[u] = (public, every)
    out = {u: {} for u in units}
    for u in units:
        # a name the file defines itself is its own, not another's
        used = set(IDENT.findall(strip(text[u + ".c"]))) - defs[u][1]
        for v in sorted(units - {u}):
            common = sorted(used & defs[v][0])
            if common:
                out[u][v] = "uses " + ", ".join(common[:4])
    return out


def circles(graph):
    """The strongly connected parts of more than one node (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def check(root):
    sys.setrecursionlimit(10000)
    bad = 0
    seen_allowed = set()
    for room, files in rooms(root):
        graph = arrows(room, files)
        rel = os.path.relpath(room, root)
        for part in circles(graph):
            paths = {os.path.join(rel, p + ".c") for p in part}
            allowed = [i for i, a in enumerate(ALLOWED) if paths <= a]
            if allowed:
                seen_allowed.add(allowed[0])
                continue
            bad += 1
            print("%s: the files %s call each other in a circle "
                  "(docs/ARCHITECTURE.md: move the shared piece into a "
                  "file of its own, or turn an arrow round)"
                  % (rel, ", ".join(p + ".c" for p in part)))
            for p in part:
                for q in sorted(graph[p]):
                    if q in part:
                        print("  %s.c -> %s.c: %s" % (p, q, graph[p][q]))
    for i, a in enumerate(ALLOWED):
        if i not in seen_allowed:
            bad += 1
            print("tests/lint/house_circles.py: the allowed circle %s is "
                  "mended: take it out of ALLOWED" % ", ".join(sorted(a)))
    return bad


def self_test():
    """A scratch house: a circle through a shared header, a circle
    through a header's inline function, a plugin table with its plugins
    (an interface header, no circle), a clean room and the allowed
    circles. Exactly the two circles must be found, and an allowed
    circle that is gone must be reported. The scratch house has its own
    allowed circle, so the test holds however short ALLOWED becomes."""
    global ALLOWED
    kept, ALLOWED = ALLOWED, [{"src/lib/okay/p.c", "src/lib/okay/q.c"}]
    try:
        return scratch_test()
    finally:
        ALLOWED = kept


def scratch_test():
    with tempfile.TemporaryDirectory() as root:
        def put(path, body):
            full = os.path.join(root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as fh:
                fh.write(body)
        put("src/lib/loop/shared.h", "int l2e__a(void);\nint l2e__b(void);\n")
        put("src/lib/loop/a.c", '#include "loop/shared.h"\n'
            "int l2e__a(void)\n{\n\treturn l2e__b();\n}\n")
        put("src/lib/loop/b.c", '#include "loop/shared.h"\n'
            "int l2e__b(void)\n{\n\treturn l2e__a() + 1; /* l2e__c */\n}\n")
        put("src/lib/line/c.h", "int l2e__c(void);\n")
        put("src/lib/line/c.c", '#include "line/c.h"\n'
            "int l2e__c(void)\n{\n\treturn 1;\n}\n")
        put("src/lib/line/d.c", '#include "line/c.h"\n'
            'static const char *s = "l2e__d";\n'
            "int l2e__d(void)\n{\n\treturn l2e__c();\n}\n")
        put("src/lib/inl/x.h", "static inline int x_worse(int a)\n"
            "{\n\treturn a + 1;\n}\nint x_run(void);\n")
        put("src/lib/inl/x.c", '#include "inl/x.h"\n#include "inl/y.h"\n'
            "int x_run(void)\n{\n\treturn y_add();\n}\n")
        put("src/lib/inl/y.h", "int y_add(void);\n")
        put("src/lib/inl/y.c", '#include "inl/x.h"\n'
            "int y_add(void)\n{\n\treturn x_worse(1);\n}\n")
        put("src/lib/plug/table.h", "typedef struct plug { int (*run)(void);"
            " } plug;\nextern const plug plug_one;\n"
            "const plug *plug_find(int i);\n")
        put("src/lib/plug/table.c", '#include "plug/table.h"\n'
            "const plug *plug_find(int i)\n{\n\treturn i ? 0 : "
            "&plug_one;\n}\n")
        put("src/lib/plug/one.c", '#include "plug/table.h"\n'
            "static int run(void)\n{\n\treturn 1;\n}\n"
            "const plug plug_one = { run };\n")
        for allowed in ALLOWED:
            names = sorted(allowed)
            for i, p in enumerate(names):
                nxt = os.path.basename(names[(i + 1) % len(names)])[:-2]
                put(p, "int f_%s(void);\nint f_%s(void)\n{\n\treturn "
                    "f_%s();\n}\n" % (nxt, os.path.basename(p)[:-2], nxt))
        said = io.StringIO()
        with contextlib.redirect_stdout(said):
            bad = check(root)
        lines = said.getvalue().splitlines()
        found = [x for x in lines if not x.startswith(" ")]
        ok = (bad == 2 and len(found) == 2
              and found[0].startswith("src/lib/inl: the files x.c, y.c ")
              and found[1].startswith("src/lib/loop: the files a.c, b.c "))
        # an allowed circle that is mended must be reported
        os.remove(os.path.join(root, sorted(ALLOWED[0])[1]))
        with contextlib.redirect_stdout(io.StringIO()):
            ok = ok and check(root) == 3
    print("self-test: %s" % ("passed" if ok else "FAILED:\n" +
                               "\n".join(lines)))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        sys.exit(self_test())
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(1 if check(sys.argv[1]) else 0)
