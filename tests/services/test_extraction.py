"""Per-record isolation: an exception in one document is that record's error, and the batch goes on."""

import json

from marsad.cli import main
from marsad.io.inputs import read_inputs
from marsad.pipeline import Pipeline
from marsad.services.extraction import describe_exception, extract_stream

ARTICLE = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون، أمس الأربعاء، جراء غارات شنتها طائرات حربية روسية على بلدة "
           "كفرنبل في ريف إدلب الجنوبي.")


class Exploding:
    """A stage that fails on one document, as a bug deep in a stage would."""

    name = "exploding"
    requires = ()
    provides = ()

    def __call__(self, doc):
        if doc.id == "boom":
            {}["no such key"]
        return doc


def pipeline_with_bomb():
    base = Pipeline.default()
    return Pipeline([*base.stages[:1], Exploding(), *base.stages[1:]])


def write(tmp_path, ids):
    p = tmp_path / "in.jsonl"
    p.write_text("".join(json.dumps({"id": i, "text": ARTICLE, "published": "2021-03-04"}, ensure_ascii=False) + "\n"
                         for i in ids), encoding="utf-8")
    return p


def test_one_failing_document_does_not_stop_the_batch(tmp_path):
    p = write(tmp_path, ["a", "boom", "c"])
    outcomes = list(extract_stream(read_inputs([str(p)], None, 10**6), pipeline_with_bomb()))
    assert [o.id for o in outcomes] == ["a", "boom", "c"]
    assert outcomes[0].result.events and outcomes[2].result.events
    err = outcomes[1].error
    assert err.startswith(f"{p}:2: extraction failed: KeyError")
    assert "(at marsad/" in err or "(at tests/" not in err
    assert outcomes[1].traceback is None


def test_cli_writes_an_error_line_and_exit_1(capsys, tmp_path, monkeypatch):
    p = write(tmp_path, ["a", "boom", "c"])
    bomb = pipeline_with_bomb()
    monkeypatch.setattr(Pipeline, "default", classmethod(lambda cls, **kw: bomb))
    code = main(["extract", str(p), "--format", "jsonl"])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [x["id"] for x in lines] == ["a", "boom", "c"]
    assert lines[1]["events"] == [] and "KeyError" in lines[1]["error"]
    assert "Traceback" not in err and f"{p}:2" in err
    code = main(["extract", str(p), "--format", "jsonl", "--debug"])
    _, err = capsys.readouterr()
    assert "Traceback" in err


def test_wrong_field_type_is_that_records_error(capsys, tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(json.dumps({"id": "t", "text": ARTICLE, "title": 5}) + "\n"
                 + json.dumps({"id": "ok", "text": ARTICLE}, ensure_ascii=False) + "\n", encoding="utf-8")
    code = main(["extract", str(p), "--format", "jsonl"])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and [x["id"] for x in lines] == ["t", "ok"]
    assert "field 'title' must be a string" in lines[0]["error"] and "Traceback" not in err


def test_describe_exception_names_the_line():
    try:
        int("x")
    except ValueError as exc:
        text = describe_exception(exc)
    assert text.startswith("ValueError: invalid literal")
