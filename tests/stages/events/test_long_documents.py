"""Long documents: the events stage's work grows with the document, not with its square."""

import time
from datetime import date

from marsad.model import Document
from marsad.pipeline import Pipeline

PUB = date(2021, 3, 4)


def events_seconds(text: str) -> tuple[float, Document]:
    pipe = Pipeline.default()
    doc = pipe.until("actors")(Document("long", text, published=PUB))
    t0 = time.process_time()
    doc = pipe.get("events")(doc)
    return time.process_time() - t0, doc


def test_a_repeated_death_report_finishes():
    # was cubic: 1,000 killed words x 1,000 counts x the words between them (90 s and more)
    seconds, doc = events_seconds("ومقتل 3 مدنيين في حمص " * 1000)
    assert seconds < 10
    assert len(doc.events) == 1 and doc.events[0].fatalities == 3


def test_a_repeated_killed_word_with_a_huge_count_finishes():
    seconds, doc = events_seconds("قتل مليون " * 1000)
    assert seconds < 10
    # one sentence, one frame; a million dead with no incident named is no count of the dead
    assert doc.events == [] and [c.reason for c in doc.candidates] == ["no-deaths"]


def test_many_sentences_many_candidates():
    text = "قصفت قوات النظام مدينة دوما صباح اليوم. هدد قائد الفرقة باقتحام مدينة درعا.\n" * 400
    seconds, doc = events_seconds(text)
    assert seconds < 10
    assert len(doc.candidates) == 800 and len(doc.events) == 1
