"""Step 6, confidence: how likely a frame is a real, specific event.

Confidence = trigger strength x (base + one weight per anchor present), times factors for what makes a
report vague: a report of an incident names where, when, who or how many; talk about a kind of violence
("الاغتيالات", "التفجيرات الانتحارية") names none of these. Events under the threshold are not emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import ActorMention
from marsad.stages.events.frames import Frame
from marsad.stages.events.rules import EventRules, builtin_rules

ANCHORS = ("place", "date", "actor", "deaths", "count", "several")


@dataclass
class Anchors:
    """What ties a frame to one incident: a specific place, a date or a count beside the trigger, a party,
    deaths, several trigger words."""

    place: bool = False
    date: bool = False
    actor: bool = False
    deaths: bool = False
    count: bool = False
    several: bool = False

    def present(self) -> list[str]:
        return [a for a in ANCHORS if getattr(self, a)]

    def missing(self) -> list[str]:
        return [a for a in ANCHORS if not getattr(self, a)]


@dataclass
class Score:
    """A frame's confidence and the factors that shaped it (the names of the rules' factors and boosts)."""

    value: float
    factors: list[str] = field(default_factory=list)


def plural_noun(word: str, endings: tuple[str, ...]) -> bool:
    """A sound feminine plural noun ending (ات), the commonest plural of event nouns."""
    return word.rstrip().endswith(endings)


def score(frame: Frame, anchors: Anchors, actor1: ActorMention | None, actor2: ActorMention | None,
          weapon: str | None, past_year: bool = False, rules: EventRules | None = None,
          large_toll: bool = False) -> Score:
    """The confidence of a frame with its anchors, roles and weapon (`large_toll`: it counts more dead than
    the rules' support level)."""
    rules = rules or builtin_rules()
    c_rules = rules.confidence
    w, x = c_rules.weights, c_rules.factors
    factors: list[str] = []
    anchored = (w["base"] + w["place"] * anchors.place + w["actor"] * anchors.actor
                + w["date"] * anchors.date + w["deaths"] * anchors.deaths + w["several"] * anchors.several
                + w["count"] * anchors.count)
    strength = frame.strength
    if frame.generic and weapon:
        strength = max(strength, c_rules.generic_with_weapon)  # "انفجرت قنبلة", "هجوم بالصواريخ": the weapon says what
        factors.append("generic_with_weapon")
    if frame.generic and actor1 is not None and actor2 is not None and \
            actor2.actor.inter != rules.roles.civilian_inter:
        strength = min(1.0, strength * c_rules.two_sides_boost)  # "شن التنظيم هجوما على قوات ...": who against whom
        factors.append("two_sides")
    if frame.event_type == "Strategic developments" and actor1 is not None \
            and actor1.actor.inter in rules.roles.force_inters \
            and (not actor1.actor.generic or anchors.count):
        # "مداهمة ... من قبل دوريات فرع الأمن العسكري"; "احتجز مسلحون ثلاثة أشخاص"
        strength = min(1.0, strength * c_rules.named_force_boost)
        factors.append("named_force")
    c = strength * anchored
    acts = [t for t in frame.triggers if not t.participants]  # "المتظاهرون" is definite in any report
    if acts and all(t.definite for t in acts):
        c *= x["definite"]
        factors.append("definite")
        if all(plural_noun(t.text, rules.morphology.plural_noun_endings) for t in acts):
            c *= x["definite"]  # "الاغتيالات", "التفجيرات": a kind of violence, not an incident
            factors.append("definite_plural")
    if frame.generic and not weapon and not anchors.deaths and actor1 is None:
        c *= x["vague_generic"]
        factors.append("vague_generic")
    if acts and all(t.topic for t in acts) and not (anchors.place or anchors.date or anchors.deaths):
        c *= x["topic_only"]
        factors.append("topic_only")
    c = max(0.0, min(1.0, c))
    if past_year:
        c *= x["past_year"]
        factors.append("past_year")
    if large_toll:
        c *= x["large_toll"]
        factors.append("large_toll")
    return Score(c, factors)
