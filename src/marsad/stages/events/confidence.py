"""Step 6, confidence: how likely a frame is a real, specific event.

Confidence = trigger strength x (base + one weight per anchor present), times factors for what makes a
report vague: a report of an incident names where, when, who or how many; talk about a kind of violence
("الاغتيالات", "التفجيرات الانتحارية") names none of these. Events under the threshold are not emitted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import ActorMention
from marsad.stages.events.frames import Frame
from marsad.stages.events.roles import CIVILIAN_INTER

EMIT_THRESHOLD = 0.55
CONFIDENCE_WEIGHTS = {"base": 0.45, "place": 0.2, "actor": 0.1, "date": 0.15, "deaths": 0.15, "several": 0.05,
                      "count": 0.1,
                      "definite": 0.8, "vague_generic": 0.8, "topic_only": 0.6, "past_year": 0.6}
GENERIC_WITH_WEAPON = 0.75  # strength of a generic attack or explosion word with a weapon named beside it
TWO_SIDES_BOOST = 1.3  # a generic attack word with an armed initiator and an armed target
NAMED_FORCE_BOOST = 1.3  # a raid, defection or redeployment with a named armed group doing it
FORCE_INTERS = (1, 2, 3)  # state forces, rebels, political militias
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
    """A frame's confidence and the factors that shaped it (names of CONFIDENCE_WEIGHTS or boosts)."""

    value: float
    factors: list[str] = field(default_factory=list)


def plural_noun(word: str) -> bool:
    """A sound feminine plural noun ending (ات), the commonest plural of event nouns."""
    return word.rstrip().endswith(("ات", "ات،"))


def score(frame: Frame, anchors: Anchors, actor1: ActorMention | None, actor2: ActorMention | None,
          weapon: str | None, past_year: bool = False) -> Score:
    """The confidence of a frame with its anchors, roles and weapon."""
    w = CONFIDENCE_WEIGHTS
    factors: list[str] = []
    anchored = (w["base"] + w["place"] * anchors.place + w["actor"] * anchors.actor
                + w["date"] * anchors.date + w["deaths"] * anchors.deaths + w["several"] * anchors.several
                + w["count"] * anchors.count)
    strength = frame.strength
    if frame.generic and weapon:
        strength = max(strength, GENERIC_WITH_WEAPON)  # "انفجرت قنبلة", "هجوم بالصواريخ": the weapon says what
        factors.append("generic_with_weapon")
    if frame.generic and actor1 is not None and actor2 is not None and actor2.actor.inter != CIVILIAN_INTER:
        strength = min(1.0, strength * TWO_SIDES_BOOST)  # "شن التنظيم هجوما على قوات ...": who against whom
        factors.append("two_sides")
    if frame.event_type == "Strategic developments" and actor1 is not None and actor1.actor.inter in FORCE_INTERS \
            and (not actor1.actor.generic or anchors.count):
        # "مداهمة ... من قبل دوريات فرع الأمن العسكري"; "احتجز مسلحون ثلاثة أشخاص"
        strength = min(1.0, strength * NAMED_FORCE_BOOST)
        factors.append("named_force")
    c = strength * anchored
    acts = [t for t in frame.triggers if not t.participants]  # "المتظاهرون" is definite in any report
    if acts and all(t.definite for t in acts):
        c *= w["definite"]
        factors.append("definite")
        if all(plural_noun(t.text) for t in acts):
            c *= w["definite"]  # "الاغتيالات", "التفجيرات": a kind of violence, not an incident
            factors.append("definite_plural")
    if frame.generic and not weapon and not anchors.deaths and actor1 is None:
        c *= w["vague_generic"]
        factors.append("vague_generic")
    if acts and all(t.topic for t in acts) and not (anchors.place or anchors.date or anchors.deaths):
        c *= w["topic_only"]
        factors.append("topic_only")
    c = max(0.0, min(1.0, c))
    if past_year:
        c *= w["past_year"]
        factors.append("past_year")
    return Score(c, factors)
