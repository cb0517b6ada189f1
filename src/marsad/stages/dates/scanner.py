"""The one pass over a document's tokens: relative expressions, weekdays, months, "منذ N أيام", and the
explicit dates `explicit.py` reads."""

from __future__ import annotations

from datetime import timedelta

from marsad.model import DateMention
from marsad.stages.dates.calendar import month_year, recent_weekday
from marsad.stages.dates.cursor import Cursor, has
from marsad.stages.dates.explicit import ExplicitReader
from marsad.stages.dates.lexicon import Part, Rel
from marsad.stages.dates.resolve import (
    Res,
    ago_span,
    month_span,
    one_day,
    part_span,
    resolve_relative,
    span,
    unresolved,
)
from marsad.text.chars import DIGITS


class Scanner:
    """One left-to-right pass over the tokens; a mention found moves the cursor's floor past it."""

    def __init__(self, cur: Cursor, explicit: ExplicitReader) -> None:
        self.cur = cur
        self.explicit = explicit
        self.text = cur.text
        self.toks = cur.toks
        self.pub = cur.pub
        self.lex = cur.lex

    def run(self) -> list[DateMention]:
        out: list[DateMention] = []
        triggers, digits = self.lex.triggers, DIGITS
        candidates = [i for i, t in enumerate(self.toks) if t.norm[-1] in digits or not triggers.isdisjoint(t.forms)]
        for i in candidates:
            if i < self.cur.floor:
                continue
            found = self._at(i)
            if found is not None:
                out.append(found)
                self.cur.floor = found.token_end
        return out

    def _at(self, i: int) -> DateMention | None:
        tok = self.toks[i]
        hit = self.cur.hit(i)
        if tok.norm[-1] in DIGITS or (hit is not None and hit.payload[0] == "ordinal"):
            found = self.explicit.numeric_start(i)
            if found is not None:
                return found
        if hit is not None:
            kind, payload = hit.payload
            if kind == "rel":
                return self._relative(i, hit.token_end, payload)
            if kind == "weekday":
                return self._weekday(i, hit.token_end, payload)
            if kind == "month":
                return self._month(i, hit.token_end, payload)
            return None
        if has(tok, self.lex.ago_words):
            return self._ago(i)
        return None

    def _relative(self, i: int, e: int, rel: Rel) -> DateMention | None:
        prev, nxt = self.cur.prev_tok(i, free=False), self.cur.next_tok(e, comma=False)
        if has(prev, rel.block_before) or has(nxt, rel.block_after):
            return None
        if rel.outlet_check and self._outlet(i):
            return None
        a, part = i, None
        if rel.week is not None or rel.month is not None:
            a, part = self.cur.part_left(i)
        if rel.needs_part and part is None:
            return None
        res = resolve_relative(rel, part, self.pub)
        if res is None:
            return None
        if rel.single_day:
            a = self.cur.daypart_left(a)
            e = self._weekday_right(e)
            e, res = self._explicit_right(e, res)
        else:
            a = self.cur.lead_left(a)
        return self.cur.mention(a, e, res)

    def _outlet(self, i: int) -> bool:
        """"حلب اليوم" is the outlet; "ريف حلب اليوم" is the countryside today."""
        p = self.cur.prev_tok(i, free=False)
        if not has(p, self.lex.outlet_words):
            return False
        return not has(self.cur.prev_tok(i - 1, free=False), self.lex.outlet_overrides)

    def _weekday(self, i: int, e: int, wd: int) -> DateMention | None:
        if has(self.cur.prev_tok(i, free=False), self.lex.weekday_block_before) or \
                has(self.cur.next_tok(e), self.lex.weekday_block_after):
            return None
        a = self.cur.daypart_left(i)
        night = any(has(self.toks[k], self.lex.night_words) for k in range(a, i))
        second = None
        if night:
            j = e + 1 if has(self.cur.next_tok(e), self.lex.night_pair_links) else e
            hit = self.cur.hit(j)
            if hit is not None and hit.payload == ("weekday", (wd + 1) % 7) and self.cur.next_tok(j) is not None:
                second, e = hit.payload[1], hit.token_end
        mode = self.cur.mode(self.cur.next_tok(e))
        if mode is not None:
            e += 1
        if self.pub is None:
            res = unresolved(1)
        elif second is not None:
            d2 = recent_weekday(self.pub, second, mode)
            d1 = d2 - timedelta(days=1)
            res = (d1, 1, d1, d2, True)
        else:
            res = one_day(recent_weekday(self.pub, wd, mode))
        e, res = self._explicit_right(e, res)
        return self.cur.mention(a, e, res)

    def _month(self, i: int, e: int, payload: tuple[int, bool]) -> DateMention | None:
        """A month without a day: "كانون الثاني 2021", "في شهر آذار الماضي", "أواخر آذار"."""
        m, ambiguous = payload
        end = self.cur.alt_month(e, m)
        anchored = end != e
        a = i
        if has(self.cur.prev_tok(a), self.lex.month_words):
            a, anchored = a - 1, True
        a, part = self.cur.part_left(a)
        anchored = anchored or part is not None
        year, year_offset, mode, end = self.cur.year_right(end)
        anchored = anchored or year is not None or year_offset is not None or mode is not None
        if not anchored and not ambiguous and a == i and has(self.cur.prev_tok(i), self.lex.month_leads):
            anchored = True
        if not anchored:
            return None
        res = self._month_res(m, year, year_offset, mode, part)
        if res is None:
            return None
        return self.cur.mention(self.cur.lead_left(a), end, res)

    def _month_res(self, m: int, year: int | None, year_offset: int | None, mode: str | None,
                   part: Part | None) -> Res | None:
        pub = self.pub
        relative = year is None
        if year is None:
            if pub is None:
                return unresolved(2 if part is not None else 3)
            year = pub.year + year_offset if year_offset is not None else month_year(m, mode, pub)
        if part is None:
            return month_span(year, m, pub, relative)
        a, b = part_span(year, m, part)
        if relative and year_offset is None and mode is None and pub is not None and a > pub:
            a, b = part_span(year - 1, m, part)
        return span(a, b, 2, pub, relative)

    def _ago(self, i: int) -> DateMention | None:
        """"منذ يومين", "قبل ثلاثة أيام", "منذ أسبوع"."""
        j = i + 1
        t = self.cur.next_tok(j)
        if has(t, self.lex.ago_approx):
            j += 1
            t = self.cur.next_tok(j)
        if t is None:
            return None
        count = self.cur.number(t) if t.norm.isascii() else self.lex.ago_numbers.get(t.norm)
        if count is not None or t.norm in self.lex.ago_vague:
            j += 1
            t = self.cur.next_tok(j)
        unit = self.lex.ago_units.get(t.norm) if t is not None else None
        if unit is None:
            return None
        name, unit_count = unit
        if count is not None and unit_count is not None and unit_count != 1:
            return None  # "3 يومين"
        count = count if count is not None else unit_count
        e = j + 1
        nxt = self.cur.next_tok(e)
        if nxt is not None and (self.cur.hit(e) is not None or self.cur.number(nxt) is not None):
            return None  # "منذ يوم الخميس": the weekday is the date
        if has(nxt, self.lex.ago_block_after) and has(self.toks[i], self.lex.ago_from_event):
            if not has(self.cur.next_tok(e + 1), self.lex.ago_unblock_after):
                return None  # "قبل يومين من الهجوم"
            e += 2  # "من الآن"
        res = ago_span(name, count, self.pub, self.lex)
        return self.cur.mention(i, e, res) if res is not None else None

    def _weekday_right(self, e: int) -> int:
        hit = self.cur.hit(e)
        if hit is not None and hit.payload[0] == "weekday" and self.cur.next_tok(e, comma=True) is not None:
            return hit.token_end
        return e

    def _explicit_right(self, e: int, res: Res) -> tuple[int, Res]:
        """"الخميس الموافق 18 شباط": an explicit date after a day wins over the relative reading."""
        j = e
        t = self.cur.next_tok(j, comma=True)
        if has(t, self.lex.date_links):
            j += 1
            t = self.cur.next_tok(j, comma=True)
        if t is not None:
            found = self.explicit.explicit(j)
            if found is not None:
                return found
        return e, res
