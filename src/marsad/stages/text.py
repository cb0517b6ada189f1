"""The text stage: normalisation with an offset map, tokens with their proclitic forms, sentences."""

from __future__ import annotations

from marsad.model import Document
from marsad.text import analyse


class TextAnalyser:
    """Fills `doc.norm`, `doc.tokens`, `doc.sentences` and the form index every matcher reads."""

    name = "text"
    requires: tuple[str, ...] = ()
    provides = ("text",)

    def __call__(self, doc: Document) -> Document:
        return analyse(doc)
