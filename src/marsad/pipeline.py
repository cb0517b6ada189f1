"""The pipeline: named stages run in order over one `Document`.

Each stage is a callable `Document -> Document` with a `name`, declaring what it
needs (`REQUIRES`) so that a wrongly ordered pipeline fails when it is built,
not in the middle of a batch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from marsad.geo.gazetteer import load_gazetteer
from marsad.model import Document, Result
from marsad.stages.actors import ActorFinder
from marsad.stages.dates import find_dates
from marsad.stages.events.stage import EventExtractor, fill_generic_names
from marsad.stages.notes import NoteWriter
from marsad.stages.places import PlaceFinder
from marsad.stages.quantities import find_quantities
from marsad.text import analyse

Stage = Callable[[Document], Document]

# stage name -> the stages it needs before it
REQUIRES = {
    "text": (),
    "quantities": ("text",),
    "dates": ("text",),
    "places": ("text", "quantities"),
    "actors": ("text", "places"),
    "events": ("quantities", "dates", "places", "actors"),
    "notes": ("events",),
}


class PipelineError(ValueError):
    pass


def _text_stage(doc: Document) -> Document:
    return analyse(doc)


def _quantities_stage(doc: Document) -> Document:
    find_quantities(doc)
    return doc


def _dates_stage(doc: Document) -> Document:
    find_dates(doc)
    return doc


class Pipeline:
    """An ordered list of named stages (like spaCy's `Language`)."""

    def __init__(self, stages: Iterable[tuple[str, Stage]]) -> None:
        self.stages = list(stages)
        done: set[str] = set()
        for name, _ in self.stages:
            missing = [r for r in REQUIRES.get(name, ()) if r not in done]
            if missing:
                raise PipelineError(f"stage '{name}' needs {', '.join(missing)} before it")
            done.add(name)

    @property
    def stage_names(self) -> list[str]:
        return [n for n, _ in self.stages]

    def __call__(self, doc: Document) -> Document:
        for _, stage in self.stages:
            doc = stage(doc)
        for ev in doc.events:
            fill_generic_names(ev, doc.country)
        return doc

    @classmethod
    def default(cls, min_confidence: float | None = None, gazetteer: str | None = None) -> Pipeline:
        """The standard stages; `gazetteer` names an imported index other than the default one."""
        events = EventExtractor() if min_confidence is None else EventExtractor(threshold=min_confidence)
        return cls([
            ("text", _text_stage),
            ("quantities", _quantities_stage),
            ("dates", _dates_stage),
            ("places", PlaceFinder(load_gazetteer(gazetteer))),
            ("actors", ActorFinder()),
            ("events", events),
            ("notes", NoteWriter()),
        ])


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


def extract(text: str, published: date | str | None = None, *, id: str = "doc", title: str | None = None,
            pipeline: Pipeline | None = None) -> Result:
    """Extract the events of one Arabic article."""
    from marsad.stages.dates import parse_published

    pub = parse_published(published) if isinstance(published, str) else published
    doc = Document(id=id, text=text, published=pub, title=title)
    doc = (pipeline or default_pipeline())(doc)
    return Result(id=id, events=doc.events, document=doc)


def extract_many(docs: Iterable[Document], pipeline: Pipeline | None = None) -> Iterator[Result]:
    """Extract a stream of documents lazily, one `Result` per document, in order."""
    pipe = pipeline or default_pipeline()
    for doc in docs:
        doc = pipe(doc)
        yield Result(id=doc.id, events=doc.events, document=doc)
