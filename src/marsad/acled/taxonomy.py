"""ACLED's tables: event types and sub-event types, disorder types, inter codes, the export's columns.

They are ACLED's definitions, not Marsad's choices, so they live in one data file (`acled/data/acled.yaml`)
that the scorer, the events stage and every writer read.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def acled_tables() -> dict[str, Any]:
    """The parsed `acled.yaml` (read once)."""
    text = resources.files("marsad.acled").joinpath("data/acled.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # the C parser when there is one


_T = acled_tables()
ACLED_COLUMNS: tuple[str, ...] = tuple(_T["columns"])
EVENT_TYPES: dict[str, tuple[str, ...]] = {et: tuple(subs) for et, subs in _T["event_types"].items()}
SUB_TO_TYPE: dict[str, str] = {sub: et for et, subs in EVENT_TYPES.items() for sub in subs}
DISORDER: dict[str, str] = dict(_T["disorder_by_type"])
INTER_CODES: dict[int, str] = {int(k): v for k, v in _T["inter_codes"].items()}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    """ACLED's disorder_type of an event ("" for a type ACLED does not know)."""
    return _T["disorder_by_sub_type"].get(sub_event_type) or DISORDER.get(event_type, "")


def valid_type(event_type: str | None, sub_event_type: str | None) -> bool:
    return event_type in EVENT_TYPES and SUB_TO_TYPE.get(sub_event_type or "") == event_type
