"""`marsad explain` and `marsad.explain`: each candidate's trigger, decision and why, as text and JSON."""

import json

from marsad import explain
from marsad.cli.main import main

TEXT = ("شنت طائرات حربية روسية غارات على بلدة كفرنبل في ريف إدلب الجنوبي أمس، ما أدى إلى مقتل ثلاثة مدنيين.\n"
        "هدد قائد الفرقة الرابعة باقتحام مدينة درعا.")


def test_python_api():
    x = explain(TEXT, published="2021-03-04")
    assert [c.decision for c in x.candidates] == ["emitted", "blocked"]
    assert len(x.events) == 1 and x.threshold == 0.55
    rec = x.to_dict()
    json.dumps(rec, ensure_ascii=False)  # plain JSON types only
    assert rec["events"][0]["candidates"] == [0]
    assert rec["candidates"][1]["words"] == {"rule": "threat", "text": "هدد", "start": TEXT.index("هدد"),
                                             "end": TEXT.index("هدد") + 3}
    assert rec["candidates"][1]["sentence_text"].startswith("هدد")
    text = x.to_text()
    assert "2 candidates, 1 event" in text and 'blocked by cue "threat"' in text and "emitted as event 0" in text


def test_cli_text_and_json(tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    assert main(["explain", str(article), "--published", "2021-03-04"]) == 0
    out = capsys.readouterr().out
    assert "#0 «شنت طائرات»" in out and "actor1: Military Forces of Russia" in out and "«هدد»" in out
    assert main(["explain", str(article), "--published", "2021-03-04", "--format", "json"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["id"] == "article.txt" and rec["published"] == "2021-03-04"
    c0 = rec["candidates"][0]
    assert c0["decision"] == "emitted" and c0["events"] == [0] and c0["anchors"]["present"]
    assert {r["role"] for r in c0["roles"]} == {"actor1", "actor2"}
    assert rec["candidates"][1]["decision"] == "blocked"


def test_cli_threshold_and_missing_file(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("قصفت قوات النظام مدينة دوما.", encoding="utf-8")
    assert main(["explain", str(article), "--min-confidence", "0.95", "--format", "json"]) == 0
    (c,) = json.loads(capsys.readouterr().out)["candidates"]
    assert c["decision"] == "below_threshold" and c["confidence"] < 0.95 and "date" in c["anchors"]["missing"]
    assert main(["explain", str(tmp_path / "nope.txt")]) == 1
    assert "no such file" in capsys.readouterr().err
