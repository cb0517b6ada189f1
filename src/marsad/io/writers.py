"""Writing events: extract's formats (JSONL, JSON, ACLED CSV, a table) and the store's exports.

Records come from `io.serialize`, ACLED rows from `acled.rows`; this module only lays them out.
"""

from __future__ import annotations

import csv
import json
import shutil
import time
from collections import Counter
from typing import Any, TextIO

from marsad.acled.rows import FLOAT_COLUMNS, INTEGER_COLUMNS, acled_row, cnty_number, why_not_acled
from marsad.acled.taxonomy import ACLED_COLUMNS
from marsad.io.serialize import dumps, event_record, result_record
from marsad.model import Result
from marsad.store.ids import content_hash, report_event_id

PARQUET_INSTALL = "pip install 'marsad[parquet]' (or pip install pyarrow)"


def csv_value(v: Any) -> Any:
    return "" if v is None else v


class AcledCsv:
    """ACLED's CSV: its 31 columns in its order; rows ACLED could not hold are counted, not written."""

    def __init__(self, out: TextIO) -> None:
        self.writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS)
        self.writer.writeheader()
        self.written = 0
        self.left_out: Counter[str] = Counter()

    def write(self, row: dict[str, Any]) -> bool:
        why = why_not_acled(row)
        if why:
            self.left_out[why] += 1
            return False
        self.writer.writerow({k: csv_value(v) for k, v in row.items()})
        self.written += 1
        return True


def extracted_rows(result: Result, timestamp: int) -> list[dict[str, Any]]:
    """The ACLED rows of a fresh extraction; the number of each is derived from the article and the event."""
    doc = result.document
    h = content_hash(doc.text)
    rows = []
    for position, ev in enumerate(result.events):
        eid = report_event_id(h, position, ev.sub_event_type)
        rows.append(acled_row(event_record(ev), number=cnty_number(eid), sources=[(doc.outlet, doc.url)],
                              timestamp=timestamp, country=doc.country))
    return rows


class Writer:
    """Writes extraction results one at a time in the chosen format."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self._json_first = True
        self._csv: AcledCsv | None = None
        self.timestamp = int(time.time())

    @property
    def left_out(self) -> Counter[str]:
        return self._csv.left_out if self._csv else Counter()

    def write(self, result: Result, error: str | None = None) -> None:
        if self.fmt == "jsonl":
            self.out.write(dumps(result_record(result, error)) + "\n")
        elif self.fmt == "json":
            self.out.write("[\n" if self._json_first else ",\n")
            self._json_first = False
            self.out.write(json.dumps(result_record(result, error), ensure_ascii=False, indent=1))
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = AcledCsv(self.out)
            for row in extracted_rows(result, self.timestamp):
                self._csv.write(row)
        else:
            self._table(result, error)

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self._json_first else "\n]\n")
        elif self.fmt == "csv" and self._csv is None:
            self._csv = AcledCsv(self.out)
        self.out.flush()

    def _table(self, result: Result, error: str | None) -> None:
        width = max(60, min(shutil.get_terminal_size((120, 20)).columns, 160))
        self.out.write(f"── {result.id} " + "─" * max(0, width - len(result.id) - 4) + "\n")
        if error:
            self.out.write(f"   error: {error}\n")
            return
        if not result.events:
            self.out.write("   no events\n")
        for ev in result.events:
            date = ev.event_date.isoformat() if ev.event_date else "????-??-??"
            loc = ev.location
            where = f"{loc.name} ({loc.admin1}) p{loc.geo_precision}" if loc else "-"
            a1 = ev.actor1.name if ev.actor1 else "-"
            a2 = ev.actor2.name if ev.actor2 else "-"
            self.out.write(f"   {date} p{ev.time_precision or '-'}  {ev.event_type} / {ev.sub_event_type}"
                           f"  [conf {ev.confidence:.2f}]\n")
            self.out.write(f"      {a1}  →  {a2}\n      at {where}   killed: {ev.fatalities}\n")
            self.out.write(f"      {ev.notes}\n")


# --- the store's export formats ---------------------------------------------------------------------

def geojson_feature(record: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON feature: the ACLED columns as typed properties (plus the ids and sources); a null geometry
    for an event without a location."""
    props = {k: v for k, v in row.items() if k not in FLOAT_COLUMNS}
    props["event_id"] = record["event_id"]
    props["sources"] = json.dumps(record["sources"], ensure_ascii=False)
    loc = record.get("location")
    geometry = None
    if loc:
        geometry = {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]}
    return {"type": "Feature", "id": record["event_id"], "geometry": geometry, "properties": props}


def write_geojson(features: list[dict[str, Any]], out: TextIO) -> None:
    out.write('{"type": "FeatureCollection", "features": [')
    for k, f in enumerate(features):
        out.write(("\n" if k == 0 else ",\n") + json.dumps(f, ensure_ascii=False))
    out.write("\n]}\n")


def write_parquet(rows: list[dict[str, Any]], records: list[dict[str, Any]], path: str) -> None:
    """The ACLED columns (typed: integer timestamp and interaction, a date32 event_date), the event id and
    the sources; ImportError (with how to install it) when pyarrow is missing."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ImportError(f"Parquet needs pyarrow: {PARQUET_INSTALL}") from None
    from datetime import date

    types = {"year": pa.int16(), "time_precision": pa.int8(), "inter1": pa.int8(), "inter2": pa.int8(),
             "interaction": pa.int16(), "iso": pa.int16(), "geo_precision": pa.int8(), "fatalities": pa.int32(),
             "timestamp": pa.int64(), "latitude": pa.float64(), "longitude": pa.float64()}
    fields = [("event_id", pa.string())]
    for name in ACLED_COLUMNS:
        fields.append((name, pa.date32() if name == "event_date" else types.get(name, pa.string())))
    fields.append(("sources", pa.string()))
    schema = pa.schema(fields)
    cols: dict[str, list[Any]] = {name: [] for name, _ in fields}
    for row, rec in zip(rows, records):
        cols["event_id"].append(rec["event_id"])
        for name in ACLED_COLUMNS:
            v = row[name]
            if name == "event_date":
                v = date.fromisoformat(v) if v else None
            elif name not in INTEGER_COLUMNS and name not in FLOAT_COLUMNS and v == "":
                v = None
            cols[name].append(v)
        cols["sources"].append(json.dumps(rec["sources"], ensure_ascii=False))
    pq.write_table(pa.table(cols, schema=schema), path)
