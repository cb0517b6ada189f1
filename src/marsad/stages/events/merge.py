"""Step 7, merging: the mentions of one incident become one event.

Two events are one incident when they have the same type, the same place (or one has none, or one lies
inside the other) and the same day (or one has no date of its own), compatible initiators, and the same
sub-type (or the later one is a generic word in another sentence). The merged event keeps every
sentence as evidence, the more precise place, the date said, and ACLED's death total.
"""

from __future__ import annotations

from marsad.geo.geodesy import haversine_km
from marsad.model import Event, Location, Span
from marsad.stages.events.casualties import DeathCount, DeathTally
from marsad.stages.events.incident_index import HeadIndex
from marsad.stages.events.rules import EventRules, builtin_rules


def within(loc: Location | None, area: Location | None, km: float) -> bool:
    """`loc` lies in `area`: the area is a region-level place of the same admin1, or they are `km` apart or
    closer."""
    if loc is None or area is None or loc.country != area.country:
        return False
    if area.geo_precision == 3 and area.admin1 and loc.admin1 == area.admin1:
        return True
    return haversine_km(loc.latitude, loc.longitude, area.latitude, area.longitude) <= km


def refine_location(ev: Event, loc: Location | None, area_rank: dict[str, float]) -> None:
    """A later mention of the same incident may say where more precisely ("محافظة السويداء" then
    "منطقة تلول الصفا"): keep the more precise place inside the same admin1."""
    cur = ev.location
    if loc is None or cur is None or cur.geo_precision < 3:
        return
    smaller_area = loc.geo_precision == 3 and area_rank.get(loc.kind, 0) < area_rank.get(cur.kind, 0)
    if loc.geo_precision >= cur.geo_precision and not smaller_area:
        return
    if loc.country == cur.country and (not cur.admin1 or loc.admin1 == cur.admin1):
        ev.location = loc


def same_incident(prev: Event, ev: Event, km: float) -> bool:
    """Whether `ev` reports the incident `prev` already holds."""
    if prev.event_type != ev.event_type:
        return False
    same_place = (ev.location is None or prev.location is None
                  or ev.location.place_id == prev.location.place_id
                  or ev.sentence != prev.sentence and (within(ev.location, prev.location, km)
                                                       or within(prev.location, ev.location, km)))
    same_day = ev.event_date == prev.event_date or ev.date_mention is None or prev.date_mention is None
    compatible_actors = (ev.actor1 is None or prev.actor1 is None
                         or ev.actor1.actor.id == prev.actor1.actor.id)
    return same_place and same_day and compatible_actors and (
        prev.sub_event_type == ev.sub_event_type or ev.sentence != prev.sentence and ev.triggers[0].generic)


class Incidents:
    """The events of one document while the reports of one incident are folded together.

    Keeps, beside each event, what folding needs to stay cheap: the death tally, the evidence spans and
    the candidates it already holds (so that a thousand reports of one incident cost a thousand steps).
    """

    def __init__(self, rules: EventRules | None = None) -> None:
        self.rules = rules or builtin_rules()
        self._tally: dict[int, DeathTally] = {}
        self._spans: dict[int, set[tuple[int, int]]] = {}
        self._candidates: dict[int, set[int]] = {}

    def _state(self, ev: Event) -> tuple[DeathTally, set[tuple[int, int]], set[int]]:
        k = id(ev)
        if k not in self._tally:
            self._tally[k] = DeathTally(ev.death_counts)
            self._spans[k] = {(s.start, s.end) for s in ev.evidence}
            self._candidates[k] = set(ev.candidates)
        return self._tally[k], self._spans[k], self._candidates[k]

    def absorb(self, prev: Event, sentence: Span, frame_triggers: list, location: Location | None,
               deaths: DeathCount, actor2, candidate: int | None = None) -> None:
        """A sentence that says more about the incident just reported ("وأسفر القصف عن مقتل 5") joins it."""
        tally, spans, cands = self._state(prev)
        if candidate is not None:
            prev.candidates.append(candidate)
            cands.add(candidate)
        prev.evidence.append(sentence)
        spans.add((sentence.start, sentence.end))
        prev.triggers.extend(frame_triggers)
        refine_location(prev, location, self.rules.merge.area_rank)
        prev.death_counts.append(deaths)
        prev.fatalities = tally.add(deaths)
        prev.fatalities_evidence = prev.fatalities_evidence or deaths.quantity
        prev.actor2 = prev.actor2 or actor2

    def fold(self, target: Event, ev: Event) -> None:
        """Fold `ev` into `target`, the earlier report of the same incident."""
        tally, spans, cands = self._state(target)
        for c in ev.candidates:
            if c not in cands:
                target.candidates.append(c)
                cands.add(c)
        for s in ev.evidence:
            if (s.start, s.end) not in spans:
                target.evidence.append(s)
                spans.add((s.start, s.end))
        target.triggers.extend(ev.triggers)
        refine_location(target, ev.location, self.rules.merge.area_rank)
        if target.date_mention is None and ev.date_mention is not None:
            # the later report says when; the first only had the publication day
            target.event_date, target.time_precision = ev.event_date, ev.time_precision
            target.date_mention = ev.date_mention
        if ev.sentence != target.sentence:
            target.death_counts.extend(ev.death_counts)
            for c in ev.death_counts:
                target.fatalities = tally.add(c)
            target.fatalities_evidence = target.fatalities_evidence or ev.fatalities_evidence
        target.actor1 = target.actor1 or ev.actor1
        target.actor2 = target.actor2 or ev.actor2
        target.confidence = min(1.0, max(target.confidence, ev.confidence) + self.rules.merge.boost)

    def merge(self, events: list[Event]) -> tuple[list[Event], list[int | None]]:
        """The events with the reports of one incident merged, and for each input event the index of the
        output event it was folded into (None for the events that head their incident). Each event joins
        the latest earlier incident it reports (`same_incident`); only the incidents of its type whose
        place could match are compared (`HeadIndex`)."""
        km = self.rules.merge.same_place_km
        out: list[Event] = []
        by_type: dict[str, HeadIndex] = {}
        folded: list[int | None] = []
        for ev in events:
            heads = by_type.setdefault(ev.event_type, HeadIndex(km))
            target = next((k for k in heads.candidates(ev.location) if same_incident(out[k], ev, km)), None)
            if target is None:
                heads.add(len(out), ev.location)
                out.append(ev)
                folded.append(None)
                continue
            head = out[target]
            before = head.location
            self.fold(head, ev)
            heads.move(target, before, head.location)
            folded.append(target)
        return out, folded


def merge_events(events: list[Event], rules: EventRules | None = None) -> tuple[list[Event], list[int | None]]:
    """`Incidents(rules).merge(events)`."""
    return Incidents(rules).merge(events)
