"""Expected mistakes get one line naming the file or the filter, never a traceback."""

import json
import sqlite3

import pytest

from marsad.cli import main
from tests.helpers import run_cli as run

ARTICLE = "قتل ثلاثة مدنيين أمس في غارة على بلدة كفرنبل في ريف إدلب."



@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("store")
    src = d / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(d / "m.db"), "-q"]) == 0
    return d / "m.db"


def test_not_a_database_as_db(capsys, tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("hello", encoding="utf-8")
    for cmd in ("events", "stats", "export --format csv", "reprocess"):
        code, _, err = run(capsys, *cmd.split(), "--db", p)
        assert code == 2 and "not a Marsad store (not an SQLite database)" in err and "Traceback" not in err
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "ingest", src, "--db", p, "-q")
    assert code == 2 and "not a Marsad store" in err
    assert p.read_text(encoding="utf-8") == "hello"  # left as it was


def test_another_sqlite_database_as_db(capsys, tmp_path):
    gaz = tmp_path / "gazetteer.sqlite"
    con = sqlite3.connect(gaz)
    con.execute("CREATE TABLE places (id TEXT)")
    con.commit()
    con.close()
    code, _, err = run(capsys, "events", "--db", gaz)
    assert code == 2 and "an SQLite database but not a Marsad store (it holds places)" in err


def test_damaged_database(capsys, tmp_path, store):
    data = bytearray(store.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    bad = tmp_path / "damaged.db"
    bad.write_bytes(bytes(data))
    code, _, err = run(capsys, "events", "--db", bad)
    assert code == 2 and "damaged" in err and "Traceback" not in err


def test_not_a_gazetteer(capsys, tmp_path):
    p = tmp_path / "gaz.sqlite"
    p.write_text("hello", encoding="utf-8")
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "extract", art, "--gazetteer", p)
    assert code == 2 and "not a gazetteer index" in err
    code, _, err = run(capsys, "gazetteer", "--gazetteer", p, "sources")
    assert code == 2 and "not a gazetteer index" in err


def test_admin_import_of_a_yaml_file(capsys, tmp_path):
    p = tmp_path / "places.yaml"
    p.write_text("places:\n  - name: Kafr Nubl\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "--gazetteer", tmp_path / "g.sqlite", "import", "admin", p)
    assert code == 1 and "not an admin table" in err and "Traceback" not in err


def test_impossible_day(capsys, store):
    with pytest.raises(SystemExit) as exc:
        main(["events", "--db", str(store), "--since", "2018-02-30"])
    _, err = capsys.readouterr()
    assert exc.value.code == 2 and "2018-02-30: there is no such day" in err
    assert "fromisoformat" not in err


def test_filters_ignore_case_and_unknown_type_lists_the_types(capsys, store):
    code, out, _ = run(capsys, "events", "--db", store, "--type", "explosions/remote violence",
                       "--country", "syria", "--admin1", "IDLEB")
    assert code == 0 and "1 events" in out
    code, out, _ = run(capsys, "events", "--db", store, "--sub-type", "AIR/DRONE STRIKE")
    assert "1 events" in out
    code, _, err = run(capsys, "events", "--db", store, "--type", "battle")
    assert code == 2 and "--type 'battle': not an ACLED event type" in err and "Battles" in err
    code, _, err = run(capsys, "events", "--db", store, "--type", "Battles", "--sub-type", "Air/drone strike")
    assert code == 2 and "sub-event type of 'Explosions/Remote violence'" in err
