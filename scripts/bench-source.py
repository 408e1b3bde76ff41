#!/usr/bin/env python3
"""Times `check` on the shared WMT22 translations with and without their sources.

Runs the release build on every `*/mt/*/*.txt` of ../shared/data/wmt22 (CSV to nowhere,
`-f concise` to /dev/null), alternately without and with
`--source '{dir}/../../source/{stem}.src.txt'`, ROUNDS times each (default 10), and prints
the median and best wall and CPU (user + system, from getrusage) of each and their ratios.
Issue 17 asks that a run with sources take at most twice the time of one without.
Usage (from the repository): cargo build --release && scripts/bench-source.py [ROUNDS]
"""
import glob
import os
import resource
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "release", "transcheck")
data = os.path.join(root, "..", "shared", "data", "wmt22")
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
if not os.path.isdir(data):
    sys.exit(f"{data} is missing: this benchmark reads the shared WMT22 translations")
os.chdir(data)
files = sorted(glob.glob("*/mt/*/*.txt"))
plain = [binary, "check", "--no-config", "--no-report", "-f", "concise"]
runs = {
    "without --source": plain,
    "with --source": plain + ["--source", "{dir}/../../source/{stem}.src.txt"],
}
wall = {name: [] for name in runs}
cpu = {name: [] for name in runs}
for _ in range(rounds):
    for name, args in runs.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args + files, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall[name].append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[name].append(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        )
for name in runs:
    print(
        f"{name:17} wall median {statistics.median(wall[name]):.3f} s, best "
        f"{min(wall[name]):.3f} s; CPU median {statistics.median(cpu[name]):.3f} s, best "
        f"{min(cpu[name]):.3f} s"
    )
ratio = lambda values: statistics.median(values["with --source"]) / statistics.median(
    values["without --source"]
)
print(f"with/without: wall {ratio(wall):.2f}, CPU {ratio(cpu):.2f} ({len(files)} files, {rounds} rounds)")
