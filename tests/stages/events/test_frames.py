"""Step 3: triggers grouped into frames; weak and modifier-only groups dropped with their reason."""

from marsad.model import Trigger
from marsad.stages.events.frames import DroppedGroup, build_frames, group_sentence
from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.events.triggers import find_triggers
from tests.stages.events.prepared import context


def trig(sub, strength, start, generic=False, event_type="Battles", modifier=None):
    return Trigger(start, start + 1, "x", sub, event_type, sub, strength, start, start + 1, 0, generic=generic,
                   modifier=modifier)


def test_generic_word_joins_the_specific_frame():
    groups = group_sentence([trig("Armed clash", 0.5, 0, generic=True), trig("Air/drone strike", 0.9, 5,
                                                                          event_type="Explosions/Remote violence")])
    assert list(groups) == ["Air/drone strike"] and len(groups["Air/drone strike"]) == 2


def frames_of(text):
    ctx = context(text)
    trigs = find_triggers(ctx.doc, ctx.found["trigger"], builtin_event_lexicon())
    dropped: list[DroppedGroup] = []
    frames = build_frames(ctx.doc, trigs, ctx.found["killed"], set(), dropped)
    return frames, dropped


def test_one_frame_per_sub_type_and_casualty_frames():
    frames, dropped = frames_of("شنت طائرات حربية غارات على بلدة كفرنبل. وقتل ثلاثة مدنيين في حمص.")
    assert [(f.sentence, f.sub_event_type, f.casualty_only) for f in frames] == [
        (0, "Air/drone strike", False), (1, "Attack", True)]
    assert dropped == []


def test_weak_frame_beside_a_strong_one_is_dropped_with_its_reason():
    frames, dropped = frames_of("شنت طائرات حربية غارات على البلدة في مواجهة تقدم المسلحين.")
    assert [f.sub_event_type for f in frames] == ["Air/drone strike"]
    assert [(d.reason, d.weaker_than, [t.text for t in d.triggers]) for d in dropped] == [
        ("weaker-frame", "Air/drone strike", ["مواجهة"])]


def test_modifier_alone_makes_no_frame():
    frames, dropped = frames_of("قامت الشرطة بتفريق الحشود بالقوة.")
    assert not frames
    assert [d.reason for d in dropped] == ["modifier-only"]
