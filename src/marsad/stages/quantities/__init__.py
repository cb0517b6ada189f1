"""Numbers in Arabic news: digits, number words, approximations, ranges, vague amounts.

Every number is read once, together with what it measures: a count of people or
things (`unit` None) or something that must never be read as people -- "km",
"money", "percent", "measure", "year" (also full dates), "date" (day and month),
"time" (clock), "duration", "road" (M4), "unit_number" (الفرقة 25، القرار 2254),
"ordinal", and "over_ceiling" (larger than any count can be: numbers.yaml count_ceiling).
Values follow ACLED: the low end of a range, N for "more than N", a fixed value for vague
amounts (عشرات = 10, مئات = 100).

The words live in resources/numbers.yaml; this module is only the reading logic:
one pass over `doc.tokens` with dictionary lookups on `Token.forms`.
"""

from __future__ import annotations

from marsad.model import Document, Quantity
from marsad.stages.quantities.lexicon import Lexicon, lexicon
from marsad.stages.quantities.reader import QuantityReader
from marsad.text import analyse


def find_quantities(doc: Document, lex: Lexicon | None = None) -> list[Quantity]:
    """Reads every number in doc (after arabic.analyse) and sets doc.quantities (sorted by start); returns it."""
    doc.quantities = QuantityReader(doc, lex or lexicon()).read_all()
    return doc.quantities


class QuantityFinder:
    """The quantities stage: every number of people or things, with what it counts."""

    name = "quantities"
    requires = ("text",)
    provides = ("quantities",)

    def __init__(self) -> None:
        # read when the pipeline is built, and kept with it (a cached pipeline brings it along)
        self.lexicon = lexicon()

    def __call__(self, doc: Document) -> Document:
        find_quantities(doc, self.lexicon)
        return doc


def parse_number(text: str) -> int | None:
    """Convenience: the value of a standalone Arabic number expression ('ثلاثة وعشرين' -> 23, '1,500' -> 1500),
    None if not a number."""
    doc = analyse(Document("parse_number", text))
    found = find_quantities(doc)
    if len(found) == 1 and found[0].token_start == 0 and found[0].token_end == len(doc.tokens):
        return found[0].value
    return None


__all__ = ["QuantityFinder", "find_quantities", "parse_number"]
