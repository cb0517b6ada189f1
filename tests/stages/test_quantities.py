"""Quantities: every number read with what it measures, so only people counts have unit None.

Each case is a phrase as news reports print it and the exact quantities expected:
(value, unit, flags, text) with flags "~" approximate, "v" vague, "" exact; text None
means "not checked". Traps (M20, الفرع 227, 30 كم, يوم الأحد, عام 2011...) are
cases too: they must yield no count, or a quantity with a non-None unit.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from marsad.model import Document, Quantity
from marsad.stages.quantities import find_quantities, parse_number
from marsad.text import analyse


def read(text: str) -> list[Quantity]:
    return find_quantities(analyse(Document("t", text)))


def flags(q: Quantity) -> str:
    return ("~" if q.approximate else "") + ("v" if q.vague else "")


def summary(text: str, with_text: list[bool]) -> list[tuple]:
    qs = read(text)
    keep = (with_text + [False] * len(qs))[:len(qs)]
    return [(q.value, q.unit, flags(q), q.text if k else None) for q, k in zip(qs, keep, strict=True)]


C = None  # a count of people or things

CASES: list[tuple[str, list[tuple]]] = [
    # --- digits: ASCII, Arabic-Indic, Persian, separators, decimals
    ("قتل 30 شخصا في القصف", [(30, C, "", "30")]),
    ("مقتل ٣٠ مدنيا", [(30, C, "", "٣٠")]),
    ("مقتل ۳۰ مدنيا", [(30, C, "", "۳۰")]),
    ("إصابة ١٢ شخصا بجروح", [(12, C, "", None)]),
    ("نزوح 1,500 عائلة", [(1500, C, "", "1,500")]),
    ("نزوح 1٬500 عائلة", [(1500, C, "", "1٬500")]),
    ("نزوح 1.500 عائلة", [(1500, C, "", "1.500")]),
    ("نزوح 1.5 مليون شخص", [(1500000, C, "", "1.5 مليون")]),
    ("و1.5 مليون نازح", [(1500000, C, "", "1.5 مليون")]),
    ("ولقي 34 مسلحا مصرعهم و15 جريحا", [(34, C, "", None), (15, C, "", "15")]),
    ("700 ألف نازح", [(700000, C, "", "700 ألف")]),
    # --- unit words, masculine and feminine, with proclitics
    ("مقتل واحد من المسلحين", [(1, C, "", "واحد")]),
    ("مقتل اثنين من العناصر", [(2, C, "", None)]),
    ("إصابة اثنتين من النساء", [(2, C, "", None)]),
    ("مقتل ثلاثة مدنيين وثلاثة جرحى", [(3, C, "", "ثلاثة"), (3, C, "", "ثلاثة")]),
    ("استهدفت بخمسة صواريخ", [(5, C, "", "خمسة")]),
    ("اعتقال أربع نساء", [(4, C, "", None)]),
    ("شن ثماني غارات", [(8, C, "", None)]),
    ("مقتل تسعة عناصر", [(9, C, "", None)]),
    ("سقوط عشر قذائف", [(10, C, "", None)]),
    ("مقتل عشرة أشخاص", [(10, C, "", None)]),
    ("مقتل ستة وإصابة سبعة", [(6, C, "", None), (7, C, "", None)]),
    # --- teens: عشرة inside خمسة عشر is part of the teen
    ("مقتل أحد عشر عنصرا", [(11, C, "", "أحد عشر")]),
    ("مقتل إحدى عشرة امرأة", [(11, C, "", "إحدى عشرة")]),
    ("اعتقال اثنا عشر شابا", [(12, C, "", "اثنا عشر")]),
    ("مقتل اثني عشر مدنيا", [(12, C, "", None)]),
    ("مقتل ثلاثة عشر شخصا", [(13, C, "", None)]),
    ("أصيب خمسة عشر شخصا", [(15, C, "", "خمسة عشر")]),
    ("مقتل خمس عشرة سيدة", [(15, C, "", None)]),
    ("مقتل تسعة عشر عنصرا", [(19, C, "", None)]),
    # --- tens and compounds
    ("مقتل عشرين مدنيا", [(20, C, "", None)]),
    ("مقتل تسعون شخصا", [(90, C, "", None)]),
    ("مقتل ثلاثة وعشرين شخصا", [(23, C, "", "ثلاثة وعشرين")]),
    ("شن خمس وثلاثون غارة", [(35, C, "", "خمس وثلاثون")]),
    ("مقتل ثلاثة و عشرين", [(23, C, "", "ثلاثة و عشرين")]),
    # --- hundreds
    ("نزوح مئة عائلة", [(100, C, "", None)]),
    ("نزوح مائة عائلة", [(100, C, "", None)]),
    ("مقتل مئتين من المقاتلين", [(200, C, "", None)]),
    ("مقتل مائتي شخص", [(200, C, "", None)]),
    ("وصل مئتان من الجنود", [(200, C, "", None)]),
    ("انضم ثلاثمئة مقاتل", [(300, C, "", None)]),
    ("انضم ثلاثمائة مقاتل", [(300, C, "", None)]),
    ("انضم ثلاث مئة مقاتل", [(300, C, "", "ثلاث مئة")]),
    ("عودة خمسمئة عائلة", [(500, C, "", None)]),
    ("اعتقال مئة وخمسين شخصا", [(150, C, "", "مئة وخمسين")]),
    ("مقتل مئة وخمسة وعشرين شخصا", [(125, C, "", "مئة وخمسة وعشرين")]),
    # --- thousands, millions
    ("نزوح ألف شخص", [(1000, C, "", None)]),
    ("نزوح خمسة عشر ألفا", [(15000, C, "", "خمسة عشر ألفا")]),
    ("نزوح ألفين من السكان", [(2000, C, "", None)]),
    ("نزح ألفان من السكان", [(2000, C, "", None)]),
    ("نزوح ثلاثة آلاف شخص", [(3000, C, "", "ثلاثة آلاف")]),
    ("نزوح عشرة آلاف شخص", [(10000, C, "", None)]),
    ("اعتقال ألف ومئتين", [(1200, C, "", "ألف ومئتين")]),
    ("نزوح مئة ألف شخص", [(100000, C, "", "مئة ألف")]),
    ("نزوح ثلاثة ملايين", [(3000000, C, "", None)]),
    ("نزوح مليون ونصف", [(1500000, C, "", "مليون ونصف")]),
    ("نزوح نصف مليون", [(500000, C, "", "نصف مليون")]),
    ("نزوح مليونين و500 ألف", [(2500000, C, "", "مليونين و500 ألف")]),
    # --- duals count people without a number word; plurals do not
    ("مقتل شخصين بالقصف", [(2, C, "", "شخصين")]),
    ("إصابة طفلين", [(2, C, "", "طفلين")]),
    ("اعتقال امرأتين", [(2, C, "", None)]),
    ("مقتل جنديين", [(2, C, "", None)]),
    ("مقتل رجلين", [(2, C, "", None)]),
    ("مقتل مدنيين", []),
    ("مقتل عنصرين اثنين", [(2, C, "", "عنصرين اثنين")]),
    ("منذ يومين", [(2, "duration", "", "يومين")]),
    # --- approximators
    ("مقتل قرابة 50 شخصا", [(50, C, "~", "قرابة 50")]),
    ("مقتل نحو 30 عنصرا", [(30, C, "~", "نحو 30")]),
    ("مقتل حوالي 40 مسلحا", [(40, C, "~", None)]),
    ("مقتل حوالى 40 مسلحا", [(40, C, "~", "حوالى 40")]),
    ("مقتل ما يقارب 100 مدني", [(100, C, "~", "ما يقارب 100")]),
    ("مقتل ما يزيد عن 200", [(200, C, "~", "ما يزيد عن 200")]),
    ("مقتل ما يزيد على 200", [(200, C, "~", None)]),
    ("مقتل أكثر من 20 شخصا", [(20, C, "~", "أكثر من 20")]),
    ("مقتل أقل من 10", [(10, C, "~", "أقل من 10")]),
    ("مقتل ما لا يقل عن 15 شخصا", [(15, C, "~", "ما لا يقل عن 15")]),
    ("نزوح زهاء ألف", [(1000, C, "~", "زهاء ألف")]),
    ("مقتل قرابة الـ50", [(50, C, "~", "قرابة الـ50")]),
    ("مقتل نحو الـ 40", [(40, C, "~", "نحو الـ 40")]),
    ("مقتل أزيد من 60", [(60, C, "~", None)]),
    ("قدر عددهم بنحو 25", [(25, C, "~", "نحو 25")]),
    ("مقتل 5 أشخاص على الأقل", [(5, C, "~", "5")]),
    ("مقتل 5 على الأقل", [(5, C, "~", "5 على الأقل")]),
    ("وقرابة ثلاثين", [(30, C, "~", "قرابة ثلاثين")]),
    ("بضع مئات", [(300, C, "v", "بضع مئات")]),
    # --- ranges: value is the low end
    ("ما بين 700 ألف ومليون ليرة", [(700000, "money", "~", "ما بين 700 ألف ومليون ليرة")]),
    ("مقتل بين 5 و7 أشخاص", [(5, C, "~", "بين 5 و7")]),
    ("مقتل 5 إلى 7 أشخاص", [(5, C, "~", "5 إلى 7")]),
    ("مقتل من 5 إلى 7 أشخاص", [(5, C, "~", "من 5 إلى 7")]),
    ("مقتل 5-7 أشخاص", [(5, C, "~", "5-7")]),
    ("نزوح بين 5 و7 آلاف", [(5000, C, "~", None)]),
    ("مقتل بين عشرين وثلاثين", [(20, C, "~", "بين عشرين وثلاثين")]),
    ("مقتل خمسة أو ستة", [(5, C, "~", "خمسة أو ستة")]),
    # --- vague amounts (ACLED's fixed values)
    ("مقتل عشرات المدنيين", [(10, C, "v", "عشرات")]),
    ("إصابة العشرات من المدنيين", [(10, C, "v", "العشرات")]),
    ("مقتل مئات المدنيين", [(100, C, "v", None)]),
    ("نزوح آلاف المدنيين", [(1000, C, "v", "آلاف")]),
    ("نزوح عشرات الآلاف", [(10000, C, "v", "عشرات الآلاف")]),
    ("خسائر بمئات الآلاف من الليرات", [(100000, "money", "v", "مئات الآلاف من الليرات")]),
    ("نزوح بضعة آلاف", [(3000, C, "v", None)]),
    ("اعتقال بضعة أشخاص", [(3, C, "v", "بضعة")]),
    ("شن عدة غارات", [(3, C, "v", "عدة")]),
    ("مقتل عدد من المدنيين", [(3, C, "v", "عدد من")]),
    ("بلغ عدد القتلى 12", [(12, C, "", None)]),
    ("ارتفع العدد من", []),
    # --- roads, branches, units, articles of law: never people
    ("على الطريق الدولي M20", [(20, "road", "", "M20")]),
    ("على طريق M4", [(4, "road", "", None)]),
    ("على الطريق M 5", [(5, "road", "", "5")]),
    ("على طريق 7", [(7, "road", "", None)]),
    ("اعتقل في الفرع 227", [(227, "unit_number", "", "227")]),
    ("نقل إلى فرع 261", [(261, "unit_number", "", None)]),
    ("عناصر الفرقة 25", [(25, "unit_number", "", None)]),
    ("قائد اللواء 47", [(47, "unit_number", "", None)]),
    ("الفوج 46", [(46, "unit_number", "", None)]),
    ("الكتيبة 30", [(30, "unit_number", "", None)]),
    ("المعتقل رقم 5", [(5, "unit_number", "", None)]),
    ("بموجب المادة 5", [(5, "unit_number", "", None)]),
    ("تطبيق القرار 2254", [(2254, "unit_number", "", None)]),
    ("عناصر الفرقة الرابعة", [(4, "unit_number", "", "الرابعة")]),
    ("طائرة إف 16", [(16, "unit_number", "", None)]),
    ("طائرة F-16", [(16, "unit_number", "", None)]),
    ("قانون رقم 10 لعام 2018", [(10, "unit_number", "", "10"), (2018, "year", "", "2018")]),
    # --- distances, money, percentages, measures
    ("على بعد 30 كم من المدينة", [(30, "km", "", "30 كم")]),
    ("على بعد 30 كيلومترا", [(30, "km", "", None)]),
    ("على بعد 5 كلم", [(5, "km", "", None)]),
    ("على بعد 3 كيلو متر", [(3, "km", "", "3 كيلو متر")]),
    ("على بعد 200 متر", [(200, "km", "", None)]),
    ("دفع 700 ألف ليرة", [(700000, "money", "", "700 ألف ليرة")]),
    ("فدية قدرها 500 دولار", [(500, "money", "", None)]),
    ("فدية قدرها $500", [(500, "money", "", "$500")]),
    ("دفع مليون ليرة سورية", [(1000000, "money", "", "مليون ليرة")]),
    ("بنسبة 50%", [(50, "percent", "", "50%")]),
    ("بنسبة 12.5%", [(12, "percent", "", None)]),
    ("ارتفع 50 بالمئة", [(50, "percent", "", None)]),
    ("ارتفع 50 في المئة", [(50, "percent", "", "50 في المئة")]),
    ("مصادرة 3 أطنان", [(3, "measure", "", None)]),
    # --- weekdays, first, one-of
    ("قتل يوم الأحد", []),
    ("قتل الأحد الماضي", []),
    ("قتل يوم الاثنين", []),
    ("قصف الثلاثاء والأربعاء والخميس", []),
    ("مقتل أحد عناصر الأمن", [(1, C, "", "أحد")]),
    ("لم يصب أحد بأذى", []),
    ("أول هجوم", []),
    ("في آن واحد", []),
    # --- years, dates, clock times, durations
    ("في عام 2011", [(2011, "year", "", "2011")]),
    ("منذ 2011", [(2011, "year", "", None)]),
    ("بين عامي 2011 و2013", [(2011, "year", "", None), (2013, "year", "", None)]),
    ("في 18/2/2021", [(2021, "year", "", "18/2/2021")]),
    ("في 18-2-2021", [(2021, "year", "", "18-2-2021")]),
    ("في 18 شباط 2021", [(2021, "year", "", "18 شباط 2021")]),
    ("في 3 كانون الثاني", [(3, "date", "", "3 كانون الثاني")]),
    ("قتل 18 شخصا في 18 آذار", [(18, C, "", "18"), (18, "date", "", "18 آذار")]),
    ("بين 2011-2012", [(2011, "year", "~", None)]),
    ("في الفترة ما بين 7 و18 مايو", [(7, "date", "~", "ما بين 7 و18 مايو")]),
    ("طائرة من طراز 747", [(747, "unit_number", "", None)]),
    ("نحو 2000 مقاتل", [(2000, C, "~", None)]),
    ("وصل 2000 مقاتل", [(2000, C, "", None)]),
    ("عند الساعة 10", [(10, "time", "", "10")]),
    ("عند الساعة 10:30", [(10, "time", "", "10:30")]),
    ("عند الساعة العاشرة", [(10, "time", "", None)]),
    ("عند الساعة الواحدة", [(1, "time", "", None)]),
    ("خلال 48 ساعة", [(48, "duration", "", "48 ساعة")]),
    ("منذ 3 أيام", [(3, "duration", "", "3 أيام")]),
    ("يبلغ من العمر 25 عاما", [(25, "duration", "", None)]),
    ("خلال يوم واحد", [(1, "duration", "", "يوم واحد")]),
    ("الحكم عليه بالسجن عشر سنوات", [(10, "duration", "", "عشر سنوات")]),
    # --- ordinals
    ("للمرة الثانية", [(2, "ordinal", "", None)]),
    ("ثالث هجوم", [(3, "ordinal", "", None)]),
    ("الحادي عشر من سبتمبر", [(11, "ordinal", "", "الحادي عشر")]),
    ("في الذكرى الـ25", [(25, "ordinal", "", "الـ25")]),
    ("القرن العشرين", [(20, "ordinal", "", None)]),
    # --- words that only look like numbers
    ("استعادت كميات كبيرة من الأسلحة", []),
    ("عثر عليه ميتا", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_reading(text: str, expected: list[tuple]) -> None:
    got = summary(text, [e[3] is not None for e in expected])
    assert got == expected


def test_enough_cases() -> None:
    assert len(CASES) >= 70


@pytest.mark.parametrize(("text", "low", "high"), [
    ("ما بين 700 ألف ومليون ليرة", 700000, 1000000),
    ("بين 5 و7", 5, 7),
    ("من 5 إلى 7", 5, 7),
    ("5-7", 5, 7),
    ("بين 5 و7 آلاف", 5000, 7000),
    ("قرابة 50", 50, 50),
    ("عشرات الآلاف", 10000, 10000),
])
def test_low_high(text: str, low: int, high: int) -> None:
    (q,) = read(text)
    assert (q.value, q.low, q.high) == (low, low, high)


def test_offsets_point_into_original_text() -> None:
    text = "وأفادت مصادر بمقتلِ ثلاثةٍ وعشرينَ شخصاً، بينهم قرابة الـ١٥ طفلاً، على بعد ٣٠ كم."
    doc = analyse(Document("t", text))
    qs = find_quantities(doc)
    assert [(q.value, q.unit) for q in qs] == [(23, None), (15, None), (30, "km")]
    for q in qs:
        assert text[q.start:q.end] == q.text
        last = doc.tokens[q.token_end - 1]
        assert doc.tokens[q.token_start].start <= q.start < last.end <= q.end
        assert text[last.end:q.end] in ("", "َ")  # a trailing haraka belongs to the word
    assert qs[0].text == "ثلاثةٍ وعشرينَ"
    assert qs[1].text == "قرابة الـ١٥"
    assert doc.quantities is qs


def test_sorted_and_not_overlapping() -> None:
    qs = read("قتل 5 وأصيب 12، ونزح عشرات الآلاف خلال 3 أيام منذ 18/2/2021 على طريق M5.")
    assert [q.value for q in qs] == [5, 12, 10000, 3, 2021, 5]
    assert all(a.end <= b.start for a, b in pairwise(qs))
    assert all(a.token_end <= b.token_start for a, b in pairwise(qs))


def test_no_count_for_non_people_traps() -> None:
    text = ("تقدمت القوات على طريق M20 نحو الفرع 227 على بعد 30 كم، ودفعت 700 ألف ليرة "
            "يوم الأحد عام 2011 والخميس خلال 48 ساعة.")
    assert [q for q in read(text) if q.unit is None] == []


@pytest.mark.parametrize(("text", "value"), [
    ("ثلاثة وعشرين", 23),
    ("1,500", 1500),
    ("خمسة عشر", 15),
    ("ألف ومئتين", 1200),
    ("قرابة 50", 50),
    ("٣٠", 30),
    ("مرحبا", None),
    ("يوم الأحد", None),
    ("ثلاثة رجال وخمسة", None),
    ("", None),
])
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_empty_document() -> None:
    assert read("") == []
    assert read("لا أرقام هنا") == []


# --- month names have one home (dates.yaml), read by quantities and dates alike

MONTH_SPELLINGS = [
    "فبراير", "سبتمبر",  # Modern Standard
    "شباط", "كانون الثاني", "تشرين الأول",  # Levantine / Iraqi
    "جانفي", "فيفري", "أفريل", "جويلية", "أوت", "سيبتمبر",  # Maghrebi and variant spellings
    "رمضان", "ذي الحجة", "ربيع الأول",  # Hijri
]


@pytest.mark.parametrize("month", MONTH_SPELLINGS)
@pytest.mark.parametrize("year", ["2021", "1442 هـ"])
def test_a_day_before_any_month_spelling_is_no_count(month, year):
    from marsad.pipeline import extract

    text = f"قتل 18 {month} {year} في غارة على مدينة إدلب"
    assert not [q for q in read(text) if q.unit is None], [(q.text, q.unit) for q in read(text)]
    assert all(e.fatalities == 0 for e in extract(text, published="2021-03-01").events)


def test_month_names_are_listed_once():
    from marsad.resource_files import load_yaml

    assert "months" not in load_yaml("numbers.yaml")
    assert "جانفي" in load_yaml("dates.yaml")["months"]


# --- inputs that raised (issue 10) or gave impossible values

@pytest.mark.parametrize("text", [
    "قتل 1,000.5.5 مدنيين",  # raised ValueError (float)
    "قتل 1.000,5 مدنيين",
    "قتل " + "1" * 4301 + " مدنيا",  # Python's integer-string limit
    "قتل M" + "1" * 4301 + " مدنيا",
    "قتل 5 الساعة 10:" + "1" * 4301,
    "قتل 5 يوم 10/" + "1" * 4301 + "/2020",
    "قتل 18 شباط " + "1" * 4301,
    "على بعد ⁵ كم",  # a superscript digit is no digit
    "قتل ⁵ أشخاص و٥⁵ جرحى",
])
def test_malformed_numbers_are_no_counts(text):
    counts = [q for q in read(text) if q.unit is None]
    assert all(len(str(q.value)) <= 12 for q in counts)
    assert not [q for q in counts if q.text in ("1,000.5.5", "1.000,5", "⁵")]


def test_numbers_beyond_the_ceiling_are_not_counts():
    (q,) = read("قتل 999999999999 مدنيا")
    assert (q.value, q.unit) == (999999999999, "over_ceiling")
    assert [(q.value, q.unit) for q in read("قتل 350 ألف شخص")] == [(350000, None)]
