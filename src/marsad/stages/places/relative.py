"""Where an event is relative to a named place: the place itself, near it, N km towards a direction, a
part of its region (ACLED's geo_precision 1, 2, 3)."""

from __future__ import annotations

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.geodesy import bearing, compass_word, destination, haversine_km
from marsad.model import Document, Location, Place, PlaceMention, Token
from marsad.stages.places.rules import GeocodingRules
from marsad.text.chars import digits_value
from marsad.text.matcher import has_form


class Locator:
    """Reads the words around a name ("30 كم شمال شرق", "قرب", "ريف حمص الشرقي") into a point and a precision."""

    def __init__(self, gazetteer: Gazetteer, rules: GeocodingRules) -> None:
        self.gazetteer = gazetteer
        self.rules = rules

    def locate(self, doc: Document, place: Place, ts: int, te: int) -> PlaceMention:
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
            elif digits_value(toks[u - 1].norm, rules.offset_max_digits) is not None:
                km = int(toks[u - 1].norm) * unit
                first = u - 1
            else:
                return None
            if km > rules.offset_max_km:
                return None  # no offset from a named place is that far
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
