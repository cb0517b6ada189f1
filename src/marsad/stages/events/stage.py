"""Events stage: from trigger words and their arguments to ACLED events, in named steps.

1. `triggers`: words of `resources/events.yaml` (غارة، اشتباكات، اعتقال ...), each with an ACLED
   sub-event type and a strength.
2. `cues`: a trigger in a clause with a threat, plan, condemnation, denial, demand, question, negation,
   whole-war total or historical aside is not an event; neither is one beside sport, economy or cyber
   vocabulary.
3. `frames`: the triggers of one sentence become one event per sub-event type; a sentence that only
   counts the dead ("قتل 5 مدنيين") is an event too.
4. `roles` and `arguments`: initiator and target by the little words around the actors (على، ضد، من قبل،
   بين ... و); place, date and deaths (`casualties`) from the same sentence, else carried from the
   sentences before it in the paragraph.
5. `acled_typing`: ACLED's rules refine the type (a generic attack on civilians, an arrest by a
   non-state group, territory taken by the state).
6. `confidence`: the trigger's strength times how anchored the frame is.
7. `merge`: mentions of one incident (same type, place and day, or a later sentence with no place or
   date of its own) become one event; events under the threshold are not emitted.
"""

from __future__ import annotations

from marsad.model import DateMention, Document, Event, PlaceMention, Span, Words
from marsad.stages.actors import ActorLexicon, actor_name, builtin_actor_lexicon
from marsad.stages.events import arguments as args
from marsad.stages.events.acled_typing import refine_type
from marsad.stages.events.candidates import CandidateBook
from marsad.stages.events.casualties import DeathCount, cap_fatalities, read_deaths, supported_toll
from marsad.stages.events.confidence import Anchors, score
from marsad.stages.events.context import EventContext
from marsad.stages.events.cues import block_reason
from marsad.stages.events.frames import DroppedGroup, Frame, build_frames
from marsad.stages.events.lexicon import EventLexicon, builtin_event_lexicon
from marsad.stages.events.merge import Incidents, within
from marsad.stages.events.roles import GenericActors, choose_roles
from marsad.stages.events.rules import EventRules, builtin_rules
from marsad.stages.events.triggers import find_triggers, killing_trigger


class EventExtractor:
    """The events stage: `doc -> doc` with `doc.events` filled, and every candidate in `doc.candidates`."""

    name = "events"
    requires = ("text", "quantities", "dates", "places", "country", "actors")
    provides = ("events", "candidates")

    def __init__(self, lexicon: EventLexicon | None = None, threshold: float | None = None,
                 actors: ActorLexicon | None = None, rules: EventRules | None = None) -> None:
        self.lex = lexicon or builtin_event_lexicon()
        self.rules = rules or builtin_rules()
        self.threshold = self.rules.confidence.emit_threshold if threshold is None else threshold
        self.generic = GenericActors(actors or builtin_actor_lexicon())

    def __call__(self, doc: Document) -> Document:
        doc.events, doc.candidates = [], []
        if not doc.tokens:
            return doc
        ctx = EventContext.build(doc, self.lex, self.rules)
        rules = self.rules
        book = CandidateBook(doc)
        kept, blocked_sentences = [], set()
        triggers = find_triggers(doc, ctx.found["trigger"], self.lex, rules)
        for t in triggers:
            why = block_reason(ctx, t, self.lex)
            if why is None:
                kept.append(t)
            else:
                blocked_sentences.add(t.sentence)
                book.blocked(t, why)
        doc.triggers = kept
        kill = ctx.found["killed"]
        # a killing sentence counts only if its killed word survives the same filters
        kill_events = []
        trigger_sentences = {t.sentence for t in triggers}
        for m in kill:
            t = killing_trigger(doc, m, rules.frames.killed_word_strength)
            why = block_reason(ctx, t, self.lex)
            if why is None and t.sentence not in blocked_sentences:
                kill_events.append(m)
            elif why is not None and t.sentence not in trigger_sentences:
                book.blocked(t, why)  # a sentence with no trigger whose killed word is blocked
        actions = {ctx.sentence_of(m) for m in ctx.found["action"]}
        dropped: list[DroppedGroup] = []
        frames = build_frames(doc, kept, kill_events, actions, dropped, rules)
        for group in dropped:
            book.dropped(group)
        killed_tokens = frozenset(i for m in kill for i in range(m.token_start, m.token_end))
        events: list[Event] = []
        carry = args.Carry(args.main_place(doc), rules.frames.violent_types)
        incidents = Incidents(rules)
        for frame in frames:
            self._frame_events(ctx, frame, carry, killed_tokens, events, book, incidents)
        events = book.settle(events, self.threshold, incidents)
        cap_fatalities(doc, events, rules.deaths.ceiling)
        for ev in events:
            fill_generic_names(ev, doc.country)  # before the notes are written from the names
        doc.events = events
        return doc

    def _frame_events(self, ctx: EventContext, frame: Frame, carry: args.Carry, killed_tokens: frozenset[int],
                      events: list[Event], book: CandidateBook, incidents: Incidents) -> None:
        """The events of one frame (one per place), appended to `events`, or its report folded into the
        event before it; what was decided goes to the frame's candidate."""
        doc, rules = ctx.doc, ctx.rules
        violent = rules.frames.violent_types
        cand = book.frame(frame)
        sent = doc.sentences[frame.sentence]
        carry.enter(sent)
        actors = ctx.actors_in(frame.sentence)
        places = ctx.places_in(frame.sentence)
        dates = ctx.dates_in(frame.sentence)
        counts = ctx.quantities_in(frame.sentence)
        deaths = read_deaths(ctx, frame.sentence, self.lex)
        if deaths.value > rules.deaths.support_level and not supported_toll(ctx, frame, deaths):
            cand.arguments["unsupported_deaths"] = death_record(deaths)  # a war total, a speech, history
            deaths = DeathCount(0, None)
        fat = deaths.value
        if frame.casualty_only and fat == 0 and not any(a.actor.inter == rules.roles.civilian_inter for a in actors):
            return book.stop(cand, "filtered", "no-deaths")
        roles = choose_roles(doc, frame, actors, counts, self.generic, killed_tokens, rules)
        actor1, actor2 = roles.actor1, roles.actor2
        why1, why2 = book.words(roles.why1), book.words(roles.why2)
        weapon = args.nearest_weapon(ctx, frame) \
            if frame.generic or frame.anchor.refine_by_weapons else None
        et, sub = refine_type(frame, actor1, actor2, weapon, rules)
        cand.event_type, cand.sub_event_type = et, sub
        if fat and (et in rules.deaths.non_lethal_types or sub in rules.deaths.non_lethal_types):
            # ACLED counts no dead for these, and a count of the dead beside them does not anchor them
            cand.arguments["non_lethal_deaths"] = death_record(deaths)
            deaths, fat = DeathCount(0, None), 0
        book.roles(cand, actor1, why1, actor2, why2)
        if frame.casualty_only and et == "Violence against civilians" and actor2 is None and not actors:
            return book.stop(cand, "filtered", "nobody-named")
        dm = args.choose_date(frame, dates)
        if dm is not None and args.is_history(doc, dm, rules.arguments.history_days):
            return book.stop(cand, "filtered", "history-date", Words("history-date", dm.text, dm.start, dm.end))
        near = args.near_trigger(frame, rules.arguments.anchor_window)
        specific_place = any(p.place.kind not in rules.arguments.broad_kinds and near(p) for p in places)
        anaphoric = frame.generic or all(t.definite for t in frame.triggers if not t.modifier)
        own = args.choose_places(doc, frame, places, rules)
        inside_previous = bool(events) and (
            not own or within(own[0].location, events[-1].location, rules.merge.same_place_km))
        if anaphoric and inside_previous and dm is None and events and \
                events[-1].event_type in violent and et in violent:
            # "وأسفر القصف عن مقتل 5", "وقتل جراء القصف أيضا": more about the incident just reported
            incidents.absorb(events[-1], Span(sent.start, sent.end), frame.triggers,
                             own[0].location if own else None, deaths, actor2, cand.index)
            cand.reason = "follow-up"
            cand.arguments["deaths"] = death_record(deaths)
            return None
        chosen_places, carried = carry.places(own)
        if dm is None:
            dm = ctx.memo("earlier_dates", lambda: args.EarlierDates(doc)).before(frame)
        if dm is not None and args.is_future(doc, dm):
            # "ستنظم تظاهرة يوم الجمعة المقبل": a plan; nothing reported can happen after publication
            return book.stop(cand, "filtered", "future-date", Words("future-date", dm.text, dm.start, dm.end))
        given = actor1
        actor1 = carry.actor1(actor1, actor2, et, frame)
        if actor1 is not given:
            why1 = Words("carried", actor1.text, actor1.start, actor1.end) if actor1 is not None else None
        counted = any(q.unit is None and near(q) for q in counts)
        own_date = any(near(d) for d in dates)
        # "في عام 2005": with no publication day to compare, a year named beside the trigger is background
        past_year = doc.published is None and any(near(d) and d.date is None and d.date_from is not None
                                                  and d.precision == 3 for d in dates)
        anchors = Anchors(place=specific_place, date=own_date, actor=actor1 is not None or actor2 is not None,
                          deaths=fat > 0, count=counted, several=len(frame.triggers) > 1)
        result = score(frame, anchors, actor1, actor2, weapon, past_year, rules,
                       large_toll=fat > rules.deaths.support_level)
        book.scored(cand, result, anchors)
        if actor1 is None and et in violent:
            # ACLED's convention for an attacker the report does not name
            actor1 = self.generic.mention(doc, frame, "unidentified_military_forces" if sub == "Air/drone strike"
                                          else "unidentified_armed_group")
            why1 = Words("unidentified")
        book.roles(cand, actor1, why1, actor2, why2)
        cand.arguments.update(argument_record(chosen_places, carried, dm, deaths))
        for pm in chosen_places or [None]:
            ev = Event(event_type=et, sub_event_type=sub, actor1=actor1, actor2=actor2,
                       assoc_actor_1=list(roles.assoc1), assoc_actor_2=list(roles.assoc2),
                       location=pm.location if pm else None, fatalities=fat, fatalities_evidence=deaths.quantity,
                       evidence=[Span(sent.start, sent.end)], confidence=result.value,
                       triggers=list(frame.triggers), sentence=frame.sentence, death_counts=[deaths],
                       candidates=[cand.index])
            args.set_date(doc, ev, dm)
            events.append(ev)
        carry.remember(places, chosen_places, actor1)
        return None


def death_record(deaths: DeathCount) -> dict:
    q = deaths.quantity
    return {"value": deaths.value, "text": q.text if q else "", "start": q.start if q else None,
            "end": q.end if q else None}


def argument_record(places: list[PlaceMention], carried: bool, dm: DateMention | None, deaths: DeathCount) -> dict:
    """The place(s), date and deaths a frame was given, with their words (for `explain`)."""
    return {
        "places": [{"name": p.location.name, "text": p.text, "start": p.start, "end": p.end} for p in places],
        "place_carried": carried,
        "date": {"date": dm.date.isoformat() if dm.date else None, "text": dm.text, "start": dm.start,
                 "end": dm.end} if dm is not None else None,
        "deaths": death_record(deaths),
    }


def fill_generic_names(ev: Event, country: str | None) -> None:
    """Generic actors are named after the event's country ("Civilians (Syria)")."""
    c = (ev.location.country if ev.location else None) or country
    for a in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2):
        if a is not None and "{country}" in a.actor.name:
            a.name = actor_name(a.actor, c)
