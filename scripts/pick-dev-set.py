#!/usr/bin/env python3
"""Prints the translations of the labelled development set: `PAIR DOC SYSTEM SPLIT` per line.

The pick is random with a fixed seed (documents, then four systems per document), so that no
one chose the articles for what the checker does on them; every third document is held out.
Run from the repository root with ../shared beside it: python3 scripts/pick-dev-set.py
"""
import os
import random

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "wmt22")

random.seed(20261203)
for pair, ndocs in (("ru-en", 12), ("ja-en", 6)):
    sources = os.path.join(ROOT, pair, "source")
    docs = sorted(f[: -len(".src.txt")] for f in os.listdir(sources) if f.endswith(".src.txt"))
    systems = sorted(os.listdir(os.path.join(ROOT, pair, "mt")))
    for i, doc in enumerate(random.sample(docs, ndocs)):
        split = "holdout" if i % 3 == 2 else "dev"
        for system in sorted(random.sample(systems, 4)):
            print(pair, doc, system, split)
