"""Step 6: confidence from strength, anchors and the factors that make a report vague."""

from marsad.model import Trigger
from marsad.stages.events.confidence import Anchors, plural_noun, score
from marsad.stages.events.frames import Frame
from marsad.stages.events.rules import builtin_rules

W = {**builtin_rules().confidence.weights, **builtin_rules().confidence.factors}
ENDINGS = builtin_rules().morphology.plural_noun_endings


def frame(text="غارة", strength=0.8, generic=False, definite=False, topic=False):
    t = Trigger(0, len(text), text, "x", "Explosions/Remote violence", "Air/drone strike", strength, 0, 1, 0,
                generic=generic, definite=definite, topic=topic)
    return Frame(0, [t], t.event_type, t.sub_event_type, strength, generic=generic)


def test_anchors_add_their_weights():
    bare = score(frame(), Anchors(), None, None, None).value
    assert abs(bare - 0.8 * W["base"]) < 1e-9
    full = score(frame(), Anchors(place=True, date=True), None, None, None).value
    assert abs(full - 0.8 * (W["base"] + W["place"] + W["date"])) < 1e-9
    assert Anchors(place=True, deaths=True).present() == ["place", "deaths"]
    assert "actor" in Anchors(place=True).missing()


def test_vague_factors_are_named():
    s = score(frame("الغارات", definite=True), Anchors(place=True), None, None, None)
    assert s.factors == ["definite", "definite_plural"]
    assert abs(s.value - 0.8 * (W["base"] + W["place"]) * W["definite"] ** 2) < 1e-9
    g = score(frame(generic=True, strength=0.5), Anchors(), None, None, "Air/drone strike")
    assert "generic_with_weapon" in g.factors
    assert score(frame(), Anchors(), None, None, None, past_year=True).factors == ["past_year"]
    assert plural_noun("الاغتيالات", ENDINGS) and not plural_noun("غارة", ENDINGS)


def test_confidence_is_clamped():
    s = score(frame(strength=1.0), Anchors(True, True, True, True, True, True), None, None, None)
    assert 0.0 <= s.value <= 1.0
