"""The API's export: the desk's selection written by the very function `marsad export` uses."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from marsad.services.export import ExportSummary, write_events
from marsad.store.database import EventStore
from marsad.store.event_query import EventQuery, select_events

# `marsad export` lists events newest first, then by id; the API's export keeps that order.
EXPORT_SORT = "-event_date"


def export_bytes(store: EventStore, query: EventQuery, fmt: str) -> tuple[bytes, ExportSummary]:
    q = EventQuery(**{**query.__dict__, "offset": 0, "limit": None, "sort": query.sort or EXPORT_SORT})
    rows, _, _ = select_events(store._execute, q)
    events = [store._stored(r) for r in rows]
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.parquet"
            summary = write_events(events, fmt, path=str(path))
            return path.read_bytes(), summary
    out = io.StringIO(newline="")
    summary = write_events(events, fmt, out)
    return out.getvalue().encode("utf-8"), summary
