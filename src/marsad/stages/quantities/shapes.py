"""Numbers that are dates, clock times and years by their shape: 18/2/2021, 10:30, 18 شباط 2021, 1442 هـ."""

from __future__ import annotations

from marsad.model import Quantity
from marsad.stages.quantities.values import Draft, Num, Term
from marsad.stages.quantities.view import TokenView
from marsad.text.chars import is_digits
from marsad.text.matcher import has_form


class ShapeReader(TokenView):
    """Tells a date, a clock time or a year from a count by the shape of the digits and the words after them."""

    def read_date(self, i: int, t: Term) -> Quantity | None:
        """Dates and clock times are not counts: 18/2/2021، 18.2.2021، 18 شباط 2021، 10:30."""
        if t.form.count(".") == 2:
            return self.date_parts(i, t.end, t.form.split("."), t.clitic)
        if not t.plain:
            return None
        parts, k, sep = [t.form], t.end, ""
        while len(parts) < 3 and k < self.n and is_digits(self.toks[k].norm):
            gap = self.gap(k - 1, k)
            if gap not in ("/", "-", ":") or (sep and gap != sep) or self.toks[k].sentence != self.toks[i].sentence:
                break
            sep = gap
            parts.append(self.toks[k].norm)
            k += 1
        if sep == ":" and len(parts) == 2:
            hour, minute = self.digits(parts[0]), self.digits(parts[1])
            if hour is not None and minute is not None and hour <= 24 and minute < 60:
                return self.build(Draft(i, k, hour, clitic=t.clitic, unit="time"))
        if len(parts) == 3 or (sep == "/" and len(parts) == 2):
            return self.date_parts(i, k, parts, t.clitic)
        return self.month_date(i, t)

    def date_parts(self, i: int, k: int, parts: list[str], clitic: str) -> Quantity | None:
        if not all(self.digits(p) is not None for p in parts):
            return None
        years = [int(p) for p in parts if len(p) == 4 and int(p) in self.lex.years]
        small = [int(p) for p in parts if len(p) <= 2]
        if years and len(years) == 1 and all(1 <= v <= 31 for v in small):
            return self.build(Draft(i, k, years[0], clitic=clitic, unit="year"))
        if not years and len(small) == len(parts) and 1 <= small[0] <= 31 and 1 <= small[1] <= 12:
            return self.build(Draft(i, k, small[0], clitic=clitic, unit="date"))
        return None

    def month_date(self, i: int, t: Term) -> Quantity | None:
        """'18 شباط 2021', 'في 18 من الشهر الجاري'."""
        k = self.month_after(t.end) if 1 <= t.value <= 31 else None
        if k is None:
            return None
        d = Draft(i, k, t.value, clitic=t.clitic, unit="date")
        year = self.digits(self.toks[k].norm) if self.adjacent(k - 1, k) else None
        if year is not None and self.year_after_month(year):
            d.last, d.value, d.unit = k + 1, year, "year"
            d.low = d.high = d.value
        return self.build(d)

    def year_after_month(self, value: int) -> bool:
        return value in self.lex.years or value in self.lex.hijri_years

    def hijri_year(self, num: Num, end: int) -> bool:
        """"1442 هـ": a Hijri year written with its suffix."""
        return (num.single_plain and int(num.value) in self.lex.hijri_years and self.adjacent(end - 1, end)
                and self.toks[end].norm in self.lex.hijri_suffix)

    def month_after(self, k: int) -> int | None:
        """End of a month name at k ('شباط', 'من الشهر', 'كانون الثاني'), None if there is none."""
        if k < self.n and self.toks[k].norm in self.lex.of_words and self.adjacent(k - 1, k):
            k += 1
        if not (self.adjacent(k - 1, k) and any(f in self.lex.months for f in self.toks[k].forms)):
            return None
        k += 1
        if self.adjacent(k - 1, k) and self.toks[k].norm in self.lex.month_second:
            k += 1  # كانون الثاني
        return k

    def by_shape(self, d: Draft, num: Num) -> None:
        """Years by their shape (2011, 2011-2012), ordinals by their article (الـ25، العشرين)."""
        if d.meaning not in ("", "between", "from"):
            return
        years = self.lex.years
        is_year = num.single_plain and int(num.value) in years and (d.high == d.value or int(d.high) in years)
        is_year = is_year or (d.high == d.value and self.hijri_year(num, d.last))
        month_end = self.month_after(d.last) if d.value < d.high <= 31 else None
        if month_end is not None:
            d.unit, d.last = "date", month_end  # ما بين 7 و18 مايو
        elif is_year and not (self.adjacent(d.last - 1, d.last) and has_form(self.toks[d.last], self.lex.count_nouns)):
            d.unit = "year"
        elif d.definite and d.high == d.value and (
                num.first.kind == "digits" or d.value >= self.lex.ordinal_article_min):
            d.unit = "ordinal"
