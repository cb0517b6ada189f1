"""Step 5, ACLED's type rules: the frame's type refined by who did it to whom, and with what.

A generic attack on civilians is Violence against civilians / Attack, with a weapon named beside it an
explosion of that kind; a sentence that only counts the dead is an attack on civilians, or a clash when
two sides are named; shelling is an air strike when aircraft are named; an arrest by a non-state group is
an abduction; territory taken by the state is Government regains territory; a protest met with force is
coded by the repression word beside it.
"""

from __future__ import annotations

from marsad.model import ActorMention
from marsad.stages.events.frames import Frame
from marsad.stages.events.rules import EventRules, builtin_rules

REMOTE_WEAPONS = ("Air/drone strike", "Shelling/artillery/missile attack")  # what refines a shelling word


def refine_type(frame: Frame, actor1: ActorMention | None, actor2: ActorMention | None,
                weapon: str | None, rules: EventRules | None = None) -> tuple[str, str]:
    """The ACLED (event type, sub-event type) of a frame with its roles and weapon."""
    rules = rules or builtin_rules()
    r = rules.roles
    et, sub = frame.event_type, frame.sub_event_type
    a1_inter = actor1.actor.inter if actor1 else None
    victims_civilian = actor2 is not None and actor2.actor.inter == r.civilian_inter
    if frame.territory or sub in ("Government regains territory", "Non-state actor overtakes territory"):
        if a1_inter == r.state_inter or (actor1 and actor1.actor.side == r.state_sides[0]):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if frame.anchor.refine_by_weapons:
        if weapon in REMOTE_WEAPONS:
            return "Explosions/Remote violence", weapon
        return et, sub
    if frame.generic and et in rules.frames.violent_types:
        if weapon:
            return "Explosions/Remote violence", weapon
        if victims_civilian and (actor2 is None or actor2.actor.inter == r.civilian_inter):
            return "Violence against civilians", "Attack"
        if frame.casualty_only:
            if actor1 is not None and actor2 is not None:
                return "Battles", "Armed clash"
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if sub == "Arrests" and actor1 is not None and a1_inter not in (r.state_inter, None) \
            and actor1.actor.side not in r.state_sides:
        return "Violence against civilians", "Abduction/forced disappearance"
    if et == "Battles" and sub == "Armed clash" and victims_civilian and actor1 is not None and \
            frame.anchor.entry_id.startswith("ambush"):
        return "Violence against civilians", "Attack"
    if et == "Protests":
        mods = {t.modifier for t in frame.triggers if t.modifier}
        if "excessive_force" in mods:
            return "Protests", "Excessive force against protesters"
        if "intervention" in mods:
            return "Protests", "Protest with intervention"
    return et, sub
