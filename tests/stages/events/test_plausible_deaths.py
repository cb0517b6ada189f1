"""Only real deaths and real dates: war totals, disasters, running tolls, refugees, non-lethal event types,
counts beyond the support level and the ceiling, and events dated after publication."""

from datetime import date

import pytest

import marsad
from marsad.stages.events.casualties import read_deaths, running_toll
from marsad.stages.events.lexicon import builtin_event_lexicon
from tests.stages.events.prepared import context

PUB = date(2018, 3, 15)  # a Thursday


def deaths(text, published=PUB):
    ctx = context(text, published)
    return read_deaths(ctx, 0, builtin_event_lexicon()).value


@pytest.mark.parametrize("text, value", [
    # a war, a conflict or a disaster before the killed word: its whole toll
    ("وخلفت الحرب أكثر من 350 ألف قتيل", 0),
    ("في حرب أدت إلى سقوط أكثر من نصف مليون قتيل وتشريد 11 مليون شخص", 0),
    ("ويشن الحزب تمردا أسفر عن سقوط نحو 40 ألف قتيل", 0),
    ("بعد الزلزال القوي الذي هز الجزيرة وأدى إلى مقتل 832 شخصا", 0),
    # what the filters block does not count either
    ("نفى الجيش مقتل 5 مدنيين في القصف", 0),
    ("قتل 185 ألف شخص بسبب المعارك بحلول فبراير", 0),
    # the refugees joined to the dead did not die
    ("خلف القصف 12 قتيلا و300 نازح", 12),
    ("قتل 15 طفلا وامرأتان في الغارة", 17),
    # the dead of several days are a running toll; a day's toll is not
    ("قتل أكثر من 500 مدني خلال سبعة أيام من القصف المكثف", 0),
    ("قتل 20 شخصا في القصف خلال الأيام الماضية", 0),
    ("قتل 20 شخصا في القصف خلال 24 ساعة", 20),
    ("جاء الانفجار بعد ثلاثة أيام من مقتل 14 شخصا في انفجار سيارة مفخخة", 14),
])
def test_only_an_incidents_dead_are_counted(text, value):
    assert deaths(text) == value


def test_since_a_day_long_before_publication_is_a_running_toll():
    assert running_toll(context("قتل أكثر من 860 مدنيا منذ 18 شباط في الغوطة الشرقية", PUB), 0)
    # "since Wednesday" the day before: the toll of one battle over two days
    assert not running_toll(context("وأدت المعارك المستمرة منذ الأربعاء إلى مقتل 37 عنصرا", PUB), 0)


def extract(text):
    return marsad.extract(text, published=PUB).document


def test_the_issue_example_protest_with_a_war_total():
    doc = extract("خرج متظاهرون في دمشق، وخلفت الحرب أكثر من 350 ألف قتيل و7 ملايين لاجئ")
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Peaceful protest", 0)]


def test_non_lethal_types_carry_no_fatalities():
    doc = extract("اعتقلت قوات الأمن ثلاثة شبان في مدينة حمص اليوم بعد مقتل شخصين في المدينة.")
    assert [(e.sub_event_type, e.fatalities) for e in doc.events] == [("Arrests", 0)]
    cand = next(c for c in doc.candidates if c.decision == "emitted")
    assert cand.arguments["non_lethal_deaths"]["value"] == 2


def test_a_toll_beyond_the_support_level_needs_a_report_of_the_incident():
    # a bare killed word with a huge count: no incident reported, so no count and no event
    doc = extract("قتل نصف مليون إنسان من شعبه.")
    assert doc.events == [] and [c.reason for c in doc.candidates] == ["no-deaths"]
    assert doc.candidates[0].arguments["unsupported_deaths"]["value"] == 500000


def test_a_supported_large_toll_is_capped_at_the_ceiling_with_a_warning():
    doc = extract("قتل 3500 مدني في قصف على حمص اليوم.")
    [ev] = doc.events
    assert ev.fatalities == 2000
    assert doc.warnings == ["event 0: fatalities 3,500 capped at the ceiling of 2,000"]
    assert "large_toll" in doc.candidates[0].factors


def test_an_impossible_count_is_no_count():
    # (the quantities stage reads a number beyond any plausible count as no count at all)
    assert [e.fatalities for e in extract("قتل 999999999999 مدنيا في قصف على حمص اليوم.").events] == [0]


def test_a_planned_event_dated_after_publication_is_not_coded():
    doc = extract("ستنظم تظاهرة في ساحة المرجة يوم الجمعة المقبل للمطالبة بالإفراج عن المعتقلين.")
    assert doc.events == []
    assert "future-date" in [c.reason for c in doc.candidates]
    assert "dated after publication" in next(c.detail for c in doc.candidates if c.reason == "future-date")


def test_no_event_is_dated_after_publication():
    # whatever the words, a deed dated after publication is a plan (or a misread date)
    text = "تظاهر المئات في ساحة المرجة يوم الجمعة المقبل. وقصفت قوات النظام مدينة دوما يوم السبت المقبل."
    doc = extract(text)
    assert doc.events == [] and [c.reason for c in doc.candidates] == ["future-date", "future-date"]
