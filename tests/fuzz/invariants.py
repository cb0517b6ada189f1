"""What must hold for any output, whatever the input: the checks the fuzz tests and `bench/fuzz.py` run.

Each check takes the article text (and its publication date) and one output line (the dict `marsad
extract` writes) and returns the violations it finds, as short strings "kind: detail" (`kind_of` gives
the kind); an empty list means all holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

DEFAULT_FATALITY_CEILING = 100_000  # more deaths than this in one event report is not a plausible reading
_NUMBER = re.compile(r"\d+")


def spans(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any], str | None]]:
    """(field, span, text the span must slice to or None) for every span of every event of a line."""
    for n, ev in enumerate(record.get("events") or []):
        for s in ev.get("evidence") or []:
            yield f"event {n} evidence", s, None
        for t in ev.get("triggers") or []:
            yield f"event {n} trigger", t, t.get("text")
        for key in ("date_evidence", "fatalities_evidence"):
            if ev.get(key):
                yield f"event {n} {key}", ev[key], ev[key].get("text")
        loc = ev.get("location")
        if loc:
            for s in loc.get("evidence") or []:
                yield f"event {n} location", s, loc.get("text")
        actors = [("actor1", ev.get("actor1")), ("actor2", ev.get("actor2"))]
        actors += [(f"assoc_actor_1[{k}]", a) for k, a in enumerate(ev.get("assoc_actor_1") or [])]
        actors += [(f"assoc_actor_2[{k}]", a) for k, a in enumerate(ev.get("assoc_actor_2") or [])]
        for name, actor in actors:
            if actor:
                evidence = actor.get("evidence") or []
                for k, s in enumerate(evidence):  # the text is the slice of the last span (the name)
                    yield f"event {n} {name}", s, actor.get("text") if k == len(evidence) - 1 else None


def span_violations(text: str, record: dict[str, Any]) -> list[str]:
    """Spans outside the text, reversed, or whose text is not the slice they give."""
    out = []
    for field, s, expected in spans(record):
        start, end = s.get("start"), s.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            out.append(f"span outside the text: {field}: {start}-{end} in {len(text)} characters")
        elif expected is not None and text[start:end] != expected:
            out.append(f"text is not its slice: {field}: {expected!r} vs {text[start:end]!r} at {start}-{end}")
    return out


def date_violations(published: date | None, record: dict[str, Any]) -> list[str]:
    """Events dated after publication: a report cannot tell of what has not happened yet."""
    if published is None:
        return []
    return [f"date after publication: event {n} on {ev['event_date']}, published {published}"
            for n, ev in enumerate(record.get("events") or [])
            if ev.get("event_date") and date.fromisoformat(ev["event_date"]) > published]


def fatality_violations(record: dict[str, Any], ceiling: int = DEFAULT_FATALITY_CEILING) -> list[str]:
    """Fatalities above the ceiling, or above every number their evidence shows (digits or words
    cannot be checked here, so only evidence written in ASCII digits is compared)."""
    out = []
    for n, ev in enumerate(record.get("events") or []):
        deaths = ev.get("fatalities") or 0
        if deaths > ceiling:
            out.append(f"fatalities above the ceiling: event {n}: {deaths:,} > {ceiling:,}")
        evidence = (ev.get("fatalities_evidence") or {}).get("text") or ""
        digits = [int(m) for m in _NUMBER.findall(evidence) if m.isascii() and len(m) < 20]
        if deaths and digits and evidence.strip().isdigit() and deaths > max(digits):
            out.append(f"fatalities above the evidence: event {n}: {deaths:,} from {evidence!r}")
    return out


def all_violations(text: str, published: date | None, record: dict[str, Any],
                   ceiling: int = DEFAULT_FATALITY_CEILING) -> list[str]:
    return span_violations(text, record) + date_violations(published, record) + fatality_violations(record, ceiling)


def document_violations(doc: Any) -> list[str]:
    """Every finding of every layer of a processed `Document` (not only those in events): within the
    text, and its text the slice of its offsets."""
    out = []
    layers = {"token": doc.tokens, "quantity": doc.quantities, "date": doc.dates, "place": doc.places,
              "actor": doc.actors, "trigger": doc.triggers}
    for layer, items in layers.items():
        for m in items:
            start = m.text_start if layer == "actor" else m.start  # an actor's evidence may lead with descriptors
            if not 0 <= m.start <= start <= m.end <= len(doc.text):
                out.append(f"span outside the text: {layer} {m.text!r} at {m.start}-{m.end}")
            elif doc.text[start:m.end] != m.text:
                out.append(f"text is not its slice: {layer} {m.text!r} vs {doc.text[start:m.end]!r}")
    return out


def kind_of(violation: str) -> str:
    return violation.split(":", 1)[0]
