"""Re-extracting stored documents after the resources changed (`marsad reprocess`).

With filters (or a limit), only the documents reporting the selected events are re-extracted; with
none, every document. An event whose reports come out the same keeps its id and its fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.services.parallel import Extractor
from marsad.store.database import EventStore, Filters
from marsad.store.health import require_intact


@dataclass
class ReprocessSummary:
    documents: int = 0
    reports: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)

    def message(self) -> str:
        text = f"reprocessed {self.documents:,} documents: {self.reports:,} event reports"
        return text + (f", {self.failed:,} failed" if self.failed else "")


def selects_events(filters: Filters) -> bool:
    return any(v is not None for v in vars(filters).values())


def reprocess(store: EventStore, pipeline: Pipeline | None, filters: Filters, debug: bool = False,
              tick: Callable[[], None] | None = None, extractor: Extractor | None = None) -> ReprocessSummary:
    """Re-extract the selected documents (on the extractor's workers, if given) and replace their events."""
    require_intact(store)
    ids = store.document_ids_for(ev.event_id for ev in store.query(filters)) if selects_events(filters) else None
    summary = ReprocessSummary()
    rows = list(store.documents(ids))
    docs = (Document(row["ext_id"] or str(row["id"]), row["text"], row["published"], row["title"], row["url"],
                     row["outlet"], where=f"document {row['id']}") for row in rows)
    extractor = extractor or Extractor(1, debug=debug, pipeline=pipeline)
    for row, (_, outcome) in zip(rows, extractor.outcomes(docs)):
        if tick:
            tick()
        if outcome.error:  # the stored events of this document stay as they were
            summary.failed += 1
            summary.problems.append(outcome.error)
            continue
        done = outcome.result.document
        res = store.replace_events(row, done, done.events)
        summary.documents += 1
        summary.reports += res.events
    return summary
