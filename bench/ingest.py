"""Store benchmark: ingest the whole shared corpus into a fresh database, then ingest it again.

Usage: python bench/ingest.py [--corpus PATH] [--limit N]

Reports wall time (one core, process start included), database size, peak memory, how many event
reports merged into events of other reports, and that the second run adds nothing. Skips cleanly when
the corpus is absent.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def ingest(src: Path, db: Path) -> tuple[float, str]:
    cmd = [sys.executable, "-m", "marsad.cli", "ingest", str(src), "--db", str(db), "-q"]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", "0", *cmd]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return time.perf_counter() - t0, proc.stdout.strip().splitlines()[0] if proc.stdout else proc.stderr


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
                                            / "ant-news-2018.jsonl.gz"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"no corpus at {corpus}; skipping")
        return 0
    work = Path(tempfile.mkdtemp())
    src = corpus
    if args.limit:
        src = work / "part.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as fh, open(src, "w", encoding="utf-8") as out:
            for i, line in enumerate(fh):
                if i >= args.limit:
                    break
                out.write(line)
    db = work / "marsad.db"
    took, summary = ingest(src, db)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    con = sqlite3.connect(db)
    docs, events, reports = (con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                             for t in ("documents", "events", "reports"))
    multi = con.execute("SELECT COUNT(*) FROM (SELECT event_id FROM reports GROUP BY event_id "
                        "HAVING COUNT(DISTINCT document_id) > 1)").fetchone()[0]
    con.close()
    size = sum(p.stat().st_size for p in work.glob("marsad.db*"))
    print(f"first ingest: {took:.1f} s, {docs / took:,.0f} documents/s, one core, process start included")
    print(f"  {summary}")
    print(f"  documents {docs:,}, events {events:,}, event reports {reports:,}, "
          f"events reported by several documents {multi:,}")
    print(f"  database {size / 1e6:.1f} MB, peak memory {peak:,.0f} MB")
    took2, summary2 = ingest(src, db)
    print(f"second ingest: {took2:.1f} s: {summary2}")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
