"""Throughput of `marsad extract` against a floor loop, on one core and on all of them; start-up; memory.

Usage: python bench/speed.py [--corpus ../shared/corpus/ant-news-2018.jsonl.gz] [--limit N] [--repeat R]

Prints, in one run, over the same input:
  - Marsad: `python -m marsad.cli extract CORPUS --format jsonl --workers W`, process start included, for
    W = 1 and W = every available core: articles/s (wall clock), CPU seconds, largest process's peak RSS
    (the parent or a worker: an upper bound of the memory per worker); the outputs are compared (identical);
  - the floor loop: the least work any extractor must do (read the records, normalise, tokenise, look every
    word up in the gazetteer's words), as a process too, with 1 and with every core;
  - the ratio of the two (Marsad's time over the floor's: how far from the floor the extraction is);
  - start-up: wall time of `marsad extract` on one tiny document (the pipeline cache warm).
Each figure is the median of R runs (default 3). Wall times on a shared machine are noisy: the load average
is printed with the figures. Skips cleanly when the corpus is absent. Asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TINY = {"id": "tiny", "text": "قتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس.", "published": "2024-05-02"}


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(cmd: list[str]) -> tuple[float, float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system of the process and its workers), peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    return wall, cpu, after.ru_maxrss / 1024, proc


def measured(cmd: list[str], repeat: int) -> dict:
    """Medians of `repeat` runs in fresh processes (the peak RSS: of one more run in a process of its own,
    since the kernel keeps one maximum for all the children of this one)."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        wall, cpu, _, proc = run(cmd)
        walls.append(wall)
        cpus.append(cpu)
        out = proc.stdout
    peak = subprocess.run([sys.executable, __file__, "--peak-of", json.dumps(cmd)], capture_output=True, text=True,
                          cwd=ROOT).stdout.strip()
    return {"wall": statistics.median(walls), "cpu": statistics.median(cpus), "peak": float(peak or "nan"),
            "out": out}


# --- the floor loop -------------------------------------------------------------------------------------

def _words() -> frozenset[str]:
    from marsad.resource_files import load_tsv_glob
    from marsad.text import normalize

    return frozenset(w for row in load_tsv_glob() for w in normalize(row["name_ar"]).split())


def _floor_chunk(lines: list[str]) -> int:
    from marsad.text import normalize
    from marsad.text.tokens import _WORD

    words = _WORDS
    hits = 0
    for line in lines:
        text = json.loads(line).get("text") or ""
        hits += sum(1 for w in _WORD.findall(normalize(text)) if w in words)
    return hits


_WORDS: frozenset[str] = frozenset()


def _floor_init() -> None:
    global _WORDS
    _WORDS = _words()


def floor_main(path: str, workers: int) -> None:
    """Read, normalise, tokenise and look up every word of every record; print the number of hits."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip()]
    if workers == 1:
        _floor_init()
        print(_floor_chunk(lines))
        return
    import multiprocessing

    size = 200
    with multiprocessing.get_context("fork").Pool(workers, initializer=_floor_init) as pool:
        print(sum(pool.imap(_floor_chunk, (lines[i:i + size] for i in range(0, len(lines), size)))))


def peak_of(cmd: list[str]) -> None:
    subprocess.run(cmd, capture_output=True, cwd=ROOT)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


# --- the report -------------------------------------------------------------------------------------------

def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus" / "ant-news-2018.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is printed)")
    ap.add_argument("--floor", nargs=2, metavar=("PATH", "WORKERS"), help=argparse.SUPPRESS)
    ap.add_argument("--peak-of", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.floor:
        floor_main(args.floor[0], int(args.floor[1]))
        return 0
    if args.peak_of:
        peak_of(json.loads(args.peak_of))
        return 0
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus}; skipping")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="marsad-speed-"))
    src, n = corpus, 0
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        if args.limit:
            src = tmp / "input.jsonl"
            with open(src, "w", encoding="utf-8") as out:
                for line in fh:
                    if n >= args.limit:
                        break
                    out.write(line)
                    n += 1
        else:
            n = sum(1 for line in fh if line.strip())
    tiny = tmp / "tiny.jsonl"
    tiny.write_text(json.dumps(TINY, ensure_ascii=False) + "\n", encoding="utf-8")
    py = sys.executable
    extract = [py, "-m", "marsad.cli", "extract", "--format", "jsonl", "-q"]
    subprocess.run([*extract, str(tiny), "-o", os.devnull], cwd=ROOT, capture_output=True)  # the cache, warm
    all_cores = cores()
    print(f"machine: {platform.processor() or platform.machine()}, {all_cores} cores available, "
          f"Python {platform.python_version()}; load average before: {os.getloadavg()[0]:.1f}")
    print(f"input: {src} ({n:,} articles); medians of {args.repeat} runs\n")
    starts = [run([*extract, str(tiny), "-o", os.devnull, "--workers", "1"])[0] for _ in range(max(5, args.repeat))]
    rows = []
    outputs = {}
    for w in sorted({1, all_cores}):
        m = measured([*extract, str(src), "--workers", str(w)], args.repeat)
        f = measured([py, __file__, "--floor", str(src), str(w)], args.repeat)
        outputs[w] = m["out"]
        rows.append((w, m, f))
    print(f"{'workers':>7}  {'marsad art/s':>12}  {'per CPU s':>9}  {'peak MB':>7}  {'floor art/s':>11}  "
          f"{'per CPU s':>9}  {'ratio':>5}  {'CPU ratio':>9}")
    for w, m, f in rows:
        print(f"{w:>7}  {n / m['wall']:>12,.0f}  {n / m['cpu']:>9,.0f}  {m['peak']:>7.0f}  {n / f['wall']:>11,.0f}  "
              f"{n / f['cpu']:>9,.0f}  {m['wall'] / f['wall']:>5.2f}  {m['cpu'] / f['cpu']:>9.2f}")
    print("(art/s: articles per second of wall time, process start included; per CPU s: per second of CPU time "
          "of the process and its workers, which a loaded machine inflates less)")
    if len(rows) > 1:
        one, many = rows[0][1], rows[-1][1]
        print(f"\nspeed-up with {all_cores} workers: {one['wall'] / many['wall']:.2f}x; outputs "
              f"{'identical' if outputs[1] == outputs[all_cores] else 'DIFFER'}")
    events = sum(len(json.loads(line)["events"]) for line in outputs[1].splitlines())
    print(f"start-up (one tiny document, process start included): {statistics.median(starts):.3f} s "
          f"(min {min(starts):.3f})")
    print(f"events: {events:,} ({100 * events / max(n, 1):.1f} per 100 articles); "
          f"load average after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
