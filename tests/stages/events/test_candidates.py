"""Every candidate stays on the document with its decision and the reason for it."""

from datetime import date

import pytest

import marsad
from marsad.pipeline import Pipeline

PUB = date(2021, 3, 4)


def candidates(text, published=PUB, min_confidence=None):
    pipe = None if min_confidence is None else Pipeline.default(min_confidence=min_confidence)
    r = marsad.extract(text, published=published, pipeline=pipe)
    return r.document, r.document.candidates


def test_the_stage_provides_candidates():
    assert "candidates" in Pipeline.default().get("events").provides


def test_blocked_by_a_cue_keeps_the_words():
    text = "هدد قائد الفرقة الرابعة باقتحام مدينة درعا."
    doc, (c,) = candidates(text)
    assert (c.decision, c.reason, c.words.text) == ("blocked", "threat", "هدد")
    assert text[c.words.start:c.words.end] == "هدد"
    assert c.triggers[0].text == "باقتحام" and c.events == [] and doc.events == []
    assert 'cue "threat"' in c.detail and "«هدد»" in c.detail


@pytest.mark.parametrize("text, reason", [
    ("سيقصف الجيش مدينة دوما غدا.", "future"),
    ("سجل مهاجم المنتخب هدفين في هجوم المباراة.", "non-conflict"),
    ("وكانت قوات النظام قد سيطرت على مدينة حلب في ديسمبر/ كانون الأول 2016 بعد معارك طويلة.", "history-date"),
    ("قامت الشرطة بتفريق الحشود بالقوة.", "modifier-only"),
])
def test_filtered_with_its_reason(text, reason):
    _, cands = candidates(text)
    assert reason in {c.reason for c in cands if c.decision == "filtered"}, [(c.decision, c.reason) for c in cands]


def test_below_threshold_with_confidence_and_anchors():
    doc, (c,) = candidates("قصفت قوات النظام مدينة دوما.", min_confidence=0.9)
    assert doc.events == []
    assert c.decision == "below_threshold" and 0 < c.confidence < 0.9
    assert "place" in c.anchors_present and "date" in c.anchors_missing and "deaths" in c.anchors_missing
    assert "0.90" in c.detail and "missing: date" in c.detail


def test_emitted_and_merged_link_to_their_events():
    text = ("شنت طائرات حربية غارات على مدينة أريحا في ريف إدلب صباح اليوم. "
            "وأسفرت الغارات عن مقتل سبعة مدنيين بينهم طفلان.")
    doc, cands = candidates(text)
    (ev,) = doc.events
    first, second = cands
    assert (first.decision, first.events, second.decision, second.events) == ("emitted", [0], "merged", [0])
    assert ev.candidates == [first.index, second.index]
    assert second.reason == "follow-up" and "candidate #0" in second.detail


def test_weaker_frame_is_a_candidate():
    _, cands = candidates("شنت طائرات حربية غارات على البلدة في مواجهة تقدم المسلحين.")
    weak = [c for c in cands if c.reason == "weaker-frame"]
    assert weak and weak[0].triggers[0].text == "مواجهة" and "Air/drone strike" in weak[0].detail


def test_roles_keep_the_deciding_words():
    text = "قتل وجرح نحو 9 عناصر من لواء القدس بكمين نصبه مقاتلو تنظيم الدولة قرب مدينة تدمر يوم الخميس الفائت."
    doc, cands = candidates(text)
    (c,) = [c for c in cands if c.decision == "emitted"]
    a1, a2 = c.roles
    assert a1.role == "actor1" and a1.why.rule == "agent-marker" and a1.why.text == "نصبه"
    assert text[a1.why.start:a1.why.end] == "نصبه"
    assert a2.actor is not None and "القدس" in a2.actor.text
    assert c.arguments["places"] and c.arguments["date"]["date"] == "2021-02-25"


def test_unnamed_attacker_is_said_to_be_acled_convention():
    _, cands = candidates("انفجرت عبوة ناسفة في مدينة درعا اليوم ما أدى إلى مقتل شخصين.")
    (c,) = [c for c in cands if c.decision == "emitted"]
    assert c.roles[0].why.rule == "unidentified"


def test_every_trigger_and_span_is_accounted_for():
    text = ("شنت طائرات حربية روسية غارات على بلدة كفرنبل في ريف إدلب أمس، ما أدى إلى مقتل ثلاثة مدنيين. "
            "هدد قائد الفرقة باقتحام درعا. ويتحدث السكان عن الاغتيالات. اندلعت اشتباكات في حي الخالدية بحمص.\n"
            "ومنذ بدء النزاع قتل أكثر من 350 ألف شخص. سيقصف الجيش المدينة.")
    doc, cands = candidates(text)
    seen = {(t.start, t.end) for c in cands for t in c.triggers}
    assert all((t.start, t.end) in seen for t in doc.triggers)
    assert [c.index for c in cands] == list(range(len(cands)))
    starts = [c.triggers[0].start for c in cands]
    assert starts == sorted(starts)
    assert all(c.decision in ("emitted", "merged", "blocked", "filtered", "below_threshold") for c in cands)
    assert all(c.detail for c in cands)
    for c in cands:
        for w in [c.words] + [r.why for r in c.roles]:
            if w is not None and w.start is not None:
                assert text[w.start:w.end] == w.text
        for t in c.triggers:
            assert text[t.start:t.end] == t.text
    for k, ev in enumerate(doc.events):
        assert ev.candidates and all(k in cands[i].events for i in ev.candidates)


def test_empty_document_has_no_candidates():
    r = marsad.extract("", published=PUB)
    assert r.document.candidates == [] and r.events == []
