"""Normalisation for matching only: letter variants, marks, digits, quotes, direction marks.

The original text is never changed: `normalize_with_offsets` returns, for every
character of the normalised string, its offset in the original, so matches map
back to the words as printed. These character tables are the only Arabic
literals the code needs; every word list lives in `resources/`.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.text.chars import INVISIBLE, MARKS

# Characters dropped entirely: harakat, shadda, sukun, tanween, dagger alef,
# Quranic marks, tatweel, and the invisible direction and joining marks.
_DROP = MARKS | INVISIBLE

# One character in, one character out.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ې": "ي", "ۀ": "ه", "ہ": "ه", "ڤ": "ف", "گ": "ك", "پ": "ب", "چ": "ج",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'", "‚": "'",
    "‹": '"', "›": '"', "،": "،", "\u00a0": " ", "–": "-", "—": "-", "‐": "-", "‑": "-",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits


def _fold_char(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFEFF:  # presentation forms: decompose (may give 2 letters)
        decomposed = unicodedata.normalize("NFKC", ch)
        return "".join(_FOLD.get(c, c) for c in decomposed if c not in _DROP)
    return ch.lower() if "A" <= ch <= "Z" else ch


# One str.translate table does the common case: drop marks, fold letters and digits 1:1.
_TABLE = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _FOLD.items()})
_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
# The same table as a list indexed by code point up to the last one it changes below U+FEFF: translate looks
# a list up about twice as fast as a dict (a code point past its end is left as it is, like one not in the dict).
_LIST_TABLE: list[int | str | None] = list(range(max(c for c in _TABLE if c < 0xFEFF) + 1))
for _c, _v in _TABLE.items():
    if _c < len(_LIST_TABLE):
        _LIST_TABLE[_c] = _v


# Runs of dropped characters: the offset map is built from the stretches between them.
_DROP_RUN = re.compile("[" + "".join(sorted(_DROP)) + "]+")


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise `text` for matching; return it and the original offset of each char."""
    if _PRESENTATION.search(text):
        return _normalize_slow(text)
    # the map is the identity except where marks are dropped: extend it in runs, not per character
    offsets: list[int] = []
    pos = 0
    for run in _DROP_RUN.finditer(text):
        offsets.extend(range(pos, run.start()))
        pos = run.end()
    offsets.extend(range(pos, len(text) + 1))  # ends with the sentinel len(text) so an exclusive end maps too
    return text.translate(_TABLE if "\ufeff" in text else _LIST_TABLE), offsets


def _normalize_slow(text: str) -> tuple[str, list[int]]:
    """The general path: presentation forms may decompose into two letters."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch in _DROP:
            continue
        for c in _fold_char(ch):
            out.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), offsets


def normalize(text: str) -> str:
    """Normalise a string for matching (lexicon entries, user queries)."""
    return normalize_with_offsets(text)[0]
