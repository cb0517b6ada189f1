"""Score Marsad on the shared evaluation data (dev articles, GSR sentences, negatives).

Usage: python bench/evaluate_shared.py [--shared ../shared] [--out bench/out]
Skips cleanly (exit 0) when the shared folder is absent. Also runs the referee
scorers beside the data, to check that `marsad evaluate` agrees with them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from marsad.evaluate.scorer import format_summary, score
from marsad.io.inputs import read_jsonl
from marsad.io.serialize import event_record
from marsad.model import Document
from marsad.pipeline import Pipeline


def run(pipeline: Pipeline, path: Path, out: Path) -> dict[str, dict]:
    results = {}
    with open(out, "w", encoding="utf-8") as fh:
        for doc in read_jsonl(path, None, 10**7):
            if not isinstance(doc, Document):
                continue
            doc = pipeline(doc)
            rec = {"id": doc.id, "events": [event_record(e) for e in doc.events]}
            results[doc.id] = rec
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return results


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent / "out"))
    ap.add_argument("--per-doc", action="store_true")
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    if not (shared / "eval").is_dir():
        print(f"no shared evaluation data at {shared}; skipping")
        return 0
    out.mkdir(parents=True, exist_ok=True)
    pipeline = Pipeline.default()
    gold_path = out / "dev.gold.jsonl"
    with open(gold_path, "w", encoding="utf-8") as fh:
        for f in sorted((shared / "eval" / "dev").glob("*.gold.jsonl")):
            fh.write(f.read_text(encoding="utf-8").rstrip("\n") + "\n")
    gold = {json.loads(line)["id"]: json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()}
    t0 = time.perf_counter()
    system = run(pipeline, gold_path, out / "dev.system.jsonl")
    summary, per_doc = score(gold, system)
    print(f"== dev articles ({time.perf_counter() - t0:.2f}s)")
    if args.per_doc:
        for d in per_doc:
            print(f"  {d.id}\ttp={d.tp}\tfp={d.fp}\tfn={d.fn}")
    print(format_summary(summary))
    referee = shared / "eval" / "score.py"
    if referee.exists():
        ref = subprocess.run([sys.executable, str(referee), str(gold_path), str(out / "dev.system.jsonl"), "--json"],
                             capture_output=True, text=True)
        ref_summary = json.loads(ref.stdout)
        agree = all(ref_summary[k] == summary[k] for k in ("precision", "recall", "f1", "matched"))
        print(f"referee scorer agrees: {agree}")
    gsr = shared / "eval" / "gsr" / "gsr-dev.jsonl"
    if gsr.exists():
        run(pipeline, gsr, out / "gsr.system.jsonl")
        res = subprocess.run([sys.executable, str(shared / "eval" / "score_gsr.py"), str(gsr),
                              str(out / "gsr.system.jsonl")], capture_output=True, text=True)
        print("== GSR dev\n" + res.stdout.strip())
    neg = shared / "eval" / "negatives" / "negatives-dev.jsonl"
    if neg.exists():
        res = run(pipeline, neg, out / "negatives.system.jsonl")
        n = sum(len(r["events"]) for r in res.values())
        print(f"== negatives: {n} events on {len(res)} articles = {100 * n / max(len(res), 1):.1f} per 100")
    return 0


if __name__ == "__main__":
    sys.exit(main())
