"""What the store checks about its file, its errors, and the evidence rows of a record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
STORE_TABLES = {"documents", "events", "reports", "evidence"}


class StoreError(Exception):
    """The store file cannot be used (not a database, another kind of database, damaged): one line."""


class StoreBusyError(StoreError):
    """Another process holds the database for longer than the busy timeout."""


def check_store_file(path: Path) -> None:
    """Refuse, before opening it, a file that is not an SQLite database."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if head and head != SQLITE_MAGIC:
        raise StoreError(f"{path}: not a Marsad store (not an SQLite database)")


def evidence_rows(ev_rec: dict[str, Any], text: str) -> list[tuple[str, int, int, str]]:
    """(field, start, end, words) of every span an event record points at."""
    rows = [("event", s["start"], s["end"]) for s in ev_rec.get("evidence") or []]
    for name in ("actor1", "actor2", "location"):
        for s in (ev_rec.get(name) or {}).get("evidence") or []:
            rows.append((name, s["start"], s["end"]))
    for name, key in (("date", "date_evidence"), ("fatalities", "fatalities_evidence")):
        if ev_rec.get(key):
            rows.append((name, ev_rec[key]["start"], ev_rec[key]["end"]))
    return [(f, s, e, text[s:e]) for f, s, e in rows]
