"""Events stage: from trigger words and their arguments to ACLED events.

How it decides, in order:
1. Triggers: words of `resources/events.yaml` (غارة، اشتباكات، اعتقال ...), each with
   an ACLED sub-event type and a strength.
2. Filters: a trigger in a clause with a threat, plan, condemnation, denial,
   demand, question, negation, whole-war total or historical date is not an event;
   neither is one beside sport, economy or cyber vocabulary.
3. Frames: the triggers of one sentence become one event per sub-event type;
   a sentence that only counts the dead ("قتل 5 مدنيين") is an event too.
4. Arguments: actors (initiator and target by position and by the little words
   around them: على، ضد، من قبل، بين ... و), place, date and deaths from the same
   sentence, else carried from the sentences before it in the paragraph.
5. ACLED's rules refine the type: a generic attack on civilians is Violence against
   civilians, with a weapon it is an explosion; a state arrest is Arrests, a
   non-state one an abduction; territory taken by the state is Government regains
   territory.
6. Merging: mentions of one incident (same type, place and day, or a later
   sentence with no place or date of its own) become one event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.geo.geodesy import haversine_km
from marsad.model import (
    Actor,
    ActorMention,
    DateMention,
    Document,
    Event,
    Location,
    PlaceMention,
    Span,
    Token,
    Trigger,
)
from marsad.stages.actors import ActorLexicon, actor_name, builtin_actor_lexicon
from marsad.stages.events.casualties import combine_deaths, read_deaths
from marsad.stages.events.lexicon import EventLexicon, TriggerEntry, builtin_event_lexicon
from marsad.text.matcher import Match, word_set

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
CIVILIAN_INTER = 7
HISTORY_DAYS = 45  # an event dated earlier than this before publication is background
EMIT_THRESHOLD = 0.55
CUE_WINDOW = 7  # tokens before a trigger in which a blocking cue counts
TOTALS_WINDOW = 12  # "منذ بدء النزاع ... قتل": a whole-war total stands close to its killed word
ANCHOR_WINDOW = 10  # tokens between a trigger and the place, date or count that anchors it
NON_CONFLICT_WINDOW = 6  # "هجوم" beside "مباراة" is football; a cinema named further away is not
GENERIC_WITH_WEAPON = 0.75  # strength of a generic attack or explosion word with a weapon named beside it
TWO_SIDES_BOOST = 1.3  # a generic attack word with an armed initiator and an armed target
NAMED_FORCE_BOOST = 1.3  # a raid, defection or redeployment with a named armed group doing it
PROTEST_WITH_ACTION = 0.9  # strength of a protest word beside a gathering verb
PROTEST_WITHOUT_ACTION = 0.8  # factor for a protest word with no one said to gather, march or chant
# Confidence = trigger strength x (base + one weight per anchor present), x the factors below.
CONFIDENCE_WEIGHTS = {"base": 0.45, "place": 0.2, "actor": 0.1, "date": 0.15, "deaths": 0.15, "several": 0.05,
                      "count": 0.1,
                      "definite": 0.8, "vague_generic": 0.8, "topic_only": 0.6, "past_year": 0.6}


BLOCKING_CUES = ("threat", "plan_future", "condemnation", "denial", "call_or_demand", "hypothetical", "without")
REFERENCE_WINDOW = 3  # "ملف اغتيال": a topic noun this close before a trigger makes it a reference, not a report
TARGET_MARKERS = word_set(["على", "ضد", "مناطق", "سيطرة", "استهدف", "استهدفت", "استهدفوا", "مواقع", "موقع",
                           "نقاط", "نقطة", "مقرات", "مقر", "تجمع", "تجمعات", "صفوف", "حاجز", "حواجز", "حافلة",
                           "دورية", "رتل", "آليات", "آلية", "حساب", "عناصر", "عنصر", "أفراد", "جنود", "معاقل",
                           "استهداف", "تعرض", "تعرضت"])
AGENT_MARKERS = word_set(["قبل", "نفذه", "نفذها", "نفذته", "نصبه", "نصبها", "نصبته", "تبناه", "تبنته",
                          "تبناها", "شنها", "شنته", "شنه", "شنت", "نفذت", "نفذ", "يد", "أيدي", "برصاص", "رصاص",
                          "طائرات", "طائرة", "طيران", "مدفعية", "مقاتلات", "مروحيات", "مسيرة", "قذائف",
                          "صواريخ", "راجمات", "قناص", "قناصة"])
AFFILIATION_MARKERS = word_set(["التابعة", "التابع", "التابعين", "التابعون", "تابعة", "تابع", "المرتبطة",
                                "المرتبط"])
JOINED_MARKERS = word_set(["الى", "عن", "لصالح", "صفوف"])  # "انشق عن X", "انضم إلى X"
CLAUSE_BREAK_RE = re.compile("[،,:؛;]")
SAME_PLACE_KM = 10.0  # two mentions this close can be one incident's place
AREA_RANK = {"region": 0, "mountain": 0, "admin3": 1, "admin2": 2, "admin1": 3, "country": 4}


@dataclass
class Frame:
    """The triggers of one sentence that report one event, before arguments are attached."""

    sentence: int
    triggers: list[Trigger]
    event_type: str
    sub_event_type: str
    strength: float
    generic: bool = False
    territory: bool = False
    casualty_only: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def anchor(self) -> Trigger:
        return self.triggers[0]


class EventExtractor:
    """The events stage: `doc -> doc` with `doc.events` filled."""

    name = "events"
    requires = ("text", "quantities", "dates", "places", "country", "actors")
    provides = ("events",)

    def __init__(self, lexicon: EventLexicon | None = None, threshold: float = EMIT_THRESHOLD,
                 actors: ActorLexicon | None = None) -> None:
        self.lex = lexicon or builtin_event_lexicon()
        self.threshold = threshold
        # the generic actors (protesters, unidentified armed group ...) an event may need when the text names none
        actor_lex = actors or builtin_actor_lexicon()
        self.generic_actors: dict[str, Actor] = {}
        for actor in actor_lex.actors.values():
            if actor.generic:
                self.generic_actors.setdefault(actor.generic, actor)

    # --- 1 and 2: triggers and filters ------------------------------------------

    def find_triggers(self, doc: Document, matches: list[Match[TriggerEntry]] | None = None) -> list[Trigger]:
        toks = doc.tokens
        out = []
        for m in (self.lex.triggers.find(toks) if matches is None else matches):
            e = m.payload
            t0 = toks[m.token_start]
            form = t0.forms[t0.clitics.index(m.clitic)] if m.clitic in t0.clitics else t0.norm
            future = "س" in m.clitic and form[:1] in ("ي", "ت", "ن")
            out.append(Trigger(
                start=t0.start, end=toks[m.token_end - 1].end, text=doc.text[t0.start:toks[m.token_end - 1].end],
                entry_id=e.id, event_type=e.event_type, sub_event_type=e.sub_event_type, strength=e.strength,
                token_start=m.token_start, token_end=m.token_end, sentence=t0.sentence, generic=e.generic,
                territory=e.territory, modifier=e.modifier, future=future, refine_by_weapons=e.refine_by_weapons,
                participants=e.participants, definite=m.clitic.endswith("ال"), clitic=m.clitic,
                topic=self._is_topic_noun(toks, m),
            ))
        return out

    def _is_topic_noun(self, toks: list[Token], m: Match[TriggerEntry]) -> bool:
        first = toks[m.token_start]
        form = first.forms[first.clitics.index(m.clitic)] if m.clitic in first.clitics else first.norm
        if form.startswith("ال") and len(form) > 4:
            form = form[2:]
        words = [form] + [toks[i].norm for i in range(m.token_start + 1, m.token_end)]
        return " ".join(words) in self.lex.topic_nouns or form in self.lex.topic_nouns

    @staticmethod
    def _purpose(doc: Document, trig: Trigger) -> bool:
        """ل before the verbal noun of a derived verb ("لاستعادة", "لتفريق"): an aim, not a deed.

        Not after تعرض ("تعرضوا لاستهداف" is a deed) and not for plain nouns ("لكمين", "لهجوم").
        """
        if trig.token_end - trig.token_start != 1:
            return False
        clitic = trig.clitic.lstrip("وف")
        if clitic[:1] != "ل" or clitic.startswith("ال"):
            return False
        tok = doc.tokens[trig.token_start]
        form = tok.forms[tok.clitics.index(trig.clitic)] if trig.clitic in tok.clitics else tok.norm
        if form.startswith("ال"):
            form = form[2:]
        if not form.startswith(("ا", "ت")):
            return False
        prev = doc.tokens[trig.token_start - 1] if trig.token_start > 0 else None
        return not (prev is not None and any(f.startswith(("تعرض", "يتعرض")) for f in prev.forms))

    def _clauses(self, doc: Document) -> list[int]:
        """Clause number of every token: a new clause after a comma, colon or semicolon."""
        toks = doc.tokens
        breaks = [m.start() for m in CLAUSE_BREAK_RE.finditer(doc.text)]
        clause = [0] * len(toks)
        c, b = 0, 0
        for i in range(1, len(toks)):
            start = toks[i].start
            if toks[i].sentence != toks[i - 1].sentence:
                c += 1
            elif b < len(breaks) and breaks[b] < start:
                c += 1
            while b < len(breaks) and breaks[b] < start:
                b += 1
            clause[i] = c
        return clause

    def _blocked(self, doc: Document, trig: Trigger, cues: dict[str, list[Match[str]]],
                 clause: list[int]) -> str | None:
        """Why this trigger does not report an event, or None when it does."""
        toks = doc.tokens
        ts = trig.token_start
        if trig.future:
            return "future"
        if self._purpose(doc, trig):
            return "purpose"  # "لاستعادة السيطرة", "لإطلاق الصواريخ": what someone means to do
        sent = doc.sentences[trig.sentence]
        for name in BLOCKING_CUES:
            for m in cues.get(name, ()):
                if m.token_start < ts and ts - m.token_start <= CUE_WINDOW and clause[m.token_start] == clause[ts]:
                    return name
        for m in cues.get("reference", ()):
            if 0 < ts - m.token_end + 1 <= REFERENCE_WINDOW and clause[m.token_start] == clause[ts]:
                return "reference"
        for m in cues.get("negation", ()):
            if 0 < ts - m.token_end + 1 <= 2 and clause[m.token_start] == clause[ts]:
                return "negation"
        for m in cues.get("question", ()):
            if m.token_start == sent.first_token and not m.clitic:
                return "question"
        if doc.text[sent.start:sent.end].rstrip().endswith(("؟", "?")):
            return "question"
        for m in cues.get("totals", ()):
            if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= TOTALS_WINDOW:
                return "totals"
        for m in cues.get("history", ()):
            if toks[m.token_start].sentence == trig.sentence and abs(m.token_start - ts) <= 12:
                return "history"
        lo = max(sent.first_token, ts - NON_CONFLICT_WINDOW)
        hi = min(sent.last_token, trig.token_end + NON_CONFLICT_WINDOW)
        if any(f in self.lex.non_conflict for t in toks[lo:hi] for f in t.forms):
            return "non-conflict"
        return None

    # --- 3: frames ----------------------------------------------------------------

    def _frames(self, doc: Document, triggers: list[Trigger], killed: list[Match[str]],
                action_sentences: set[int]) -> list[Frame]:
        killing_sentences = {doc.tokens[m.token_start].sentence for m in killed}
        by_sentence: dict[int, list[Trigger]] = {}
        for t in triggers:
            by_sentence.setdefault(t.sentence, []).append(t)
        frames: list[Frame] = []
        for s, trigs in sorted(by_sentence.items()):
            modifiers = [t for t in trigs if t.modifier]
            main = [t for t in trigs if not t.modifier]
            if not main:
                continue
            groups: dict[str, list[Trigger]] = {}
            for t in sorted(main, key=lambda t: (t.generic, -t.strength, t.start)):
                key = t.sub_event_type
                if t.generic or t.territory:
                    # a generic word joins the strongest specific frame of the sentence
                    specific = [k for k, g in groups.items() if not g[0].generic]
                    if specific:
                        groups[specific[0]].append(t)
                        continue
                groups.setdefault(key, []).append(t)
            deadly = s in killing_sentences
            strong = {k: g for k, g in groups.items() if g[0].strength >= 0.6 or len(groups) == 1
                      or (deadly and g[0].event_type in VIOLENT_TYPES)}  # "قتلت الناشطة بإطلاق نار"
            if not strong:
                strong = dict([max(groups.items(), key=lambda kv: kv[1][0].strength)])
            for _sub, g in strong.items():
                head = g[0]
                strength = head.strength
                if head.event_type == "Protests":
                    if s in action_sentences:
                        strength = max(strength, PROTEST_WITH_ACTION)  # people gathered, marched, chanted
                    else:
                        strength *= PROTEST_WITHOUT_ACTION
                frame = Frame(s, g + modifiers, head.event_type, head.sub_event_type, strength,
                              generic=head.generic, territory=head.territory)
                frames.append(frame)
        # sentences that only count the dead ("قتل 5 مدنيين برصاص مجهولين")
        framed = {f.sentence for f in frames}
        for m in killed:
            s = doc.tokens[m.token_start].sentence
            if s in framed:
                continue
            trig = Trigger(
                start=doc.tokens[m.token_start].start, end=doc.tokens[m.token_end - 1].end,
                text=doc.text[doc.tokens[m.token_start].start:doc.tokens[m.token_end - 1].end],
                entry_id="killing", event_type="Violence against civilians", sub_event_type="Attack",
                strength=0.55, token_start=m.token_start, token_end=m.token_end, sentence=s, generic=True,
            )
            frames.append(Frame(s, [trig], trig.event_type, trig.sub_event_type, 0.55, generic=True,
                                casualty_only=True))
            framed.add(s)
        frames.sort(key=lambda f: (f.sentence, f.anchor.start))
        return frames

    # --- 4: arguments ---------------------------------------------------------------

    def _sentence_items(self, items: list, doc: Document, s: int) -> list:
        sent = doc.sentences[s]
        return [x for x in items if sent.start <= x.start < sent.end]

    def _roles(self, doc: Document, frame: Frame, actors: list[ActorMention],
               killed_tokens: frozenset[int] = frozenset()) -> tuple[
            ActorMention | None, ActorMention | None, list[ActorMention], list[ActorMention]]:
        """Initiator and target among the actors of the frame's sentence."""
        toks = doc.tokens
        counts = self._sentence_items(doc.quantities, doc, frame.sentence)
        trig = frame.anchor
        armed, victims, protesters = [], [], []
        for a in actors:
            if a.token_start > 1 and any(f in AFFILIATION_MARKERS for f in toks[a.token_start - 1].forms) \
                    and any(b.token_end == a.token_start - 1 for b in actors):
                continue  # "لواء القدس التابعة لشعبة المخابرات": whom a named group belongs to, not a party
            inter = a.actor.inter
            if inter == CIVILIAN_INTER:
                victims.append(a)
            elif inter in (5, 6):
                protesters.append(a)
            else:
                armed.append(a)

        def marked(a: ActorMention, words: frozenset[str]) -> bool:
            for j in range(max(0, a.token_start - 3), a.token_start):
                if toks[j].sentence == toks[a.token_start].sentence and any(f in words for f in toks[j].forms):
                    return True
            return False

        def victim(a: ActorMention) -> bool:
            """"مقتل 40 من الحوثيين", "قتلى قوات النظام": the dead belong to this side."""
            j = a.token_start - 1
            while j >= 0 and toks[j].sentence == toks[a.token_start].sentence and j >= a.token_start - 4:
                if j in killed_tokens:
                    return True
                if toks[j].norm == "من" and j > 0 and any(q.token_end == j for q in counts):
                    return True  # "9 من أفراد لواء القدس": a count of this side's men
                if toks[j].norm not in ("من", "عناصر", "مقاتلي", "افراد", "جنود") and not toks[j].norm.isdigit() \
                        and not any(q.token_start <= j < q.token_end for q in counts):
                    return False
                j -= 1
            return False

        agents = [a for a in armed if marked(a, AGENT_MARKERS) and not marked(a, word_set(["على", "ضد"]))]
        targets = [a for a in armed if a not in agents and (marked(a, TARGET_MARKERS) or victim(a))]
        for t in list(targets):  # "قوات النظام والمسلحين الموالين لها": the target's companions are targets too
            targets.extend(c for c in self._coordinated(doc, t, armed) if c not in targets and c not in agents)
        rest = [a for a in armed if a not in agents and a not in targets]
        # "اشتباكات بين X و Y"
        if frame.event_type == "Battles" and len(armed) >= 2:
            for a in armed:
                if a.token_start > 0 and toks[a.token_start - 1].norm in ("بين",):
                    others = [b for b in armed if b.actor.id != a.actor.id and b.start > a.start]
                    if others:
                        return a, others[0], [], []
        order = agents + rest + targets
        actor1 = order[0] if order else None
        actor2 = None
        for a in targets + rest + agents:  # the target is whoever is marked as hit, else the next side named
            if actor1 is not None and a is not actor1 and a.actor.id != actor1.actor.id:
                actor2 = a
                break
        if frame.event_type == "Protests" or frame.event_type == "Riots":
            p = protesters[0] if protesters else self._generic_actor(doc, frame, "rioters" if frame.event_type
                                                                      == "Riots" else "protesters")
            force = actor1
            return p, (force if frame.sub_event_type != "Peaceful protest" else None), [], []
        if victims and frame.sub_event_type in ("Arrests", "Abduction/forced disappearance", "Attack"):
            # the people arrested, abducted or attacked are the target, before any armed group named nearby
            actor2 = min(victims, key=lambda v: abs(v.start - trig.start))
        elif actor2 is None and victims and frame.sub_event_type not in ("Change to group/activity", "Agreement"):
            actor2 = min(victims, key=lambda v: abs(v.start - trig.start))
        if actor1 is not None and actor1.actor.inter == CIVILIAN_INTER:
            actor1, actor2 = None, actor1
        if frame.sub_event_type == "Change to group/activity" and actor2 is not None and actor2 not in targets \
                and not marked(actor2, JOINED_MARKERS):
            actor2 = None  # a defection or redeployment has a second party only when the text marks one
        assoc1 = self._coordinated(doc, actor1, actors)
        if actor2 is not None and any(a is actor2 for a in assoc1):
            # "انشق عناصر من الدفاع الوطني ولواء القدس": both on one side
            actor2 = next((a for a in targets + rest if a is not actor1 and all(a is not b for b in assoc1)
                           and (actor1 is None or a.actor.id != actor1.actor.id)), None)
        assoc2 = self._coordinated(doc, actor2, actors)
        return actor1, actor2, assoc1, assoc2

    def _coordinated(self, doc: Document, head: ActorMention | None,
                     actors: list[ActorMention]) -> list[ActorMention]:
        """Actors joined to `head` by و or a comma ("قوات النظام والميليشيات الإيرانية"): its associates."""
        if head is None:
            return []
        out: list[ActorMention] = []
        last = head
        for a in sorted(actors, key=lambda a: a.start):
            if a.start < last.end or a is head:
                continue
            gap = doc.text[last.end:a.start].strip()
            starts_with_and = doc.tokens[a.token_start].norm.startswith("و")
            if (gap in ("", "،", ",", "و") and (starts_with_and or gap in ("،", ",", "و"))) and \
                    (a.actor.inter == CIVILIAN_INTER) == (head.actor.inter == CIVILIAN_INTER):
                if a.actor.id != head.actor.id and all(a.actor.id != b.actor.id for b in out):
                    out.append(a)
                last = a
            elif a.start > last.end:
                break
        return out

    def _generic_actor(self, doc: Document, frame: Frame, kind: str) -> ActorMention | None:
        """A generic actor standing for one the text does not name: protesters in "خرجت مظاهرة", ACLED's
        unidentified armed group for an attacker nobody names."""
        actor = self.generic_actors.get(kind)
        if actor is None:
            return None
        t = frame.anchor
        return ActorMention(t.start, t.end, t.text, actor, actor_name(actor, doc.country), t.token_start,
                            t.token_end)

    def _place(self, doc: Document, frame: Frame, places: list[PlaceMention]) -> list[PlaceMention]:
        """The place(s) of a frame: the specific ones listed after the trigger, else the nearest."""
        if not places:
            return []
        trig = frame.anchor
        if any(not p.reference for p in places):
            # "في صلاح الدين شمالي بغداد": not Baghdad
            places = [p for p in places if p.reference != "direction"]
        if any(not p.reference and p.location.geo_precision < 3 for p in places):
            # someone's home town is not the place of the event when the text names that place; but
            # "خرج أهالي بصرى الشام في مظاهرة" protest in Busra
            places = [p for p in places if not p.reference]
        specific = [p for p in places if p.location.geo_precision < 3 and p.place.kind not in ("country", "admin1")]
        regions = {p.location.admin1 for p in places if p.location.geo_precision == 3 and p.location.admin1}
        if regions and any(p.location.admin1 in regions for p in specific):
            # "في دمشق ... في ريف حمص الشرقي بين البيارات-السخنة": the places inside the region named
            specific = [p for p in specific if p.location.admin1 in regions]
        if any(p.place.kind != "road" for p in specific):
            # "على طريق M20 على بعد 30 كم شمال شرق تدمر": the computed point says more than the road
            specific = [p for p in specific if p.place.kind != "road"] + [p for p in specific if p.place.kind == "road"
                                                                           and p.location.geo_precision == 1]
        after = [p for p in specific if p.start >= trig.start]
        pool = after or specific
        if pool:
            first = min(pool, key=lambda p: abs(p.start - trig.end))
            gap_first = token_gap(trig, first)
            areas = [p for p in places if p.location.geo_precision == 3 and p.place.kind != "country"]
            near_area = min(areas, key=lambda p: token_gap(trig, p), default=None)
            if near_area is not None and gap_first > ANCHOR_WINDOW and token_gap(trig, near_area) < gap_first \
                    and not within(first.location, near_area.location):
                # "غارة استهدفت مخيما في ريف إدلب الجنوبي ... حي القدم في جنوب دمشق": the area beside the
                # trigger, not a place named much further on (likely another incident)
                return [near_area]
            listed = [first]
            for p in sorted(pool, key=lambda p: p.start):
                if p.start <= first.start:
                    continue
                gap = doc.text[listed[-1].end:p.start].strip()
                joined_by_and = doc.tokens[p.token_start].norm.startswith("و") and not gap
                if gap in ("و", "،", ",") or joined_by_and or (gap.startswith("و") and len(gap) <= 3):
                    if p.place.kind in ("town", "village", "city", "neighbourhood", "admin3", "camp"):
                        listed.append(p)
                        continue
                break
            return listed
        # only areas: the smallest named one ("تلول الصفا" before "السويداء"), then the nearest
        return [min(places, key=lambda p: (p.location.geo_precision, AREA_RANK.get(p.place.kind, 0),
                                           abs(p.start - trig.end)))]

    def _date(self, frame: Frame, dates: list[DateMention]) -> DateMention | None:
        usable = [d for d in dates if d.date is not None or d.date_from is not None]
        if not usable:
            return None
        trig = frame.anchor
        # a day beats a week or a month ("أعنف هجوم منذ شهر، الأربعاء"), then the nearest
        return min(usable, key=lambda d: (d.precision, abs(d.start - trig.start)))

    # --- 5: ACLED's rules -------------------------------------------------------------

    def _refine(self, frame: Frame, actor1: ActorMention | None, actor2: ActorMention | None,
                weapon: str | None) -> tuple[str, str]:
        et, sub = frame.event_type, frame.sub_event_type
        a1_inter = actor1.actor.inter if actor1 else None
        victims_civilian = actor2 is not None and actor2.actor.inter == CIVILIAN_INTER
        if frame.territory or sub in ("Government regains territory", "Non-state actor overtakes territory"):
            if a1_inter == 1 or (actor1 and actor1.actor.side == "government"):
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        if frame.anchor.refine_by_weapons:
            if weapon in ("Air/drone strike", "Shelling/artillery/missile attack"):
                return "Explosions/Remote violence", weapon
            return et, sub
        if frame.generic and et in VIOLENT_TYPES:
            if weapon:
                return "Explosions/Remote violence", weapon
            if victims_civilian and (actor2 is None or actor2.actor.inter == CIVILIAN_INTER):
                return "Violence against civilians", "Attack"
            if frame.casualty_only:
                if actor1 is not None and actor2 is not None:
                    return "Battles", "Armed clash"
                return "Violence against civilians", "Attack"
            return "Battles", "Armed clash"
        if sub == "Arrests" and actor1 is not None and a1_inter not in (1, None) and actor1.actor.side not in (
                "government", "pro-government"):
            return "Violence against civilians", "Abduction/forced disappearance"
        if et == "Battles" and sub == "Armed clash" and victims_civilian and actor1 is not None and \
                frame.anchor.entry_id.startswith("ambush"):
            return "Violence against civilians", "Attack"
        if et == "Protests":
            mods = {t.modifier for t in frame.triggers if t.modifier}
            if "excessive_force" in mods:
                return "Protests", "Excessive force against protesters"
            if "intervention" in mods:
                return "Protests", "Protest with intervention"
        return et, sub

    def _weapon(self, doc: Document, frame: Frame, weapons: list[Match[str]]) -> str | None:
        s = frame.sentence
        near = [m for m in weapons if doc.tokens[m.token_start].sentence == s]
        if not near:
            return None
        trig = frame.anchor
        return min(near, key=lambda m: abs(m.token_start - trig.token_start)).payload

    # --- the stage --------------------------------------------------------------------

    def __call__(self, doc: Document) -> Document:
        toks = doc.tokens
        if not toks:
            doc.events = []
            return doc
        clause = self._clauses(doc)
        found = self.lex.combined.find(toks, doc.form_index or None)
        cues = {tag[4:]: ms for tag, ms in found.items() if tag.startswith("cue:")}
        all_triggers = self.find_triggers(doc, found["trigger"])
        kept, blocked_sentences = [], set()
        for t in all_triggers:
            why = self._blocked(doc, t, cues, clause)
            if why is None:
                kept.append(t)
            else:
                blocked_sentences.add(t.sentence)
        doc.triggers = kept
        kill, both, weapons = found["killed"], found["both"], found["weapon"]
        # a killing sentence counts only if its killed word survives the same filters
        kill_events = []
        for m in kill:
            t = Trigger(toks[m.token_start].start, toks[m.token_end - 1].end, "", "killing",
                        "Violence against civilians", "Attack", 0.5, m.token_start, m.token_end,
                        toks[m.token_start].sentence, generic=True)
            if self._blocked(doc, t, cues, clause) is None and t.sentence not in blocked_sentences:
                kill_events.append(m)
        actions = {toks[m.token_start].sentence for m in found["action"]}
        frames = self._frames(doc, kept, kill_events, actions)
        killed_tokens = frozenset(i for m in kill for i in range(m.token_start, m.token_end))
        events: list[Event] = []
        last_place: PlaceMention | None = None
        last_actor1: ActorMention | None = None
        last_para = -1
        main_place = self._main_place(doc)
        for frame in frames:
            sent = doc.sentences[frame.sentence]
            if sent.paragraph != last_para:
                # what a paragraph says does not carry into the next one
                last_para = sent.paragraph
                last_actor1 = None
            actors = self._sentence_items(doc.actors, doc, frame.sentence)
            places = self._sentence_items(doc.places, doc, frame.sentence)
            dates = self._sentence_items(doc.dates, doc, frame.sentence)
            deaths = read_deaths(doc, frame.sentence, kill, both, self.lex)
            fat, fat_q = deaths.value, deaths.quantity
            if frame.casualty_only and fat == 0 and not any(a.actor.inter == CIVILIAN_INTER for a in actors):
                continue
            actor1, actor2, assoc1, assoc2 = self._roles(doc, frame, actors, killed_tokens)
            weapon = self._weapon(doc, frame, weapons) if frame.generic or frame.anchor.refine_by_weapons else None
            et, sub = self._refine(frame, actor1, actor2, weapon)
            if frame.casualty_only and et == "Violence against civilians" and actor2 is None:
                if not actors:
                    continue
            dm = self._date(frame, dates)
            if dm is not None and self._is_history(doc, dm):
                continue
            near = self._near_trigger(frame)
            specific_place = any(p.place.kind not in ("country", "admin1", "region") and near(p) for p in places)
            anaphoric = frame.generic or all(t.definite for t in frame.triggers if not t.modifier)
            own = self._place(doc, frame, places) if places else []
            inside_previous = bool(events) and (not own or within(own[0].location, events[-1].location))
            if anaphoric and inside_previous and dm is None and events and \
                    events[-1].event_type in VIOLENT_TYPES and et in VIOLENT_TYPES:
                # "وأسفر القصف عن مقتل 5", "وقتل جراء القصف أيضا": more about the incident just reported
                prev = events[-1]
                prev.evidence.append(Span(sent.start, sent.end))
                prev.triggers.extend(frame.triggers)
                refine_location(prev, own[0].location if own else None)
                prev.death_counts.append(deaths)
                prev.fatalities = combine_deaths(prev.death_counts)
                prev.fatalities_evidence = prev.fatalities_evidence or fat_q
                prev.actor2 = prev.actor2 or actor2
                continue
            chosen_places = self._place(doc, frame, places)
            if chosen_places and chosen_places[0].place.kind == "country":
                # a country alone says little: a place already named in that country says more; but an event
                # said to be in another country ("استهداف الحوثيين السعودية") stays there
                carried = last_place if last_place is not None else main_place
                if carried is not None and carried.place.kind != "country" \
                        and carried.location.country == chosen_places[0].location.country:
                    chosen_places = [carried]
            if not chosen_places:
                carried = last_place if last_place is not None else main_place
                chosen_places = [carried] if carried is not None else []
            if dm is None:
                dm = self._earlier_date(doc, frame)
            if actor1 is None and last_actor1 is not None and et in VIOLENT_TYPES | {"Strategic developments"} \
                    and not frame.casualty_only:
                actor1 = last_actor1 if (actor2 is None or last_actor1.actor.id != actor2.actor.id) else None
            counted = any(q.unit is None and near(q) for q in self._sentence_items(doc.quantities, doc, frame.sentence))
            own_date = any(near(d) for d in dates)
            # "في عام 2005": with no publication day to compare, a year named beside the trigger is background
            past_year = doc.published is None and any(near(d) and d.date is None and d.date_from is not None
                                                      and d.precision == 3 for d in dates)
            conf = self._confidence(frame, actor1, actor2, specific_place, own_date, fat, weapon, counted)
            if past_year:
                conf *= CONFIDENCE_WEIGHTS["past_year"]
            if actor1 is None and et in VIOLENT_TYPES:
                # ACLED's convention for an attacker the report does not name
                actor1 = self._generic_actor(doc, frame, "unidentified_military_forces" if sub == "Air/drone strike"
                                             else "unidentified_armed_group")
            for pm in chosen_places or [None]:
                ev = Event(event_type=et, sub_event_type=sub, actor1=actor1, actor2=actor2,
                           assoc_actor_1=list(assoc1), assoc_actor_2=list(assoc2),
                           location=pm.location if pm else None, fatalities=fat, fatalities_evidence=fat_q,
                           evidence=[Span(sent.start, sent.end)], confidence=conf, triggers=list(frame.triggers),
                           sentence=frame.sentence, death_counts=[deaths])
                self._set_date(doc, ev, dm)
                events.append(ev)
            if places:
                last_place = chosen_places[0]
            if actor1 is not None:
                last_actor1 = actor1
        events = self._merge(events)
        events = [e for e in events if e.confidence >= self.threshold]
        for ev in events:
            fill_generic_names(ev, doc.country)  # before the notes are written from the names
        doc.events = events
        return doc

    def _near_trigger(self, frame: Frame):
        """Whether a finding stands close enough to one of the frame's triggers to be its argument."""
        spans = [(t.token_start, t.token_end) for t in frame.triggers]

        def near(item) -> bool:
            return any(item.token_start - te <= ANCHOR_WINDOW and ts - item.token_end <= ANCHOR_WINDOW
                       for ts, te in spans)
        return near

    def _earlier_date(self, doc: Document, frame: Frame) -> DateMention | None:
        """The last day-or-week date said before the trigger in the same paragraph (else publication day)."""
        para = doc.sentences[frame.sentence].paragraph
        para_start = min(s.start for s in doc.sentences if s.paragraph == para)
        before = [d for d in doc.dates if para_start <= d.start < frame.anchor.start and d.date is not None
                  and d.precision <= 2]
        return before[-1] if before else None

    def _main_place(self, doc: Document) -> PlaceMention | None:
        specific = [p for p in doc.places if p.place.kind not in ("country",)]
        if doc.country:
            specific = [p for p in specific if p.location.country == doc.country] or specific
        if not specific:
            return None
        return min(specific, key=lambda p: (p.location.geo_precision, p.start))

    def _is_history(self, doc: Document, dm: DateMention) -> bool:
        if doc.published is None:
            return False
        end = dm.date_to or dm.date
        return end is not None and (doc.published - end).days > HISTORY_DAYS

    def _set_date(self, doc: Document, ev: Event, dm: DateMention | None) -> None:
        if dm is not None and (dm.date is not None):
            ev.event_date, ev.time_precision, ev.date_mention = dm.date, dm.precision, dm
        elif doc.published is not None:
            ev.event_date, ev.time_precision = doc.published, 1
        else:
            ev.event_date, ev.time_precision = None, None

    def _confidence(self, frame: Frame, actor1: ActorMention | None, actor2: ActorMention | None,
                    own_place: bool, own_date: bool, fatalities: int, weapon: str | None,
                    counted: bool = False) -> float:
        """How likely the frame is a real, specific event: the trigger's strength, times how anchored it is.

        A report of an incident names where, when, who or how many; talk about a kind of
        violence ("الاغتيالات", "التفجيرات الانتحارية") names none of these.
        """
        w = CONFIDENCE_WEIGHTS
        anchored = (w["base"] + w["place"] * own_place + w["actor"] * (actor1 is not None or actor2 is not None)
                    + w["date"] * own_date + w["deaths"] * (fatalities > 0) + w["several"] * (len(frame.triggers) > 1)
                    + w["count"] * counted)
        strength = frame.strength
        if frame.generic and weapon:
            strength = max(strength, GENERIC_WITH_WEAPON)  # "انفجرت قنبلة", "هجوم بالصواريخ": the weapon says what
        if frame.generic and actor1 is not None and actor2 is not None and actor2.actor.inter != CIVILIAN_INTER:
            strength = min(1.0, strength * TWO_SIDES_BOOST)  # "شن التنظيم هجوما على قوات ...": who against whom
        if frame.event_type == "Strategic developments" and actor1 is not None and actor1.actor.inter in (1, 2, 3) \
                and (not actor1.actor.generic or counted):
            # "مداهمة ... من قبل دوريات فرع الأمن العسكري"; "احتجز مسلحون ثلاثة أشخاص"
            strength = min(1.0, strength * NAMED_FORCE_BOOST)
        c = strength * anchored
        acts = [t for t in frame.triggers if not t.participants]  # "المتظاهرون" is definite in any report
        if acts and all(t.definite for t in acts):
            c *= w["definite"]
            if all(doc_plural(t.text) for t in acts):
                c *= w["definite"]  # "الاغتيالات", "التفجيرات": a kind of violence, not an incident
        if frame.generic and not weapon and fatalities == 0 and actor1 is None:
            c *= w["vague_generic"]
        if acts and all(t.topic for t in acts) and not (own_place or own_date or fatalities):
            c *= w["topic_only"]
        return max(0.0, min(1.0, c))

    # --- 6: merging ---------------------------------------------------------------------

    def _merge(self, events: list[Event]) -> list[Event]:
        out: list[Event] = []
        for ev in events:
            target = None
            for prev in reversed(out):
                if prev.event_type != ev.event_type:
                    continue
                same_place = (ev.location is None or prev.location is None
                              or ev.location.place_id == prev.location.place_id
                              or ev.sentence != prev.sentence and (within(ev.location, prev.location)
                                                                   or within(prev.location, ev.location)))
                same_day = ev.event_date == prev.event_date or ev.date_mention is None or prev.date_mention is None
                compatible_actors = (ev.actor1 is None or prev.actor1 is None
                                     or ev.actor1.actor.id == prev.actor1.actor.id)
                if same_place and same_day and compatible_actors and (
                        prev.sub_event_type == ev.sub_event_type or ev.sentence != prev.sentence
                        and ev.triggers[0].generic):
                    target = prev
                    break
            if target is None:
                out.append(ev)
                continue
            target.evidence.extend(s for s in ev.evidence if s not in target.evidence)
            target.triggers.extend(ev.triggers)
            refine_location(target, ev.location)
            if target.date_mention is None and ev.date_mention is not None:
                # the later report says when; the first only had the publication day
                target.event_date, target.time_precision = ev.event_date, ev.time_precision
                target.date_mention = ev.date_mention
            if ev.sentence != target.sentence:
                target.death_counts.extend(ev.death_counts)
                target.fatalities = combine_deaths(target.death_counts)
                target.fatalities_evidence = target.fatalities_evidence or ev.fatalities_evidence
            target.actor1 = target.actor1 or ev.actor1
            target.actor2 = target.actor2 or ev.actor2
            target.confidence = min(1.0, max(target.confidence, ev.confidence) + 0.05)
        return out


def token_gap(trig: Trigger, p: PlaceMention) -> int:
    """Words between a trigger and a place mention, on either side."""
    if p.token_start >= trig.token_end:
        return p.token_start - trig.token_end
    return max(0, trig.token_start - p.token_end)


def within(loc: Location | None, area: Location | None) -> bool:
    """`loc` lies in `area`: the area is a region-level place of the same admin1, or they are close."""
    if loc is None or area is None or loc.country != area.country:
        return False
    if area.geo_precision == 3 and area.admin1 and loc.admin1 == area.admin1:
        return True
    return haversine_km(loc.latitude, loc.longitude, area.latitude, area.longitude) <= SAME_PLACE_KM


def refine_location(ev: Event, loc: Location | None) -> None:
    """A later mention of the same incident may say where more precisely ("محافظة السويداء" then
    "منطقة تلول الصفا"): keep the more precise place inside the same admin1."""
    cur = ev.location
    if loc is None or cur is None or cur.geo_precision < 3:
        return
    smaller_area = loc.geo_precision == 3 and AREA_RANK.get(loc.kind, 0) < AREA_RANK.get(cur.kind, 0)
    if loc.geo_precision >= cur.geo_precision and not smaller_area:
        return
    if loc.country == cur.country and (not cur.admin1 or loc.admin1 == cur.admin1):
        ev.location = loc


def doc_plural(word: str) -> bool:
    """A sound feminine plural noun ending (ات), the commonest plural of event nouns."""
    return word.rstrip().endswith(("ات", "ات،"))


def fill_generic_names(ev: Event, country: str | None) -> None:
    """Generic actors are named after the event's country ("Civilians (Syria)")."""
    c = (ev.location.country if ev.location else None) or country
    for a in (ev.actor1, ev.actor2, *ev.assoc_actor_1, *ev.assoc_actor_2):
        if a is not None and "{country}" in a.actor.name:
            a.name = actor_name(a.actor, c)


