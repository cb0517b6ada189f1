"""Choosing the gazetteer entry a name means here: the article's country, admin units and places around it."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.geodesy import EARTH_RADIUS_KM, haversine_km
from marsad.model import Document, Place, Token
from marsad.stages.places.rules import GeocodingRules
from marsad.stages.places.words import PlaceWords
from marsad.text import normalize, strip_proclitics, tokenize
from marsad.text.clitics import strip_article
from marsad.text.matcher import has_form


@dataclass
class GeoContext:
    """What the unambiguous names of an article say: their admin1 units and their points."""

    admin_count: Counter[str] = field(default_factory=Counter)
    admin_by_sentence: dict[int, set[str]] = field(default_factory=dict)
    points: list[tuple[float, float, tuple[int, int]]] = field(default_factory=list)
    span_admin: dict[tuple[int, int], str] = field(default_factory=dict)  # the admin1 each unambiguous name gave
    _by_lat: list[tuple[float, float, frozenset[int]]] | None = None  # distinct points by latitude, their starts
    _lats: list[float] = field(default_factory=list)

    def nearest(self, lat: float, lon: float, start: int, reach_km: float) -> float | None:
        """The distance to the nearest point not named at token `start`, when one lies within `reach_km`
        (a farther one may be reported too); None when no other point lies within reach. Only the points in
        the latitude band of the reach are measured (an arc is never shorter than its change of latitude),
        each distinct point once: a long article naming the same towns again and again costs no more."""
        if self._by_lat is None:
            starts: dict[tuple[float, float], set[int]] = {}
            for plat, plon, span in self.points:
                starts.setdefault((plat, plon), set()).add(span[0])
            self._by_lat = sorted((plat, plon, frozenset(s)) for (plat, plon), s in starts.items())
            self._lats = [p[0] for p in self._by_lat]
        band = math.degrees(reach_km / EARTH_RADIUS_KM) * 1.001 + 1e-9
        lo, hi = bisect_left(self._lats, lat - band), bisect_right(self._lats, lat + band)
        near = [haversine_km(lat, lon, plat, plon) for plat, plon, named in self._by_lat[lo:hi]
                if named != {start}]
        return min(near) if near else None


class EntryChooser:
    """Scores the entries of an ambiguous name and drops names that fit the article badly."""

    def __init__(self, gazetteer: Gazetteer, rules: GeocodingRules, words: PlaceWords) -> None:
        self.gazetteer = gazetteer
        self.rules = rules
        self.words = words
        # names that are also common words, without their article (built once, not per name)
        self.common = frozenset(strip_article(n) for n in rules.needs_place_word | rules.ambiguous_names)

    def country(self, doc: Document, spans: list[list[Place]]) -> str | None:
        """The country the article is about: its unambiguous place names, country words, the title twice."""
        votes: Counter[str] = Counter()
        for places in spans:
            countries = {p.country for p in places if p.kind != "country"}
            if len(countries) == 1:
                votes[countries.pop()] += 1
        for m in self.rules.country_words.find(doc.tokens, form_index=doc.form_index or None):
            votes[m.payload] += 1
        if doc.title:
            # the title names the main subject: count it twice
            words = {f for w in tokenize(normalize(doc.title)) for f in strip_proclitics(w[2])[0]}
            for country, names in self.rules.country_names.items():
                if names & words:
                    votes[country] += 2
        return votes.most_common(1)[0][0] if votes else None

    def context(self, doc: Document, spans: list[tuple[int, int]], by_span: dict[tuple[int, int], list[str]]
                 ) -> GeoContext:
        """What the unambiguous names of the article say: their admin1 units and their points."""
        ctx = GeoContext()
        for span in spans:
            places = [self.gazetteer.places[i] for i in by_span[span]]
            admins = {p.admin1 for p in places}
            if len(admins) != 1:
                continue
            admin = admins.pop()
            sentence = doc.tokens[span[0]].sentence
            ctx.admin_count[admin] += 1
            ctx.span_admin[span] = admin
            ctx.admin_by_sentence.setdefault(sentence, set()).add(admin)
            if len(places) == 1 and places[0].kind not in self.rules.area_kinds:
                ctx.points.append((places[0].latitude, places[0].longitude, span))
        return ctx

    def choose(self, ids: list[str], country: str | None, context: GeoContext, toks: list[Token],
                start: int) -> Place:
        """The entry a name means here: country of the article, admin units and places named around it,
        the kind of place the words ask for, size."""
        if len(ids) == 1:
            return self.gazetteer.places[ids[0]]
        before = toks[start - 1] if start > 0 else None
        rules, w = self.rules, self.rules.choice
        wants_area = before is not None and has_form(before, rules.area_words)
        sentence_admins = context.admin_by_sentence.get(toks[start].sentence, set())
        reach = max((km for km, _ in rules.near_points), default=0.0)

        def score(p: Place) -> float:
            s = rules.kind_weights.get(p.kind, 1.0) + math.log10(p.population + 1) * w["population"]
            if country and p.country == country:
                s += w["same_country"]
            s += w["per_admin_name"] * min(context.admin_count.get(p.admin1, 0), w["admin_names_max"])
            if p.admin1 in sentence_admins:
                s += w["same_sentence_admin"]  # "قرية X بريف حمص"
            if wants_area and p.kind in rules.area_kinds:
                s += w["wanted_area"]
            d = context.nearest(p.latitude, p.longitude, start, reach) if context.points else None
            if d is not None:  # (a point beyond every band gives nothing, as no point at all)
                s += next((bonus for km, bonus in rules.near_points if d <= km), 0.0)
            return s

        return max((self.gazetteer.places[i] for i in ids), key=score)

    def out_of_context(self, doc: Document, place: Place, context: GeoContext, toks: list[Token],
                        span: tuple[int, int], country: str | None) -> bool:
        """A name that fits the article badly: a foreign place with no place word before it (a surname
        such as "الكفري"), or a common-word name far from every admin unit the article names."""
        if place.kind in self.rules.always_in_context_kinds:
            return False
        if country and place.country != country and not self.words.has_place_word_before(toks, span[0]):
            return True
        first = toks[span[0]]
        name = " ".join([first.forms[-1]] + [t.norm for t in toks[span[0] + 1:span[1]]])
        if strip_article(name) in self.common:
            others = context.admin_count.copy()
            others[place.admin1] -= context.span_admin.get(span) == place.admin1
            if +others and others[place.admin1] <= 0:
                return True  # "ساحة الكرامة" in an article about As-Sweida is not Al-Karama in Ar-Raqqa
        return False
