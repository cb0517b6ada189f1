"""Step 5, ACLED's type rules: the frame's type refined by who did it to whom, and with what.

A generic attack on civilians is Violence against civilians / Attack, with a weapon named beside it an
explosion of that kind; a sentence that only counts the dead is an attack on civilians, or a clash when
two sides are named; shelling is an air strike when aircraft are named; an arrest by a non-state group is
an abduction; territory taken by the state is Government regains territory; a protest met with force is
coded by the repression word beside it.
"""

from __future__ import annotations

from marsad.model import ActorMention
from marsad.stages.events.frames import VIOLENT_TYPES, Frame
from marsad.stages.events.roles import CIVILIAN_INTER

STATE_INTER = 1
STATE_SIDES = ("government", "pro-government")  # sides whose arrests are arrests, not abductions
REMOTE_WEAPONS = ("Air/drone strike", "Shelling/artillery/missile attack")  # what refines a "قصف" word


def refine_type(frame: Frame, actor1: ActorMention | None, actor2: ActorMention | None,
                weapon: str | None) -> tuple[str, str]:
    """The ACLED (event type, sub-event type) of a frame with its roles and weapon."""
    et, sub = frame.event_type, frame.sub_event_type
    a1_inter = actor1.actor.inter if actor1 else None
    victims_civilian = actor2 is not None and actor2.actor.inter == CIVILIAN_INTER
    if frame.territory or sub in ("Government regains territory", "Non-state actor overtakes territory"):
        if a1_inter == STATE_INTER or (actor1 and actor1.actor.side == STATE_SIDES[0]):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if frame.anchor.refine_by_weapons:
        if weapon in REMOTE_WEAPONS:
            return "Explosions/Remote violence", weapon
        return et, sub
    if frame.generic and et in VIOLENT_TYPES:
        if weapon:
            return "Explosions/Remote violence", weapon
        if victims_civilian and (actor2 is None or actor2.actor.inter == CIVILIAN_INTER):
            return "Violence against civilians", "Attack"
        if frame.casualty_only:
            if actor1 is not None and actor2 is not None:
                return "Battles", "Armed clash"
            return "Violence against civilians", "Attack"
        return "Battles", "Armed clash"
    if sub == "Arrests" and actor1 is not None and a1_inter not in (STATE_INTER, None) \
            and actor1.actor.side not in STATE_SIDES:
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
