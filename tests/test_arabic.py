"""The Arabic text layer: normalisation with offsets, proclitics, tokens, sentences."""

import pytest

from marsad.model import Document
from marsad.text import analyse, arabic_share, normalize, normalize_with_offsets, strip_proclitics


@pytest.mark.parametrize(
    "text, expected",
    [
        ("أحمد", "احمد"),
        ("إدلب", "ادلب"),
        ("آراك", "اراك"),
        ("ٱلله", "الله"),
        ("مستشفى", "مستشفي"),
        ("مدينة", "مدينه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        ("عنصراً", "عنصرا"),
        ("نفّذه", "نفذه"),
        ("مُقاتلي", "مقاتلي"),
        ("الـ M20", "ال m20"),
        ("قـــوات", "قوات"),
        ("٣٠ كم", "30 كم"),
        ("۱۲ شخصا", "12 شخصا"),
        ("«لواء القدس»", '"لواء القدس"'),
        ("“عشيرة والأرمن”", '"عشيره والارمن"'),
        ("حزب\u200cالله", "حزبالله"),
        ("\u200fحمص\u200e", "حمص"),
        ("ﻻ", "لا"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_offsets_map_back_to_original():
    text = "قُتِلَ ٣ مدنيّين في «دوما»"
    norm, offs = normalize_with_offsets(text)
    i = norm.index("دوما")
    start, end = offs[i], offs[i + len("دوما") - 1] + 1
    assert text[start:end] == "دوما"
    assert len(offs) == len(norm) + 1 and offs[-1] == len(text)


@pytest.mark.parametrize(
    "word, form",
    [
        ("ولواء", "لواء"),
        ("بحمص", "حمص"),
        ("لميليشيا", "ميليشيا"),
        ("والارمن", "ارمن"),
        ("والارمن", "الارمن"),
        ("للدفاع", "الدفاع"),
        ("للدفاع", "دفاع"),
        ("وبالحسكه", "الحسكه"),
        ("فالقوات", "قوات"),
        ("كالجيش", "الجيش"),
        ("سيشن", "يشن"),
        ("وستقصف", "تقصف"),
    ],
)
def test_proclitic_forms(word, form):
    forms, clitics = strip_proclitics(word)
    assert forms[0] == word
    assert form in forms
    assert len(forms) == len(clitics)


def test_short_words_keep_their_letters():
    assert strip_proclitics("بعد")[0] == ("بعد",)
    assert strip_proclitics("ولد")[0] == ("ولد",)


def test_tokens_and_sentences_keep_original_offsets():
    text = ("انشق قرابة 50 عنصراً من ميليشيات الدفاع الوطني ولواء القدس.\n"
            "وأفاد مراسل حلب اليوم في حمص، أن دوريات داهمت شققاً.")
    doc = analyse(Document("t", text))
    assert [s.paragraph for s in doc.sentences] == [0, 1]
    assert len(doc.sentences) == 2
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
    lw = next(t for t in doc.tokens if t.text == "ولواء")
    assert "لواء" in lw.forms and lw.sentence == 0
    assert doc.tokens[-1].sentence == 1


def test_arabic_share():
    assert arabic_share("قتل ثلاثة مدنيين") > 0.9
    assert arabic_share("The quick brown fox") == 0.0
    assert arabic_share("") == 0.0
