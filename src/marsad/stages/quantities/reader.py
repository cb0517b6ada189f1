"""One pass over a document's tokens: every quantity, read by the reader its first word calls for."""

from __future__ import annotations

from marsad.model import Document, Quantity, Token
from marsad.stages.quantities.lexicon import Lexicon
from marsad.stages.quantities.numbers import NumberReader
from marsad.stages.quantities.shapes import ShapeReader
from marsad.stages.quantities.units import UnitReader
from marsad.stages.quantities.values import DIGIT_TOKEN, Draft, Num, Term, hit, hit_with_clitic, longest
from marsad.stages.quantities.view import TokenView
from marsad.text.chars import DIGITS
from marsad.text.clitics import ARTICLE, CONJUNCTIONS, has_article


class QuantityReader(TokenView):
    """Reads the quantities of one document; each method reads one kind of thing."""

    def __init__(self, doc: Document, lex: Lexicon) -> None:
        super().__init__(doc, lex)
        self.numbers = NumberReader(doc, lex)
        self.shapes = ShapeReader(doc, lex)
        self.units = UnitReader(doc, lex, self.numbers)

    def read_all(self) -> list[Quantity]:
        out: list[Quantity] = []
        floor = 0
        for i in self.candidates():
            if i < floor:
                continue  # inside the previous quantity
            q = self.read_at(i, floor)
            if q is not None:
                out.append(q)
                floor = max(q.token_end, i + 1)
        out.sort(key=lambda q: q.start)
        return out

    def candidates(self) -> list[int]:
        """Tokens that may open a quantity: one C-level set test per token keeps the scan cheap."""
        disjoint = self.lex.openers.isdisjoint
        return [i for i, t in enumerate(self.toks) if t.norm[-1] in DIGITS or not disjoint(t.forms)]

    def read_at(self, i: int, floor: int) -> Quantity | None:
        tok = self.toks[i]
        if tok.norm[-1] in DIGITS:
            return self.read_digits(i, floor)
        head = self.head(tok)
        if head == "count":
            return self.read_count(i, floor)
        if head == "vague":
            return self.read_vague(i, floor)
        if head == "dual":
            return self.read_dual(i)
        if head == "ordinal":
            return self.read_ordinal(i)
        return None

    def head(self, tok: Token) -> str | None:
        found = hit(tok, self.lex.heads)
        if found is None and len(tok.norm) == 3 and tok.norm[0] in CONJUNCTIONS:
            found = self.lex.heads.get(tok.norm[1:])  # "وست": the text layer keeps 3-letter words whole
        return found

    def read_count(self, i: int, floor: int, first: Term | None = None) -> Quantity | None:
        num = self.numbers.read_number(i, "any", first)
        if num is None or not self.numbers.plausible(num):
            return None
        d = self.draft(num)
        self.units.prefix(d, floor)
        self.units.widen_to_range(d, num)
        if num.first.form not in self.lex.one_of:  # أحد أشهر = "one of the most famous", not months
            self.units.unit_after(d)
        if d.unit is None:
            self.units.unit_before(d, num)
        if d.unit is None:
            self.shapes.by_shape(d, num)
        self.units.approx_after(d)
        return self.build(d)

    def draft(self, num: Num) -> Draft:
        d = Draft(num.start, num.end, num.value, clitic=num.first.clitic, definite=has_article(num.first.clitic))
        i = num.start
        if i > 0 and self.toks[i - 1].norm == ARTICLE and self.adjacent(i - 1, i):  # "الـ 50"
            d.first, d.clitic, d.definite = i - 1, "", True
        return d

    def read_digits(self, i: int, floor: int) -> Quantity | None:
        m = DIGIT_TOKEN.fullmatch(self.toks[i].norm)
        if m is None:
            return None
        prefix = m.group(1)
        if prefix.isascii() and prefix.isalpha():  # M4, F16
            value = self.digits(m.group(2))
            if value is None:
                return None
            unit = self.lex.latin_cues.get(prefix, self.lex.latin_cue_default)
            return self.build(Draft(i, i + 1, value, unit=unit))
        t = self.numbers.digit_term(i, "any")
        if t is None:
            return None
        return self.shapes.read_date(i, t) or self.read_count(i, floor, t)

    def read_vague(self, i: int, floor: int) -> Quantity | None:
        """عشرات، العشرات، مئات الآلاف، بضعة آلاف، عدد من: ACLED's fixed values, flagged vague."""
        head = self.vague_head(i)
        if head is None:
            return None
        value, k, clitic = head
        ten = self.numbers.next_term(k)
        if value < self.lex.vague_small_below and ten is not None and ten.kind == "ten":  # بضعة عشر
            value, k = value + 10, ten.end
        while self.adjacent(k - 1, k):
            mult = hit(self.toks[k], self.lex.multipliers)
            if mult is None:
                break
            value, k = value * mult, k + 1
        d = Draft(i, k, value, clitic=clitic, vague=True)
        self.units.prefix(d, floor)
        self.units.unit_after(d)
        return self.build(d)

    def vague_head(self, i: int) -> tuple[int, int, str] | None:
        found = self.lex.vague_phrases.find_all(self.toks, i, min(self.n, i + self.lex.window["vague_phrase"]))
        best = longest(m for m in found
                        if m.token_start == i and self.clitic_ok(m.clitic) and not has_article(m.clitic))
        if best is not None:  # not العدد من: with the article it is "the number"
            return best.payload, best.token_end, best.clitic
        tok = self.toks[i]
        for form, clitic in zip(tok.forms, tok.clitics, strict=True):
            value = self.lex.vague.get(form)
            small = value is not None and value < self.lex.vague_small_below
            if value is not None and self.clitic_ok(clitic) and not (small and has_article(clitic)):  # not العدة
                return value, i + 1, clitic
        return None

    def read_dual(self, i: int) -> Quantity | None:
        """A dual noun is a number: شخصين = 2 people, يومين = 2 days."""
        unit, clitic = hit_with_clitic(self.toks[i], self.lex.duals)
        if unit is None or not self.clitic_ok(clitic):
            return None
        d = Draft(i, i + 1, 2, clitic=clitic, unit=unit or None)
        two = self.numbers.next_term(i + 1)
        if two is not None and two.kind == "unit" and two.value == 2:  # شخصين اثنين
            d.last = two.end
        return self.build(d)

    def read_ordinal(self, i: int) -> Quantity | None:
        """الثاني، الحادي عشر، الحادي والعشرين; after الساعة a clock time, after الفرقة a unit."""
        value, clitic = hit_with_clitic(self.toks[i], self.lex.ordinals)
        if value is None or not self.clitic_ok(clitic):
            return None
        k = i + 1
        ten = self.numbers.next_term(k)
        tens = None if ten else self.numbers.and_term(k)
        if ten is not None and ten.kind == "ten":
            value, k = value + 10, ten.end
        elif tens is not None and tens.kind == "tens":
            value, k = value + int(tens.value), tens.end
        d = Draft(i, k, value, clitic=clitic, unit="ordinal")
        cue = self.units.cue_before(i)
        if cue in ("time", "unit_number"):
            d.unit = cue
        return self.build(d)
