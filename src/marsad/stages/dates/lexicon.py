"""The words and rules of `resources/dates.yaml`, normalised into sets and one phrase matcher (loaded once)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.country_packs import outlet_words as pack_outlet_words
from marsad.resource_files import load_yaml, on_clear
from marsad.stages.dates.phrases import Phrases
from marsad.text import normalize
from marsad.text.chars import INVISIBLE, TATWEEL
from marsad.text.matcher import phrase_key, word_set

BLANKS = " \t\xa0" + TATWEEL + "".join(sorted(INVISIBLE))


@dataclass(frozen=True, slots=True)
class Rel:
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
class Part:
    """A part of a month or week (مطلع / منتصف / أواخر)."""

    month_days: tuple[int, int]
    week_days: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every table of dates.yaml, normalised for lookups on token forms."""

    phrases: Phrases
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
    parts: dict[str, Part]
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
    ago_max_days_back: int
    light_gap: str  # what may stand between two words of one expression, commas aside
    max_gap: int
    years: tuple[int, int]
    hijri_years: tuple[int, int]
    publication_years: tuple[int, int]
    max_number_digits: int


def _words(raw: dict[str, Any], key: str) -> frozenset[str]:
    return word_set(raw.get(key) or [])


def _build(raw: dict[str, Any]) -> Lexicon:
    """Normalise the YAML data into sets and one phrase matcher."""
    matcher = Phrases()
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
        part = Part(tuple(spec["month_days"]), tuple(spec["week_days"]))  # type: ignore[arg-type]
        for word in word_set(spec["words"]):
            parts[word] = part
    ago = raw["ago"]
    mods = raw["modifiers"]
    span_leads = tuple(phrase_key(p) for p in raw.get("span_leads") or [])
    return Lexicon(
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
        outlet_words=_words(raw, "outlet_words") | word_set(pack_outlet_words()),
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
        ago_max_days_back=int(ago["max_days_back"]),
        light_gap=BLANKS + str(raw["light_punctuation"]),
        max_gap=int(raw["max_gap"]),
        years=(int(raw["year_range"]["from"]), int(raw["year_range"]["to"])),
        hijri_years=(int(raw["hijri_year_range"]["from"]), int(raw["hijri_year_range"]["to"])),
        publication_years=(int(raw["publication_year_range"]["from"]), int(raw["publication_year_range"]["to"])),
        max_number_digits=int(raw["max_number_digits"]),
    )


def _relative_entry(entry: dict[str, Any]) -> Rel:
    days = tuple(entry["days"]) if "days" in entry else None
    default = 1 if days is not None and days[0] == days[1] else (3 if "month" in entry or "year" in entry else 2)
    return Rel(
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
def lexicon() -> Lexicon:
    return _build(load_yaml("dates.yaml"))


on_clear(lexicon.cache_clear)
