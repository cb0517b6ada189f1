"""The event record: ONE function builds it for `extract`, `export`, the store and the HTTP API.

The record is the output contract of SCHEMA.md, described by `io/schema/event.schema.json`: the ACLED
fields plus, for every field, the words that support it (character offsets into the article). A stored
event is the same record with its store identity added: `event_id`, `event_id_cnty`, `sources` and
`evidence_document` (the article its offsets point into).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from marsad.model import ActorMention, Event, Location, Result, Span


def span_record(span: Span) -> dict[str, int]:
    return {"start": span.start, "end": span.end}


def actor_record(m: ActorMention) -> dict[str, Any]:
    return {
        "name": m.name,
        "name_ar": m.actor.name_ar,
        "text": m.text,
        "inter": m.actor.inter,
        "id": m.actor.id,
        "evidence": [{"start": start, "end": end} for start, end in m.evidence_spans()],
    }


def location_record(loc: Location) -> dict[str, Any]:
    return {
        "name": loc.name,
        "name_ar": loc.name_ar,
        "country": loc.country,
        "admin1": loc.admin1,
        "admin2": loc.admin2,
        "admin3": loc.admin3,
        "latitude": round(loc.latitude, 4),
        "longitude": round(loc.longitude, 4),
        "geo_precision": loc.geo_precision,
        "text": loc.text,
        "place_id": loc.place_id,
        "evidence": [{"start": loc.start, "end": loc.end}],
    }


def event_record(ev: Event) -> dict[str, Any]:
    """The record of one extracted event (the `events` items of an output line)."""
    out: dict[str, Any] = {
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "event_date": ev.event_date.isoformat() if ev.event_date else None,
        "time_precision": ev.time_precision,
        "actor1": actor_record(ev.actor1) if ev.actor1 else None,
        "assoc_actor_1": [actor_record(a) for a in ev.assoc_actor_1],
        "actor2": actor_record(ev.actor2) if ev.actor2 else None,
        "assoc_actor_2": [actor_record(a) for a in ev.assoc_actor_2],
        "location": location_record(ev.location) if ev.location else None,
        "fatalities": ev.fatalities,
        "notes": ev.notes,
        "confidence": round(ev.confidence, 3),
        "evidence": [span_record(s) for s in ev.evidence],
        "triggers": [{"text": t.text, "start": t.start, "end": t.end} for t in ev.triggers],
    }
    if ev.date_mention is not None:
        dm = ev.date_mention
        out["date_evidence"] = {"text": dm.text, "start": dm.start, "end": dm.end}
    if ev.fatalities_evidence is not None:
        q = ev.fatalities_evidence
        out["fatalities_evidence"] = {"text": q.text, "start": q.start, "end": q.end}
    return out


def result_record(result: Result, error: str | None = None) -> dict[str, Any]:
    """One output line of `extract`: {"id", "events": [...]} plus `error` and `warnings` when there are any."""
    rec: dict[str, Any] = {"id": result.id, "events": [event_record(e) for e in result.events]}
    if error:
        rec["error"] = error
    warnings = result.document.warnings
    if warnings:
        rec["warnings"] = list(warnings)
    return rec


def stored_event_record(record: dict[str, Any], event_id: str, event_id_cnty: str,
                        sources: list[dict[str, Any]], evidence_document: str | None) -> dict[str, Any]:
    """A stored event: the record of its representative report (with the event's merged fatalities and
    confidence already in it) and the store's identity of the event, in a fixed key order."""
    out = {"event_id": event_id, "event_id_cnty": event_id_cnty}
    out.update(record)
    out["sources"] = sources
    out["evidence_document"] = evidence_document
    return out


def dumps(record: dict[str, Any]) -> str:
    """A record as one JSON line (UTF-8 text, Arabic unescaped)."""
    return json.dumps(record, ensure_ascii=False)


@cache
def event_schema() -> dict[str, Any]:
    """The JSON Schema of the records (definitions `event`, `stored_event`, `output_line`)."""
    text = resources.files("marsad.io").joinpath("schema/event.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
