"""The value of a number expression: digits, number words, scales, "و" between parts."""

from __future__ import annotations

from marsad.stages.quantities.values import (
    DECIMAL_TO_POINT,
    DIGIT_TOKEN,
    NUMERAL,
    SEPARATORS,
    Num,
    Term,
    digit_value,
)
from marsad.stages.quantities.view import TokenView
from marsad.text.chars import DIGITS, is_digits
from marsad.text.clitics import CONJUNCTIONS, DIGIT_PROCLITICS, has_article
from marsad.text.matcher import has_form


class NumberReader(TokenView):
    """Reads number expressions ('ثلاثة وعشرين', '700 ألف', '1,500', 'مليون ونصف') without saying what they count."""

    def term(self, j: int, link: str) -> Term | None:
        if j >= self.n:
            return None
        tok = self.toks[j]
        if tok.norm[-1] in DIGITS:
            return self.digit_term(j, link)
        terms = self.lex.terms
        for form, clitic in zip(tok.forms, tok.clitics, strict=True):
            found = terms.get(form)
            if found is not None and self.link_ok(clitic, link):
                return Term(found[0], found[1], j + 1, clitic, form)
        norm = tok.norm
        if len(norm) == 3 and norm[0] in CONJUNCTIONS and norm[1:] in terms and self.link_ok(norm[0], link):
            kind, value = terms[norm[1:]]
            return Term(kind, value, j + 1, norm[0], norm[1:])
        return None

    def digit_term(self, j: int, link: str) -> Term | None:
        m = DIGIT_TOKEN.fullmatch(self.toks[j].norm)
        if m is None or m.group(1) not in DIGIT_PROCLITICS or not self.link_ok(m.group(1), link):
            return None
        raw, end = m.group(2), j + 1
        while end < self.n and self.gap(end - 1, end) in SEPARATORS and NUMERAL.fullmatch(self.toks[end].norm):
            raw += SEPARATORS[self.gap(end - 1, end)] + self.toks[end].norm  # "1٬500", "و1.5"
            end += 1
        raw = raw.translate(DECIMAL_TO_POINT)
        value = digit_value(raw, self.scale_at(end), self.lex.max_digits)
        if value is None:
            return None
        return Term("digits", value, end, m.group(1), raw, is_digits(raw))

    def scale_at(self, k: int) -> bool:
        if k >= self.n or not self.adjacent(k - 1, k):
            return False
        return self.lex.terms.get(self.toks[k].norm, ("", 0))[0] in ("scale1", "scalen")

    def next_term(self, k: int) -> Term | None:
        """The term glued to the previous word (خمسة عشر، ثلاث مئة، 700 ألف)."""
        return self.term(k, "none") if self.adjacent(k - 1, k) else None

    def and_position(self, k: int) -> tuple[int, str] | None:
        if not self.adjacent(k - 1, k):
            return None
        if self.toks[k].norm in self.lex.and_words:
            return (k + 1, "none") if self.adjacent(k, k + 1) else None
        return k, "and"

    def and_term(self, k: int) -> Term | None:
        """The term after "و" (ثلاثة وعشرين، مئة وخمسين)."""
        pos = self.and_position(k)
        return self.term(*pos) if pos else None

    def segment(self, t: Term) -> tuple[float, int] | None:
        """A number below a thousand opened by term t."""
        kind, value, k = t.kind, t.value, t.end
        if kind in ("digits", "tens", "ten"):
            return value, k
        if kind == "teenhead":
            nxt = self.next_term(k)
            return (12, nxt.end) if nxt and nxt.kind == "ten" else None
        if kind == "unit":
            nxt = self.next_term(k)
            if nxt and nxt.kind == "ten":
                return value + 10, nxt.end
            if not (nxt and nxt.kind == "hundred" and nxt.value == 100 and value >= 3):
                tens = self.and_term(k)
                return (value + tens.value, tens.end) if tens and tens.kind == "tens" else (value, k)
            kind, value, k = "hundred", value * 100, nxt.end
        if kind == "hundred":
            rest = self.and_below_hundred(k)
            return (value + rest[0], rest[1]) if rest else (value, k)
        return None

    def and_below_hundred(self, k: int) -> tuple[float, int] | None:
        t = self.and_term(k)
        if t is None or t.kind not in ("unit", "ten", "teenhead", "tens"):
            return None
        seg = self.segment(t)
        return seg if seg and seg[0] < 100 else None

    def part(self, t: Term) -> tuple[float, int, int] | None:
        """A segment with its scale word (700 ألف، ثلاثة آلاف) or a scale word alone (ألف، مليونين)."""
        if t.kind == "scale1":
            return t.value, t.end, int(t.value)
        if t.kind == "scale2":
            return 2 * t.value, t.end, int(t.value)
        if t.kind == "scalen":
            return None
        if t.kind == "fraction":
            s = self.next_term(t.end)
            return (t.value * s.value, s.end, int(s.value)) if s and s.kind == "scale1" else None
        seg = self.segment(t)
        if seg is None:
            return None
        value, k = seg
        s = self.next_term(k)
        if s is not None and s.kind in ("scale1", "scalen"):
            return value * s.value, s.end, int(s.value)
        return value, k, 1

    def read_number(self, i: int, link: str, first: Term | None = None) -> Num | None:
        """Parts joined by "و" with falling scales: 'مليونين و500 ألف', 'ألف ومئتين'."""
        first = first or self.term(i, link)
        part = self.part(first) if first else None
        if first is None or part is None:
            return None
        total, k, scale = part
        top = scale
        while scale > 1:
            nxt = self.and_term(k)
            if nxt is not None and nxt.kind == "fraction":  # مليون ونصف
                total, k = total + nxt.value * scale, nxt.end
                break
            more = self.part(nxt) if nxt else None
            if nxt is None or more is None or more[2] >= scale or more[0] >= scale:
                break
            if nxt.kind == "digits" and more[2] == 1:
                break  # "ألف و500" is a list, not 1500
            total, k, scale = total + more[0], more[1], more[2]
        return Num(total, i, k, top, first)

    def plausible(self, num: Num) -> bool:
        """Rejects words that are not amounts here: يوم الأحد، لم يصب أحد، في آن واحد."""
        t, i, lex = num.first, num.start, self.lex
        if t.kind != "unit" or num.end != t.end:
            return True
        if t.form in lex.weekday and has_article(t.clitic):
            return False
        if t.form in lex.one_of:
            before = self.toks[max(0, i - lex.window["negation_before"]):i]
            if any(tok.norm in lex.negations and tok.sentence == self.toks[i].sentence for tok in before):
                return False
            if not self.adjacent(i, i + 1) or self.toks[i + 1].norm[-1] in DIGITS:
                return False
        if t.form in lex.adjectival and self.adjacent(i - 1, i):
            return not has_form(self.toks[i - 1], lex.idiom_heads)
        return True
