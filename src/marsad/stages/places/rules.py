"""The rules of `resources/geocoding.yaml`: place words, directions, distances, weights and windows."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from functools import lru_cache

from marsad.country_packs import country_words
from marsad.resource_files import load_yaml, on_clear
from marsad.text import normalize
from marsad.text.clitics import without_conjunction
from marsad.text.matcher import PhraseMatcher, phrase_key, word_set


@dataclass
class GeocodingRules:
    """The word lists of `resources/geocoding.yaml`, normalised."""

    directions: PhraseMatcher[float]
    distance_units: dict[str, float]
    near_words: frozenset[str]
    region_words: frozenset[str]
    container_words: frozenset[str]
    blocked: PhraseMatcher[str]
    country_words: PhraseMatcher[str]
    country_names: dict[str, frozenset[str]] = field(default_factory=dict)  # one-word country words
    ambiguous_names: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    needs_place_word: frozenset[str] = frozenset()
    landmark_words: frozenset[str] = frozenset()
    _: KW_ONLY
    kind_weights: dict[str, float]
    choice: dict[str, float]
    near_points: tuple[tuple[float, float], ...]  # (km, bonus), nearest band first
    area_kinds: frozenset[str]
    line_kinds: frozenset[str]
    always_in_context_kinds: frozenset[str]
    area_words: frozenset[str]
    builtin_sources: frozenset[str]
    minor_import_kinds: frozenset[str]
    in_proclitics: tuple[str, ...]
    place_proclitics: tuple[str, ...]
    part_kinds: frozenset[str]
    whole_kinds: frozenset[str]
    nested_window: int
    nested_km: float
    nested_in_words: frozenset[str]
    nested_name_separator: str
    max_direction_words: int
    offset_max_km: float
    offset_max_digits: int
    offset_of_words: frozenset[str]
    offset_links: frozenset[str]
    offset_leads: tuple[tuple[str, ...], ...]
    origin_window: int
    origin_links: frozenset[str]
    region_ignore_km: float
    region_bearing_tolerance: float
    region_fallback_km: float
    between_words: frozenset[str]
    and_words: frozenset[str]
    span_separators: frozenset[str]

    @classmethod
    def load(cls) -> GeocodingRules:
        data = load_yaml("geocoding.yaml")
        choice = data["choice"]
        nesting, offsets, origins = data["nesting"], data["offsets"], data["origins"]
        region, spans = data["region_parts"], data["spans"]
        by_country = country_words(data.get("countries"))  # geocoding.yaml's own, then the country packs'
        countries = PhraseMatcher[str]()
        for country, words in by_country.items():
            for w in words:
                countries.add(w, country)
        return cls(
            directions=PhraseMatcher((k, float(v)) for k, v in data["directions"].items()),
            distance_units={normalize(k): float(v) for k, v in data["distance_units"].items()},
            near_words=word_set(data["near_words"]),
            region_words=word_set(data["region_words"]),
            container_words=word_set(data["container_words"]),
            blocked=PhraseMatcher((p, p) for p in data.get("blocked_phrases") or [] if p),
            country_words=countries,
            country_names={c: word_set(ws) for c, ws in by_country.items()},
            ambiguous_names=frozenset(" ".join(phrase_key(n)) for n in data.get("ambiguous_names") or []),
            place_prepositions=word_set(data.get("place_prepositions") or []),
            needs_place_word=frozenset(" ".join(phrase_key(n)) for n in data.get("needs_place_word") or []),
            landmark_words=word_set(data.get("landmark_words") or []),
            kind_weights={str(k): float(v) for k, v in data["kind_weights"].items()},
            choice={k: float(v) for k, v in choice.items() if k != "near_points"},
            near_points=tuple(sorted((float(km), float(bonus)) for km, bonus in choice["near_points"].items())),
            area_kinds=frozenset(data["area_kinds"]),
            line_kinds=frozenset(data["line_kinds"]),
            always_in_context_kinds=frozenset(data["always_in_context_kinds"]),
            area_words=word_set(data["area_words"]),
            builtin_sources=frozenset(data["builtin_sources"]),
            minor_import_kinds=frozenset(data["minor_import_kinds"]),
            in_proclitics=tuple(normalize(c) for c in data["in_proclitics"]),
            place_proclitics=tuple(normalize(c) for c in data["place_proclitics"]),
            part_kinds=frozenset(nesting["part_kinds"]),
            whole_kinds=frozenset(nesting["whole_kinds"]),
            nested_window=int(nesting["window"]),
            nested_km=float(nesting["km"]),
            nested_in_words=word_set(nesting["in_words"]),
            nested_name_separator=str(nesting["name_separator"]),
            max_direction_words=int(offsets["max_direction_words"]),
            offset_max_km=float(offsets["max_km"]),
            offset_max_digits=len(str(int(float(offsets["max_km"])))),
            offset_of_words=word_set(offsets["of_words"]),
            offset_links=word_set(offsets["links"]),
            offset_leads=tuple(phrase_key(p) for p in offsets["leads"]),
            origin_window=int(origins["window"]),
            origin_links=word_set(origins["links"]),
            region_ignore_km=float(region["ignore_within_km"]),
            region_bearing_tolerance=float(region["bearing_tolerance"]),
            region_fallback_km=float(region["fallback_km"]),
            between_words=word_set(spans["between_words"]),
            and_words=word_set(spans["and_words"]),
            span_separators=frozenset(spans["separators"]),
        )

    def in_clitic(self, clitic: str) -> bool:
        """The proclitics hold a preposition meaning "in" ("بمدينة", "وبحلب")."""
        return without_conjunction(clitic).startswith(self.in_proclitics)


@lru_cache(maxsize=1)
def geocoding_rules() -> GeocodingRules:
    return GeocodingRules.load()


on_clear(geocoding_rules.cache_clear)
