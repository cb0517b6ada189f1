"""Step 2, filters: whether a trigger reports an event, and if not, which cue or rule says so.

A trigger is no event when a blocking cue stands before it in its clause (a threat, a plan, a
condemnation, a denial, a demand, a hypothesis, "without"), when it names a reference ("ملف اغتيال"),
is negated, asked about, part of a whole-war total or a historical aside, or stands beside sport,
economy or cyber words; and when its own form says it is a plan (the future prefix, ل of purpose).
The cue lists are in `events.yaml`, the windows and word forms in `events_rules.yaml`.
"""

from __future__ import annotations

from marsad.model import Document, Trigger
from marsad.stages.events.context import EventContext, Reason
from marsad.stages.events.lexicon import EventLexicon
from marsad.stages.events.rules import Morphology
from marsad.stages.events.triggers import stripped_form
from marsad.text.matcher import Match


def is_purpose(doc: Document, trig: Trigger, morph: Morphology) -> bool:
    """ل before the verbal noun of a derived verb ("لاقتحام", "لتفريق"): an aim, not a deed.

    Not after تعرض ("تعرضوا لاستهداف" is a deed) and not for plain nouns ("لكمين", "لهجوم").
    """
    if trig.token_end - trig.token_start != 1:
        return False
    clitic = trig.clitic.lstrip(morph.conjunctions)
    if not clitic.startswith(morph.purpose_preposition) or clitic.startswith(morph.article):
        return False
    form = stripped_form(doc.tokens[trig.token_start], trig.clitic)
    if form.startswith(morph.article):
        form = form[len(morph.article):]
    if not form.startswith(morph.derived_noun_initials):
        return False
    prev = doc.tokens[trig.token_start - 1] if trig.token_start > 0 else None
    return not (prev is not None and any(f.startswith(morph.purpose_exceptions) for f in prev.forms))


def _cue(m: Match, name: str) -> Reason:
    return Reason(name, m.token_start, m.token_end)


def block_reason(ctx: EventContext, trig: Trigger, lex: EventLexicon) -> Reason | None:
    """Why this trigger does not report an event, or None when it does."""
    doc, cues, clause = ctx.doc, ctx.cues, ctx.clause
    f, morph = ctx.rules.filters, ctx.rules.morphology
    toks = doc.tokens
    ts = trig.token_start
    if trig.future:
        return Reason("future", trig.token_start, trig.token_end)
    if is_purpose(doc, trig, morph):
        return Reason("purpose", trig.token_start, trig.token_end)  # "لاقتحام البلدة": what someone means to do
    sent = doc.sentences[trig.sentence]
    for name in f.blocking_cues:
        for m in cues.get(name, ()):
            if m.token_start < ts and ts - m.token_start <= f.cue_window and clause[m.token_start] == clause[ts]:
                return _cue(m, name)
    for m in cues.get("reference", ()):
        if 0 < ts - m.token_end + 1 <= f.reference_window and clause[m.token_start] == clause[ts]:
            return _cue(m, "reference")
    for m in cues.get("negation", ()):
        if 0 < ts - m.token_end + 1 <= f.negation_window and clause[m.token_start] == clause[ts]:
            return _cue(m, "negation")
    for m in cues.get("question", ()):
        if m.token_start == sent.first_token and not m.clitic:
            return _cue(m, "question")
    if doc.text[sent.start:sent.end].rstrip().endswith(morph.question_marks):
        return Reason("question")
    for m in cues.get("totals", ()):
        if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= f.totals_window:
            return _cue(m, "totals")
    for m in cues.get("history", ()):
        if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= f.history_window:
            return _cue(m, "history")
    lo = max(sent.first_token, ts - f.non_conflict_window)
    hi = min(sent.last_token, trig.token_end + f.non_conflict_window)
    for t in toks[lo:hi]:
        if any(form in lex.non_conflict for form in t.forms):
            return Reason("non-conflict", t.index, t.index + 1)
    return None
