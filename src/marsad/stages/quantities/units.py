"""Widening a number: approximators in front, ranges, the unit after it and the cue before it."""

from __future__ import annotations

from marsad.model import Document
from marsad.stages.quantities.lexicon import Lexicon
from marsad.stages.quantities.numbers import NumberReader
from marsad.stages.quantities.values import Draft, Num, hit, longest
from marsad.stages.quantities.view import TokenView
from marsad.text.clitics import ARTICLE
from marsad.text.matcher import Match


class UnitReader(TokenView):
    """Says what a number measures (30 كم، 50%، خلال 48 ساعة) and how exact it is (قرابة، بين 5 و7، على الأقل)."""

    def __init__(self, doc: Document, lex: Lexicon, numbers: NumberReader) -> None:
        super().__init__(doc, lex)
        self.numbers = numbers

    def prefix(self, d: Draft, floor: int) -> None:
        """Approximator words in front: قرابة، نحو الـ، أكثر من، ما لا يقل عن، (ما) بين."""
        k = d.first
        lo = max(floor, k - self.lex.window["approximator_before"])
        if k <= lo or self.lex.approx_last.isdisjoint(self.toks[k - 1].forms):
            return
        best = None
        for m in self.lex.approx.find_all(self.toks, lo, k):
            if m.token_end == k and (best is None or m.token_start < best.token_start):
                best = m
        if best is None or not self.adjacent(k - 1, k):
            return
        if best.payload in ("between", "from"):
            d.range_prefix = best  # only kept if a range follows
            return
        d.first, d.clitic, d.meaning, d.approximate = best.token_start, best.clitic, best.payload, True

    def widen_to_range(self, d: Draft, num: Num) -> None:
        """بين 5 و7، ما بين 700 ألف ومليون، من 5 إلى 7، 5-7، خمسة أو ستة: value = low end."""
        end = self.range_end(d, num)
        if end is None:
            return
        low = d.value
        if num.scale == 1 and end.scale > 1 and low * end.scale <= end.value:
            low *= end.scale  # بين 5 و7 آلاف
        if end.value <= low:
            return
        d.value = d.low = low
        d.high, d.last, d.approximate = end.value, end.end, True
        if d.range_prefix is not None and not d.meaning:
            d.first, d.clitic, d.meaning = d.range_prefix.token_start, d.range_prefix.clitic, d.range_prefix.payload

    def range_end(self, d: Draft, num: Num) -> Num | None:
        k = d.last
        if k >= self.n:
            return None
        if d.range_prefix is not None and d.range_prefix.payload == "between":
            pos = self.numbers.and_position(k)
            end = self.numbers.read_number(*pos) if pos else None
            if end is not None:
                return end
        if not self.adjacent(k - 1, k, dash=True):
            return None
        if self.toks[k].norm in self.lex.range_links and self.adjacent(k - 1, k):
            return self.numbers.read_number(k + 1, "none") if self.adjacent(k, k + 1) else None
        if num.first.kind == "digits" and self.gap(k - 1, k).strip() in self.lex.dashes:
            end = self.numbers.read_number(k, "none")  # not a model name: بوينغ 8-747، ميراج 5-2000
            return end if end is not None and end.value <= self.lex.dash_range_max_ratio * d.value else None
        return None

    def unit_after(self, d: Draft) -> None:
        """30 كم، 700 ألف ليرة، 50%، 20 بالمئة، خلال 48 ساعة، مئات الآلاف من الدولارات."""
        last = self.toks[d.last - 1]
        stop = self.toks[d.last].start if d.last < self.n else len(self.text)
        gap = self.text[last.end:stop]
        symbol = gap.strip()[:1]
        if symbol in self.lex.symbols and gap.lstrip()[:1] == symbol:
            d.unit, d.end = self.lex.symbols[symbol], last.end + gap.index(symbol) + 1
            return
        k = d.last
        if d.vague and k < self.n and self.toks[k].norm in self.lex.of_words and self.adjacent(k - 1, k):
            k += 1
        m = self.unit_word(k, article=d.vague)
        if m is not None:
            d.unit, d.last = m.payload, m.token_end
            return
        before = self.text[max(0, self.toks[d.first].start - 2):self.toks[d.first].start].strip()
        if before[-1:] in self.lex.symbols and self.lex.symbols[before[-1]] == "money":  # $500
            d.unit, d.start = "money", self.text.rindex(before[-1], 0, self.toks[d.first].start)

    def unit_word(self, k: int, article: bool = False) -> Match[str] | None:
        """The unit word at k; after a vague amount it may take the article (مئات السنين)."""
        if k >= self.n or self.lex.unit_first.isdisjoint(self.toks[k].forms) or not self.adjacent(k - 1, k):
            return None
        found = self.lex.units.find_all(self.toks, k, min(self.n, k + self.lex.window["unit_phrase"]))
        return longest(m for m in found if m.token_start == k and (not m.clitic or (article and m.clitic == ARTICLE)))

    def cue_before(self, i: int) -> str | None:
        """A word just before the number saying what it is: عام، الساعة، الفرع، رقم، M، F."""
        j = i - 1
        if not self.adjacent(j, i, dash=True):
            return None
        tok = self.toks[j]
        cue = hit(tok, self.lex.cues)
        if cue is None and tok.norm.isascii() and tok.norm.isalpha():
            cue = self.lex.latin_cues.get(tok.norm, self.lex.latin_cue_default)
        return cue

    def unit_before(self, d: Draft, num: Num) -> None:
        j = d.first - 1
        t = num.first
        cue = self.cue_before(d.first)
        if cue != "time" and t.form in self.lex.adjectival and num.end == t.end and self.adjacent(j, d.first):
            unit = hit(self.toks[j], self.lex.unit_words)
            if unit is not None:  # يوم واحد، ساعة واحدة (but الساعة الواحدة is a clock time)
                d.unit, d.first, d.clitic = unit, j, ""
                return
        d.unit = cue

    def approx_after(self, d: Draft) -> None:
        """'5 أشخاص على الأقل', '50 تقريبا': approximate; the span grows only over adjacent words."""
        k = d.last
        first = self.lex.approx_after_first
        if k >= self.n or (first.isdisjoint(self.toks[k].forms)
                           and (k + 1 >= self.n or first.isdisjoint(self.toks[k + 1].forms))):
            return
        if not self.adjacent(k - 1, k):
            return
        for m in self.lex.approx_after.find_all(self.toks, k, min(self.n, k + self.lex.window["approximator_after"])):
            if m.token_start == k:
                d.approximate, d.last = True, m.token_end
                return
            if m.token_start == k + 1 and self.adjacent(k, k + 1):
                d.approximate = True
