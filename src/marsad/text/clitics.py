"""Proclitics: the lookup forms of a word without و ف ب ل ك س and the article."""

from __future__ import annotations

from functools import lru_cache

_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
ARTICLE = "ال"
AND = "و"
CONJUNCTIONS = _CONJ
# "and" as a proclitic: و, or و with the article (والـ).
AND_CLITICS = (AND, AND + ARTICLE)
# ل + ال is written لل: the clitic string "لال" stands for two letters of the text.
_LAM_ARTICLE = "لال"
# Proclitic chains a number written in digits may carry (و15، الـ50، بـ3، للـ20).
DIGIT_PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ال", "وال", "فال", "بال", "لل", "ولل", "فلل", "وب", "ول",
                              "فب", "فل"})
# Every letter a chain of proclitics is written with (conjunctions, prepositions, the article).
_PROCLITIC_LETTERS = "".join(dict.fromkeys("".join(_CONJ + _PREP) + ARTICLE))


@lru_cache(maxsize=4096)
def strip_proclitics(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """All lookup forms of a normalised word, with the proclitics each form dropped (cached; see `proclitic_forms`)."""
    return proclitic_forms(word)


def proclitic_forms(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
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


def has_article(clitic: str) -> bool:
    """The proclitics include the article (ال، وال، بال، لال)."""
    return ARTICLE in clitic


def strip_article(word: str) -> str:
    return word.removeprefix(ARTICLE)


def is_definite(word: str) -> bool:
    """A normalised word that starts with the article and has a stem after it."""
    return word.startswith(ARTICLE) and len(word) > 3


def without_article(clitic: str) -> str:
    """The proclitics without a final article: "وال" -> "و"."""
    return clitic[:-2] if clitic.endswith(ARTICLE) else clitic


def without_conjunction(clitic: str) -> str:
    """The proclitics without a leading conjunction: "وب" -> "ب"."""
    return clitic[1:] if clitic[:1] in _CONJ else clitic


def written_letters(clitic: str) -> int:
    """How many letters of the written word the proclitics take ("لال" is written لل: two)."""
    return len(clitic) - (1 if clitic.endswith(_LAM_ARTICLE) else 0)


def letters_before_article(clitic: str) -> int:
    """Letters to skip so that the word keeps its article: "وال" -> 1; a written لل goes whole."""
    if clitic.endswith(_LAM_ARTICLE):
        return written_letters(clitic)
    return len(clitic) - 2 if clitic.endswith(ARTICLE) else len(clitic)


def respell_article(form: str, rest: str) -> str:
    """The written word after its proclitics, with the article spelled out when a written لل hid it:
    form "الدفاع", rest "لدفاع" (of "للدفاع") -> "الدفاع"."""
    if form.startswith(ARTICLE) and rest[:1] == ARTICLE[1] and not rest.startswith(ARTICLE):
        return ARTICLE[0] + rest
    return rest


def strip_proclitic_letters(word: str) -> str:
    """The word without any leading letter a proclitic is written with ("والـ18" -> "18")."""
    return word.lstrip(_PROCLITIC_LETTERS)


class FormCache:
    """Word -> (forms, clitics) for the text layer, in bounded memory.

    Two generations of plain dicts: a word is looked up in the young one, then in the
    old one (and moved up); when the young one is full the old one is dropped. Words a
    corpus keeps using stay; the long tail of names seen once goes. Memory stays flat
    however many articles are read, where keeping every form seen grew without end.
    """

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.young: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self.old: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def miss(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The entry of a word not in the young generation (callers try `young.get` first, inline)."""
        entry = self.old.get(word)
        if entry is None:
            entry = proclitic_forms(word)
        if len(self.young) >= self.size:
            self.old, self.young = self.young, {}
        self.young[word] = entry
        return entry

    def lookup(self, words: list[str]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The entries of a list of words (one C-level pass over the young generation, then the misses)."""
        entries = list(map(self.young.get, words))
        if None in entries:
            for i, entry in enumerate(entries):
                if entry is None:
                    entries[i] = self[words[i]]
        return entries

    def __getitem__(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        entry = self.young.get(word)
        return entry if entry is not None else self.miss(word)
