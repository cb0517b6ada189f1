"""Step 2, filters: whether a trigger reports an event, and if not, which cue or rule says so.

A trigger is no event when a blocking cue stands before it in its clause (a threat, a plan, a
condemnation, a denial, a demand, a hypothesis, "without"), when it names a reference ("ملف اغتيال"),
is negated, asked about, part of a whole-war total or a historical aside, or stands beside sport,
economy or cyber words; and when its own form says it is a plan (the future prefix, ل of purpose).
"""

from __future__ import annotations

from marsad.model import Document, Trigger
from marsad.stages.events.context import EventContext, Reason
from marsad.stages.events.lexicon import EventLexicon
from marsad.stages.events.triggers import stripped_form
from marsad.text.matcher import Match

BLOCKING_CUES = ("threat", "plan_future", "condemnation", "denial", "call_or_demand", "hypothetical", "without")
CUE_WINDOW = 7  # tokens before a trigger in which a blocking cue counts
REFERENCE_WINDOW = 3  # "ملف اغتيال": a topic noun this close before a trigger makes it a reference, not a report
NEGATION_WINDOW = 2  # "لم تسجل اشتباكات": a negation right before the trigger
TOTALS_WINDOW = 12  # "منذ بدء النزاع ... قتل": a whole-war total stands close to its killed word
HISTORY_WINDOW = 12  # "في الثمانينات ... مجزرة": a historical aside in the same sentence
NON_CONFLICT_WINDOW = 6  # "هجوم" beside "مباراة" is football; a cinema named further away is not


def is_purpose(doc: Document, trig: Trigger) -> bool:
    """ل before the verbal noun of a derived verb ("لاستعادة", "لتفريق"): an aim, not a deed.

    Not after تعرض ("تعرضوا لاستهداف" is a deed) and not for plain nouns ("لكمين", "لهجوم").
    """
    if trig.token_end - trig.token_start != 1:
        return False
    clitic = trig.clitic.lstrip("وف")
    if clitic[:1] != "ل" or clitic.startswith("ال"):
        return False
    form = stripped_form(doc.tokens[trig.token_start], trig.clitic)
    if form.startswith("ال"):
        form = form[2:]
    if not form.startswith(("ا", "ت")):
        return False
    prev = doc.tokens[trig.token_start - 1] if trig.token_start > 0 else None
    return not (prev is not None and any(f.startswith(("تعرض", "يتعرض")) for f in prev.forms))


def _cue(m: Match, name: str) -> Reason:
    return Reason(name, m.token_start, m.token_end)


def block_reason(ctx: EventContext, trig: Trigger, lex: EventLexicon) -> Reason | None:
    """Why this trigger does not report an event, or None when it does."""
    doc, cues, clause = ctx.doc, ctx.cues, ctx.clause
    toks = doc.tokens
    ts = trig.token_start
    if trig.future:
        return Reason("future", trig.token_start, trig.token_end)
    if is_purpose(doc, trig):
        return Reason("purpose", trig.token_start, trig.token_end)  # "لاستعادة السيطرة": what someone means to do
    sent = doc.sentences[trig.sentence]
    for name in BLOCKING_CUES:
        for m in cues.get(name, ()):
            if m.token_start < ts and ts - m.token_start <= CUE_WINDOW and clause[m.token_start] == clause[ts]:
                return _cue(m, name)
    for m in cues.get("reference", ()):
        if 0 < ts - m.token_end + 1 <= REFERENCE_WINDOW and clause[m.token_start] == clause[ts]:
            return _cue(m, "reference")
    for m in cues.get("negation", ()):
        if 0 < ts - m.token_end + 1 <= NEGATION_WINDOW and clause[m.token_start] == clause[ts]:
            return _cue(m, "negation")
    for m in cues.get("question", ()):
        if m.token_start == sent.first_token and not m.clitic:
            return _cue(m, "question")
    if doc.text[sent.start:sent.end].rstrip().endswith(("؟", "?")):
        return Reason("question")
    for m in cues.get("totals", ()):
        if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= TOTALS_WINDOW:
            return _cue(m, "totals")
    for m in cues.get("history", ()):
        if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= HISTORY_WINDOW:
            return _cue(m, "history")
    lo = max(sent.first_token, ts - NON_CONFLICT_WINDOW)
    hi = min(sent.last_token, trig.token_end + NON_CONFLICT_WINDOW)
    for t in toks[lo:hi]:
        if any(f in lex.non_conflict for f in t.forms):
            return Reason("non-conflict", t.index, t.index + 1)
    return None
