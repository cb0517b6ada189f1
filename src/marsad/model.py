"""The data model every stage reads and writes.

One `Document` travels through the pipeline; each stage adds its findings to it
(tokens, quantities, dates, actor and place mentions, triggers, events). Every
finding keeps character offsets into the *original* article text, so any field
of an output event can be traced back to the words that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of the original text: [start, end) in Unicode code points."""

    start: int
    end: int


@dataclass(slots=True)
class Token:
    """A word of the article.

    `norm` is the word normalised for matching; `forms` are the lookup keys after
    stripping proclitics (و ف ب ل ك س and the article), longest first.
    `clitics` says which proclitics were stripped for each form.
    """

    index: int
    start: int
    end: int
    text: str
    norm: str
    forms: tuple[str, ...]
    clitics: tuple[str, ...]
    sentence: int = 0


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int
    first_token: int = 0
    last_token: int = 0  # exclusive


@dataclass(slots=True)
class Quantity:
    """A number of people or things read from digits or words.

    `value` is the conservative reading ACLED asks for (the low end of a range,
    the floor of "more than N"); `low`/`high` keep the whole range.
    """

    start: int
    end: int
    text: str
    value: int
    low: int
    high: int
    approximate: bool = False
    vague: bool = False
    unit: str | None = None  # e.g. "km", "money", "percent"; None for a count
    token_start: int = 0
    token_end: int = 0  # exclusive


@dataclass(slots=True)
class DateMention:
    """A date expression resolved against the publication date."""

    start: int
    end: int
    text: str
    date: date | None  # the coded day (ACLED's convention for week/month precision)
    precision: int  # 1 day, 2 week, 3 month
    date_from: date | None = None
    date_to: date | None = None
    relative: bool = False
    token_start: int = 0
    token_end: int = 0  # exclusive


@dataclass(slots=True)
class Actor:
    """An entry of the actor lexicon (a canonical actor, not a mention)."""

    id: str
    name: str
    name_ar: str
    inter: int
    country: str | None = None
    side: str | None = None
    parent: str | None = None
    generic: str | None = None
    active: tuple[int | None, int | None] | None = None


@dataclass(slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor
    name: str  # canonical name as output (generic names get their country filled in)
    token_start: int = 0
    token_end: int = 0
    via_reference: bool = False  # resolved from a bare reference such as "التنظيم"
    # the evidence [start, end) may begin with descriptors ("عناصر", "ميليشيا") that end here; `text` is
    # the name after them, the slice [text_start, end)
    descriptor_end: int | None = None

    @property
    def text_start(self) -> int:
        return self.end - len(self.text)

    def evidence_spans(self) -> list[tuple[int, int]]:
        """The descriptors' span (when there are any) and the name's: `text` is the slice of the last."""
        if self.descriptor_end is None:
            return [(self.start, self.end)]
        return [(self.start, self.descriptor_end), (self.text_start, self.end)]



@dataclass(slots=True)
class Place:
    """An entry of the gazetteer."""

    id: str
    name: str
    name_ar: str
    kind: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    latitude: float
    longitude: float
    population: int = 0
    source: str = "marsad"


@dataclass(slots=True)
class Location:
    """Where an event happened: a gazetteer place, possibly displaced or widened."""

    name: str
    name_ar: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    latitude: float
    longitude: float
    geo_precision: int
    text: str
    start: int
    end: int
    place_id: str = ""
    kind: str = ""
    description: str = ""  # English, for notes: "about 30 km north-east of Tadmur", "near Douma"



@dataclass(slots=True)
class PlaceMention:
    """A place named in the text, already turned into a `Location`."""

    start: int
    end: int
    text: str
    location: Location
    place: Place
    token_start: int = 0
    token_end: int = 0
    # named as a landmark, not as where the event is: "direction" ("شمالي بغداد") or "origin"/heading
    # ("من أبناء بلدة X", "باتجاه دمشق"); "" for a place named as such
    reference: str = ""


@dataclass(slots=True)
class Trigger:
    """A word that may report an event, with its lexicon entry."""

    start: int
    end: int
    text: str
    entry_id: str
    event_type: str
    sub_event_type: str
    strength: float
    token_start: int
    token_end: int
    sentence: int
    generic: bool = False
    territory: bool = False
    modifier: str | None = None
    future: bool = False
    refine_by_weapons: bool = False
    participants: bool = False  # names the people (protesters), not the act
    definite: bool = False  # matched with the article: more often a mention of a known incident or a topic
    topic: bool = False  # a verbal noun news also use for a kind of violence or a known case
    clitic: str = ""  # the proclitics stripped from its first word


@dataclass(slots=True)
class Words:
    """A rule and, when words of the text decided it, those words and their offsets."""

    rule: str
    text: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Role:
    """A party the events stage chose for a candidate (actor1 or actor2), and why."""

    role: str
    actor: ActorMention | None
    why: Words | None = None


@dataclass
class Candidate:
    """A possible event the events stage considered, with what it decided and why.

    `decision` is one of "emitted" (as `events`), "merged" (into `events`), "blocked" (a cue's `words`
    said it is no report), "filtered" (a rule: future, purpose, non-conflict, history, no deaths ...) or
    "below_threshold" (`confidence` with the anchors present and missing). `reason` names the rule,
    `detail` says it in one line for a reviewer; `events` index `Document.events`.
    """

    index: int
    triggers: list[Trigger]
    sentence: int
    evidence: Span
    event_type: str
    sub_event_type: str
    decision: str = ""
    reason: str = ""
    detail: str = ""
    words: Words | None = None
    events: list[int] = field(default_factory=list)
    confidence: float | None = None
    anchors_present: list[str] = field(default_factory=list)
    anchors_missing: list[str] = field(default_factory=list)
    factors: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    arguments: dict[str, Any] = field(default_factory=dict)  # place, date, deaths chosen, with their words


@dataclass(slots=True)
class Event:
    """One ACLED unit: one type, one pair of actors, one place, one day."""

    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    date_mention: DateMention | None = None
    actor1: ActorMention | None = None
    assoc_actor_1: list[ActorMention] = field(default_factory=list)
    actor2: ActorMention | None = None
    assoc_actor_2: list[ActorMention] = field(default_factory=list)
    location: Location | None = None
    fatalities: int = 0
    fatalities_evidence: Quantity | None = None
    notes: str = ""
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    triggers: list[Trigger] = field(default_factory=list)
    sentence: int = 0
    death_counts: list[Any] = field(default_factory=list, repr=False)  # the counts behind `fatalities`
    candidates: list[int] = field(default_factory=list)  # indices of `Document.candidates` it came from


class DocumentError(ValueError):
    """A `Document` built with a field of the wrong type (the message names the field)."""


@dataclass
class Document:
    """An article and everything the stages have found in it."""

    id: str
    text: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    # filled by the text layer
    norm: str = ""
    norm_to_orig: list[int] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # every lookup form -> the tokens that have it, with the proclitics stripped (for fast matching)
    form_index: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    # filled by later stages, one owner each (see `marsad.pipeline` and each stage's `provides`)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    # token span -> (ids of the actors its alias may name, the proclitics stripped from its first word)
    actor_names: dict[tuple[int, int], tuple[list[str], str]] = field(default_factory=dict)
    place_names: list[PlaceMention] = field(default_factory=list)
    place_names_country: str | None = None  # the country the place names point to
    places: list[PlaceMention] = field(default_factory=list)
    country: str | None = None  # the country the article is mostly about
    actors: list[ActorMention] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # every possible event the events stage considered, emitted or not, with its decision and reason
    candidates: list[Candidate] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    where: str | None = None  # where the record was read ("file:line"), for messages

    def __post_init__(self) -> None:
        """Check the caller's fields here, at the boundary, so that a wrong type fails with the field's name
        instead of deep inside a stage; `published` may be an ISO date or date-time string."""
        if not isinstance(self.id, str):
            raise DocumentError(f"Document field 'id' must be a string, not {type(self.id).__name__}")
        if not isinstance(self.text, str):
            raise DocumentError(f"Document field 'text' must be a string, not {type(self.text).__name__}")
        for name in ("title", "url", "outlet"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise DocumentError(f"Document field '{name}' must be a string or None, not {type(value).__name__}")
        if self.published is not None and not (isinstance(self.published, date) and type(self.published) is date):
            self.published = _published_date(self.published, self.outlet)


def _published_date(value: Any, outlet: str | None = None) -> date | None:
    if isinstance(value, str) or isinstance(value, date):
        from marsad.stages.dates import parse_published  # the local day of a date-time, as the readers take it

        try:
            return parse_published(value, outlet)
        except ValueError as exc:
            raise DocumentError(f"Document field 'published': {exc}") from None
    raise DocumentError(f"Document field 'published' must be a date or an ISO date string, not {type(value).__name__}")


@dataclass
class Result:
    """What `marsad.extract` returns for one article."""

    id: str
    events: list[Event]
    document: Document

