"""Death counts: tied to killed words, wounded apart, killed-and-wounded not counted, groups added up."""

import pytest

from marsad.model import Document
from marsad.stages.events.casualties import read_deaths
from marsad.stages.events.context import EventContext
from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.quantities import find_quantities
from marsad.text import analyse


def deaths(text):
    lex = builtin_event_lexicon()
    doc = analyse(Document("t", text))
    find_quantities(doc)
    return read_deaths(EventContext.build(doc, lex), 0, lex).value


@pytest.mark.parametrize("text, value", [
    ("قتل ثلاثة مدنيين في القصف", 3),
    ("مقتل 12 عنصرا من قوات النظام", 12),
    ("سقط 5 قتلى في الهجوم", 5),
    ("قتل ثلاثة وأصيب خمسة آخرون", 3),
    ("قتل وجرح نحو 9 عناصر", 0),
    ("سقط 20 بين قتيل وجريح", 0),
    ("أسفر الانفجار عن 7 قتلى وجرحى", 0),
    ("أصيب عشرة أشخاص بجروح", 0),
    ("مقتل مدني برصاص قناص", 1),
    ("مقتل شخصين بانفجار عبوة", 2),
    ("قتل 15 طفلا وامرأتان في الغارة", 17),
    ("لقي أربعة أشخاص حتفهم في الاشتباكات", 4),
    ("21 عنصرا على الأقل من قوات النظام قتلوا في الكمين", 21),
    ("ارتفع عدد القتلى إلى 30 شخصا", 30),
])
def test_death_counts(text, value):
    assert deaths(text) == value
