"""The ACLED row of an event record: ACLED's 31 columns, ACLED's codes, typed values.

Every writer (the CSV of `extract` and `export`, GeoJSON properties, Parquet) takes its columns from
`acled_row`, so the formats cannot disagree. Integer columns are Python ints (or None when unknown),
`timestamp` is a Unix time, `event_id_cnty` is the country's ISO3 code and the event's stable number.
"""

from __future__ import annotations

import hashlib
from typing import Any

from marsad.acled.codes import civilian_targeting, interaction, unidentified_actor1
from marsad.acled.lookup import country_codes, source_columns
from marsad.acled.taxonomy import disorder_type

INTEGER_COLUMNS = ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                   "fatalities", "timestamp")
FLOAT_COLUMNS = ("latitude", "longitude")
CNTY_NUMBER_DIGITS = 9


def cnty_number(event_id: str) -> int:
    """The number of an event's `event_id_cnty`, derived from its id: the same on every machine and run."""
    h = int(hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:15], 16)
    low = 10 ** (CNTY_NUMBER_DIGITS - 1)
    return low + h % (9 * low)


def event_id_cnty(country: str | None, number: int) -> str:
    """ISO3 of the country and the event's number ("SYR123456789"); "XXX" only for no country at all."""
    codes = country_codes(country)
    return f"{codes.iso3 if codes else 'XXX'}{number}"


def _names(actors: list[dict[str, Any]] | None) -> str:
    return "; ".join(a["name"] for a in actors or [] if a.get("name"))


def acled_row(record: dict[str, Any], *, number: int, sources: list[tuple[str | None, str | None]], timestamp: int,
              country: str | None = None) -> dict[str, Any]:
    """The ACLED row of an event record (`io.serialize`'s shape).

    `number` is the event's stable number, `sources` the (outlet, url) of each source, `timestamp` the Unix time of
    the event's last change, `country` the article's country for an event without a location.
    """
    loc = record.get("location") or {}
    country = loc.get("country") or country or ""
    codes = country_codes(country)
    a1, a2 = record.get("actor1") or {}, record.get("actor2") or {}
    actor1, inter1 = a1.get("name") or "", a1.get("inter")
    if not actor1:
        fallback = unidentified_actor1(record["event_type"], country)
        if fallback:
            actor1, inter1 = fallback
    inter2 = a2.get("inter")
    event_date = record.get("event_date") or ""
    source, scale = source_columns(sources)
    lat, lon = loc.get("latitude"), loc.get("longitude")
    return {
        "event_id_cnty": event_id_cnty(country, number),
        "event_date": event_date,
        "year": int(event_date[:4]) if event_date else None,
        "time_precision": record.get("time_precision"),
        "disorder_type": disorder_type(record["event_type"], record["sub_event_type"]),
        "event_type": record["event_type"],
        "sub_event_type": record["sub_event_type"],
        "actor1": actor1,
        "assoc_actor_1": _names(record.get("assoc_actor_1")),
        "inter1": inter1,
        "actor2": a2.get("name") or "",
        "assoc_actor_2": _names(record.get("assoc_actor_2")),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": civilian_targeting(record["event_type"], record["sub_event_type"], inter2),
        "iso": codes.iso if codes else None,
        "region": codes.region if codes else "",
        "country": country,
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": loc.get("admin3") or "",
        "location": loc.get("name") or "",
        "latitude": round(lat, 4) if lat is not None else None,
        "longitude": round(lon, 4) if lon is not None else None,
        "geo_precision": loc.get("geo_precision"),
        "source": source,
        "source_scale": scale,
        "notes": record.get("notes") or "",
        "fatalities": int(record.get("fatalities") or 0),
        "tags": "",
        "timestamp": int(timestamp),
    }


def why_not_acled(row: dict[str, Any]) -> str | None:
    """Why a row cannot be an ACLED row (which needs a date, a place with coordinates, a country), or None."""
    if not row["event_date"]:
        return "no event date"
    if row["latitude"] is None:
        return "no location"
    if row["iso"] is None:
        return "country without an ISO code"
    return None
