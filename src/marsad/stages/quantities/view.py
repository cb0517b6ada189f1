"""What every reader of one document shares: the tokens, the gaps between them, building a Quantity."""

from __future__ import annotations

from bisect import bisect_left

from marsad.model import Document, Quantity, Token
from marsad.stages.quantities.lexicon import Lexicon
from marsad.stages.quantities.values import BLANK, Draft, as_int
from marsad.text.chars import MARKS, digits_value
from marsad.text.clitics import AND_CLITICS, letters_before_article


class TokenView:
    """One document's tokens as the readers see them; each reader of `reader.py` is one of these."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.toks = doc.tokens
        self.n = len(doc.tokens)
        self.lex = lex

    def clitic_ok(self, clitic: str) -> bool:
        """ك and the future س make false numbers: كميات is not ك + ميات (مئات)."""
        return not any(c in clitic for c in self.lex.bad_clitic_letters)

    def link_ok(self, clitic: str, link: str) -> bool:
        """link: 'any' (first word), 'none' (a word glued to the previous one), 'and' (after و)."""
        if link == "any":
            return self.clitic_ok(clitic)
        return clitic == "" if link == "none" else clitic in AND_CLITICS

    def adjacent(self, a: int, b: int, dash: bool = False) -> bool:
        """Tokens a and b in one sentence with only spaces (or a dash) between them."""
        if a < 0 or b >= self.n:
            return False
        ta, tb = self.toks[a], self.toks[b]
        gap = self.text[ta.end:tb.start].strip(BLANK)
        return ta.sentence == tb.sentence and (not gap or (dash and gap in self.lex.dashes))

    def gap(self, a: int, b: int) -> str:
        return self.text[self.toks[a].end:self.toks[b].start]

    def cut(self, tok: Token, clitic: str) -> int:
        """Char start of a word without its conjunction/preposition (the article stays)."""
        size = letters_before_article(clitic)  # a written لل (ل + ال) goes whole
        if size <= 0:
            return tok.start
        offsets = self.doc.norm_to_orig
        at = bisect_left(offsets, tok.start) + size
        return offsets[at] if at < len(offsets) else tok.start

    def digits(self, s: str) -> int | None:
        """The value of a digit string, None if it is none or too long to be an amount (numbers.yaml max_digits)."""
        return digits_value(s, self.lex.max_digits)

    def build(self, d: Draft) -> Quantity:
        start = d.start if d.start >= 0 else self.cut(self.toks[d.first], d.clitic)
        end = max(d.end, self.toks[d.last - 1].end)
        while end < len(self.text) and self.text[end] in MARKS:
            end += 1
        value = as_int(d.value)
        if d.unit is None and value > self.lex.count_ceiling:
            d.unit = "over_ceiling"  # no count of people or things is that large
        return Quantity(start, end, self.text[start:end], value, as_int(d.low), as_int(d.high),
                        d.approximate, d.vague, d.unit, d.first, d.last)
