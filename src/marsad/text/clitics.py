"""Proclitics: the lookup forms of a word without و ف ب ل ك س and the article."""

from __future__ import annotations

from functools import lru_cache

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=200_000)
def strip_proclitics(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All lookup forms of a normalised word, with the proclitics each form dropped.

    The word itself comes first. Then the forms without a conjunction, a preposition,
    the future prefix س, and the article ال, keeping the article once as a form of its
    own (لل counts as ل + ال), so that "وللميليشيات" yields "الميليشيات" and "ميليشيات".
    """
    forms = [word]
    clitics = [""]
    seen = {word}

    def add(form: str, clitic: str) -> None:
        if len(form) >= 2 and form not in seen:
            seen.add(form)
            forms.append(form)
            clitics.append(clitic)

    rest, taken = word, ""
    if len(rest) > 3 and rest[0] in _CONJ:
        taken, rest = rest[0], rest[1:]
        add(rest, taken)
    if len(rest) > 3 and rest.startswith("لل"):
        add("ال" + rest[2:], taken + "ل")
        add(rest[2:], taken + "لال")
        return tuple(forms), tuple(clitics)
    if len(rest) > 3 and rest[0] in _PREP:
        taken2 = taken + rest[0]
        add(rest[1:], taken2)
        if rest[1:].startswith("ال") and len(rest) > 4:
            add(rest[3:], taken2 + "ال")
    if len(rest) > 3 and rest[0] == "س" and taken in ("", "و", "ف"):
        add(rest[1:], taken + "س")  # future prefix: سيشن -> يشن
    if rest.startswith("ال") and len(rest) > 3:
        add(rest[2:], taken + "ال")
    return tuple(forms), tuple(clitics)
