"""Joining place mentions: "بين X و Y" and "X-Y" at their midpoint; a part inside the town named after it."""

from __future__ import annotations

from marsad.geo.geodesy import haversine_km
from marsad.model import Document, Location, PlaceMention
from marsad.stages.places.rules import GeocodingRules
from marsad.text.clitics import AND


class SpanJoiner:
    """Turns neighbouring mentions into one where the text joins them."""

    def __init__(self, rules: GeocodingRules) -> None:
        self.rules = rules

    def nest(self, doc: Document, mentions: list[PlaceMention]) -> list[PlaceMention]:
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

    def merge_spans(self, doc: Document, mentions: list[PlaceMention]) -> list[PlaceMention]:
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
