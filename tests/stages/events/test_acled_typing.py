"""Step 5: ACLED's type rules, on frames and actors built by hand."""

import pytest

from marsad.model import Actor, ActorMention, Trigger
from marsad.stages.events.acled_typing import refine_type
from marsad.stages.events.frames import Frame


def frame(event_type, sub, generic=False, territory=False, casualty_only=False, entry="x", refine=False,
          modifiers=()):
    t = Trigger(0, 1, "x", entry, event_type, sub, 0.6, 0, 1, 0, generic=generic, territory=territory,
                refine_by_weapons=refine)
    mods = [Trigger(2, 3, "y", "m", event_type, sub, 0.5, 2, 3, 0, modifier=m) for m in modifiers]
    return Frame(0, [t, *mods], event_type, sub, 0.6, generic=generic, territory=territory,
                 casualty_only=casualty_only)


def actor(inter, side=None):
    a = Actor(f"A{inter}{side}", "A", "A", inter, side=side)
    return ActorMention(0, 1, "a", a, "A")


STATE, REBEL, CIVILIANS = actor(1), actor(2), actor(7)


@pytest.mark.parametrize("f, a1, a2, weapon, expected", [
    (frame("Battles", "Armed clash", generic=True), REBEL, CIVILIANS, None, ("Violence against civilians", "Attack")),
    (frame("Battles", "Armed clash", generic=True), REBEL, STATE, "Suicide bomb",
     ("Explosions/Remote violence", "Suicide bomb")),
    (frame("Battles", "Armed clash", generic=True), REBEL, STATE, None, ("Battles", "Armed clash")),
    (frame("Violence against civilians", "Attack", generic=True, casualty_only=True), REBEL, STATE, None,
     ("Battles", "Armed clash")),
    (frame("Strategic developments", "Arrests"), STATE, CIVILIANS, None, ("Strategic developments", "Arrests")),
    (frame("Strategic developments", "Arrests"), REBEL, CIVILIANS, None,
     ("Violence against civilians", "Abduction/forced disappearance")),
    (frame("Strategic developments", "Arrests"), actor(3, "pro-government"), None, None,
     ("Strategic developments", "Arrests")),
    (frame("Battles", "Government regains territory", territory=True), REBEL, STATE, None,
     ("Battles", "Non-state actor overtakes territory")),
    (frame("Battles", "Non-state actor overtakes territory", territory=True), actor(3, "government"), REBEL, None,
     ("Battles", "Government regains territory")),
    (frame("Explosions/Remote violence", "Shelling/artillery/missile attack", refine=True), STATE, None,
     "Air/drone strike", ("Explosions/Remote violence", "Air/drone strike")),
    (frame("Explosions/Remote violence", "Shelling/artillery/missile attack", refine=True), STATE, CIVILIANS,
     "Suicide bomb", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (frame("Battles", "Armed clash", entry="ambush"), REBEL, CIVILIANS, None, ("Violence against civilians", "Attack")),
    (frame("Protests", "Peaceful protest", modifiers=("intervention",)), None, STATE, None,
     ("Protests", "Protest with intervention")),
    (frame("Protests", "Peaceful protest", modifiers=("excessive_force", "intervention")), None, STATE, None,
     ("Protests", "Excessive force against protesters")),
])
def test_refine_type(f, a1, a2, weapon, expected):
    assert refine_type(f, a1, a2, weapon) == expected
