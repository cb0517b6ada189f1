"""Reading the store: events by filter, one event with its reports and evidence, statistics."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.acled.rows import event_id_cnty
from marsad.geo.geodesy import haversine_km
from marsad.io.serialize import stored_event_record
from marsad.store import review
from marsad.store.schema import Filters


@dataclass
class StoredEvent:
    """An event row (its record and flat columns) and the sources reporting it."""

    row: dict[str, Any]
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def event_id(self) -> str:
        return self.row["event_id"]

    def record(self) -> dict[str, Any]:
        """The event record (`io.serialize.stored_event_record`)."""
        rec = json.loads(self.row["record"])
        rec.update(review.analyst_fields(self.row))  # the analyst's fields over the machine's
        cnty = event_id_cnty(self.row["country"], self.row["cnty_number"])
        return stored_event_record(rec, self.event_id, cnty, self.sources, self.row["evidence_document"])


class StoreReading:
    """The read side of `EventStore` (which provides `_execute` and `resolve`)."""

    def query(self, filters: Filters) -> list[StoredEvent]:
        where, params = filters.where()
        sql = f"SELECT e.* FROM events e{where} ORDER BY e.event_date DESC, e.event_id"
        rows = self._execute(sql, params).fetchall()
        if filters.near:
            lat, lon, km = filters.near
            rows = [r for r in rows if r["latitude"] is not None
                    and haversine_km(lat, lon, r["latitude"], r["longitude"]) <= km]
        if filters.limit:
            rows = rows[:filters.limit]
        return [self._stored(dict(r)) for r in rows]

    def _stored(self, row: dict[str, Any]) -> StoredEvent:
        sources = [dict(s) for s in self._execute(
            "SELECT d.ext_id AS document, d.url, d.outlet, d.published FROM reports r JOIN documents d "
            "ON d.id = r.document_id WHERE r.event_id = ? GROUP BY d.id ORDER BY d.published, d.content_hash",
            (row["event_id"],))]
        return StoredEvent(row, sources)

    def event(self, event_id: str) -> StoredEvent | None:
        """One stored event by its id (or an id it had before), or None."""
        row = self._execute("SELECT * FROM events WHERE event_id = ?", (self.resolve(event_id),)).fetchone()
        return self._stored(dict(row)) if row is not None else None

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """Every report of an event: its document, its own record and the evidence it gives."""
        out = []
        for r in self._execute(
                "SELECT r.document_id, r.position, r.record, d.ext_id, d.url, d.outlet, d.published, d.title "
                "FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.event_id = ? "
                "ORDER BY r.sort_key", (event_id,)).fetchall():
            evidence = [dict(e) for e in self._execute(
                "SELECT field, start, end, text FROM evidence WHERE document_id = ? AND position = ? "
                "ORDER BY start, field", (r["document_id"], r["position"]))]
            out.append({"document": r["ext_id"], "document_key": r["document_id"], "position": r["position"],
                        "url": r["url"], "outlet": r["outlet"], "published": r["published"], "title": r["title"],
                        "record": json.loads(r["record"]), "evidence": evidence})
        return out

    def document_ids_for(self, event_ids: Iterable[str]) -> list[int]:
        """The stored documents reporting any of these events, in id order."""
        ids: set[int] = set()
        for eid in event_ids:
            ids.update(r[0] for r in self._execute("SELECT DISTINCT document_id FROM reports WHERE event_id = ?",
                                                   (eid,)))
        return sorted(ids)

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._execute(sql).fetchone()[0]  # noqa: E731
        rows = lambda sql: [tuple(r) for r in self._execute(sql).fetchall()]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "events": one("SELECT COUNT(*) FROM events"),
            "reports": one("SELECT COUNT(*) FROM reports"),
            "multi_source_events": one("SELECT COUNT(*) FROM (SELECT event_id FROM reports GROUP BY event_id "
                                       "HAVING COUNT(DISTINCT document_id) > 1)"),
            "by_type": rows("SELECT event_type, sub_event_type, COUNT(*) FROM events GROUP BY 1, 2 ORDER BY 3 DESC"),
            "by_month": rows("SELECT substr(event_date, 1, 7), COUNT(*) FROM events GROUP BY 1 ORDER BY 1"),
            "by_admin1": rows("SELECT country, admin1, COUNT(*) FROM events GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20"),
            "top_actors": rows("SELECT name, COUNT(*) FROM (SELECT actor1 AS name FROM events UNION ALL "
                               "SELECT actor2 FROM events) WHERE name IS NOT NULL GROUP BY name ORDER BY 2 DESC "
                               "LIMIT 15"),
        }
