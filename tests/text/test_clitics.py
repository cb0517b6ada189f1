"""Proclitics: the lookup forms of a word; the text layer's bounded cache of them."""

import pytest

from marsad.text import strip_proclitics
from marsad.text.clitics import FormCache, proclitic_forms


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


def test_form_cache_stays_bounded_and_gives_the_same_forms():
    cache = FormCache(size=50)
    words = [f"وال{chr(0x0628 + i % 20)}{chr(0x0628 + i // 20 % 20)}ات" for i in range(400)]
    for w in words * 3:
        assert cache[w] == proclitic_forms(w)
        assert len(cache.young) <= 50 and len(cache.old) <= 50
    assert cache.lookup(words[:5] + ["قصف"]) == [proclitic_forms(w) for w in words[:5] + ["قصف"]]


def test_form_cache_keeps_a_word_in_use_across_generations():
    cache = FormCache(size=3)
    kept = cache["والقصف"]
    for w in ("حمص", "حلب", "درعا", "ادلب", "الرقه"):
        assert cache["والقصف"] is kept  # found in the young or the old generation, never rebuilt
        cache[w]
