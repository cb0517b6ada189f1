"""Which reports are one incident, and what the event of several reports says. Pure functions, no SQL.

ACLED's rule: reports of the same sub-event type, on dates within a day, at the same named place or
within 10 km, with compatible actors, are one event listing every source; its fatalities are the most
conservative credible figure (the lowest positive count a report gives).

So that the result never depends on the order articles arrive in, grouping is a function of the set of
reports alone: every pair of reports that may be one incident is a link; links are taken best first (the
nearest, then the closest in time, then by the reports' content keys); two groups join only when every
report of one links every report of the other (no chains across a week of daily strikes) and no article
gives two of their reports (the extractor already told those apart). An event's id is that of its earliest
report (publication day, then content hash and position), so it is the same whichever order the reports
came in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.geo.geodesy import haversine_km

SAME_PLACE_KM = 10.0
DATE_SLACK_DAYS = 1
GENERIC_ACTOR_PREFIXES = ("Unidentified",)


@dataclass
class Report:
    """One event as one article gave it, with what grouping needs."""

    document_id: int
    position: int
    record: dict[str, Any]  # io.serialize.event_record
    sort_key: str  # "published|content_hash|position": the earliest report founds the event
    document: str | None = None  # the article's input id
    country: str | None = None  # the article's country (for an event without a location)
    event_id: str = ""  # the event it belongs to now ("" while being placed)

    @property
    def key(self) -> tuple[int, int]:
        return (self.document_id, self.position)

    @property
    def day(self) -> date | None:
        d = self.record.get("event_date")
        return date.fromisoformat(d) if d else None


def _actor_ok(a: dict | None, b: dict | None) -> bool:
    """Compatible: one unknown or unidentified, the same name, or the same lexicon actor."""
    na, nb = (a or {}).get("name"), (b or {}).get("name")
    if not na or not nb or na == nb:
        return True
    if na.startswith(GENERIC_ACTOR_PREFIXES) or nb.startswith(GENERIC_ACTOR_PREFIXES):
        return True
    return (a or {}).get("id") == (b or {}).get("id")


def distance_km(a: Report, b: Report) -> float:
    la, lb = a.record.get("location"), b.record.get("location")
    if not la or not lb:
        return 0.0
    return haversine_km(la["latitude"], la["longitude"], lb["latitude"], lb["longitude"])


def same_incident(a: Report, b: Report) -> bool:
    """ACLED's test for two reports of one incident (symmetric)."""
    if a.document_id == b.document_id:
        return False
    ra, rb = a.record, b.record
    if ra["sub_event_type"] != rb["sub_event_type"]:
        return False
    da, db = a.day, b.day
    if da is None or db is None or abs((da - db).days) > DATE_SLACK_DAYS:
        return False
    la, lb = ra.get("location"), rb.get("location")
    if la and lb and not (la.get("place_id") and la.get("place_id") == lb.get("place_id")) \
            and distance_km(a, b) > SAME_PLACE_KM:
        return False
    return _actor_ok(ra.get("actor1"), rb.get("actor1")) and _actor_ok(ra.get("actor2"), rb.get("actor2"))


def group_reports(reports: Iterable[Report]) -> list[list[Report]]:
    """The incidents of a set of reports (each a list sorted by `sort_key`), the same for any input order."""
    items = sorted(reports, key=lambda r: r.sort_key)
    links = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if same_incident(a, b):
                links.append((round(distance_km(a, b), 3), abs((a.day - b.day).days), a.sort_key, b.sort_key, a, b))
    linked = {(a.key, b.key) for *_, a, b in links} | {(b.key, a.key) for *_, a, b in links}
    group = {r.key: [r] for r in items}
    for *_, a, b in sorted(links, key=lambda t: t[:4]):
        ga, gb = group[a.key], group[b.key]
        if ga is gb:
            continue
        if {r.document_id for r in ga} & {r.document_id for r in gb}:
            continue
        if not all((x.key, y.key) in linked for x in ga for y in gb):
            continue
        ga.extend(gb)
        for r in gb:
            group[r.key] = ga
    seen: set[int] = set()
    out = []
    for r in items:
        g = group[r.key]
        if id(g) not in seen:
            seen.add(id(g))
            out.append(sorted(g, key=lambda x: x.sort_key))
    return out


def merged_record(reports: list[Report]) -> dict[str, Any]:
    """The event several reports give: the surest report's fields (the earliest of equally sure ones), the
    lowest positive death count of any report, and a confidence that grows with every further source."""
    best = representative(reports)
    positive = [r.record.get("fatalities") or 0 for r in reports if (r.record.get("fatalities") or 0) > 0]
    top = max(r.record.get("confidence") or 0.0 for r in reports)
    rec = dict(best.record)
    rec["fatalities"] = min(positive) if positive else 0
    rec["confidence"] = round(min(1.0, top + 0.05 * (len(reports) - 1)), 3)
    return rec


def representative(reports: list[Report]) -> Report:
    return min(reports, key=lambda r: (-(r.record.get("confidence") or 0.0), r.sort_key))
