"""The review desk's event query: every filter of the API, paging, sorting and counts per status, in SQL.

The CLI's `Filters` covers what `marsad events` offers; the desk adds outlet, minimum confidence and
fatalities, review status, a bounding box and "updated since", and needs a page and a total rather than
every row. Each filter is one parameterised clause; sorting is limited to a fixed list of columns.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from marsad.text.search import like_pattern

MAX_PAGE = 500
SORT_COLUMNS = {
    "event_date": "e.event_date", "confidence": "e.confidence", "fatalities": "e.fatalities",
    "event_type": "e.event_type", "sub_event_type": "e.sub_event_type", "country": "e.country",
    "admin1": "e.admin1", "location": "e.location", "actor1": "e.actor1", "actor2": "e.actor2",
    "review_status": "e.review_status", "updated_at": "e.updated_at", "event_id": "e.event_id",
}
# Lowest-confidence unreviewed events first (then rejected, then approved): what most needs an analyst's
# eyes; the index events_queue walks it in this order, so a page of a large store needs no full sort.
DEFAULT_ORDER = "e.review_status DESC, e.confidence ASC, e.event_date DESC, e.event_id"


@dataclass
class EventQuery:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    admin1: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    outlet: str | None = None
    min_confidence: float | None = None
    min_fatalities: int | None = None
    status: str | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    updated_since: str | None = None
    ids: list[str] | None = None
    sort: str | None = None  # a column of SORT_COLUMNS, "-column" for descending
    offset: int = 0
    limit: int | None = 50

    def as_dict(self) -> dict[str, Any]:
        """The filters in use (for stamping an export), dates as ISO text."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if v is None or f.name in ("offset", "limit", "sort") or v == []:
                continue
            out[f.name] = v.isoformat() if isinstance(v, date) else list(v) if isinstance(v, tuple) else v
        return out

    def where(self, skip_status: bool = False) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.since:
            add("e.event_date >= ?", self.since.isoformat())
        if self.until:
            add("e.event_date <= ?", self.until.isoformat())
        for column in ("country", "admin1"):
            value = getattr(self, column)
            if value:
                add(f"e.{column} = ? COLLATE NOCASE", value)
        for column in ("event_type", "sub_event_type"):  # ACLED's spelling (services.query.make_filters)
            value = getattr(self, column)
            if value:
                add(f"e.{column} = ?", value)
        if self.actor:
            like = f"%{self.actor}%"
            add("(e.actor1 LIKE ? OR e.actor2 LIKE ? OR e.assoc_actor_1 LIKE ? OR e.assoc_actor_2 LIKE ? OR "
                "e.actor1_id = ? OR e.actor2_id = ?)", like, like, like, like, self.actor, self.actor)
        if self.outlet:
            add("EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.event_id = "
                "e.event_id AND d.outlet = ? COLLATE NOCASE)", self.outlet)
        if self.min_confidence is not None:
            add("e.confidence >= ?", self.min_confidence)
        if self.min_fatalities is not None:
            add("e.fatalities >= ?", self.min_fatalities)
        if self.status and not skip_status:
            add("e.review_status = ?", self.status)
        if self.q:
            like = like_pattern(self.q)
            esc = " ESCAPE '\\'"
            add(f"(e.notes LIKE ?{esc} OR e.location LIKE ?{esc} OR e.actor1 LIKE ?{esc} OR e.actor2 LIKE ?{esc} "
                "OR e.event_id = ? OR EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.document_id "
                f"WHERE r.event_id = e.event_id AND (d.text LIKE ?{esc} OR d.title LIKE ?{esc})))",
                like, like, like, like, self.q, like, like)
        if self.bbox:
            west, south, east, north = self.bbox
            add("e.latitude BETWEEN ? AND ?", south, north)
            if west <= east:
                add("e.longitude BETWEEN ? AND ?", west, east)
            else:  # a box across the antimeridian
                add("(e.longitude >= ? OR e.longitude <= ?)", west, east)
        if self.updated_since:
            add("e.updated_at >= ?", self.updated_since)
        if self.ids is not None:
            add(f"e.event_id IN ({','.join('?' * len(self.ids))})", *self.ids)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def order_by(self) -> str:
        if not self.sort:
            return DEFAULT_ORDER
        column = SORT_COLUMNS[self.sort.lstrip("-")]
        direction = "DESC" if self.sort.startswith("-") else "ASC"
        return f"{column} {direction} NULLS LAST, e.event_id"


def select_events(execute: Any, query: EventQuery) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """One page of event rows, the number of events matching, and the matching events per review status."""
    where, params = query.where()
    sql = f"SELECT e.* FROM events e{where} ORDER BY {query.order_by()}"
    page_params = list(params)
    if query.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        page_params += [query.limit, query.offset]
    rows = [dict(r) for r in execute(sql, page_params).fetchall()]
    swhere, sparams = query.where(skip_status=True)
    # Sums rather than GROUP BY: grouping would walk the status index and fetch every row at random.
    statuses = ("unreviewed", "approved", "rejected")
    sums = ", ".join(f"TOTAL(e.review_status = '{s}')" for s in statuses)
    row = execute(f"SELECT {sums} FROM events e{swhere}", sparams).fetchone()
    counts = {s: int(n) for s, n in zip(statuses, row)}
    total = sum(counts.values()) if not query.status else counts.get(query.status, 0)
    return rows, total, counts


def sources_of(execute: Any, event_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The reporting articles of each event, oldest first, in one query."""
    out: dict[str, list[dict[str, Any]]] = {i: [] for i in event_ids}
    for chunk in (event_ids[i:i + 500] for i in range(0, len(event_ids), 500)):
        rows = execute(
            "SELECT r.event_id, d.id AS document_id, d.ext_id AS document, d.url, d.outlet, d.published "
            "FROM reports r JOIN documents d ON d.id = r.document_id "
            f"WHERE r.event_id IN ({','.join('?' * len(chunk))}) GROUP BY r.event_id, d.id "
            "ORDER BY d.published, d.id", chunk).fetchall()
        for r in rows:
            out[r["event_id"]].append({k: r[k] for k in ("document_id", "document", "url", "outlet", "published")})
    return out
