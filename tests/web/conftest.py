"""Fixtures of the review desk's tests: a small store ingested through the real store API, and a client."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.stages.dates import parse_published
from marsad.store.database import EventStore
from marsad.web.app import create_app
from marsad.web.security import Settings

ROOT = Path(__file__).resolve().parents[2]
# Two outlets report one air strike differently; a third report is another incident in the same town.
REPORT_A = ("شنت طائرات حربية روسية صباح اليوم غارات على مدينة أريحا في ريف إدلب الجنوبي، ما أدى إلى مقتل خمسة "
            "مدنيين بينهم طفلان، بحسب ما أفاد الدفاع المدني.")
REPORT_B = ("قتل أربعة مدنيين على الأقل، اليوم الثلاثاء، في غارات جوية نفذتها الطائرات الحربية الروسية على أحياء "
            "سكنية في مدينة أريحا جنوبي إدلب، وفق مصادر محلية.")
REPORT_C = ("اعتقلت هيئة تحرير الشام، اليوم، ثلاثة ناشطين إعلاميين في مدينة أريحا بريف إدلب بعد مداهمة منازلهم، "
            "بحسب ناشطين محليين.")
SHELLING = ("قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، اليوم الأحد، ما أدى إلى مقتل "
            "ثلاثة مدنيين، بحسب الدفاع المدني.")
PUB = "2021-03-02"
ARTICLES = [("a", REPORT_A, PUB, "Enab Baladi"), ("b", REPORT_B, PUB, "Al Jazeera"), ("c", REPORT_C, PUB, "SANA"),
            ("d", SHELLING, "2021-03-07", "Enab Baladi")]


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.default()


def ingest(db: Path, pipeline: Pipeline, articles=ARTICLES) -> None:
    store = EventStore(db)
    try:
        for ext_id, text, pub, outlet in articles:
            doc = pipeline(Document(ext_id, text, parse_published(pub), f"title {ext_id}", f"https://x.test/{ext_id}",
                                    outlet))
            store.add_document(doc, doc.events, "test")
    finally:
        store.close()


@pytest.fixture
def db(tmp_path, pipeline) -> Path:
    path = tmp_path / "desk.db"
    ingest(path, pipeline)
    return path


@pytest.fixture
def client(db, pipeline) -> TestClient:
    app = create_app(Settings(db=str(db)))
    app.state.pipeline = pipeline
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


def first_event(client: TestClient, **params) -> dict:
    page = client.get("/api/events", params=params).json()
    assert page["events"], page
    return page["events"][0]
