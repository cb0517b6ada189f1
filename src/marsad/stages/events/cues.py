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


def is_question(ctx: EventContext, s: int) -> bool:
    """Whether sentence s ends with a question mark (found once per sentence)."""
    def make() -> bool:
        sent = ctx.doc.sentences[s]
        return ctx.doc.text[sent.start:sent.end].rstrip().endswith(ctx.rules.morphology.question_marks)
    return ctx.memo(("question", s), make)


def block_reason(ctx: EventContext, trig: Trigger, lex: EventLexicon) -> Reason | None:
    """Why this trigger does not report an event, or None when it does (the first rule that applies, in
    the order below; among a rule's cue matches, the first in the text)."""
    doc, index, clause = ctx.doc, ctx.cue_index, ctx.clause
    f, morph = ctx.rules.filters, ctx.rules.morphology
    toks = doc.tokens
    ts = trig.token_start
    if trig.future:
        return Reason("future", trig.token_start, trig.token_end)
    if is_purpose(doc, trig, morph):
        return Reason("purpose", trig.token_start, trig.token_end)  # "لاقتحام البلدة": what someone means to do
    sent = doc.sentences[trig.sentence]
    for name in f.blocking_cues:  # a cue up to `cue_window` words before the trigger, in its clause
        if name in index:
            for m in index[name].starting(ts - f.cue_window, ts - 1):
                if clause[m.token_start] == clause[ts]:
                    return _cue(m, name)
    for name, window in (("reference", f.reference_window), ("negation", f.negation_window)):
        if name in index:  # ending right before the trigger: 0 < ts - (end - 1) <= window
            for m in index[name].ending(ts + 1 - window, ts):
                if clause[m.token_start] == clause[ts]:
                    return _cue(m, name)
    if "question" in index:
        for m in index["question"].starting(sent.first_token, sent.first_token):
            if not m.clitic:
                return _cue(m, "question")
    if is_question(ctx, trig.sentence):
        return Reason("question")
    for name, window in (("totals", f.totals_window), ("history", f.history_window)):
        if name in index:
            for m in index[name].starting(ts - window, ts + window):
                if toks[m.token_start].sentence == trig.sentence:
                    return _cue(m, name)
    lo = max(sent.first_token, ts - f.non_conflict_window)
    hi = min(sent.last_token, trig.token_end + f.non_conflict_window)
    for t in toks[lo:hi]:
        if any(form in lex.non_conflict for form in t.forms):
            return Reason("non-conflict", t.index, t.index + 1)
    return None
