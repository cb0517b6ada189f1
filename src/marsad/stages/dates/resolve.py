"""What a date expression resolves to: (date, precision, date_from, date_to, relative), from publication."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from marsad.stages.dates.calendar import month_end, shift_month, week_start
from marsad.stages.dates.lexicon import Lexicon, Part, Rel

# (date, precision, date_from, date_to, relative)
Res = tuple[date | None, int, date | None, date | None, bool]


def coded_day(a: date, b: date, pub: date | None) -> date:
    """Middle day of [a, b] (rounded down), of [a, pub] when publication falls inside."""
    end = pub if pub is not None and a <= pub < b else b
    return a + timedelta(days=(end - a).days // 2)


def one_day(d: date, relative: bool = True) -> Res:
    return d, 1, d, d, relative


def span(a: date, b: date, precision: int, pub: date | None, relative: bool = True) -> Res:
    return coded_day(a, b, pub), precision, a, b, relative


def month_span(y: int, m: int, pub: date | None, relative: bool) -> Res:
    first, last = date(y, m, 1), month_end(y, m)
    coded = coded_day(first, last, pub) if pub is not None and first <= pub < last else date(y, m, 15)
    return coded, 3, first, last, relative


def year_span(y: int, relative: bool) -> Res:
    return None, 3, date(y, 1, 1), date(y, 12, 31), relative


def unresolved(precision: int) -> Res:
    return None, precision, None, None, True


def part_span(y: int, m: int, part: Part) -> tuple[date, date]:
    last = calendar.monthrange(y, m)[1]
    return date(y, m, min(part.month_days[0], last)), date(y, m, min(part.month_days[1], last))


def resolve_relative(rel: Rel, part: Part | None, pub: date | None) -> Res | None:
    precision = 2 if part is not None else rel.precision
    if pub is None:
        return unresolved(precision)
    if part is not None and rel.week is not None:
        ws = week_start(pub) + timedelta(days=7 * rel.week)
        a, b = ws + timedelta(days=part.week_days[0]), ws + timedelta(days=part.week_days[1])
        if rel.needs_part and a > pub:  # bare "نهاية الأسبوع" said early in a week
            a, b = a - timedelta(days=7), b - timedelta(days=7)
        return span(a, b, 2, pub)
    if part is not None and rel.month is not None:
        y, m = shift_month(pub.year, pub.month, rel.month)
        a, b = part_span(y, m, part)
        if rel.needs_part and a > pub:
            y, m = shift_month(y, m, -1)
            a, b = part_span(y, m, part)
        return span(a, b, 2, pub)
    if rel.days is not None:
        a, b = pub + timedelta(days=rel.days[0]), pub + timedelta(days=rel.days[1])
        return one_day(a) if a == b else span(a, b, precision, pub)
    if rel.week is not None:
        ws = week_start(pub) + timedelta(days=7 * rel.week)
        return span(ws, ws + timedelta(days=6), precision, pub)
    if rel.month is not None:
        y, m = shift_month(pub.year, pub.month, rel.month)
        return month_span(y, m, pub, True)
    if rel.year is not None:
        return year_span(pub.year + rel.year, True)
    return None


def ago_span(unit: str, count: int | None, pub: date | None, lex: Lexicon) -> Res | None:
    """"منذ N <unit>" counted back from publication."""
    if unit == "month" and count is None:
        return None  # "منذ أشهر": too vague to date anything
    if count is not None and unit != "hour" and count * lex.ago_days_per_unit[unit] > lex.ago_max_days_back:
        return None  # "قبل 800000 يوم": no date of an event
    day_precise = count is not None and count <= lex.ago_day_precise_up_to
    precision = {"hour": 1, "day": 1 if day_precise else 2, "week": 2 if count else 3,
                 "month": 3}[unit]
    if pub is None:
        return unresolved(precision)
    if unit == "hour":
        return one_day(pub)
    if count is None:  # "قبل أيام", "قبل أسابيع"
        lo, hi = lex.ago_some[unit]
        return span(pub - timedelta(days=lo), pub - timedelta(days=hi), precision, pub)
    back = count * lex.ago_days_per_unit[unit]
    centre = pub - timedelta(days=back)
    if precision == 1:
        return one_day(centre)
    half = lex.ago_half_width[unit]
    return span(centre - timedelta(days=half), centre + timedelta(days=half), precision, pub)
