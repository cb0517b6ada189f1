"""Store health: integrity and foreign-key checks, refusing a damaged store, a full disk, online backups,
and output that cannot be written (a full device, a closed pipe)."""

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from marsad.cli import main
from marsad.services.query import open_store
from marsad.store.database import EventStore, StoreError
from marsad.store.health import backup, check, is_full

ARTICLE = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون جراء غارات شنتها طائرات حربية روسية على بلدة كفرنبل في ريف "
           "إدلب الجنوبي أمس الأربعاء.")


def write_jsonl(path, n, pad=0):
    path.write_text("".join(json.dumps({"id": f"d{k}", "text": f"{ARTICLE} {k} " + "ب" * pad,
                                        "published": "2021-03-04"}, ensure_ascii=False) + "\n" for k in range(n)),
                    encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def store_file(tmp_path_factory):
    """A store with a few documents, checkpointed into the main file."""
    tmp = tmp_path_factory.mktemp("health")
    db = tmp / "m.db"
    assert main(["ingest", str(write_jsonl(tmp / "in.jsonl", 6)), "--db", str(db), "-q"]) == 0
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def damaged_copy(src, dest, table="evidence"):
    """A copy of a store with one page of `table` overwritten with garbage (the file header intact)."""
    dest.write_bytes(src.read_bytes())
    con = sqlite3.connect(dest)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    page = con.execute("SELECT MAX(pageno) FROM dbstat WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with open(dest, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\x0d\xff\xff\xff\xff" + b"\xa5" * (page_size - 5))
    return dest


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_store_check_on_a_sound_store(capsys, store_file):
    code, out, _ = run(capsys, "store", "check", "--db", str(store_file))
    assert code == 0 and f"{store_file}: ok" in out and "documents 6" in out


def test_damaged_store_is_reported_and_ingest_changes_nothing(capsys, tmp_path, store_file):
    db = damaged_copy(store_file, tmp_path / "bad.db")
    code, out, _ = run(capsys, "store", "check", "--db", str(db))
    assert code == 1 and "DAMAGED" in out and "problem:" in out
    before = digest(db)
    code, out, err = run(capsys, "ingest", str(write_jsonl(tmp_path / "more.jsonl", 2)), "--db", str(db), "-q")
    assert code == 2 and "fails its integrity check" in err and "nothing was changed" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    wal = tmp_path / "bad.db-wal"
    assert digest(db) == before and (not wal.exists() or wal.stat().st_size == 0)


@pytest.mark.parametrize("content, words", [(b"not a database at all" * 50, "not an SQLite database"),
                                             (b"", None)])
def test_not_a_database_is_one_line(capsys, tmp_path, content, words):
    db = tmp_path / "x.db"
    db.write_bytes(content)
    code, _, err = run(capsys, "store", "check", "--db", str(db))
    if words:
        assert code == 2 and words in err and len(err.strip().splitlines()) == 1
    else:  # an empty file is a new, empty store
        assert code == 0


def test_store_of_a_newer_schema_is_refused_for_writing(capsys, tmp_path, store_file):
    db = tmp_path / "newer.db"
    db.write_bytes(store_file.read_bytes())
    con = sqlite3.connect(db)
    con.execute("INSERT INTO schema_migrations VALUES (999, '2030-01-01')")
    con.commit()
    con.close()
    code, _, err = run(capsys, "ingest", str(write_jsonl(tmp_path / "more.jsonl", 1)), "--db", str(db), "-q")
    assert code == 2 and "written by a newer Marsad" in err and "nothing was changed" in err
    assert not check(db).ok


def test_foreign_key_problems_are_found(tmp_path, store_file):
    db = tmp_path / "fk.db"
    db.write_bytes(store_file.read_bytes())
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("DELETE FROM documents WHERE id = (SELECT MIN(document_id) FROM reports)")
    con.commit()
    con.close()
    report = check(db)
    assert not report.ok and any("refers to a missing row of documents" in p for p in report.problems)


def test_backup_is_a_consistent_checked_copy(capsys, tmp_path, store_file):
    dest = tmp_path / "copy.db"
    code, out, err = run(capsys, "store", "backup", str(dest), "--db", str(store_file))
    assert code == 0 and f"{dest}: ok" in out and "documents 6" in out and "backed up" in err
    code, _, err = run(capsys, "store", "backup", str(dest), "--db", str(store_file))
    assert code == 2 and "already exists" in err
    assert backup(store_file, dest, overwrite=True).counts["documents"] == 6


def test_backup_of_a_damaged_store_is_refused(tmp_path, store_file):
    db = damaged_copy(store_file, tmp_path / "bad.db", table="documents")
    try:
        report = backup(db, tmp_path / "copy.db")
    except StoreError as exc:
        assert "cannot back up" in str(exc) or "damaged" in str(exc)
    else:  # SQLite copies pages as they are: then the check of the copy says so
        assert not report.ok


def test_full_database_is_reported_rolled_back_and_summarised(capsys, monkeypatch, tmp_path):
    """A full disk, simulated with SQLite's PRAGMA max_page_count on the ingesting connection."""
    db = tmp_path / "full.db"
    store = EventStore(db)
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.close()

    def small_store(path, must_exist=False):
        s = open_store(path, must_exist)
        s.db.execute(f"PRAGMA max_page_count = {pages + 12}")
        return s

    monkeypatch.setattr("marsad.cli.store.open_store", small_store)
    code, out, err = run(capsys, "ingest", str(write_jsonl(tmp_path / "in.jsonl", 40, pad=3000)), "--db", str(db),
                         "-q")
    assert code == 1 and "Traceback" not in out + err and "cannot rollback" not in out + err
    assert "ingested:" in out  # the summary is printed
    assert err.count("is full") == 1 and "rolled back" in err
    new = int(out.split("ingested: ")[1].split(" new")[0])
    assert 0 < new < 40
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == new  # the failed one left nothing
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_is_full_recognises_sqlite_full():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (x TEXT)")
    con.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as info:
        con.execute("INSERT INTO t VALUES (?)", ("x" * 100_000,))
    assert is_full(info.value)


def _cli(*argv, stdout=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "marsad.cli", *argv], stdout=stdout, stdin=stdin,
                          stderr=subprocess.PIPE, text=True, timeout=120)


def test_output_to_a_full_device_is_one_line(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 2)
    for proc in (_cli("extract", str(src), "--format", "jsonl", "-o", "/dev/full"),
                 _cli("extract", str(src), "--format", "jsonl", stdout=open("/dev/full", "w"))):
        assert proc.returncode == 2 and "No space left on device" in proc.stderr and "Traceback" not in proc.stderr


def test_broken_pipe_exits_quietly_with_the_sigpipe_status(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", 300)
    proc = subprocess.Popen([sys.executable, "-m", "marsad.cli", "extract", str(src), "--format", "jsonl"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141 and err == ""
