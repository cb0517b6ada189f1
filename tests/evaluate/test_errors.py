"""The error table: misses, false alarms and failed attributes, and the fixed split of articles."""

from marsad.cli import main
from marsad.evaluate.errors import dev_half, error_rows, format_errors

TEXT = "قصفت قوات النظام بلدة كفرنبل. وفي حمص اعتقلت دورية ثلاثة شبان."


def gold_doc() -> dict:
    return {"id": "g1", "text": TEXT, "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "event_date": "2021-03-01", "actor1": ["Military Forces of Syria"], "actor2": [],
         "location": {"latitude": 35.61, "longitude": 36.56, "admin1": "Idlib"}, "fatalities": 0,
         "note": "regime shelling of Kafr Nabl"},
        {"event_type": "Strategic developments", "sub_event_type": "Arrests", "event_date": "2021-03-01",
         "actor1": ["Police Forces of Syria"], "location": {"latitude": 34.73, "longitude": 36.71, "admin1": "Homs"},
         "fatalities": 0, "note": "three young men arrested in Homs"},
    ]}


def system_doc() -> dict:
    return {"id": "g1", "events": [
        {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack",
         "event_date": "2021-03-01", "actor1": {"name": "Rebel group"},
         "location": {"name": "Kafr Nabl", "latitude": 35.61, "longitude": 36.56, "admin1": "Idlib"},
         "fatalities": 0, "evidence": [{"start": 0, "end": 29}], "triggers": [{"text": "قصفت"}]},
        {"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2021-03-01",
         "fatalities": 0, "evidence": [{"start": 30, "end": len(TEXT)}]},
    ]}


def test_rows_name_the_miss_the_false_alarm_and_the_wrong_actor():
    rows = error_rows({"g1": gold_doc()}, {"g1": system_doc()})
    kinds = sorted((r.kind, r.sub_event_type) for r in rows)
    assert kinds == [("actor1", "Shelling/artillery/missile attack"), ("false alarm", "Armed clash"),
                     ("miss", "Arrests")]
    wrong = next(r for r in rows if r.kind == "actor1")
    assert wrong.got == "Rebel group" and "Military Forces of Syria" in wrong.expected
    assert wrong.words.startswith("[قصفت] قصفت قوات النظام")
    table = format_errors(rows)
    assert "== miss: 1" in table and "gold: three young men arrested in Homs" in table


def test_halves_are_stable_and_both_used():
    ids = [f"article-{n}" for n in range(200)]
    halves = [dev_half(i) for i in ids]
    assert halves == [dev_half(i) for i in ids]
    assert 60 < halves.count("a") < 140


def test_evaluate_command_prints_errors(tmp_path, capsys):
    import json

    gold = tmp_path / "gold.jsonl"
    system = tmp_path / "system.jsonl"
    gold.write_text(json.dumps(gold_doc(), ensure_ascii=False) + "\n", encoding="utf-8")
    system.write_text(json.dumps(system_doc(), ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["evaluate", str(gold), str(system), "--errors"]) == 0
    out = capsys.readouterr().out
    assert "== false alarm: 1" in out and "precision 0.500" in out
