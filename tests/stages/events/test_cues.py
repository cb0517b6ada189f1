"""Step 2: the filters say which cue or rule blocks a trigger, and at which words."""

import pytest

from marsad.stages.events.context import clause_numbers
from marsad.stages.events.cues import block_reason
from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.events.triggers import find_triggers
from tests.stages.events.prepared import context


def reasons(text):
    lex = builtin_event_lexicon()
    ctx = context(text)
    out = []
    for t in find_triggers(ctx.doc, ctx.found["trigger"], lex):
        r = block_reason(ctx, t, lex)
        words = None
        if r is not None and r.token_start is not None:
            toks = ctx.doc.tokens
            words = text[toks[r.token_start].start:toks[r.token_end - 1].end]
        out.append((t.text, r.rule if r else None, words))
    return out


@pytest.mark.parametrize("text, rule, words", [
    ("هدد قائد الفرقة باقتحام مدينة درعا.", "threat", "هدد"),
    ("تعتزم القوات التركية شن هجوم جديد على منبج.", "plan_future", "تعتزم"),
    ("أدانت الخارجية الفرنسية الغارات على إدلب.", "condemnation", "أدانت"),
    ("نفت وزارة الدفاع أن تكون طائراتها قد قصفت مستشفى.", "denial", "نفت"),
    ("ومنذ بدء النزاع في سوريا وقعت اشتباكات عنيفة.", "totals", "ومنذ بدء النزاع"),
    ("سجل مهاجم المنتخب هدفين في هجوم المباراة.", "non-conflict", "المنتخب"),
])
def test_blocking_cue_and_words(text, rule, words):
    assert any(r == rule and w == words for _, r, w in reasons(text)), reasons(text)


def test_question_mark_and_future_and_purpose():
    assert {r for _, r, _ in reasons("هل تشن إسرائيل غارات جديدة على دمشق؟")} == {"question"}
    assert ("سيقصف", "future", "سيقصف") in reasons("سيقصف الجيش المدينة.")
    assert any(r == "purpose" for _, r, _ in reasons("وصلت تعزيزات لاقتحام البلدة."))


def test_report_is_not_blocked():
    assert all(r is None for _, r, _ in reasons("قصفت قوات النظام مدينة دوما صباح اليوم."))


def test_a_cue_in_another_clause_does_not_block():
    # the threat is in the first clause; the shelling after the comma is reported
    got = reasons("هدد المسؤول بالرد، وقصفت القوات بلدة سرمين.")
    assert ("وقصفت", None, None) in got or ("قصفت", None, None) in got, got


def test_clause_numbers():
    doc = context("قصف، اشتباك. غارة").doc
    assert clause_numbers(doc) == [0, 1, 2]
