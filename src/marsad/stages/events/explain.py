"""`explain`: every candidate event of an article, what the events stage decided and why.

A reviewer reads the text form (`marsad explain ARTICLE`); the review web app reads the JSON form, which
holds the emitted events (each with the candidates it came from) and every candidate with its triggers,
decision, reason, deciding words, roles, arguments, confidence and anchors, all with offsets into the text.

    >>> from marsad import explain
    >>> x = explain("هدد قائد الفرقة باقتحام مدينة درعا.", published="2021-03-04")
    >>> [(c.decision, c.reason) for c in x.candidates]
    [('blocked', 'threat')]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.io.serialize import actor_record, event_record, span_record
from marsad.model import Candidate, Document, Event, Role, Words
from marsad.stages.events.candidates import ROLE_RULES, quote


@dataclass
class Explanation:
    """The candidates and events of one article, as the events stage left them."""

    document: Document
    threshold: float | None = None

    @property
    def candidates(self) -> list[Candidate]:
        return self.document.candidates

    @property
    def events(self) -> list[Event]:
        return self.document.events

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": doc.id,
            "published": doc.published.isoformat() if doc.published else None,
            "threshold": self.threshold,
            "events": [{"index": k, "candidates": list(ev.candidates), **event_record(ev)}
                       for k, ev in enumerate(doc.events)],
            "candidates": [candidate_record(doc, c) for c in doc.candidates],
        }

    def to_text(self) -> str:
        doc = self.document
        pub = doc.published.isoformat() if doc.published else "no publication date"
        n, k = len(doc.candidates), len(doc.events)
        thr = f"; threshold {self.threshold:.2f}" if self.threshold is not None else ""
        lines = [f"{doc.id} ({pub}): {n} candidate{'s' * (n != 1)}, {k} event{'s' * (k != 1)}{thr}"]
        for c in doc.candidates:
            lines.append("")
            lines.extend(candidate_lines(doc, c))
        return "\n".join(lines) + "\n"


def words_record(w: Words | None) -> dict[str, Any] | None:
    if w is None:
        return None
    out: dict[str, Any] = {"rule": w.rule}
    if w.start is not None:
        out.update(text=w.text, start=w.start, end=w.end)
    return out


def candidate_record(doc: Document, c: Candidate) -> dict[str, Any]:
    """One candidate as plain JSON types, every finding with its offsets."""
    return {
        "index": c.index,
        "triggers": [{"text": t.text, "start": t.start, "end": t.end, "entry": t.entry_id} for t in c.triggers],
        "sentence": c.sentence,
        "evidence": span_record(c.evidence),
        "sentence_text": doc.text[c.evidence.start:c.evidence.end],
        "event_type": c.event_type,
        "sub_event_type": c.sub_event_type,
        "decision": c.decision,
        "reason": c.reason,
        "detail": c.detail,
        "words": words_record(c.words),
        "events": list(c.events),
        "confidence": round(c.confidence, 3) if c.confidence is not None else None,
        "anchors": {"present": list(c.anchors_present), "missing": list(c.anchors_missing)},
        "factors": list(c.factors),
        "roles": [{"role": r.role, "actor": actor_record(r.actor) if r.actor else None, "why": words_record(r.why)}
                  for r in c.roles],
        "arguments": dict(c.arguments),
    }


# death counts a frame read but did not keep, and why (the keys of its arguments)
DROPPED_DEATHS = {
    "unsupported_deaths": "more than the support level, and the sentence reports no incident of its own",
    "non_lethal_deaths": "ACLED counts no fatalities for this event type",
}


def _role_line(r: Role) -> str:
    if r.actor is None:
        return f"   {r.role}: none"
    why = ""
    if r.why is not None:
        why = f" - {ROLE_RULES.get(r.why.rule, r.why.rule)}"
        if r.why.start is not None:
            why += f" {quote(r.why.text)}"
    return f"   {r.role}: {r.actor.name} {quote(r.actor.text)}{why}"


def candidate_lines(doc: Document, c: Candidate, width: int = 160) -> list[str]:
    """A candidate as a few readable lines (showing `width` characters of its sentence)."""
    trig = ", ".join(f"{quote(t.text)} {t.start}-{t.end}" for t in c.triggers)
    out = [f"#{c.index} {trig} (sentence {c.sentence})",
           f"   proposed: {c.event_type} / {c.sub_event_type}",
           f"   decision: {c.detail}"]
    if c.confidence is not None and c.decision != "below_threshold":
        present = ", ".join(c.anchors_present) or "none"
        out.append(f"   anchors: {present}; missing: {', '.join(c.anchors_missing) or 'none'}")
    out.extend(_role_line(r) for r in c.roles if r.actor is not None or r.role == "actor1")
    args = c.arguments
    parts = []
    if args.get("places"):
        carried = " (carried from earlier)" if args.get("place_carried") else ""
        parts.append("place: " + ", ".join(f"{p['name']} {quote(p['text'])}" for p in args["places"]) + carried)
    if args.get("date"):
        d = args["date"]
        parts.append(f"date: {d['date'] or '?'} {quote(d['text'])}")
    deaths = args.get("deaths")
    if deaths and deaths["value"]:
        parts.append(f"deaths: {deaths['value']} {quote(deaths['text'])}")
    if parts:
        out.append("   " + "; ".join(parts))
    for key, why in DROPPED_DEATHS.items():
        if args.get(key):
            out.append(f"   deaths not counted: {args[key]['value']:,} {quote(args[key]['text'])} - {why}")
    sentence = doc.text[c.evidence.start:c.evidence.end].strip()
    if len(sentence) > width:
        sentence = sentence[:width] + "..."
    out.append(f"   sentence: {quote(sentence)}")
    return out


def explain_document(doc: Document, pipeline: Any = None) -> Explanation:
    """Run the pipeline on a document and explain it."""
    from marsad.pipeline import default_pipeline

    pipe = pipeline or default_pipeline()
    doc = pipe(doc)
    try:
        threshold = getattr(pipe.get("events"), "threshold", None)
    except KeyError:
        threshold = None
    return Explanation(doc, threshold)


def explain(text: str, published: date | str | None = None, *, id: str = "doc", title: str | None = None,
            pipeline: Any = None) -> Explanation:
    """Extract one article and explain every candidate event: `.candidates`, `.events`, `.to_dict()`,
    `.to_text()`."""
    from marsad.stages.dates import parse_published

    pub = parse_published(published) if isinstance(published, str) else published
    return explain_document(Document(id=id, text=text, published=pub, title=title), pipeline)
