"""Step 7: reports of one incident merge; others stay apart."""

from datetime import date

from marsad.model import DateMention, Event, Location, Span, Trigger
from marsad.stages.events.casualties import DeathCount
from marsad.stages.events.merge import merge_events, refine_location, within


def loc(name, lat, lon, precision=1, admin1="Idleb", kind="town", place_id=None):
    return Location(name, name, "Syria", admin1, "", "", lat, lon, precision, name, 0, 1,
                    place_id=name if place_id is None else place_id,
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


# --- the place index gives what comparing with every incident gives ---------------------------------------

def _reference_merge(events, km=10.0, boost=0.05, area_rank=None):
    """Merging as it was written first: every report compared with every earlier incident, latest first."""
    from marsad.stages.events.casualties import combine_deaths
    from marsad.stages.events.merge import same_incident

    area_rank = area_rank or {"region": 0, "mountain": 0, "admin3": 1, "admin2": 2, "admin1": 3, "country": 4}
    out, folded = [], []
    for ev in events:
        target = next((k for k in range(len(out) - 1, -1, -1) if same_incident(out[k], ev, km)), None)
        if target is None:
            out.append(ev)
            folded.append(None)
            continue
        t = out[target]
        t.candidates.extend(c for c in ev.candidates if c not in t.candidates)
        t.evidence.extend(s for s in ev.evidence if s not in t.evidence)
        t.triggers.extend(ev.triggers)
        refine_location(t, ev.location, area_rank)
        if t.date_mention is None and ev.date_mention is not None:
            t.event_date, t.time_precision, t.date_mention = ev.event_date, ev.time_precision, ev.date_mention
        if ev.sentence != t.sentence:
            t.death_counts.extend(ev.death_counts)
            t.fatalities = combine_deaths(t.death_counts)
            t.fatalities_evidence = t.fatalities_evidence or ev.fatalities_evidence
        t.actor1 = t.actor1 or ev.actor1
        t.actor2 = t.actor2 or ev.actor2
        t.confidence = min(1.0, max(t.confidence, ev.confidence) + boost)
        folded.append(target)
    return out, folded


def _random_events(rng, n):
    from marsad.model import Actor, ActorMention

    actors = [ActorMention(0, 1, "a", Actor(f"A{i}", "A", "A", 1 + i % 3), "A") for i in range(3)]
    places = []
    for i in range(12):  # points a few km apart, two areas, one place far away, and an unnamed place
        lat, lon = 35.0 + rng.choice([0, 0.02, 0.05, 0.2, 1.5]) * rng.random(), 36.0 + 0.3 * rng.random()
        area = i % 5 == 0
        places.append(loc(f"P{i}", lat, lon, precision=3 if area else rng.choice([1, 2]),
                          admin1=rng.choice(["Idleb", "Hama"]), kind="region" if area else "town",
                          place_id="" if i == 11 else None))
    places.append(None)
    out = []
    for k in range(n):
        ev = event(sub=rng.choice(["Air/drone strike", "Shelling/artillery/missile attack"]),
                   sentence=k // 2, location=rng.choice(places), day=date(2021, 3, rng.choice([1, 2, 3])),
                   dated=rng.random() < 0.6, deaths=rng.choice([0, 0, 2, 5, 7]), generic=rng.random() < 0.3,
                   confidence=rng.random())
        ev.actor1 = rng.choice(actors + [None])
        ev.candidates = [k]
        out.append(ev)
    return out


def test_place_index_merges_as_the_full_comparison():
    import copy
    import random

    for seed in range(60):
        rng = random.Random(seed)
        events = _random_events(rng, rng.randint(1, 40))
        mine, mine_folded = merge_events(copy.deepcopy(events))
        ref, ref_folded = _reference_merge(copy.deepcopy(events))
        assert mine_folded == ref_folded, seed
        assert [(e.location and e.location.place_id, e.fatalities, e.evidence, e.candidates, e.event_date,
                 round(e.confidence, 9)) for e in mine] == \
               [(e.location and e.location.place_id, e.fatalities, e.evidence, e.candidates, e.event_date,
                 round(e.confidence, 9)) for e in ref], seed


def test_reach_covers_the_merge_distance():
    from marsad.geo.geodesy import haversine_km
    from marsad.stages.events.incident_index import reach_degrees

    for lat in (0.0, 35.0, 60.0, -70.0):
        dlat, dlon = reach_degrees(lat, 10.0)
        assert haversine_km(lat, 0, lat + dlat, 0) > 10.0 and haversine_km(lat, 0, lat, dlon) > 10.0
    assert reach_degrees(89.5, 10.0) is None and reach_degrees(0.0, 12000.0) is None
