"""The HTTP API through FastAPI's test client: filters, detail, edits, review, merge, split, history, export."""

from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.cli import main
from marsad.services.review import Desk
from marsad.store.database import EventStore
from tests.web.conftest import REPORT_A, first_event


def test_list_filters_sorting_paging_and_counts(client):
    page = client.get("/api/events").json()
    assert page["total"] == 3 and page["counts"] == {"unreviewed": 3, "approved": 0, "rejected": 0}
    confidences = [e["confidence"] for e in page["events"]]
    assert confidences == sorted(confidences)  # lowest-confidence unreviewed first
    strikes = client.get("/api/events", params={"sub_event_type": "air/drone strike", "min_fatalities": 1}).json()
    assert [e["sub_event_type"] for e in strikes["events"]] == ["Air/drone strike"]
    assert strikes["events"][0]["fatalities"] == 4  # ACLED: the lowest figure of the two reports
    assert client.get("/api/events", params={"outlet": "SANA"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "أريحا"}).json()["total"] == 2
    assert client.get("/api/events", params={"q": "اريحا"}).json()["total"] == 2  # the hamza need not be typed
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0  # a wildcard is a character
    assert client.get("/api/events", params={"since": "2021-03-05"}).json()["total"] == 1
    assert client.get("/api/events", params={"bbox": "36.5,35.7,36.7,35.9"}).json()["total"] == 2
    assert client.get("/api/events", params={"min_confidence": 1.01}).status_code == 422
    by_date = client.get("/api/events", params={"sort": "-event_date", "limit": 2}).json()
    assert len(by_date["events"]) == 2 and by_date["total"] == 3
    assert by_date["events"][0]["event_date"] >= by_date["events"][1]["event_date"]
    second = client.get("/api/events", params={"sort": "-event_date", "limit": 2, "offset": 2}).json()
    assert len(second["events"]) == 1


def test_bad_input_is_json_naming_the_field(client):
    for params, field in (({"limit": 1000}, "limit"), ({"since": "2021-02-30"}, "since"), ({"bbox": "1,2"}, "bbox"),
                          ({"sort": "password"}, "sort"), ({"status": "maybe"}, "status"),
                          ({"updated_since": "yesterday"}, "updated_since"),
                          ({"sub_event_type": "Picnic"}, "sub_event_type"),
                          ({"event_type": "Protests", "sub_event_type": "Air/drone strike"}, "sub_event_type"),
                          ({"since": "2021-03-05", "until": "2021-03-01"}, "since")):
        r = client.get("/api/events", params=params)
        assert r.status_code == 422 and r.json()["field"] == field, (params, r.json())
    assert client.get("/api/events/NOPE").status_code == 404
    assert client.get("/api/documents/999").json() == {"error": "no document 999", "field": None}


def test_detail_has_reports_sources_and_evidence(client):
    ev = first_event(client, sub_event_type="Air/drone strike")
    detail = client.get(f"/api/events/{ev['event_id']}").json()
    assert len(detail["reports"]) == 2 and len(detail["sources"]) == 2
    texts = {(e["field"], e["text"]) for e in detail["evidence"]}
    assert ("location", "أريحا") in texts
    doc = client.get(f"/api/documents/{detail['reports'][0]['document_id']}").json()
    for span in doc["evidence"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert [e["event_id"] for e in doc["events"]] == [ev["event_id"]]


def test_patch_by_record_field_names_and_conflicts(client):
    ev = first_event(client, sub_event_type="Air/drone strike")
    r = client.patch(f"/api/events/{ev['event_id']}", json={"fatalities": 7})
    assert r.status_code == 200 and r.json()["fatalities"] == 7 and r.json()["edited"] == ["fatalities"]
    stale = client.patch(f"/api/events/{ev['event_id']}", json={"fatalities": 9, "version": ev["version"]})
    assert stale.status_code == 409 and stale.json()["current_version"] == r.json()["version"]
    assert stale.json()["event"]["fatalities"] == 7
    ok = client.patch(f"/api/events/{ev['event_id']}", params={"version": r.json()["version"]},
                      json={"sub_event_type": "Shelling/artillery/missile attack",
                            "location": {"latitude": 35.9, "longitude": 36.5, "geo_precision": 2},
                            "actor2": {"name": "Civilians (Syria)", "inter": 7}})
    body = ok.json()
    assert ok.status_code == 200, body
    assert body["event_type"] == "Explosions/Remote violence" and body["location"]["geo_precision"] == 2
    assert body["actor2"]["name"] == "Civilians (Syria)"
    for change, field in (({"fatalities": -1}, "fatalities"), ({"sub_event_type": "Picnic"}, "sub_event_type"),
                          ({"event_type": "Protests"}, "sub_event_type"), ({"colour": "red"}, "colour"),
                          ({"location": {"latitude": 200}}, "location.latitude"), ({"event_date": "2021-13-01"},
                                                                                   "event_date"), ([], "body")):
        bad = client.patch(f"/api/events/{ev['event_id']}", json=change)
        assert bad.status_code == 422 and bad.json()["field"] == field, (change, bad.json())


def test_review_history_and_status_filter(client):
    ev = first_event(client)
    assert client.post(f"/api/events/{ev['event_id']}/review", json={"action": "reject"}).json()["field"] == "reason"
    r = client.post(f"/api/events/{ev['event_id']}/review", json={"action": "reject", "reason": "not an event"})
    assert r.json()["review"]["status"] == "rejected" and r.json()["review"]["by"] == "local"
    other = first_event(client, status="unreviewed")
    client.post(f"/api/events/{other['event_id']}/review", json={"action": "approve"})
    page = client.get("/api/events").json()
    assert page["counts"] == {"unreviewed": 1, "approved": 1, "rejected": 1}
    assert page["events"][0]["review"]["status"] == "unreviewed"
    hist = client.get(f"/api/events/{ev['event_id']}/history").json()
    assert [(h["action"], h["reason"], h["before"], h["after"]) for h in hist] == [
        ("reject", "not an event", {"status": "unreviewed"}, {"status": "rejected"})]


def test_merge_and_split_follow_the_conservative_fatalities(client):
    strike = first_event(client, sub_event_type="Air/drone strike")
    shelling = first_event(client, sub_event_type="Shelling/artillery/missile attack")
    docs = strike["document_ids"]
    split = client.post(f"/api/events/{strike['event_id']}/split", json={"document_ids": [docs[0]]}).json()
    assert split["event"]["event_id"] == strike["event_id"]
    assert {split["event"]["fatalities"], split["new_event"]["fatalities"]} == {4, 5}
    merged = client.post("/api/events/merge", json={"event_ids": [strike["event_id"], split["new_event"]["event_id"],
                                                                  shelling["event_id"]]}).json()
    assert merged["event_id"] == strike["event_id"] and len(merged["reports"]) == 3
    assert merged["fatalities"] == 3  # the lowest positive figure of every report
    assert client.get(f"/api/events/{shelling['event_id']}").status_code == 404
    assert client.get(f"/api/events/{shelling['event_id']}/history").json()[-1]["after"] == {
        "into": strike["event_id"]}
    assert client.post(f"/api/events/{strike['event_id']}/split", json={"document_ids": [999]}).status_code == 422


def test_edits_and_merges_survive_reprocess(client, db, capsys):
    strike = first_event(client, sub_event_type="Air/drone strike")
    shelling = first_event(client, sub_event_type="Shelling/artillery/missile attack")
    client.patch(f"/api/events/{strike['event_id']}", json={"fatalities": 7, "notes": "checked by hand"})
    client.post("/api/events/merge", json={"event_ids": [shelling["event_id"], strike["event_id"]]})
    assert main(["reprocess", "--db", str(db)]) == 0
    capsys.readouterr()
    after = client.get(f"/api/events/{shelling['event_id']}").json()
    assert len(after["reports"]) == 3
    lone = client.get("/api/events", params={"q": "checked"}).json()
    assert lone["total"] == 0  # the merge dropped the edited event: its edits went with it
    r = client.patch(f"/api/events/{shelling['event_id']}", json={"fatalities": 11, "actor1": "Someone"})
    assert r.status_code == 422 and r.json()["field"] == "actor1.inter"  # an actor the lexicon does not know
    edited = client.patch(f"/api/events/{shelling['event_id']}",
                          json={"fatalities": 11, "actor1": {"name": "Someone", "inter": 3}}).json()
    assert main(["reprocess", "--db", str(db)]) == 0
    again = client.get(f"/api/events/{shelling['event_id']}").json()
    assert again["fatalities"] == 11 and again["actor1"]["name"] == "Someone"
    assert again["version"] == edited["version"]  # a reprocess that changes nothing changes no version either
    assert client.get("/api/events").json()["total"] == 2


def test_export_is_exactly_the_cli_export(client, db, capsys, tmp_path):
    out = tmp_path / "cli.csv"
    assert main(["export", "--db", str(db), "--format", "csv", "-o", str(out)]) == 0
    capsys.readouterr()
    r = client.get("/api/export", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content == out.read_bytes()
    assert r.headers["x-marsad-snapshot"] and "attachment" in r.headers["content-disposition"]
    filtered = client.get("/api/export", params={"format": "jsonl", "outlet": "SANA"})
    assert len(filtered.text.splitlines()) == 1
    assert json.loads(filtered.headers["x-marsad-filters"]) == {"outlet": "SANA"}
    for fmt in ("geojson", "parquet"):
        assert client.get("/api/export", params={"format": fmt}).status_code == 200
    for name in ("../etc/passwd", "a/b.csv", ".hidden"):
        assert client.get("/api/export", params={"filename": name}).status_code == 422


def test_edited_records_keep_the_output_contract(client):
    jsonschema = pytest.importorskip("jsonschema")
    from marsad.io.serialize import event_schema

    schema = event_schema()
    validator = jsonschema.Draft202012Validator({"$ref": "#/$defs/stored_event", "$defs": schema["$defs"]})
    ev = first_event(client, sub_event_type="Air/drone strike")
    r = client.patch(f"/api/events/{ev['event_id']}", json={
        "actor1": {"id": "RU-ARMY"}, "actor2": {"name": "Civilians (Syria)", "inter": 7},
        "assoc_actor_1": [{"name": "Someone", "inter": 3}], "admin1": "Hama", "latitude": 35.1, "longitude": 36.7,
        "notes": "<b>checked</b>"})
    assert r.status_code == 200, r.json()
    body = r.json()
    assert body["actor1"]["name_ar"] == "القوات الروسية" and body["location"]["admin1"] == "Hama"
    assert body["location"]["name"] == "Ariha"  # the place keeps its name when only the pin moved
    rows = [json.loads(line) for line in client.get("/api/export", params={"format": "jsonl"}).text.splitlines()]
    for rec in rows:
        validator.validate(rec)
    mine = next(rec for rec in rows if rec["event_id"] == ev["event_id"])
    assert mine["actor2"]["name"] == "Civilians (Syria)" and mine["location"]["latitude"] == 35.1
    table = list(csv.DictReader(io.StringIO(client.get("/api/export", params={"format": "csv"}).text)))
    assert any(row["admin1"] == "Hama" and row["assoc_actor_1"] == "Someone" for row in table)


def test_extract_and_ingest_documents(client):
    r = client.post("/api/extract", json={"text": REPORT_A, "published": "2021-03-02"})
    assert r.status_code == 200 and r.json()["events"][0]["sub_event_type"] == "Air/drone strike"
    assert client.post("/api/extract", json={"text": "x", "published": "soon"}).json()["field"] == "published"
    protest = "تظاهر العشرات في مدينة إدلب اليوم الجمعة للمطالبة بالإفراج عن المعتقلين."
    batch = client.post("/api/documents", json={"documents": [{"text": REPORT_A},
                                                              {"text": protest, "published": "2021-03-05"}]})
    assert batch.json()["known"] == 1 and batch.json()["new"] == 1
    assert client.post("/api/documents", json={"documents": []}).json()["field"] == "documents"


def test_lexicon_searches_in_arabic_and_english(client):
    assert client.get("/api/gazetteer/search", params={"q": "أريحا"}).json()[0]["name"] == "Ariha"
    assert client.get("/api/gazetteer/search", params={"q": "ariha"}).json()[0]["name_ar"] == "أريحا"
    assert any(a["id"] == "RU-ARMY" for a in client.get("/api/actors/search", params={"q": "القوات الروسية"}).json())
    assert client.get("/api/actors/search", params={"q": ""}).status_code == 422
    stats = client.get("/api/stats").json()
    assert stats["events"] == 3 and stats["by_status"]["unreviewed"] == 3


def test_two_writers_never_lose_an_update(client, db):
    ev = first_event(client)
    a, b = EventStore(db), EventStore(db)
    try:
        v = Desk(a).event(ev["event_id"])["version"]
        Desk(a).edit(ev["event_id"], {"notes": "first"}, v, "ann")
        try:
            Desk(b).edit(ev["event_id"], {"notes": "second"}, v, "bob")
            raise AssertionError("a stale write went through")
        except Exception as exc:
            assert type(exc).__name__ == "VersionConflict"
    finally:
        a.close()
        b.close()
    assert client.get(f"/api/events/{ev['event_id']}").json()["notes"] == "first"


def test_learning_from_corrections(client, monkeypatch, tmp_path):
    from marsad.resource_files import clear_caches

    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    clear_caches()
    text = "قصفت كتائب الفجر الجديد بلدة كفرنبل في ريف إدلب اليوم، ما أدى إلى مقتل ثلاثة مدنيين."
    try:
        offer = client.get("/api/resources/suggestion", params={"kind": "actor", "text": "كتائب الفجر الجديد",
                                                                 "target": "SY-HTS"}).json()["suggestion"]
        assert offer == {"kind": "actor_alias", "text": "كتائب الفجر الجديد", "target": "SY-HTS"}
        known = client.get("/api/resources/suggestion", params={"kind": "actor", "text": "هيئة تحرير الشام",
                                                                 "target": "SY-HTS"}).json()
        assert known["suggestion"] is None
        before = client.post("/api/extract", json={"text": text, "published": "2021-03-02"}).json()
        assert all((e["actor1"] or {}).get("id") != "HTS" for e in before["events"])
        assert client.post("/api/resources", json=offer).status_code == 200
        after = client.post("/api/extract", json={"text": text, "published": "2021-03-02"}).json()
        assert after["events"][0]["actor1"]["id"] == "SY-HTS"
        assert client.get("/api/actors/search", params={"q": "الفجر الجديد"}).json()[0]["id"] == "SY-HTS"
        place = {"kind": "place", "text": "تل الزعتر الغربي", "place": {"name": "Tall az-Zaatar al-Gharbi",
                                                                        "country": "Syria", "admin1": "Idleb",
                                                                        "latitude": 35.6, "longitude": 36.6}}
        assert client.post("/api/resources", json=place).status_code == 200
        assert client.get("/api/gazetteer/search", params={"q": "تل الزعتر الغربي"}).json()[0]["source"] == "analyst"
        listed = client.get("/api/resources").json()
        assert {(e["file"], e["id"]) for e in listed} >= {("actors.yaml", "SY-HTS")}
        gone = client.delete("/api/resources", params={"file": "actors.yaml", "id": "SY-HTS"})
        assert gone.json() == {"removed": True}
        assert client.get("/api/actors/search", params={"q": "الفجر الجديد"}).json() == []
        assert client.post("/api/resources", json={"kind": "place", "text": "x", "place": {}}).json()["field"] == \
            "place.latitude"
    finally:
        monkeypatch.undo()
        clear_caches()


def test_decision_trace_of_a_stored_article(client):
    ev = first_event(client, sub_event_type="Air/drone strike")
    trace = client.get(f"/api/documents/{ev['document_ids'][0]}/explain").json()
    assert trace["candidates"] and trace["candidates"][0]["decision"] == "emitted"
    assert trace["candidates"][0]["triggers"][0]["text"]
    assert client.get("/api/documents/12345/explain").status_code == 404


def test_one_failing_article_does_not_cost_the_batch(client, monkeypatch):
    import marsad.services.extraction as extraction

    real = extraction.extract_document

    def flaky(doc, pipeline, *args, **kwargs):
        if "BOOM" in doc.text:
            raise_in = lambda d: (_ for _ in ()).throw(RuntimeError("stage broke"))  # noqa: E731
            return real(doc, raise_in, *args, **kwargs)
        return real(doc, pipeline, *args, **kwargs)

    monkeypatch.setattr("marsad.services.ingestion.extract_document", flaky)
    good = "قتل مدنيان في قصف مدفعي على بلدة معرة النعمان في ريف إدلب اليوم الخميس."
    r = client.post("/api/documents", json={"documents": [{"text": "BOOM " + good}, {"text": good,
                                                                                     "published": "2021-03-04"}]})
    body = r.json()
    assert r.status_code == 200 and body["failed"] == 1 and body["new"] == 1
    assert "stage broke" in body["results"][0]["error"]
