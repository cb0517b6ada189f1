"""Step 7: reports of one incident merge; others stay apart."""

from datetime import date

from marsad.model import DateMention, Event, Location, Span, Trigger
from marsad.stages.events.casualties import DeathCount
from marsad.stages.events.merge import merge_events, refine_location, within


def loc(name, lat, lon, precision=1, admin1="Idleb", kind="town", place_id=None):
    return Location(name, name, "Syria", admin1, "", "", lat, lon, precision, name, 0, 1, place_id=place_id or name,
                    kind=kind)


def event(sub="Air/drone strike", sentence=0, location=None, day=date(2021, 3, 3), dated=True, deaths=0,
          generic=False, confidence=0.7):
    t = Trigger(0, 1, "x", "x", "Explosions/Remote violence", sub, 0.8, 0, 1, sentence, generic=generic)
    dm = DateMention(0, 1, "x", day, 1) if dated else None
    return Event("Explosions/Remote violence", sub, event_date=day, time_precision=1, date_mention=dm,
                 location=location, fatalities=deaths, evidence=[Span(sentence, sentence + 1)], confidence=confidence,
                 triggers=[t], sentence=sentence, death_counts=[DeathCount(deaths, None)])


ARIHA = loc("Ariha", 35.81, 36.61)
NEAR_ARIHA = loc("Near Ariha", 35.82, 36.62)
HOMS = loc("Homs", 34.73, 36.71, admin1="Homs")


def test_same_place_and_day_merge_and_add_evidence():
    out, folded = merge_events([event(location=ARIHA, deaths=3), event(sentence=1, location=ARIHA, deaths=5)])
    assert len(out) == 1 and folded == [None, 0]
    assert out[0].fatalities == 5 and len(out[0].evidence) == 2
    assert abs(out[0].confidence - 0.75) < 1e-9


def test_other_place_or_day_stays_apart():
    out, folded = merge_events([event(location=ARIHA), event(sentence=1, location=HOMS)])
    assert len(out) == 2 and folded == [None, None]
    out, _ = merge_events([event(location=ARIHA), event(sentence=1, location=ARIHA, day=date(2021, 3, 1))])
    assert len(out) == 2


def test_within_and_refine_location():
    assert within(NEAR_ARIHA, ARIHA, 10.0) and not within(HOMS, ARIHA, 10.0)
    region = loc("Idleb countryside", 35.9, 36.6, precision=3, kind="region")
    assert within(ARIHA, region, 10.0)
    ev = event(location=region)
    refine_location(ev, ARIHA, {"region": 0, "town": 0})
    assert ev.location is ARIHA
