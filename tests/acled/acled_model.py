"""Reading ACLED CSV rows with the `acled` PyPI client's own event model (`acled.models.AcledEvent`, the
TypedDict its client returns, and `AcledDataClient._parse_event`, which types the API's values)."""

import datetime
import logging
import types
import typing

import pytest

acled_models = pytest.importorskip("acled.models")
acled_client = pytest.importorskip("acled.clients.acled_data_client")

HINTS = typing.get_type_hints(acled_models.AcledEvent)


def _convert(name, kind, value):
    if kind is str:
        return value
    if kind is int:
        return int(value)
    if kind is float:
        return float(value)
    if kind is datetime.date:
        return datetime.date.fromisoformat(value)
    if kind is datetime.datetime:
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)
    raise AssertionError(f"{name}: no rule for {kind}")


def parse_row(row: dict) -> dict:
    """The row as the client's model holds it; AssertionError naming the field that does not fit."""
    assert set(row) == set(HINTS), f"columns differ from AcledEvent: {set(row) ^ set(HINTS)}"
    parsed = acled_client.AcledDataClient._parse_event(types.SimpleNamespace(log=logging.getLogger("t")), dict(row))
    out = {}
    for name, hint in HINTS.items():
        args = typing.get_args(hint)
        optional = type(None) in args
        kind = next((a for a in args if a is not type(None)), hint) if args else hint
        value = row[name]
        if value == "":
            assert optional or kind is str, f"{name}: empty, but AcledEvent says {hint}"
            assert name not in ("actor1", "location", "country", "event_type", "sub_event_type", "event_id_cnty"), \
                f"{name}: empty"
            out[name] = None
            continue
        try:
            out[name] = _convert(name, kind, value)
        except ValueError as exc:
            raise AssertionError(f"{name}={value!r} is not {hint}: {exc}") from None
        if kind in (int, float, datetime.date, datetime.datetime) and name in parsed and not isinstance(
                parsed[name], str):
            assert parsed[name] == out[name], f"{name}: the client reads {parsed[name]!r}"
    return out
