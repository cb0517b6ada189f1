"""The text layer: tokens with their proclitic-stripped forms, sentences and paragraphs."""

from __future__ import annotations

import re

from marsad.model import Document, Sentence, Token
from marsad.text.clitics import FormCache
from marsad.text.normalize import normalize_with_offsets

_WORD = re.compile(r"[^\W\d_]+[0-9]*|[0-9]+(?:[.,٫][0-9]+)*", re.UNICODE)  # a word starts with a letter or a digit
_SENTENCE_END = re.compile(r"[.!?؟;؛]+(?=\s|$|[\"'])|\n+")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def tokenize(norm: str) -> list[tuple[int, int, str]]:
    """Word tokens of a normalised string: (start, end, word) in normalised offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]


def sentence_bounds(norm: str) -> list[tuple[int, int, int]]:
    """The non-blank sentences of a normalised string: (start, end, paragraph) in normalised offsets."""
    bounds: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for m in _SENTENCE_END.finditer(norm):
        end = m.end()
        if not norm[pos:end].isspace() and pos < end:
            bounds.append((pos, end, para))
        if "\n" in m.group():
            para += 1
        pos = end
    if pos < len(norm) and not norm[pos:].isspace():
        bounds.append((pos, len(norm), para))
    return bounds


_FORMS = FormCache()


def analyse(doc: Document) -> Document:
    """Fill `doc.norm`, `doc.tokens`, `doc.sentences` and `doc.form_index` (the text-layer stage).

    One pass over the words: each word's forms come from a bounded cache, and the token and
    its form-index entries are made in the same step.
    """
    text = doc.text
    norm, offs = normalize_with_offsets(text)
    doc.norm, doc.norm_to_orig = norm, offs
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    index: dict[str, list[tuple[int, str]]] = {}
    get = index.get
    young, miss = _FORMS.young, _FORMS.miss
    append = tokens.append
    words = _WORD.finditer(norm)
    m = next(words, None)
    ti = 0
    for si, (s, e, p) in enumerate(sentence_bounds(norm)):
        first = ti
        while m is not None and m.start() < e:
            ws, we = m.span()
            w = m.group()
            entry = young.get(w)
            if entry is None:
                entry = miss(w)
                young = _FORMS.young  # a full generation was replaced
            forms, clitics = entry
            ostart, oend = offs[ws], offs[we - 1] + 1
            append(Token(ti, ostart, oend, text[ostart:oend], w, forms, clitics, si))
            if len(forms) == 1:
                at = get(w)
                if at is None:
                    index[w] = [(ti, "")]
                else:
                    at.append((ti, ""))
            else:
                for form, clitic in zip(forms, clitics):
                    at = get(form)
                    if at is None:
                        index[form] = [(ti, clitic)]
                    else:
                        at.append((ti, clitic))
            ti += 1
            m = next(words, None)
        sentences.append(Sentence(si, offs[s], offs[e - 1] + 1 if e > s else offs[s], p, first, ti))
    doc.tokens, doc.sentences, doc.form_index = tokens, sentences, index
    return doc


_ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]  # U+0621..U+064A, all of them letters


def arabic_share(text: str) -> float:
    """Share of letters that are Arabic: tells an Arabic article from anything else."""
    sample = text[:5000]
    letters = 0
    mixed = []
    for word in sample.split():  # most words are letters only: one C-level test each
        if word.isalpha():
            letters += len(word)
        else:
            mixed.append(word)
    if mixed:
        letters += sum(1 for c in "".join(mixed) if c.isalpha())
    if not letters:
        return 0.0
    return sum(map(sample.count, _ARABIC_LETTERS)) / letters
