"""The number words of `resources/numbers.yaml` (and the month names of `dates.yaml`), loaded once.

Each table is normalised into the sets and matchers the readers look up on `Token.forms`:
number words by kind (how they combine), the words that open an expression, approximators,
units and the cues that turn a number into something other than a count of people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from marsad.resource_files import load_yaml, on_clear
from marsad.text import normalize
from marsad.text.clitics import ARTICLE, CONJUNCTIONS
from marsad.text.matcher import PhraseMatcher, phrase_key, word_set


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every table of numbers.yaml, normalised for lookups on token forms."""

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
    count_ceiling: int
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


def _build(data: dict[str, Any], dates: dict[str, Any]) -> Lexicon:
    terms = _terms(data)
    months = _month_words(dates)
    ordinals = {normalize(w): v for v, words in data["ordinals"].items() for w in words}
    vague = {normalize(w): v for w, v in data["vague"].items()}
    duals = {normalize(w): ("" if unit == "count" else unit) for unit, ws in data["duals"].items() for w in ws}
    units = data["units_after"]
    heads = _heads(terms, ordinals, vague, data["vague_phrases"], duals)
    return Lexicon(
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
        count_ceiling=int(data["count_ceiling"]),
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
def lexicon() -> Lexicon:
    """Loaded once per process: the YAML is never read per document."""
    return _build(load_yaml("numbers.yaml"), load_yaml("dates.yaml"))


on_clear(lexicon.cache_clear)
