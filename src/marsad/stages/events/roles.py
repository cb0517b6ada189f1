"""Step 4a, roles: which actor mention of a frame's sentence is the initiator (actor1) and which the target
(actor2), and their associates.

The little words around a mention decide: an agent marker before it (من قبل، نفذه، برصاص، طائرات) makes it
the initiator, a target marker (على، ضد، مواقع، استهدف) or a count of its dead ("مقتل 40 من الحوثيين")
the target; "بين X و Y" names both sides of a clash; civilians are never the initiator; actors joined by و
or a comma are associates of one side. Each choice keeps the rule and the words that decided it.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from marsad.model import Actor, ActorMention, Document, Quantity
from marsad.stages.actors import ActorLexicon, actor_name
from marsad.stages.events.context import Reason
from marsad.stages.events.frames import Frame
from marsad.stages.events.rules import EventRules, builtin_rules


@dataclass
class Roles:
    """The parties of one frame, with why each was chosen."""

    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    assoc1: list[ActorMention] = field(default_factory=list)
    assoc2: list[ActorMention] = field(default_factory=list)
    why1: Reason | None = None
    why2: Reason | None = None


class GenericActors:
    """The generic actors (protesters, unidentified armed group ...) an event may need when the text names
    none, by their `generic` kind."""

    def __init__(self, lexicon: ActorLexicon) -> None:
        self.by_kind: dict[str, Actor] = {}
        for actor in lexicon.actors.values():
            if actor.generic:
                self.by_kind.setdefault(actor.generic, actor)

    def mention(self, doc: Document, frame: Frame, kind: str) -> ActorMention | None:
        """A generic actor standing for one the text does not name, placed on the frame's trigger."""
        actor = self.by_kind.get(kind)
        if actor is None:
            return None
        t = frame.anchor
        return ActorMention(t.start, t.end, t.text, actor, actor_name(actor, doc.country), t.token_start,
                            t.token_end)


class ActorLine:
    """Actor mentions in text order, to walk from one of them to the next."""

    def __init__(self, actors: list[ActorMention]) -> None:
        self.ordered = sorted(actors, key=lambda a: a.start)
        self.starts = [a.start for a in self.ordered]

    def after(self, pos: int) -> list[ActorMention]:
        """The mentions starting at or after character `pos`."""
        return self.ordered[bisect_left(self.starts, pos):]


def coordinated(doc: Document, head: ActorMention | None, actors: list[ActorMention] | ActorLine,
                rules: EventRules | None = None) -> list[ActorMention]:
    """Actors joined to `head` by و or a comma ("قوات النظام والميليشيات الإيرانية"): its associates."""
    if head is None:
        return []
    rules = rules or builtin_rules()
    joins, and_, civilians = rules.morphology.list_joins, rules.morphology.and_, rules.roles.civilian_inter
    line = actors if isinstance(actors, ActorLine) else ActorLine(actors)
    out: list[ActorMention] = []
    ids: set[str] = set()
    last = head
    for a in line.after(head.end):  # nothing before the head's end can join it
        if a.start < last.end or a is head:
            continue
        gap = doc.text[last.end:a.start].strip()
        starts_with_and = doc.tokens[a.token_start].norm.startswith(and_)
        if ((not gap or gap in joins) and (starts_with_and or gap in joins)) and \
                (a.actor.inter == civilians) == (head.actor.inter == civilians):
            if a.actor.id != head.actor.id and a.actor.id not in ids:
                out.append(a)
                ids.add(a.actor.id)
            last = a
        elif a.start > last.end:
            break
    return out


class _Markers:
    """The role markers around the actor mentions of one sentence."""

    def __init__(self, doc: Document, counts: list[Quantity], killed_tokens: frozenset[int],
                 rules: EventRules) -> None:
        self.toks = doc.tokens
        self.killed_tokens = killed_tokens
        self.r = rules.roles
        self.count_ends = {q.token_end for q in counts}
        self.counted = {j for q in counts for j in range(q.token_start, q.token_end)}

    def marked(self, a: ActorMention, words: frozenset[str]) -> int | None:
        """The token of a marker from `words` just before the mention, in its sentence."""
        toks = self.toks
        for j in range(max(0, a.token_start - self.r.marker_reach), a.token_start):
            if toks[j].sentence == toks[a.token_start].sentence and any(f in words for f in toks[j].forms):
                return j
        return None

    def victim(self, a: ActorMention) -> Reason | None:
        """"مقتل 40 من الحوثيين", "قتلى قوات النظام": the dead belong to this side."""
        toks, r = self.toks, self.r
        j = a.token_start - 1
        while j >= 0 and toks[j].sentence == toks[a.token_start].sentence and j >= a.token_start - r.victim_reach:
            if j in self.killed_tokens:
                return Reason("dead-of-this-side", j, j + 1)
            if toks[j].norm == r.partitive and j > 0 and j in self.count_ends:
                return Reason("count-of-this-side", j, j + 1)  # "9 من أفراد لواء القدس": a count of this side's men
            if toks[j].norm not in r.victim_path and not toks[j].norm.isdigit() and j not in self.counted:
                return None
            j -= 1
        return None


def _between(armed: list[ActorMention], toks: list, between: frozenset[str]) -> Roles | None:
    """"اشتباكات بين X و Y": X after بين, Y the next other side named after it."""
    none_after: tuple[int, str] | None = None  # (start, id): no other side is named after this mention
    for a in armed:
        if a.token_start == 0 or toks[a.token_start - 1].norm not in between:
            continue
        if none_after is not None and a.start > none_after[0] and a.actor.id == none_after[1]:
            continue  # later and the same side: no other side after it either
        other = next((b for b in armed if b.actor.id != a.actor.id and b.start > a.start), None)
        if other is not None:
            why = Reason("between", a.token_start - 1, a.token_start)
            return Roles(a, other, [], [], why, why)
        none_after = (a.start, a.actor.id)
    return None


def choose_roles(doc: Document, frame: Frame, actors: list[ActorMention], counts: list[Quantity],
                 generic: GenericActors, killed_tokens: frozenset[int] = frozenset(),
                 rules: EventRules | None = None) -> Roles:
    """Initiator and target among the actors of the frame's sentence (`counts`: its quantities)."""
    rules = rules or builtin_rules()
    r = rules.roles
    toks = doc.tokens
    trig = frame.anchor
    mk = _Markers(doc, counts, killed_tokens, rules)
    ends = {b.token_end for b in actors}
    armed, victims, protesters = [], [], []
    for a in actors:
        if a.token_start > 1 and any(f in r.affiliation_markers for f in toks[a.token_start - 1].forms) \
                and a.token_start - 1 in ends:
            continue  # "لواء القدس التابعة لشعبة المخابرات": whom a named group belongs to, not a party
        inter = a.actor.inter
        if inter == r.civilian_inter:
            victims.append(a)
        elif inter in r.protester_inters:
            protesters.append(a)
        else:
            armed.append(a)
    why: dict[int, Reason] = {}
    agents = []
    for a in armed:
        j = mk.marked(a, r.agent_markers)
        if j is not None and mk.marked(a, r.against_markers) is None:
            agents.append(a)
            why[id(a)] = Reason("agent-marker", j, j + 1)
    is_agent = {id(a) for a in agents}
    targets = []
    for a in armed:
        if id(a) in is_agent:
            continue
        j = mk.marked(a, r.target_markers)
        hit = Reason("target-marker", j, j + 1) if j is not None else mk.victim(a)
        if hit is not None:
            targets.append(a)
            why[id(a)] = hit
    is_target = {id(a) for a in targets}
    armed_line = ActorLine(armed)
    for t in list(targets):  # "قوات النظام والمسلحين الموالين لها": the target's companions are targets too
        for c in coordinated(doc, t, armed_line, rules):
            if id(c) not in is_target and id(c) not in is_agent:
                targets.append(c)
                is_target.add(id(c))
                why[id(c)] = Reason("joined-to-target", c.token_start, c.token_start + 1)
    rest = [a for a in armed if id(a) not in is_agent and id(a) not in is_target]
    if frame.event_type == "Battles" and len(armed) >= 2:
        both = _between(armed, toks, r.between)
        if both is not None:
            return both
    order = agents + rest + targets
    actor1 = order[0] if order else None
    why1 = None
    if actor1 is not None:
        why1 = why[id(actor1)] if agents else Reason("first-named") if rest else Reason("only-side-named")
    actor2, why2 = None, None
    for a in targets + rest + agents:  # the target is whoever is marked as hit, else the next side named
        if actor1 is not None and a is not actor1 and a.actor.id != actor1.actor.id:
            actor2 = a
            why2 = why.get(id(a)) if id(a) in is_target else Reason("next-named")
            break
    if frame.event_type == "Protests" or frame.event_type == "Riots":
        if protesters:
            p, why_p = protesters[0], Reason("protesters-named")
        else:
            p = generic.mention(doc, frame, "rioters" if frame.event_type == "Riots" else "protesters")
            why_p = Reason("generic-protesters")
        if frame.sub_event_type == "Peaceful protest":
            return Roles(p, None, [], [], why_p, None)
        return Roles(p, actor1, [], [], why_p, why1)
    if victims and frame.sub_event_type in ("Arrests", "Abduction/forced disappearance", "Attack"):
        # the people arrested, abducted or attacked are the target, before any armed group named nearby
        actor2 = min(victims, key=lambda v: abs(v.start - trig.start))
        why2 = Reason("civilians-nearest")
    elif actor2 is None and victims and frame.sub_event_type not in ("Change to group/activity", "Agreement"):
        actor2 = min(victims, key=lambda v: abs(v.start - trig.start))
        why2 = Reason("civilians-nearest")
    if actor1 is not None and actor1.actor.inter == r.civilian_inter:
        actor1, actor2, why1, why2 = None, actor1, None, Reason("civilians-not-initiator")
    if frame.sub_event_type == "Change to group/activity" and actor2 is not None and id(actor2) not in is_target:
        j = mk.marked(actor2, r.joined_markers)
        if j is None:
            actor2, why2 = None, None  # a defection or redeployment has a second party only when the text marks one
        else:
            why2 = Reason("joined-marker", j, j + 1)
    line = ActorLine(actors)
    assoc1 = coordinated(doc, actor1, line, rules)
    in_assoc1 = {id(a) for a in assoc1}
    if actor2 is not None and id(actor2) in in_assoc1:
        # "انشق عناصر من الدفاع الوطني ولواء القدس": both on one side
        actor2 = next((a for a in targets + rest if a is not actor1 and id(a) not in in_assoc1
                       and (actor1 is None or a.actor.id != actor1.actor.id)), None)
        why2 = (why.get(id(actor2)) or Reason("next-named")) if actor2 is not None else None
    assoc2 = coordinated(doc, actor2, line, rules)
    return Roles(actor1, actor2, assoc1, assoc2, why1, why2)
