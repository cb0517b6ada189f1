"""The analyst's layer of the store: review status, edits kept apart from machine output, history, users.

The machine's output stays where the extractor put it (each report's record in `reports`); an analyst's
change to a field is a row of `event_edits` (one per events column), re-applied every time the store
recomputes an event from its reports, so `reprocess` never overwrites it and the event keeps its id.
Every change is a row of `event_history` (who, when, action, before, after, reason), as INCEpTION
records every accepted or corrected suggestion. `events.version` grows with every change: a writer
says which version it read, and a stale one is refused (optimistic concurrency, HTTP 409).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from typing import Any

# Store migrations 10 and up belong to the review layer (2..9 are the store's own).
MIGRATIONS: list[tuple[int, str]] = [
    (10, """
    ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE events ADD COLUMN review_status TEXT NOT NULL DEFAULT 'unreviewed';
    ALTER TABLE events ADD COLUMN review_reason TEXT;
    ALTER TABLE events ADD COLUMN reviewed_by TEXT;
    ALTER TABLE events ADD COLUMN reviewed_at TEXT;
    ALTER TABLE events ADD COLUMN analyst_record TEXT;
    CREATE INDEX events_review ON events(review_status, confidence);
    CREATE INDEX events_updated ON events(updated_at);
    CREATE TABLE event_edits (
        event_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT,
        user TEXT,
        at TEXT NOT NULL,
        PRIMARY KEY (event_id, field)
    );
    CREATE TABLE event_history (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        user TEXT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        reason TEXT
    );
    CREATE INDEX event_history_event ON event_history(event_id, id);
    CREATE TABLE analyst_evidence (
        event_id TEXT NOT NULL,
        document_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT,
        user TEXT,
        at TEXT NOT NULL
    );
    CREATE INDEX analyst_evidence_event ON analyst_evidence(event_id);
    CREATE TABLE report_pins (
        document_id INTEGER NOT NULL,
        sub_event_type TEXT NOT NULL,
        event_date TEXT,
        event_id TEXT NOT NULL,
        PRIMARY KEY (document_id, sub_event_type, event_date)
    );
    CREATE TABLE users (
        name TEXT PRIMARY KEY,
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        expires_at REAL NOT NULL
    )
    """),
    (11, """
    CREATE INDEX events_where ON events(country COLLATE NOCASE, admin1 COLLATE NOCASE);
    CREATE INDEX events_kind ON events(event_type, event_date);
    DROP INDEX events_review;
    CREATE INDEX events_queue ON events(review_status DESC, confidence)
    """),
]

REVIEW_STATUSES = ("unreviewed", "approved", "rejected")
ROLES = ("viewer", "analyst", "admin")

# The events columns an analyst may set, grouped by the record field that owns them.
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "event_type": ("event_type",), "sub_event_type": ("sub_event_type",), "event_date": ("event_date",),
    "time_precision": ("time_precision",),
    "actor1": ("actor1", "actor1_id", "inter1"), "actor2": ("actor2", "actor2_id", "inter2"),
    "assoc_actor_1": ("assoc_actor_1",), "assoc_actor_2": ("assoc_actor_2",),
    "location": ("location", "place_id", "country", "admin1", "admin2", "admin3", "latitude", "longitude",
                 "geo_precision"),
    "fatalities": ("fatalities",), "notes": ("notes",),
}
EDITABLE_COLUMNS = tuple(c for cols in FIELD_COLUMNS.values() for c in cols)
Execute = Callable[..., sqlite3.Cursor]


class VersionConflict(Exception):
    """The event changed since the writer read it; carries the current version."""

    def __init__(self, event_id: str, current: int) -> None:
        super().__init__(f"event {event_id} is at version {current}; reload it and apply your change again")
        self.event_id, self.current = event_id, current


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def prepare_for_reading(execute: Execute, analyse: bool = False) -> None:
    """A connection that serves one web request: read the file through a memory map (a fresh connection has
    an empty page cache; the map shares the operating system's). With `analyse`, give the query planner the
    index statistics it needs to choose well, once, if the store has none yet."""
    execute("PRAGMA mmap_size = 268435456")
    if analyse and execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone() is None:
        execute("ANALYZE")


# --- hooks the store calls when it recomputes an event from its reports ---------------------------

def apply_edits(execute: Execute, event_id: str) -> None:
    """Put the analyst's values back over the machine's after a recomputation, and count a version."""
    edits = execute("SELECT field, value FROM event_edits WHERE event_id = ?", (event_id,)).fetchall()
    sets = [f"{row[0]} = ?" for row in edits if row[0] in EDITABLE_COLUMNS]
    params = [json.loads(row[1]) for row in edits if row[0] in EDITABLE_COLUMNS]
    execute(f"UPDATE events SET {', '.join([*sets, 'version = version + 1'])} WHERE event_id = ?",
            (*params, event_id))


def analyst_owned(execute: Execute, event_id: str) -> bool:
    """An event an analyst edited, reviewed, merged or split is never dropped by a recomputation."""
    row = execute("SELECT 1 FROM event_edits WHERE event_id = ? UNION ALL SELECT 1 FROM events "
                  "WHERE event_id = ? AND review_status != 'unreviewed' UNION ALL SELECT 1 FROM report_pins "
                  "WHERE event_id = ? LIMIT 1", (event_id, event_id, event_id)).fetchone()
    return row is not None


def pinned_event(execute: Execute, document_id: int, sub_event_type: str, event_date: str | None) -> str | None:
    """The event an analyst attached this document's report to (by merge or split), if it still exists."""
    row = execute("SELECT p.event_id FROM report_pins p JOIN events e ON e.event_id = p.event_id "
                  "WHERE p.document_id = ? AND p.sub_event_type = ? AND p.event_date IS ?",
                  (document_id, sub_event_type, event_date)).fetchone()
    return row[0] if row else None


# --- the analyst's writes ---------------------------------------------------------------------------

def event_row(execute: Execute, event_id: str) -> dict[str, Any] | None:
    row = execute("SELECT * FROM events WHERE event_id = ?", (event_id,)).fetchone()
    return dict(row) if row is not None else None


def check_version(row: dict[str, Any], expected: int | None) -> None:
    if expected is not None and row["version"] != expected:
        raise VersionConflict(row["event_id"], row["version"])


def record_history(execute: Execute, event_id: str, user: str | None, action: str, before: Any, after: Any,
                   reason: str | None = None) -> None:
    execute("INSERT INTO event_history (event_id, user, at, action, before, after, reason) VALUES (?,?,?,?,?,?,?)",
            (event_id, user, now(), action, dumps(before), dumps(after), reason))


def analyst_fields(row: dict[str, Any]) -> dict[str, Any]:
    """The record fields an analyst set (whole values), to lay over the machine's record."""
    return json.loads(row.get("analyst_record") or "{}")


def set_columns(execute: Execute, event_id: str, values: dict[str, Any], record: dict[str, Any],
                user: str | None) -> None:
    """Write analyst values: into the event row now, and into `event_edits` so they outlive a reprocess;
    `record` holds the same change as record fields (kept whole in `events.analyst_record`)."""
    at = now()
    row = execute("SELECT analyst_record FROM events WHERE event_id = ?", (event_id,)).fetchone()
    fields = {**json.loads(row[0] or "{}"), **record}
    for column, value in values.items():
        if column not in EDITABLE_COLUMNS:
            raise KeyError(column)
        execute("INSERT INTO event_edits VALUES (?,?,?,?,?) ON CONFLICT(event_id, field) DO UPDATE SET "
                "value = excluded.value, user = excluded.user, at = excluded.at",
                (event_id, column, json.dumps(value, ensure_ascii=False), user, at))
    sets = ", ".join(f"{c} = ?" for c in values)
    execute(f"UPDATE events SET {sets}, analyst_record = ?, version = version + 1, updated_at = ? "
            "WHERE event_id = ?", (*values.values(), json.dumps(fields, ensure_ascii=False), at, event_id))


def set_review(execute: Execute, event_id: str, status: str, reason: str | None, user: str | None) -> None:
    execute("UPDATE events SET review_status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?, "
            "version = version + 1 WHERE event_id = ?", (status, reason, user, now(), event_id))


def edited_fields(execute: Execute, event_id: str) -> dict[str, dict[str, Any]]:
    """Which columns are the analyst's, with who set them and when."""
    return {r["field"]: {"value": json.loads(r["value"]), "user": r["user"], "at": r["at"]}
            for r in execute("SELECT * FROM event_edits WHERE event_id = ?", (event_id,))}


def history(execute: Execute, event_id: str) -> list[dict[str, Any]]:
    rows = execute("SELECT * FROM event_history WHERE event_id = ? ORDER BY id", (event_id,)).fetchall()
    return [{"id": r["id"], "user": r["user"], "at": r["at"], "action": r["action"],
             "before": json.loads(r["before"]) if r["before"] else None,
             "after": json.loads(r["after"]) if r["after"] else None, "reason": r["reason"]} for r in rows]


def add_evidence(execute: Execute, event_id: str, document_id: int, field: str, start: int, end: int, text: str,
                 user: str | None) -> None:
    """The analyst's evidence for a field replaces the analyst's earlier evidence for it in that article."""
    execute("DELETE FROM analyst_evidence WHERE event_id = ? AND document_id = ? AND field = ?",
            (event_id, document_id, field))
    execute("INSERT INTO analyst_evidence VALUES (?,?,?,?,?,?,?,?)",
            (event_id, document_id, field, start, end, text, user, now()))


def pin_reports(execute: Execute, event_id: str, report_keys: Iterable[tuple[int, str, str | None]]) -> None:
    """Keep these documents' reports on this event through a reprocess (after a merge or a split)."""
    for document_id, sub_event_type, event_date in report_keys:
        execute("INSERT OR REPLACE INTO report_pins VALUES (?,?,?,?)",
                (document_id, sub_event_type, event_date, event_id))


def move_reports(execute: Execute, source: str, target: str) -> None:
    """Hand every report and evidence span of one event to another and drop the emptied event (a merge).

    The dropped event's history stays under its id (ending with "merged into"); its analyst evidence and
    pins follow the reports."""
    execute("UPDATE reports SET event_id = ? WHERE event_id = ?", (target, source))
    for table in ("evidence", "analyst_evidence", "report_pins"):
        execute(f"UPDATE {table} SET event_id = ? WHERE event_id = ?", (target, source))
    execute("DELETE FROM event_edits WHERE event_id = ?", (source,))
    execute("DELETE FROM events WHERE event_id = ?", (source,))


def split_reports(execute: Execute, event_id: str, new_id: str, document_ids: list[int]) -> None:
    """Give these documents' reports and evidence of an event to a new event (a split)."""
    marks = ",".join("?" * len(document_ids))
    execute("INSERT INTO events (event_id, event_type, sub_event_type, created_at, updated_at) "
            "SELECT ?, event_type, sub_event_type, ?, ? FROM events WHERE event_id = ?",
            (new_id, now(), now(), event_id))
    for table in ("reports", "evidence", "analyst_evidence"):
        execute(f"UPDATE {table} SET event_id = ? WHERE event_id = ? AND document_id IN ({marks})",
                (new_id, event_id, *document_ids))
    execute(f"DELETE FROM report_pins WHERE event_id = ? AND document_id IN ({marks})", (event_id, *document_ids))
