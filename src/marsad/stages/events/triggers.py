"""Step 1, triggers: the words of `resources/events.yaml` that may report an event, as `Trigger`s.

A trigger carries its lexicon entry (ACLED type and sub-type, strength, generic or territorial) and what
its surface form says: a future prefix (سيشن), the article (a known incident or a topic), a topic noun
("ملف الاغتيالات").
"""

from __future__ import annotations

from marsad.model import Document, Token, Trigger
from marsad.stages.events.lexicon import EventLexicon, TriggerEntry
from marsad.stages.events.rules import EventRules, Morphology, builtin_rules
from marsad.text.matcher import Match

KILLING_ENTRY = "killing"  # the entry id of a killed word standing in for a trigger


def stripped_form(tok: Token, clitic: str) -> str:
    """The form of a token left after the proclitics `clitic` (the token itself when none match)."""
    return tok.forms[tok.clitics.index(clitic)] if clitic in tok.clitics else tok.norm


def find_triggers(doc: Document, matches: list[Match[TriggerEntry]], lex: EventLexicon,
                  rules: EventRules | None = None) -> list[Trigger]:
    """Every trigger match of the document as a `Trigger`, in text order."""
    morph = (rules or builtin_rules()).morphology
    toks = doc.tokens
    out = []
    for m in matches:
        e = m.payload
        t0 = toks[m.token_start]
        form = stripped_form(t0, m.clitic)
        future = morph.future_prefix in m.clitic and form.startswith(morph.imperfect_prefixes)
        out.append(Trigger(
            start=t0.start, end=toks[m.token_end - 1].end, text=doc.text[t0.start:toks[m.token_end - 1].end],
            entry_id=e.id, event_type=e.event_type, sub_event_type=e.sub_event_type, strength=e.strength,
            token_start=m.token_start, token_end=m.token_end, sentence=t0.sentence, generic=e.generic,
            territory=e.territory, modifier=e.modifier, future=future, refine_by_weapons=e.refine_by_weapons,
            participants=e.participants, definite=m.clitic.endswith(morph.article), clitic=m.clitic,
            topic=is_topic_noun(toks, m, lex, morph),
        ))
    return out


def is_topic_noun(toks: list[Token], m: Match[TriggerEntry], lex: EventLexicon, morph: Morphology) -> bool:
    """A verbal noun news also use for a kind of violence or a known case ("الاغتيال", "ملف الخطف")."""
    form = stripped_form(toks[m.token_start], m.clitic)
    if form.startswith(morph.article) and len(form) >= morph.topic_article_min_length:
        form = form[len(morph.article):]
    words = [form] + [toks[i].norm for i in range(m.token_start + 1, m.token_end)]
    return " ".join(words) in lex.topic_nouns or form in lex.topic_nouns


def killing_trigger(doc: Document, m: Match, strength: float, text: bool = True) -> Trigger:
    """A killed word ("قتل", "مقتل") as a generic attack trigger: what a sentence that only counts the dead
    reports. `text=False` leaves the text empty (a stand-in tested by the filters only)."""
    toks = doc.tokens
    start, end = toks[m.token_start].start, toks[m.token_end - 1].end
    return Trigger(start=start, end=end, text=doc.text[start:end] if text else "", entry_id=KILLING_ENTRY,
                   event_type="Violence against civilians", sub_event_type="Attack", strength=strength,
                   token_start=m.token_start, token_end=m.token_end, sentence=toks[m.token_start].sentence,
                   generic=True)
