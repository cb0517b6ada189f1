"""What the events stage looks up in one document, found once: word-list matches, clauses, and the
document's findings grouped by sentence.

Every later step asks this object for "the places of sentence s" or "the cue matches near token i"
instead of rescanning the whole document, so the stage's cost grows with the document's length, not
with its square.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.model import ActorMention, DateMention, Document, PlaceMention, Quantity
from marsad.stages.events.lexicon import EventLexicon
from marsad.stages.events.rules import EventRules, builtin_rules
from marsad.text.matcher import Match


def clause_numbers(doc: Document, rules: EventRules | None = None) -> list[int]:
    """Clause number of every token: a new clause after a comma, colon or semicolon (the rules' clause
    breaks)."""
    toks = doc.tokens
    breaks = [m.start() for m in (rules or builtin_rules()).morphology.clause_break.finditer(doc.text)]
    clause = [0] * len(toks)
    c, b = 0, 0
    for i in range(1, len(toks)):
        start = toks[i].start
        if toks[i].sentence != toks[i - 1].sentence:
            c += 1
        elif b < len(breaks) and breaks[b] < start:
            c += 1
        while b < len(breaks) and breaks[b] < start:
            b += 1
        clause[i] = c
    return clause


@dataclass(slots=True)
class Reason:
    """Why a step decided as it did: the rule's name and, when words decided it, their token span."""

    rule: str
    token_start: int | None = None
    token_end: int | None = None  # exclusive


@dataclass
class EventContext:
    """One document as the events stage sees it."""

    doc: Document
    found: dict[str, list[Match]]
    clause: list[int]
    rules: EventRules
    cues: dict[str, list[Match[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document, lex: EventLexicon, rules: EventRules | None = None) -> EventContext:
        rules = rules or builtin_rules()
        found = lex.combined.find(doc.tokens, doc.form_index or None)
        cues = {tag[4:]: ms for tag, ms in found.items() if tag.startswith("cue:")}
        return cls(doc, found, clause_numbers(doc, rules), rules, cues)

    def _in_sentence(self, items: list, s: int) -> list:
        sent = self.doc.sentences[s]
        return [x for x in items if sent.start <= x.start < sent.end]

    def quantities_in(self, s: int) -> list[Quantity]:
        return self._in_sentence(self.doc.quantities, s)

    def dates_in(self, s: int) -> list[DateMention]:
        return self._in_sentence(self.doc.dates, s)

    def actors_in(self, s: int) -> list[ActorMention]:
        return self._in_sentence(self.doc.actors, s)

    def places_in(self, s: int) -> list[PlaceMention]:
        return self._in_sentence(self.doc.places, s)

    def matches_in(self, tag: str, s: int) -> list[Match]:
        """The matches of one word list (e.g. "weapon", "killed") whose first word is in sentence s."""
        toks = self.doc.tokens
        return [m for m in self.found[tag] if toks[m.token_start].sentence == s]

    def sentence_of(self, m: Match) -> int:
        return self.doc.tokens[m.token_start].sentence
