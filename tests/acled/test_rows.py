"""ACLED rows: codes as ACLED defines them, and CSV that the `acled` client's event model reads."""

import csv
import io
import json

import pytest

from marsad.acled.codes import civilian_targeting, interaction
from marsad.acled.countries import country_by_name
from marsad.acled.rows import acled_row, why_not_acled
from marsad.acled.taxonomy import ACLED_COLUMNS, SUB_TO_TYPE, disorder_type
from tests.acled.acled_model import parse_row
from tests.helpers import run_cli as run
from tests.store.test_store import PUB, REPORT_A, REPORT_B, REPORT_C, write_jsonl

PROTEST = "خرج مئات المتظاهرين اليوم الجمعة في مدينة درعا مطالبين بالإفراج عن المعتقلين."
KABUL = "قتل خمسة مدنيين اليوم في تفجير سيارة مفخخة في العاصمة الأفغانية كابل، بحسب الشرطة."


def test_interaction_codes():
    assert interaction(1, 2) == 12 and interaction(2, 1) == 12 and interaction(7, 1) == 17
    assert interaction(1, None) == 10 and interaction(None, 8) == 80 and interaction(6, None) == 60
    assert interaction(None, None) is None


def test_civilian_targeting_as_acled_codes_it():
    assert civilian_targeting("Violence against civilians", "Attack", None) == "Civilian targeting"
    assert civilian_targeting("Explosions/Remote violence", "Air/drone strike", 7) == "Civilian targeting"
    assert civilian_targeting("Explosions/Remote violence", "Air/drone strike", 2) == ""
    assert civilian_targeting("Battles", "Armed clash", 7) == ""
    assert civilian_targeting("Protests", "Excessive force against protesters", 6) == "Civilian targeting"


def test_taxonomy():
    assert len(ACLED_COLUMNS) == 31 and ACLED_COLUMNS[0] == "event_id_cnty" and ACLED_COLUMNS[-1] == "timestamp"
    assert SUB_TO_TYPE["Air/drone strike"] == "Explosions/Remote violence"
    assert disorder_type("Protests", "Excessive force against protesters") == "Political violence; Demonstrations"


def test_row_of_a_record_without_actor1_or_location():
    rec = {"event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
           "event_date": "2021-03-01", "time_precision": 1, "actor1": None, "assoc_actor_1": [],
           "actor2": {"name": "Civilians (Iraq)", "inter": 7}, "assoc_actor_2": [], "location": None,
           "fatalities": 2, "notes": "n"}
    row = acled_row(rec, number=123456789, sources=[("Unknown outlet", None)], timestamp=1_600_000_000,
                    country="Iraq")
    assert row["actor1"] == "Unidentified Armed Group (Iraq)" and row["inter1"] == 3 and row["interaction"] == 37
    assert row["event_id_cnty"] == "IRQ123456789" and row["iso"] == 368 and row["region"] == "Middle East"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["source"] == "Unknown outlet" and row["source_scale"] == ""  # unknown outlet: never a guess
    assert why_not_acled(row) == "no location"


def test_outlet_gives_source_and_scale():
    rec = {"event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2021-03-05",
           "actor1": {"name": "Protesters (Syria)", "inter": 6}, "location": None, "fatalities": 0}
    row = acled_row(rec, number=1, sources=[("بي بي سي عربي", None), (None, "https://www.bbc.com/arabic/x")],
                    timestamp=0, country="Syria")
    assert row["source"] == "BBC Arabic" and row["source_scale"] == "International"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("acled")
    src = write_jsonl(d / "in.jsonl", [
        {"id": "a", "text": REPORT_A, "published": PUB, "outlet": "BBC Arabic"},
        {"id": "b", "text": REPORT_B, "published": PUB, "outlet": "Enab Baladi"},
        {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "Outlet C"},
        {"id": "p", "text": PROTEST, "published": "2021-03-05", "outlet": "Outlet P"},
        {"id": "k", "text": KABUL, "published": "2021-03-05", "outlet": "Outlet K"},
    ])
    return src, d / "m.db"


def read_rows(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and tuple(rows[0]) == ACLED_COLUMNS
    return rows


def test_export_and_extract_csv_parse_with_the_acled_model(capsys, store):
    src, db = store
    run(capsys, "ingest", src, "--db", db, "-q")
    _, out, err = run(capsys, "export", "--db", db, "--format", "csv")
    exported = read_rows(out)
    _, out2, _ = run(capsys, "extract", src, "--format", "csv")
    extracted = read_rows(out2)
    for row in exported + extracted:
        parsed = parse_row(row)
        assert parsed["event_id_cnty"][:3].isalpha() and not parsed["event_id_cnty"].startswith("XXX")
        assert isinstance(parsed["timestamp"].year, int) and parsed["interaction"] >= 10
    kabul = [r for r in exported if r["country"] == "Afghanistan"]
    assert kabul and kabul[0]["iso"] == "4" and kabul[0]["event_id_cnty"].startswith("AFG")
    assert kabul[0]["region"] == country_by_name("Afghanistan").region != ""
    strike = next(r for r in exported if r["sub_event_type"] == "Air/drone strike")
    assert strike["civilian_targeting"] == "Civilian targeting" and strike["source"].startswith("BBC Arabic")
    _, out3, _ = run(capsys, "export", "--db", db, "--format", "jsonl")
    ids = {json.loads(line)["event_id_cnty"] for line in out3.splitlines()}
    assert {r["event_id_cnty"] for r in exported} <= ids  # the same stable ids in CSV and JSONL
