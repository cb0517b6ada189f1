"""Date expressions in Arabic news, resolved against the day of publication.

All words live in `resources/dates.yaml`; this module holds the logic: one pass over
`doc.tokens` with set lookups on `Token.forms` and small look-arounds; phrases are looked
up only where their first word occurs.

Conventions (`precision` is ACLED's time_precision: 1 day, 2 week, 3 month):

- Coded day (`date`) of a span: the middle day of [date_from, date_to], rounded down; a
  whole calendar month is coded on the 15th. When publication falls inside the span, the
  middle of the part up to publication is taken instead, so a current span is never coded
  after publication. `date` always lies within [date_from, date_to].
- Weekdays ("الخميس", "يوم الخميس"): the most recent such day on or before publication;
  with الماضي/الفائت/المنصرم strictly before (a Thursday's "الخميس الماضي" is 7 days back);
  with المقبل/القادم strictly after.
- "ليلة الخميس" is coded Thursday. "ليلة الخميس/الجمعة" (one night over two days) is coded
  the day it began (ACLED codes the start day), Thursday, with date_to the Friday; the
  Friday is the most recent Friday on or before publication. Both stay precision 1.
- "الليلة الماضية" (last night) is the night that began the day before publication: pub - 1.
- "الساعات الماضية": publication day. "اليومين الماضيين": pub-2..pub, precision 2.
  "الأيام الماضية": pub-7..pub, precision 2.
- "الأسبوع الماضي": pub-8..pub, precision 2, which holds both readings (the last 7 days and
  most of the previous calendar week). Calendar weeks run Saturday-Friday (ACLED's week) for
  "هذا الأسبوع" and for parts of weeks ("مطلع الأسبوع الماضي").
- Parts of a month: مطلع/أوائل days 1-10, منتصف 11-20, أواخر/نهاية 21-end, precision 2.
  A bare "مطلع/نهاية الأسبوع/الشهر" whose part has not begun yet is read as the previous one.
- "منذ/قبل N أيام": pub-N, precision 1 up to 6 days, else precision 2 (pub-N ± 3 days);
  N weeks: pub-7N ± 3, precision 2; N months: pub-30N ± 15, precision 3; "قبل أيام": pub-7..pub-1.
- A month without a year: the most recent such month not after publication; with الماضي the
  most recent one strictly before publication's month; with الجاري publication's. A day and a
  month without a year: the most recent such day not after publication (strictly before
  with الماضي). Either needs publication.
- Years alone ("عام 2011", "العام الماضي"): precision 3 with `date` None and date_from/date_to
  Jan 1/Dec 31, so the event stage can tell background history from a current event.
- Hijri dates use the tabular (arithmetic) Islamic calendar, which can differ by a day or
  two from the observed (moon-sighting) calendar.
- `relative` is True when publication was needed. Without publication, relative
  expressions are still found, with date/date_from/date_to None.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from typing import Any, NamedTuple

from marsad.model import DateMention, Document, Token
from marsad.resource_files import load_yaml, on_clear
from marsad.text import normalize
from marsad.text.chars import COMMAS, INVISIBLE, MARKS, TATWEEL
from marsad.text.clitics import ARTICLE, is_definite, strip_article, strip_proclitic_letters
from marsad.text.matcher import phrase_key, word_set

# (date, precision, date_from, date_to, relative)
Res = tuple[date | None, int, date | None, date | None, bool]

_HIJRI_EPOCH = 227015  # R.D. (= Python ordinal) of 1 Muharram 1 AH, 16 July 622 Julian
_BLANKS = " \t\xa0" + TATWEEL + "".join(sorted(INVISIBLE))
_DIGITS = frozenset("0123456789")
_TRAILING = MARKS  # marks after a word's last letter: the tokens leave them out, a mention keeps them


class _Hit(NamedTuple):
    token_end: int  # exclusive
    payload: tuple[str, Any]  # (kind, value): weekday, month, hijri, ordinal, rel


class _Phrases:
    """Lexicon phrases by first word, matched at one token on demand (leftmost, longest).

    Like `matching.PhraseMatcher`, the first word may carry proclitics and later words the
    article; unlike it, nothing is computed for tokens that no look-around asks about.
    """

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], tuple[str, Any]]]] = {}

    def add(self, phrase: str, payload: tuple[str, Any]) -> None:
        key = phrase_key(phrase)
        if key:
            entries = self.index.setdefault(key[0], [])
            entries.append((key, payload))
            entries.sort(key=lambda e: -len(e[0]))

    def at(self, toks: list[Token], j: int) -> _Hit | None:
        n = len(toks)
        best: _Hit | None = None
        for form in toks[j].forms:
            for key, payload in self.index.get(form, ()):
                size = len(key)
                if j + size > n or (best is not None and j + size <= best.token_end):
                    continue
                for k in range(1, size):
                    if not _later(toks[j + k].norm, key[k]):
                        break
                else:
                    best = _Hit(j + size, payload)
                    break  # entries are longest first
        return best


def _later(word: str, want: str) -> bool:
    return word == want or (is_definite(word) and strip_article(word) == want)


@dataclass(frozen=True, slots=True)
class _Rel:
    """A fixed relative expression ("الأسبوع الماضي") and the span it stands for."""

    days: tuple[int, int] | None
    week: int | None
    month: int | None
    year: int | None
    precision: int
    needs_part: bool = False
    outlet_check: bool = False
    block_before: frozenset[str] = frozenset()
    block_after: frozenset[str] = frozenset()

    @property
    def single_day(self) -> bool:
        return self.days is not None and self.days[0] == self.days[1] and self.week is None


@dataclass(frozen=True, slots=True)
class _Part:
    """A part of a month or week (مطلع / منتصف / أواخر)."""

    month_days: tuple[int, int]
    week_days: tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    phrases: _Phrases
    triggers: frozenset[str]  # first words of phrases and "منذ"/"قبل": tokens worth a look
    utc_offset: int
    weekday_block_before: frozenset[str]
    weekday_block_after: frozenset[str]
    night_pair_links: frozenset[str]
    hijri_need_year: frozenset[int]
    hijri_suffix: frozenset[str]
    gregorian_suffix: frozenset[str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    month_words: frozenset[str]
    year_words: frozenset[str]
    of_words: frozenset[str]
    date_links: frozenset[str]
    month_leads: frozenset[str]
    year_leads: frozenset[str]
    day_parts: frozenset[str]
    night_words: frozenset[str]
    day_words: frozenset[str]
    parts: dict[str, _Part]
    span_leads: tuple[tuple[str, ...], ...]
    span_lead_ends: frozenset[str]
    outlet_words: frozenset[str]
    outlet_overrides: frozenset[str]
    ago_words: frozenset[str]
    ago_approx: frozenset[str]
    ago_vague: frozenset[str]
    ago_units: dict[str, tuple[str, int | None]]
    ago_numbers: dict[str, int]
    ago_from_event: frozenset[str]
    ago_block_after: frozenset[str]
    ago_unblock_after: frozenset[str]
    ago_days_per_unit: dict[str, int]
    ago_half_width: dict[str, int]
    ago_day_precise_up_to: int
    ago_some: dict[str, tuple[int, int]]
    light_gap: str  # what may stand between two words of one expression, commas aside
    max_gap: int
    years: tuple[int, int]
    hijri_years: tuple[int, int]


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return word_set(raw.get(key) or [])


def _build(raw: dict[str, Any]) -> _Lexicon:
    """Normalise the YAML data into sets and one phrase matcher."""
    matcher = _Phrases()
    ambiguous = {normalize(w) for w in raw.get("ambiguous_months") or []}
    for name, num in raw["weekdays"].items():
        matcher.add(name, ("weekday", int(num)))
    for name, num in raw["months"].items():
        matcher.add(name, ("month", (int(num), normalize(name) in ambiguous)))
    for name, num in raw["hijri_months"].items():
        matcher.add(name, ("hijri", int(num)))
    for name, num in (raw.get("ordinal_days") or {}).items():
        matcher.add(name, ("ordinal", int(num)))
    for entry in raw["relative"]:
        rel = _relative_entry(entry)
        for phrase in entry["phrases"]:
            matcher.add(str(phrase), ("rel", rel))
    hijri_need_year = {int(raw["hijri_months"][w]) for w in raw.get("hijri_need_year") or []}
    parts = {}
    for spec in raw["parts"].values():
        part = _Part(tuple(spec["month_days"]), tuple(spec["week_days"]))  # type: ignore[arg-type]
        for word in word_set(spec["words"]):
            parts[word] = part
    ago = raw["ago"]
    mods = raw["modifiers"]
    span_leads = tuple(phrase_key(p) for p in raw.get("span_leads") or [])
    return _Lexicon(
        phrases=matcher,
        triggers=frozenset(matcher.index) | word_set(ago["words"]),
        utc_offset=int(raw.get("local_utc_offset_hours", 3)),
        weekday_block_before=_words(raw, "weekday_block_before"),
        weekday_block_after=_words(raw, "weekday_block_after"),
        night_pair_links=_words(raw, "night_pair_links"),
        hijri_need_year=frozenset(hijri_need_year),
        hijri_suffix=_words(raw, "hijri_suffix"),
        gregorian_suffix=_words(raw, "gregorian_suffix"),
        past=word_set(mods["past"]),
        future=word_set(mods["future"]),
        current=word_set(mods["current"]),
        month_words=_words(raw, "month_words"),
        year_words=_words(raw, "year_words"),
        of_words=_words(raw, "of_words"),
        date_links=_words(raw, "date_links"),
        month_leads=_words(raw, "month_leads"),
        year_leads=_words(raw, "year_leads"),
        day_parts=_words(raw, "day_parts"),
        night_words=_words(raw, "night_words"),
        day_words=_words(raw, "day_words"),
        parts=parts,
        span_leads=span_leads,
        span_lead_ends=frozenset(lead[-1] for lead in span_leads),
        outlet_words=_words(raw, "outlet_words"),
        outlet_overrides=_words(raw, "outlet_overrides"),
        ago_words=word_set(ago["words"]),
        ago_approx=word_set(ago.get("approx") or []),
        ago_vague=word_set(ago.get("vague") or []),
        ago_units={normalize(k): (v[0], v[1]) for k, v in ago["units"].items()},
        ago_numbers={normalize(k): int(v) for k, v in ago["numbers"].items()},
        ago_from_event=word_set(ago.get("counted_from_event") or []),
        ago_block_after=word_set(ago.get("block_after") or []),
        ago_unblock_after=word_set(ago.get("unblock_after") or []),
        ago_days_per_unit={str(k): int(v) for k, v in ago["days_per_unit"].items()},
        ago_half_width={str(k): int(v) for k, v in ago["half_width"].items()},
        ago_day_precise_up_to=int(ago["day_precise_up_to"]),
        ago_some={str(k): (int(v["from"]), int(v["to"])) for k, v in ago["some"].items()},
        light_gap=_BLANKS + str(raw["light_punctuation"]),
        max_gap=int(raw["max_gap"]),
        years=(int(raw["year_range"]["from"]), int(raw["year_range"]["to"])),
        hijri_years=(int(raw["hijri_year_range"]["from"]), int(raw["hijri_year_range"]["to"])),
    )


def _relative_entry(entry: dict[str, Any]) -> _Rel:
    days = tuple(entry["days"]) if "days" in entry else None
    default = 1 if days is not None and days[0] == days[1] else (3 if "month" in entry or "year" in entry else 2)
    return _Rel(
        days=days,  # type: ignore[arg-type]
        week=entry.get("week"),
        month=entry.get("month"),
        year=entry.get("year"),
        precision=int(entry.get("precision", default)),
        needs_part=bool(entry.get("needs_part", False)),
        outlet_check=bool(entry.get("outlet_check", False)),
        block_before=word_set(entry.get("block_before") or []),
        block_after=word_set(entry.get("block_after") or []),
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _build(load_yaml("dates.yaml"))


_LEX = _lexicon()


class _Pending:
    """Stands for the lexicon after `clear_caches()`: its first use reads the files again."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_loaded(), name)


def _loaded() -> _Lexicon:
    global _LEX
    if isinstance(_LEX, _Pending):
        _LEX = _lexicon()
    return _LEX


@on_clear
def _reload() -> None:
    """The lexicon is a module global (read on every token), replaced until its next use."""
    global _LEX
    _lexicon.cache_clear()
    _LEX = _Pending()  # type: ignore[assignment]


# --- publication ----------------------------------------------------------------------


def parse_published(value: str | date | None) -> date | None:
    """ISO date or date-time of the input record -> the LOCAL calendar day of publication.

    Feed timestamps are often UTC; reports are local (Syria, UTC+3), so a time just after
    midnight UTC may already be the next local day. A naive date-time is taken as local.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        return value
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            if len(text) == 10:
                return date.fromisoformat(text)
            dt = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            raise ValueError(f"not an ISO 8601 date or date-time: {value!r}") from None
    if dt.tzinfo is not None:
        dt = dt.astimezone(timezone(timedelta(hours=_LEX.utc_offset)))
    return dt.date()


# --- calendars --------------------------------------------------------------------------


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """Tabular Islamic calendar (Reingold & Dershowitz); may differ by a day from the observed one."""
    if not (1 <= month <= 12 and 1 <= day <= 30 and year >= 1):
        raise ValueError(f"not a Hijri date: {year}-{month}-{day}")
    fixed = (_HIJRI_EPOCH - 1 + (year - 1) * 354 + (3 + 11 * year) // 30
             + 29 * (month - 1) + month // 2 + day)
    return date.fromordinal(fixed)


def _hijri_year(d: date) -> int:
    return (30 * (d.toordinal() - _HIJRI_EPOCH) + 10646) // 10631


def _safe_date(y: int, m: int, d: int) -> date | None:
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1 <= y <= 9999):
        return None
    if d > calendar.monthrange(y, m)[1]:
        return None
    return date(y, m, d)


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _week_start(d: date) -> date:
    """The Saturday that starts d's ACLED week (Saturday-Friday)."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def _recent_weekday(pub: date, wd: int, mode: str | None) -> date:
    if mode == "future":
        return pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    back = (pub.weekday() - wd) % 7
    if mode == "past" and back == 0:
        back = 7
    return pub - timedelta(days=back)


# --- results ----------------------------------------------------------------------------


def _coded(a: date, b: date, pub: date | None) -> date:
    """Middle day of [a, b] (rounded down), of [a, pub] when publication falls inside."""
    end = pub if pub is not None and a <= pub < b else b
    return a + timedelta(days=(end - a).days // 2)


def _day(d: date, relative: bool = True) -> Res:
    return d, 1, d, d, relative


def _span(a: date, b: date, precision: int, pub: date | None, relative: bool = True) -> Res:
    return _coded(a, b, pub), precision, a, b, relative


def _month_res(y: int, m: int, pub: date | None, relative: bool) -> Res:
    first, last = date(y, m, 1), _month_end(y, m)
    coded = _coded(first, last, pub) if pub is not None and first <= pub < last else date(y, m, 15)
    return coded, 3, first, last, relative


def _year_res(y: int, relative: bool) -> Res:
    return None, 3, date(y, 1, 1), date(y, 12, 31), relative


def _unresolved(precision: int) -> Res:
    return None, precision, None, None, True


def _part_span(y: int, m: int, part: _Part) -> tuple[date, date]:
    last = calendar.monthrange(y, m)[1]
    return date(y, m, min(part.month_days[0], last)), date(y, m, min(part.month_days[1], last))


def _resolve_rel(rel: _Rel, part: _Part | None, pub: date | None) -> Res | None:
    precision = 2 if part is not None else rel.precision
    if pub is None:
        return _unresolved(precision)
    if part is not None and rel.week is not None:
        ws = _week_start(pub) + timedelta(days=7 * rel.week)
        a, b = ws + timedelta(days=part.week_days[0]), ws + timedelta(days=part.week_days[1])
        if rel.needs_part and a > pub:  # bare "نهاية الأسبوع" said early in a week
            a, b = a - timedelta(days=7), b - timedelta(days=7)
        return _span(a, b, 2, pub)
    if part is not None and rel.month is not None:
        y, m = _shift_month(pub.year, pub.month, rel.month)
        a, b = _part_span(y, m, part)
        if rel.needs_part and a > pub:
            y, m = _shift_month(y, m, -1)
            a, b = _part_span(y, m, part)
        return _span(a, b, 2, pub)
    if rel.days is not None:
        a, b = pub + timedelta(days=rel.days[0]), pub + timedelta(days=rel.days[1])
        return _day(a) if a == b else _span(a, b, precision, pub)
    if rel.week is not None:
        ws = _week_start(pub) + timedelta(days=7 * rel.week)
        return _span(ws, ws + timedelta(days=6), precision, pub)
    if rel.month is not None:
        y, m = _shift_month(pub.year, pub.month, rel.month)
        return _month_res(y, m, pub, True)
    if rel.year is not None:
        return _year_res(pub.year + rel.year, True)
    return None


def _month_year(m: int, mode: str | None, pub: date) -> int:
    """Year of a month named without one."""
    if mode == "past":
        return pub.year if m < pub.month else pub.year - 1
    if mode == "future":
        return pub.year if m > pub.month else pub.year + 1
    if mode == "current":
        return pub.year
    return pub.year if m <= pub.month else pub.year - 1


def _day_month(d: int, m: int, mode: str | None, pub: date) -> date | None:
    """Date of a day and month named without a year."""
    if mode == "current":
        return _safe_date(pub.year, m, d)
    step = 1 if mode == "future" else -1
    for k in range(9):  # 29 February needs up to 8 years
        cand = _safe_date(pub.year + step * k, m, d)
        if cand is None:
            continue
        if (mode == "future" and cand > pub) or (mode == "past" and cand < pub) or \
                (mode not in ("future", "past") and cand <= pub):
            return cand
    return None


def _hijri_day_month(d: int, m: int, mode: str | None, pub: date) -> date | None:
    hy = _hijri_year(pub)
    years = (hy, hy + 1) if mode == "future" else (hy, hy - 1)
    for y in years:
        cand = hijri_to_gregorian(y, m, d)
        if (mode == "future" and cand > pub) or (mode != "future" and cand <= pub):
            return cand
    return None


def _ago_res(unit: str, count: int | None, pub: date | None) -> Res | None:
    """"منذ N <unit>" counted back from publication."""
    if unit == "month" and count is None:
        return None  # "منذ أشهر": too vague to date anything
    day_precise = count is not None and count <= _LEX.ago_day_precise_up_to
    precision = {"hour": 1, "day": 1 if day_precise else 2, "week": 2 if count else 3,
                 "month": 3}[unit]
    if pub is None:
        return _unresolved(precision)
    if unit == "hour":
        return _day(pub)
    if count is None:  # "قبل أيام", "قبل أسابيع"
        lo, hi = _LEX.ago_some[unit]
        return _span(pub - timedelta(days=lo), pub - timedelta(days=hi), precision, pub)
    back = count * _LEX.ago_days_per_unit[unit]
    centre = pub - timedelta(days=back)
    if precision == 1:
        return _day(centre)
    half = _LEX.ago_half_width[unit]
    return _span(centre - timedelta(days=half), centre + timedelta(days=half), precision, pub)


# --- token helpers ------------------------------------------------------------------------


def _has(tok: Token | None, words: frozenset[str]) -> bool:
    return tok is not None and not words.isdisjoint(tok.forms)


def _number(tok: Token) -> int | None:
    """The number a token spells in digits, also with a proclitic or article ("الـ18")."""
    n = tok.norm
    if n.isascii() and n.isdigit():
        return int(n)
    digits = strip_proclitic_letters(n)
    if digits and digits.isascii() and digits.isdigit() and len(n) - len(digits) <= 4:
        return int(digits)
    return None


def _year(tok: Token | None, hijri: bool = False) -> int | None:
    lo, hi = _LEX.hijri_years if hijri else _LEX.years
    if tok is None or len(tok.norm) != 4 or not (tok.norm.isascii() and tok.norm.isdigit()):
        return None
    y = int(tok.norm)
    return y if lo <= y <= hi else None


def _mode(tok: Token | None) -> str | None:
    if tok is None:
        return None
    if _has(tok, _LEX.past):
        return "past"
    if _has(tok, _LEX.future):
        return "future"
    if _has(tok, _LEX.current):
        return "current"
    return None


# --- the scanner ----------------------------------------------------------------------------


class _Scanner:
    """One left-to-right pass over the tokens; `floor` is the first token not yet taken."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.toks = doc.tokens
        self.pub = doc.published
        self._hits: dict[int, _Hit | None] = {}
        self.floor = 0

    def _hit(self, j: int) -> _Hit | None:
        """The phrase starting at token j, if any (cached)."""
        if j >= len(self.toks):
            return None
        if j not in self._hits:
            self._hits[j] = _LEX.phrases.at(self.toks, j)
        return self._hits[j]

    def run(self) -> list[DateMention]:
        out: list[DateMention] = []
        triggers, digits = _LEX.triggers, _DIGITS
        candidates = [i for i, t in enumerate(self.toks) if t.norm[-1] in digits or not triggers.isdisjoint(t.forms)]
        for i in candidates:
            if i < self.floor:
                continue
            found = self._at(i)
            if found is not None:
                out.append(found)
                self.floor = found.token_end
        return out

    def _at(self, i: int) -> DateMention | None:
        tok = self.toks[i]
        hit = self._hit(i)
        if tok.norm[-1].isdigit() or (hit is not None and hit.payload[0] == "ordinal"):
            found = self._numeric_start(i)
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
        if _has(tok, _LEX.ago_words):
            return self._ago(i)
        return None

    # neighbours: the next/previous token only if it is close (same sentence, light punctuation)

    def _close(self, j: int, comma: bool) -> bool:
        a, b = self.toks[j - 1], self.toks[j]
        if a.sentence != b.sentence:
            return False
        gap = self.text[a.end:b.start]
        if gap == " ":
            return True
        return len(gap) <= _LEX.max_gap and not gap.strip(_LEX.light_gap + (COMMAS if comma else ""))

    def _next(self, e: int, comma: bool = False) -> Token | None:
        if 0 < e < len(self.toks) and self._close(e, comma):
            return self.toks[e]
        return None

    def _prev(self, a: int, free: bool = True, comma: bool = False) -> Token | None:
        """Token a-1; with `free`, only if no earlier mention took it."""
        j = a - 1
        if j < (self.floor if free else 0) or j < 0 or not self._close(a, comma):
            return None
        return self.toks[j]

    def _mention(self, a: int, e: int, res: Res) -> DateMention:
        start, end = self.toks[a].start, self.toks[e - 1].end
        while end < len(self.text) and self.text[end] in _TRAILING:  # "غداً", "هـ"
            end += 1
        d, precision, dfrom, dto, relative = res
        return DateMention(start, end, self.text[start:end], d, precision, dfrom, dto, relative, a, e)

    # left extensions

    def _daypart_left(self, a: int) -> int:
        """"صباح يوم الخميس": day parts and "يوم" before a day."""
        while True:
            p = self._prev(a)
            if not (_has(p, _LEX.day_parts) or _has(p, _LEX.day_words)):
                return a
            a -= 1

    def _part_left(self, a: int) -> tuple[int, _Part | None]:
        p = self._prev(a)
        if p is not None:
            for f in p.forms:
                if f in _LEX.parts:
                    return a - 1, _LEX.parts[f]
        return a, None

    def _lead_left(self, a: int) -> int:
        """"خلال اليومين الماضيين": a span keeps the word that introduces it."""
        if a < 1 or _LEX.span_lead_ends.isdisjoint(self.toks[a - 1].forms):
            return a
        for lead in _LEX.span_leads:
            k = len(lead)
            if a - k < self.floor:
                continue
            if all(self._close(a - k + x + 1, False) for x in range(k)) and \
                    all(lead[x] in self.toks[a - k + x].forms for x in range(k)):
                return a - k
        return a

    # right extensions

    def _weekday_right(self, e: int) -> int:
        hit = self._hit(e)
        if hit is not None and hit.payload[0] == "weekday" and self._next(e, comma=True) is not None:
            return hit.token_end
        return e

    def _explicit_right(self, e: int, res: Res) -> tuple[int, Res]:
        """"الخميس الموافق 18 شباط": an explicit date after a day wins over the relative reading."""
        j = e
        t = self._next(j, comma=True)
        if _has(t, _LEX.date_links):
            j += 1
            t = self._next(j, comma=True)
        if t is not None:
            found = self._explicit(j)
            if found is not None:
                return found
        return e, res

    def _year_right(self, e: int) -> tuple[int | None, int | None, str | None, int]:
        """After a month: (year, relative year offset, modifier, new end)."""
        t = self._next(e, comma=True)
        y = _year(t)
        if y is not None:
            return y, None, None, self._suffix(e + 1, _LEX.gregorian_suffix)
        mode = _mode(t)
        if mode is not None:
            return None, None, mode, e + 1
        j = e + 1 if _has(t, _LEX.of_words) else e
        t = self._next(j) if j > e else t
        if _has(t, _LEX.year_words) and _year(self._next(j + 1)) is not None:
            return _year(self._next(j + 1)), None, None, self._suffix(j + 2, _LEX.gregorian_suffix)
        hit = self._hit(j) if t is not None else None
        if hit is not None and hit.payload[0] == "rel" and hit.payload[1].year is not None:
            return None, hit.payload[1].year, None, hit.token_end
        return None, None, None, e

    def _suffix(self, e: int, words: frozenset[str]) -> int:
        return e + 1 if _has(self._next(e), words) else e

    def _alt_month(self, e: int, m: int) -> int:
        """"فبراير/ شباط": a second name of the same month."""
        hit = self._hit(e)
        if hit is not None and hit.payload[0] == "month" and hit.payload[1][0] == m and self._next(e) is not None:
            return hit.token_end
        return e

    # handlers

    def _relative(self, i: int, e: int, rel: _Rel) -> DateMention | None:
        prev, nxt = self._prev(i, free=False), self._next(e, comma=False)
        if _has(prev, rel.block_before) or _has(nxt, rel.block_after):
            return None
        if rel.outlet_check and self._outlet(i):
            return None
        a, part = i, None
        if rel.week is not None or rel.month is not None:
            a, part = self._part_left(i)
        if rel.needs_part and part is None:
            return None
        res = _resolve_rel(rel, part, self.pub)
        if res is None:
            return None
        if rel.single_day:
            a = self._daypart_left(a)
            e = self._weekday_right(e)
            e, res = self._explicit_right(e, res)
        else:
            a = self._lead_left(a)
        return self._mention(a, e, res)

    def _outlet(self, i: int) -> bool:
        """"حلب اليوم" is the outlet; "ريف حلب اليوم" is the countryside today."""
        p = self._prev(i, free=False)
        if not _has(p, _LEX.outlet_words):
            return False
        return not _has(self._prev(i - 1, free=False), _LEX.outlet_overrides)

    def _weekday(self, i: int, e: int, wd: int) -> DateMention | None:
        if _has(self._prev(i, free=False), _LEX.weekday_block_before) or \
                _has(self._next(e), _LEX.weekday_block_after):
            return None
        a = self._daypart_left(i)
        night = any(_has(self.toks[k], _LEX.night_words) for k in range(a, i))
        second = None
        if night:
            j = e + 1 if _has(self._next(e), _LEX.night_pair_links) else e
            hit = self._hit(j)
            if hit is not None and hit.payload == ("weekday", (wd + 1) % 7) and self._next(j) is not None:
                second, e = hit.payload[1], hit.token_end
        mode = _mode(self._next(e))
        if mode is not None:
            e += 1
        if self.pub is None:
            res = _unresolved(1)
        elif second is not None:
            d2 = _recent_weekday(self.pub, second, mode)
            d1 = d2 - timedelta(days=1)
            res = (d1, 1, d1, d2, True)
        else:
            res = _day(_recent_weekday(self.pub, wd, mode))
        e, res = self._explicit_right(e, res)
        return self._mention(a, e, res)

    def _month(self, i: int, e: int, payload: tuple[int, bool]) -> DateMention | None:
        """A month without a day: "كانون الثاني 2021", "في شهر آذار الماضي", "أواخر آذار"."""
        m, ambiguous = payload
        end = self._alt_month(e, m)
        anchored = end != e
        a = i
        if _has(self._prev(a), _LEX.month_words):
            a, anchored = a - 1, True
        a, part = self._part_left(a)
        anchored = anchored or part is not None
        year, year_offset, mode, end = self._year_right(end)
        anchored = anchored or year is not None or year_offset is not None or mode is not None
        if not anchored and not ambiguous and a == i and _has(self._prev(i), _LEX.month_leads):
            anchored = True
        if not anchored:
            return None
        res = self._month_res(m, year, year_offset, mode, part)
        if res is None:
            return None
        return self._mention(self._lead_left(a), end, res)

    def _month_res(self, m: int, year: int | None, year_offset: int | None, mode: str | None,
                   part: _Part | None) -> Res | None:
        pub = self.pub
        relative = year is None
        if year is None:
            if pub is None:
                return _unresolved(2 if part is not None else 3)
            year = pub.year + year_offset if year_offset is not None else _month_year(m, mode, pub)
        if part is None:
            return _month_res(year, m, pub, relative)
        a, b = _part_span(year, m, part)
        if relative and year_offset is None and mode is None and pub is not None and a > pub:
            a, b = _part_span(year - 1, m, part)
        return _span(a, b, 2, pub, relative)

    def _numeric_start(self, i: int) -> DateMention | None:
        """A date that starts with a number: "18 شباط", "18/2/2021", "عام 2011"."""
        found = self._explicit(i)
        if found is not None:
            e, res = found
            a = i
            p = self._prev(a)
            if p is not None and p.norm == ARTICLE:  # "الـ 18"
                a -= 1
            return self._mention(self._daypart_left(a), e, res)
        if not self.toks[i].norm[-1].isdigit():
            return None
        return self._year_alone(i)

    def _explicit(self, i: int) -> tuple[int, Res] | None:
        """A day-precise date starting at token i (a number or an ordinal), with its end."""
        tok = self.toks[i]
        hit = self._hit(i)
        if hit is not None and hit.payload[0] == "ordinal":  # "الخامس من آذار"
            if not _has(self._next(hit.token_end), _LEX.of_words):
                return None
            return self._day_rest(hit.payload[1], hit.token_end - 1)
        if not tok.norm[-1].isdigit():
            return None
        if "." in tok.norm:
            return self._dotted(i)
        numeric = self._slashed(i)
        if numeric is not None:
            return numeric
        d = _number(tok)
        if d is None or not 1 <= d <= 31:
            return None
        return self._day_rest(d, i)

    def _day_rest(self, d: int, i: int) -> tuple[int, Res] | None:
        """What follows day number d (token i ends the number): a month, "الجاري", a Hijri month."""
        tok = self.toks[i]
        j = i + 1
        t = self._next(j)
        if _has(t, _LEX.of_words):
            j += 1
            t = self._next(j)
        if _has(t, _LEX.month_words) and self._hit(j) is None:
            j += 1
            t = self._next(j)
        if t is None:
            return None
        hit = self._hit(j)
        if hit is None:
            mode = _mode(t)  # "يوم 18 الجاري"
            if mode == "current":
                return j + 1, self._day_of_month(d, 0)
            return None
        kind, payload = hit.payload
        if kind == "month":
            return self._day_month(d, payload[0], self._alt_month(hit.token_end, payload[0]))
        if kind == "hijri":
            return self._hijri(d, payload, hit.token_end, self.text[tok.end:t.start].strip() == "")
        if kind == "rel" and payload.month is not None and not payload.needs_part:
            return hit.token_end, self._day_of_month(d, payload.month)
        return None

    def _day_of_month(self, d: int, offset: int) -> Res:
        """"18 الجاري", "18 من الشهر الماضي"."""
        if self.pub is None:
            return _unresolved(1)
        y, m = _shift_month(self.pub.year, self.pub.month, offset)
        day = _safe_date(y, m, d)
        return _day(day) if day is not None else _unresolved(1)

    def _day_month(self, d: int, m: int, e: int) -> tuple[int, Res] | None:
        year, year_offset, mode, e = self._year_right(e)
        if year is not None:
            day = _safe_date(year, m, d)
            return (e, _day(day, relative=False)) if day is not None else None
        if self.pub is None:
            return e, _unresolved(1)
        if year_offset is not None:
            day = _safe_date(self.pub.year + year_offset, m, d)
        else:
            day = _day_month(d, m, mode, self.pub)
        return (e, _day(day)) if day is not None else None

    def _hijri(self, d: int, m: int, e: int, tight: bool) -> tuple[int, Res] | None:
        """"15 رمضان 1442 هـ" (tabular calendar)."""
        if d > 30:
            return None
        t = self._next(e)
        year = _year(t, hijri=True)
        if year is not None:
            return self._suffix(e + 1, _LEX.hijri_suffix), _day(hijri_to_gregorian(year, m, d), relative=False)
        if m in _LEX.hijri_need_year or not tight:
            return None
        mode = _mode(t)
        e = e + 1 if mode is not None else e
        if self.pub is None:
            return e, _unresolved(1)
        day = _hijri_day_month(d, m, mode, self.pub)
        return (e, _day(day)) if day is not None else None

    def _slashed(self, i: int) -> tuple[int, Res] | None:
        """"18/2/2021", "2021-02-18", "18-2-2021": three numbers and one separator."""
        if i + 2 >= len(self.toks):
            return None
        t0, t1, t2 = self.toks[i], self.toks[i + 1], self.toks[i + 2]
        if not all(t.norm.isascii() and t.norm.isdigit() for t in (t0, t1, t2)):
            return None
        g1, g2 = self.text[t0.end:t1.start].strip(), self.text[t1.end:t2.start].strip()
        if g1 != g2 or g1 not in ("/", "-", "\\"):
            return None
        return self._ymd(t0.norm, t1.norm, t2.norm, i + 3)

    def _dotted(self, i: int) -> tuple[int, Res] | None:
        parts = self.toks[i].norm.split(".")
        if len(parts) != 3 or not all(p.isdigit() for p in parts):
            return None
        return self._ymd(*parts, i + 1)

    def _ymd(self, p0: str, p1: str, p2: str, e: int) -> tuple[int, Res] | None:
        if len(p0) == 4:
            y, m, d = int(p0), int(p1), int(p2)
        elif len(p2) == 4:
            d, m, y = int(p0), int(p1), int(p2)
        else:
            return None
        day = _safe_date(y, m, d) if _LEX.years[0] <= y <= _LEX.years[1] else None
        return (e, _day(day, relative=False)) if day is not None else None

    def _year_alone(self, i: int) -> DateMention | None:
        """"عام 2011", "في 2018": a year, coded without a day."""
        y = _year(self.toks[i])
        p = self._prev(i)
        if y is None or not _has(p, _LEX.year_leads):
            return None
        a = i - 1 if _has(p, _LEX.year_words) else i
        return self._mention(a, self._suffix(i + 1, _LEX.gregorian_suffix), _year_res(y, False))

    def _ago(self, i: int) -> DateMention | None:
        """"منذ يومين", "قبل ثلاثة أيام", "منذ أسبوع"."""
        j = i + 1
        t = self._next(j)
        if _has(t, _LEX.ago_approx):
            j += 1
            t = self._next(j)
        if t is None:
            return None
        count = _number(t) if t.norm.isascii() else _LEX.ago_numbers.get(t.norm)
        if count is not None or t.norm in _LEX.ago_vague:
            j += 1
            t = self._next(j)
        unit = _LEX.ago_units.get(t.norm) if t is not None else None
        if unit is None:
            return None
        name, unit_count = unit
        if count is not None and unit_count is not None and unit_count != 1:
            return None  # "3 يومين"
        count = count if count is not None else unit_count
        e = j + 1
        nxt = self._next(e)
        if nxt is not None and (self._hit(e) is not None or _number(nxt) is not None):
            return None  # "منذ يوم الخميس": the weekday is the date
        if _has(nxt, _LEX.ago_block_after) and _has(self.toks[i], _LEX.ago_from_event):
            if not _has(self._next(e + 1), _LEX.ago_unblock_after):
                return None  # "قبل يومين من الهجوم"
            e += 2  # "من الآن"
        res = _ago_res(name, count, self.pub)
        return self._mention(i, e, res) if res is not None else None


def find_dates(doc: Document) -> list[DateMention]:
    """Every date expression in doc (after `arabic.analyse`), resolved against `doc.published`.

    Sets `doc.dates` (sorted by start) and returns it.
    """
    if not doc.tokens:
        doc.dates = []
        return doc.dates
    found = _Scanner(doc).run()
    found.sort(key=lambda m: m.start)
    doc.dates = found
    return found


class DateFinder:
    """The dates stage: date expressions resolved against the publication day, with ACLED's precision."""

    name = "dates"
    requires = ("text",)
    provides = ("dates",)

    def __init__(self) -> None:
        _loaded()  # a bad dates.yaml fails when the pipeline is built, not on the first article

    def __call__(self, doc: Document) -> Document:
        find_dates(doc)
        return doc


__all__ = ["DateFinder", "find_dates", "parse_published", "hijri_to_gregorian"]
