#!/usr/bin/env python3
"""Draws a judged sample of findings on the WMT22 translations (QUALITY.md).

Reads `transcheck check -f jsonl` output (any selection of rules) on standard input, leaves out every
translation of the documents that scripts/pick-dev-set.py holds out (their findings are not
read), prints the number of findings before and after that, then a seeded random sample of
SIZE findings (file, severity, found -> suggestion, context) to be judged by reading.
Usage, from the repository root with ../shared beside it (the names sample; drop
`--select names` for all default findings):
  transcheck check --no-config --no-report --select names -f jsonl \\
      ../shared/data/wmt22/ru-en/mt ../shared/data/wmt22/ja-en/mt | python3 scripts/sample-findings.py 40
Options after SIZE: `--per-rule` draws SIZE findings of each rule (all of a rule with fewer),
for a sample across rules of very different counts (the source rules); `--seed N` (15 unless
given) draws another sample.
"""
import json
import os
import random
import subprocess
import sys

size = int(sys.argv[1]) if len(sys.argv) > 1 else 40
per_rule = "--per-rule" in sys.argv
seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 15
pick = os.path.join(os.path.dirname(__file__), "pick-dev-set.py")
held_out = set()
for line in subprocess.run([sys.executable, pick], capture_output=True, text=True, check=True).stdout.splitlines():
    pair, doc, _system, split = line.split()
    if split == "holdout":
        held_out.add((pair, doc))
findings = [json.loads(line) for line in sys.stdin if line.strip()]
kept = []
for finding in findings:
    parts = finding["file"].split("/")
    pair, doc = parts[-4], parts[-1][: -len(".txt")]
    if (pair, doc) not in held_out:
        kept.append(finding)
print(f"{len(findings)} findings, {len(kept)} outside the held-out documents")
random.seed(seed)
if per_rule:
    drawn = []
    for rule in sorted({f["rule"] for f in kept}):
        of_rule = [i for i, f in enumerate(kept) if f["rule"] == rule]
        drawn.extend(random.sample(of_rule, min(size, len(of_rule))))
else:
    drawn = random.sample(range(len(kept)), min(size, len(kept)))
for index in sorted(drawn):
    f = kept[index]
    where = "/".join(f["file"].split("/")[-4:])
    print(f"{index}\t{where}:{f['line']}:{f['column']}\t{f['rule']}\t{f['severity']}\t{f['found']} -> {f['suggestion']}\t{f['context']}")
