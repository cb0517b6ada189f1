"""Inputs that found Marsad's defects, generated from a seeded `random.Random`.

Shared by the property tests (which draw the seed through hypothesis) and `bench/fuzz.py` (which runs a
million of them): mutated conflict-news sentences written for this harness, Arabic letters with every
diacritic, digits of every script, direction and zero-width marks, tatweel, lone surrogates, huge and
malformed numbers, far relative dates, triggers repeated many times, and publication dates at the ends
of the calendar.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

# Written for this harness (not taken from any evaluation data): the kinds of sentence Marsad reads.
SEEDS = [
    "قتل خمسة مدنيين وأصيب عشرة آخرون بقصف جوي على بلدة كفرنبل في ريف إدلب الجنوبي أمس الأربعاء.",
    "شنت طائرات حربية روسية غارات على أطراف مدينة معرة النعمان ما أدى إلى مقتل طفلين.",
    "اشتبكت فصائل المعارضة مع قوات النظام على محور الكبينة في ريف اللاذقية وقتل 12 عنصرا من الطرفين.",
    "انفجرت عبوة ناسفة بسيارة عسكرية على طريق دير الزور الحسكة صباح اليوم دون وقوع إصابات.",
    "خرج مئات المتظاهرين في مدينة السويداء احتجاجا على تردي الأوضاع المعيشية يوم الجمعة.",
    "ستنظم تظاهرة في ساحة التحرير ببغداد يوم الجمعة المقبل للمطالبة بالإصلاح.",
    "اعتقلت قوات الأمن العراقية ثلاثة أشخاص يشتبه بانتمائهم لتنظيم داعش في الموصل.",
    "أعلنت الأمم المتحدة أن الحرب خلفت أكثر من 350 ألف قتيل و7 ملايين لاجئ منذ عام 2011.",
    "قتل 999999999999 مدنيا في هجوم على حمص.",
    "قتل خمسة مدنيين قبل 800000 يوم في قصف على حمص.",
    "على بعد ⁵ كم من مدينة حلب سقطت قذائف هاون على حي سكني.",
    "قتل 1,000.5.5 مدنيين في قصف مدفعي على ريف حماة الشمالي.",
    "سيطر الجيش الوطني على قرية تل أبيض بعد معارك عنيفة مع قوات سوريا الديمقراطية.",
    "أطلق الحوثيون صاروخا باليستيا باتجاه مدينة مأرب وأعلن التحالف اعتراضه.",
    "قتل عنصران من ميليشيا الدفاع الوطني في كمين لمسلحين مجهولين قرب السلمية.",
    "أغار الطيران الإسرائيلي على مواقع في محيط مطار دمشق الدولي فجر الثلاثاء 18 شباط 2020.",
    "ومقتل 3 مدنيين في حمص",
    "قتل مليون",
    "نفذت مسيرة تركية ضربة على سيارة في القامشلي أدت إلى مقتل قيادي في الوحدات الكردية.",
    "داهمت دورية للشرطة العسكرية منازل في عفرين واعتقلت شابين.",
]
TRIGGERS = ["قتل ", "ومقتل 3 مدنيين في حمص ", "قتل مليون ", "غارة ", "اشتباكات ", "انفجار ", "قصف على دمشق ",
            "مقتل 5 وإصابة 7 ", "تظاهرة في درعا "]

ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)] + ["پ", "چ", "ژ", "گ", "ک", "ی", "ە"]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u06e1", "\u06ed"]
TATWEEL = "\u0640"
DIRECTION_MARKS = ["\u200e", "\u200f", "\u061c"] + [chr(c) for c in range(0x202A, 0x202F)] + \
                  [chr(c) for c in range(0x2066, 0x206A)]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"]
DIGIT_SCRIPTS = [
    "0123456789",  # ASCII
    "".join(chr(0x0660 + i) for i in range(10)),  # Arabic-Indic
    "".join(chr(0x06F0 + i) for i in range(10)),  # Persian (Extended Arabic-Indic)
    "⁰¹²³⁴⁵⁶⁷⁸⁹",  # superscripts
    "₀₁₂₃₄₅₆₇₈₉",  # subscripts
    "".join(chr(0xFF10 + i) for i in range(10)),  # fullwidth
    "".join(chr(0x0966 + i) for i in range(10)),  # Devanagari
    "".join(chr(0x1D7CE + i) for i in range(10)),  # mathematical bold (outside the BMP)
    "①②③④⑤⑥⑦⑧⑨",  # circled (not decimal digits)
]
SEPARATORS = [",", ".", "٫", "٬", "،", " ", "\u00a0", "'", "-", "/", "%"]
NUMBER_WORDS = ["ألف", "آلاف", "مليون", "ملايين", "مليار", "عشرات", "مئات", "نصف", "ربع", "اثنين", "ثلاثة", "عشرين"]
DATE_WORDS = ["قبل", "بعد", "يوم", "أيام", "أسبوع", "شهر", "أشهر", "سنة", "عام", "أمس", "غدا", "المقبل", "الماضي",
              "الجمعة", "شباط", "كانون الثاني", "ديسمبر", "تشرين الأول", "رمضان"]
PUNCTUATION = list("،؛؟.!:\"()[]«»-–—\n\t") + ["\r\n", "\n\n", "\u2028", "\u2029", "\x00", "\x0b", "\x85"]


def number(rng: random.Random) -> str:
    """A number as news (or a fuzzer) writes it: any script, separators, huge, malformed."""
    digits = rng.choice(DIGIT_SCRIPTS)
    kind = rng.random()
    if kind < 0.05:
        length = rng.choice([13, 20, 40, 300, 4301, 5000])  # past int64, past Python's int-string limit
    elif kind < 0.15:
        length = rng.randint(6, 12)
    else:
        length = rng.randint(1, 4)
    out = "".join(rng.choice(digits) for _ in range(length))
    if rng.random() < 0.25:
        for _ in range(rng.randint(1, 3)):  # "1,000.5.5", "3٫5", "12-15"
            k = rng.randint(0, len(out))
            out = out[:k] + rng.choice(SEPARATORS) + rng.choice(digits) * rng.randint(1, 3) + out[k:]
    if rng.random() < 0.2:
        out += " " + rng.choice(NUMBER_WORDS)
    return out


def published(rng: random.Random) -> date | None:
    """A publication date, with the ends of the calendar well represented."""
    r = rng.random()
    if r < 0.15:
        return None
    if r < 0.3:
        return rng.choice([date.min, date.max, date(1, 1, 2), date(9999, 12, 30), date(1970, 1, 1),
                           date(2000, 2, 29)])
    return date(2011, 1, 1) + timedelta(days=rng.randint(0, 5000))


def _insertion(rng: random.Random, surrogates: bool) -> str:
    r = rng.random()
    if r < 0.2:
        return number(rng)
    if r < 0.3:
        return rng.choice(ARABIC_LETTERS) + "".join(rng.choice(DIACRITICS) for _ in range(rng.randint(1, 4)))
    if r < 0.38:
        return TATWEEL * rng.randint(1, 6)
    if r < 0.48:
        return rng.choice(DIRECTION_MARKS) * rng.randint(1, 3)
    if r < 0.53:
        return rng.choice(INVISIBLE)
    if r < 0.58 and surrogates:
        return chr(rng.randint(0xD800, 0xDFFF))
    if r < 0.68:
        return " " + rng.choice(DATE_WORDS) + " " + (number(rng) + " " if rng.random() < 0.5 else "")
    if r < 0.78:
        return rng.choice(PUNCTUATION)
    if r < 0.88:
        return " " + rng.choice(rng.choice(SEEDS).split()) + " "
    return chr(rng.choice([rng.randint(0x20, 0x2FFF), rng.randint(0xFB50, 0xFEFC), rng.randint(0x10000, 0x1FAFF)]))


def mutate(rng: random.Random, text: str, surrogates: bool = True) -> str:
    """Insert, delete, replace and repeat pieces of a text."""
    for _ in range(rng.randint(1, 8)):
        if not text:
            text = rng.choice(SEEDS)
        k = rng.randint(0, len(text))
        op = rng.random()
        if op < 0.5:
            text = text[:k] + _insertion(rng, surrogates) + text[k:]
        elif op < 0.65:
            text = text[:k] + text[k + rng.randint(1, 5):]
        elif op < 0.8:
            text = text[:k] + _insertion(rng, surrogates) + text[k + rng.randint(1, 3):]
        elif op < 0.9:  # repeat a word (triggers, numbers) several times
            words = text.split()
            w = rng.choice(words) if words else "قتل"
            text = text[:k] + (" " + w) * rng.randint(2, 12) + text[k:]
        else:
            words = text.split(" ")
            rng.shuffle(words)
            text = " ".join(words)
    return text


def repeated_triggers(rng: random.Random, max_repeats: int = 200) -> str:
    return rng.choice(TRIGGERS) * rng.randint(2, max_repeats)


def article(rng: random.Random, surrogates: bool = True, max_repeats: int = 200) -> str:
    """One generated input text."""
    r = rng.random()
    if r < 0.01:
        return repeated_triggers(rng, max_repeats)
    if r < 0.06:  # letters and marks only
        pool = ARABIC_LETTERS + DIACRITICS + [TATWEEL, " "] + DIRECTION_MARKS
        return "".join(rng.choice(pool) for _ in range(rng.randint(1, 300)))
    text = " ".join(rng.choice(SEEDS) for _ in range(rng.randint(1, 4)))
    return mutate(rng, text, surrogates)


def case(rng: random.Random, surrogates: bool = True) -> tuple[str, date | None]:
    """(text, publication date) of one generated input."""
    return article(rng, surrogates), published(rng)
