"""The text layer: tokens with their proclitic-stripped forms, sentences and paragraphs."""

from __future__ import annotations

import re

from marsad.model import Document, Sentence, Token
from marsad.text.clitics import strip_proclitics
from marsad.text.normalize import normalize_with_offsets

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
