"""The events stage's rules as data: `resources/events_rules.yaml`, read once into typed settings.

Every word list, window, weight, threshold and boost the steps use comes from here (the trigger and cue
lexicon itself is `events.yaml`, see `lexicon`). A value of the wrong type is a `ResourceError` naming
the file and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.resource_files import ResourceError, load_yaml, on_clear
from marsad.text import normalize
from marsad.text.matcher import word_set

SOURCE = "events_rules.yaml"


class _Reader:
    """Typed access to one section of the rules file, with errors that name the key."""

    def __init__(self, data: Any, section: str, source: str) -> None:
        self.section, self.source = section, source
        self.data = data.get(section) if isinstance(data, dict) else None
        if not isinstance(self.data, dict):
            raise ResourceError(f"{source}: section '{section}' is missing or not a mapping")

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise ResourceError(f"{self.source}: {self.section}.{key} is missing")
        return self.data[key]

    def _bad(self, key: str, what: str) -> ResourceError:
        return ResourceError(f"{self.source}: {self.section}.{key} must be {what}, not {self.data[key]!r}")

    def number(self, key: str) -> float:
        v = self._get(key)
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self._bad(key, "a number")
        return float(v)

    def count(self, key: str) -> int:
        v = self._get(key)
        if isinstance(v, bool) or not isinstance(v, int) or v < 0:
            raise self._bad(key, "a whole number of 0 or more")
        return v

    def text(self, key: str) -> str:
        v = self._get(key)
        if not isinstance(v, str) or not v:
            raise self._bad(key, "a word or characters")
        return v

    def texts(self, key: str) -> tuple[str, ...]:
        v = self._get(key)
        if not isinstance(v, list) or not all(isinstance(x, str) and x for x in v):
            raise self._bad(key, "a list of words")
        return tuple(v)

    def counts(self, key: str) -> tuple[int, ...]:
        v = self._get(key)
        if not isinstance(v, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in v):
            raise self._bad(key, "a list of whole numbers")
        return tuple(v)

    def table(self, key: str) -> dict[str, float]:
        v = self._get(key)
        if not isinstance(v, dict) or not all(isinstance(x, int | float) and not isinstance(x, bool)
                                              for x in v.values()):
            raise self._bad(key, "a mapping of names to numbers")
        return {str(k): float(x) for k, x in v.items()}

    def words(self, key: str) -> frozenset[str]:
        """A list of single words, normalised for matching a token's forms or `norm`."""
        return word_set(self.texts(key))


@dataclass(frozen=True)
class Morphology:
    article: str
    conjunctions: str
    and_: str
    future_prefix: str
    imperfect_prefixes: tuple[str, ...]
    purpose_preposition: str
    derived_noun_initials: tuple[str, ...]
    purpose_exceptions: tuple[str, ...]
    topic_article_min_length: int
    plural_noun_endings: tuple[str, ...]
    plural_verb_ending: str
    clause_break: re.Pattern[str]
    question_marks: tuple[str, ...]
    list_joins: tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    blocking_cues: tuple[str, ...]
    cue_window: int
    reference_window: int
    negation_window: int
    totals_window: int
    history_window: int
    non_conflict_window: int


@dataclass(frozen=True)
class Frames:
    violent_types: frozenset[str]
    strong_frame: float
    casualty_strength: float
    killed_word_strength: float
    protest_with_action: float
    protest_without_action: float


@dataclass(frozen=True)
class Roles:
    state_inter: int
    force_inters: tuple[int, ...]
    protester_inters: tuple[int, ...]
    civilian_inter: int
    state_sides: tuple[str, ...]
    marker_reach: int
    victim_reach: int
    agent_markers: frozenset[str]
    against_markers: frozenset[str]
    target_markers: frozenset[str]
    affiliation_markers: frozenset[str]
    joined_markers: frozenset[str]
    partitive: str
    victim_path: frozenset[str]
    between: frozenset[str]


@dataclass(frozen=True)
class Arguments:
    anchor_window: int
    history_days: int
    broad_kinds: tuple[str, ...]
    listed_kinds: tuple[str, ...]
    short_join: int


@dataclass(frozen=True)
class Deaths:
    count_after_reach: int
    count_before_reach: int
    plural_verb_reach: int
    join_reach: int
    side_reach: int
    context_reach: int
    additional_words: frozenset[str]
    cause_reach: int
    period_words: frozenset[str]
    hour_words: frozenset[str]
    since_word: str
    cumulative_days: int
    not_dead_words: frozenset[str]
    non_lethal_types: frozenset[str]
    support_level: int
    ceiling: int


@dataclass(frozen=True)
class Confidence:
    emit_threshold: float
    weights: dict[str, float]
    factors: dict[str, float]
    generic_with_weapon: float
    two_sides_boost: float
    named_force_boost: float


@dataclass(frozen=True)
class Merge:
    same_place_km: float
    boost: float
    area_rank: dict[str, float]


WEIGHTS = ("base", "place", "actor", "date", "deaths", "several", "count")
FACTORS = ("definite", "vague_generic", "topic_only", "past_year", "large_toll")


@dataclass(frozen=True)
class EventRules:
    """Everything the events stage decides by, from `events_rules.yaml`."""

    morphology: Morphology
    filters: Filters
    frames: Frames
    roles: Roles
    arguments: Arguments
    deaths: Deaths
    confidence: Confidence
    merge: Merge

    @classmethod
    def from_data(cls, data: Any, source: str = SOURCE) -> EventRules:
        m, p = _Reader(data, "morphology", source), _Reader(data, "punctuation", source)
        morphology = Morphology(
            m.text("article"), "".join(m.texts("conjunctions")), m.text("and"), m.text("future_prefix"),
            m.texts("imperfect_prefixes"), m.text("purpose_preposition"), m.texts("derived_noun_initials"),
            m.texts("purpose_exceptions"), m.count("topic_article_min_length"), m.texts("plural_noun_endings"),
            m.text("plural_verb_ending"), re.compile("[" + re.escape(p.text("clause_breaks")) + "]"),
            p.texts("question_marks"), p.texts("list_joins"))
        f = _Reader(data, "filters", source)
        filters = Filters(f.texts("blocking_cues"), f.count("cue_window"), f.count("reference_window"),
                          f.count("negation_window"), f.count("totals_window"), f.count("history_window"),
                          f.count("non_conflict_window"))
        fr = _Reader(data, "frames", source)
        frames = Frames(frozenset(fr.texts("violent_types")), fr.number("strong_frame"),
                        fr.number("casualty_strength"), fr.number("killed_word_strength"),
                        fr.number("protest_with_action"), fr.number("protest_without_action"))
        i, r = _Reader(data, "inter", source), _Reader(data, "roles", source)
        roles = Roles(i.count("state"), i.counts("forces"), i.counts("protesters"), i.count("civilians"),
                      i.texts("state_sides"), r.count("marker_reach"), r.count("victim_reach"),
                      r.words("agent_markers"), r.words("against_markers"), r.words("target_markers"),
                      r.words("affiliation_markers"), r.words("joined_markers"), normalize(r.text("partitive")),
                      r.words("victim_path"), r.words("between"))
        a = _Reader(data, "arguments", source)
        arguments = Arguments(a.count("anchor_window"), a.count("history_days"), a.texts("broad_kinds"),
                              a.texts("listed_kinds"), a.count("short_join"))
        d = _Reader(data, "deaths", source)
        deaths = Deaths(d.count("count_after_reach"), d.count("count_before_reach"), d.count("plural_verb_reach"),
                        d.count("join_reach"), d.count("side_reach"), d.count("context_reach"),
                        d.words("additional_words"), d.count("cause_reach"), d.words("period_words"),
                        d.words("hour_words"),
                        normalize(d.text("since_word")), d.count("cumulative_days"), d.words("not_dead_words"),
                        frozenset(d.texts("non_lethal_types")), d.count("support_level"), d.count("ceiling"))
        c = _Reader(data, "confidence", source)
        weights, factors = c.table("weights"), c.table("factors")
        for names, table, key in ((WEIGHTS, weights, "weights"), (FACTORS, factors, "factors")):
            missing = [n for n in names if n not in table]
            if missing:
                raise ResourceError(f"{source}: confidence.{key} lacks {', '.join(missing)}")
        confidence = Confidence(c.number("emit_threshold"), weights, factors, c.number("generic_with_weapon"),
                                c.number("two_sides_boost"), c.number("named_force_boost"))
        g = _Reader(data, "merge", source)
        merge = Merge(g.number("same_place_km"), g.number("boost"), g.table("area_rank"))
        return cls(morphology, filters, frames, roles, arguments, deaths, confidence, merge)


@lru_cache(maxsize=1)
def builtin_rules() -> EventRules:
    """The rules of the package's `events_rules.yaml` with the user's overlays."""
    return EventRules.from_data(load_yaml(SOURCE))


on_clear(builtin_rules.cache_clear)
