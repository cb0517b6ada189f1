"""Writing results: JSONL (the output contract of SCHEMA.md), JSON, ACLED CSV, a table."""

from __future__ import annotations

import csv
import json
import shutil
import time
from typing import Any, TextIO

from marsad.acled.countries import country_by_name
from marsad.model import Event, Result

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
DISORDER = {
    "Battles": "Political violence", "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence", "Riots": "Political violence",
    "Protests": "Demonstrations", "Strategic developments": "Strategic developments",
}


def result_record(result: Result, error: str | None = None) -> dict[str, Any]:
    rec = result.to_dict()
    if error:
        rec["error"] = error
    warnings = result.document.warnings
    if warnings:
        rec["warnings"] = list(warnings)
    return rec


def acled_columns(f: dict[str, Any], serial: int) -> dict[str, Any]:
    """One ACLED export row from an event's flat fields (from an extraction or from the store).

    `f` holds event_type, sub_event_type, event_date (ISO or ""), time_precision, actor1, actor2, inter1,
    inter2, assoc_actor_1/2 (lists of names), country, admin1-3, location, latitude, longitude,
    geo_precision, source, notes, fatalities, timestamp.
    """
    known = country_by_name(f.get("country"))
    iso, iso3, region = (known.iso_numeric, known.iso3, known.region) if known else ("", "", "")
    inter1, inter2 = f.get("inter1") or "", f.get("inter2") or ""
    codes = sorted(c for c in (inter1, inter2) if c != "")
    disorder = DISORDER.get(f["event_type"], "")
    if f["sub_event_type"] == "Excessive force against protesters":
        disorder = "Political violence; Demonstrations"
    civilian = inter2 == 7 and f["event_type"] != "Strategic developments"
    date_ = f.get("event_date") or ""
    lat, lon = f.get("latitude"), f.get("longitude")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{serial}",
        "event_date": date_,
        "year": date_[:4],
        "time_precision": f.get("time_precision") or "",
        "disorder_type": disorder,
        "event_type": f["event_type"],
        "sub_event_type": f["sub_event_type"],
        "actor1": f.get("actor1") or "",
        "assoc_actor_1": "; ".join(f.get("assoc_actor_1") or []),
        "inter1": inter1,
        "actor2": f.get("actor2") or "",
        "assoc_actor_2": "; ".join(f.get("assoc_actor_2") or []),
        "inter2": inter2,
        "interaction": "".join(str(c) for c in codes),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso,
        "region": region,
        "country": f.get("country") or "",
        "admin1": f.get("admin1") or "",
        "admin2": f.get("admin2") or "",
        "admin3": f.get("admin3") or "",
        "location": f.get("location") or "",
        "latitude": round(lat, 4) if lat is not None else "",
        "longitude": round(lon, 4) if lon is not None else "",
        "geo_precision": f.get("geo_precision") or "",
        "source": f.get("source") or "",
        "source_scale": "",
        "notes": f.get("notes") or "",
        "fatalities": f.get("fatalities") or 0,
        "tags": "",
        "timestamp": f.get("timestamp") or int(time.time()),
    }


def acled_row(ev: Event, result: Result, serial: int) -> dict[str, Any]:
    """The ACLED row of a freshly extracted event."""
    loc = ev.location
    return acled_columns({
        "event_type": ev.event_type, "sub_event_type": ev.sub_event_type,
        "event_date": ev.event_date.isoformat() if ev.event_date else "", "time_precision": ev.time_precision,
        "actor1": ev.actor1.name if ev.actor1 else "", "inter1": ev.actor1.actor.inter if ev.actor1 else "",
        "actor2": ev.actor2.name if ev.actor2 else "", "inter2": ev.actor2.actor.inter if ev.actor2 else "",
        "assoc_actor_1": [a.name for a in ev.assoc_actor_1], "assoc_actor_2": [a.name for a in ev.assoc_actor_2],
        "country": loc.country if loc else (result.document.country or ""),
        "admin1": loc.admin1 if loc else "", "admin2": loc.admin2 if loc else "", "admin3": loc.admin3 if loc else "",
        "location": loc.name if loc else "", "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None, "geo_precision": loc.geo_precision if loc else "",
        "source": result.document.outlet or "", "notes": ev.notes, "fatalities": ev.fatalities,
    }, serial)


class Writer:
    """Writes results one at a time in the chosen format."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.serial = 0
        self._json_first = True
        self._csv: csv.DictWriter | None = None

    def write(self, result: Result, error: str | None = None) -> None:
        if self.fmt == "jsonl":
            self.out.write(json.dumps(result_record(result, error), ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self.out.write("[\n" if self._json_first else ",\n")
            self._json_first = False
            self.out.write(json.dumps(result_record(result, error), ensure_ascii=False, indent=1))
        elif self.fmt == "csv":
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=ACLED_COLUMNS)
                self._csv.writeheader()
            for ev in result.events:
                self.serial += 1
                self._csv.writerow(acled_row(ev, result, self.serial))
        else:
            self._table(result, error)

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self._json_first else "\n]\n")
        elif self.fmt == "csv" and self._csv is None:
            csv.DictWriter(self.out, fieldnames=ACLED_COLUMNS).writeheader()
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
