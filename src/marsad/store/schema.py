"""The store's schema: numbered migrations, each applied once, in its own transaction.

Migrations 1-9 are the event store's (this module); 10 and up belong to the review tables
(`store/review.py`). A migration is SQL, or SQL and then a Python step (`MIGRATION_STEPS`) that fills
what SQL cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        url TEXT UNIQUE,
        ext_id TEXT,
        title TEXT,
        outlet TEXT,
        published TEXT,
        text TEXT NOT NULL,
        source TEXT,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE actors (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_ar TEXT, inter INTEGER);
    CREATE TABLE places (id TEXT PRIMARY KEY, name TEXT, name_ar TEXT, country TEXT, admin1 TEXT, admin2 TEXT,
                         admin3 TEXT, latitude REAL, longitude REAL);
    CREATE TABLE events (
        event_id TEXT PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT NOT NULL,
        event_date TEXT,
        time_precision INTEGER,
        actor1 TEXT, actor1_id TEXT, inter1 INTEGER,
        actor2 TEXT, actor2_id TEXT, inter2 INTEGER,
        assoc_actor_1 TEXT, assoc_actor_2 TEXT,
        country TEXT, admin1 TEXT, admin2 TEXT, admin3 TEXT,
        location TEXT, place_id TEXT, latitude REAL, longitude REAL, geo_precision INTEGER,
        fatalities INTEGER NOT NULL DEFAULT 0,
        notes TEXT,
        confidence REAL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX events_date ON events(event_date);
    CREATE INDEX events_type ON events(sub_event_type, event_date);
    CREATE TABLE reports (
        event_id TEXT NOT NULL REFERENCES events(event_id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        position INTEGER NOT NULL,
        fatalities INTEGER NOT NULL DEFAULT 0,
        confidence REAL,
        record TEXT NOT NULL,
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX reports_event ON reports(event_id);
    CREATE TABLE evidence (
        event_id TEXT NOT NULL,
        document_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT
    );
    CREATE INDEX evidence_event ON evidence(event_id);
    CREATE INDEX evidence_document ON evidence(document_id);
    """),
    # 2: what grouping needs on each report, evidence by report, the event's record and stable number,
    # the ids an event had before it was re-keyed
    (2, """
    ALTER TABLE reports ADD COLUMN sub_event_type TEXT;
    ALTER TABLE reports ADD COLUMN event_date TEXT;
    ALTER TABLE reports ADD COLUMN sort_key TEXT;
    ALTER TABLE reports ADD COLUMN country TEXT;
    CREATE INDEX reports_match ON reports(sub_event_type, event_date);
    ALTER TABLE evidence ADD COLUMN position INTEGER;
    CREATE INDEX evidence_report ON evidence(document_id, position);
    ALTER TABLE events ADD COLUMN record TEXT;
    ALTER TABLE events ADD COLUMN cnty_number INTEGER;
    CREATE UNIQUE INDEX events_cnty_number ON events(cnty_number);
    ALTER TABLE events ADD COLUMN evidence_document TEXT;
    CREATE TABLE event_aliases (old_id TEXT PRIMARY KEY, event_id TEXT NOT NULL);
    """),
]


@dataclass
class Filters:
    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    country: str | None = None
    near: tuple[float, float, float] | None = None
    text: str | None = None
    limit: int | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.since:
            clauses.append("e.event_date >= ?")
            params.append(self.since.isoformat())
        if self.until:
            clauses.append("e.event_date <= ?")
            params.append(self.until.isoformat())
        if self.event_type:
            clauses.append("e.event_type = ?")
            params.append(self.event_type)
        if self.sub_type:
            clauses.append("e.sub_event_type = ?")
            params.append(self.sub_type)
        if self.actor:
            clauses.append("(e.actor1 LIKE ? OR e.actor2 LIKE ? OR e.assoc_actor_1 LIKE ? OR e.assoc_actor_2 LIKE ?)")
            params += [f"%{self.actor}%"] * 4
        if self.admin1:
            clauses.append("e.admin1 = ? COLLATE NOCASE")
            params.append(self.admin1)
        if self.country:
            clauses.append("e.country = ? COLLATE NOCASE")
            params.append(self.country)
        if self.near:
            lat, lon, km = self.near
            dlat = km / 111.0
            clauses.append("e.latitude BETWEEN ? AND ?")
            params += [lat - dlat, lat + dlat]
        if self.text:
            clauses.append("(e.notes LIKE ? OR EXISTS (SELECT 1 FROM reports r JOIN documents d ON d.id = r.document_id"
                           " WHERE r.event_id = e.event_id AND (d.text LIKE ? OR d.title LIKE ?)))")
            params += [f"%{self.text}%"] * 3
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
