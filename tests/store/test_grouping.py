"""Grouping and ids are functions of the documents, not of the order or the clock; reprocess is exact."""

import json
import sqlite3

from tests.helpers import run_cli as run
from tests.store.test_store import PUB, REPORT_A, REPORT_B, REPORT_C, write_jsonl

RECORDS = [
    {"id": "a", "text": REPORT_A, "published": PUB, "outlet": "Outlet A"},
    {"id": "b", "text": REPORT_B, "published": "2021-03-03", "outlet": "Outlet B"},
    {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "Outlet A"},
]


def state(db):
    con = sqlite3.connect(db)
    events = con.execute("SELECT event_id, record, cnty_number, updated_at FROM events ORDER BY event_id").fetchall()
    reports = con.execute("SELECT d.ext_id, r.position, r.event_id FROM reports r JOIN documents d "
                          "ON d.id = r.document_id ORDER BY 1, 2").fetchall()
    con.close()
    return events, reports


def ingest(capsys, tmp_path, name, records):
    src = write_jsonl(tmp_path / f"{name}.jsonl", records)
    db = tmp_path / f"{name}.db"
    code, _, _ = run(capsys, "ingest", src, "--db", db, "-q")
    assert code == 0
    return db


def test_same_documents_in_any_order_give_the_same_events_and_ids(capsys, tmp_path):
    first = ingest(capsys, tmp_path, "one", RECORDS)
    second = ingest(capsys, tmp_path, "two", RECORDS[::-1])
    third = ingest(capsys, tmp_path, "three", [RECORDS[2], RECORDS[0], RECORDS[1]])
    e1, r1 = state(first)
    for other in (second, third):
        e2, r2 = state(other)
        assert r2 == r1  # every report in the same event, under the same id
        assert [(e[0], e[1], e[2]) for e in e2] == [(e[0], e[1], e[2]) for e in e1]
    strike = next(json.loads(e[1]) for e in e1 if "Air/drone" in e[1])
    assert strike["fatalities"] == 4


def test_event_ids_come_from_content_not_the_clock(capsys, tmp_path):
    one = ingest(capsys, tmp_path, "x", RECORDS)
    two = ingest(capsys, tmp_path, "y", RECORDS)
    assert [e[0] for e in state(one)[0]] == [e[0] for e in state(two)[0]]
    _, out, _ = run(capsys, "export", "--db", one, "--format", "jsonl")
    _, out2, _ = run(capsys, "export", "--db", two, "--format", "csv")
    cnty = {json.loads(line)["event_id_cnty"] for line in out.splitlines()}
    assert cnty == {line.split(",")[0] for line in out2.splitlines()[1:]}  # the same number in every format


def test_reprocess_with_nothing_changed_changes_nothing(capsys, tmp_path):
    db = ingest(capsys, tmp_path, "r", RECORDS)
    before = state(db)
    code, out, _ = run(capsys, "reprocess", "--db", db)
    assert code == 0 and "reprocessed 3 documents" in out
    assert state(db) == before  # ids, records, numbers and timestamps


def test_reprocess_limit_reprocesses_only_that_many_events_documents(capsys, tmp_path):
    db = ingest(capsys, tmp_path, "l", RECORDS)
    code, out, _ = run(capsys, "reprocess", "--db", db, "--limit", "1")
    assert code == 0
    n = int(out.split()[1])
    assert 1 <= n < 3  # the documents of one event, not all of them


def test_a_changed_report_regroups_and_keeps_the_rest(capsys, tmp_path, monkeypatch):
    db = ingest(capsys, tmp_path, "m", RECORDS)
    events, reports = state(db)
    con = sqlite3.connect(db)  # pretend the article of 'b' had said nothing the last time
    con.execute("UPDATE reports SET record = replace(record, '\"fatalities\": 4', '\"fatalities\": 9') "
                "WHERE document_id = (SELECT id FROM documents WHERE ext_id = 'b')")
    con.commit()
    con.close()
    run(capsys, "reprocess", "--db", db)
    events2, reports2 = state(db)
    assert reports2 == reports and [e[0] for e in events2] == [e[0] for e in events]
