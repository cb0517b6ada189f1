"""The `marsad` command: formats, one line per input record, bad input."""

import csv
import io
import json

import pytest

from marsad.acled.taxonomy import ACLED_COLUMNS
from tests.helpers import run_cli as run

ARTICLE = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون، أمس الأربعاء، جراء غارات شنتها طائرات حربية روسية على بلدة "
           "كفرنبل في ريف إدلب الجنوبي.")



@pytest.fixture
def jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a", "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "published": "2021-03-04"}),
        "",
        json.dumps({"id": "c", "text": "أعلن نادي الجيش عن فوز فريقه في المباراة النهائية للدوري.",
                    "published": "2021-03-04"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_one_line_per_record_in_order(capsys, jsonl):
    code, out, err = run(capsys, "extract", str(jsonl), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["events"], "the air strike is found"
    assert rows[1]["events"] == [] and "text" in rows[1]["error"]
    assert rows[2]["events"] == []
    assert code == 1
    assert f"{jsonl}:2: not JSON" in err
    assert f"{jsonl}:3: field 'text' is missing" in err
    assert "Traceback" not in err


def test_event_fields_and_evidence(capsys, jsonl):
    _, out, _ = run(capsys, "extract", str(jsonl), "--format", "jsonl")
    ev = json.loads(out.splitlines()[0])["events"][0]
    assert ev["event_type"] == "Explosions/Remote violence" and ev["sub_event_type"] == "Air/drone strike"
    assert ev["event_date"] == "2021-03-03" and ev["time_precision"] == 1
    assert ev["fatalities"] == 3
    assert ev["location"]["admin1"] == "Idleb"
    assert 0.0 <= ev["confidence"] <= 1.0
    for span in ev["evidence"]:
        assert 0 <= span["start"] < span["end"] <= len(ARTICLE)
    loc = ev["location"]
    s = loc["evidence"][0]
    assert ARTICLE[s["start"]:s["end"]] == loc["text"]


def test_txt_file_and_csv(capsys, tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(p), "--format", "csv", "--published", "2021-03-04")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) >= 2
    row = dict(zip(rows[0], rows[1]))
    assert row["country"] == "Syria" and row["iso"] == "760" and row["event_id_cnty"].startswith("SYR")


def test_min_confidence_filters(capsys, tmp_path):
    p = tmp_path / "article.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    _, out, _ = run(capsys, "extract", str(p), "--format", "jsonl", "--min-confidence", "1.0")
    assert json.loads(out)["events"] == []


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    ("نص عربي".encode("latin-1", errors="ignore") + b"\xff\xfe\xfa\x80\x81" * 5 + b"abc", "not UTF-8"),
])
def test_bad_txt_files(capsys, tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    code, _, err = run(capsys, "extract", str(p), "--format", "jsonl")
    assert code == 1 and message in err and str(p) in err


@pytest.mark.parametrize("encoding", ["cp1256", "utf-16", "utf-16-le"])
def test_other_encodings_are_decoded(capsys, tmp_path, encoding):
    p = tmp_path / "article.txt"
    p.write_bytes(ARTICLE.encode(encoding))
    code, out, err = run(capsys, "extract", str(p), "--format", "jsonl", "--published", "2021-03-04")
    assert code == 0, err
    assert json.loads(out)["events"]


def test_no_arabic_is_a_warning(capsys, tmp_path):
    p = tmp_path / "english.txt"
    p.write_text("Three civilians were killed in an air strike.", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(p), "--format", "jsonl")
    assert code == 0 and "no Arabic" in err
    assert json.loads(out)["events"] == []


def test_too_long_document_is_refused(capsys, tmp_path):
    p = tmp_path / "long.txt"
    p.write_text(ARTICLE * 50, encoding="utf-8")
    code, _, err = run(capsys, "extract", str(p), "--max-chars", "1000")
    assert code == 1 and "over the limit" in err


def test_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "extract", str(tmp_path / "nope.txt"))
    assert code == 1 and "no such file" in err


def test_stdin(capsys, monkeypatch):
    data = json.dumps({"id": "s", "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))
    code, out, _ = run(capsys, "extract", "-", "--format", "jsonl")
    assert code == 0 and json.loads(out)["id"] == "s"


def test_evaluate_command(capsys, tmp_path):
    gold = {"id": "g", "text": ARTICLE, "published": "2021-03-04", "events": [{
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "event_date": "2021-03-03",
        "actor1": ["Military Forces of Russia (2000-)", "القوات الروسية", "طائرات حربية روسية"],
        "actor2": ["Civilians (Syria)", "مدنيين"],
        "location": {"admin1": "Idleb", "latitude": 35.5, "longitude": 36.55, "near_km": 25}, "fatalities": 3}]}
    p = tmp_path / "gold.jsonl"
    p.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(p), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["matched"] == 1 and summary["f1"] == 1.0


def test_json_and_table_formats(capsys, jsonl):
    code, out, _ = run(capsys, "extract", str(jsonl), "--format", "json")
    data = json.loads(out)
    assert [d["id"] for d in data] == ["a", "b", "c"]
    code, out, _ = run(capsys, "extract", str(jsonl), "--format", "table")
    assert "── a " in out and "Air/drone strike" in out and "error:" in out


def test_huge_jsonl_record_is_refused_and_reported(capsys, tmp_path):
    p = tmp_path / "big.jsonl"
    p.write_text(json.dumps({"id": "big", "text": ARTICLE * 100}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(p), "--format", "jsonl", "--max-chars", "5000")
    assert code == 1 and f"{p}:1: field 'text'" in err and "over the limit" in err
    assert json.loads(out)["id"] == "big" and json.loads(out)["error"]


def test_gzip_jsonl(capsys, tmp_path):
    import gzip

    p = tmp_path / "in.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "z", "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False) + "\n")
    code, out, _ = run(capsys, "extract", str(p), "--format", "jsonl")
    assert code == 0 and json.loads(out)["events"]


def test_bad_published_value_is_a_warning(capsys, tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "p", "text": ARTICLE, "published": "yesterday"}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    code, out, err = run(capsys, "extract", str(p), "--format", "jsonl")
    assert code == 0 and "field 'published'" in err
    assert json.loads(out)["events"][0]["event_date"] is None
