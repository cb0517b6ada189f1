"""Whether the words just before a name let it be a place: place words, prepositions of place."""

from __future__ import annotations

from marsad.geo.gazetteer import Gazetteer
from marsad.model import Token
from marsad.stages.places.rules import GeocodingRules
from marsad.text.clitics import without_conjunction
from marsad.text.matcher import has_form


class PlaceWords:
    """Tells a place name from the same word used otherwise ("الباب" the door, "الشيخ" the sheikh)."""

    def __init__(self, gazetteer: Gazetteer, rules: GeocodingRules) -> None:
        self.gazetteer = gazetteer
        self.rules = rules

    def needs_context(self, toks: list[Token], ts: int, te: int, clitic: str) -> bool:
        """True for a name that is also a common word (حجة، الباب) standing without a place word before it."""
        first = toks[ts]
        form = first.forms[first.clitics.index(clitic)] if clitic in first.clitics else first.norm
        name = " ".join([form] + [t.norm for t in toks[ts + 1:te]])
        if name in self.rules.needs_place_word:
            prev = toks[ts - 1] if ts > 0 else None
            return prev is None or not has_form(prev, self.rules.container_words)
        if name not in self.rules.ambiguous_names:
            return False
        if without_conjunction(clitic).startswith(self.rules.place_proclitics):
            return False  # "بالباب", "لحجة": a preposition of place is attached
        return not self.has_place_word_before(toks, ts)

    def has_place_word_before(self, toks: list[Token], ts: int) -> bool:
        """A preposition of place, a place word (مدينة، قرية) or a near word stands just before token ts."""
        prev = toks[ts - 1] if ts > 0 else None
        if prev is None or prev.sentence != toks[ts].sentence:
            return False
        words = self.rules.place_prepositions | self.rules.container_words | self.rules.near_words
        return any(f in words for f in prev.forms) or toks[ts].clitics[-1:] != ("",) and any(
            self.rules.in_clitic(c) for c in toks[ts].clitics)

    def only_minor_imports(self, ids: list[str]) -> bool:
        """All candidates are small imported places (villages, sites), not built-in ones."""
        rules = self.rules
        return all(self.gazetteer.places[i].source not in rules.builtin_sources
                   and self.gazetteer.places[i].kind in rules.minor_import_kinds
                   for i in ids)
