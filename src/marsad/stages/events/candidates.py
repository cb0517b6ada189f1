"""Every possible event the stage considered, kept with its decision and the reason for it.

The stage opens a `Candidate` for each blocked trigger, each trigger group that makes no frame and each
frame; the steps fill in what they chose (roles with their words, place, date, deaths, confidence and
anchors) or why they stopped. `settle` merges the reports of one incident, applies the threshold and
writes the final decision of every candidate: emitted as event k, merged into event k, or below the
threshold; then numbers the candidates in text order and links each event to its candidates.
"""

from __future__ import annotations

from marsad.model import ActorMention, Candidate, Document, Event, Role, Span, Trigger, Words
from marsad.stages.events.confidence import Anchors, Score
from marsad.stages.events.context import Reason
from marsad.stages.events.frames import DroppedGroup, Frame
from marsad.stages.events.merge import Incidents

# What each rule means, for the one-line `detail` a reviewer reads.
RULES = {
    "threat": "a threat", "plan_future": "a plan or intention", "condemnation": "a condemnation",
    "denial": "a denial", "call_or_demand": "a call or demand", "hypothetical": "a hypothesis",
    "without": "'without'", "reference": "a reference to a case, file or report", "negation": "a negation",
    "question": "a question", "totals": "a whole-war total", "history": "a historical aside",
    "future": "the future prefix: something planned", "purpose": "li- of purpose: an aim, not a deed",
    "non-conflict": "sport, economy or cyber vocabulary beside it",
    "modifier-only": "a repression word with no protest in its sentence",
    "weaker-frame": "a weak word beside a stronger frame of the same sentence",
    "no-deaths": "a killed word with no count of the dead and no civilians named",
    "nobody-named": "a killed word with nobody named",
    "history-date": "dated too long before publication: background",
    "future-date": "dated after publication: a plan, not an event",
}
ROLE_RULES = {
    "agent-marker": "marked as the doer", "target-marker": "marked as hit", "dead-of-this-side": "its dead are counted",
    "count-of-this-side": "a count of its men", "joined-to-target": "joined to the target",
    "between": "between X and Y", "first-named": "the first side named", "only-side-named": "the only side named",
    "next-named": "the next side named", "civilians-nearest": "the civilians nearest the trigger",
    "civilians-not-initiator": "civilians are never the initiator", "protesters-named": "the protesters named",
    "generic-protesters": "nobody named: generic protesters or rioters", "joined-marker": "marked as the side joined",
    "carried": "carried from an earlier sentence of the paragraph",
    "unidentified": "nobody named: ACLED's unidentified actor",
}


def quote(text: str) -> str:
    return f"«{text}»"


class CandidateBook:
    """The candidates of one document while the stage runs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.items: list[Candidate] = []

    def words(self, reason: Reason | None) -> Words | None:
        """A step's reason with the text of the tokens that decided it."""
        if reason is None:
            return None
        if reason.token_start is None or reason.token_end is None:
            return Words(reason.rule)
        toks = self.doc.tokens
        start, end = toks[reason.token_start].start, toks[reason.token_end - 1].end
        return Words(reason.rule, self.doc.text[start:end], start, end)

    def open(self, triggers: list[Trigger], sentence: int, event_type: str, sub_event_type: str) -> Candidate:
        sent = self.doc.sentences[sentence]
        cand = Candidate(len(self.items), list(triggers), sentence, Span(sent.start, sent.end), event_type,
                         sub_event_type)
        self.items.append(cand)
        return cand

    def stop(self, cand: Candidate, decision: str, rule: str, words: Words | None = None) -> None:
        """Record that a candidate ends here: blocked by a cue, or filtered by a rule."""
        cand.decision, cand.reason, cand.words = decision, rule, words
        at = f" at words {quote(words.text)}" if words is not None and words.start is not None else ""
        what = f'cue "{rule}"' if decision == "blocked" else rule
        cand.detail = f"{decision} by {what} ({RULES.get(rule, rule)}){at}"

    def blocked(self, trig: Trigger, reason: Reason) -> None:
        cand = self.open([trig], trig.sentence, trig.event_type, trig.sub_event_type)
        by_words = reason.token_start is not None and reason.rule not in ("future", "purpose", "non-conflict")
        self.stop(cand, "blocked" if by_words else "filtered", reason.rule, self.words(reason))

    def dropped(self, group: DroppedGroup) -> None:
        head = group.triggers[0]
        cand = self.open(group.triggers, group.sentence, head.event_type, head.sub_event_type)
        self.stop(cand, "filtered", group.reason)
        if group.weaker_than:
            cand.detail += f"; the stronger frame: {group.weaker_than}"

    def frame(self, frame: Frame) -> Candidate:
        return self.open(frame.triggers, frame.sentence, frame.event_type, frame.sub_event_type)

    @staticmethod
    def scored(cand: Candidate, result: Score, anchors: Anchors) -> None:
        cand.confidence = result.value
        cand.factors = list(result.factors)
        cand.anchors_present, cand.anchors_missing = anchors.present(), anchors.missing()

    def roles(self, cand: Candidate, actor1: ActorMention | None, why1: Words | None, actor2: ActorMention | None,
              why2: Words | None) -> None:
        cand.roles = [Role("actor1", actor1, why1 if actor1 is not None else None),
                      Role("actor2", actor2, why2 if actor2 is not None else None)]

    def settle(self, events: list[Event], threshold: float, incidents: Incidents) -> list[Event]:
        """Merge, apply the threshold, decide every open candidate; the events to emit."""
        heads, _ = incidents.merge(events)
        kept = [h for h in heads if h.confidence >= threshold]
        final = {id(h): k for k, h in enumerate(kept)}
        emitted: dict[int, list[int]] = {}
        merged: dict[int, list[int]] = {}
        below: dict[int, Event] = {}
        for h in heads:
            k = final.get(id(h))
            for cid in dict.fromkeys(h.candidates):
                if k is None:
                    below.setdefault(cid, h)
                else:
                    (emitted if cid == h.candidates[0] else merged).setdefault(cid, []).append(k)
        for cand in self.items:
            if cand.decision:
                continue
            cid = cand.index
            if cid in emitted:
                cand.decision, cand.events = "emitted", sorted(set(emitted[cid] + merged.get(cid, [])))
            elif cid in merged:
                cand.decision, cand.events = "merged", sorted(set(merged[cid]))
                cand.reason = cand.reason or "same-incident"
            else:
                cand.decision, cand.reason = "below_threshold", "threshold"
                head = below.get(cid)
                if head is not None and head.candidates[0] != cid:
                    cand.arguments["merged_with"] = head.candidates[0]
                    cand.arguments["incident_confidence"] = round(head.confidence, 3)
        self._number(kept, threshold)
        return kept

    def _number(self, kept: list[Event], threshold: float) -> None:
        """Number the candidates in text order, link events to them, and write every detail line."""
        order = sorted(self.items, key=lambda c: (c.triggers[0].start if c.triggers else c.evidence.start, c.index))
        renumber = {c.index: n for n, c in enumerate(order)}
        for n, c in enumerate(order):
            c.index = n
        for ev in kept:  # the candidate that opened the incident first, then those merged into it
            ev.candidates = list(dict.fromkeys(renumber[c] for c in ev.candidates))
        for c in order:
            if "merged_with" in c.arguments:
                c.arguments["merged_with"] = renumber[c.arguments["merged_with"]]
            if c.decision == "emitted":
                many = "s" if len(c.events) > 1 else ""
                c.detail = f"emitted as event{many} {', '.join(map(str, c.events))} (confidence {c.confidence:.2f})"
            elif c.decision == "merged":
                heads = ", ".join(f"#{kept[k].candidates[0]}" for k in c.events)
                what = "a follow-up sentence" if c.reason == "follow-up" else "another report"
                c.detail = f"merged into event {', '.join(map(str, c.events))}: {what} of the incident of " \
                           f"candidate {heads}"
            elif c.decision == "below_threshold":
                c.detail = below_detail(c, threshold)
        self.doc.candidates = order


def below_detail(c: Candidate, threshold: float) -> str:
    """Why a candidate under the threshold is not emitted, with the anchors it had and lacked."""
    if "merged_with" in c.arguments:
        return (f"below threshold: merged with candidate {c.arguments['merged_with']}, whose incident has confidence "
                f"{c.arguments['incident_confidence']:.2f} < {threshold:.2f}")
    conf = c.confidence if c.confidence is not None else 0.0
    present = ", ".join(c.anchors_present) or "none"
    missing = ", ".join(c.anchors_missing) or "none"
    factors = f"; factors: {', '.join(c.factors)}" if c.factors else ""
    return f"below threshold: confidence {conf:.2f} < {threshold:.2f}; anchors present: {present}; " \
           f"missing: {missing}{factors}"
