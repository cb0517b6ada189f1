"""Reading deaths: counts tied to killed words, and ACLED's total for an event from several reports.

Only deaths count ("killed and wounded" together is not a death count); a count of the wounded is never
read as deaths; groups joined by و add up ("15 طفلا وامرأتان"); across the sentences or reports of one
incident, the dead of another side or "more dead" add, a repeated count does not. The reaches and the
additional words are in `events_rules.yaml` (section `deaths`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.model import Document, Quantity
from marsad.stages.events.lexicon import EventLexicon
from marsad.stages.events.rules import EventRules, builtin_rules
from marsad.text.matcher import Match


@dataclass
class DeathCount:
    """A death count read in one sentence, with whose dead they were and whether they add to others."""

    value: int
    quantity: Quantity | None
    side: str | None = None  # actor id of the dead ("21 عنصرا من قوات النظام"), when named
    additional: bool = False  # "4 مدنيين آخرين", "أيضا": more dead of the same incident


def combine_deaths(counts: list[DeathCount]) -> int:
    """ACLED's total for one event from its reports: counts of other sides or marked as more dead add up;
    a repeated count adds nothing; otherwise the higher (later, updated) figure stands."""
    total = 0
    sides: set[str] = set()
    seen: set[int] = set()
    for c in counts:
        if c.value <= 0:
            continue
        if not total:
            total = c.value
        elif c.additional or (c.side and sides and c.side not in sides):
            total += c.value
        elif c.value not in seen:
            total = max(total, c.value)
        seen.add(c.value)
        if c.side:
            sides.add(c.side)
    return total


@lru_cache(maxsize=8)
def wounded_forms(single: frozenset[str], and_: str) -> frozenset[str]:
    """The one-word wounded forms, bare and after the conjunction ("وأصيب")."""
    return frozenset(single | {and_ + w for w in single})


def read_deaths(doc: Document, s: int, kill: list[Match[str]], both: list[Match[str]],
                lex: EventLexicon, rules: EventRules | None = None) -> DeathCount:
    """Deaths reported in sentence s: the count nearest a killed word, plus counts joined to it by و."""
    rules = rules or builtin_rules()
    r, and_ = rules.deaths, rules.morphology.and_
    wounded = wounded_forms(lex.wounded_single, and_)
    toks = doc.tokens
    sent = doc.sentences[s]
    counts = [q for q in doc.quantities if sent.start <= q.start < sent.end and q.unit is None]
    both_tokens = {i for m in both for i in range(m.token_start, m.token_end) if toks[m.token_start].sentence == s}
    best: Quantity | None = None
    best_gap: int | None = None
    for m in kill:
        if toks[m.token_start].sentence != s or m.token_start in both_tokens:
            continue
        # "قتلى وجرحى": a count of both is not a death count
        nxt = toks[m.token_end] if m.token_end < len(toks) else None
        if nxt is not None and nxt.norm.startswith(and_) and any(f in wounded for f in nxt.forms):
            both_tokens.update(range(m.token_start, m.token_end + 1))
            continue
        for q in counts:
            if any(i in both_tokens for i in range(q.token_start, q.token_end)):
                continue
            lo, hi = min(m.token_end, q.token_end), max(m.token_start, q.token_start)
            if any(f in wounded for t in toks[lo:hi] for f in t.forms):
                continue  # "قتل ثلاثة وأصيب خمسة": the five are the wounded
            gap_after = q.token_start - m.token_end
            gap_before = m.token_start - q.token_end
            # "21 عنصرا على الأقل من قوات النظام قتلوا": a plural verb agrees with the count before it
            plural_verb = toks[m.token_start].norm.endswith(rules.morphology.plural_verb_ending)
            before_reach = r.plural_verb_reach if plural_verb else r.count_before_reach
            if 0 <= gap_after <= r.count_after_reach or 0 <= gap_before <= before_reach:
                gap = gap_after if gap_after >= 0 else gap_before
                if best_gap is None or gap < best_gap:
                    best, best_gap = q, gap
        if best is None and nxt is not None and any(f in lex.persons for f in nxt.forms) \
                and not any(q.token_start == nxt.index for q in counts):
            # "مقتل مدني" / "مقتل شخص": one
            best = Quantity(nxt.start, nxt.end, nxt.text, 1, 1, 1, token_start=nxt.index,
                            token_end=nxt.index + 1)
    if best is None:
        return DeathCount(0, None)
    total = best.value
    last = best
    for q in counts:  # "15 طفلا وامرأتان": both groups died
        if q.token_start > last.token_end and q.token_start - last.token_end <= r.join_reach \
                and toks[q.token_start].norm.startswith(and_):
            total += q.value
            last = q
    side_actor = next((a.actor for a in doc.actors if 0 <= a.token_start - best.token_end <= r.side_reach), None)
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
