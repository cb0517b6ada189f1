"""The event store: one SQLite file holding documents, events, who reported what, and the evidence.

SQLite, because the store is a single analyst's growing dataset on one machine: no server to run, one
file to copy or back up, transactions that survive a killed process (each document and its events are
committed together, in WAL mode), and a busy timeout so a second `marsad ingest` waits instead of
corrupting anything. Which reports are one event, and what that event says, is `store/merge.py`;
this module keeps the tables in step with it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from marsad.io.serialize import event_record
from marsad.model import Document, Event
from marsad.store import review
from marsad.store.files import STORE_TABLES, StoreBusyError, StoreError, check_store_file, evidence_rows
from marsad.store.grouping import IncidentGrouping, now
from marsad.store.ids import content_hash
from marsad.store.merge import (
    Report,
)
from marsad.store.reading import StoredEvent, StoreReading
from marsad.store.schema import MIGRATIONS, Filters

__all__ = ["EventStore", "Filters", "StoreError", "StoreBusyError", "StoredEvent", "IngestResult", "content_hash"]

BUSY_TIMEOUT_S = 60.0
# A hook that may change an event's recomputed record before it is stored (e.g. analyst-edited fields win):
# (store, event_id, record) -> record.
RecordHook = Callable[["EventStore", str, dict[str, Any]], dict[str, Any]]
# Called when an event is re-keyed (an earlier report of it arrived, or it was split): (store, old, new).
RekeyHook = Callable[["EventStore", str, str], None]




@dataclass
class IngestResult:
    document_id: int | None
    new: bool
    events: int = 0
    merged: int = 0


class EventStore(StoreReading, IncidentGrouping):
    """Documents and deduplicated events in one SQLite file."""

    def __init__(self, path: Path | str, any_thread: bool = False) -> None:
        """`any_thread`: the connection may be closed by another thread than the one that opened it (a web
        request's store is opened and closed by different worker threads, one request at a time)."""
        self.path = Path(path)
        self.record_hooks: list[RecordHook] = []
        self.rekey_hooks: list[RekeyHook] = []
        self._records: dict[tuple[int, int], tuple[str, dict[str, Any]]] = {}  # parsed report records
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
                if version == 2:
                    self._fill_v2()
                self._execute("INSERT INTO schema_migrations VALUES (?, ?)", (version, now()[0]))
                self._execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def _fill_v2(self) -> None:
        """A store made before migration 2: fill the reports' columns and evidence, then regroup everything
        (the old clock-based ids stay as aliases of the new ones)."""
        rows = self._execute("SELECT r.document_id, r.position, r.record, d.published, d.content_hash, d.text "
                             "FROM reports r JOIN documents d ON d.id = r.document_id").fetchall()
        if not rows:
            return
        self._execute("PRAGMA defer_foreign_keys=ON")
        self._execute("DELETE FROM evidence")
        for r in rows:
            rec = json.loads(r["record"])
            self._execute("UPDATE reports SET sub_event_type=?, event_date=?, sort_key=? WHERE document_id=? AND "
                          "position=?", (rec["sub_event_type"], rec["event_date"],
                                         _sort_key(r["published"], r["content_hash"], r["position"]),
                                         r["document_id"], r["position"]))
            self.db.executemany("INSERT INTO evidence (event_id, document_id, field, start, end, text, position) "
                                "VALUES ('', ?, ?, ?, ?, ?, ?)",
                                [(r["document_id"], f, s, e, t, r["position"])
                                 for f, s, e, t in evidence_rows(rec, r["text"])])
        self._regroup(list(self._reports("1 = 1")))

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
            self._execute("PRAGMA defer_foreign_keys=ON")
            pub = doc.published.isoformat() if doc.published else None
            cur = self._execute(
                "INSERT INTO documents (content_hash, url, ext_id, title, outlet, published, text, source, "
                "ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (h, doc.url, doc.id, doc.title, doc.outlet, pub, doc.text, source, now()[0]))
            result = IngestResult(cur.lastrowid, True)
            new = self._add_reports(cur.lastrowid, doc, h, events)
            self._regroup(new)
            result.events = len(new)
            result.merged = sum(1 for r in new if self._other_documents(r))
            self._execute("COMMIT")
            return result
        except BaseException:
            self._rollback()
            raise

    def _add_reports(self, doc_id: int, doc: Document, h: str, events: list[Event]) -> list[Report]:
        pub = doc.published.isoformat() if doc.published else None
        out = []
        for position, ev in enumerate(events):
            rec = event_record(ev)
            report = Report(doc_id, position, rec, _sort_key(pub, h, position), doc.id, doc.country)
            self._execute("INSERT INTO reports (event_id, document_id, position, fatalities, confidence, record, "
                          "sub_event_type, event_date, sort_key, country) VALUES ('',?,?,?,?,?,?,?,?,?)",
                          (doc_id, position, ev.fatalities, ev.confidence, json.dumps(rec, ensure_ascii=False),
                           ev.sub_event_type, rec["event_date"], report.sort_key, doc.country))
            self.db.executemany("INSERT INTO evidence (event_id, document_id, field, start, end, text, position) "
                                "VALUES ('', ?, ?, ?, ?, ?, ?)",
                                [(doc_id, f, s, e, t, position) for f, s, e, t in evidence_rows(rec, doc.text)])
            self._remember_refs(ev)
            out.append(report)
        return out

    def _other_documents(self, report: Report) -> bool:
        return self._execute("SELECT 1 FROM reports WHERE event_id = ? AND document_id != ? LIMIT 1",
                             (report.event_id, report.document_id)).fetchone() is not None

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

    # --- grouping ----------------------------------------------------------------------------------

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
        """Re-attach a stored document's events after re-extraction. Reports that come out the same change
        nothing; otherwise the document's reports are replaced and everything they touch is regrouped."""
        doc_id = doc_row["id"]
        result = IngestResult(doc_id, False, events=len(events))
        old = {r.position: r for r in self._reports("r.document_id = ?", (doc_id,))}
        fresh = [event_record(ev) for ev in events]
        if len(old) == len(fresh) and all(old[k].record == rec for k, rec in enumerate(fresh)):
            return result
        self._execute("BEGIN IMMEDIATE")
        try:
            self._execute("PRAGMA defer_foreign_keys=ON")
            self._execute("DELETE FROM reports WHERE document_id = ?", (doc_id,))
            self._execute("DELETE FROM evidence WHERE document_id = ?", (doc_id,))
            new = self._add_reports(doc_id, doc, doc_row["content_hash"], events)
            self._regroup(new, old_events={r.event_id for r in old.values()})
            self._execute("COMMIT")
            return result
        except BaseException:
            self._rollback()
            raise


def _sort_key(published: str | None, doc_hash: str, position: int) -> str:
    """Earliest publication first, then content: the founding report of an event in any ingest order."""
    return f"{published or '9999-12-31'}|{doc_hash}|{position:05d}"
