"""Throughput and memory of `marsad extract` over the shared news corpus.

Usage: python bench/speed.py [--corpus ../shared/corpus/ant-news-2018.jsonl.gz] [--limit N]

Runs the real command (`python -m marsad.cli extract CORPUS --format jsonl`) in a
child process pinned to one core, process start included, and reports
articles/second, peak memory (max RSS) and events found. Skips cleanly when the
corpus is absent. Prints numbers; asserts no time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    default = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ant-news-2018.jsonl.gz"
    ap.add_argument("--corpus", default=str(default))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus}; skipping")
        return 0
    src = corpus
    n_articles = 0
    tmp = None
    if args.limit:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            for line in fh:
                if n_articles >= args.limit:
                    break
                tmp.write(line)
                n_articles += 1
        tmp.close()
        src = Path(tmp.name)
    else:
        with gzip.open(corpus, "rt", encoding="utf-8") as fh:
            n_articles = sum(1 for line in fh if line.strip())
    out = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False)
    out.close()
    cmd = [sys.executable, "-m", "marsad.cli", "extract", str(src), "--format", "jsonl", "-o", out.name, "-q"]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]  # one core
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    lines = Path(out.name).read_text(encoding="utf-8").splitlines()
    events = sum(len(json.loads(line)["events"]) for line in lines)
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"input: {src} ({n_articles:,} articles)")
    print(f"exit code: {proc.returncode}; output lines: {len(lines):,}; stderr lines: {len(proc.stderr.splitlines())}")
    print(f"wall time: {wall:.1f} s (one core, process start included)")
    print(f"throughput: {n_articles / wall:,.0f} articles/s/core")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")
    print(f"events: {events:,} ({100 * events / max(n_articles, 1):.1f} per 100 articles)")
    os.unlink(out.name)
    if tmp:
        os.unlink(tmp.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
