#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Run one command; print "SECONDS MAXRSS_KB" of it.

    measure.py STDOUT_FILE COMMAND [ARG...]

Wall time to the microsecond (GNU time's %e rounds to 10 ms, too coarse
for runs of a fraction of a second; the clock starts after Python has
started). The peak RSS is GNU time's %M: a child forked from Python
would count Python's own pages before its exec.
Fails with the command's status, showing its stderr, when it fails.
"""
import subprocess
import sys
import tempfile
import time


def main():
    out_path, cmd = sys.argv[1], sys.argv[2:]
    with tempfile.NamedTemporaryFile("r") as rss, \
            open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss.name]
                              + cmd, stdout=out, stderr=subprocess.PIPE)
        seconds = time.perf_counter() - start
        rss_kb = rss.read().strip().splitlines()[-1:]
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        return proc.returncode
    print(f"{seconds:.4f} {rss_kb[0] if rss_kb else 0}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
