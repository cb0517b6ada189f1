"""The pipeline: named stages run in order over one `Document` (like spaCy's `Language`).

Each stage is a callable `Document -> Document` that declares which layers of the document it
`requires` and which it `provides` (as Stanza's processors do). The pipeline checks them when it is
built: every layer a stage reads was provided by an earlier stage, and every layer has exactly one
owner. A wrongly ordered or incomplete pipeline fails there, naming the stage, never in the middle of a
batch. `replace(name, stage)` swaps one stage (say, a trained role scorer) and checks again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Protocol, runtime_checkable

from marsad.model import Document, Result
from marsad.resource_files import on_clear


@runtime_checkable
class Stage(Protocol):
    """What the pipeline needs of a stage: a name, its contract, and `doc -> doc`."""

    name: str
    requires: tuple[str, ...]
    provides: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


class PipelineError(ValueError):
    """A pipeline whose stages do not fit together (names the stage and the layer)."""


def check_contracts(stages: list[Stage]) -> None:
    """Raise `PipelineError` unless every stage's required layers come from an earlier stage, once."""
    owner: dict[str, str] = {}
    names: set[str] = set()
    for stage in stages:
        for attr in ("name", "requires", "provides"):
            if not hasattr(stage, attr):
                raise PipelineError(f"stage {stage!r} has no '{attr}' (a stage declares name, requires, provides)")
        if stage.name in names:
            raise PipelineError(f"two stages are named '{stage.name}'")
        names.add(stage.name)
        missing = [layer for layer in stage.requires if layer not in owner]
        if missing:
            raise PipelineError(f"stage '{stage.name}' requires {', '.join(missing)}, which no earlier stage "
                                "provides")
        for layer in stage.provides:
            if layer in owner:
                raise PipelineError(f"stage '{stage.name}' provides '{layer}', already provided by stage "
                                    f"'{owner[layer]}'")
            owner[layer] = stage.name


class Pipeline:
    """An ordered list of named stages, checked when it is built."""

    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages: list[Stage] = list(stages)
        check_contracts(self.stages)

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def get(self, name: str) -> Stage:
        for s in self.stages:
            if s.name == name:
                return s
        raise KeyError(f"no stage named '{name}' (stages: {', '.join(self.stage_names)})")

    def replace(self, name: str, stage: Stage) -> Pipeline:
        """A new pipeline with the stage called `name` swapped for `stage` (checked again)."""
        self.get(name)
        return Pipeline(stage if s.name == name else s for s in self.stages)

    def until(self, name: str) -> Pipeline:
        """The stages up to and including `name` (to look at what the document holds at that point)."""
        self.get(name)
        k = self.stage_names.index(name)
        return Pipeline(self.stages[:k + 1])

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def provides(self) -> set[str]:
        return {layer for s in self.stages for layer in s.provides}

    @classmethod
    def default(cls, min_confidence: float | None = None, gazetteer: str | None = None) -> Pipeline:
        """The standard stages; `gazetteer` names an imported index other than the default one."""
        from marsad.stages import default_stages

        return cls(default_stages(min_confidence=min_confidence, gazetteer=gazetteer))


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline.default()
    return _DEFAULT


@on_clear
def _forget_default() -> None:
    global _DEFAULT
    _DEFAULT = None


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
