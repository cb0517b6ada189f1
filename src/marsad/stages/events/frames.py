"""Step 3, frames: the triggers of one sentence become one event per sub-event type.

A generic word ("هجوم", "استهداف") joins the strongest specific frame of its sentence; a weak frame beside
a stronger one is dropped (unless the sentence reports deaths and the frame is violent); a repression word
("تفريق") modifies the protest beside it. A sentence with no trigger that counts the dead ("قتل 5 مدنيين")
becomes a casualty-only frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import Document, Trigger
from marsad.stages.events.rules import EventRules, builtin_rules
from marsad.stages.events.triggers import killing_trigger
from marsad.text.matcher import Match


@dataclass
class Frame:
    """The triggers of one sentence that report one event, before arguments are attached."""

    sentence: int
    triggers: list[Trigger]
    event_type: str
    sub_event_type: str
    strength: float
    generic: bool = False
    territory: bool = False
    casualty_only: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def anchor(self) -> Trigger:
        return self.triggers[0]


@dataclass
class DroppedGroup:
    """Triggers of a sentence that make no frame, and why (`weaker`: the stronger frame's sub-type)."""

    sentence: int
    triggers: list[Trigger]
    reason: str  # "weaker-frame" or "modifier-only"
    weaker_than: str = ""


def group_sentence(trigs: list[Trigger]) -> dict[str, list[Trigger]]:
    """The main (non-modifier) triggers of one sentence, by sub-type; generic words join a specific frame."""
    groups: dict[str, list[Trigger]] = {}
    for t in sorted((t for t in trigs if not t.modifier), key=lambda t: (t.generic, -t.strength, t.start)):
        key = t.sub_event_type
        if t.generic or t.territory:
            # a generic word joins the strongest specific frame of the sentence
            specific = [k for k, g in groups.items() if not g[0].generic]
            if specific:
                groups[specific[0]].append(t)
                continue
        groups.setdefault(key, []).append(t)
    return groups


def build_frames(doc: Document, triggers: list[Trigger], killed: list[Match[str]], action_sentences: set[int],
                 dropped: list[DroppedGroup] | None = None, rules: EventRules | None = None) -> list[Frame]:
    """The frames of a document, in text order; groups that make no frame go to `dropped`."""
    r = (rules or builtin_rules()).frames
    killing_sentences = {doc.tokens[m.token_start].sentence for m in killed}
    by_sentence: dict[int, list[Trigger]] = {}
    for t in triggers:
        by_sentence.setdefault(t.sentence, []).append(t)
    frames: list[Frame] = []
    lost = dropped if dropped is not None else []
    for s, trigs in sorted(by_sentence.items()):
        modifiers = [t for t in trigs if t.modifier]
        groups = group_sentence(trigs)
        if not groups:
            lost.append(DroppedGroup(s, modifiers, "modifier-only"))
            continue
        deadly = s in killing_sentences
        strong = {k: g for k, g in groups.items() if g[0].strength >= r.strong_frame or len(groups) == 1
                  or (deadly and g[0].event_type in r.violent_types)}  # "قتلت الناشطة بإطلاق نار"
        if not strong:
            strong = dict([max(groups.items(), key=lambda kv: kv[1][0].strength)])
        best = max(strong.values(), key=lambda g: g[0].strength)[0].sub_event_type
        lost.extend(DroppedGroup(s, g, "weaker-frame", best) for k, g in groups.items() if k not in strong)
        for g in strong.values():
            head = g[0]
            strength = head.strength
            if head.event_type == "Protests":
                if s in action_sentences:
                    strength = max(strength, r.protest_with_action)  # people gathered, marched, chanted
                else:
                    strength *= r.protest_without_action
            frames.append(Frame(s, g + modifiers, head.event_type, head.sub_event_type, strength,
                                generic=head.generic, territory=head.territory))
    # sentences that only count the dead ("قتل 5 مدنيين برصاص مجهولين")
    framed = {f.sentence for f in frames}
    for m in killed:
        s = doc.tokens[m.token_start].sentence
        if s in framed:
            continue
        trig = killing_trigger(doc, m, r.casualty_strength)
        frames.append(Frame(s, [trig], trig.event_type, trig.sub_event_type, r.casualty_strength, generic=True,
                            casualty_only=True))
        framed.add(s)
    frames.sort(key=lambda f: (f.sentence, f.anchor.start))
    return frames
