"""The events stage, end to end on short articles written for these tests."""

from datetime import date

import pytest

import marsad
from marsad.stages.events.stage import EventExtractor

PUB = date(2021, 3, 4)  # a Thursday


def events_of(text, published=PUB):
    return marsad.extract(text, published=published).events


def one(text, published=PUB):
    evs = events_of(text, published)
    assert len(evs) == 1, [(e.sub_event_type, e.location.name if e.location else None) for e in evs]
    return evs[0]


@pytest.mark.parametrize("text, event_type, sub_event_type", [
    ("شنت طائرات حربية روسية غارات على بلدة كفرنبل في ريف إدلب الجنوبي أمس، ما أدى إلى مقتل ثلاثة مدنيين.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("قصفت قوات النظام بالمدفعية الثقيلة مدينة دوما في الغوطة الشرقية صباح اليوم.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومسلحي تنظيم الدولة في بلدة هجين شرق دير الزور أمس.",
     "Battles", "Armed clash"),
    ("انفجرت عبوة ناسفة بسيارة عسكرية في مدينة درعا اليوم ما أدى إلى مقتل عنصرين من قوات النظام.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("اختطف مسلحون مجهولون مساء أمس شاباً من أبناء بلدة داعل في ريف درعا الأوسط.",
     "Violence against civilians", "Abduction/forced disappearance"),
    ("اعتقلت دورية من فرع الأمن العسكري ستة شبان في حي الخالدية بمدينة حمص أمس.",
     "Strategic developments", "Arrests"),
    ("خرج مئات المتظاهرين في ساحة السير وسط مدينة السويداء اليوم مطالبين برحيل النظام.",
     "Protests", "Peaceful protest"),
    ("فجر انتحاري نفسه بحزام ناسف في سوق مزدحم بمدينة الباب أمس ما أسفر عن مقتل 12 شخصاً.",
     "Explosions/Remote violence", "Suicide bomb"),
    ("انشق نحو 50 عنصراً من قوات النظام في ريف حمص الشرقي خلال الأسبوع الماضي.",
     "Strategic developments", "Change to group/activity"),
    ("اغتال مسلحون مجهولون قيادياً سابقاً في فصائل المعارضة بإطلاق النار عليه في بلدة طفس أمس.",
     "Violence against civilians", "Attack"),
])
def test_event_types(text, event_type, sub_event_type):
    ev = one(text)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_air_strike_fields_and_evidence():
    text = "شنت طائرات حربية روسية غارات على بلدة كفرنبل في ريف إدلب الجنوبي أمس، ما أدى إلى مقتل ثلاثة مدنيين."
    ev = one(text)
    assert ev.event_date == date(2021, 3, 3) and ev.time_precision == 1
    assert ev.location.admin1 == "Idleb" and ev.location.geo_precision in (1, 2)
    assert ev.fatalities == 3
    assert ev.actor2 is not None and ev.actor2.name == "Civilians (Syria)"
    assert text[ev.fatalities_evidence.start:ev.fatalities_evidence.end] == "ثلاثة"
    s = ev.evidence[0]
    assert "غارات" in text[s.start:s.end]
    assert ev.notes.startswith("On 3 March 2021")


def test_state_arrest_vs_non_state_abduction():
    arrest = one("اعتقلت دورية من فرع الأمن العسكري ستة شبان في حي الخالدية بمدينة حمص أمس.")
    assert arrest.actor1.actor.inter == 1
    abduction = one("اعتقلت هيئة تحرير الشام ناشطاً إعلامياً في مدينة إدلب أمس.")
    assert (abduction.event_type, abduction.sub_event_type) == (
        "Violence against civilians", "Abduction/forced disappearance")


def test_killed_and_wounded_together_is_not_a_death_count():
    ev = one("قتل وجرح نحو 9 عناصر من لواء القدس بكمين نصبه مقاتلو تنظيم الدولة قرب مدينة تدمر يوم الخميس الفائت.")
    assert ev.fatalities == 0
    assert ev.event_date == date(2021, 2, 25)


def test_deaths_and_wounded_counted_apart():
    ev = one("قتل ثلاثة مدنيين وأصيب خمسة آخرون بقصف مدفعي لقوات النظام على بلدة سرمين أمس.")
    assert ev.fatalities == 3


def test_ambush_actors_and_offset_location():
    text = ("وتابع: إن ما يقارب 9 من أفراد لواء القدس قتلوا وأصيبوا يوم الخميس الفائت بعد وقوعهم بكمين محكم نفذه "
            "مقاتلو تنظيم الدولة على طريق الـ M20 على بعد نحو 30 كم شمال شرق مدينة تدمر.")
    ev = one(text, date(2021, 3, 1))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1.actor.id.startswith("IS")
    assert "القدس" in ev.actor2.text
    assert ev.location.geo_precision == 2
    assert 34.6 < ev.location.latitude < 34.9 and 38.3 < ev.location.longitude < 38.7
    assert ev.event_date == date(2021, 2, 25)


def test_repeated_mentions_merge():
    text = ("شنت طائرات حربية غارات على مدينة أريحا في ريف إدلب صباح اليوم. "
            "وأسفرت الغارات عن مقتل سبعة مدنيين بينهم طفلان.")
    ev = one(text)
    assert ev.fatalities == 7
    assert len(ev.evidence) == 2


def test_two_places_two_events():
    evs = events_of("سيطرت قوات النظام اليوم على قرى الحصان والجيعة والجنينة في ريف دير الزور الشرقي بعد معارك مع "
                    "قوات سوريا الديمقراطية.")
    names = {e.location.name for e in evs}
    assert len(evs) >= 2 and len(names) == len(evs)
    assert all(e.sub_event_type == "Government regains territory" for e in evs)


@pytest.mark.parametrize("text", [
    "هدد قائد الفرقة الرابعة باقتحام مدينة درعا البلد إذا لم يسلم المطلوبون أنفسهم.",
    "تعتزم القوات التركية شن هجوم جديد على مدينة منبج خلال الأيام المقبلة.",
    "أدانت وزارة الخارجية الفرنسية الغارات التي استهدفت المدنيين في إدلب.",
    "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى في ريف إدلب.",
    "هل تشن إسرائيل غارات جديدة على مطار دمشق؟",
    "ومنذ بدء النزاع في سوريا عام 2011 قتل أكثر من 350 ألف شخص.",
    "سجل مهاجم المنتخب السوري هدفين في مباراة الأمس وقاد فريقه إلى الفوز.",
    "شهدت أسواق دمشق انفجاراً في الأسعار خلال الشهر الجاري.",
    "وطالب المجلس المحلي بوقف القصف على المدنيين في ريف حلب.",
    "تعرض موقع الوزارة لهجوم إلكتروني أدى إلى توقفه عن العمل ساعات.",
])
def test_non_events_stay_silent(text):
    assert events_of(text) == []


def test_history_is_not_a_current_event():
    evs = events_of("وكانت قوات النظام قد سيطرت على مدينة حلب في ديسمبر/ كانون الأول 2016 بعد معارك طويلة.")
    assert evs == []


def test_relative_dates_need_publication():
    ev = marsad.extract("قصفت قوات النظام مدينة دوما أمس ما أدى إلى مقتل ثلاثة مدنيين.").events[0]
    assert ev.event_date is None and ev.time_precision is None


def test_confidence_ranks_and_filters():
    text = ("شنت طائرات حربية غارات على مدينة أريحا في ريف إدلب صباح اليوم ما أدى إلى مقتل سبعة مدنيين. "
            "ويتحدث السكان عن الاشتباكات.")
    low = marsad.extract(text, published=PUB, pipeline=marsad.Pipeline.default(min_confidence=0.0)).events
    high = marsad.extract(text, published=PUB, pipeline=marsad.Pipeline.default(min_confidence=0.8)).events
    assert len(low) >= len(high)
    assert all(0.0 <= e.confidence <= 1.0 for e in low)
    strike = next(e for e in low if e.sub_event_type == "Air/drone strike")
    others = [e for e in low if e is not strike]
    assert all(strike.confidence > o.confidence for o in others)


def test_custom_threshold_stage():
    assert EventExtractor(threshold=0.9).threshold == 0.9


def test_combine_deaths_conventions():
    from marsad.stages.events.casualties import DeathCount, combine_deaths

    assert combine_deaths([]) == 0
    assert combine_deaths([DeathCount(21, None, "SY-ARMY"), DeathCount(21, None, "SY-ARMY")]) == 21  # repeated
    assert combine_deaths([DeathCount(21, None, "SY-ARMY"), DeathCount(8, None, "IS-SY")]) == 29  # both sides
    assert combine_deaths([DeathCount(16, None, "civilians"), DeathCount(4, None, None, True)]) == 20  # "آخرين"
    assert combine_deaths([DeathCount(5, None), DeathCount(7, None)]) == 7  # an updated toll


def test_deaths_across_sentences_of_one_incident():
    text = ("قتل 16 طفلا صباح اليوم في غارة جوية على قرية كفربطيخ في ريف إدلب. "
            "وقتل جراء القصف أيضا أربعة مدنيين آخرين.")
    ev = one(text)
    assert ev.fatalities == 20


def test_coordinated_victims_add_up():
    ev = one("قتل 15 طفلا وامرأتان في غارة جوية استهدفت مدرسة في بلدة عربين بالغوطة الشرقية أمس.")
    assert ev.fatalities == 17
