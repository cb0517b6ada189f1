"""The one event record: `extract` and `export --format jsonl` validate against the shipped JSON Schema,
and an export keeps everything extract writes."""

import json

import pytest

from marsad.io.serialize import event_schema
from tests.helpers import run_cli as run

jsonschema = pytest.importorskip("jsonschema")

ARTICLE = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون، أمس الأربعاء، جراء غارات شنتها طائرات حربية روسية على بلدة "
           "كفرنبل في ريف إدلب الجنوبي.")
PROTEST = "خرج مئات المتظاهرين اليوم الجمعة في مدينة درعا مطالبين بالإفراج عن المعتقلين."
STORE_KEYS = {"event_id", "event_id_cnty", "sources", "evidence_document"}


def validator(definition):
    schema = event_schema()
    return jsonschema.Draft202012Validator({"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]})


def errors(definition, instance):
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator(definition).iter_errors(instance)]



@pytest.fixture
def inputs(tmp_path):
    p = tmp_path / "in.jsonl"
    recs = [{"id": "a", "text": ARTICLE, "published": "2021-03-04", "outlet": "Enab Baladi"},
            {"id": "p", "text": PROTEST, "published": "2021-03-05", "outlet": "Outlet P"},
            {"id": "bad", "published": "2021-03-05"}]
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return p


def test_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(event_schema())


def test_extract_output_lines_validate(capsys, inputs):
    _, out, _ = run(capsys, "extract", str(inputs), "--format", "jsonl")
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 3 and sum(len(x["events"]) for x in lines) >= 2
    for line in lines:
        assert errors("output_line", line) == []
    assert jsonschema.Draft202012Validator(event_schema()).is_valid(lines[0])  # the root is an output line


def test_schema_rejects_what_it_must():
    ok = {"id": "x", "events": []}
    assert errors("output_line", ok) == []
    assert errors("output_line", {"events": []})  # no id
    assert errors("output_line", dict(ok, extra=1))  # an unknown field
    _, bad = {}, {"id": "x", "events": [{"event_type": "Battle"}]}
    assert errors("output_line", bad)


def test_export_jsonl_keeps_what_extract_writes(capsys, inputs, tmp_path):
    _, out, _ = run(capsys, "extract", str(inputs), "--format", "jsonl")
    extracted = {line["id"]: line["events"] for line in map(json.loads, out.splitlines())}
    db = tmp_path / "m.db"
    run(capsys, "ingest", str(inputs), "--db", str(db), "-q")
    _, out, _ = run(capsys, "export", "--db", str(db), "--format", "jsonl")
    exported = [json.loads(line) for line in out.splitlines()]
    assert len(exported) == sum(len(v) for v in extracted.values())
    for rec in exported:
        assert errors("stored_event", rec) == []
        assert rec["event_id_cnty"][:3] == "SYR"
        doc = rec["evidence_document"]
        assert [s["document"] for s in rec["sources"]] == [doc]  # one source each here
        same = [e for e in extracted[doc] if e["sub_event_type"] == rec["sub_event_type"]]
        assert {k: v for k, v in rec.items() if k not in STORE_KEYS} == same[0]
        assert rec["actor1"]["text"] and rec["location"]["place_id"] and rec["evidence"]
