"""Exporting stored events: ACLED CSV, JSON lines, GeoJSON, Parquet, for any filter.

Every format takes its ACLED columns from `acled.rows.acled_row` and its records from the one
serialiser, so two exports of the same event agree in every format. The summary says how many events
were written and which were left out, and why (an ACLED CSV row needs a day, a place and a country).
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from marsad.acled.rows import acled_row, cnty_number
from marsad.io.serialize import dumps
from marsad.io.writers import AcledCsv, geojson_feature, write_geojson, write_parquet
from marsad.store.database import EventStore, Filters, StoredEvent

FORMATS = ("csv", "jsonl", "geojson", "parquet")


@dataclass
class ExportSummary:
    format: str
    events: int  # matched by the filters
    written: int
    left_out: dict[str, int] = field(default_factory=dict)  # reason -> count
    without_location: int = 0  # GeoJSON: written with a null geometry

    def message(self) -> str:
        text = f"exported {self.written:,} events"
        if self.without_location:
            text += f" ({self.without_location:,} without a location, with a null geometry)"
        if self.left_out:
            why = ", ".join(f"{n:,} with {reason}" for reason, n in sorted(self.left_out.items()))
            text += f"; left out {sum(self.left_out.values()):,} that an ACLED row cannot hold: {why}"
        return text


def _unix(stamp: str | None) -> int:
    """A stored `updated_at` (UTC, ISO) as a Unix time."""
    if not stamp:
        return int(time.time())
    return calendar.timegm(time.strptime(stamp[:19], "%Y-%m-%dT%H:%M:%S"))


def event_row(ev: StoredEvent, record: dict[str, Any] | None = None) -> dict[str, Any]:
    """The ACLED row of a stored event (the outlets of all its sources, its stable number)."""
    rec = record or ev.record()
    return acled_row(rec, number=cnty_number(ev.event_id), sources=[(s["outlet"], s["url"]) for s in ev.sources],
                     timestamp=_unix(ev.row.get("updated_at")), country=ev.row.get("country"))


def export_events(store: EventStore, filters: Filters, fmt: str, out: TextIO | None = None,
                  path: str | None = None) -> ExportSummary:
    """Write the filtered events to `out` (csv, jsonl, geojson) or to the file `path` (parquet)."""
    return write_events(store.query(filters), fmt, out, path)


def write_events(events: list[StoredEvent], fmt: str, out: TextIO | None = None,
                 path: str | None = None) -> ExportSummary:
    """Write these stored events (the CLI's and the web API's selection alike) in one format."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; the formats are: {', '.join(FORMATS)}")
    records = [ev.record() for ev in events]
    summary = ExportSummary(fmt, len(events), 0)
    if fmt == "jsonl":
        assert out is not None
        for rec in records:
            out.write(dumps(rec) + "\n")
        summary.written = len(records)
    elif fmt == "csv":
        assert out is not None
        table = AcledCsv(out)
        for ev, rec in zip(events, records):
            table.write(event_row(ev, rec))
        summary.written, summary.left_out = table.written, dict(table.left_out)
    elif fmt == "geojson":
        assert out is not None
        features = [geojson_feature(rec, event_row(ev, rec)) for ev, rec in zip(events, records)]
        write_geojson(features, out)
        summary.written = len(features)
        summary.without_location = sum(1 for f in features if f["geometry"] is None)
    else:
        if not path:
            raise ValueError("Parquet needs a file: -o FILE.parquet")
        write_parquet([event_row(ev, rec) for ev, rec in zip(events, records)], records, path)
        summary.written = len(records)
    return summary
