"""Notes: one English sentence per event, from its fields only."""

from datetime import date
from pathlib import Path

import marsad
from marsad.geo.geodesy import compass_word
from marsad.model import Actor, ActorMention, Event, Location
from marsad.stages.notes import write_note


def test_note_from_fields():
    actor = Actor("IS-SY", "Islamic State (Syria)", "تنظيم الدولة", 2)
    target = Actor("SY-LQ", "Liwa al-Quds", "لواء القدس", 3)
    loc = Location("Tadmur", "تدمر", "Syria", "Homs", "Tadmur", "Tadmur", 34.75, 38.5, 2, "", 0, 0,
                   description="about 30 km north-east of Tadmur")
    ev = Event("Battles", "Armed clash", event_date=date(2021, 2, 25), time_precision=1,
               actor1=ActorMention(0, 1, "", actor, actor.name), actor2=ActorMention(0, 1, "", target, target.name),
               location=loc, fatalities=2)
    assert write_note(ev) == ("On 25 February 2021, Islamic State (Syria) clashed with Liwa al-Quds about 30 km "
                              "north-east of Tadmur (Homs). 2 people were reported killed.")


def test_note_without_actor_or_date():
    ev = Event("Strategic developments", "Arrests", time_precision=None)
    assert write_note(ev) == "On an unknown date, unidentified actors carried out arrests."


def test_compass_words():
    assert [compass_word(b) for b in (0, 44, 46, 90, 180, 225, 359)] == [
        "north", "north-east", "north-east", "east", "south", "south-west", "north"]
    assert compass_word(90, adjective=True) == "eastern"


def test_bundled_examples_give_their_events():
    text = (Path(__file__).resolve().parents[2] / "examples" / "homs-ambush.txt").read_text(encoding="utf-8")
    events = marsad.extract(text, published="2021-03-01").events
    kinds = [(e.sub_event_type, e.location.admin1) for e in events]
    assert ("Armed clash", "Homs") in kinds and ("Arrests", "Homs") in kinds and ("Air/drone strike", "Idleb") in kinds
    assert all(e.notes for e in events)
