"""The health of a store file: integrity, foreign keys, counts, a full disk, and online backups.

`marsad store check` runs SQLite's full `PRAGMA integrity_check` and `foreign_key_check` and counts what
the store holds; writers (`ingest`, `reprocess`) first run the faster `quick_check` (the same page and
b-tree checks without matching every index entry to its row) and refuse a damaged file before they
change anything. A full disk (or a database at its size limit) is recognised as such, so a batch can
stop with its summary instead of a second error hiding the first. `marsad store backup` copies a store
with SQLite's online backup API: consistent even while another process writes, WAL content included.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from marsad.store import review
from marsad.store.database import MIGRATIONS, STORE_TABLES, EventStore, StoreError

COUNTED_TABLES = ("documents", "events", "reports", "evidence", "actors", "places")
BACKUP_PAGES_PER_STEP = 1024  # pages copied per step of the backup, so a concurrent writer is not starved


class StoreFullError(StoreError):
    """The disk, or the database's page limit, is full: the current transaction was rolled back."""


def is_full(exc: BaseException) -> bool:
    """Whether an SQLite error says the disk or the database is full (SQLITE_FULL)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code == getattr(sqlite3, "SQLITE_FULL", 13) or "database or disk is full" in str(exc)


@dataclass
class HealthReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    schema_version: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        head = f"{self.path}: {'ok' if self.ok else 'DAMAGED'} (schema version {self.schema_version})"
        counts = "   ".join(f"{name} {n:,}" for name, n in self.counts.items())
        return [head, *([counts] if counts else []), *(f"  problem: {p}" for p in self.problems)]


def integrity_problems(db: sqlite3.Connection, quick: bool = False, limit: int = 20) -> list[str]:
    """What SQLite's integrity check finds (an empty list when the file is sound)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = [r[0] for r in db.execute(f"PRAGMA {pragma}({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(db: sqlite3.Connection, limit: int = 20) -> list[str]:
    out = []
    try:
        for row in db.execute("PRAGMA foreign_key_check"):
            out.append(f"{row[0]} row {row[1]} refers to a missing row of {row[2]}")
            if len(out) >= limit:
                break
    except sqlite3.DatabaseError as exc:
        out.append(str(exc))
    return out


def check(path: Path | str) -> HealthReport:
    """Full check of a store: integrity, foreign keys, schema, and how many rows each table holds."""
    store = EventStore(path)  # refuses (StoreError, one line) what is not a store at all
    report = HealthReport(Path(path))
    try:
        db = store.db
        report.schema_version = store.schema_version()
        report.problems += [p for p in [schema_problem(report.schema_version)] if p]
        report.problems += integrity_problems(db)
        report.problems += foreign_key_problems(db)
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = STORE_TABLES - tables
        if missing:
            report.problems.append(f"missing tables: {', '.join(sorted(missing))}")
        for name in COUNTED_TABLES:
            if name in tables:
                try:
                    report.counts[name] = db.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
                except sqlite3.DatabaseError as exc:
                    report.problems.append(f"cannot count {name}: {exc}")
    finally:
        store.close()
    return report


def known_schema_version() -> int:
    """The newest store schema this Marsad knows."""
    return max(v for v, _ in [*MIGRATIONS, *review.MIGRATIONS])


def schema_problem(version: int) -> str | None:
    if version > known_schema_version():
        return (f"schema version {version} was written by a newer Marsad (this one knows up to "
                f"{known_schema_version()}): upgrade Marsad to use it")
    return None


def require_intact(store: EventStore) -> None:
    """Refuse to write to a store of a newer schema or one that fails SQLite's quick check: StoreError,
    nothing changed."""
    newer = schema_problem(store.schema_version())
    if newer:
        raise StoreError(f"{store.path}: {newer}; nothing was changed")
    problems = integrity_problems(store.db, quick=True, limit=3)
    if problems:
        raise StoreError(f"{store.path}: the database fails its integrity check ({'; '.join(problems)[:300]}); "
                         "nothing was changed: restore it from a backup (see 'marsad store check')")


def backup(path: Path | str, dest: Path | str, overwrite: bool = False) -> HealthReport:
    """Copy a store to `dest` with the online backup API, then check the copy."""
    dest = Path(dest)
    if dest.exists() and not overwrite:
        raise StoreError(f"{dest}: already exists (give --force to replace it)")
    if dest.exists() and dest.resolve() == Path(path).resolve():
        raise StoreError(f"{dest}: is the store itself")
    store = EventStore(path)
    tmp = dest.with_name(dest.name + ".partial")
    try:
        target = sqlite3.connect(tmp)
        try:
            store.db.backup(target, pages=BACKUP_PAGES_PER_STEP)
        except sqlite3.DatabaseError as exc:
            target.close()
            tmp.unlink(missing_ok=True)
            if is_full(exc):
                raise StoreFullError(f"{dest}: the disk is full; no backup was written") from None
            raise StoreError(f"{path}: cannot back up: {exc}") from None
        target.close()
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"{dest}: cannot write: {exc.strerror or exc}") from None
    finally:
        store.close()
    tmp.replace(dest)
    return check(dest)
