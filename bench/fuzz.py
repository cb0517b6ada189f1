"""A long fuzz run: generated inputs through the Python API and JSONL lines through the CLI.

    python bench/fuzz.py                       # 1,000,000 API inputs, 100,000 CLI lines
    python bench/fuzz.py --api 20000 --cli 2000 --workers 2 --report fuzz-report.json

Counts crashes (an exception from the pipeline; a traceback, a lost output line or an unexpected exit
status from the CLI), hangs (an input over 2 s), schema violations (io/schema/event.schema.json) and
invariant violations (spans outside the text or not matching their text, events dated after
publication, fatalities above a ceiling or above their evidence), and reports the worst input time.
The generators and checks are the suite's (tests/fuzz/); every input is reproducible from its seed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HANG_S = 2.0
CUT_S = 3.0  # an input still running then is cut (and counted as a hang), so that one cannot stall the run
EXAMPLES = 5  # kept per kind of failure
NICE = 10


def _validator():
    try:
        import jsonschema
    except ImportError:
        return None
    from marsad.io.serialize import event_schema

    return jsonschema.Draft202012Validator(event_schema())


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.examples: dict[str, list[dict]] = {}
        self.worst = (0.0, None)

    def add(self, kind: str, example: dict) -> None:
        self.counts[kind] += 1
        kept = self.examples.setdefault(kind, [])
        if len(kept) < EXAMPLES:
            kept.append(example)

    def merge(self, other: dict) -> None:
        self.counts.update(other["counts"])
        for kind, ex in other["examples"].items():
            kept = self.examples.setdefault(kind, [])
            kept.extend(ex[: EXAMPLES - len(kept)])
        if other["worst"][0] > self.worst[0]:
            self.worst = tuple(other["worst"])

    def as_dict(self) -> dict:
        return {"counts": dict(self.counts), "examples": self.examples, "worst": list(self.worst)}


def _kind(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    last = next((f for f in reversed(frames) if "marsad" in f.filename), frames[-1] if frames else None)
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"crash {type(exc).__name__} at {where}"


def _short(text: str) -> str:
    return text if len(text) <= 600 else text[:300] + f" ...[{len(text):,} chars]... " + text[-200:]


def api_worker(args: tuple[int, int]) -> dict:
    """Inputs seed .. seed+count through `Pipeline.default()`."""
    import random

    from marsad.model import Document, Result
    from marsad.pipeline import Pipeline
    from marsad.services.budget import DocumentTimeout, deadline
    from tests.fuzz.generators import case
    from tests.fuzz.invariants import all_violations, document_violations, kind_of

    if NICE:
        os.nice(NICE)  # a shared machine: the run yields to interactive work
    from marsad.io.serialize import result_record

    start, count = args
    pipeline = Pipeline.default()
    validator = _validator()
    tally = Tally()
    for seed in range(start, start + count):
        text, pub = case(random.Random(seed))
        t0 = time.perf_counter()
        try:
            with deadline(CUT_S):
                doc = pipeline(Document(f"fuzz-{seed}", text, pub))
        except DocumentTimeout:
            tally.add(f"hang over {HANG_S:g} s", {"seed": seed, "seconds": f"cut at {CUT_S:g}", "text": _short(text)})
            tally.worst = max(tally.worst, (CUT_S, {"seed": seed, "chars": len(text), "text": _short(text)}),
                              key=lambda w: w[0])
            continue
        except Exception as exc:  # the fuzzer's point: every exception is a finding
            tally.add(_kind(exc), {"seed": seed, "text": _short(text), "published": str(pub),
                                   "traceback": traceback.format_exc(limit=-4)})
            continue
        elapsed = time.perf_counter() - t0
        if elapsed > tally.worst[0]:
            tally.worst = (elapsed, {"seed": seed, "chars": len(text), "text": _short(text)})
        if elapsed > HANG_S:
            tally.add(f"hang over {HANG_S:g} s", {"seed": seed, "seconds": round(elapsed, 2), "text": _short(text)})
        record = result_record(Result(doc.id, doc.events, doc))
        for v in document_violations(doc) + all_violations(text, pub, record):
            tally.add("invariant: " + kind_of(v), {"seed": seed, "violation": v,
                                                                       "text": _short(text), "published": str(pub)})
        if validator is not None:
            for err in validator.iter_errors(record):
                tally.add("schema", {"seed": seed, "error": err.message[:300], "path": list(err.path)})
        tally.counts["inputs"] += 1
    return tally.as_dict()


def _jsonl_line(rng, n: int) -> tuple[str, str | None, dict | None]:
    """(line, id the output must carry or None, record) of one generated JSONL input line."""
    from tests.fuzz.generators import case

    text, pub = case(rng)
    rec: dict = {"id": f"l{n}", "text": text, "published": pub.isoformat() if pub else None}
    r = rng.random()
    if r < 0.03:
        rec["title"] = rng.choice([5, ["a"], {"x": 1}, None, "عنوان"])
    elif r < 0.05:
        rec["published"] = rng.choice([0, 20180305, "yesterday", "2021-02-30", True])
    elif r < 0.06:
        rec["url"] = rng.choice([5, ["x"]])
    elif r < 0.07:
        return "{" + json.dumps(rec)[1:-5], None, None  # cut: not JSON
    elif r < 0.08:
        rec["id"] = ["x"]
        return json.dumps(rec), None, None
    line = json.dumps(rec, ensure_ascii=rng.random() < 0.5 or any(0xD800 <= ord(c) <= 0xDFFF for c in text))
    # the record as Marsad reads it: JSON joins an escaped surrogate pair ("\\udadf\\udf0a") into one character
    return line, rec["id"], json.loads(line)


def cli_worker(args: tuple[int, int, int]) -> dict:
    """JSONL lines seed .. seed+count through `marsad extract`, in chunks."""
    import random
    from datetime import date

    from tests.fuzz.invariants import all_violations, kind_of

    if NICE:
        os.nice(NICE)  # a shared machine: the run yields to interactive work
    start, count, chunk = args
    validator = _validator()
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        for base in range(start, start + count, chunk):
            n_lines = min(chunk, start + count - base)
            rng = random.Random(base)
            lines = [_jsonl_line(rng, base + k) for k in range(n_lines)]
            src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
            src.write_text("".join(line + "\n" for line, _, _ in lines), encoding="utf-8")
            t0 = time.perf_counter()
            try:
                proc = subprocess.run([sys.executable, "-m", "marsad.cli", "extract", str(src), "--format", "jsonl",
                                       "-o", str(out), "-q"], capture_output=True, text=True,
                                      timeout=60 + 2 * n_lines, errors="backslashreplace")
            except subprocess.TimeoutExpired:
                tally.add("cli hang (chunk timed out)", {"chunk": base})
                continue
            elapsed = time.perf_counter() - t0
            if elapsed / n_lines > tally.worst[0]:
                tally.worst = (elapsed / n_lines, {"chunk": base, "seconds": round(elapsed, 1)})
            if "Traceback" in proc.stderr or proc.returncode not in (0, 1):
                tally.add("cli crash", {"chunk": base, "status": proc.returncode, "stderr": proc.stderr[-2000:]})
            rows = []
            # JSON lines end at "\n" only: a JSON string may hold U+2028 or U+0085, which splitlines() splits at
            for k, raw in enumerate(out.read_text(encoding="utf-8").split("\n") if out.exists() else []):
                if not raw:
                    continue
                try:
                    rows.append(json.loads(raw))
                except ValueError as exc:
                    tally.add("cli output line not JSON", {"chunk": base, "line": k + 1, "error": str(exc)})
            expected = [rid for _, rid, _ in lines if rid is not None]
            got = [r.get("id") for r in rows]
            if [g for g in got if g in set(expected)] != expected:
                tally.add("cli lost output lines", {"chunk": base, "expected": len(expected), "got": len(got)})
            recs = {rid: rec for _, rid, rec in lines if rid is not None}
            for row in rows:
                rec = recs.get(row.get("id"))
                if "DocumentTimeout" in (row.get("error") or ""):
                    tally.add("cli document over its time budget", {"chunk": base, "id": row["id"]})
                elif row.get("error") and "extraction failed" in row["error"]:
                    tally.add("cli extraction failed", {"chunk": base, "id": row["id"], "error": row["error"][:300]})
                if validator is not None:
                    for err in validator.iter_errors(row):
                        tally.add("cli schema", {"chunk": base, "id": row.get("id"), "error": err.message[:300]})
                if rec is not None and isinstance(rec.get("published"), str):
                    try:
                        pub = date.fromisoformat(rec["published"])
                    except ValueError:
                        pub = None
                    for v in all_violations(rec["text"], pub, row):
                        tally.add("cli invariant: " + kind_of(v),
                                  {"id": row["id"], "violation": v})
            tally.counts["lines"] += n_lines
    return tally.as_dict()


def run(kind: str, total: int, workers: int, chunk: int, seed: int,
        partial: Path | None = None) -> tuple[dict, float]:
    """Jobs of a few thousand inputs over `workers` processes; the tally so far is written to `partial`
    after every job, so a run cut short still tells what it found."""
    if total <= 0:
        return {}, 0.0
    per = max(1, min(total // (workers * 4) or 1, 2_500 if kind == "api" else chunk * 2))
    jobs = [(seed + s, min(per, total - s)) for s in range(0, total, per)]
    if kind == "cli":
        jobs = [(s, n, chunk) for s, n in jobs]
    tally = Tally()
    t0 = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done, part in enumerate(pool.map(api_worker if kind == "api" else cli_worker, jobs), 1):
            tally.merge(part)
            print(f"  {kind}: {done}/{len(jobs)} jobs, {dict(tally.counts)}", file=sys.stderr, flush=True)
            if partial is not None:
                partial.write_text(json.dumps({kind: tally.as_dict(), "jobs_done": done, "jobs": len(jobs),
                                               "seconds": round(time.perf_counter() - t0, 1)}, indent=1),
                                   encoding="utf-8")
    return tally.as_dict(), time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--api", type=int, default=1_000_000, help="generated inputs through the Python API")
    ap.add_argument("--cli", type=int, default=100_000, help="generated JSONL lines through `marsad extract`")
    ap.add_argument("--chunk", type=int, default=2_000, help="JSONL lines per CLI run")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="first seed (inputs are seed, seed+1, ...)")
    ap.add_argument("--report", help="write the full report (counts, examples, worst input) here as JSON")
    args = ap.parse_args()
    partial = {kind: Path(f"{args.report}.{kind}.partial") if args.report else None for kind in ("api", "cli")}
    api, api_s = run("api", args.api, args.workers, args.chunk, args.seed, partial["api"])
    cli, cli_s = run("cli", args.cli, args.workers, args.chunk, args.seed + 10_000_000, partial["cli"])
    report = {"api": api, "api_seconds": round(api_s, 1), "cli": cli, "cli_seconds": round(cli_s, 1),
              "args": vars(args)}
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1), encoding="utf-8")
    for name, part, secs in (("API", api, api_s), ("CLI", cli, cli_s)):
        if not part:
            continue
        counts = part["counts"]
        print(f"{name}: {counts.get('inputs', counts.get('lines', 0)):,} in {secs:,.0f} s; worst "
              f"{part['worst'][0]:.3f} s{' per line' if name == 'CLI' else ''}")
        for kind, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            if kind not in ("inputs", "lines"):
                print(f"  {n:>8,}  {kind}")
    failures = sum(n for part in (api, cli) for k, n in (part.get("counts") or {}).items()
                   if k not in ("inputs", "lines"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
