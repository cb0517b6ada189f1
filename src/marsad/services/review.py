"""The analyst's use cases over the store: list, read, edit, review, merge, split, history, documents.

The web API calls these and nothing else (as the CLI calls the other services); each opens no
connection of its own: the caller hands it an `EventStore` (one per request). Every write runs in one
`BEGIN IMMEDIATE` transaction that first checks the version the writer read, so two analysts never
silently overwrite each other: the second gets `VersionConflict` with the newer version.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from marsad.services.edits import FieldError, parse_change
from marsad.store import review
from marsad.store.database import EventStore, StoredEvent
from marsad.store.event_query import EventQuery, select_events, sources_of

# record field -> the events columns it owns (the inverse of review.FIELD_COLUMNS)
COLUMN_FIELD = {c: f for f, cols in review.FIELD_COLUMNS.items() for c in cols}


class NotFound(LookupError):
    """No event or document with that id."""


@dataclass
class EventPage:
    events: list[dict[str, Any]]
    total: int
    counts: dict[str, int]
    offset: int
    limit: int | None


def event_record(stored: StoredEvent, document_ids: list[int], edited: list[str] | None = None) -> dict:
    """The stored event record (`io.serialize`), with what the desk adds: the reporting documents' store
    ids, the version, the review status and which fields are the analyst's."""
    rec = stored.record()
    row = stored.row
    rec["document_ids"] = document_ids
    rec["version"] = row["version"]
    rec["review"] = {"status": row["review_status"], "reason": row["review_reason"], "by": row["reviewed_by"],
                     "at": row["reviewed_at"]}
    rec["edited"] = sorted(edited or [])
    rec["updated_at"] = row["updated_at"]
    return rec


class Desk:
    """The review use cases over one open store."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.x = store._execute

    @contextmanager
    def _write(self) -> Iterator[None]:
        self.x("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.x("ROLLBACK")
            raise
        self.x("COMMIT")

    # --- reading -----------------------------------------------------------------------------------

    def list_events(self, query: EventQuery) -> EventPage:
        rows, total, counts = select_events(self.x, query)
        ids = [r["event_id"] for r in rows]
        sources = sources_of(self.x, ids)
        edited = self._edited_fields(ids)
        return EventPage([self._record(r, sources[r["event_id"]], edited.get(r["event_id"])) for r in rows],
                         total, counts, query.offset, query.limit)

    def _record(self, row: dict[str, Any], sources: list[dict[str, Any]], edited: list[str] | None) -> dict:
        return event_record(self.store._stored(row), [s["document_id"] for s in sources], edited)

    def _edited_fields(self, ids: list[str]) -> dict[str, list[str]]:
        out: dict[str, set[str]] = {}
        for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
            for r in self.x(f"SELECT event_id, field FROM event_edits WHERE event_id IN ({','.join('?' * len(chunk))})",
                            chunk):
                out.setdefault(r[0], set()).add(COLUMN_FIELD.get(r[1], r[1]))
        return {k: sorted(v) for k, v in out.items()}

    def _row(self, event_id: str) -> dict[str, Any]:
        row = review.event_row(self.x, event_id)
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        return row

    def event(self, event_id: str) -> dict[str, Any]:
        """The event with its reports (each report's own record), sources and every evidence span."""
        row = self._row(event_id)
        rec = self._record(row, sources_of(self.x, [event_id])[event_id], self._edited_fields([event_id]).get(event_id))
        rec["reports"] = [
            {"document_id": r["document_id"], "document": r["ext_id"], "title": r["title"], "outlet": r["outlet"],
             "url": r["url"], "published": r["published"], "position": r["position"], "fatalities": r["fatalities"],
             "confidence": r["confidence"], "record": json.loads(r["record"])}
            for r in self.x("SELECT r.*, d.ext_id, d.title, d.outlet, d.url, d.published FROM reports r "
                            "JOIN documents d ON d.id = r.document_id WHERE r.event_id = ? "
                            "ORDER BY d.published, d.id, r.position",
                            (event_id,))]
        rec["evidence"] = self._evidence("event_id", event_id)
        rec["edits"] = review.edited_fields(self.x, event_id)
        return rec

    def _evidence(self, key: str, value: Any) -> list[dict[str, Any]]:
        machine = self.x(f"SELECT event_id, document_id, field, start, end, text FROM evidence WHERE {key} = ? "
                         "ORDER BY document_id, start", (value,)).fetchall()
        analyst = self.x(f"SELECT event_id, document_id, field, start, end, text FROM analyst_evidence WHERE {key} = ? "
                         "ORDER BY document_id, start", (value,)).fetchall()
        return [dict(r, source="machine") for r in machine] + [dict(r, source="analyst") for r in analyst]

    def history(self, event_id: str) -> list[dict[str, Any]]:
        if review.event_row(self.x, event_id) is None and not review.history(self.x, event_id):
            raise NotFound(f"no event {event_id!r}")
        return review.history(self.x, event_id)

    def document(self, document_id: int) -> dict[str, Any]:
        """An article with every evidence span in it and the events it supports."""
        row = self.x("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id}")
        ids = [r[0] for r in self.x("SELECT DISTINCT event_id FROM reports WHERE document_id = ? UNION "
                                    "SELECT DISTINCT event_id FROM analyst_evidence WHERE document_id = ?",
                                    (document_id, document_id))]
        page = self.list_events(EventQuery(ids=ids, limit=None, sort="event_date"))
        return {"id": row["id"], "document": row["ext_id"], "title": row["title"], "outlet": row["outlet"],
                "url": row["url"], "published": row["published"], "ingested_at": row["ingested_at"],
                "source": row["source"], "text": row["text"], "evidence": self._evidence("document_id", document_id),
                "events": page.events}

    def stored_document(self, document_id: int) -> Any:
        """A stored article as a `Document` to extract again (for the decision trace)."""
        from marsad.model import Document
        from marsad.stages.dates import parse_published

        row = self.x("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise NotFound(f"no document {document_id}")
        return Document(row["ext_id"] or str(row["id"]), row["text"], parse_published(row["published"]),
                        row["title"], row["url"], row["outlet"])

    # --- writing -----------------------------------------------------------------------------------

    def edit(self, event_id: str, change: dict[str, Any], version: int | None, user: str | None) -> dict[str, Any]:
        """Set fields; they become the analyst's, kept through every reprocess."""
        with self._write():
            row = self._row(event_id)
            review.check_version(row, version)
            current = self.store._stored(row).record()
            parsed = parse_change(change, current)
            before = {k: current.get(k) for k in parsed.record}
            review.set_columns(self.x, event_id, parsed.columns, parsed.record, user)
            review.record_history(self.x, event_id, user, "edit", before, parsed.record)
        return self.event(event_id)

    def set_evidence(self, event_id: str, document_id: int, field: str, start: int, end: int, user: str | None,
                     version: int | None = None) -> dict[str, Any]:
        """Words of an article the analyst marks as a field's evidence."""
        with self._write():
            row = self._row(event_id)
            review.check_version(row, version)
            doc = self.x("SELECT text FROM documents WHERE id = ?", (document_id,)).fetchone()
            if doc is None:
                raise FieldError("document_id", f"no document {document_id}")
            if not 0 <= start < end <= len(doc[0]):
                raise FieldError("start", f"the span must lie inside the article (0..{len(doc[0])}) and not be empty")
            text = doc[0][start:end]
            review.add_evidence(self.x, event_id, document_id, field, start, end, text, user)
            self.x("UPDATE events SET version = version + 1 WHERE event_id = ?", (event_id,))
            review.record_history(self.x, event_id, user, "evidence", None,
                                  {"field": field, "document_id": document_id, "start": start, "end": end,
                                   "text": text})
        return self.event(event_id)

    def review(self, event_id: str, action: str, reason: str | None, version: int | None,
               user: str | None) -> dict[str, Any]:
        status = {"approve": "approved", "reject": "rejected", "reset": "unreviewed"}.get(action)
        if status is None:
            raise FieldError("action", "must be approve, reject or reset")
        if action == "reject" and not (reason or "").strip():
            raise FieldError("reason", "say why the event is rejected")
        with self._write():
            row = self._row(event_id)
            review.check_version(row, version)
            review.set_review(self.x, event_id, status, reason, user)
            review.record_history(self.x, event_id, user, action, {"status": row["review_status"]},
                                  {"status": status}, reason)
        return self.event(event_id)

    def merge(self, event_ids: list[str], user: str | None, versions: dict[str, int] | None = None) -> dict:
        """Make one incident of several events: the first keeps its id and gets every report; fatalities
        follow ACLED's most conservative figure again."""
        if len(event_ids) < 2 or len(set(event_ids)) != len(event_ids):
            raise FieldError("event_ids", "name two or more different events")
        target, others = event_ids[0], event_ids[1:]
        with self._write():
            rows = {i: self._row(i) for i in event_ids}
            for i, v in (versions or {}).items():
                if i in rows:
                    review.check_version(rows[i], v)
            before = {i: self._report_keys(i) for i in event_ids}
            for other in others:
                review.move_reports(self.x, other, target)
                review.record_history(self.x, other, user, "merged", {"reports": before[other]},
                                      {"into": target})
            review.pin_reports(self.x, target, self._pin_keys(target))
            self.store._refresh(target)
            review.record_history(self.x, target, user, "merge", {"reports": before[target]},
                                  {"merged": others, "reports": self._report_keys(target)})
        return self.event(target)

    def split(self, event_id: str, document_ids: list[int], user: str | None, version: int | None = None) -> dict:
        """Take these articles' reports off an event into a new one (undoing a wrong merge)."""
        with self._write():
            row = self._row(event_id)
            review.check_version(row, version)
            mine = {k[0] for k in self._report_keys(event_id)}
            wanted = set(document_ids)
            if not wanted or not wanted <= mine:
                raise FieldError("document_ids", f"name documents reporting this event: {sorted(mine)}")
            if wanted == mine:
                raise FieldError("document_ids", "leave at least one report on the event")
            new_id = "EV" + hashlib.sha1(f"split:{event_id}:{sorted(wanted)}".encode()).hexdigest()[:12].upper()
            review.split_reports(self.x, event_id, new_id, sorted(wanted))
            for eid in (event_id, new_id):
                review.pin_reports(self.x, eid, self._pin_keys(eid))
                self.store._refresh(eid)
            review.record_history(self.x, event_id, user, "split", {"document_ids": sorted(mine)},
                                  {"kept": sorted(mine - wanted), "new_event": new_id})
            review.record_history(self.x, new_id, user, "split from", None,
                                  {"from": event_id, "document_ids": sorted(wanted)})
        return {"event": self.event(event_id), "new_event": self.event(new_id)}

    def _report_keys(self, event_id: str) -> list[list[Any]]:
        return [[r[0], r[1]] for r in self.x("SELECT document_id, position FROM reports WHERE event_id = ? "
                                            "ORDER BY document_id, position", (event_id,))]

    def _pin_keys(self, event_id: str) -> list[tuple[int, str, str | None]]:
        out = []
        for r in self.x("SELECT document_id, record FROM reports WHERE event_id = ?", (event_id,)):
            rec = json.loads(r[1])
            out.append((r[0], rec["sub_event_type"], rec.get("event_date")))
        return out

    # --- counts ------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        s = self.store.stats()
        s["by_type"] = [{"event_type": a, "sub_event_type": b, "events": n} for a, b, n in s["by_type"]]
        s["by_month"] = [{"month": a, "events": n} for a, n in s["by_month"]]
        s["by_admin1"] = [{"country": a, "admin1": b, "events": n} for a, b, n in s["by_admin1"]]
        s["top_actors"] = [{"name": a, "events": n} for a, n in s["top_actors"]]
        s["by_status"] = {st: 0 for st in review.REVIEW_STATUSES}
        for status, n in self.x("SELECT review_status, COUNT(*) FROM events GROUP BY 1"):
            s["by_status"][status] = n
        s["edited_events"] = self.x("SELECT COUNT(DISTINCT event_id) FROM event_edits").fetchone()[0]
        return s

    def timeline(self, query: EventQuery) -> list[dict[str, Any]]:
        """Events per day and per event type for the filtered view (the timeline's bars)."""
        where, params = query.where()
        rows = self.x(f"SELECT e.event_date, e.event_type, COUNT(*) FROM events e{where} GROUP BY 1, 2 ORDER BY 1",
                      params).fetchall()
        return [{"date": d, "event_type": t, "events": n} for d, t, n in rows if d]

    def map_points(self, query: EventQuery) -> list[dict[str, Any]]:
        """Every located event of the filtered view, in a compact form for the map."""
        where, params = query.where()
        rows = self.x(f"SELECT e.event_id, e.latitude, e.longitude, e.event_type, e.sub_event_type, e.event_date, "
                      f"e.fatalities, e.location, e.review_status FROM events e{where}"
                      f"{' AND' if where else ' WHERE'} e.latitude IS NOT NULL LIMIT 50000", params).fetchall()
        return [dict(r) for r in rows]
