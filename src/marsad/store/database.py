"""The event store: one SQLite file holding documents, events, who reported what, and the evidence.

SQLite, because the store is a single analyst's growing dataset on one machine: no server to run, one
file to copy or back up, transactions that survive a killed process (each document and its events are
committed together, in WAL mode), and a busy timeout so a second `marsad ingest` waits instead of
corrupting anything.

Deduplication across reports follows ACLED: the same incident reported by several articles (same
sub-event type, dates within a day, places within 10 km or the same named place, compatible actors)
is one event that lists every source. Its fatalities are the most conservative credible figure: the
lowest positive count any report gives (a report that gives none does not lower it to zero).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from marsad.geo.geodesy import haversine_km
from marsad.io.serialize import event_record, stored_event_record
from marsad.model import Document, Event
from marsad.store import review
from marsad.text import normalize

SAME_PLACE_KM = 10.0
DATE_SLACK_DAYS = 1
BUSY_TIMEOUT_S = 60.0

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
]


class StoreError(Exception):
    """The store file cannot be used (not a database, another kind of database, damaged): one line."""


class StoreBusyError(StoreError):
    """Another process holds the database for longer than the busy timeout."""


SQLITE_MAGIC = b"SQLite format 3\x00"
STORE_TABLES = {"documents", "events", "reports", "evidence"}


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


def content_hash(text: str) -> str:
    """The identity of a document's text: normalised, with white space folded."""
    return hashlib.sha256(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


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


@dataclass
class IngestResult:
    document_id: int | None
    new: bool
    events: int = 0
    merged: int = 0


@dataclass
class StoredEvent:
    """An event row, the sources reporting it, and the record of its representative (surest) report."""

    row: dict[str, Any]
    sources: list[dict[str, Any]] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    report_document: str | None = None

    @property
    def event_id(self) -> str:
        return self.row["event_id"]

    def record(self) -> dict[str, Any]:
        """The event record (`io.serialize`): the representative report's record with the event's merged
        fields, and the store's ids and sources."""
        from marsad.acled.rows import cnty_number, event_id_cnty

        rec = dict(self.report)
        rec["fatalities"] = self.row["fatalities"]
        rec["confidence"] = round(self.row["confidence"] or 0.0, 3)
        rec.update(review.analyst_fields(self.row))  # the analyst's fields over the machine's
        cnty = event_id_cnty(self.row["country"], cnty_number(self.event_id))
        return stored_event_record(rec, self.event_id, cnty, self.sources, self.report_document)


class EventStore:
    """Documents and deduplicated events in one SQLite file."""

    def __init__(self, path: Path | str, any_thread: bool = False) -> None:
        """`any_thread`: the connection may be closed by another thread than the one that opened it (a web
        request's store is opened and closed by different worker threads, one request at a time)."""
        self.path = Path(path)
        check_store_file(self.path)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                      check_same_thread=not any_thread)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open: {exc}") from None
        self.db.row_factory = sqlite3.Row
        try:
            self._check_kind()
            self._execute("PRAGMA journal_mode=WAL")
            self._execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise StoreError(f"{self.path}: the database is damaged ({exc}); restore it from a backup") from None
        except StoreError:
            self.db.close()
            raise

    def _check_kind(self) -> None:
        """An SQLite file that holds other tables (a gazetteer index, say) is not taken for a store."""
        tables = {r[0] for r in self._execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        tables -= {"schema_migrations", "sqlite_sequence"}
        if tables and not STORE_TABLES <= tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(f"{self.path}: an SQLite database but not a Marsad store (it holds {shown})")

    def close(self) -> None:
        self.db.close()

    def _rollback(self) -> None:
        """Roll back the open transaction, unless SQLite already did (it does on a full disk): a second
        "cannot rollback" error must not hide the first."""
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _execute(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, tuple(params))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusyError(f"{self.path}: the database is busy (another marsad process is writing); "
                                     "try again when it has finished") from None
            raise

    # --- schema ------------------------------------------------------------------------------------

    def schema_version(self) -> int:
        self._execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT)")
        row = self._execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def migrate(self) -> None:
        """Apply the migrations this file has not seen yet, each in its own transaction."""
        self.schema_version()
        applied = {r[0] for r in self._execute("SELECT version FROM schema_migrations")}
        for version, sql in [*MIGRATIONS, *review.MIGRATIONS]:
            if version in applied:
                continue
            self._execute("BEGIN IMMEDIATE")
            if self._execute("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)).fetchone():
                self._execute("COMMIT")  # another process applied it while this one waited for the lock
                continue
            try:
                for stmt in (s.strip() for s in sql.split(";")):
                    if stmt:
                        self._execute(stmt)
                self._execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, _now()))
                self._execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    # --- documents ---------------------------------------------------------------------------------

    def known(self, text: str, url: str | None) -> bool:
        row = self._execute("SELECT 1 FROM documents WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
                            (content_hash(text), url)).fetchone()
        return row is not None

    def add_document(self, doc: Document, events: list[Event], source: str) -> IngestResult:
        """Store a document and its events in one transaction; an already-known document adds nothing."""
        h = content_hash(doc.text)
        self._execute("BEGIN IMMEDIATE")
        try:
            row = self._execute("SELECT id FROM documents WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)",
                                (h, doc.url)).fetchone()
            if row is not None:
                self._execute("COMMIT")
                return IngestResult(row[0], False)
            cur = self._execute(
                "INSERT INTO documents (content_hash, url, ext_id, title, outlet, published, text, source, "
                "ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (h, doc.url, doc.id, doc.title, doc.outlet, doc.published.isoformat() if doc.published else None,
                 doc.text, source, _now()))
            doc_id = cur.lastrowid
            result = IngestResult(doc_id, True)
            self._attach_events(doc_id, doc, events, result, reuse=[])
            self._execute("COMMIT")
            return result
        except BaseException:
            self._rollback()
            raise

    def _attach_events(self, doc_id: int, doc: Document, events: list[Event], result: IngestResult,
                       reuse: list[str]) -> None:
        for position, ev in enumerate(events):
            rec = event_record(ev)
            date_ = ev.event_date.isoformat() if ev.event_date else None
            target = review.pinned_event(self._execute, doc_id, ev.sub_event_type, date_) or self._find_same(
                ev, prefer=reuse)
            if target is None:
                target = self._new_event_id(doc_id, position, ev)
                self._insert_event(target, ev)
            else:
                result.merged += 1
            self._execute("INSERT INTO reports VALUES (?,?,?,?,?,?)",
                          (target, doc_id, position, ev.fatalities, ev.confidence, json.dumps(rec, ensure_ascii=False)))
            self._add_evidence(target, doc_id, doc, ev)
            self._remember_refs(ev)
            self._refresh(target)
            result.events += 1

    def _new_event_id(self, doc_id: int, position: int, ev: Event) -> str:
        key = f"{doc_id}:{position}:{ev.sub_event_type}:{ev.event_date}:{time.time_ns()}"
        return "EV" + hashlib.sha1(key.encode()).hexdigest()[:12].upper()

    def _insert_event(self, event_id: str, ev: Event) -> None:
        now = _now()
        self._execute("INSERT INTO events (event_id, event_type, sub_event_type, created_at, updated_at) "
                      "VALUES (?,?,?,?,?)", (event_id, ev.event_type, ev.sub_event_type, now, now))

    def _add_evidence(self, event_id: str, doc_id: int, doc: Document, ev: Event) -> None:
        rows = [("event", s.start, s.end) for s in ev.evidence]
        for name, mention in (("actor1", ev.actor1), ("actor2", ev.actor2)):
            if mention is not None:
                rows.append((name, mention.start, mention.end))
        if ev.location is not None:
            rows.append(("location", ev.location.start, ev.location.end))
        if ev.date_mention is not None:
            rows.append(("date", ev.date_mention.start, ev.date_mention.end))
        if ev.fatalities_evidence is not None:
            rows.append(("fatalities", ev.fatalities_evidence.start, ev.fatalities_evidence.end))
        self.db.executemany("INSERT INTO evidence VALUES (?,?,?,?,?,?)",
                            [(event_id, doc_id, f, s, e, doc.text[s:e]) for f, s, e in rows])

    def _remember_refs(self, ev: Event) -> None:
        for m in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2):
            if m is not None:
                self._execute("INSERT OR IGNORE INTO actors VALUES (?,?,?,?)",
                              (m.actor.id, m.name, m.actor.name_ar, m.actor.inter))
        loc = ev.location
        if loc is not None and loc.place_id:
            self._execute("INSERT OR IGNORE INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                          (loc.place_id, loc.name, loc.name_ar, loc.country, loc.admin1, loc.admin2, loc.admin3,
                           loc.latitude, loc.longitude))

    # --- deduplication -----------------------------------------------------------------------------

    def _find_same(self, ev: Event, prefer: list[str]) -> str | None:
        """An existing event reporting the same incident, or None."""
        if ev.event_date is None:
            return None
        lo = (ev.event_date - timedelta(days=DATE_SLACK_DAYS)).isoformat()
        hi = (ev.event_date + timedelta(days=DATE_SLACK_DAYS)).isoformat()
        rows = self._execute("SELECT * FROM events WHERE sub_event_type = ? AND event_date BETWEEN ? AND ?",
                             (ev.sub_event_type, lo, hi)).fetchall()
        candidates = [r for r in rows if same_incident(ev, r)]
        if not candidates:
            return None
        preferred = [r for r in candidates if r["event_id"] in prefer]
        best = min(preferred or candidates, key=lambda r: _distance(ev, r))
        return best["event_id"]

    def _refresh(self, event_id: str) -> None:
        """Recompute an event's fields from all its reports."""
        reports = self._execute(
            "SELECT r.record, r.fatalities, r.confidence, d.published FROM reports r JOIN documents d "
            "ON d.id = r.document_id WHERE r.event_id = ? ORDER BY r.confidence DESC", (event_id,)).fetchall()
        if not reports:
            if not review.analyst_owned(self._execute, event_id):
                self._execute("DELETE FROM events WHERE event_id = ?", (event_id,))
            return
        best = json.loads(reports[0]["record"])  # the surest report gives the fields
        positive = [r["fatalities"] for r in reports if r["fatalities"] > 0]
        fatalities = min(positive) if positive else 0
        a1, a2, loc = best.get("actor1") or {}, best.get("actor2") or {}, best.get("location") or {}
        confidence = min(1.0, max(r["confidence"] or 0 for r in reports) + 0.05 * (len(reports) - 1))
        self._execute(
            "UPDATE events SET event_type=?, sub_event_type=?, event_date=?, time_precision=?, actor1=?, actor1_id=?,"
            " inter1=?, actor2=?, actor2_id=?, inter2=?, assoc_actor_1=?, assoc_actor_2=?, country=?, admin1=?,"
            " admin2=?, admin3=?, location=?, place_id=?, latitude=?, longitude=?, geo_precision=?, fatalities=?,"
            " notes=?, confidence=?, updated_at=? WHERE event_id=?",
            (best["event_type"], best["sub_event_type"], best["event_date"], best["time_precision"],
             a1.get("name"), a1.get("id"), a1.get("inter"), a2.get("name"), a2.get("id"), a2.get("inter"),
             json.dumps([a["name"] for a in best.get("assoc_actor_1") or []], ensure_ascii=False),
             json.dumps([a["name"] for a in best.get("assoc_actor_2") or []], ensure_ascii=False),
             loc.get("country"), loc.get("admin1"), loc.get("admin2"), loc.get("admin3"), loc.get("name"),
             loc.get("place_id"), loc.get("latitude"), loc.get("longitude"), loc.get("geo_precision"), fatalities,
             best.get("notes"), confidence, _now(), event_id))
        review.apply_edits(self._execute, event_id)  # the analyst's fields win over the machine's

    # --- reprocessing ------------------------------------------------------------------------------

    def documents(self, ids: list[int] | None = None) -> Iterator[sqlite3.Row]:
        if ids is None:
            yield from self._execute("SELECT * FROM documents ORDER BY id").fetchall()
        else:
            for i in ids:
                row = self._execute("SELECT * FROM documents WHERE id = ?", (i,)).fetchone()
                if row is not None:
                    yield row

    def replace_events(self, doc_row: sqlite3.Row, doc: Document, events: list[Event]) -> IngestResult:
        """Re-attach a stored document's events after re-extraction, keeping ids where the event is the same."""
        doc_id = doc_row["id"]
        self._execute("BEGIN IMMEDIATE")
        try:
            old = [r[0] for r in self._execute("SELECT DISTINCT event_id FROM reports WHERE document_id = ?",
                                               (doc_id,))]
            self._execute("DELETE FROM reports WHERE document_id = ?", (doc_id,))
            self._execute("DELETE FROM evidence WHERE document_id = ?", (doc_id,))
            for eid in old:
                self._refresh_or_keep(eid)
            result = IngestResult(doc_id, False)
            self._attach_events(doc_id, doc, events, result, reuse=old)
            for eid in old:
                self._refresh(eid)  # events no report supports any more are removed
            self._execute("COMMIT")
            return result
        except BaseException:
            self._rollback()
            raise

    def _refresh_or_keep(self, event_id: str) -> None:
        """During a reprocess an event may briefly have no reports: keep its row so its id can be reused."""
        if self._execute("SELECT 1 FROM reports WHERE event_id = ?", (event_id,)).fetchone() is not None:
            self._refresh(event_id)

    # --- reading -----------------------------------------------------------------------------------

    def query(self, filters: Filters) -> list[StoredEvent]:
        where, params = filters.where()
        sql = f"SELECT e.* FROM events e{where} ORDER BY e.event_date DESC, e.event_id"
        rows = self._execute(sql, params).fetchall()
        if filters.near:
            lat, lon, km = filters.near
            rows = [r for r in rows if r["latitude"] is not None
                    and haversine_km(lat, lon, r["latitude"], r["longitude"]) <= km]
        if filters.limit:
            rows = rows[:filters.limit]
        return [self._stored(dict(r)) for r in rows]

    def _stored(self, row: dict[str, Any]) -> StoredEvent:
        sources = [dict(s) for s in self._execute(
            "SELECT d.ext_id AS document, d.url, d.outlet, d.published FROM reports r JOIN documents d "
            "ON d.id = r.document_id WHERE r.event_id = ? GROUP BY d.id ORDER BY d.published, d.id",
            (row["event_id"],))]
        best = self._execute(
            "SELECT r.record, d.ext_id FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.event_id = ? "
            "ORDER BY r.confidence DESC, d.published, d.content_hash, r.position LIMIT 1",
            (row["event_id"],)).fetchone()
        return StoredEvent(row, sources, json.loads(best[0]) if best else {}, best[1] if best else None)

    def event(self, event_id: str) -> StoredEvent | None:
        """One stored event by its id, or None."""
        row = self._execute("SELECT * FROM events WHERE event_id = ?", (event_id,)).fetchone()
        return self._stored(dict(row)) if row is not None else None

    def reports(self, event_id: str) -> list[dict[str, Any]]:
        """Every report of an event: its document, its own record and the evidence it gives."""
        out = []
        for r in self._execute(
                "SELECT r.document_id, r.position, r.record, d.ext_id, d.url, d.outlet, d.published, d.title "
                "FROM reports r JOIN documents d ON d.id = r.document_id WHERE r.event_id = ? "
                "ORDER BY d.published, d.content_hash, r.position", (event_id,)).fetchall():
            evidence = [dict(e) for e in self._execute(
                "SELECT field, start, end, text FROM evidence WHERE event_id = ? AND document_id = ? "
                "ORDER BY start, field", (event_id, r["document_id"]))]
            out.append({"document": r["ext_id"], "document_key": r["document_id"], "position": r["position"],
                        "url": r["url"], "outlet": r["outlet"], "published": r["published"], "title": r["title"],
                        "record": json.loads(r["record"]), "evidence": evidence})
        return out

    def document_ids_for(self, event_ids: Iterable[str]) -> list[int]:
        """The stored documents reporting any of these events, in id order."""
        ids: set[int] = set()
        for eid in event_ids:
            ids.update(r[0] for r in self._execute("SELECT DISTINCT document_id FROM reports WHERE event_id = ?",
                                                   (eid,)))
        return sorted(ids)

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._execute(sql).fetchone()[0]  # noqa: E731
        rows = lambda sql: [tuple(r) for r in self._execute(sql).fetchall()]  # noqa: E731
        return {
            "documents": one("SELECT COUNT(*) FROM documents"),
            "events": one("SELECT COUNT(*) FROM events"),
            "reports": one("SELECT COUNT(*) FROM reports"),
            "multi_source_events": one("SELECT COUNT(*) FROM (SELECT event_id FROM reports GROUP BY event_id "
                                       "HAVING COUNT(DISTINCT document_id) > 1)"),
            "by_type": rows("SELECT event_type, sub_event_type, COUNT(*) FROM events GROUP BY 1, 2 ORDER BY 3 DESC"),
            "by_month": rows("SELECT substr(event_date, 1, 7), COUNT(*) FROM events GROUP BY 1 ORDER BY 1"),
            "by_admin1": rows("SELECT country, admin1, COUNT(*) FROM events GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20"),
            "top_actors": rows("SELECT name, COUNT(*) FROM (SELECT actor1 AS name FROM events UNION ALL "
                               "SELECT actor2 FROM events) WHERE name IS NOT NULL GROUP BY name ORDER BY 2 DESC "
                               "LIMIT 15"),
        }


def _actor_ok(a: str | None, b: str | None, generic_prefixes: tuple[str, ...] = ("Unidentified",)) -> bool:
    """Actors are compatible when one is unknown or unidentified, or both name the same actor."""
    if not a or not b or a == b:
        return True
    return a.startswith(generic_prefixes) or b.startswith(generic_prefixes)


def _distance(ev: Event, row: sqlite3.Row) -> float:
    if ev.location is None or row["latitude"] is None:
        return 0.0
    return haversine_km(ev.location.latitude, ev.location.longitude, row["latitude"], row["longitude"])


def same_incident(ev: Event, row: sqlite3.Row | dict) -> bool:
    """ACLED's dedup test: same sub-type (checked by the query), dates within a day (idem), the same named
    place or within 10 km, compatible actors."""
    loc = ev.location
    if loc is not None and row["latitude"] is not None:
        if not (loc.place_id and loc.place_id == row["place_id"]) and _distance(ev, row) > SAME_PLACE_KM:
            return False
    a1 = ev.actor1.actor.id if ev.actor1 else None
    a2 = ev.actor2.actor.id if ev.actor2 else None
    n1 = ev.actor1.name if ev.actor1 else None
    n2 = ev.actor2.name if ev.actor2 else None
    return (_actor_ok(n1, row["actor1"]) or a1 == row["actor1_id"]) and (
        _actor_ok(n2, row["actor2"]) or a2 == row["actor2_id"])
