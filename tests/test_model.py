"""Documents are checked where they are built: a wrong type fails there, naming the field."""

from datetime import date, datetime

import pytest

import marsad
from marsad.model import Document, DocumentError


def test_published_may_be_an_iso_string():
    assert Document("a", "نص", published="2018-02-19").published == date(2018, 2, 19)
    assert Document("a", "نص", published="2018-02-19T10:00:00").published == date(2018, 2, 19)
    assert Document("a", "نص", published=datetime(2018, 2, 19, 10)).published == date(2018, 2, 19)
    assert Document("a", "نص", published="").published is None


def test_the_string_date_reaches_the_pipeline():
    doc = marsad.Pipeline.default()(Document("a", "قتل ثلاثة مدنيين أمس في غارة على بلدة كفرنبل في ريف إدلب.",
                                             published="2021-03-04T09:00:00+03:00"))
    assert doc.events and doc.events[0].event_date == date(2021, 3, 3)


@pytest.mark.parametrize("kwargs, field", [
    ({"published": "19/02/2018"}, "published"), ({"published": 20180219}, "published"),
    ({"title": ["x"]}, "title"), ({"url": 3}, "url"), ({"outlet": {}}, "outlet"),
])
def test_wrong_types_name_the_field(kwargs, field):
    with pytest.raises(DocumentError, match=f"'{field}'"):
        Document("a", "نص", **kwargs)


def test_id_and_text_must_be_strings():
    with pytest.raises(DocumentError, match="'id'"):
        Document(5, "نص")
    with pytest.raises(DocumentError, match="'text'"):
        Document("a", None)
