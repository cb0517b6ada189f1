"""Plausible deaths and dates over the whole news corpus: what a reader would call impossible values.

Runs the standard pipeline over `../shared/corpus/ant-news-2018.jsonl.gz` (every core; read only) and
reports the total fatalities, the events over the support level and over the ceiling, the events dated
after their article's publication day, and the largest fatality events with the sentence their count
came from, for a reader to judge. Exit 1 when an event has more than `--max-single` fatalities or is
dated after publication.

    python bench/fatalities.py                    # the whole corpus, the 20 largest events
    python bench/fatalities.py --limit 2000 --top 40 --out bench/out/fatalities.jsonl

Skips cleanly (exit 0) when the shared folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from marsad.io.inputs import read_jsonl
from marsad.model import Document, Event
from marsad.services.parallel import Extractor

CORPUS = "corpus/ant-news-2018.jsonl.gz"


def sentence_of(doc: Document, ev: Event, start: int | None) -> str:
    """The evidence span holding the death count (else the first), on one line."""
    spans = ev.evidence or []
    span = next((s for s in spans if start is not None and s.start <= start < s.end), spans[0] if spans else None)
    return doc.text[span.start:span.end].replace("\n", " ") if span is not None else ""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared"))
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    ap.add_argument("--top", type=int, default=20, help="how many of the largest events to print")
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--max-single", type=int, default=5000, help="fail when one event has more fatalities")
    ap.add_argument("--out", help="also write every event with fatalities as JSONL here")
    args = ap.parse_args()
    path = Path(args.shared) / CORPUS
    if not path.is_file():
        print(f"no corpus at {path}; skipping")
        return 0
    t0 = time.perf_counter()
    extractor = Extractor(args.workers or None)
    items = (d for d in read_jsonl(path, None, 10**7) if isinstance(d, Document))
    if args.limit:
        items = (d for n, d in enumerate(items) if n < args.limit)
    articles = events = total = 0
    after: list[tuple[str, str, str]] = []
    warned = 0
    largest: list[tuple[int, str, str, str, str, float, str]] = []
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    try:
        for _, outcome in extractor.outcomes(items):
            if outcome is None or outcome.result is None:
                continue
            doc = outcome.result.document
            articles += 1
            warned += any("fatalities" in w for w in doc.warnings)
            for ev in doc.events:
                events += 1
                total += ev.fatalities
                if ev.event_date is not None and doc.published is not None and ev.event_date > doc.published:
                    after.append((doc.id, ev.event_date.isoformat(), doc.published.isoformat()))
                if ev.fatalities:
                    q = ev.fatalities_evidence
                    row = (ev.fatalities, doc.id, ev.sub_event_type, q.text if q else "",
                           sentence_of(doc, ev, q.start if q else None), ev.confidence,
                           ev.event_date.isoformat() if ev.event_date else "")
                    largest.append(row)
                    if out is not None:
                        out.write(json.dumps(dict(zip(("fatalities", "id", "sub_event_type", "count", "sentence",
                                                       "confidence", "date"), row)), ensure_ascii=False) + "\n")
    finally:
        extractor.close()
        if out is not None:
            out.close()
    largest.sort(key=lambda r: (-r[0], r[1]))
    over_1000 = sum(1 for r in largest if r[0] > 1000)
    over_max = sum(1 for r in largest if r[0] > args.max_single)
    print(f"articles {articles:,}  events {events:,}  total fatalities {total:,}  "
          f"({time.perf_counter() - t0:.0f}s)")
    print(f"events with fatalities {len(largest):,}; over 1,000: {over_1000}; over {args.max_single:,}: {over_max}; "
          f"documents with a fatalities warning: {warned}")
    print(f"events dated after publication: {len(after)}")
    for doc_id, day, published in after[:10]:
        print(f"  {doc_id}: {day} > published {published}")
    print(f"the {min(args.top, len(largest))} largest fatality events:")
    for fat, doc_id, sub, count, sentence, conf, day in largest[:args.top]:
        print(f"  {fat:>7,}  {doc_id}  {sub}  {day}  conf {conf:.2f}  count «{count}»")
        print(f"           {sentence[:300]}")
    return 1 if over_max or after else 0


if __name__ == "__main__":
    sys.exit(main())
