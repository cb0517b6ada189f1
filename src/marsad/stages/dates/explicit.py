"""Dates written out: "18 شباط 2021", "18/2/2021", "الخامس من آذار", "15 رمضان 1442 هـ", "عام 2011"."""

from __future__ import annotations

from marsad.model import DateMention
from marsad.stages.dates.calendar import (
    day_month_date,
    hijri_day_month_date,
    hijri_to_gregorian,
    safe_date,
    shift_month,
)
from marsad.stages.dates.cursor import Cursor, has
from marsad.stages.dates.resolve import Res, one_day, unresolved, year_span
from marsad.text.chars import DIGITS, is_digits
from marsad.text.clitics import ARTICLE


class ExplicitReader:
    """Reads a day-precise date (or a year) that starts at a number or an ordinal day."""

    def __init__(self, cur: Cursor) -> None:
        self.cur = cur
        self.text = cur.text
        self.toks = cur.toks
        self.pub = cur.pub
        self.lex = cur.lex

    def numeric_start(self, i: int) -> DateMention | None:
        """A date that starts with a number: "18 شباط", "18/2/2021", "عام 2011"."""
        found = self.explicit(i)
        if found is not None:
            e, res = found
            a = i
            p = self.cur.prev_tok(a)
            if p is not None and p.norm == ARTICLE:  # "الـ 18"
                a -= 1
            return self.cur.mention(self.cur.daypart_left(a), e, res)
        if self.toks[i].norm[-1] not in DIGITS:
            return None
        return self._year_alone(i)

    def explicit(self, i: int) -> tuple[int, Res] | None:
        """A day-precise date starting at token i (a number or an ordinal), with its end."""
        tok = self.toks[i]
        hit = self.cur.hit(i)
        if hit is not None and hit.payload[0] == "ordinal":  # "الخامس من آذار"
            if not has(self.cur.next_tok(hit.token_end), self.lex.of_words):
                return None
            return self._day_rest(hit.payload[1], hit.token_end - 1)
        if tok.norm[-1] not in DIGITS:
            return None
        if "." in tok.norm:
            return self._dotted(i)
        numeric = self._slashed(i)
        if numeric is not None:
            return numeric
        d = self.cur.number(tok)
        if d is None or not 1 <= d <= 31:
            return None
        return self._day_rest(d, i)

    def _day_rest(self, d: int, i: int) -> tuple[int, Res] | None:
        """What follows day number d (token i ends the number): a month, "الجاري", a Hijri month."""
        tok = self.toks[i]
        j = i + 1
        t = self.cur.next_tok(j)
        if has(t, self.lex.of_words):
            j += 1
            t = self.cur.next_tok(j)
        if has(t, self.lex.month_words) and self.cur.hit(j) is None:
            j += 1
            t = self.cur.next_tok(j)
        if t is None:
            return None
        hit = self.cur.hit(j)
        if hit is None:
            mode = self.cur.mode(t)  # "يوم 18 الجاري"
            if mode == "current":
                return j + 1, self._day_of_month(d, 0)
            return None
        kind, payload = hit.payload
        if kind == "month":
            return self._day_month(d, payload[0], self.cur.alt_month(hit.token_end, payload[0]))
        if kind == "hijri":
            return self._hijri(d, payload, hit.token_end, self.text[tok.end:t.start].strip() == "")
        if kind == "rel" and payload.month is not None and not payload.needs_part:
            return hit.token_end, self._day_of_month(d, payload.month)
        return None

    def _day_of_month(self, d: int, offset: int) -> Res:
        """"18 الجاري", "18 من الشهر الماضي"."""
        if self.pub is None:
            return unresolved(1)
        y, m = shift_month(self.pub.year, self.pub.month, offset)
        day = safe_date(y, m, d)
        return one_day(day) if day is not None else unresolved(1)

    def _day_month(self, d: int, m: int, e: int) -> tuple[int, Res] | None:
        year, year_offset, mode, e = self.cur.year_right(e)
        if year is not None:
            day = safe_date(year, m, d)
            return (e, one_day(day, relative=False)) if day is not None else None
        if self.pub is None:
            return e, unresolved(1)
        if year_offset is not None:
            day = safe_date(self.pub.year + year_offset, m, d)
        else:
            day = day_month_date(d, m, mode, self.pub)
        return (e, one_day(day)) if day is not None else None

    def _hijri(self, d: int, m: int, e: int, tight: bool) -> tuple[int, Res] | None:
        """"15 رمضان 1442 هـ" (tabular calendar)."""
        if d > 30:
            return None
        t = self.cur.next_tok(e)
        year = self.cur.year(t, hijri=True)
        if year is not None:
            day = hijri_to_gregorian(year, m, d)
            return self.cur.suffix(e + 1, self.lex.hijri_suffix), one_day(day, relative=False)
        if m in self.lex.hijri_need_year or not tight:
            return None
        mode = self.cur.mode(t)
        e = e + 1 if mode is not None else e
        if self.pub is None:
            return e, unresolved(1)
        day = hijri_day_month_date(d, m, mode, self.pub)
        return (e, one_day(day)) if day is not None else None

    def _slashed(self, i: int) -> tuple[int, Res] | None:
        """"18/2/2021", "2021-02-18", "18-2-2021": three numbers and one separator."""
        if i + 2 >= len(self.toks):
            return None
        t0, t1, t2 = self.toks[i], self.toks[i + 1], self.toks[i + 2]
        if not all(is_digits(t.norm) for t in (t0, t1, t2)):
            return None
        g1, g2 = self.text[t0.end:t1.start].strip(), self.text[t1.end:t2.start].strip()
        if g1 != g2 or g1 not in ("/", "-", "\\"):
            return None
        return self._ymd(t0.norm, t1.norm, t2.norm, i + 3)

    def _dotted(self, i: int) -> tuple[int, Res] | None:
        parts = self.toks[i].norm.split(".")
        if len(parts) != 3 or not all(is_digits(p) for p in parts):
            return None
        return self._ymd(*parts, i + 1)

    def _ymd(self, p0: str, p1: str, p2: str, e: int) -> tuple[int, Res] | None:
        if len(p0) == 4 and len(p1) <= 2 and len(p2) <= 2:
            y, m, d = int(p0), int(p1), int(p2)
        elif len(p2) == 4 and len(p0) <= 2 and len(p1) <= 2:
            d, m, y = int(p0), int(p1), int(p2)
        else:
            return None  # a day and a month have one or two digits, a year four
        day = safe_date(y, m, d) if self.lex.years[0] <= y <= self.lex.years[1] else None
        return (e, one_day(day, relative=False)) if day is not None else None

    def _year_alone(self, i: int) -> DateMention | None:
        """"عام 2011", "في 2018": a year, coded without a day."""
        y = self.cur.year(self.toks[i])
        p = self.cur.prev_tok(i)
        if y is None or not has(p, self.lex.year_leads):
            return None
        a = i - 1 if has(p, self.lex.year_words) else i
        return self.cur.mention(a, self.cur.suffix(i + 1, self.lex.gregorian_suffix), year_span(y, False))
