"""Documents prepared up to the events stage, for testing its steps one at a time."""

from datetime import date
from functools import lru_cache

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.stages.events.context import EventContext
from marsad.stages.events.lexicon import builtin_event_lexicon

PUB = date(2021, 3, 4)  # a Thursday


@lru_cache(maxsize=1)
def _until_actors() -> Pipeline:
    return Pipeline.default().until("actors")


def prepared(text: str, published: date | None = PUB) -> Document:
    """The document as the events stage receives it."""
    return _until_actors()(Document("t", text, published=published))


def context(text: str, published: date | None = PUB) -> EventContext:
    return EventContext.build(prepared(text, published), builtin_event_lexicon())
