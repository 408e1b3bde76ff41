#!/usr/bin/env python3
"""Compares the CPU time of two transcheck binaries on one corpus, run alternately.

Each round runs `check --no-config -j 1 -o REPORT CORPUS` with the first binary, then the
second; the CPU time (user + system) of each run comes from getrusage. Prints the best and
the median of each and their ratios. Alternating keeps slow spells of a shared machine from
favouring one side. Usage:
  scripts/bench-ab.py OLD_BINARY NEW_BINARY CORPUS_DIR [ROUNDS]
"""
import resource
import statistics
import subprocess
import sys
import tempfile

if len(sys.argv) < 4:
    sys.exit(__doc__)
old, new, corpus = sys.argv[1:4]
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 5


def cpu_seconds(binary, report):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [binary, "check", "--no-config", "-j", "1", "-o", report, corpus],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


times = {old: [], new: []}
with tempfile.TemporaryDirectory() as folder:
    for _ in range(rounds):
        for binary in (old, new):
            times[binary].append(cpu_seconds(binary, f"{folder}/report.csv"))
for label, binary in (("old", old), ("new", new)):
    t = times[binary]
    print(f"{label}: best {min(t):.3f} s, median {statistics.median(t):.3f} s  ({binary})")
print(
    f"new/old: best {min(times[new]) / min(times[old]):.3f}, "
    f"median {statistics.median(times[new]) / statistics.median(times[old]):.3f}"
)
