"""Numbers in Arabic news: digits, number words, approximations, ranges, vague amounts.

Every number is read once, together with what it measures: a count of people or
things (`unit` None) or something that must never be read as people -- "km",
"money", "percent", "measure", "year" (also full dates), "date" (day and month),
"time" (clock), "duration", "road" (M4), "unit_number" (الفرقة 25، القرار 2254)
and "ordinal". Values follow ACLED: the low end of a range, N for "more than N",
a fixed value for vague amounts (عشرات = 10, مئات = 100).

The words live in resources/numbers.yaml; this module is only the reading logic:
one pass over `doc.tokens` with dictionary lookups on `Token.forms`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from marsad.model import Document, Quantity, Token
from marsad.resource_files import load_yaml, on_clear
from marsad.text import analyse, normalize
from marsad.text.chars import DECIMAL_SEPARATORS, INVISIBLE, MARKS, THOUSANDS_SEPARATORS
from marsad.text.clitics import (
    AND_CLITICS,
    ARTICLE,
    CONJUNCTIONS,
    DIGIT_PROCLITICS,
    has_article,
    letters_before_article,
)
from marsad.text.matcher import Match, PhraseMatcher, has_form, phrase_key, word_set

T = TypeVar("T")

_SEPARATORS = {c: "," for c in THOUSANDS_SEPARATORS} | {c: "." for c in DECIMAL_SEPARATORS}
_NUMERAL_CHARS = "0-9" + re.escape(THOUSANDS_SEPARATORS + DECIMAL_SEPARATORS)
_DIGITS = re.compile(f"([^0-9]*)([0-9][{_NUMERAL_CHARS}]*)")
_NUMERAL = re.compile(f"[0-9][{_NUMERAL_CHARS}]*")
# Marks after a word's last letter (harakat, tatweel): outside the token, inside the quantity's span.
_MARKS = MARKS
# What may stand between two words of one expression: spaces, marks, direction marks.
_BLANK = " \t\r\n\u00a0" + "".join(sorted(INVISIBLE | MARKS))
_DIGIT_CHARS = frozenset("0123456789")
_DECIMAL_TO_POINT = str.maketrans(dict.fromkeys(DECIMAL_SEPARATORS, "."))


# --- lexicon -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Lexicon:
    terms: dict[str, tuple[str, float]]  # number word -> (kind, value)
    heads: dict[str, str]  # word that can open an expression -> reader
    openers: frozenset[str]  # heads, plus و/ف + a two-letter head ("وست")
    ordinals: dict[str, int]
    vague: dict[str, int]
    multipliers: dict[str, int]
    duals: dict[str, str]  # "" = a count
    cues: dict[str, str]
    unit_words: dict[str, str]
    symbols: dict[str, str]
    weekday: frozenset[str]
    one_of: frozenset[str]
    negations: frozenset[str]
    adjectival: frozenset[str]
    idiom_heads: frozenset[str]
    range_links: frozenset[str]
    months: frozenset[str]
    month_second: frozenset[str]
    hijri_years: range  # after a month name or before a Hijri suffix (1442 هـ): a year
    hijri_suffix: frozenset[str]
    count_nouns: frozenset[str]
    and_words: frozenset[str]
    of_words: frozenset[str]
    bad_clitic_letters: str
    latin_cues: dict[str, str]
    latin_cue_default: str
    dashes: frozenset[str]
    years: range
    max_digits: int
    dash_range_max_ratio: float
    ordinal_article_min: int
    vague_small_below: int
    window: dict[str, int]
    approx: PhraseMatcher[str]
    approx_after: PhraseMatcher[str]
    units: PhraseMatcher[str]
    vague_phrases: PhraseMatcher[int]
    # cheap set tests run before a PhraseMatcher is asked
    approx_last: frozenset[str]
    approx_after_first: frozenset[str]
    unit_first: frozenset[str]


def _by_value(table: dict[Any, list[str]], kind: str, out: dict[str, tuple[str, float]]) -> None:
    for value, words in table.items():
        for word in words:
            out[normalize(word)] = (kind, value)


def _terms(data: dict[str, Any]) -> dict[str, tuple[str, float]]:
    """Number words with their kind, which says how they combine."""
    terms: dict[str, tuple[str, float]] = {}
    _by_value(data["units"], "unit", terms)
    _by_value({10: data["ten"]}, "ten", terms)
    _by_value({2: data["teen_heads"]}, "teenhead", terms)
    _by_value(data["tens"], "tens", terms)
    _by_value(data["hundreds"], "hundred", terms)
    _by_value(data["fractions"], "fraction", terms)
    for scale, forms in data["scales"].items():
        _by_value({scale: forms["one"]}, "scale1", terms)
        _by_value({scale: forms["two"]}, "scale2", terms)
        _by_value({scale: forms["many"]}, "scalen", terms)
    return terms


def _flat(table: dict[str, list[str]]) -> dict[str, str]:
    """{label: [words]} -> {normalised word: label}."""
    return {normalize(w): label for label, words in table.items() for w in words}


def _phrases(table: dict[str, list[str]]) -> PhraseMatcher[str]:
    return PhraseMatcher((w, label) for label, words in table.items() for w in words)


def _words_at(table: dict[str, list[str]], at: int) -> frozenset[str]:
    """First (0) or last (-1) word of every phrase, with and without the article."""
    words = {phrase_key(p)[at] for ps in table.values() for p in ps}
    return frozenset(words | {ARTICLE + w for w in words})


def _heads(terms: dict[str, tuple[str, float]], ordinals: dict[str, int], vague: dict[str, int],
           vague_phrases: dict[str, int], duals: dict[str, str]) -> dict[str, str]:
    """Which reader a word hands over to when it opens an expression."""
    heads = {w: ("vague" if kind == "scalen" else "count") for w, (kind, _) in terms.items()}
    heads.update(dict.fromkeys(ordinals, "ordinal"))
    heads.update(dict.fromkeys(vague, "vague"))
    heads.update({normalize(p).split()[0]: "vague" for p in vague_phrases})
    heads.update(dict.fromkeys(duals, "dual"))
    return heads


def _month_words(dates: dict[str, Any]) -> tuple[frozenset[str], frozenset[str]]:
    """First and second words of every month name of `dates.yaml` (Gregorian in every spelling, Hijri):
    after a day number they make a date ("18 شباط", "18 جانفي", "15 رمضان", "3 كانون الثاني")."""
    keys = [phrase_key(str(name)) for table in ("months", "hijri_months") for name in dates[table]]
    return frozenset(k[0] for k in keys if k), frozenset(k[1] for k in keys if len(k) > 1)


def _year_range(spec: dict[str, Any]) -> range:
    """{from: 1900, to: 2100} -> the years, both ends included."""
    return range(int(spec["from"]), int(spec["to"]) + 1)


def _build(data: dict[str, Any], dates: dict[str, Any]) -> _Lexicon:
    terms = _terms(data)
    months = _month_words(dates)
    ordinals = {normalize(w): v for v, words in data["ordinals"].items() for w in words}
    vague = {normalize(w): v for w, v in data["vague"].items()}
    duals = {normalize(w): ("" if unit == "count" else unit) for unit, ws in data["duals"].items() for w in ws}
    units = data["units_after"]
    heads = _heads(terms, ordinals, vague, data["vague_phrases"], duals)
    return _Lexicon(
        terms=terms,
        heads=heads,
        openers=frozenset(heads) | {c + w for w in heads if len(w) == 2 for c in CONJUNCTIONS},
        ordinals=ordinals,
        vague=vague,
        multipliers={normalize(w): v for w, v in data["vague_multipliers"].items()},
        duals=duals,
        cues=_flat(data["cues_before"]),
        unit_words={w: u for w, u in _flat(units).items() if " " not in w},
        symbols={s: unit for unit, syms in data["symbols"].items() for s in syms},
        weekday=word_set(data["weekday_numbers"]),
        one_of=word_set(data["one_of"]),
        negations=word_set(data["negations"]),
        adjectival=word_set(data["adjectival"]),
        idiom_heads=word_set(data["idiom_heads"]),
        range_links=word_set(data["range_links"]),
        months=months[0] | word_set(data["month_reference_words"]),
        month_second=months[1],
        hijri_years=_year_range(dates["hijri_year_range"]),
        hijri_suffix=word_set(dates["hijri_suffix"]),
        count_nouns=word_set(data["count_nouns"]),
        and_words=word_set(data["and_words"]),
        of_words=word_set(data["of_words"]),
        bad_clitic_letters="".join(normalize(c) for c in data["false_number_clitic_letters"]),
        latin_cues={str(k).lower(): str(v) for k, v in data["latin_cues"].items()},
        latin_cue_default=str(data["latin_cue_default"]),
        dashes=frozenset(data["range_dashes"]),
        years=_year_range(data["year_range"]),
        max_digits=int(data["max_digits"]),
        dash_range_max_ratio=float(data["dash_range_max_ratio"]),
        ordinal_article_min=int(data["ordinal_article_min"]),
        vague_small_below=int(data["vague_small_below"]),
        window={str(k): int(v) for k, v in data["windows"].items()},
        approx=_phrases(data["approximators"]),
        approx_after=_phrases(data["approximators_after"]),
        units=_phrases(units),
        vague_phrases=PhraseMatcher(data["vague_phrases"].items()),
        approx_last=_words_at(data["approximators"], -1),
        approx_after_first=_words_at(data["approximators_after"], 0),
        unit_first=_words_at(units, 0),
    )


@cache
def _lexicon() -> _Lexicon:
    """Loaded once per process: the YAML is never read per document."""
    return _build(load_yaml("numbers.yaml"), load_yaml("dates.yaml"))


on_clear(_lexicon.cache_clear)


# --- small values ----------------------------------------------------------------


@dataclass(slots=True)
class _Term:
    """One number word or digit string."""

    kind: str  # unit ten teenhead tens hundred fraction scale1 scale2 scalen digits
    value: float
    end: int  # token after the term
    clitic: str
    form: str
    plain: bool = False  # digits without separators: may be a year or a date part


@dataclass(slots=True)
class _Num:
    """A whole number expression: 'ثلاثة وعشرين', '700 ألف', 'مليون ونصف'."""

    value: float
    start: int
    end: int
    scale: int  # scale of the first part (1 if none): 'بين 5 و7 آلاف' needs it
    first: _Term

    @property
    def single_plain(self) -> bool:
        """Plain digits and nothing else: may be a year (2011)."""
        return self.first.plain and self.first.end == self.end


@dataclass(slots=True)
class _Draft:
    """A quantity being read, widened step by step (prefix, range, unit)."""

    first: int
    last: int  # exclusive
    value: float
    clitic: str = ""  # proclitics of the first token, left out of the span
    low: float = -1
    high: float = -1
    approximate: bool = False
    vague: bool = False
    unit: str | None = None
    meaning: str = ""  # approximator in front
    definite: bool = False
    end: int = -1  # char end when a symbol (%, $) follows the last token
    start: int = -1  # char start when a symbol precedes the first token
    range_prefix: Match[str] | None = None

    def __post_init__(self) -> None:
        self.low = self.value if self.low < 0 else self.low
        self.high = self.value if self.high < 0 else self.high


def _digit_value(raw: str, decimal: bool, max_digits: int) -> float | None:
    """'1,500' -> 1500, '1.500' -> 1500, but '1.5' (or '1.500' before مليون) -> 1.5."""
    if len(raw) > max_digits and sum(c.isdigit() for c in raw) > max_digits:
        return None
    if "," in raw and "." in raw:
        return float(raw.replace(",", ""))
    sep = "," if "," in raw else "." if "." in raw else ""
    if not sep:
        return int(raw)
    parts = raw.split(sep)
    if any(not p for p in parts):
        return None
    grouped = all(len(p) == 3 for p in parts[1:])
    if len(parts) == 2 and (decimal or not grouped):
        return float(".".join(parts))
    return int("".join(parts)) if grouped else None


def _as_int(value: float) -> int:
    if type(value) is int:
        return value
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-6 else int(value)


def _longest(matches: Iterable[Match[T]]) -> Match[T] | None:
    return max(matches, key=lambda m: m.token_end - m.token_start, default=None)


def _hit_with_clitic(token: Token, table: dict[str, Any]) -> tuple[Any, str]:
    """The entry of the first form found in table and its proclitics; (None, "") if none is."""
    return next(((table[f], c) for f, c in zip(token.forms, token.clitics, strict=True) if f in table), (None, ""))


def _hit(token: Token, table: dict[str, Any]) -> Any:
    for form in token.forms:
        found = table.get(form)
        if found is not None:
            return found
    return None


# --- the reader ------------------------------------------------------------------


class _Reader:
    """Reads the quantities of one document; each method reads one kind of thing."""

    def __init__(self, doc: Document, lex: _Lexicon) -> None:
        self.doc = doc
        self.text = doc.text
        self.toks = doc.tokens
        self.n = len(doc.tokens)
        self.lex = lex

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
        return [i for i, t in enumerate(self.toks) if t.norm[-1] in _DIGIT_CHARS or not disjoint(t.forms)]

    def read_at(self, i: int, floor: int) -> Quantity | None:
        tok = self.toks[i]
        if tok.norm[-1].isdigit():
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
        found = _hit(tok, self.lex.heads)
        if found is None and len(tok.norm) == 3 and tok.norm[0] in CONJUNCTIONS:
            found = self.lex.heads.get(tok.norm[1:])  # "وست": the text layer keeps 3-letter words whole
        return found

    def clitic_ok(self, clitic: str) -> bool:
        """ك and the future س make false numbers: كميات is not ك + ميات (مئات)."""
        return not any(c in clitic for c in self.lex.bad_clitic_letters)

    def link_ok(self, clitic: str, link: str) -> bool:
        """link: 'any' (first word), 'none' (a word glued to the previous one), 'and' (after و)."""
        if link == "any":
            return self.clitic_ok(clitic)
        return clitic == "" if link == "none" else clitic in AND_CLITICS

    # --- token helpers

    def adjacent(self, a: int, b: int, dash: bool = False) -> bool:
        """Tokens a and b in one sentence with only spaces (or a dash) between them."""
        if a < 0 or b >= self.n:
            return False
        ta, tb = self.toks[a], self.toks[b]
        gap = self.text[ta.end:tb.start].strip(_BLANK)
        return ta.sentence == tb.sentence and (not gap or (dash and gap in self.lex.dashes))

    def gap(self, a: int, b: int) -> str:
        return self.text[self.toks[a].end:self.toks[b].start]

    def cut(self, tok: Token, clitic: str) -> int:
        """Char start of a word without its conjunction/preposition (the article stays)."""
        size = letters_before_article(clitic)  # a written لل (ل + ال) goes whole
        if size <= 0:
            return tok.start
        offsets = self.doc.norm_to_orig
        at = bisect_left(offsets, tok.start) + size
        return offsets[at] if at < len(offsets) else tok.start

    # --- terms and numbers

    def term(self, j: int, link: str) -> _Term | None:
        if j >= self.n:
            return None
        tok = self.toks[j]
        if tok.norm[-1].isdigit():
            return self.digit_term(j, link)
        terms = self.lex.terms
        for form, clitic in zip(tok.forms, tok.clitics, strict=True):
            found = terms.get(form)
            if found is not None and self.link_ok(clitic, link):
                return _Term(found[0], found[1], j + 1, clitic, form)
        norm = tok.norm
        if len(norm) == 3 and norm[0] in CONJUNCTIONS and norm[1:] in terms and self.link_ok(norm[0], link):
            kind, value = terms[norm[1:]]
            return _Term(kind, value, j + 1, norm[0], norm[1:])
        return None

    def digit_term(self, j: int, link: str) -> _Term | None:
        m = _DIGITS.fullmatch(self.toks[j].norm)
        if m is None or m.group(1) not in DIGIT_PROCLITICS or not self.link_ok(m.group(1), link):
            return None
        raw, end = m.group(2), j + 1
        while end < self.n and self.gap(end - 1, end) in _SEPARATORS and _NUMERAL.fullmatch(self.toks[end].norm):
            raw += _SEPARATORS[self.gap(end - 1, end)] + self.toks[end].norm  # "1٬500", "و1.5"
            end += 1
        raw = raw.translate(_DECIMAL_TO_POINT)
        value = _digit_value(raw, self.scale_at(end), self.lex.max_digits)
        if value is None:
            return None
        return _Term("digits", value, end, m.group(1), raw, raw.isdigit())

    def scale_at(self, k: int) -> bool:
        if k >= self.n or not self.adjacent(k - 1, k):
            return False
        return self.lex.terms.get(self.toks[k].norm, ("", 0))[0] in ("scale1", "scalen")

    def next_term(self, k: int) -> _Term | None:
        """The term glued to the previous word (خمسة عشر، ثلاث مئة، 700 ألف)."""
        return self.term(k, "none") if self.adjacent(k - 1, k) else None

    def and_position(self, k: int) -> tuple[int, str] | None:
        if not self.adjacent(k - 1, k):
            return None
        if self.toks[k].norm in self.lex.and_words:
            return (k + 1, "none") if self.adjacent(k, k + 1) else None
        return k, "and"

    def and_term(self, k: int) -> _Term | None:
        """The term after "و" (ثلاثة وعشرين، مئة وخمسين)."""
        pos = self.and_position(k)
        return self.term(*pos) if pos else None

    def segment(self, t: _Term) -> tuple[float, int] | None:
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

    def part(self, t: _Term) -> tuple[float, int, int] | None:
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

    def read_number(self, i: int, link: str, first: _Term | None = None) -> _Num | None:
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
        return _Num(total, i, k, top, first)

    def plausible(self, num: _Num) -> bool:
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
            if not self.adjacent(i, i + 1) or self.toks[i + 1].norm[-1].isdigit():
                return False
        if t.form in lex.adjectival and self.adjacent(i - 1, i):
            return not has_form(self.toks[i - 1], lex.idiom_heads)
        return True

    # --- readers

    def read_count(self, i: int, floor: int, first: _Term | None = None) -> Quantity | None:
        num = self.read_number(i, "any", first)
        if num is None or not self.plausible(num):
            return None
        d = self.draft(num)
        self.prefix(d, floor)
        self.widen_to_range(d, num)
        if num.first.form not in self.lex.one_of:  # أحد أشهر = "one of the most famous", not months
            self.unit_after(d)
        if d.unit is None:
            self.unit_before(d, num)
        if d.unit is None:
            self.by_shape(d, num)
        self.approx_after(d)
        return self.build(d)

    def draft(self, num: _Num) -> _Draft:
        d = _Draft(num.start, num.end, num.value, clitic=num.first.clitic, definite=has_article(num.first.clitic))
        i = num.start
        if i > 0 and self.toks[i - 1].norm == ARTICLE and self.adjacent(i - 1, i):  # "الـ 50"
            d.first, d.clitic, d.definite = i - 1, "", True
        return d

    def read_digits(self, i: int, floor: int) -> Quantity | None:
        m = _DIGITS.fullmatch(self.toks[i].norm)
        if m is None:
            return None
        prefix = m.group(1)
        if prefix.isascii() and prefix.isalpha():  # M4, F16
            if not m.group(2).isdigit():
                return None
            unit = self.lex.latin_cues.get(prefix, self.lex.latin_cue_default)
            return self.build(_Draft(i, i + 1, int(m.group(2)), unit=unit))
        t = self.digit_term(i, "any")
        if t is None:
            return None
        return self.read_date(i, t) or self.read_count(i, floor, t)

    def read_date(self, i: int, t: _Term) -> Quantity | None:
        """Dates and clock times are not counts: 18/2/2021، 18.2.2021، 18 شباط 2021، 10:30."""
        if t.form.count(".") == 2:
            return self.date_parts(i, t.end, t.form.split("."), t.clitic)
        if not t.plain:
            return None
        parts, k, sep = [t.form], t.end, ""
        while len(parts) < 3 and k < self.n and self.toks[k].norm.isdigit():
            gap = self.gap(k - 1, k)
            if gap not in ("/", "-", ":") or (sep and gap != sep) or self.toks[k].sentence != self.toks[i].sentence:
                break
            sep = gap
            parts.append(self.toks[k].norm)
            k += 1
        if sep == ":" and len(parts) == 2 and int(parts[0]) <= 24 and int(parts[1]) < 60:
            return self.build(_Draft(i, k, int(parts[0]), clitic=t.clitic, unit="time"))
        if len(parts) == 3 or (sep == "/" and len(parts) == 2):
            return self.date_parts(i, k, parts, t.clitic)
        return self.month_date(i, t)

    def date_parts(self, i: int, k: int, parts: list[str], clitic: str) -> Quantity | None:
        if not all(p.isdigit() for p in parts):
            return None
        years = [int(p) for p in parts if len(p) == 4 and int(p) in self.lex.years]
        small = [int(p) for p in parts if len(p) <= 2]
        if years and len(years) == 1 and all(1 <= v <= 31 for v in small):
            return self.build(_Draft(i, k, years[0], clitic=clitic, unit="year"))
        if not years and len(small) == len(parts) and 1 <= small[0] <= 31 and 1 <= small[1] <= 12:
            return self.build(_Draft(i, k, small[0], clitic=clitic, unit="date"))
        return None

    def month_date(self, i: int, t: _Term) -> Quantity | None:
        """'18 شباط 2021', 'في 18 من الشهر الجاري'."""
        k = self.month_after(t.end) if 1 <= t.value <= 31 else None
        if k is None:
            return None
        d = _Draft(i, k, t.value, clitic=t.clitic, unit="date")
        if self.adjacent(k - 1, k) and self.toks[k].norm.isdigit() and self.year_after_month(int(self.toks[k].norm)):
            d.last, d.value, d.unit = k + 1, int(self.toks[k].norm), "year"
            d.low = d.high = d.value
        return self.build(d)

    def year_after_month(self, value: int) -> bool:
        return value in self.lex.years or value in self.lex.hijri_years

    def hijri_year(self, num: _Num, end: int) -> bool:
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

    def read_vague(self, i: int, floor: int) -> Quantity | None:
        """عشرات، العشرات، مئات الآلاف، بضعة آلاف، عدد من: ACLED's fixed values, flagged vague."""
        head = self.vague_head(i)
        if head is None:
            return None
        value, k, clitic = head
        ten = self.next_term(k)
        if value < self.lex.vague_small_below and ten is not None and ten.kind == "ten":  # بضعة عشر
            value, k = value + 10, ten.end
        while self.adjacent(k - 1, k):
            mult = _hit(self.toks[k], self.lex.multipliers)
            if mult is None:
                break
            value, k = value * mult, k + 1
        d = _Draft(i, k, value, clitic=clitic, vague=True)
        self.prefix(d, floor)
        self.unit_after(d)
        return self.build(d)

    def vague_head(self, i: int) -> tuple[int, int, str] | None:
        found = self.lex.vague_phrases.find_all(self.toks, i, min(self.n, i + self.lex.window["vague_phrase"]))
        best = _longest(m for m in found
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
        unit, clitic = _hit_with_clitic(self.toks[i], self.lex.duals)
        if unit is None or not self.clitic_ok(clitic):
            return None
        d = _Draft(i, i + 1, 2, clitic=clitic, unit=unit or None)
        two = self.next_term(i + 1)
        if two is not None and two.kind == "unit" and two.value == 2:  # شخصين اثنين
            d.last = two.end
        return self.build(d)

    def read_ordinal(self, i: int) -> Quantity | None:
        """الثاني، الحادي عشر، الحادي والعشرين; after الساعة a clock time, after الفرقة a unit."""
        value, clitic = _hit_with_clitic(self.toks[i], self.lex.ordinals)
        if value is None or not self.clitic_ok(clitic):
            return None
        k = i + 1
        ten = self.next_term(k)
        tens = None if ten else self.and_term(k)
        if ten is not None and ten.kind == "ten":
            value, k = value + 10, ten.end
        elif tens is not None and tens.kind == "tens":
            value, k = value + int(tens.value), tens.end
        d = _Draft(i, k, value, clitic=clitic, unit="ordinal")
        cue = self.cue_before(i)
        if cue in ("time", "unit_number"):
            d.unit = cue
        return self.build(d)

    # --- widening and classifying

    def prefix(self, d: _Draft, floor: int) -> None:
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

    def widen_to_range(self, d: _Draft, num: _Num) -> None:
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

    def range_end(self, d: _Draft, num: _Num) -> _Num | None:
        k = d.last
        if k >= self.n:
            return None
        if d.range_prefix is not None and d.range_prefix.payload == "between":
            pos = self.and_position(k)
            end = self.read_number(*pos) if pos else None
            if end is not None:
                return end
        if not self.adjacent(k - 1, k, dash=True):
            return None
        if self.toks[k].norm in self.lex.range_links and self.adjacent(k - 1, k):
            return self.read_number(k + 1, "none") if self.adjacent(k, k + 1) else None
        if num.first.kind == "digits" and self.gap(k - 1, k).strip() in self.lex.dashes:
            end = self.read_number(k, "none")  # not a model name: بوينغ 8-747، ميراج 5-2000
            return end if end is not None and end.value <= self.lex.dash_range_max_ratio * d.value else None
        return None

    def unit_after(self, d: _Draft) -> None:
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
        return _longest(m for m in found if m.token_start == k and (not m.clitic or (article and m.clitic == ARTICLE)))

    def cue_before(self, i: int) -> str | None:
        """A word just before the number saying what it is: عام، الساعة، الفرع، رقم، M، F."""
        j = i - 1
        if not self.adjacent(j, i, dash=True):
            return None
        tok = self.toks[j]
        cue = _hit(tok, self.lex.cues)
        if cue is None and tok.norm.isascii() and tok.norm.isalpha():
            cue = self.lex.latin_cues.get(tok.norm, self.lex.latin_cue_default)
        return cue

    def unit_before(self, d: _Draft, num: _Num) -> None:
        j = d.first - 1
        t = num.first
        cue = self.cue_before(d.first)
        if cue != "time" and t.form in self.lex.adjectival and num.end == t.end and self.adjacent(j, d.first):
            unit = _hit(self.toks[j], self.lex.unit_words)
            if unit is not None:  # يوم واحد، ساعة واحدة (but الساعة الواحدة is a clock time)
                d.unit, d.first, d.clitic = unit, j, ""
                return
        d.unit = cue

    def by_shape(self, d: _Draft, num: _Num) -> None:
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

    def approx_after(self, d: _Draft) -> None:
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

    def build(self, d: _Draft) -> Quantity:
        start = d.start if d.start >= 0 else self.cut(self.toks[d.first], d.clitic)
        end = max(d.end, self.toks[d.last - 1].end)
        while end < len(self.text) and self.text[end] in _MARKS:
            end += 1
        value = _as_int(d.value)
        return Quantity(start, end, self.text[start:end], value, _as_int(d.low), _as_int(d.high),
                        d.approximate, d.vague, d.unit, d.first, d.last)


# --- public API -------------------------------------------------------------------


def find_quantities(doc: Document) -> list[Quantity]:
    """Reads every number in doc (after arabic.analyse) and sets doc.quantities (sorted by start); returns it."""
    doc.quantities = _Reader(doc, _lexicon()).read_all()
    return doc.quantities


class QuantityFinder:
    """The quantities stage: every number of people or things, with what it counts."""

    name = "quantities"
    requires = ("text",)
    provides = ("quantities",)

    def __call__(self, doc: Document) -> Document:
        find_quantities(doc)
        return doc


def parse_number(text: str) -> int | None:
    """Convenience: the value of a standalone Arabic number expression ('ثلاثة وعشرين' -> 23, '1,500' -> 1500),
    None if not a number."""
    doc = analyse(Document("parse_number", text))
    found = find_quantities(doc)
    if len(found) == 1 and found[0].token_start == 0 and found[0].token_end == len(doc.tokens):
        return found[0].value
    return None


__all__ = ["QuantityFinder", "find_quantities", "parse_number"]
