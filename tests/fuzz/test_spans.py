"""Every extracted field's text is the slice its offsets give (the check the fuzz harness runs)."""

from datetime import date

import pytest

from marsad.io.serialize import result_record
from marsad.model import Document, Result
from marsad.pipeline import Pipeline
from tests.fuzz.invariants import document_violations, span_violations

SENTENCES = [
    "قتل ثلاثة من عناصر تنظيم الدولة في كمين نصبته قوات النظام في بادية حمص.",
    "نصب مجهولون كمينا للدفاع الوطني قرب مدينة السلمية في ريف حماة وقتل اثنان من عناصره.",
    "تصدت الدفاعات الجوية للحوثيين في محافظة مأرب بعد هجوم لميليشيات الحوثيين على مواقع الجيش.",
    "اعترضت دورية للقوات الروسية رتلا للجيش التركي في ريف الحسكة، وقتل مدني في الاشتباك.",
    "قتل عنصر لميليشيا الدفاع الوطني وأصيب آخرون بقصف لفصائل المعارضة على ريف حماة أمس.",
]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.default()


@pytest.mark.parametrize("text", SENTENCES)
def test_actor_text_is_the_slice_of_its_evidence(pipeline, text):
    doc = pipeline(Document("s", text, date(2021, 3, 4)))
    assert doc.actors and document_violations(doc) == []
    assert span_violations(text, result_record(Result(doc.id, doc.events, doc))) == []
