"""Step 4b: the place, date and weapon of a frame, and what carries over from earlier sentences."""

from datetime import date

from marsad.stages.events import arguments as args
from marsad.stages.events.frames import build_frames
from marsad.stages.events.lexicon import builtin_event_lexicon
from marsad.stages.events.triggers import find_triggers
from tests.stages.events.prepared import context


def frames(text, published=date(2021, 3, 4)):
    ctx = context(text, published)
    trigs = find_triggers(ctx.doc, ctx.found["trigger"], builtin_event_lexicon())
    return ctx, build_frames(ctx.doc, trigs, ctx.found["killed"], set())


def test_places_listed_after_the_trigger():
    ctx, (f,) = frames("سيطرت قوات النظام على قرى الحصان والجيعة والجنينة في ريف دير الزور الشرقي.")
    chosen = args.choose_places(ctx.doc, f, ctx.places_in(0))
    assert len(chosen) >= 2 and all(p.start > f.anchor.start for p in chosen)


def test_date_prefers_a_day_and_history_is_background():
    ctx, (f,) = frames("قصفت قوات النظام مدينة دوما أمس.")
    dm = args.choose_date(f, ctx.dates_in(0))
    assert dm.date == date(2021, 3, 3) and not args.is_history(ctx.doc, dm, 45)
    ctx2, (f2,) = frames("قصفت قوات النظام مدينة دوما في كانون الأول 2016.")
    assert args.is_history(ctx2.doc, args.choose_date(f2, ctx2.dates_in(0)), 45)


def test_earlier_date_and_weapon():
    ctx, fs = frames("قصفت قوات النظام مدينة دوما أمس. وشنت طائرات حربية غارات على البلدة.")
    assert args.EarlierDates(ctx.doc).before(fs[1]).date == date(2021, 3, 3)
    assert args.nearest_weapon(ctx, fs[1]) == "Air/drone strike"


def test_carry_over_within_a_paragraph_only():
    ctx, (f,) = frames("قصفت قوات النظام مدينة دوما أمس.")
    place = ctx.places_in(0)[0]
    carry = args.Carry(main_place=None, violent_types=frozenset({"Battles"}))
    carry.enter(ctx.doc.sentences[0])
    assert carry.places([]) == ([], False)
    actor = ctx.actors_in(0)[0]
    carry.remember([place], [place], actor)
    assert carry.places([]) == ([place], True)
    assert carry.actor1(None, None, "Battles", f) is actor
    nxt = ctx.doc.sentences[0].__class__(1, 0, 0, paragraph=1)
    carry.enter(nxt)
    assert carry.actor1(None, None, "Battles", f) is None and carry.places([]) == ([place], True)


def test_near_trigger_window():
    ctx, (f,) = frames("قصفت قوات النظام مدينة دوما أمس.")
    near = args.near_trigger(f, 10)
    assert all(near(p) for p in ctx.places_in(0))
