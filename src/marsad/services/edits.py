"""An analyst's change to an event, checked field by field before anything is written.

A change names fields the way the event record does (`{"fatalities": 7}`, `{"actor1": {"name": ...}}`,
`{"location": {"latitude": 34.7, "longitude": 36.7, "geo_precision": 1}}`); ACLED's flat column names
(`admin1`, `latitude` ...) are accepted too and change the location. The result is a `Change`: the
record's fields as they will read (whole, schema-valid actor and location objects) and the events
columns to set. Any problem raises `FieldError` naming the field, so the API answers 422 with it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from marsad.acled.taxonomy import EVENT_TYPES, SUB_TO_TYPE
from marsad.services import lookup

LOCATION_TEXT = ("name", "name_ar", "country", "admin1", "admin2", "admin3", "place_id")
FLAT_LOCATION = ("country", "admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision", "place_id")
MAX_TEXT = 10_000


class FieldError(ValueError):
    """A value an event field cannot take; `field` names it as the request did."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field, self.message = field, message


@dataclass
class Change:
    record: dict[str, Any] = field(default_factory=dict)  # record field -> its new value
    columns: dict[str, Any] = field(default_factory=dict)  # events column -> its new value


def _text(name: str, value: Any, allow_empty: bool = True) -> str:
    if not isinstance(value, str):
        raise FieldError(name, "must be text")
    if len(value) > MAX_TEXT:
        raise FieldError(name, f"at most {MAX_TEXT:,} characters")
    if not allow_empty and not value.strip():
        raise FieldError(name, "must not be empty")
    return value


def _int(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise FieldError(name, f"must be a whole number from {low} to {high}")
    return value


def _coordinate(name: str, value: Any, limit: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) \
            or abs(value) > limit:
        raise FieldError(name, f"must be a number from -{limit:g} to {limit:g}")
    return round(float(value), 4)


def _actor(name: str, value: Any, current: dict[str, Any] | None) -> dict[str, Any]:
    """A whole actor object: the lexicon fills what the analyst did not give (Arabic name, inter code)."""
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        raise FieldError(name, "must be an actor {name, id, inter}, a name, or null")
    unknown = set(value) - {"name", "id", "inter", "name_ar", "text", "evidence"}
    if unknown:
        raise FieldError(f"{name}.{sorted(unknown)[0]}", "is not a field of an actor")
    actor_id = _text(f"{name}.id", value["id"]) if value.get("id") is not None else ""
    known = lookup.actor_entry(actor_id) if actor_id else None
    if "name" not in value and known is None:
        raise FieldError(f"{name}.name", "is required")
    actor_name = _text(f"{name}.name", value["name"], allow_empty=False) if "name" in value else known["name"]
    known = known or lookup.actor_named(actor_name)
    inter = value.get("inter", known["inter"] if known else None)
    if inter is None:
        raise FieldError(f"{name}.inter", "give the ACLED inter code (1-8) of an actor the lexicon does not know")
    same = current is not None and (current.get("id") == (actor_id or (known or {}).get("id"))
                                    or current.get("name") == actor_name)
    return {"name": actor_name,
            "name_ar": _text(f"{name}.name_ar", value.get("name_ar") or (known or {}).get("name_ar") or ""),
            "text": _text(f"{name}.text", value.get("text") or (current["text"] if same else "")),
            "inter": _int(f"{name}.inter", inter, 1, 8), "id": actor_id or (known or {}).get("id") or "",
            "evidence": current["evidence"] if same else []}


def _location(name: str, value: Any, current: dict[str, Any] | None) -> dict[str, Any] | None:
    """A whole location: the current one with the analyst's parts over it."""
    if value is None:
        return None
    if isinstance(value, str):
        value = {"name": value}
    if not isinstance(value, dict):
        raise FieldError(name, "must be a location {name, country, admin1, latitude, longitude, ...}, or null")
    out = dict(current or {})
    moved = False
    for key, v in value.items():
        where = f"{name}.{key}" if name == "location" else key
        if key in ("text", "evidence"):
            continue
        if key == "latitude":
            out[key] = _coordinate(where, v, 90)
        elif key == "longitude":
            out[key] = _coordinate(where, v, 180)
        elif key == "geo_precision":
            out[key] = _int(where, v, 1, 3)
        elif key in LOCATION_TEXT:
            out[key] = _text(where, v if v is not None else "")
            moved |= key in ("name", "place_id") and (current or {}).get(key) != out[key]
        else:
            raise FieldError(where, "is not a field of a location")
    for key in ("latitude", "longitude", "geo_precision"):
        if key not in out:
            raise FieldError(f"location.{key}", "a new location needs latitude, longitude and geo_precision")
    for key in LOCATION_TEXT:
        out.setdefault(key, "")
    if moved or current is None:
        out["text"], out["evidence"] = "", []
    return {k: out[k] for k in ("name", "name_ar", "country", "admin1", "admin2", "admin3", "latitude",
                                "longitude", "geo_precision", "text", "place_id", "evidence")}


def _event_date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise FieldError("event_date", "must be a date as YYYY-MM-DD")


def parse_change(change: Any, current: dict[str, Any]) -> Change:
    """The record fields and events columns a change sets; `current` is the event's record as it reads now."""
    if not isinstance(change, dict) or not change:
        raise FieldError("body", "must be a JSON object of the fields to change, e.g. {\"fatalities\": 7}")
    out = Change()
    flat = {k: change[k] for k in FLAT_LOCATION if k in change}
    for key, value in change.items():
        if key in flat:
            continue
        if key in ("actor1", "actor2"):
            out.record[key] = None if value is None else _actor(key, value, current.get(key))
        elif key in ("assoc_actor_1", "assoc_actor_2"):
            if not isinstance(value, list) or len(value) > 50:
                raise FieldError(key, "must be a list of actors (at most 50)")
            out.record[key] = [_actor(f"{key}[{i}]", v, None) for i, v in enumerate(value)]
        elif key == "location":
            out.record[key] = _location(key, value, current.get("location"))
        elif key == "fatalities":
            out.record[key] = _int(key, value, 0, 1_000_000)
        elif key == "time_precision":
            out.record[key] = None if value is None else _int(key, value, 1, 3)
        elif key == "event_date":
            out.record[key] = _event_date(value)
        elif key == "notes":
            out.record[key] = _text(key, value if value is not None else "")
        elif key in ("event_type", "sub_event_type"):
            out.record[key] = _text(key, value, allow_empty=False)
        else:
            raise FieldError(key, "is not an editable field of an event")
    if flat:
        out.record["location"] = _location("flat", flat, out.record.get("location", current.get("location")))
    _check_type(out.record, current)
    out.columns = columns_of(out.record)
    return out


def columns_of(record: dict[str, Any]) -> dict[str, Any]:
    """The events columns that hold these record fields."""
    cols: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("actor1", "actor2"):
            n = key[-1]
            cols.update({key: value and value["name"], f"{key}_id": value and value["id"],
                         f"inter{n}": value and value["inter"]})
        elif key in ("assoc_actor_1", "assoc_actor_2"):
            cols[key] = json.dumps([a["name"] for a in value], ensure_ascii=False)
        elif key == "location":
            loc = value or {}
            cols["location"] = loc.get("name")
            for k in FLAT_LOCATION:
                cols[k] = loc.get(k)
        else:
            cols[key] = value
    return cols


def _check_type(record: dict[str, Any], current: dict[str, Any]) -> None:
    if "sub_event_type" in record:
        sub = record["sub_event_type"]
        if sub not in SUB_TO_TYPE:
            raise FieldError("sub_event_type", f"unknown ACLED sub-event type {sub!r}; one of: "
                             + ", ".join(SUB_TO_TYPE))
        if record.get("event_type", SUB_TO_TYPE[sub]) != SUB_TO_TYPE[sub]:
            raise FieldError("event_type", f"{sub!r} is a sub-event type of {SUB_TO_TYPE[sub]!r}")
        record["event_type"] = SUB_TO_TYPE[sub]
    elif "event_type" in record:
        et = record["event_type"]
        if et not in EVENT_TYPES:
            raise FieldError("event_type", f"unknown ACLED event type {et!r}; one of: " + ", ".join(EVENT_TYPES))
        if SUB_TO_TYPE.get(current.get("sub_event_type") or "") != et:
            raise FieldError("sub_event_type", f"give the sub-event type of {et!r} too: one of "
                             + ", ".join(EVENT_TYPES[et]))
