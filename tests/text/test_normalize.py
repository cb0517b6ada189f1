"""Normalisation for matching: letter variants, marks, digits, quotes; the offset map back to the original."""

import random

import pytest

from marsad.text import normalize, normalize_with_offsets
from marsad.text.normalize import _DROP, _TABLE, _normalize_slow


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


def test_offset_map_built_in_runs_equals_the_per_character_map():
    # the fast path (translate + runs between dropped marks) against the general per-character path
    rng = random.Random(7)
    pool = sorted(_DROP)[:12] + [chr(c) for c in _TABLE][:40] + list("ابتثجحخ ،.\nabcXYZ0123")
    pool += ["\ufeff", "\U0001f600"]
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 25)))
        norm, offs = normalize_with_offsets(text)
        assert (norm, offs) == _normalize_slow(text), repr(text)
        assert offs == [i for i, ch in enumerate(text) if ch not in _DROP] + [len(text)]


def test_text_ending_in_marks_maps_its_end():
    text = "قتلَ\u064b\u200f"
    norm, offs = normalize_with_offsets(text)
    assert norm == "قتل" and offs == [0, 1, 2, len(text)]
