"""Property-based tests of the quantities and dates stages over hostile text (issue 10).

The generators mix what broke these stages before: Arabic letters with every diacritic,
digits of every script (superscripts, Devanagari, full-width), direction marks, tatweel,
huge numbers (past Python's 4,300-digit conversion limit), repeated trigger words and real
sentences, mutated. Publication dates include the calendar's edges. For every input: no
exception, every span inside the text with its `text` equal to the slice, no count above the
ceiling, and no relative date after publication unless the words say it is to come (غدا،
الأسبوع المقبل، or a part of the current week or month that has not begun).
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Document
from marsad.resource_files import load_yaml
from marsad.stages.dates import find_dates
from marsad.stages.dates.lexicon import lexicon
from marsad.stages.quantities import find_quantities
from marsad.text import analyse

LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["\u0649", "\u0629", "\u0671", "\u06a9", "\u06cc", "\u06a4"]
MARKS = [chr(c) for c in [*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B), *range(0x06D6, 0x06EE), 0x0640]]
DIGITS = [chr(c) for base in (0x30, 0x660, 0x6F0, 0x2080, 0x966, 0xFF10) for c in range(base, base + 10)] + list(
    "\u00b2\u00b3\u00b9\u2070\u2074\u2075\u2076\u2077\u2078\u2079\u00bd\u216b")
INVISIBLE = [chr(c) for c in [0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F),
                              *range(0x2066, 0x206A), 0xFEFF]]
PUNCT = list(" \n\t.,/-:%$!()\"'\u060c\u066b\u066c\u061b\u061f\u00ab\u00bb\u2013\u2014\u0640\u00a0")
# Trigger words of both stages and sentences as news prints them (and as they broke the stages).
WORDS = ("قتل مقتل قتلى جرحى مدنيين مدنيا شخصا عشرات مئات آلاف ألف مليون مليار ثلاثة خمسة عشر عشرين و من بين إلى "
         "أكثر نحو قرابة على الأقل كم يوم أيام يومين أسبوع شهر أشهر منذ قبل أمس اليوم غدا الماضي المقبل الجاري "
         "الخميس الجمعة ليلة صباح شباط جانفي كانون الثاني تشرين الأول رمضان ذي الحجة هـ م عام العام الأسبوع الشهر "
         "مطلع أواخر منتصف الساعة الـ ال بالمئة دولار حمص إدلب غارة قصف الخامس بضعة عدة M4").split()
SENTENCES = [
    "قتل خمسة مدنيين قبل 800000 يوم في قصف على حمص",
    "قتل 18 جانفي 2021 في غارة على مدينة إدلب",
    "قتل 1,000.5.5 مدنيين",
    "على بعد ⁵ كم",
    "قتل 999999999999 مدنيا",
    "ومقتل 3 مدنيين في حمص ",
    "قتل ما لا يقل عن 25 شخصا وأصيب العشرات مساء الخميس الماضي في غارة جوية على ريف إدلب الجنوبي",
    "لقي ثلاثة وعشرون عنصرا مصرعهم خلال اليومين الماضيين بين 5 و7 آلاف نازح منذ مطلع الشهر الجاري",
    "في 18/2/2021 و2021-02-18 و18.2.2021 الساعة 10:30 يوم 15 رمضان 1442 هـ الموافق 27 نيسان",
    "خرج متظاهرون في دمشق، وخلفت الحرب أكثر من 350 ألف قتيل و7 ملايين لاجئ",
    "ستنظم تظاهرة في حلب يوم الجمعة المقبل بعد غد الأسبوع المقبل",
    "قتل الـ 50 مقاتلا بينهم 20% من القادة وخسائر بقيمة 3 ملايين دولار على الطريق M5",
    "ليلة الخميس/الجمعة قبل أيام قبل أسابيع منذ ثلاثة أشهر منذ 6 أيام منذ 8 أيام منذ 3 أسابيع",
    "أول أمس الليلة الماضية الساعات الـ24 الماضية أواخر العام الماضي نهاية الأسبوع",
]
PUBLISHED = st.one_of(st.none(), st.dates(), st.sampled_from(
    [date(1, 1, 1), date(9999, 12, 31), date(2020, 2, 29), date(1900, 1, 1), date(2100, 12, 31)]))

ATOM = st.one_of(
    st.sampled_from(LETTERS), st.sampled_from(MARKS), st.sampled_from(DIGITS), st.sampled_from(INVISIBLE),
    st.sampled_from(PUNCT), st.sampled_from(WORDS).map(lambda w: f" {w} "),
    st.integers(0, 10**40).map(lambda n: f" {n} "),
    st.integers(1, 4400).map(lambda n: " " + "9" * n + " "),
    st.sampled_from(SENTENCES),
)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    """A real sentence with characters inserted, deleted or replaced, or a word repeated."""
    chars = list(draw(st.sampled_from(SENTENCES)))
    for _ in range(draw(st.integers(0, 8))):
        op, pos = draw(st.integers(0, 3)), draw(st.integers(0, len(chars)))
        if op == 0 or not chars:
            chars.insert(pos, draw(ATOM))
        elif op == 1:
            del chars[min(pos, len(chars) - 1)]
        elif op == 2:
            chars[min(pos, len(chars) - 1)] = draw(ATOM)
        else:
            chars.insert(pos, draw(st.sampled_from(WORDS + SENTENCES)) * draw(st.integers(2, 30)))
    return "".join(chars)


TEXTS = st.one_of(st.lists(ATOM, max_size=40).map("".join), mutated(), st.text(max_size=200))


def _future_words() -> frozenset[str]:
    """Words that say a date is to come: future modifiers (المقبل) and the words of forward phrases (غدا)."""
    lex = lexicon()
    words = set(lex.future)
    for entries in lex.phrases.index.values():
        for key, (kind, rel) in entries:
            if kind == "rel" and any(v is not None and v > 0 for v in (
                    rel.days and rel.days[0], rel.week, rel.month, rel.year)):
                words.update(key)
    return frozenset(words)


FUTURE = _future_words()
PARTS = frozenset(lexicon().parts)  # مطلع، منتصف، نهاية: "نهاية الأسبوع الجاري" said on a Monday is to come
CEILING = load_yaml("numbers.yaml")["count_ceiling"]


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(TEXTS, PUBLISHED)
def test_quantities_and_dates_hold_on_any_text(text, published):
    doc = analyse(Document("fuzz", text, published=published))
    quantities, dates = find_quantities(doc), find_dates(doc)
    for m in [*quantities, *dates]:
        assert 0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text, m
    assert all(q.unit is not None or q.value <= CEILING for q in quantities)
    for d in dates:
        if d.date is None:
            continue
        assert (d.date_from or d.date) <= d.date <= (d.date_to or d.date), d
        if d.relative and published is not None and d.date > published:
            said = {f for t in doc.tokens[d.token_start:d.token_end] for f in t.forms}
            to_come = said & FUTURE or (said & PARTS and d.date_from is not None and d.date_from > published)
            assert to_come, f"{d.text!r} dated {d.date} after publication {published}"
