"""Reading the store: filtered events, one event with its reports and evidence, statistics.

Filters are checked here, once, for the CLI and the HTTP API alike: event types are matched without
regard to case and an unknown one is refused with the list of ACLED's; dates must be real days.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from marsad.acled.taxonomy import EVENT_TYPES, SUB_TO_TYPE
from marsad.store.database import EventStore, Filters, StoredEvent, StoreError


class FilterError(ValueError):
    """A filter value that cannot select anything: `field` names the filter, `reason` what it accepts."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} {reason}")
        self.field, self.reason = field, reason


def open_store(path: str | Path, must_exist: bool = False) -> EventStore:
    """The store at `path`; StoreError (one line) for a missing, foreign or damaged file."""
    p = Path(path)
    if must_exist and not p.exists():
        raise StoreError(f"{p}: no store here (create it with 'marsad ingest')")
    return EventStore(p)


def parse_day(value: str, name: str = "date") -> date:
    """A YYYY-MM-DD day; FilterError saying what is wrong with it otherwise."""
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        pass
    parts = str(value).split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4:
        raise FilterError(name, f"{value}: there is no such day")
    raise FilterError(name, f"{value!r}: expected a day as YYYY-MM-DD")


def _canonical(value: str | None, known: list[str], field: str, what: str) -> str | None:
    if value is None or value == "":
        return None
    folded = {k.casefold(): k for k in known}
    hit = folded.get(value.strip().casefold())
    if hit is None:
        raise FilterError(field, f"{value!r}: not an ACLED {what}; they are: {', '.join(known)}")
    return hit


def make_filters(*, since: date | str | None = None, until: date | str | None = None, event_type: str | None = None,
                 sub_type: str | None = None, actor: str | None = None, admin1: str | None = None,
                 country: str | None = None, near: tuple[float, float, float] | str | None = None,
                 text: str | None = None, limit: int | None = None) -> Filters:
    """Checked filters: types in ACLED's spelling whatever the case, real days, a sane point and limit."""
    if isinstance(since, str):
        since = parse_day(since, "since")
    if isinstance(until, str):
        until = parse_day(until, "until")
    if since and until and since > until:
        raise FilterError("since", f"{since} is after until {until}")
    et = _canonical(event_type, list(EVENT_TYPES), "event_type", "event type")
    st = _canonical(sub_type, list(SUB_TO_TYPE), "sub_type", "sub-event type")
    if et and st and SUB_TO_TYPE[st] != et:
        raise FilterError("sub_type", f"{st!r} is a sub-event type of {SUB_TO_TYPE[st]!r}, not of {et!r}")
    if isinstance(near, str):
        try:
            lat, lon, km = (float(x) for x in near.split(","))
        except ValueError:
            raise FilterError("near", f"expects LAT,LON,KM (e.g. 34.73,36.71,25), not {near!r}") from None
        near = (lat, lon, km)
    if near and not (-90 <= near[0] <= 90 and -180 <= near[1] <= 180 and near[2] > 0):
        raise FilterError("near", f"{near}: latitude, longitude or distance out of range")
    if limit is not None and limit < 1:
        raise FilterError("limit", f"must be a positive number, not {limit}")
    return Filters(since=since, until=until, event_type=et, sub_type=st, actor=actor or None,
                   admin1=admin1 or None, country=country or None, near=near, text=text or None, limit=limit)


def list_events(store: EventStore, filters: Filters) -> list[StoredEvent]:
    """The events matching the filters, newest first."""
    return store.query(filters)


def event_records(store: EventStore, filters: Filters) -> list[dict[str, Any]]:
    """The matching events as records (`io.serialize.stored_event_record`)."""
    return [ev.record() for ev in store.query(filters)]


def event_detail(store: EventStore, event_id: str) -> dict[str, Any] | None:
    """One event's record with every report: its document, its own record and the evidence spans it gives."""
    ev = store.event(event_id)
    if ev is None:
        return None
    return {"event": ev.record(), "reports": store.reports(ev.event_id)}


def store_stats(store: EventStore) -> dict[str, Any]:
    return store.stats()
