"""Step 4b, arguments: the place, date and weapon of a frame, from its own sentence, else carried over from
the sentences before it in the paragraph (or the article's main place, or the publication day).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from marsad.model import ActorMention, DateMention, Document, Event, PlaceMention, Sentence
from marsad.stages.events.context import EventContext
from marsad.stages.events.frames import Frame
from marsad.stages.events.merge import within
from marsad.stages.events.rules import EventRules, builtin_rules


def token_gap(trig, p) -> int:
    """Words between a trigger and a finding, on either side."""
    if p.token_start >= trig.token_end:
        return p.token_start - trig.token_end
    return max(0, trig.token_start - p.token_end)


def near_trigger(frame: Frame, window: int) -> Callable[[object], bool]:
    """Whether a finding stands within `window` words of one of the frame's triggers (to be its argument).

    Some trigger (ts, te) is near the item when ts <= item end + window and te >= item start - window:
    among the triggers starting early enough, the one ending latest decides.
    """
    spans = sorted((t.token_start, t.token_end) for t in frame.triggers)
    starts = [ts for ts, _ in spans]
    latest_end: list[int] = []
    for _, te in spans:
        latest_end.append(max(te, latest_end[-1]) if latest_end else te)

    def near(item) -> bool:
        k = bisect_right(starts, item.token_end + window)
        return k > 0 and latest_end[k - 1] >= item.token_start - window
    return near


def choose_places(doc: Document, frame: Frame, places: list[PlaceMention],
                  rules: EventRules | None = None) -> list[PlaceMention]:
    """The place(s) of a frame: the specific ones listed after the trigger, else the nearest."""
    if not places:
        return []
    rules = rules or builtin_rules()
    area_rank, km = rules.merge.area_rank, rules.merge.same_place_km
    joins, and_ = rules.morphology.list_joins, rules.morphology.and_
    trig = frame.anchor
    if any(not p.reference for p in places):
        # "في صلاح الدين شمالي بغداد": not Baghdad
        places = [p for p in places if p.reference != "direction"]
    if any(not p.reference and p.location.geo_precision < 3 for p in places):
        # someone's home town is not the place of the event when the text names that place; but
        # "خرج أهالي بصرى الشام في مظاهرة" protest in Busra
        places = [p for p in places if not p.reference]
    specific = [p for p in places if p.location.geo_precision < 3 and p.place.kind not in ("country", "admin1")]
    regions = {p.location.admin1 for p in places if p.location.geo_precision == 3 and p.location.admin1}
    if regions and any(p.location.admin1 in regions for p in specific):
        # "في دمشق ... في ريف حمص الشرقي بين البيارات-السخنة": the places inside the region named
        specific = [p for p in specific if p.location.admin1 in regions]
    if any(p.place.kind != "road" for p in specific):
        # "على طريق M20 على بعد 30 كم شمال شرق تدمر": the computed point says more than the road
        specific = [p for p in specific if p.place.kind != "road"] + [p for p in specific if p.place.kind == "road"
                                                                       and p.location.geo_precision == 1]
    after = [p for p in specific if p.start >= trig.start]
    pool = after or specific
    if not pool:
        # only areas: the smallest named one ("تلول الصفا" before "السويداء"), then the nearest
        return [min(places, key=lambda p: (p.location.geo_precision, area_rank.get(p.place.kind, 0),
                                           abs(p.start - trig.end)))]
    first = min(pool, key=lambda p: abs(p.start - trig.end))
    gap_first = token_gap(trig, first)
    areas = [p for p in places if p.location.geo_precision == 3 and p.place.kind != "country"]
    near_area = min(areas, key=lambda p: token_gap(trig, p), default=None)
    if near_area is not None and gap_first > rules.arguments.anchor_window \
            and token_gap(trig, near_area) < gap_first and not within(first.location, near_area.location, km):
        # "غارة استهدفت مخيما في ريف إدلب الجنوبي ... حي القدم في جنوب دمشق": the area beside the
        # trigger, not a place named much further on (likely another incident)
        return [near_area]
    listed = [first]
    for p in sorted(pool, key=lambda p: p.start):
        if p.start <= first.start:
            continue
        gap = doc.text[listed[-1].end:p.start].strip()
        joined_by_and = doc.tokens[p.token_start].norm.startswith(and_) and not gap
        if gap in joins or joined_by_and or (gap.startswith(and_) and len(gap) <= rules.arguments.short_join):
            if p.place.kind in rules.arguments.listed_kinds:
                listed.append(p)
                continue
        break
    return listed


def choose_date(frame: Frame, dates: list[DateMention]) -> DateMention | None:
    """The date of a frame among its sentence's dates: a day beats a week or a month, then the nearest."""
    usable = [d for d in dates if d.date is not None or d.date_from is not None]
    if not usable:
        return None
    trig = frame.anchor
    # a day beats a week or a month ("أعنف هجوم منذ شهر، الأربعاء"), then the nearest
    return min(usable, key=lambda d: (d.precision, abs(d.start - trig.start)))


class EarlierDates:
    """The day-or-week dates of a document, to find the last one said before a point in its paragraph."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.paragraph_start: dict[int, int] = {}
        for s in doc.sentences:
            if s.start < self.paragraph_start.get(s.paragraph, s.start + 1):
                self.paragraph_start[s.paragraph] = s.start
        dated = [d for d in doc.dates if d.date is not None and d.precision <= 2]
        self.dates = sorted(dated, key=lambda d: d.start)  # dates come in text order: this changes nothing
        self.starts = [d.start for d in self.dates]

    def before(self, frame: Frame) -> DateMention | None:
        """The last day-or-week date said before the trigger in the same paragraph (else publication day)."""
        para_start = self.paragraph_start[self.doc.sentences[frame.sentence].paragraph]
        k = bisect_left(self.starts, frame.anchor.start) - 1
        return self.dates[k] if k >= 0 and self.dates[k].start >= para_start else None


def main_place(doc: Document) -> PlaceMention | None:
    """The article's main place: the most precise place named in its country, first named first."""
    specific = [p for p in doc.places if p.place.kind not in ("country",)]
    if doc.country:
        specific = [p for p in specific if p.location.country == doc.country] or specific
    if not specific:
        return None
    return min(specific, key=lambda p: (p.location.geo_precision, p.start))


def is_history(doc: Document, dm: DateMention, days: int) -> bool:
    """A date more than `days` before publication: background, not news."""
    if doc.published is None:
        return False
    end = dm.date_to or dm.date
    return end is not None and (doc.published - end).days > days


def is_future(doc: Document, dm: DateMention) -> bool:
    """A date after the publication day: what is planned, never what happened."""
    return doc.published is not None and dm.date is not None and dm.date > doc.published


def set_date(doc: Document, ev: Event, dm: DateMention | None) -> None:
    """An event's date: the date mention's day, else the publication day, else none."""
    if dm is not None and (dm.date is not None):
        ev.event_date, ev.time_precision, ev.date_mention = dm.date, dm.precision, dm
    elif doc.published is not None:
        ev.event_date, ev.time_precision = doc.published, 1
    else:
        ev.event_date, ev.time_precision = None, None


def nearest_weapon(ctx: EventContext, frame: Frame) -> str | None:
    """The sub-type the weapon word nearest the trigger in its sentence points to ("طائرات": air strike)."""
    near = ctx.matches_in("weapon", frame.sentence)
    if not near:
        return None
    trig = frame.anchor
    return min(near, key=lambda m: abs(m.token_start - trig.token_start)).payload


@dataclass
class Carry:
    """What the sentences before a frame said, for a frame that does not say it itself: the last place (in
    the article) and the last initiator (in the paragraph), else the article's main place."""

    main_place: PlaceMention | None
    violent_types: frozenset[str] = frozenset()
    last_place: PlaceMention | None = None
    last_actor1: ActorMention | None = None
    paragraph: int = -1

    def enter(self, sent: Sentence) -> None:
        if sent.paragraph != self.paragraph:
            # what a paragraph says does not carry into the next one
            self.paragraph = sent.paragraph
            self.last_actor1 = None

    def places(self, chosen: list[PlaceMention]) -> tuple[list[PlaceMention], bool]:
        """The frame's places after carry-over, and whether they were carried."""
        carried = self.last_place if self.last_place is not None else self.main_place
        if chosen and chosen[0].place.kind == "country":
            # a country alone says little: a place already named in that country says more; but an event
            # said to be in another country ("استهداف الحوثيين السعودية") stays there
            if carried is not None and carried.place.kind != "country" \
                    and carried.location.country == chosen[0].location.country:
                return [carried], True
            return chosen, False
        if not chosen:
            return ([carried], True) if carried is not None else ([], False)
        return chosen, False

    def actor1(self, actor1: ActorMention | None, actor2: ActorMention | None, event_type: str,
               frame: Frame) -> ActorMention | None:
        """The paragraph's last initiator for a violent frame that names none (and is not its target)."""
        if actor1 is None and self.last_actor1 is not None and (
                event_type in self.violent_types or event_type == "Strategic developments") \
                and not frame.casualty_only:
            last = self.last_actor1
            return last if (actor2 is None or last.actor.id != actor2.actor.id) else None
        return actor1

    def remember(self, own_places: list[PlaceMention], chosen: list[PlaceMention],
                 actor1: ActorMention | None) -> None:
        if own_places:
            self.last_place = chosen[0]
        if actor1 is not None:
            self.last_actor1 = actor1
