"""Property-based tests of the quantities and dates stages over hostile text (issue 10).

Inputs are those of the shared fuzz generators (tests/fuzz/generators.py: mutated conflict-news
sentences, letters with every diacritic, digits of every script, direction marks, tatweel, huge and
malformed numbers, repeated triggers, publication dates at the calendar's ends), plus sentences
about numbers and dates written here. For every input: no exception, every span inside the text
with its `text` equal to the slice, no count above the ceiling, every coded date within its span,
and no relative date after publication unless the words say it is to come (غدا، الأسبوع المقبل,
or a part of the current week or month that has not begun).
"""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.model import Document
from marsad.resource_files import load_yaml
from marsad.stages.dates import find_dates
from marsad.stages.dates.lexicon import lexicon
from marsad.stages.quantities import find_quantities
from marsad.text import analyse
from tests.fuzz import generators as gen

# Numbers and dates in the shapes the two stages read (and misread before).
SENTENCES = [
    "قتل 18 جانفي 2021 في غارة على مدينة إدلب",
    "قتل ما لا يقل عن 25 شخصا وأصيب العشرات مساء الخميس الماضي في غارة جوية على ريف إدلب الجنوبي",
    "لقي ثلاثة وعشرون عنصرا مصرعهم خلال اليومين الماضيين بين 5 و7 آلاف نازح منذ مطلع الشهر الجاري",
    "في 18/2/2021 و2021-02-18 و18.2.2021 الساعة 10:30 يوم 15 رمضان 1442 هـ الموافق 27 نيسان",
    "ستنظم تظاهرة في حلب يوم الجمعة المقبل بعد غد الأسبوع المقبل ونهاية الأسبوع الجاري",
    "قتل الـ 50 مقاتلا بينهم 20% من القادة وخسائر بقيمة 3 ملايين دولار على الطريق M5",
    "ليلة الخميس/الجمعة قبل أيام قبل أسابيع منذ ثلاثة أشهر منذ 6 أيام منذ 8 أيام منذ 3 أسابيع",
    "أول أمس الليلة الماضية الساعات الـ24 الماضية أواخر العام الماضي نهاية الأسبوع مطلع الشهر المقبل",
]
CASES = st.integers(0, 2**32 - 1).map(lambda seed: _case(random.Random(seed)))


def _case(rng: random.Random) -> tuple[str, object]:
    text = gen.mutate(rng, rng.choice(SENTENCES)) if rng.random() < 0.3 else gen.article(rng, max_repeats=30)
    return text, gen.published(rng)


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
@given(CASES)
def test_quantities_and_dates_hold_on_any_text(case):
    text, published = case
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
