#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""The table and ratios of one N of run_bench.sh.

    summarize.py N RESULTS      (lines "round|case|seconds|maxrss_kb")

Per case: median and fastest seconds, dossiers per second, highest peak
RSS. Ratios are of medians; -j2 vs -j1 also per round (lowest, highest).
"""
import statistics
import sys


def main():
    n = int(sys.argv[1])
    cases, per_round = {}, {}
    for line in open(sys.argv[2]):
        rnd, name, secs, rss = line.rstrip("\n").split("|")
        cases.setdefault(name, []).append((float(secs), int(rss)))
        per_round.setdefault(int(rnd), {})[name] = float(secs)
    med = {}
    for name, runs in cases.items():
        secs = [s for s, _ in runs]
        med[name] = statistics.median(secs)
        print("%-40s %7d %7.3f (%6.3f) %11.0f %9.1f" % (
            name, n, med[name], min(secs), n / med[name],
            max(r for _, r in runs) / 1024))

    def pick(prefix):
        return next((v for k, v in med.items() if k.startswith(prefix)),
                    None)

    def scaling(one, two):
        r = [x[one] / x[two] for x in per_round.values()
             if one in x and two in x]
        return "%.2fx (rounds %.2f to %.2f)" % (med[one] / med[two],
                                               min(r), max(r))

    lines = []
    s1, jq, xs = pick("stream: lob2europass -j1"), pick("stream: jq"), \
        pick("stream: xsltproc")
    if s1:
        lines.append("stream -j1: %.1fx jq, %.1fx xsltproc; JSON -j1 %.1fx jq"
                     % (jq / s1, xs / s1,
                        jq / pick("stream: lob2europass json -j1")))
        edc = pick("stream: lob2europass edc -j1")
        if edc:
            lines.append("EDC vs v3.4 XML, -j1, per dossier: %.2fx the time"
                         % (edc / s1))
        lines.append("stream -j2 vs -j1: " + scaling(
            "stream: lob2europass -j1", "stream: lob2europass -j2"))
        lines.append("2 processes vs -j1: %.2fx (the machine's own "
                     "two-core scaling)" %
                     (s1 / pick("stream: 2 processes")))
    f1 = pick("folder: lob2europass -j1")
    if f1:
        fc, fx, loop = pick("folder: lob2europass -j1, one core"), \
            pick("folder: xsltproc"), pick("folder: minimal loop (")
        lines.append("folder -j1: %.2fx xsltproc per-file; %.2fx the "
                     "minimal loop's time" % (fx / f1, f1 / loop))
        lines.append("folder -j1 on one core: %.2fx xsltproc per-file; "
                     "%.2fx the minimal loop's time" % (fx / fc, fc / loop))
        synced = pick("folder: minimal loop, then sync")
        if synced:
            lines.append("folder -j1: %.2fx the time of the minimal loop "
                         "followed by sync" % (f1 / synced))
        atomic = pick("folder: atomic loop")
        if atomic:
            lines.append("folder -j1: %.2fx the time of the atomic loop "
                         "(the same promise, nothing converted); the "
                         "atomic loop is %.2fx the minimal loop"
                         % (f1 / atomic, atomic / loop))
        lines.append("folder -j2 vs -j1: " + scaling(
            "folder: lob2europass -j1", "folder: lob2europass -j2"))
    for line in lines:
        print("  N=%d %s" % (n, line))


if __name__ == "__main__":
    main()
