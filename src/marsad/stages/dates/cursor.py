"""One document's tokens as the date readers walk them: close neighbours, cached phrase hits, mentions."""

from __future__ import annotations

from marsad.model import DateMention, Document, Token
from marsad.stages.dates.lexicon import Lexicon, Part
from marsad.stages.dates.phrases import Hit
from marsad.stages.dates.resolve import Res
from marsad.text.chars import COMMAS, MARKS, digits_value, is_digits
from marsad.text.clitics import strip_proclitic_letters

TRAILING = MARKS  # marks after a word's last letter: the tokens leave them out, a mention keeps them


def has(tok: Token | None, words: frozenset[str]) -> bool:
    return tok is not None and not words.isdisjoint(tok.forms)


class Cursor:
    """The neighbours of a token (next/previous only when close: same sentence, light punctuation) and the
    extensions every kind of date shares; `floor` is the first token no earlier mention took."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.toks = doc.tokens
        first, last = lex.publication_years
        # relative dates count from publication: one outside the range (0001-01-01) counts as unknown
        self.pub = doc.published if doc.published is not None and first <= doc.published.year <= last else None
        self.lex = lex
        self._hits: dict[int, Hit | None] = {}
        self.floor = 0

    def hit(self, j: int) -> Hit | None:
        """The phrase starting at token j, if any (cached)."""
        if j >= len(self.toks):
            return None
        if j not in self._hits:
            self._hits[j] = self.lex.phrases.at(self.toks, j)
        return self._hits[j]

    def close(self, j: int, comma: bool) -> bool:
        a, b = self.toks[j - 1], self.toks[j]
        if a.sentence != b.sentence:
            return False
        gap = self.text[a.end:b.start]
        if gap == " ":
            return True
        return len(gap) <= self.lex.max_gap and not gap.strip(self.lex.light_gap + (COMMAS if comma else ""))

    def next_tok(self, e: int, comma: bool = False) -> Token | None:
        if 0 < e < len(self.toks) and self.close(e, comma):
            return self.toks[e]
        return None

    def prev_tok(self, a: int, free: bool = True, comma: bool = False) -> Token | None:
        """Token a-1; with `free`, only if no earlier mention took it."""
        j = a - 1
        if j < (self.floor if free else 0) or j < 0 or not self.close(a, comma):
            return None
        return self.toks[j]

    def mention(self, a: int, e: int, res: Res) -> DateMention:
        start, end = self.toks[a].start, self.toks[e - 1].end
        while end < len(self.text) and self.text[end] in TRAILING:  # "غداً", "هـ"
            end += 1
        d, precision, dfrom, dto, relative = res
        return DateMention(start, end, self.text[start:end], d, precision, dfrom, dto, relative, a, e)

    def daypart_left(self, a: int) -> int:
        """"صباح يوم الخميس": day parts and "يوم" before a day."""
        while True:
            p = self.prev_tok(a)
            if not (has(p, self.lex.day_parts) or has(p, self.lex.day_words)):
                return a
            a -= 1

    def part_left(self, a: int) -> tuple[int, Part | None]:
        p = self.prev_tok(a)
        if p is not None:
            for f in p.forms:
                if f in self.lex.parts:
                    return a - 1, self.lex.parts[f]
        return a, None

    def lead_left(self, a: int) -> int:
        """"خلال اليومين الماضيين": a span keeps the word that introduces it."""
        if a < 1 or self.lex.span_lead_ends.isdisjoint(self.toks[a - 1].forms):
            return a
        for lead in self.lex.span_leads:
            k = len(lead)
            if a - k < self.floor:
                continue
            if all(self.close(a - k + x + 1, False) for x in range(k)) and \
                    all(lead[x] in self.toks[a - k + x].forms for x in range(k)):
                return a - k
        return a

    def suffix(self, e: int, words: frozenset[str]) -> int:
        return e + 1 if has(self.next_tok(e), words) else e

    def alt_month(self, e: int, m: int) -> int:
        """"فبراير/ شباط": a second name of the same month."""
        hit = self.hit(e)
        if hit is not None and hit.payload[0] == "month" and hit.payload[1][0] == m and self.next_tok(e) is not None:
            return hit.token_end
        return e

    def year_right(self, e: int) -> tuple[int | None, int | None, str | None, int]:
        """After a month: (year, relative year offset, modifier, new end)."""
        t = self.next_tok(e, comma=True)
        y = self.year(t)
        if y is not None:
            return y, None, None, self.suffix(e + 1, self.lex.gregorian_suffix)
        mode = self.mode(t)
        if mode is not None:
            return None, None, mode, e + 1
        j = e + 1 if has(t, self.lex.of_words) else e
        t = self.next_tok(j) if j > e else t
        if has(t, self.lex.year_words) and self.year(self.next_tok(j + 1)) is not None:
            return self.year(self.next_tok(j + 1)), None, None, self.suffix(j + 2, self.lex.gregorian_suffix)
        hit = self.hit(j) if t is not None else None
        if hit is not None and hit.payload[0] == "rel" and hit.payload[1].year is not None:
            return None, hit.payload[1].year, None, hit.token_end
        return None, None, None, e

    def number(self, tok: Token) -> int | None:
        """The number a token spells in digits, also with a proclitic or article ("الـ18"); None for a digit
        string longer than dates.yaml's max_number_digits."""
        n, most = tok.norm, self.lex.max_number_digits
        value = digits_value(n, most)
        if value is not None:
            return value
        digits = strip_proclitic_letters(n)
        return digits_value(digits, most) if digits and len(n) - len(digits) <= 4 else None

    def year(self, tok: Token | None, hijri: bool = False) -> int | None:
        """The year a four-digit token spells, if in the Gregorian (or Hijri) range of dates.yaml."""
        lo, hi = self.lex.hijri_years if hijri else self.lex.years
        if tok is None or len(tok.norm) != 4 or not is_digits(tok.norm):
            return None
        y = int(tok.norm)
        return y if lo <= y <= hi else None

    def mode(self, tok: Token | None) -> str | None:
        """"past", "future" or "current" for a modifier (الماضي، المقبل، الجاري), else None."""
        if tok is None:
            return None
        if has(tok, self.lex.past):
            return "past"
        if has(tok, self.lex.future):
            return "future"
        if has(tok, self.lex.current):
            return "current"
        return None
