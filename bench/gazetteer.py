"""Gazetteer benchmark: import a 60,000-row GeoNames-format file, then extract with it loaded.

Usage: python bench/gazetteer.py [--rows 60000] [--articles 3000] [--corpus PATH]

The GeoNames file is generated here (synthetic places with Arabic names over Syria's extent), since
Marsad downloads nothing; a real dump is imported the same way (`marsad gazetteer import geonames SY.txt`).
Reports import time, index size, and `marsad extract` throughput with and without the index, one core,
process start included. Skips the extraction part when the shared corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def synthetic_geonames(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(rows):
            word = "".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 7)))
            arabic = f"{word},تل {word}" if k % 5 == 0 else word
            lat, lon = 32.3 + rng.random() * 5, 35.7 + rng.random() * 6.5
            pop = rng.choice([0, 0, 0, 120, 800, 2500, 12000])
            cols = [str(100000 + k), f"Place {k}", f"Place {k}", arabic, f"{lat:.5f}", f"{lon:.5f}", "P", "PPL", "SY",
                    "", "0" + str(k % 14), "", "", "", str(pop), "", "300", "Asia/Damascus", "2024-01-01"]
            fh.write("\t".join(cols) + "\n")


def extract_rate(corpus: Path, n: int, extra: list[str], env: dict) -> tuple[float, float]:
    tmp = Path(tempfile.mkdtemp())
    src = tmp / "in.jsonl"
    with gzip.open(corpus, "rt", encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
        for i, line in enumerate(fh):
            if i >= n:
                break
            out.write(line)
    cmd = [sys.executable, "-m", "marsad.cli", "extract", str(src), "--format", "jsonl", "-o", str(tmp / "o"), "-q",
           *extra]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, env=env)
    wall = time.perf_counter() - t0
    shutil.rmtree(tmp)
    return n / wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=60000)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
                                            / "ant-news-2018.jsonl.gz"))
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    env = dict(os.environ, MARSAD_HOME=str(work / "home"))
    dump = work / "SY.txt"
    synthetic_geonames(dump, args.rows)
    index = work / "gazetteer.sqlite"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "marsad.cli", "gazetteer", "--gazetteer", str(index), "import",
                    "geonames", str(dump)], check=True, env=env, stdout=subprocess.DEVNULL)
    took = time.perf_counter() - t0
    print(f"import of {args.rows:,} GeoNames rows: {took:.1f} s (process start included); "
          f"index {index.stat().st_size / 1e6:.1f} MB")
    corpus = Path(args.corpus)
    if corpus.exists():
        base, _ = extract_rate(corpus, args.articles, [], env)
        loaded, peak = extract_rate(corpus, args.articles, ["--gazetteer", str(index)], env)
        print(f"extract, {args.articles:,} corpus articles, one core: {base:,.0f} articles/s built-in only, "
              f"{loaded:,.0f} articles/s with the {args.rows:,}-row index loaded (peak memory {peak:,.0f} MB)")
    else:
        print(f"no corpus at {corpus}; extraction speed not measured")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
