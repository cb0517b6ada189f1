"""Reading deaths: counts tied to killed words, and ACLED's total for an event from several reports.

Only deaths count ("killed and wounded" together is not a death count); a count of the wounded is never
read as deaths; groups joined by و add up ("15 طفلا وامرأتان"), but not refugees or the missing joined to
them ("350 ألف قتيل و7 ملايين لاجئ"); a killed word the filters would block (a threat, a denial, a
hypothesis, a whole-war total, history) or that follows a war noun ("حرب أدت إلى مقتل ...") counts no
incident's dead. Across the sentences or reports of one incident, the dead of another side or "more dead"
add, a repeated count does not. The reaches and word lists are in `events_rules.yaml` (section `deaths`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from marsad.model import Document, Event, Quantity
from marsad.stages.events.context import EventContext
from marsad.stages.events.cues import block_reason
from marsad.stages.events.frames import Frame
from marsad.stages.events.lexicon import EventLexicon
from marsad.stages.events.triggers import killing_trigger
from marsad.text.matcher import Match


@dataclass
class DeathCount:
    """A death count read in one sentence, with whose dead they were and whether they add to others."""

    value: int
    quantity: Quantity | None
    side: str | None = None  # actor id of the dead ("21 عنصرا من قوات النظام"), when named
    additional: bool = False  # "4 مدنيين آخرين", "أيضا": more dead of the same incident


class DeathTally:
    """ACLED's total for one event, updated report by report: counts of other sides or marked as more dead
    add up; a repeated count adds nothing; otherwise the higher (later, updated) figure stands."""

    def __init__(self, counts: list[DeathCount] = ()) -> None:
        self.total = 0
        self.sides: set[str] = set()
        self.seen: set[int] = set()
        for c in counts:
            self.add(c)

    def add(self, c: DeathCount) -> int:
        if c.value > 0:
            if not self.total:
                self.total = c.value
            elif c.additional or (c.side and self.sides and c.side not in self.sides):
                self.total += c.value
            elif c.value not in self.seen:
                self.total = max(self.total, c.value)
            self.seen.add(c.value)
            if c.side:
                self.sides.add(c.side)
        return self.total


def combine_deaths(counts: list[DeathCount]) -> int:
    """ACLED's total for one event from the death counts of its reports (see `DeathTally`)."""
    return DeathTally(counts).total


@lru_cache(maxsize=8)
def wounded_forms(single: frozenset[str], and_: str) -> frozenset[str]:
    """The one-word wounded forms, bare and after the conjunction ("وأصيب")."""
    return frozenset(single | {and_ + w for w in single})


class _Counts:
    """The counts of one sentence (quantities without a unit), to find those near a word."""

    def __init__(self, counts: list[Quantity]) -> None:
        self.counts = counts
        by_start = sorted(range(len(counts)), key=lambda k: counts[k].token_start)
        by_end = sorted(range(len(counts)), key=lambda k: counts[k].token_end)
        self._starts, self._by_start = [counts[k].token_start for k in by_start], by_start
        self._ends, self._by_end = [counts[k].token_end for k in by_end], by_end
        self.start_tokens = {q.token_start for q in counts}
        self.covering: dict[int, list[Quantity]] = {}  # token -> the counts it is part of
        for q in counts:
            for i in range(q.token_start, q.token_end):
                self.covering.setdefault(i, []).append(q)

    def touching(self, tokens: set[int] | range) -> set[int]:
        """Ids of the counts that include any of these tokens."""
        return {id(q) for i in tokens for q in self.covering.get(i, ())}

    def near(self, start_lo: int, start_hi: int, end_lo: int, end_hi: int) -> list[Quantity]:
        """Counts starting in [start_lo, start_hi] or ending in [end_lo, end_hi], in sentence order."""
        ks = set(self._by_start[bisect_left(self._starts, start_lo):bisect_right(self._starts, start_hi)])
        ks.update(self._by_end[bisect_left(self._ends, end_lo):bisect_right(self._ends, end_hi)])
        return [self.counts[k] for k in sorted(ks)]

    def from_start(self, lo: int) -> list[Quantity]:
        """Counts starting at token `lo` or later, in order of their start."""
        return [self.counts[k] for k in self._by_start[bisect_left(self._starts, lo):]]


def read_deaths(ctx: EventContext, s: int, lex: EventLexicon) -> DeathCount:
    """Deaths reported in sentence s: the count nearest a killed word, plus counts joined to it by و
    (read once per sentence)."""
    return ctx.memo(("deaths", s), lambda: _read_deaths(ctx, s, lex))


def background_killing(ctx: EventContext, m: Match, lex: EventLexicon) -> bool:
    """A killed word that reports no incident's dead: one the filters block, one a war or disaster stands
    before in its sentence ("خلفت الحرب أكثر من 350 ألف قتيل"), or one in a sentence that counts the dead
    of several days."""
    if block_reason(ctx, killing_trigger(ctx.doc, m, 0.0, text=False), lex) is not None:
        return True
    toks = ctx.doc.tokens
    s = toks[m.token_start].sentence
    if ctx.memo(("cumulative", s), lambda: running_toll(ctx, s)):
        return True
    index = ctx.cue_index.get("toll_causes")
    return index is not None and any(
        toks[w.token_start].sentence == s
        for w in index.starting(m.token_start - ctx.rules.deaths.cause_reach, m.token_start - 1))


def running_toll(ctx: EventContext, s: int) -> bool:
    """Whether sentence s counts the dead of several days: a cumulative phrase ("في الأيام الماضية"), a
    duration after a period word ("خلال أسبوعين"), or "since" a day well before publication ("منذ 18
    شباط")."""
    if ctx.matches_in("cue:cumulative", s):
        return True
    doc, r = ctx.doc, ctx.rules.deaths
    toks = doc.tokens

    def after(words: frozenset[str] | set[str], i: int) -> bool:
        return i > 0 and any(f in words for f in toks[i - 1].forms)

    for q in ctx.quantities_in(s):
        if q.unit == "duration" and after(r.period_words, q.token_start) and \
                not any(f in r.hour_words for t in toks[q.token_start:q.token_end] for f in t.forms):
            return True
    if doc.published is None:
        return False
    since = {r.since_word}
    return any(after(since, d.token_start) and (d.date_to or d.date) is not None
               and (doc.published - (d.date_to or d.date)).days > r.cumulative_days for d in ctx.dates_in(s))


def _read_deaths(ctx: EventContext, s: int, lex: EventLexicon) -> DeathCount:
    doc, rules = ctx.doc, ctx.rules
    r, and_ = rules.deaths, rules.morphology.and_
    wounded = wounded_forms(lex.wounded_single, and_)
    toks = doc.tokens
    sent = doc.sentences[s]
    counts = _Counts([q for q in ctx.quantities_in(s) if q.unit is None])
    both_tokens = {i for m in ctx.matches_in("both", s) for i in range(m.token_start, m.token_end)}
    touches_both = counts.touching(both_tokens)
    best: Quantity | None = None
    best_gap: int | None = None
    for m in ctx.matches_in("killed", s):
        if m.token_start in both_tokens or background_killing(ctx, m, lex):
            continue
        # "قتلى وجرحى": a count of both is not a death count
        nxt = toks[m.token_end] if m.token_end < len(toks) else None
        if nxt is not None and nxt.norm.startswith(and_) and any(f in wounded for f in nxt.forms):
            both_tokens.update(range(m.token_start, m.token_end + 1))
            touches_both |= counts.touching(range(m.token_start, m.token_end + 1))
            continue
        # "21 عنصرا على الأقل من قوات النظام قتلوا": a plural verb agrees with the count before it
        plural_verb = toks[m.token_start].norm.endswith(rules.morphology.plural_verb_ending)
        before_reach = r.plural_verb_reach if plural_verb else r.count_before_reach
        # only counts this close can be its count: 0 <= gap after <= count_after_reach, 0 <= gap before <= reach
        for q in counts.near(m.token_end, m.token_end + r.count_after_reach, m.token_start - before_reach,
                             m.token_start):
            if id(q) in touches_both:
                continue
            lo, hi = min(m.token_end, q.token_end), max(m.token_start, q.token_start)
            if any(f in wounded for t in toks[lo:hi] for f in t.forms):
                continue  # "قتل ثلاثة وأصيب خمسة": the five are the wounded
            gap_after = q.token_start - m.token_end
            gap_before = m.token_start - q.token_end
            if 0 <= gap_after <= r.count_after_reach or 0 <= gap_before <= before_reach:
                gap = gap_after if gap_after >= 0 else gap_before
                if best_gap is None or gap < best_gap:
                    best, best_gap = q, gap
        if best is None and nxt is not None and any(f in lex.persons for f in nxt.forms) \
                and nxt.index not in counts.start_tokens:
            # "مقتل مدني" / "مقتل شخص": one
            best = Quantity(nxt.start, nxt.end, nxt.text, 1, 1, 1, token_start=nxt.index,
                            token_end=nxt.index + 1)
    if best is None:
        return DeathCount(0, None)
    total = best.value
    last = best
    for q in counts.from_start(best.token_end + 1):  # "15 طفلا وامرأتان": both groups died
        if q.token_start - last.token_end > r.join_reach:
            break  # no later count can join: `last` moves only to a joined count
        after_q = toks[q.token_end] if q.token_end < len(toks) else None
        not_dead = after_q is not None and any(f in r.not_dead_words or f in wounded for f in after_q.forms)
        if q.token_start > last.token_end and toks[q.token_start].norm.startswith(and_) and not not_dead:
            total += q.value
            last = q
    side_actor = ctx.actor_starting(best.token_end, best.token_end + r.side_reach)
    # children and women killed are civilians killed: one side, not two
    side = "civilians" if side_actor is not None and side_actor.inter == rules.roles.civilian_inter \
        else (side_actor.id if side_actor else None)
    after = []
    for t in toks[best.token_end:min(len(toks), last.token_end + r.context_reach)]:
        if any(f in wounded for f in t.forms):
            break  # "وأصيب 77 آخرون": those others are the wounded
        after.append(t)
    before = toks[max(sent.first_token, best.token_start - r.context_reach):best.token_start]
    additional = any(f in r.additional_words for t in after + before for f in t.forms)
    return DeathCount(total, best, side, additional)


BACKGROUND_CUES = ("totals", "history", "toll_causes", "cumulative")


def supported_toll(ctx: EventContext, frame: Frame, deaths: DeathCount) -> bool:
    """Whether a count above the support level is one incident's dead: the sentence reports the incident
    itself (a specific trigger word, not only a killed word), names no war, total or history anywhere, and
    the count stands beside the trigger."""
    if frame.casualty_only or frame.generic or frame.strength < ctx.rules.frames.strong_frame:
        return False
    s = frame.sentence
    if any(ctx.matches_in("cue:" + name, s) for name in BACKGROUND_CUES):
        return False
    q = deaths.quantity
    window = ctx.rules.arguments.anchor_window
    return q is not None and any(q.token_start <= t.token_end + window and q.token_end >= t.token_start - window
                                 for t in frame.triggers)


def cap_fatalities(doc: Document, events: list[Event], ceiling: int) -> None:
    """No event has more dead than the ceiling: a larger total is capped, and the document says so."""
    for k, ev in enumerate(events):
        if ev.fatalities > ceiling:
            doc.warnings.append(f"event {k}: fatalities {ev.fatalities:,} capped at the ceiling of {ceiling:,}")
            ev.fatalities = ceiling
