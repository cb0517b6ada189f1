"""The actors stage: lexicon matching on Arabic news phrasing, proclitics, descriptors, references, choice by
country and period, generic actors, and lexicons loaded from data."""

import copy
from datetime import date

import pytest

from marsad.io.serialize import actor_record
from marsad.model import Actor, ActorMention, Document
from marsad.pipeline import Pipeline
from marsad.resource_files import ResourceError, load_yaml
from marsad.stages.actors import (
    ActorFinder,
    ActorLexicon,
    ActorNameFinder,
    actor_name,
    builtin_actor_lexicon,
    surface_without_clitic,
)
from marsad.text import analyse

D2018 = date(2018, 6, 1)
D2021 = date(2021, 3, 1)
D2025 = date(2025, 5, 1)


UNTIL_ACTORS = Pipeline.default().until("actors")


def run(text: str, published: date | None = D2021, finder: ActorFinder | None = None) -> Document:
    doc = Document("t", text, published=published)
    if finder is None:
        return UNTIL_ACTORS(doc)
    pipe = UNTIL_ACTORS.replace("actor_names", ActorNameFinder(finder.lexicon)).replace("actors", finder)
    return pipe(doc)


def actors_of(text: str, published: date | None = D2021) -> list[ActorMention]:
    return run(text, published).actors


def mention_at(text: str, actors: list[ActorMention], anchor: str) -> ActorMention:
    """The one mention whose evidence overlaps `anchor` (which must occur once in `text`)."""
    assert text.count(anchor) == 1, f"anchor {anchor!r} must occur exactly once"
    pos = text.index(anchor)
    hits = [a for a in actors if a.start < pos + len(anchor) and pos < a.end]
    assert len(hits) == 1, f"expected one mention at {anchor!r}, got {[(a.text, a.actor.id) for a in actors]}"
    return hits[0]


# (sentence, published, anchor, expected actor id, expected output name, expected `text` or None,
#  expected evidence text[start:end] or None)
CASES = [
    # --- proclitics on the first word: stripped from `text` and from the evidence start ---
    ("قصفت قوات النظام بلدة كفرنبل في ريف إدلب الجنوبي.", D2021, "قوات النظام", "SY-ARMY",
     "Military Forces of Syria (2000-2024)", "قوات النظام", "قوات النظام"),
    ("اندلعت اشتباكات بين فصائل المعارضة ولواء القدس في ريف حلب الشمالي.", D2021, "ولواء", "SY-QUDS-BRIGADE",
     "Liwa al Quds", "لواء القدس", "لواء القدس"),
    ("استهدفت مدفعية تابعة بقوات النظام قرية في ريف إدلب.", D2021, "بقوات", "SY-ARMY",
     "Military Forces of Syria (2000-2024)", "قوات النظام", "قوات النظام"),
    ("نفذ طيران مسير تابع لقوات الدعم السريع غارة على مدينة الأبيض.", D2021, "لقوات", "SD-RSF",
     "RSF: Rapid Support Forces", "قوات الدعم السريع", "قوات الدعم السريع"),
    ("نصب مجهولون كمينا للدفاع الوطني قرب مدينة السلمية في ريف حماة.", D2021, "للدفاع", "SY-NDF",
     "NDF: National Defence Forces", "للدفاع الوطني", "للدفاع الوطني"),  # لل hides the article: kept whole
    ("تصدت الدفاعات الجوية للحوثيين في محافظة مأرب.", D2021, "للحوثيين", "YE-HOUTHI",
     "Houthi Movement (Ansar Allah)", "للحوثيين", "للحوثيين"),
    ("ذكرت مصادر محلية أن القصف مستمر، فالقوات التركية تواصل استهداف القرى في ريف الحسكة.", D2021, "فالقوات",
     "TR-ARMY", "Military Forces of Turkey (2016-)", "القوات التركية", "القوات التركية"),
    ("داهمت دورية منازل المطلوبين في مدينة درعا، وبالأمن العسكري تحديدا.", D2021, "وبالأمن", "SY-MI",
     "Military Intelligence Directorate (Military Security)", "الأمن العسكري", "الأمن العسكري"),
    ("ألحقت الغارات خسائر بالحشد الشعبي في محافظة ديالى.", D2021, "بالحشد", "IQ-PMF",
     "PMF: Popular Mobilization Forces", "الحشد الشعبي", "الحشد الشعبي"),
    ("تقدمت وقوات حفتر نحو الأحياء الجنوبية في طرابلس.", D2021, "وقوات", "LY-LNA",
     "Military Forces of Libya (2014-) Haftar Faction", "قوات حفتر", "قوات حفتر"),
    ("قتل عنصر لميليشيا الدفاع الوطني في ريف حماة.", D2021, "لميليشيا", "SY-NDF",
     "NDF: National Defence Forces", None, None),
    # --- descriptors before a name: in the evidence span, not in `text` ---
    ("قتل ثلاثة من عناصر تنظيم الدولة في كمين في بادية حمص.", D2021, "تنظيم الدولة", "IS-SY",
     "Islamic State (Syria)", "تنظيم الدولة", "عناصر تنظيم الدولة"),
    ("اشتبك مقاتلي هيئة تحرير الشام مع فصيل آخر في ريف إدلب.", D2021, "هيئة", "SY-HTS",
     "HTS: Hayat Tahrir al Sham", "هيئة تحرير الشام", "مقاتلي هيئة تحرير الشام"),
    ("أعدم مسلحو داعش رجلين في ريف دير الزور الشرقي.", D2021, "داعش", "IS-SY",
     "Islamic State (Syria)", "داعش", "مسلحو داعش"),
    ("وقع عناصر لواء القدس في كمين في ريف حلب الشمالي.", D2021, "لواء", "SY-QUDS-BRIGADE",
     "Liwa al Quds", "لواء القدس", "عناصر لواء القدس"),
    ("قتل عناصر ميليشيا لواء فاطميون في بادية دير الزور.", D2021, "فاطميون", "SY-FATEMIYOUN",
     "Fatemiyoun Brigade", "لواء فاطميون", "عناصر ميليشيا لواء فاطميون"),
    ("اعترضت دورية للقوات الروسية رتلا في ريف الحسكة.", D2021, "للقوات", "RU-ARMY",
     "Military Forces of Russia (2000-)", "للقوات الروسية", "دورية للقوات الروسية"),
    ("دخل رتل للجيش التركي إلى ريف إدلب عبر معبر كفرلوسين.", D2021, "للجيش", "TR-ARMY",
     "Military Forces of Turkey (2016-)", "للجيش التركي", "رتل للجيش التركي"),
    # a descriptor ending the previous sentence is not absorbed
    ("وصلت تعزيزات. القوات التركية قصفت قرية في ريف الحسكة.", D2021, "القوات", "TR-ARMY",
     "Military Forces of Turkey (2016-)", "القوات التركية", "القوات التركية"),
    # --- security branches by number ---
    ("اعتقل فرع الأمن العسكري 261 شابا من حي الوعر في حمص.", D2021, "فرع", "SY-MI-261",
     "Military Security Branch 261 (Homs)", "فرع الأمن العسكري 261", "فرع الأمن العسكري 261"),
    ("اقتادت دورية من الفرع 227 معتقلين إلى دمشق.", D2021, "الفرع", "SY-MI-227",
     "Military Security Branch 227 (Region Branch)", "الفرع 227", "الفرع 227"),
    ("توفي معتقل تحت التعذيب في فرع فلسطين بدمشق.", D2021, "فرع فلسطين", "SY-MI-235",
     "Military Security Branch 235 (Palestine Branch)", "فرع فلسطين", "فرع فلسطين"),
    ("استدعى الفرع 251 عددا من الناشطين في دمشق.", D2021, "الفرع", "SY-GID-251",
     "General Intelligence Branch 251 (Internal Branch, al-Khatib)", "الفرع 251", "الفرع 251"),
    # --- country choice for a shared alias ---
    ("تقدم الجيش الوطني نحو مدينة مأرب بعد معارك عنيفة في محافظة تعز.", D2021, "الجيش", "YE-ARMY",
     "Military Forces of Yemen (2012-)", "الجيش الوطني", "الجيش الوطني"),
    ("سيطر الجيش الوطني على قرية قرب مدينة عفرين شمال اعزاز.", D2021, "الجيش", "SY-SNA",
     "Syrian National Army", "الجيش الوطني", "الجيش الوطني"),
    ("سيطر الجيش الوطني على مواقع في ريف بنغازي.", D2021, "الجيش", "LY-LNA",
     "Military Forces of Libya (2014-) Haftar Faction", "الجيش الوطني", "الجيش الوطني"),
    ("تبنى تنظيم داعش هجوما في مدينة سرت.", D2021, "داعش", "IS-LY", "Islamic State (Libya)", "تنظيم داعش", None),
    ("تبنى تنظيم داعش هجوما في محافظة نينوى.", D2021, "داعش", "IS-IQ", "Islamic State (Iraq)", "تنظيم داعش", None),
    ("قصف طيران التحالف مواقع في صنعاء.", D2021, "طيران", "YE-COALITION",
     "Operation Restoring Hope (Saudi-led Coalition)", "طيران التحالف", None),
    ("قصف طيران التحالف مواقع لداعش في ريف دير الزور.", D2021, "طيران", "INTL-COALITION",
     "Global Coalition Against Daesh", "طيران التحالف", None),
    # --- period choice ---
    ("قصف الجيش السوري مواقع المعارضة في ريف حماة الشمالي.", D2018, "الجيش", "SY-ARMY",
     "Military Forces of Syria (2000-2024)", "الجيش السوري", "الجيش السوري"),
    ("انتشر الجيش السوري في أحياء مدينة حمص.", D2025, "الجيش", "SY-NEW-ARMY",
     "Military Forces of Syria (2024-)", "الجيش السوري", "الجيش السوري"),
    ("تقدمت القوات الحكومية في ريف إدلب الجنوبي.", D2018, "القوات", "SY-ARMY",
     "Military Forces of Syria (2000-2024)", "القوات الحكومية", None),
    ("دخلت القوات الحكومية مدينة السويداء.", D2025, "القوات", "SY-NEW-ARMY",
     "Military Forces of Syria (2024-)", "القوات الحكومية", None),
    ("هاجمت جبهة النصرة مواقع في ريف إدلب.", date(2015, 4, 1), "جبهة", "SY-NUSRA",
     "Jabhat al Nusra", "جبهة النصرة", None),
    ("هاجمت جبهة النصرة مواقع في ريف إدلب.", D2021, "جبهة", "SY-HTS",
     "HTS: Hayat Tahrir al Sham", "جبهة النصرة", None),
    ("اعتقلت قوات الأمن السورية شابا في حمص.", date(2020, 2, 1), "قوات", "SY-SEC-SERVICES",
     "Syrian Intelligence Services (2000-2024)", "قوات الأمن السورية", None),
    ("اعتقلت قوات الأمن السورية شابا في حمص.", D2025, "قوات", "SY-GSS",
     "General Security Service (Syria)", "قوات الأمن السورية", None),
    # --- generic actors take the article's country ---
    ("قتل ثلاثة مدنيين في قصف على مدينة إدلب.", D2021, "مدنيين", "CIVILIANS", "Civilians (Syria)",
     "مدنيين", "مدنيين"),
    ("قتل ثلاثة مدنيين في قصف على قرية نائية.", D2021, "مدنيين", "CIVILIANS", "Civilians", "مدنيين", None),
    ("قتل ثلاثة مواطنين بقصف على مدينة الحديدة.", D2021, "مواطنين", "CIVILIANS", "Civilians (Yemen)",
     "مواطنين", None),
    ("قتل طفلان في قصف على مدينة إدلب.", D2021, "طفلان", "CHILDREN", "Children (Syria)", "طفلان", None),
    ("هاجم مسلحون مجهولون حاجزا في ريف درعا الغربي.", D2021, "مسلحون", "UNIDENTIFIED-ARMED-GROUP",
     "Unidentified Armed Group (Syria)", "مسلحون مجهولون", "مسلحون مجهولون"),
    ("أطلق مسلحون مجهولون النار على سيارة في مدينة بنغازي.", D2021, "مسلحون", "UNIDENTIFIED-ARMED-GROUP",
     "Unidentified Armed Group (Libya)", "مسلحون مجهولون", None),
    ("خرج متظاهرين في مدينة السويداء احتجاجا على الغلاء.", D2021, "متظاهرين", "PROTESTERS",
     "Protesters (Syria)", "متظاهرين", None),
    ("تجمع محتجون أمام مبنى المحافظة في مدينة البصرة.", D2021, "محتجون", "PROTESTERS", "Protesters (Iraq)",
     "محتجون", None),
    ("قصفت مسيرة مجهولة سيارة في ريف درعا.", D2021, "مسيرة", "UNIDENTIFIED-MILITARY-FORCES",
     "Unidentified Military Forces", "مسيرة مجهولة", None),
    # --- Iraq, Yemen, Libya, Sudan ---
    ("صدت قوات الحشد الشعبي هجوما في قضاء طوزخورماتو بمحافظة صلاح الدين.", D2021, "الحشد", "IQ-PMF",
     "PMF: Popular Mobilization Forces", "قوات الحشد الشعبي", None),
    ("قتل عنصران من البيشمركة في هجوم في كركوك.", D2021, "البيشمركة", "IQ-PESHMERGA",
     "Peshmerga (Kurdistan Regional Government)", "البيشمركة", None),
    ("نفذت كتائب حزب الله هجوما على قاعدة عين الأسد.", D2021, "كتائب", "IQ-KATAIB-HEZBOLLAH",
     "Kataib Hezbollah", "كتائب حزب الله", None),
    ("اعتقلت قوات الأمن العراقية متظاهرين في بغداد.", D2021, "قوات", "IQ-ARMY",
     "Military Forces of Iraq (2014-)", "قوات الأمن العراقية", None),
    ("قصف الحوثيون أحياء سكنية في مدينة تعز.", D2021, "الحوثيون", "YE-HOUTHI",
     "Houthi Movement (Ansar Allah)", "الحوثيون", None),
    ("أطلقت جماعة أنصار الله طائرة مسيرة باتجاه مأرب.", D2021, "أنصار", "YE-HOUTHI",
     "Houthi Movement (Ansar Allah)", "جماعة أنصار الله", None),
    ("سيطرت قوات المجلس الانتقالي الجنوبي على معسكر في عدن.", D2021, "المجلس", "YE-STC",
     "STC: Southern Transitional Council", "قوات المجلس الانتقالي الجنوبي", None),
    ("أطلق التحالف العربي غارات على مواقع في صنعاء.", D2021, "التحالف", "YE-COALITION",
     "Operation Restoring Hope (Saudi-led Coalition)", "التحالف العربي", None),
    ("قصفت قوات حفتر مواقع في جنوب طرابلس.", D2021, "قوات", "LY-LNA",
     "Military Forces of Libya (2014-) Haftar Faction", "قوات حفتر", None),
    ("اشتبكت قوات الردع مع كتيبة النواصي في طرابلس.", D2021, "النواصي", "LY-NAWASI", "Nawasi Brigade",
     "كتيبة النواصي", None),
    ("اشتبكت قوات الدعم السريع مع الجيش السوداني في الخرطوم.", D2021, "الجيش", "SD-SAF",
     "Military Forces of Sudan (2019-)", "الجيش السوداني", None),
    ("اقتحمت قوات الدعم السريع قرى في ولاية الجزيرة وقتلت مدنيين.", D2021, "قوات", "SD-RSF",
     "RSF: Rapid Support Forces", "قوات الدعم السريع", None),
    ("اقتحمت قوات الدعم السريع قرى في ولاية الجزيرة وقتلت مدنيين.", D2021, "مدنيين", "CIVILIANS",
     "Civilians (Sudan)", "مدنيين", None),
    # --- other Syrian actors ---
    ("قصفت طائرات النظام مدينة معرة النعمان في ريف إدلب.", D2021, "طائرات", "SY-ARMY-AIR-FORCE",
     "Syrian Arab Air Force", "طائرات النظام", None),
    ("اعتقلت الشرطة العسكرية في عفرين ثلاثة شبان.", D2021, "الشرطة", "SY-SNA-MP",
     "Military Police (Syrian National Army)", "الشرطة العسكرية في عفرين", None),
    ("داهمت قسد منازل في بلدة الشحيل.", D2021, "قسد", "SY-SDF", "SDF: Syrian Democratic Forces", "قسد", None),
]


@pytest.mark.parametrize(("text", "published", "anchor", "actor_id", "name", "surface", "evidence"), CASES)
def test_actor_mentions(text, published, anchor, actor_id, name, surface, evidence):
    actors = actors_of(text, published)
    m = mention_at(text, actors, anchor)
    assert m.actor.id == actor_id
    assert m.name == name
    assert not m.via_reference
    if surface is not None:
        assert m.text == surface
    if evidence is not None:
        assert text[m.start:m.end] == evidence
        assert m.start == text.index(evidence)
    # the evidence always ends where the name ends; `text` is the slice of its last span (descriptors, such
    # as عناصر, have a span of their own before it)
    spans = actor_record(m)["evidence"]
    assert spans[0]["start"] == m.start and spans[-1]["end"] == m.end and len(spans) in (1, 2)
    assert text[spans[-1]["start"]:spans[-1]["end"]] == m.text


def test_case_table_is_large_enough():
    assert len(CASES) >= 45


def test_mentions_are_sorted_and_do_not_overlap():
    text = "اشتبكت فصائل المعارضة مع قوات النظام وميليشيا لواء القدس في ريف حلب، وقتل مدنيان."
    actors = actors_of(text)
    assert [a.actor.id for a in actors] == ["SY-OPPOSITION-REBELS", "SY-ARMY", "SY-QUDS-BRIGADE", "CIVILIANS"]
    for a, b in zip(actors, actors[1:]):
        assert a.end <= b.start


def test_longest_alias_wins_over_its_prefix():
    text = "قصفت قوات سوريا الديمقراطية مواقع في ريف الرقة."
    actors = actors_of(text)
    assert [(a.actor.id, a.text) for a in actors] == [("SY-SDF", "قوات سوريا الديمقراطية")]


# --- bare references ("التنظيم") --------------------------------------------------------------------------------


def test_bare_tanzim_resolves_to_islamic_state_named_before():
    text = ("أعلن تنظيم الدولة الإسلامية مسؤوليته عن الهجوم في بادية دير الزور، "
            "وقال التنظيم في بيان إن عناصره قتلوا جنديين.")
    actors = actors_of(text)
    assert [a.actor.id for a in actors] == ["IS-SY", "IS-SY"]
    ref = actors[1]
    assert ref.via_reference
    assert ref.text == "التنظيم"
    assert ref.name == "Islamic State (Syria)"
    assert (ref.start, ref.end) == (text.index("التنظيم في"), text.index("التنظيم في") + len("التنظيم"))


def test_bare_tanzim_takes_the_most_recent_candidate():
    text = ("قال تنظيم القاعدة في بيان إنه لا صلة له بالهجوم، بينما أعلن تنظيم داعش مسؤوليته عن التفجير "
            "في محافظة الرقة، وقال التنظيم إن انتحاريا نفذه.")
    actors = actors_of(text)
    ref = [a for a in actors if a.via_reference]
    assert len(ref) == 1
    assert ref[0].actor.id == "IS-SY"


def test_bare_tanzim_resolves_to_a_later_mention_when_none_before():
    text = "تبنى التنظيم الهجوم في ريف الرقة، وأكدت مصادر أن خلايا داعش تنشط في المنطقة."
    actors = actors_of(text)
    assert [(a.actor.id, a.text, a.via_reference) for a in actors] == [
        ("IS-SY", "التنظيم", True), ("IS-SY", "خلايا داعش", False)]


def test_bare_tanzim_with_aqap_in_yemen():
    text = ("تبنى تنظيم القاعدة في جزيرة العرب الهجوم في محافظة أبين، "
            "وقال التنظيم إن عناصره قتلوا جنودا.")
    actors = actors_of(text)
    assert [(a.actor.id, a.via_reference) for a in actors] == [("YE-AQAP", False), ("YE-AQAP", True)]


def test_bare_tanzim_without_candidate_stays_unresolved():
    text = "وقال التنظيم في بيان إن عناصره نفذوا الهجوم في مدينة حلب."
    assert actors_of(text) == []


def test_bare_tanzim_does_not_resolve_to_a_non_candidate():
    # Hayat Tahrir al-Sham is not a candidate of التنظيم (only of الهيئة)
    text = "أعلنت هيئة تحرير الشام السيطرة على القرية، وقال التنظيم إنه سيواصل القتال في إدلب."
    actors = actors_of(text)
    assert [(a.actor.id, a.via_reference) for a in actors] == [("SY-HTS", False)]


def test_bare_hayah_resolves_after_hts():
    text = "أعلنت هيئة تحرير الشام السيطرة على القرية، وقالت الهيئة إنها ستواصل القتال في إدلب."
    actors = actors_of(text)
    assert [(a.actor.id, a.text, a.via_reference) for a in actors] == [
        ("SY-HTS", "هيئة تحرير الشام", False), ("SY-HTS", "الهيئة", True)]


def test_bare_army_resolves_to_the_army_named():
    text = "قصفت القوات التركية قرية قرب عفرين، وقال الجيش إن الضربة استهدفت مواقع للوحدات الكردية."
    actors = actors_of(text)
    ref = mention_at(text, actors, "الجيش")
    assert ref.via_reference
    assert ref.actor.id == "TR-ARMY"
    assert mention_at(text, actors, "للوحدات").actor.id == "SY-YPG"


# --- negatives --------------------------------------------------------------------------------------------------

NEGATIVES = [
    "قال رئيس الدولة في خطاب إن الحكومة ستعمل على تحسين الخدمات.",
    "يعمل الموظفون على تطوير مؤسسات الدولة وتحسين الخدمات.",
    "أعلن حزب جديد تأسيسه في العاصمة.",
    "انضم إلى الجيش بعد تخرجه من الجامعة.",
    "هبطت الطائرة في القاعدة الجوية بعد رحلة طويلة.",
    "عقد المجلس البلدي اجتماعه الدوري.",
    "حضرت الفرقة الموسيقية حفل افتتاح المهرجان.",
    "ارتفعت أسعار النفط مع تحسن الحركة التجارية في الميناء.",
    "أعلنت الشرطة عن إغلاق الطريق بسبب الأمطار.",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_no_actor(text):
    assert [(a.text, a.actor.id) for a in actors_of(text)] == []


def test_a_country_acting_is_its_forces():
    """A country's name can be the state that acts ("إسرائيل شنت غارة"); it stays a place too."""
    import marsad

    ev = marsad.extract("قال مصدر عسكري إن إسرائيل شنت ضربة جوية على مطار التيفور في محافظة حمص أمس.",
                        published="2018-04-09").events[0]
    assert ev.actor1.actor.id == "IL-ARMY" and ev.sub_event_type == "Air/drone strike"


@pytest.mark.parametrize("text, actor_id", [
    ("استهدفت غارات روسية بلدة حمورية في الغوطة الشرقية", "RU-ARMY"),
    ("قصف إسرائيلي على مواقع في ريف دمشق", "IL-ARMY"),
    ("توغلت دورية تركية في قرية قرب عفرين", "TR-ARMY"),
])
def test_nationality_after_attack_nouns(text, actor_id):
    assert actor_id in [a.actor.id for a in actors_of(text)]


# --- surface_without_clitic ----------------------------------------------------------------------------------------


def first_token(word: str):
    return analyse(Document("t", word)).tokens[0]


@pytest.mark.parametrize(("word", "clitic", "expected"), [
    ("ولواء", "و", (1, "لواء")),
    ("فالقوات", "ف", (1, "القوات")),
    ("بقوات", "ب", (1, "قوات")),
    ("وبالأمن", "وب", (2, "الأمن")),
    ("للدفاع", "ل", (0, "للدفاع")),        # ل + ال: a written لل hides the article, so it stays in the slice
    ("للأمن", "ل", (0, "للأمن")),
    ("وللحوثيين", "ول", (1, "للحوثيين")),
    ("للدفاع", "لال", (2, "دفاع")),        # both lams dropped
    ("الدفاع", "ال", (2, "دفاع")),
    ("قوات", "", (0, "قوات")),
])
def test_surface_without_clitic(word, clitic, expected):
    tok = first_token(word)
    assert clitic in tok.clitics
    assert surface_without_clitic(tok, clitic) == expected


def test_surface_without_clitic_keeps_the_token_offset():
    text = "قصفت ولواء"
    tok = analyse(Document("t", text)).tokens[1]
    start, surface = surface_without_clitic(tok, "و")
    assert (start, surface) == (6, "لواء")
    assert text[start:] == surface


# --- actor_name --------------------------------------------------------------------------------------------------


def test_actor_name_fills_the_country_of_generic_actors():
    civ = Actor(id="CIVILIANS", name="Civilians ({country})", name_ar="مدنيين", inter=7, generic="civilians")
    assert actor_name(civ, "Syria") == "Civilians (Syria)"
    assert actor_name(civ, "Yemen") == "Civilians (Yemen)"
    assert actor_name(civ, None) == "Civilians"
    assert actor_name(civ, "") == "Civilians"


def test_actor_name_leaves_named_actors_alone():
    army = Actor(id="SY-ARMY", name="Military Forces of Syria (2000-2024)", name_ar="قوات النظام السوري", inter=1,
                 country="Syria")
    assert actor_name(army, "Iraq") == "Military Forces of Syria (2000-2024)"
    assert actor_name(army, None) == "Military Forces of Syria (2000-2024)"


def test_actor_name_with_builtin_generic_entries():
    lex = builtin_actor_lexicon()
    assert actor_name(lex.actors["UNIDENTIFIED-ARMED-GROUP"], "Iraq") == "Unidentified Armed Group (Iraq)"
    assert actor_name(lex.actors["PROTESTERS"], "Sudan") == "Protesters (Sudan)"
    assert actor_name(lex.actors["UNIDENTIFIED-MILITARY-FORCES"], "Syria") == "Unidentified Military Forces"


# --- the lexicon: hierarchy, data loading, errors ---------------------------------------------------------------


@pytest.mark.parametrize(("actor_id", "chain"), [
    ("SY-MI-261", ["SY-MI-261", "SY-MI", "SY-ARMY"]),
    ("SY-MI-227", ["SY-MI-227", "SY-MI", "SY-ARMY"]),
    ("SY-GID-251", ["SY-GID-251", "SY-GID", "SY-ARMY"]),
    ("SY-ARMY-4TH-DIV", ["SY-ARMY-4TH-DIV", "SY-ARMY"]),
    ("IQ-KATAIB-HEZBOLLAH", ["IQ-KATAIB-HEZBOLLAH", "IQ-PMF"]),
    ("YE-SECURITY-BELT", ["YE-SECURITY-BELT", "YE-STC"]),
    ("SY-ARMY", ["SY-ARMY"]),
    ("NO-SUCH-ACTOR", []),
])
def test_ancestors(actor_id, chain):
    assert builtin_actor_lexicon().ancestors(actor_id) == chain


def test_security_branch_mention_reaches_syrian_forces():
    text = "اعتقل فرع الأمن العسكري 261 شابا من حي الوعر في حمص."
    m = mention_at(text, actors_of(text), "فرع")
    chain = builtin_actor_lexicon().ancestors(m.actor.id)
    assert chain[-1] == "SY-ARMY"
    assert builtin_actor_lexicon().actors[chain[-1]].name == "Military Forces of Syria (2000-2024)"


def test_ancestors_stops_on_a_cycle():
    lex = ActorLexicon.from_data({"actors": [
        {"id": "A", "name": "A", "inter": 2, "parent": "B"},
        {"id": "B", "name": "B", "inter": 2, "parent": "A"},
    ]})
    assert lex.ancestors("A") == ["A", "B"]


def test_builtin_lexicon_ids_and_parents_are_consistent():
    lex = builtin_actor_lexicon()
    assert len(lex.actors) > 200
    for actor in lex.actors.values():
        assert actor.parent is None or actor.parent in lex.actors, actor.id
        assert actor.inter in range(1, 9), actor.id


def test_analyst_alias_added_in_data_is_found():
    text = "قصفت كتائب الجبل الأسود مواقع في ريف حماة."
    assert actors_of(text) == []
    data = copy.deepcopy(load_yaml("actors.yaml"))
    army = next(row for row in data["actors"] if row["id"] == "SY-ARMY")
    army["aliases_ar"].append("كتائب الجبل الأسود")
    finder = ActorFinder(ActorLexicon.from_data(data))
    actors = run(text, finder=finder).actors
    assert [(a.actor.id, a.text, a.name) for a in actors] == [
        ("SY-ARMY", "كتائب الجبل الأسود", "Military Forces of Syria (2000-2024)")]
    # the cached built-in data was not changed
    assert "كتائب الجبل الأسود" not in next(r for r in load_yaml("actors.yaml")["actors"]
                                           if r["id"] == "SY-ARMY")["aliases_ar"]


def test_small_custom_lexicon():
    data = {
        "descriptors": ["عناصر", "ميليشيا"],
        "references": [{"form": "الكتيبة", "candidates": ["XX-FALCONS"]}],
        "actors": [
            {"id": "XX-FALCONS", "name": "Falcons Battalion", "name_ar": "كتيبة الصقور", "inter": 3,
             "country": "Syria", "active": [2012, 2020], "aliases_ar": ["صقور الجبل"]},
            {"id": "XX-FALCONS-NEW", "name": "Falcons Battalion (2021-)", "name_ar": "كتيبة الصقور", "inter": 3,
             "country": "Syria", "active": [2021, None]},
            {"id": "XX-CIV", "name": "Civilians ({country})", "name_ar": "مدنيين", "inter": 7,
             "generic": "civilians"},
        ],
    }
    lex = ActorLexicon.from_data(data)
    assert set(lex.actors) == {"XX-FALCONS", "XX-FALCONS-NEW", "XX-CIV"}
    assert lex.actors["XX-FALCONS"].active == (2012, 2020)
    finder = ActorFinder(lex)

    text = "هاجم عناصر صقور الجبل قرية في ريف حمص، وقالت الكتيبة إن مدنيين قتلوا."
    actors = run(text, finder=finder).actors
    assert [(a.actor.id, a.text, a.name, a.via_reference) for a in actors] == [
        ("XX-FALCONS", "صقور الجبل", "Falcons Battalion", False),
        ("XX-FALCONS", "الكتيبة", "Falcons Battalion", True),
        ("XX-CIV", "مدنيين", "Civilians (Syria)", False),
    ]
    assert text[actors[0].start:actors[0].end] == "عناصر صقور الجبل"

    # the shared name goes to the entry active in the publication year
    text2 = "هاجمت وكتيبة الصقور قرية في ريف حمص."
    assert [a.actor.id for a in run(text2, date(2015, 1, 1), finder).actors] == ["XX-FALCONS"]
    assert [a.actor.id for a in run(text2, date(2023, 1, 1), finder).actors] == ["XX-FALCONS-NEW"]
    assert run(text2, date(2023, 1, 1), finder).actors[0].text == "كتيبة الصقور"


@pytest.mark.parametrize(("row", "problem"), [
    ({"id": "XX-BROKEN", "name": "Broken"}, "inter"),
    ({"id": "XX-BROKEN", "inter": 3}, "name"),
    ({"id": "XX-BROKEN", "name": "Broken", "inter": "three"}, "three"),
])
def test_malformed_actor_raises_resource_error_naming_it(row, problem):
    data = {"actors": [{"id": "XX-OK", "name": "Fine", "inter": 2}, row]}
    with pytest.raises(ResourceError) as exc:
        ActorLexicon.from_data(data, source="my_actors.yaml")
    msg = str(exc.value)
    assert "XX-BROKEN" in msg
    assert "my_actors.yaml" in msg
    assert "#2" in msg
    assert problem in msg


@pytest.mark.parametrize("data", [{}, {"actors": "none"}, [], {"actors": None}])
def test_lexicon_without_actor_list_raises(data):
    with pytest.raises(ResourceError, match="'actors' list"):
        ActorLexicon.from_data(data)
