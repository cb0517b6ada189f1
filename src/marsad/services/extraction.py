"""Extracting a stream of input records, each inside its own boundary.

An unexpected exception in one document becomes that record's `error` (where it was read, the exception
and the line of Marsad's code that raised it; the traceback only when asked) and the batch goes on.
The CLI's `extract`, `ingest`, `reprocess` and the HTTP API all go through `extract_document`.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.io.inputs import InputProblem
from marsad.model import Document, Result
from marsad.pipeline import Pipeline
from marsad.services.budget import DEFAULT_DOCUMENT_SECONDS, deadline


@dataclass
class Outcome:
    """What became of one input record: a result (maybe with an error), and/or a problem to report."""

    id: str | None
    result: Result | None = None
    error: str | None = None
    problem: InputProblem | None = None
    traceback: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or (self.problem is not None and not self.problem.warning)


def describe_exception(exc: BaseException) -> str:
    """A short reason: the exception and the innermost line of Marsad's code it came from."""
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        parts = Path(frame.filename).parts
        if "marsad" in parts:
            rel = "/".join(parts[len(parts) - 1 - parts[::-1].index("marsad"):])
            where = f" (at {rel}:{frame.lineno})"
            break
    message = str(exc) or type(exc).__name__
    if len(message) > 200:
        message = message[:200] + "..."
    return f"{type(exc).__name__}: {message}{where}"


def extract_document(doc: Document, pipeline: Pipeline, debug: bool = False,
                     budget: float | None = DEFAULT_DOCUMENT_SECONDS) -> Outcome:
    """Run the pipeline on one document within its time budget (seconds, see `services.budget`); an
    exception, a timeout included, becomes the outcome's error, never the caller's."""
    try:
        with deadline(budget):
            done = pipeline(doc)
    except Exception as exc:  # one bad document must not cost the others their output
        where = f"{doc.where}: " if doc.where else ""
        return Outcome(doc.id, Result(doc.id, [], doc), error=f"{where}extraction failed: {describe_exception(exc)}",
                       traceback=traceback.format_exc() if debug else None)
    return Outcome(done.id, Result(done.id, done.events, done))


def extract_stream(items: Iterable[Document | InputProblem], pipeline: Pipeline,
                   debug: bool = False) -> Iterator[Outcome]:
    """One outcome per item, in input order (the readers report repeated ids)."""
    for item in items:
        yield problem_outcome(item) if isinstance(item, InputProblem) else extract_document(item, pipeline, debug)


def problem_outcome(item: InputProblem) -> Outcome:
    """The outcome of a record that could not be read (an error line in its place, unless only a warning)."""
    result = Result(item.id, [], Document(item.id, "")) if item.id is not None and not item.warning else None
    return Outcome(item.id, result, error=None if item.warning else item.message, problem=item)
