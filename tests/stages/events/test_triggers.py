"""Step 1: trigger words as typed triggers, with what their form says."""

from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.events.triggers import find_triggers, killing_trigger
from tests.stages.events.prepared import context


def triggers_of(text):
    ctx = context(text)
    return find_triggers(ctx.doc, ctx.found["trigger"], builtin_event_lexicon())


def test_trigger_carries_its_entry_and_offsets():
    text = "شنت طائرات حربية غارات على بلدة كفرنبل."
    t = next(t for t in triggers_of(text) if t.text == "غارات")
    assert (t.event_type, t.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert text[t.start:t.end] == t.text == "غارات"
    assert t.sentence == 0 and 0 < t.strength <= 1


def test_future_prefix_and_article():
    assert any(t.future for t in triggers_of("سيقصف الجيش المدينة."))
    assert not any(t.future for t in triggers_of("قصف الجيش المدينة."))
    assert all(t.definite for t in triggers_of("وأسفرت الغارات عن دمار."))


def test_topic_noun():
    (t,) = triggers_of("تحدث التقرير عن الاغتيالات.")
    assert t.topic and t.definite


def test_killing_word_as_trigger():
    ctx = context("قتل ثلاثة مدنيين في حمص.")
    (m,) = ctx.found["killed"]
    t = killing_trigger(ctx.doc, m, 0.55)
    assert (t.event_type, t.sub_event_type, t.generic, t.text) == ("Violence against civilians", "Attack", True, "قتل")
    assert killing_trigger(ctx.doc, m, 0.5, text=False).text == ""
