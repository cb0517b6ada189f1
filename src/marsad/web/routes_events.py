"""/api/events: the queue, one event, edits, review, merge, split and history."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, Query

from marsad.services import auth
from marsad.services.query import FilterError, make_filters
from marsad.services.review import Desk
from marsad.store.database import EventStore
from marsad.store.event_query import MAX_PAGE, SORT_COLUMNS, EventQuery
from marsad.web import models as m
from marsad.web.security import ApiError, analyst, get_store, viewer

router = APIRouter(prefix="/api", tags=["events"])
ERRORS: dict[int | str, dict[str, Any]] = {404: {"model": m.Error}, 422: {"model": m.Error}, 409: {"model": m.Conflict},
                                           401: {"model": m.Error}, 403: {"model": m.Error}}
SortKey = Literal[tuple([*SORT_COLUMNS, *(f"-{c}" for c in SORT_COLUMNS)])]  # type: ignore[valid-type]


def _text() -> object:
    return Query(None, max_length=200)


def _bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise ApiError(422, "bbox is west,south,east,north in degrees, e.g. 35.5,32.3,42.4,37.3", "bbox") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
            -180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise ApiError(422, "bbox: longitudes within -180..180, latitudes within -90..90, south <= north", "bbox")
    return west, south, east, north


def _updated_since(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%dT%H:%M:%S")
    except ValueError:
        raise ApiError(422, "updated_since is a date or time, e.g. 2024-05-01 or 2024-05-01T12:00:00",
                       "updated_since") from None


def event_query(
    since: date | None = Query(None, description="events on or after this day"),
    until: date | None = Query(None, description="events on or before this day"),
    country: str | None = _text(), admin1: str | None = _text(),
    event_type: str | None = _text(), sub_event_type: str | None = _text(),
    actor: str | None = Query(None, max_length=200, description="part of an actor's name, or its id"),
    outlet: str | None = _text(),
    min_confidence: float | None = Query(None, ge=0, le=1),
    min_fatalities: int | None = Query(None, ge=0, le=10_000_000),
    status: Literal["unreviewed", "approved", "rejected"] | None = None,
    q: str | None = Query(None, max_length=200, description="words (Arabic or English) in notes, names, articles"),
    bbox: str | None = Query(None, max_length=100, description="west,south,east,north"),
    updated_since: str | None = Query(None, max_length=40),
    sort: SortKey | None = Query(None, description="a column; '-column' for descending; default: lowest-confidence "
                                               "unreviewed first"),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(50, ge=1, le=MAX_PAGE),
) -> EventQuery:
    try:  # ACLED's spelling whatever the case, a sub-type of its type, since <= until: as the CLI checks
        checked = make_filters(since=since, until=until, event_type=event_type, sub_type=sub_event_type)
    except FilterError as exc:
        field = "sub_event_type" if exc.field == "sub_type" else exc.field
        raise ApiError(422, f"{field}: {exc.reason}", field) from None
    return EventQuery(since=since, until=until, country=country, admin1=admin1, event_type=checked.event_type,
                      sub_event_type=checked.sub_type, actor=actor, outlet=outlet, min_confidence=min_confidence,
                      min_fatalities=min_fatalities, status=status, q=q, bbox=_bbox(bbox),
                      updated_since=_updated_since(updated_since), sort=sort, offset=offset, limit=limit)


@router.get("/events", response_model=m.EventPageOut, responses=ERRORS)
def list_events(query: EventQuery = Depends(event_query), store: EventStore = Depends(get_store),
                _: auth.Session = Depends(viewer)) -> Any:
    """The events matching every filter given, one page at a time, with the counts per review status."""
    page = Desk(store).list_events(query)
    return {"events": page.events, "total": page.total, "counts": page.counts, "offset": page.offset,
            "limit": page.limit}


@router.get("/events/timeline", responses=ERRORS)
def timeline(query: EventQuery = Depends(event_query), store: EventStore = Depends(get_store),
             _: auth.Session = Depends(viewer)) -> list[dict[str, Any]]:
    """Events per day and event type of the filtered view."""
    return Desk(store).timeline(query)


@router.get("/events/points", responses=ERRORS)
def points(query: EventQuery = Depends(event_query), store: EventStore = Depends(get_store),
           _: auth.Session = Depends(viewer)) -> list[dict[str, Any]]:
    """Every located event of the filtered view (not paged), compact, for the map."""
    return Desk(store).map_points(query)


@router.post("/events/merge", response_model=m.EventDetail, responses=ERRORS)
def merge(body: m.MergeIn, store: EventStore = Depends(get_store),
          session: auth.Session = Depends(analyst)) -> Any:
    """One incident from several events: the first keeps its id and takes every report."""
    return Desk(store).merge(body.event_ids, session.user, body.versions)


@router.get("/events/{event_id}", response_model=m.EventDetail, responses=ERRORS)
def get_event(event_id: str, store: EventStore = Depends(get_store),
              _: auth.Session = Depends(viewer)) -> Any:
    """One event with its reports (each report's own record), sources, evidence and the analyst's edits."""
    return Desk(store).event(event_id)


@router.patch("/events/{event_id}", response_model=m.EventDetail, responses=ERRORS)
def patch_event(event_id: str, change: dict[str, Any] = Body(..., examples=[{"fatalities": 7}]),
                version: int | None = Query(None, ge=0, le=2**53, description="the version you read (409 if stale)"),
                store: EventStore = Depends(get_store), session: auth.Session = Depends(analyst)) -> Any:
    """Set fields under the record's own names; they become the analyst's and outlive every reprocess."""
    change = dict(change)
    if "version" in change:
        version = change.pop("version")
        if isinstance(version, bool) or not isinstance(version, int) or not 0 <= version <= 2**53:
            raise ApiError(422, "version must be a whole number", "version")
    return Desk(store).edit(event_id, change, version, session.user)


@router.post("/events/{event_id}/review", response_model=m.EventDetail, responses=ERRORS)
def review_event(event_id: str, body: m.ReviewIn, store: EventStore = Depends(get_store),
                 session: auth.Session = Depends(analyst)) -> Any:
    """Approve, or reject with a reason (or reset to unreviewed)."""
    return Desk(store).review(event_id, body.action, body.reason, body.version, session.user)


@router.post("/events/{event_id}/split", response_model=m.SplitOut, responses=ERRORS)
def split(event_id: str, body: m.SplitIn, store: EventStore = Depends(get_store),
          session: auth.Session = Depends(analyst)) -> Any:
    """Take some articles' reports off an event into a new event."""
    return Desk(store).split(event_id, body.document_ids, session.user, body.version)


@router.post("/events/{event_id}/evidence", response_model=m.EventDetail, responses=ERRORS)
def set_evidence(event_id: str, body: m.EvidenceIn, store: EventStore = Depends(get_store),
                 session: auth.Session = Depends(analyst)) -> Any:
    """Mark words of an article as the evidence of one of the event's fields."""
    return Desk(store).set_evidence(event_id, body.document_id, body.field, body.start, body.end, session.user,
                                    body.version)


@router.get("/events/{event_id}/history", response_model=list[m.HistoryEntry], responses=ERRORS)
def history(event_id: str, store: EventStore = Depends(get_store),
            _: auth.Session = Depends(viewer)) -> Any:
    """The audit trail: who changed what, when, before and after."""
    return Desk(store).history(event_id)
