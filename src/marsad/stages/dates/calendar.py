"""Calendar arithmetic: the tabular Hijri calendar, months, ACLED weeks (Saturday-Friday), recent days."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

HIJRI_EPOCH = 227015  # R.D. (= Python ordinal) of 1 Muharram 1 AH, 16 July 622 Julian


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Tabular Islamic calendar (Reingold & Dershowitz); may differ by a day from the observed one."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and year >= 1):
        raise ValueError(f"not a Hijri date: {year}-{month}-{day}")
    fixed = (HIJRI_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30
             + 29 * (month - 1) + month // 2 + day)
    return date.fromordinal(fixed)


def hijri_year(d: date) -> int:
    return (30 * (d.toordinal() - HIJRI_EPOCH) + 10646) // 10631


def safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):
        return None
    if d > calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def week_start(d: date) -> date:
    """The Saturday that starts d's ACLED week (Saturday-Friday)."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def recent_weekday(pub: date, wd: int, mode: str | None) -> date:
    if mode == "future":
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - wd) % 7
    if mode == "past" and back == 0:
        back = 7
    return pub - timedelta(days=back)


def month_year(m: int, mode: str | None, pub: date) -> int:
    """Year of a month named without one."""
    if mode == "past":
        return pub.year if m < pub.month else pub.year - 1
    if mode == "future":
        return pub.year if m > pub.month else pub.year + 1
    if mode == "current":
        return pub.year
    return pub.year if m <= pub.month else pub.year - 1


def day_month_date(d: int, m: int, mode: str | None, pub: date) -> date | None:
    """Date of a day and month named without a year."""
    if mode == "current":
        return safe_date(pub.year, m, d)
    step = 1 if mode == "future" else -1
    for k in range(9):  # 29 February needs up to 8 years
        cand = safe_date(pub.year + step * k, m, d)
        if cand is None:
            continue
        if (mode == "future" and cand > pub) or (mode == "past" and cand < pub) or \
                (mode not in ("future", "past") and cand <= pub):
            return cand
    return None


def hijri_day_month_date(d: int, m: int, mode: str | None, pub: date) -> date | None:
    hy = hijri_year(pub)
    years = (hy, hy + 1) if mode == "future" else (hy, hy - 1)
    for y in years:
        cand = hijri_to_gregorian(y, m, d)
        if (mode == "future" and cand > pub) or (mode != "future" and cand <= pub):
            return cand
    return None

