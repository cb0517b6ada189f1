"""The place-names stage: gazetteer matches, filtered, chosen among, located and joined."""

from __future__ import annotations

from marsad.geo.gazetteer import Gazetteer, load_gazetteer
from marsad.model import Document, PlaceMention
from marsad.stages.places.choice import EntryChooser
from marsad.stages.places.joins import SpanJoiner
from marsad.stages.places.relative import Locator
from marsad.stages.places.rules import GeocodingRules, geocoding_rules
from marsad.stages.places.words import PlaceWords


class PlaceFinder:
    """The place-names stage: every place the text names, resolved to a gazetteer entry, and the country
    the article is mostly about by those names (`doc.place_names`, `doc.place_names_country`)."""

    name = "place_names"
    requires = ("text", "quantities")
    provides = ("place_names",)

    def __init__(self, gazetteer: Gazetteer | None = None, rules: GeocodingRules | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.rules = rules or geocoding_rules()
        self.words = PlaceWords(self.gazetteer, self.rules)
        self.chooser = EntryChooser(self.gazetteer, self.rules, self.words)
        self.locator = Locator(self.gazetteer, self.rules)
        self.joiner = SpanJoiner(self.rules)

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        blocked: set[int] = set()
        for m in self.rules.blocked.find(toks, form_index=doc.form_index or None):
            blocked.update(range(m.token_start, m.token_end))
        matches = [m for m in self.gazetteer.matcher.find_all(toks, form_index=doc.form_index or None)
                   if not any(i in blocked for i in range(m.token_start, m.token_end))
                   and not self.words.needs_context(toks, m.token_start, m.token_end, m.clitic)]
        # longest first, one entry per span; several entries may share a name
        by_span: dict[tuple[int, int], list[str]] = {}
        for m in matches:
            by_span.setdefault((m.token_start, m.token_end), []).append(m.payload)
        for span in [sp for sp, ids in by_span.items() if sp[1] - sp[0] == 1 and self.words.only_minor_imports(ids)]:
            if not self.words.has_place_word_before(toks, span[0]):
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
        country = self.chooser.country(doc, [[self.gazetteer.places[p] for p in by_span[s]] for s in chosen])
        doc.place_names_country = country
        context = self.chooser.context(doc, chosen, by_span)
        mentions: list[PlaceMention] = []
        rank = self.gazetteer.rank
        for s in chosen:
            by_span[s].sort(key=rank.__getitem__)  # gazetteer order breaks ties, run after run
            place = self.chooser.choose(by_span[s], country, context, toks, s[0])
            if self.chooser.out_of_context(doc, place, context, toks, s, country):
                continue
            mentions.append(self.locator.locate(doc, place, s[0], s[1]))
        doc.place_names = self.joiner.nest(doc, self.joiner.merge_spans(doc, mentions))
        return doc
