"""Arabic text layer: normalisation for matching, tokens, proclitics, sentences.

Normalisation is for *matching only*: the original text is never changed, and
`normalize_with_offsets` returns, for every character of the normalised string,
its offset in the original, so matches map back to the words as printed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from marsad.model import Document, Sentence, Token

# Characters dropped entirely: harakat, shadda, sukun, tanween, dagger alef,
# Quranic marks, tatweel, and the invisible direction and joining marks.
_DROP = set(
    [chr(c) for c in range(0x0610, 0x061B)]
    + [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u0640", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c",
       "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff", "\u061c"]
)

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


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise `text` for matching; return it and the original offset of each char."""
    if _PRESENTATION.search(text):
        return _normalize_slow(text)
    drop = _DROP
    offsets = [i for i, ch in enumerate(text) if ch not in drop]
    offsets.append(len(text))  # end sentinel so an exclusive end maps too
    return text.translate(_TABLE), offsets


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


# --- proclitics -------------------------------------------------------------

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


# --- tokens and sentences -----------------------------------------------------

_WORD = re.compile(r"[0-9]+(?:[.,٫][0-9]+)*|[^\W\d_]+[0-9]*|[0-9]+[^\W\d_]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?؟;؛]+(?=\s|$|[\"'])|\n+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def tokenize(norm: str) -> list[tuple[int, int, str]]:
    """Word tokens of a normalised string: (start, end, word) in normalised offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]


def analyse(doc: Document) -> Document:
    """Fill `doc.norm`, `doc.tokens` and `doc.sentences` (the text-layer stage)."""
    norm, offs = normalize_with_offsets(doc.text)
    doc.norm, doc.norm_to_orig = norm, offs
    # sentences on the normalised string (same boundaries as the original)
    bounds: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for m in _SENTENCE_END.finditer(norm):
        end = m.end()
        if norm[pos:end].strip():
            bounds.append((pos, end, para))
        if "\n" in m.group():
            para += 1
        pos = end
    if norm[pos:].strip():
        bounds.append((pos, len(norm), para))
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    words = tokenize(norm)
    wi = 0
    for si, (s, e, p) in enumerate(bounds):
        first = len(tokens)
        while wi < len(words) and words[wi][0] < e:
            ws, we, w = words[wi]
            forms, clitics = strip_proclitics(w)
            ostart, oend = offs[ws], offs[we - 1] + 1
            tokens.append(Token(len(tokens), ostart, oend, doc.text[ostart:oend], w, forms, clitics, si))
            wi += 1
        sentences.append(Sentence(si, offs[s], offs[e - 1] + 1 if e > s else offs[s], p, first, len(tokens)))
    doc.tokens, doc.sentences = tokens, sentences
    index: dict[str, list[tuple[int, str]]] = {}
    for tok in tokens:
        for form, clitic in zip(tok.forms, tok.clitics):
            index.setdefault(form, []).append((tok.index, clitic))
    doc.form_index = index
    return doc


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic: tells an Arabic article from anything else."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC_LETTER.match(c)) / len(letters)
