"""Ingesting sources into the store: files, folders, pages, feeds, URLs, JSONL.

Each document is extracted inside its own boundary (`services.extraction`) and stored with its events in
one transaction; the summary counts what was new, known and failed, with a one-line problem per item.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from marsad.io.sources import Fetcher, IngestProblem, iter_source
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.services.extraction import extract_document
from marsad.services.parallel import Extractor
from marsad.store.database import EventStore
from marsad.store.health import is_full, require_intact

FULL = ("not stored: the disk (or the database's size limit) is full; this document was rolled back and the "
        "batch stopped here")


@dataclass
class IngestSummary:
    new: int = 0
    known: int = 0
    failed: int = 0
    events: int = 0  # event reports of the new documents
    merged: int = 0  # of those, reports of an incident another report already gave
    problems: list[IngestProblem] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)  # store ids of the new documents
    stopped: bool = False  # the disk filled up: nothing after the problem was read

    def message(self) -> str:
        return (f"ingested: {self.new:,} new documents ({self.events:,} event reports, {self.merged:,} merged into "
                f"events other reports already gave), {self.known:,} already known, {self.failed:,} failed")


def ingest_documents(docs: Iterable[Document | IngestProblem], store: EventStore, pipeline: Pipeline | None,
                     source: str, summary: IngestSummary | None = None, debug: bool = False,
                     tick: Callable[[], None] | None = None,
                     warn: Callable[[IngestProblem], None] | None = None,
                     extractor: Extractor | None = None) -> IngestSummary:
    """Store documents (and count problems) from any iterable of documents and problems; warnings (the
    document was still read) go to `warn` and are no failure. With an `extractor` of several workers the
    documents are extracted in parallel and stored here, in input order."""
    summary = summary or IngestSummary()
    # in this process, through this module's `extract_document` (looked up at each call)
    extractor = extractor or Extractor(1, debug=debug, pipeline=pipeline,
                                       extract=lambda doc, p, dbg: extract_document(doc, p, dbg))

    def to_extract() -> Iterator[Document | IngestProblem | _Known]:
        for item in docs:
            yield _Known(item) if isinstance(item, Document) and store.known(item.text, item.url) else item

    for item, outcome in extractor.outcomes(to_extract()):
        if isinstance(item, IngestProblem) and item.warning:
            if warn:
                warn(item)
            continue
        if isinstance(item, IngestProblem):
            summary.failed += 1
            summary.problems.append(item)
            continue
        if tick:
            tick()
        if isinstance(item, _Known):
            summary.known += 1
            continue
        if outcome.error:
            summary.failed += 1
            summary.problems.append(IngestProblem(item.where or str(item.id), outcome.error))
            continue
        doc = outcome.result.document
        try:
            result = store.add_document(doc, doc.events, source)
        except sqlite3.OperationalError as exc:
            if not is_full(exc):
                raise
            summary.failed += 1
            summary.problems.append(IngestProblem(item.where or str(item.id), FULL))
            summary.stopped = True
            return summary
        if result.new:
            summary.new += 1
            summary.events += result.events
            summary.merged += result.merged
            summary.document_ids.append(result.document_id)
        else:
            summary.known += 1
    return summary


@dataclass
class _Known:
    """A document the store already has: not extracted, counted as known in its place."""

    document: Document


def ingest_sources(sources: list[str], store: EventStore, pipeline: Pipeline | None, fetch_limit: int = 200,
                   published: str | None = None, max_chars: int = 500_000, encoding: str | None = None,
                   debug: bool = False, tick: Callable[[], None] | None = None,
                   warn: Callable[[IngestProblem], None] | None = None,
                   allow_private: bool = False, extractor: Extractor | None = None) -> IngestSummary:
    """Ingest every source given (as `marsad ingest` does); `allow_private` lets fetches reach intranet
    addresses (see `marsad.io.fetch`); `extractor` extracts on several workers (`services.parallel`)."""
    fetcher = Fetcher(limit=fetch_limit, allow_private=allow_private)
    require_intact(store)
    summary = IngestSummary()
    for source in sources:
        if summary.stopped:
            break
        ingest_documents(iter_source(source, fetcher, published, max_chars, encoding), store, pipeline, source,
                         summary, debug, tick, warn, extractor)
    return summary
