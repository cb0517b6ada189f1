"""Places stage: find place names, choose the right gazetteer entry, compute the point.

The gazetteer hides behind one object (`Gazetteer`), built from the TSV files
under `resources/gazetteer/`. The stage reads the words around a name to decide
ACLED's `geo_precision`: 1 the place itself, 2 near it or part of it ("قرب",
"30 كم شمال شرق", "بين X و Y"), 3 only the region ("ريف حمص الشرقي", "بادية").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import KW_ONLY, dataclass, field
from functools import lru_cache

from marsad.geo.gazetteer import Gazetteer, load_gazetteer
from marsad.geo.geodesy import bearing, compass_word, destination, haversine_km
from marsad.model import Document, Location, Place, PlaceMention, Token
from marsad.resource_files import load_yaml, on_clear
from marsad.text import normalize, strip_proclitics, tokenize
from marsad.text.clitics import AND, strip_article, without_conjunction
from marsad.text.matcher import PhraseMatcher, has_form, phrase_key, word_set


@dataclass
class GeoContext:
    admin_count: Counter[str] = field(default_factory=Counter)
    admin_by_sentence: dict[int, set[str]] = field(default_factory=dict)
    points: list[tuple[float, float, tuple[int, int]]] = field(default_factory=list)
    span_admin: dict[tuple[int, int], str] = field(default_factory=dict)  # the admin1 each unambiguous name gave


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
        countries = PhraseMatcher[str]()
        for country, words in (data.get("countries") or {}).items():
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
            country_names={c: word_set(ws) for c, ws in (data.get("countries") or {}).items()},
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


class PlaceFinder:
    """The place-names stage: every place the text names, resolved to a gazetteer entry, and the country
    the article is mostly about by those names (`doc.place_names`, `doc.place_names_country`)."""

    name = "place_names"
    requires = ("text", "quantities")
    provides = ("place_names",)

    def __init__(self, gazetteer: Gazetteer | None = None, rules: GeocodingRules | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.rules = rules or geocoding_rules()

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        blocked: set[int] = set()
        for m in self.rules.blocked.find(toks, form_index=doc.form_index or None):
            blocked.update(range(m.token_start, m.token_end))
        matches = [m for m in self.gazetteer.matcher.find_all(toks, form_index=doc.form_index or None)
                   if not any(i in blocked for i in range(m.token_start, m.token_end))
                   and not self._needs_context(toks, m.token_start, m.token_end, m.clitic)]
        # longest first, one entry per span; several entries may share a name
        by_span: dict[tuple[int, int], list[str]] = {}
        for m in matches:
            by_span.setdefault((m.token_start, m.token_end), []).append(m.payload)
        for span in [sp for sp, ids in by_span.items() if sp[1] - sp[0] == 1 and self._only_minor_imports(ids)]:
            if not self._has_place_word_before(toks, span[0]):
                del by_span[span]  # an imported one-word hamlet ("الشيخ") needs "قرية"/"في" before it
        spans = sorted(by_span, key=lambda s: (-(s[1] - s[0]), s[0]))
        taken: set[int] = set()
        chosen: list[tuple[int, int]] = []
        for s in spans:
            if any(i in taken for i in range(*s)):
                continue
            taken.update(range(*s))
            chosen.append(s)
        chosen.sort()
        country = self._country(doc, [[self.gazetteer.places[p] for p in by_span[s]] for s in chosen])
        doc.place_names_country = country
        context = self._context(doc, chosen, by_span)
        mentions: list[PlaceMention] = []
        rank = self.gazetteer.rank
        for s in chosen:
            by_span[s].sort(key=rank.__getitem__)  # gazetteer order breaks ties, run after run
            place = self._choose(by_span[s], country, context, toks, s[0])
            if self._out_of_context(doc, place, context, toks, s, country):
                continue
            mentions.append(self._locate(doc, place, s[0], s[1]))
        doc.place_names = self._nest(doc, self._merge_spans(doc, mentions))
        return doc

    def _nest(self, doc: Document, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """"حي الأشرفية بمدينة عفرين": a part named just before its town must lie in it.

        When the gazetteer's entry for the part is far from the town (another place of that name), the
        event is placed at the town, as part of it (precision 2).
        """
        rules = self.rules
        out = list(mentions)
        for k in range(len(out) - 1):
            part = out[k]
            if part.place.kind not in rules.part_kinds:
                continue
            whole = next((w for w in out[k + 1:] if w.place.kind in rules.whole_kinds
                          and w.token_start - part.token_end <= rules.nested_window
                          and doc.tokens[w.token_start].sentence == doc.tokens[part.token_start].sentence), None)
            if whole is None:
                continue
            before = doc.tokens[whole.token_start - 1] if whole.token_start > 0 else None
            joined = any(rules.in_clitic(c) for c in doc.tokens[whole.token_start].clitics[1:]) \
                or (before is not None and (before.norm in rules.nested_in_words
                                            or any(rules.in_clitic(c) for c in before.clitics[1:])))
            pl, wl = part.location, whole.location
            if not joined or haversine_km(pl.latitude, pl.longitude, wl.latitude, wl.longitude) <= rules.nested_km:
                continue
            name_ar = pl.name_ar + rules.nested_name_separator + wl.name_ar
            moved = Location(name=f"{pl.name}, {wl.name}", name_ar=name_ar,
                             country=wl.country, admin1=wl.admin1, admin2=wl.admin2, admin3=wl.admin3,
                             latitude=wl.latitude, longitude=wl.longitude, geo_precision=2, text=pl.text,
                             start=pl.start, end=pl.end, place_id=whole.place.id, kind=pl.kind,
                             description=f"in {wl.name}")
            out[k] = PlaceMention(part.start, part.end, part.text, moved, whole.place, part.token_start,
                                  part.token_end)
        return out

    def _needs_context(self, toks: list[Token], ts: int, te: int, clitic: str) -> bool:
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
        return not self._has_place_word_before(toks, ts)

    def _has_place_word_before(self, toks: list[Token], ts: int) -> bool:
        """A preposition of place, a place word (مدينة، قرية) or a near word stands just before token ts."""
        prev = toks[ts - 1] if ts > 0 else None
        if prev is None or prev.sentence != toks[ts].sentence:
            return False
        words = self.rules.place_prepositions | self.rules.container_words | self.rules.near_words
        return any(f in words for f in prev.forms) or toks[ts].clitics[-1:] != ("",) and any(
            self.rules.in_clitic(c) for c in toks[ts].clitics)

    def _only_minor_imports(self, ids: list[str]) -> bool:
        """All candidates are small imported places (villages, sites), not built-in ones."""
        rules = self.rules
        return all(self.gazetteer.places[i].source not in rules.builtin_sources
                   and self.gazetteer.places[i].kind in rules.minor_import_kinds
                   for i in ids)

    # --- choosing the entry ---------------------------------------------------

    def _country(self, doc: Document, spans: list[list[Place]]) -> str | None:
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

    def _context(self, doc: Document, spans: list[tuple[int, int]], by_span: dict[tuple[int, int], list[str]]
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

    def _choose(self, ids: list[str], country: str | None, context: GeoContext, toks: list[Token],
                start: int) -> Place:
        """The entry a name means here: country of the article, admin units and places named around it,
        the kind of place the words ask for, size."""
        if len(ids) == 1:
            return self.gazetteer.places[ids[0]]
        before = toks[start - 1] if start > 0 else None
        rules, w = self.rules, self.rules.choice
        wants_area = before is not None and has_form(before, rules.area_words)
        sentence_admins = context.admin_by_sentence.get(toks[start].sentence, set())

        def score(p: Place) -> float:
            s = rules.kind_weights.get(p.kind, 1.0) + math.log10(p.population + 1) * w["population"]
            if country and p.country == country:
                s += w["same_country"]
            s += w["per_admin_name"] * min(context.admin_count.get(p.admin1, 0), w["admin_names_max"])
            if p.admin1 in sentence_admins:
                s += w["same_sentence_admin"]  # "قرية X بريف حمص"
            if wants_area and p.kind in rules.area_kinds:
                s += w["wanted_area"]
            near = [haversine_km(p.latitude, p.longitude, lat, lon) for lat, lon, span in context.points
                    if span[0] != start]
            if near:
                d = min(near)
                s += next((bonus for km, bonus in rules.near_points if d <= km), 0.0)
            return s

        return max((self.gazetteer.places[i] for i in ids), key=score)

    def _out_of_context(self, doc: Document, place: Place, context: GeoContext, toks: list[Token],
                        span: tuple[int, int], country: str | None) -> bool:
        """A name that fits the article badly: a foreign place with no place word before it (a surname
        such as "الكفري"), or a common-word name far from every admin unit the article names."""
        if place.kind in self.rules.always_in_context_kinds:
            return False
        if country and place.country != country and not self._has_place_word_before(toks, span[0]):
            return True
        first = toks[span[0]]
        name = " ".join([first.forms[-1]] + [t.norm for t in toks[span[0] + 1:span[1]]])
        common = {strip_article(n) for n in self.rules.needs_place_word | self.rules.ambiguous_names}
        if strip_article(name) in common:
            others = context.admin_count.copy()
            others[place.admin1] -= context.span_admin.get(span) == place.admin1
            if +others and others[place.admin1] <= 0:
                return True  # "ساحة الكرامة" in an article about As-Sweida is not Al-Karama in Ar-Raqqa
        return False

    # --- reading the words around a name --------------------------------------

    def _locate(self, doc: Document, place: Place, ts: int, te: int) -> PlaceMention:
        toks = doc.tokens
        rules = self.rules
        lat, lon = place.latitude, place.longitude
        areas = rules.area_kinds
        precision = 3 if place.kind in areas else 1
        start, end = toks[ts].start, toks[te - 1].end
        description = place.name
        reference = ""
        i = ts - 1
        if i >= 0 and has_form(toks[i], rules.container_words):
            i -= 1
        # "ريف حمص الشرقي", "بادية دير الزور"
        if i >= 0 and has_form(toks[i], rules.region_words) and toks[i].sentence == toks[ts].sentence:
            start = toks[i].start
            precision = 3
            direction = self._direction_at(toks, te)
            if direction is not None:
                bear, dte = direction
                lat, lon = self._region_point(place, bear)
                end = toks[dte - 1].end
                description = f"the {compass_word(bear, adjective=True)} countryside of {place.name}"
            else:
                description = f"the countryside of {place.name}"
                if place.kind not in areas:
                    precision = 2
        else:
            offset = self._offset_before(doc, i)
            if offset is not None:
                km, bear, ostart = offset
                lat, lon = destination(lat, lon, bear, km)
                precision = 2
                start = toks[ostart].start
                description = f"about {km:g} km {compass_word(bear)} of {place.name}"
            elif i >= 0 and self._near_before(toks, i):
                precision = 2
                start = toks[i].start
                description = f"near {place.name}"
            elif place.kind not in areas and (direction := self._direction_ending_at(toks, i)) is not None:
                # "شمالي العاصمة بغداد" with no distance: the place is a landmark for somewhere else
                reference = "direction"
                precision = 2
                description = f"{compass_word(direction)} of {place.name}"
            elif place.kind in rules.line_kinds:
                precision = 2
        for j in range(ts - 1, ts - 1 - rules.origin_window, -1):
            if j >= 0 and toks[j].sentence == toks[ts].sentence and has_form(toks[j], rules.landmark_words):
                reference = reference or "origin"  # "من أبناء بلدة المسيفرة", "باتجاه دمشق"
                break
            if j < 0 or not (has_form(toks[j], rules.container_words) or toks[j].norm in rules.origin_links):
                break
        text = doc.text[start:end]
        loc = Location(
            name=place.name, name_ar=place.name_ar, country=place.country, admin1=place.admin1,
            admin2=place.admin2, admin3=place.admin3, latitude=lat, longitude=lon, geo_precision=precision,
            text=text, start=start, end=end, place_id=place.id, kind=place.kind, description=description,
        )
        return PlaceMention(start, end, text, loc, place, ts, te, reference=reference)

    def _direction_ending_at(self, toks: list[Token], i: int) -> float | None:
        """The bearing of a direction phrase of one to three words that ends at token i."""
        for n in range(self.rules.max_direction_words, 0, -1):
            s = i - n + 1
            if s < 0:
                continue
            for m in self.rules.directions.find(toks, s, i + 1):
                if m.token_start == s and m.token_end == i + 1:
                    return m.payload
        return None

    def _direction_at(self, toks: list[Token], i: int) -> tuple[float, int] | None:
        end = min(i + self.rules.max_direction_words, len(toks))
        found = [m for m in self.rules.directions.find(toks, i, end) if m.token_start == i]
        if not found:
            return None
        m = max(found, key=lambda m: m.token_end)
        return m.payload, m.token_end

    def _near_before(self, toks: list[Token], i: int) -> bool:
        for j in (i, i - 1):
            if j >= 0 and has_form(toks[j], self.rules.near_words):
                return True
        return False

    def _offset_before(self, doc: Document, i: int) -> tuple[float, float, int] | None:
        """Read "30 كم شمال شرق" ending at token i: (km, bearing, first token)."""
        toks = doc.tokens
        rules = self.rules
        if i >= 1 and toks[i].norm in rules.offset_of_words:
            i -= 1  # "20 كم إلى الشمال الشرقي من مدينة تدمر"
        if i < 0:
            return None
        for n in range(rules.max_direction_words, 0, -1):  # a direction of up to 3 words ends at i
            s = i - n + 1
            if s < 0:
                continue
            found = [m for m in self.rules.directions.find(toks, s, i + 1)
                     if m.token_start == s and m.token_end == i + 1]
            if not found:
                continue
            u = s - 1
            if u >= 0 and toks[u].norm in rules.offset_links:
                u -= 1  # "شمال شرق" may also be written "إلى الشمال الشرقي من"
            unit = None
            for k in (2, 1):
                phrase = " ".join(t.norm for t in toks[max(u - k + 1, 0):u + 1])
                if phrase in self.rules.distance_units:
                    unit, u = self.rules.distance_units[phrase], u - k + 1
                    break
            if unit is None or u <= 0:
                return None
            # the count ends before the unit word, or takes it in ("خمسة كيلومترات")
            q = next((q for q in doc.quantities if q.token_end in (u, u + 1) and q.token_start < u), None)
            if q is not None:
                km = q.value * unit
                first = q.token_start
            elif toks[u - 1].norm.isdigit():
                km = int(toks[u - 1].norm) * unit
                first = u - 1
            else:
                return None
            first = self._lead_before(toks, first)
            return km, found[0].payload, first
        return None

    def _lead_before(self, toks: list[Token], first: int) -> int:
        """"على بعد 5 كم": the words before a distance belong to it."""
        for lead in self.rules.offset_leads:
            k = len(lead)
            if first >= k and all(toks[first - k + x].norm == lead[x] for x in range(k)):
                return first - k
        return first

    def _region_point(self, place: Place, bear: float) -> tuple[float, float]:
        """The part of the region around `place` that lies towards `bear`.

        The mean of the admin3/admin2 centres of the governorate that lie in that
        direction from its centre; a point 30 km out when none is known.
        """
        rules = self.rules
        units = self.gazetteer.admin3_by_admin1.get((place.country, place.admin1), [])
        pts = []
        for u in units:
            dist = haversine_km(place.latitude, place.longitude, u.latitude, u.longitude)
            if dist < rules.region_ignore_km:
                continue
            diff = abs((bearing(place.latitude, place.longitude, u.latitude, u.longitude) - bear + 180) % 360 - 180)
            if diff <= rules.region_bearing_tolerance:
                pts.append((u.latitude, u.longitude))
        if pts:
            return sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        return destination(place.latitude, place.longitude, bear, rules.region_fallback_km)

    def _merge_spans(self, doc: Document, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Join "بين X و Y" and "X-Y" into one mention at the midpoint (precision 2)."""
        out: list[PlaceMention] = []
        toks = doc.tokens
        rules = self.rules
        i = 0
        while i < len(mentions):
            a = mentions[i]
            b = mentions[i + 1] if i + 1 < len(mentions) else None
            if b is not None and a.location.country == b.location.country:
                gap = doc.text[a.end:b.start].strip()
                between = a.token_start > 0 and toks[a.token_start - 1].norm in rules.between_words
                next_is_and = b.token_start == a.token_end and toks[b.token_start].norm.startswith(AND)
                joined = gap in rules.span_separators or (between and (next_is_and or gap in rules.and_words))
                if joined and b.token_start - a.token_end <= 1:
                    la, lb = a.location, b.location
                    start = toks[a.token_start - 1].start if between else a.start
                    text = doc.text[start:b.end]
                    loc = Location(
                        name=f"{la.name} - {lb.name}", name_ar=f"{la.name_ar} - {lb.name_ar}", country=la.country,
                        admin1=la.admin1, admin2=la.admin2 if la.admin2 == lb.admin2 else la.admin2,
                        admin3=la.admin3 if la.admin3 == lb.admin3 else "",
                        latitude=(la.latitude + lb.latitude) / 2, longitude=(la.longitude + lb.longitude) / 2,
                        geo_precision=2, text=text,
                        start=start, end=b.end, place_id=la.place_id, kind="span",
                        description=f"between {la.name} and {lb.name}",
                    )
                    out.append(PlaceMention(start, b.end, text, loc, a.place, a.token_start, b.token_end))
                    i += 2
                    continue
            out.append(a)
            i += 1
        return out


class PlaceSettler:
    """The places stage: the place names that are places, and the country the article is about.

    A place inside a longer actor name ("لواء القدس", "حماة الديار") is part of the name: it is dropped,
    and it must not decide which country the article is about.
    """

    name = "places"
    requires = ("place_names", "actor_names")
    provides = ("places", "country")

    def __call__(self, doc: Document) -> Document:
        spans = doc.actor_names
        inside = [p for p in doc.place_names if any(s <= p.token_start and p.token_end <= e and (e - s) >
                                                     (p.token_end - p.token_start) for s, e in spans)]
        doc.places = [p for p in doc.place_names if p not in inside]
        doc.country = doc.place_names_country
        if inside:
            doc.country = majority_country(doc.places) or doc.country
        return doc


def majority_country(places: list[PlaceMention]) -> str | None:
    """The country most of the places are in (countries themselves do not vote)."""
    votes = Counter(p.location.country for p in places if p.place.kind != "country")
    return votes.most_common(1)[0][0] if votes else None
