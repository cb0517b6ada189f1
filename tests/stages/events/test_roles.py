"""Step 4a: initiator and target among a sentence's actors, with the words that decided each role."""

from marsad.stages.actors import builtin_actor_lexicon
from marsad.stages.events.frames import build_frames
from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.events.roles import GenericActors, choose_roles
from marsad.stages.events.triggers import find_triggers
from tests.stages.events.prepared import context


def roles_of(text):
    ctx = context(text)
    trigs = find_triggers(ctx.doc, ctx.found["trigger"], builtin_event_lexicon())
    frame = build_frames(ctx.doc, trigs, ctx.found["killed"], set())[0]
    killed = frozenset(i for m in ctx.found["killed"] for i in range(m.token_start, m.token_end))
    roles = choose_roles(ctx.doc, frame, ctx.actors_in(0), ctx.quantities_in(0),
                         GenericActors(builtin_actor_lexicon()), killed)

    def words(why):
        if why is None or why.token_start is None:
            return None
        toks = ctx.doc.tokens
        return text[toks[why.token_start].start:toks[why.token_end - 1].end]
    return roles, words


def test_agent_marker_makes_the_initiator():
    roles, words = roles_of("قتل وجرح 9 عناصر من لواء القدس بكمين نصبه مقاتلو تنظيم الدولة قرب تدمر.")
    assert roles.actor1.actor.id.startswith("IS") and roles.why1.rule == "agent-marker"
    assert words(roles.why1) == "نصبه"
    assert "القدس" in roles.actor2.text and roles.why2.rule == "target-marker" and words(roles.why2) == "عناصر"


def test_between_names_both_sides():
    roles, words = roles_of("اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية ومسلحي تنظيم الدولة في هجين.")
    assert roles.why1.rule == roles.why2.rule == "between" and words(roles.why1) == "بين"
    assert roles.actor1.actor.id != roles.actor2.actor.id


def test_civilians_are_the_target_of_an_attack():
    roles, _ = roles_of("شنت طائرات حربية روسية غارات على بلدة كفرنبل ما أدى إلى مقتل ثلاثة مدنيين.")
    assert roles.actor2.actor.inter == 7 and roles.why2.rule == "civilians-nearest"


def test_protest_gets_generic_protesters():
    roles, _ = roles_of("خرجت مظاهرة في مدينة السويداء اليوم.")
    assert roles.actor1 is not None and roles.actor1.actor.generic == "protesters"
    assert roles.why1.rule == "generic-protesters" and roles.actor2 is None
