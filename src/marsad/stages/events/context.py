"""What the events stage looks up in one document, found once: word-list matches, clauses, and the
document's findings grouped by sentence.

Every later step asks this object for "the places of sentence s" or "the cue matches near token i"
instead of rescanning the whole document: the findings are bucketed by sentence once, and the cue
matches are indexed by position, so the stage's cost grows with the document's length, not with its
square.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from marsad.model import Actor, ActorMention, DateMention, Document, PlaceMention, Quantity
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


class MatchIndex:
    """The matches of one word list by position, to ask "which start (or end) between i and j" without
    scanning them all. Answers come in the list's own order (text order)."""

    def __init__(self, matches: list[Match]) -> None:
        self.matches = matches
        order = sorted(range(len(matches)), key=lambda k: matches[k].token_start)
        self._starts = [matches[k].token_start for k in order]
        self._by_start = order
        order = sorted(range(len(matches)), key=lambda k: matches[k].token_end)
        self._ends = [matches[k].token_end for k in order]
        self._by_end = order

    def starting(self, lo: int, hi: int) -> Iterator[Match]:
        """Matches whose first token lies in [lo, hi], in list order."""
        a, b = bisect_left(self._starts, lo), bisect_right(self._starts, hi)
        for k in sorted(self._by_start[a:b]):
            yield self.matches[k]

    def ending(self, lo: int, hi: int) -> Iterator[Match]:
        """Matches whose (exclusive) end lies in [lo, hi], in list order."""
        a, b = bisect_left(self._ends, lo), bisect_right(self._ends, hi)
        for k in sorted(self._by_end[a:b]):
            yield self.matches[k]


def _bucket(items: list, sentence_starts: list[int], sentence_ends: list[int]) -> dict[int, list]:
    """Items (with a character `start`) by the sentence they start in, each bucket in list order."""
    out: dict[int, list] = {}
    for x in items:
        s = bisect_right(sentence_starts, x.start) - 1
        if s >= 0 and x.start < sentence_ends[s]:
            out.setdefault(s, []).append(x)
    return out


@dataclass
class EventContext:
    """One document as the events stage sees it."""

    doc: Document
    found: dict[str, list[Match]]
    clause: list[int]
    rules: EventRules
    cues: dict[str, list[Match[str]]] = field(default_factory=dict)
    cue_index: dict[str, MatchIndex] = field(default_factory=dict)
    _by_sentence: dict[str, dict[int, list]] = field(default_factory=dict)
    _cache: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def build(cls, doc: Document, lex: EventLexicon, rules: EventRules | None = None) -> EventContext:
        rules = rules or builtin_rules()
        found = lex.combined.find(doc.tokens, doc.form_index or None)
        cues = {tag[4:]: ms for tag, ms in found.items() if tag.startswith("cue:")}
        ctx = cls(doc, found, clause_numbers(doc, rules), rules, cues)
        ctx.cue_index = {name: MatchIndex(ms) for name, ms in cues.items()}
        starts = [s.start for s in doc.sentences]
        ends = [s.end for s in doc.sentences]
        for layer in ("quantities", "dates", "actors", "places"):
            ctx._by_sentence[layer] = _bucket(getattr(doc, layer), starts, ends)
        toks = doc.tokens
        for tag, ms in found.items():
            by: dict[int, list] = {}
            for m in ms:
                by.setdefault(toks[m.token_start].sentence, []).append(m)
            ctx._by_sentence["match:" + tag] = by
        return ctx

    def quantities_in(self, s: int) -> list[Quantity]:
        return self._by_sentence["quantities"].get(s, [])

    def dates_in(self, s: int) -> list[DateMention]:
        return self._by_sentence["dates"].get(s, [])

    def actors_in(self, s: int) -> list[ActorMention]:
        return self._by_sentence["actors"].get(s, [])

    def places_in(self, s: int) -> list[PlaceMention]:
        return self._by_sentence["places"].get(s, [])

    def matches_in(self, tag: str, s: int) -> list[Match]:
        """The matches of one word list (e.g. "weapon", "killed") whose first word is in sentence s."""
        return self._by_sentence["match:" + tag].get(s, [])

    def actor_starting(self, lo: int, hi: int) -> Actor | None:
        """The actor of the first mention (in the document's order) whose first token is in [lo, hi]."""
        def make() -> tuple[list[int], list[int]]:
            order = sorted(range(len(self.doc.actors)), key=lambda k: self.doc.actors[k].token_start)
            return [self.doc.actors[k].token_start for k in order], order
        starts, order = self.memo("actor_starts", make)
        ks = order[bisect_left(starts, lo):bisect_right(starts, hi)]
        return self.doc.actors[min(ks)].actor if ks else None

    def sentence_of(self, m: Match) -> int:
        return self.doc.tokens[m.token_start].sentence

    def memo(self, key: Any, make: Any) -> Any:
        """A value computed once per document (`make()` the first time `key` is asked)."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]
