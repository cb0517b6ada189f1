"""Date expressions: real phrasing from Syrian news, resolved against publication."""

from __future__ import annotations

from datetime import date

import pytest

from marsad.model import DateMention, Document
from marsad.stages.dates import find_dates, hijri_to_gregorian, parse_published
from marsad.text import analyse

MON = date(2021, 3, 1)  # a Monday
THU = date(2021, 2, 25)  # a Thursday
SAT = date(2021, 2, 27)
LATE_MARCH = date(2021, 3, 25)
APRIL = date(2021, 4, 10)


def d(s: str) -> date:
    return date.fromisoformat(s)


def dates_in(text: str, published: date | None = MON) -> list[DateMention]:
    doc = analyse(Document("t", text, published=published))
    return find_dates(doc)


# (sentence, published, expected mention text, coded date, precision, date_from, date_to)
# date_from/date_to None means "the coded day itself".
CASES = [
    # today / yesterday / the day before
    ("قصفت الطائرات الروسية اليوم بلدة كفرنبل", MON, "اليوم", "2021-03-01", 1, None, None),
    ("قصفت قوات النظام ريف حلب اليوم بالمدفعية", MON, "اليوم", "2021-03-01", 1, None, None),
    ("قتل شاب برصاص مجهولين أمس في درعا البلد", MON, "أمس", "2021-02-28", 1, None, None),
    ("وكانت الطائرات قد استهدفت بالأمس مواقع للفصائل", MON, "بالأمس", "2021-02-28", 1, None, None),
    ("وقعت الاشتباكات ليلة البارحة في محيط المدينة", MON, "ليلة البارحة", "2021-02-28", 1, None, None),
    ("سقط صاروخ أول أمس على الحي الشرقي", MON, "أول أمس", "2021-02-27", 1, None, None),
    ("انفجرت عبوة ناسفة أمس الأول بسيارة عسكرية", MON, "أمس الأول", "2021-02-27", 1, None, None),
    ("اعتقلت دورية أول من أمس ثلاثة شبان", MON, "أول من أمس", "2021-02-27", 1, None, None),
    ("شنت الطائرات الحربية فجر اليوم غارات على جبل الزاوية", MON, "فجر اليوم", "2021-03-01", 1, None, None),
    ("قتل عنصران مساء أمس في كمين", MON, "مساء أمس", "2021-02-28", 1, None, None),
    ("سيطرت الفصائل صباح اليوم الخميس على التلة", THU, "صباح اليوم الخميس", "2021-02-25", 1, None, None),
    ("اندلعت اشتباكات الليلة الماضية على محور الكبينة", MON, "الليلة الماضية", "2021-02-28", 1, None, None),
    ("ومن المقرر أن تنطلق المظاهرة غداً في إدلب", MON, "غداً", "2021-03-02", 1, None, None),
    # weekdays
    ("هاجم مسلحون يوم الخميس الفائت حاجزاً للنظام", MON, "يوم الخميس الفائت", "2021-02-25", 1, None, None),
    ("قتل مدني برصاص قناص الخميس في بلدة الكرك", MON, "الخميس", "2021-02-25", 1, None, None),
    ("اعتقلت قوات الأمن الخميس ناشطاً", THU, "الخميس", "2021-02-25", 1, None, None),
    ("قتل ثلاثة عناصر الخميس الماضي", THU, "الخميس الماضي", "2021-02-18", 1, None, None),
    ("شهدت المدينة يوم الاثنين الماضي مظاهرة", MON, "يوم الاثنين الماضي", "2021-02-22", 1, None, None),
    ("خرج المئات في مظاهرة الإثنين", MON, "الإثنين", "2021-03-01", 1, None, None),
    ("قصفت الطائرات ليلة الخميس مواقع التنظيم", MON, "ليلة الخميس", "2021-02-25", 1, None, None),
    ("داهمت قوات النظام صباح الثلاثاء منازل المدنيين", MON, "صباح الثلاثاء", "2021-02-23", 1, None, None),
    ("شهدت مدينة إدلب بعد صلاة الجمعة مظاهرة", MON, "الجمعة", "2021-02-26", 1, None, None),
    ("خرجت مظاهرات الجمعة الماضية في عدة مدن", MON, "الجمعة الماضية", "2021-02-26", 1, None, None),
    ("تسللت مجموعة ليلة الخميس/الجمعة إلى نقاط الجيش", MON, "ليلة الخميس/الجمعة", "2021-02-25", 1,
     "2021-02-25", "2021-02-26"),
    ("وقع الهجوم ليلة الخميس على الجمعة", MON, "ليلة الخميس على الجمعة", "2021-02-25", 1,
     "2021-02-25", "2021-02-26"),
    ("انفجرت سيارة مفخخة الأحد في مدينة الباب", MON, "الأحد", "2021-02-28", 1, None, None),
    ("وقتل يوم الخميس الموافق 18 شباط قيادي في الفرقة الرابعة", MON, "يوم الخميس الموافق 18 شباط",
     "2021-02-18", 1, None, None),
    ("لم تهدأ الاشتباكات منذ يوم الخميس", MON, "يوم الخميس", "2021-02-25", 1, None, None),
    # spans relative to publication
    ("قتل 12 مدنياً خلال اليومين الماضيين", MON, "خلال اليومين الماضيين", "2021-02-28", 2,
     "2021-02-27", "2021-03-01"),
    ("صعدت قوات النظام خلال الأيام الماضية من قصفها", MON, "خلال الأيام الماضية", "2021-02-25", 2,
     "2021-02-22", "2021-03-01"),
    ("على مدى الأيام القليلة الماضية تعرضت البلدة للقصف", MON, "على مدى الأيام القليلة الماضية",
     "2021-02-25", 2, "2021-02-22", "2021-03-01"),
    ("وثق المرصد خلال الأسبوع الماضي مقتل 20 شخصاً", MON, "خلال الأسبوع الماضي", "2021-02-25", 2,
     "2021-02-21", "2021-03-01"),
    ("شهدت المنطقة هذا الأسبوع تصعيداً", MON, "هذا الأسبوع", "2021-02-28", 2, "2021-02-27", "2021-03-05"),
    ("نفذ التحالف مطلع الأسبوع غارات على الباغوز", MON, "مطلع الأسبوع", "2021-02-28", 2,
     "2021-02-27", "2021-03-01"),
    ("انسحبت القوات مطلع الأسبوع الماضي", MON, "مطلع الأسبوع الماضي", "2021-02-21", 2,
     "2021-02-20", "2021-02-22"),
    ("قتل 50 مدنياً الشهر الماضي في إدلب", MON, "الشهر الماضي", "2021-02-15", 3, "2021-02-01", "2021-02-28"),
    ("وثق الفريق منذ بداية الشهر الجاري 40 خرقاً", LATE_MARCH, "بداية الشهر الجاري", "2021-03-05", 2,
     "2021-03-01", "2021-03-10"),
    ("ارتفع عدد الضحايا خلال الشهر الجاري", LATE_MARCH, "خلال الشهر الجاري", "2021-03-13", 3,
     "2021-03-01", "2021-03-31"),
    ("اغتيل قيادي مطلع الشهر الماضي", MON, "مطلع الشهر الماضي", "2021-02-05", 2, "2021-02-01", "2021-02-10"),
    ("توفي المعتقل تحت التعذيب منذ يومين", MON, "منذ يومين", "2021-02-27", 1, None, None),
    ("انفجر لغم قبل ثلاثة أيام بجرار زراعي", MON, "قبل ثلاثة أيام", "2021-02-26", 1, None, None),
    ("أصيب طفل قبل 3 أيام برصاص طائش", MON, "قبل 3 أيام", "2021-02-26", 1, None, None),
    ("اختطف الشاب منذ أسبوع على طريق حلب", MON, "منذ أسبوع", "2021-02-22", 2, "2021-02-19", "2021-02-25"),
    ("شيع الأهالي قبل نحو أسبوعين قتلى القصف", MON, "قبل نحو أسبوعين", "2021-02-15", 2,
     "2021-02-12", "2021-02-18"),
    ("اشتبك الطرفان قبل أيام قرب المعبر", MON, "قبل أيام", "2021-02-25", 2, "2021-02-22", "2021-02-28"),
    ("قتل 5 عناصر في الساعات الماضية", MON, "الساعات الماضية", "2021-03-01", 1, None, None),
    ("سجل المرصد خلال الـ24 ساعة الماضية 30 خرقاً", MON, "الـ24 ساعة الماضية", "2021-03-01", 1, None, None),
    ("انفجرت عبوة قبل ساعات في سوق المدينة", MON, "قبل ساعات", "2021-03-01", 1, None, None),
    # explicit dates
    ("في 18 فبراير/ شباط الماضي قصفت الطائرات البلدة", MON, "18 فبراير/ شباط الماضي", "2021-02-18", 1,
     None, None),
    ("اغتيل القيادي في 18 شباط قرب داعل", MON, "18 شباط", "2021-02-18", 1, None, None),
    ("وقعت المجزرة في 18 فبراير 2021 في قرية", date(2021, 6, 1), "18 فبراير 2021", "2021-02-18", 1,
     None, None),
    ("قتل في 18 من شهر شباط عنصر من الفيلق الخامس", MON, "18 من شهر شباط", "2021-02-18", 1, None, None),
    ("في الثامن عشر من شباط الماضي هاجم التنظيم", MON, "الثامن عشر من شباط الماضي", "2021-02-18", 1,
     None, None),
    ("وقع الاتفاق في الخامس من آذار 2020 في موسكو", MON, "الخامس من آذار 2020", "2020-03-05", 1, None, None),
    ("قتل 30 مدنياً في كانون الثاني 2021", MON, "كانون الثاني 2021", "2021-01-15", 3, "2021-01-01", "2021-01-31"),
    ("شهدت المحافظة في شهر آذار الماضي موجة اغتيالات", MON, "شهر آذار الماضي", "2020-03-15", 3,
     "2020-03-01", "2020-03-31"),
    ("تصاعدت الهجمات في مارس الماضي", APRIL, "مارس الماضي", "2021-03-15", 3, "2021-03-01", "2021-03-31"),
    ("نزح الآلاف في منتصف شهر آذار", APRIL, "منتصف شهر آذار", "2021-03-15", 2, "2021-03-11", "2021-03-20"),
    ("بدأت الحملة أواخر كانون الأول الماضي", MON, "أواخر كانون الأول الماضي", "2020-12-26", 2,
     "2020-12-21", "2020-12-31"),
    ("صدر القرار بتاريخ 18/2/2021 عن المحكمة", MON, "18/2/2021", "2021-02-18", 1, None, None),
    ("نشر البيان بتاريخ 2021-02-18 على المعرفات الرسمية", MON, "2021-02-18", "2021-02-18", 1, None, None),
    ("أعلن عن الوفاة في 18-2-2021", MON, "18-2-2021", "2021-02-18", 1, None, None),
    ("قتل الشاب يوم 18 الجاري في حي الوعر", LATE_MARCH, "يوم 18 الجاري", "2021-03-18", 1, None, None),
    ("في الـ18 من الشهر الجاري اقتحمت قوات النظام البلدة", LATE_MARCH, "الـ18 من الشهر الجاري", "2021-03-18", 1,
     None, None),
    ("أفرج عنه في 3 من الشهر الماضي", MON, "3 من الشهر الماضي", "2021-02-03", 1, None, None),
    ("قتل في 18 جانفي 2021 جنديان", MON, "18 جانفي 2021", "2021-01-18", 1, None, None),
    ("وقع الانفجار في 3 آب", MON, "3 آب", "2020-08-03", 1, None, None),
    ("جرت الانتخابات في أيار 2020", MON, "أيار 2020", "2020-05-15", 3, "2020-05-01", "2020-05-31"),
    ("تكررت الاشتباكات في نيسان", MON, "نيسان", "2020-04-15", 3, "2020-04-01", "2020-04-30"),
    ("هاجمت الطائرات البلدة في آذار من العام الماضي", MON, "آذار من العام الماضي", "2020-03-15", 3,
     "2020-03-01", "2020-03-31"),
    # Hijri (tabular calendar)
    ("قتل في 15 رمضان 1442 هـ أربعة مدنيين", MON, "15 رمضان 1442 هـ", "2021-04-27", 1, None, None),
    ("سقطت القذائف في 3 شوال 1439 على المدينة", MON, "3 شوال 1439", "2018-06-17", 1, None, None),
]


@pytest.mark.parametrize("text,published,expected_text,coded,precision,dfrom,dto", CASES)
def test_date_table(text: str, published: date, expected_text: str, coded: str, precision: int,
                    dfrom: str | None, dto: str | None) -> None:
    found = dates_in(text, published)
    assert [m.text for m in found] == [expected_text]
    m = found[0]
    assert text[m.start:m.end] == m.text
    assert m.date == d(coded)
    assert m.precision == precision
    assert m.date_from == d(dfrom or coded)
    assert m.date_to == d(dto or coded)
    assert m.date_from <= m.date <= m.date_to


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 45


# --- years ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text,expected_text,year,relative", [
    ("اندلعت الثورة السورية عام 2011 في درعا", "عام 2011", 2011, False),
    ("سيطر التنظيم على المدينة في 2018 بعد معارك", "2018", 2018, False),
    ("تضاعفت الهجمات العام الماضي", "العام الماضي", 2020, True),
])
def test_year_alone_has_a_span_but_no_day(text: str, expected_text: str, year: int, relative: bool) -> None:
    (m,) = dates_in(text)
    assert m.text == expected_text
    assert m.date is None and m.precision == 3 and m.relative is relative
    assert (m.date_from, m.date_to) == (date(year, 1, 1), date(year, 12, 31))


# --- traps --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "قال مراسل حلب اليوم إن القصف استمر ساعات",
    "ذكرت شبكة «سوريا اليوم» أن قتيلين سقطا",
    "أفاد موقع العراق اليوم بوقوع انفجار",
    "نقلت روسيا اليوم عن مصدر عسكري",
    "تقدمت القوات على طريق M20 باتجاه المدينة",
    "نقل المعتقل إلى الفرع 227 في دمشق",
    "على بعد 30 كم شمال شرق مدينة تدمر",
    "في اليوم الأول من الهجوم سقط عشرات القتلى",
    "استمر القصف يوما كاملا دون توقف",
    "أقيمت أمسية شعرية في المركز الثقافي",
    "إن النازحين بأمس الحاجة إلى المساعدات",
    "مارس النظام ضغوطا على الأهالي",
    "قتل الأحد عشر عنصرا في الكمين",
    "ووصلت الأمور إلى طريق مسدود بين الاثنين",
    "أعدم التنظيم الشاب قبل يومين من الهجوم على السجن",
    "في نفس اليوم أعلنت الفصائل النفير",
    "قتل 3 صفر",
])
def test_not_a_date(text: str) -> None:
    assert dates_in(text) == []


def test_outlet_and_date_in_one_text() -> None:
    found = dates_in("وقال مراسل حلب اليوم إن الطائرات قصفت البلدة اليوم")
    text = "وقال مراسل حلب اليوم إن الطائرات قصفت البلدة اليوم"
    assert len(found) == 1 and found[0].start == text.rindex("اليوم") and found[0].date == MON


# --- without publication ---------------------------------------------------------------


@pytest.mark.parametrize("text,expected_text,precision", [
    ("قتل شاب أمس في درعا", "أمس", 1),
    ("هاجم مسلحون يوم الخميس الفائت حاجزاً", "يوم الخميس الفائت", 1),
    ("قتل 12 مدنياً خلال اليومين الماضيين", "خلال اليومين الماضيين", 2),
    ("قتل 50 مدنياً الشهر الماضي", "الشهر الماضي", 3),
    ("اغتيل القيادي في 18 شباط قرب داعل", "18 شباط", 1),
    ("انفجر لغم قبل ثلاثة أيام", "قبل ثلاثة أيام", 1),
])
def test_no_publication_leaves_relative_dates_empty(text: str, expected_text: str, precision: int) -> None:
    (m,) = dates_in(text, None)
    assert m.text == expected_text and m.precision == precision and m.relative
    assert m.date is None and m.date_from is None and m.date_to is None


def test_no_publication_still_resolves_absolute_dates() -> None:
    found = dates_in("وقعت المجزرة في 18 فبراير 2021 وأعلن عنها في 2021-02-19", None)
    assert [(m.date, m.relative) for m in found] == [(date(2021, 2, 18), False), (date(2021, 2, 19), False)]


# --- the document -------------------------------------------------------------------------


def test_several_dates_sorted_and_stored_on_the_document() -> None:
    text = ("قتل ثلاثة مدنيين صباح اليوم جراء قصف مدفعي، بعد أن قصفت الطائرات أمس بلدة البارة، "
            "وكانت قوات النظام قد سيطرت على القرية في 18 شباط الماضي.")
    doc = analyse(Document("t", text, published=MON))
    found = find_dates(doc)
    assert doc.dates is found
    assert [m.text for m in found] == ["صباح اليوم", "أمس", "18 شباط الماضي"]
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(doc.tokens[m.token_start].start == m.start and doc.tokens[m.token_end - 1].end <= m.end
               for m in found)


def test_arabic_indic_digits() -> None:
    (m,) = dates_in("قتل في ١٨ شباط ٢٠٢١ عنصران")
    assert m.date == date(2021, 2, 18) and m.text == "١٨ شباط ٢٠٢١"


def test_hijri_conversion_tabular() -> None:
    assert hijri_to_gregorian(1442, 9, 1) == date(2021, 4, 13)
    assert hijri_to_gregorian(1, 1, 1) == date(622, 7, 19)
    with pytest.raises(ValueError):
        hijri_to_gregorian(1442, 13, 1)


# --- parse_published ------------------------------------------------------------------------


@pytest.mark.parametrize("value,expected", [
    ("2021-03-01", date(2021, 3, 1)),
    ("2018-03-20T00:21:34+00:00", date(2018, 3, 20)),
    ("2018-03-19T22:30:00+00:00", date(2018, 3, 20)),
    ("2018-03-19T20:30:00+00:00", date(2018, 3, 19)),
    ("2018-03-19T23:30:00Z", date(2018, 3, 20)),
    ("2018-03-20T01:00:00+05:00", date(2018, 3, 19)),
    ("2018-03-19T23:30:00", date(2018, 3, 19)),
    ("2018-03-19 23:30", date(2018, 3, 19)),
    (None, None),
    ("", None),
])
def test_parse_published(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2021-13-01", "01/03/2021", "2021-02-30", "12:00"])
def test_parse_published_rejects_garbage(value: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_published(value)


# --- inputs that raised (issue 10): each is read without an error, and no date lies outside the calendar

def test_a_count_of_days_beyond_any_event_is_no_date():
    doc = analyse(Document("t", "قتل خمسة مدنيين قبل 800000 يوم في قصف على حمص", published=date(2020, 1, 1)))
    assert find_dates(doc) == []  # raised OverflowError


@pytest.mark.parametrize("published", [date(1, 1, 1), date(9999, 12, 31)])
def test_publication_at_the_calendars_edges_leaves_relative_dates_unresolved(published):
    text = "قتل خمسة مدنيين أمس وغدا وقبل يومين في قصف على حمص الأسبوع الماضي والشهر المقبل يوم 5 رمضان الخميس"
    found = find_dates(analyse(Document("t", text, published=published)))  # raised OverflowError
    assert found and all(m.relative and m.date is None for m in found)


def test_a_date_time_past_the_calendars_end_is_a_value_error():
    with pytest.raises(ValueError, match="range"):
        parse_published("9999-12-31T23:00:00+00:00")  # raised OverflowError


@pytest.mark.parametrize("text", [
    "قتل 5 في حمص يوم 10/" + "1" * 4301 + "/2020",
    "قتل 5 في حمص منذ " + "1" * 4301 + " أيام",
    "قتل 5 في حمص يوم " + "1" * 4301 + " شباط 2020",
    "قتل 5 في حمص يوم 18 شباط " + "1" * 4301,
])
def test_a_digit_string_beyond_pythons_limit_is_no_date(text):
    found = find_dates(analyse(Document("t", text, published=date(2020, 3, 1))))  # raised ValueError
    assert all("1" * 10 not in m.text for m in found)
