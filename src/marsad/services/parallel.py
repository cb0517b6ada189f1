"""Running the pipeline over many documents, on every core, with the output of a single process.

`prepare_pipeline` is what every batch command (`extract`, `ingest`, `reprocess`) and every worker calls:
the pipeline comes from the on-disk cache when it is current (`marsad.cache`), and what was built is moved
out of the garbage collector's sight.

`Extractor(workers=N).outcomes(items)` extracts the documents among `items` on N worker processes and
yields `(item, outcome)` in input order (anything that is not a `Document` passes through in its place,
with outcome None), so the caller writes and stores in one process, exactly as with one worker:
  - each worker builds the pipeline once (on Linux it is forked with the parent's, already built);
  - at most a few chunks per worker are in flight, so memory stays bounded however long the input;
  - an exception in a document is that document's error (`services.extraction`), as in one process; a
    worker that dies (killed, out of memory) costs only the document it was on, which gets an error;
  - a short input (fewer documents than would pay for starting the workers) runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

from marsad.cache import cached_pipeline
from marsad.io.inputs import InputProblem
from marsad.model import Document, Result
from marsad.pipeline import Pipeline
from marsad.services.extraction import Outcome, extract_document, problem_outcome

# The collector runs when allocations outnumber deallocations by this much. A document makes and frees a few
# thousand objects, nearly all freed by reference counting: the default (700) ran a collection several
# times per article for almost nothing to collect.
GC_THRESHOLD = (50_000, 20, 100)
CHUNK = 8  # documents per task: few enough to keep the workers evenly busy, enough to pay for the hand-over
IN_FLIGHT = 3  # chunks per worker submitted ahead of the one being written
PARENT_POLL_S = 1.0  # how often a worker checks that its parent is still there
# Layers of a finished document that no output reads (writers and the store read the events, the text
# and the document's metadata): dropped before a result crosses back to the writing process.
_WORKING_LAYERS = {"norm": "", "norm_to_orig": [], "tokens": [], "sentences": [], "form_index": {},
                   "quantities": [], "dates": [], "actor_names": {}, "place_names": [], "places": [],
                   "actors": [], "triggers": [], "candidates": []}


def settle_memory() -> None:
    """Freeze what exists now (the pipeline: millions of long-lived objects the collector would scan over
    and over, never freeing one) and collect less often. Call it once, after set-up."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def prepare_pipeline(min_confidence: float | None = None, gazetteer: str | None = None) -> Pipeline:
    """The standard pipeline for a batch run (from the cache when current), with memory settled."""
    pipeline = cached_pipeline(min_confidence=min_confidence, gazetteer=gazetteer)
    settle_memory()
    return pipeline


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the platform tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def worker_count(requested: int | None) -> int:
    """`--workers`: None or 0 means every available core."""
    if requested is None or requested <= 0:
        return available_cores()
    return requested


@dataclass(frozen=True)
class PipelineSpec:
    """What a worker needs to build the same pipeline as the parent's (picklable)."""

    min_confidence: float | None = None
    gazetteer: str | None = None


# --- in the worker ------------------------------------------------------------------------------------

_PIPELINE: Pipeline | None = None  # the worker's pipeline (a forked worker finds the parent's here)
_DEBUG = False


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it is gone (killed with SIGKILL, say): a worker holds
    both ends of its task pipe, so it would otherwise wait for work for ever."""
    while True:
        time.sleep(PARENT_POLL_S)
        if os.getppid() != parent:
            os._exit(1)


def _start_worker(spec: PipelineSpec, debug: bool, parent: int | None = None) -> None:
    """Worker initializer (safe under spawn): build the pipeline once, unless forked with it."""
    global _PIPELINE, _DEBUG
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent is not None:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="parent-watch").start()
    _DEBUG = debug
    if _PIPELINE is None:
        _PIPELINE = prepare_pipeline(spec.min_confidence, spec.gazetteer)


def for_transfer(outcome: Outcome) -> Outcome:
    """The outcome without the document's working layers (tokens, form index ...), which no output reads."""
    doc = outcome.result.document if outcome.result is not None else None
    if doc is not None:
        for name, empty in _WORKING_LAYERS.items():
            setattr(doc, name, type(empty)())
    return outcome


def _extract_chunk(docs: list[Document]) -> list[Outcome]:
    assert _PIPELINE is not None, "worker started without its initializer"
    return [for_transfer(extract_document(doc, _PIPELINE, _DEBUG)) for doc in docs]


# --- in the parent ------------------------------------------------------------------------------------


def _context() -> Any:
    """Fork where it is the platform's way (Linux: the workers start with the parent's pipeline, at no
    cost); elsewhere spawn, where each worker loads the cached pipeline."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _died(doc: Document, exc: BaseException) -> Outcome:
    where = f"{doc.where}: " if doc.where else ""
    return Outcome(doc.id, Result(doc.id, [], doc),
                   error=f"{where}extraction failed: the worker process died ({type(exc).__name__})")


class Extractor:
    """Extracts documents with `workers` processes (1: in this process), yielding outcomes in input order."""

    def __init__(self, workers: int | None = None, min_confidence: float | None = None,
                 gazetteer: str | None = None, debug: bool = False, pipeline: Pipeline | None = None,
                 extract: Callable[[Document, Pipeline, bool], Outcome] = extract_document) -> None:
        self.workers = worker_count(workers)
        self.spec = PipelineSpec(min_confidence, gazetteer)
        self.debug = debug
        self._pipeline = pipeline
        self._extract = extract  # in this process (the workers always use `extract_document`)
        self._pool: ProcessPoolExecutor | None = None

    @property
    def pipeline(self) -> Pipeline:
        """This process's pipeline (built on first use)."""
        if self._pipeline is None:
            self._pipeline = prepare_pipeline(self.spec.min_confidence, self.spec.gazetteer)
        return self._pipeline

    def outcomes(self, items: Iterable[Any]) -> Iterator[tuple[Any, Outcome | None]]:
        """(item, outcome) for every item in order; items that are not Documents come back with None."""
        it = iter(items)
        head = [] if self.workers == 1 else list(islice(it, 2 * CHUNK))
        if self.workers == 1 or len(head) < 2 * CHUNK:  # one worker, or too short to pay for starting them
            for item in chain(head, it):  # (one worker reads one item at a time, as the loop always did)
                yield item, self._here(item)
            return
        pipeline = self.pipeline  # built before the workers start, so that forked ones share it
        global _PIPELINE
        _PIPELINE = pipeline
        try:
            yield from self._parallel(chunks(head, it))
        finally:
            _PIPELINE = None
            self.close()

    def _here(self, item: Any) -> Outcome | None:
        return self._extract(item, self.pipeline, self.debug) if isinstance(item, Document) else None

    def _start(self) -> ProcessPoolExecutor:
        self._pool = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=_start_worker,
                                         initargs=(self.spec, self.debug, os.getpid()))
        return self._pool

    def close(self) -> None:
        """Stop the workers: queued chunks are cancelled, running ones finish (a chunk takes well under a
        second; a document over its time budget is stopped inside its worker). Workers are never
        terminated: a worker killed while writing its result leaves the pool's threads reading a broken
        message for ever, and the interpreter waits for them at exit."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _parallel(self, batches: Iterator[list[Any]]) -> Iterator[tuple[Any, Outcome | None]]:
        pool = self._start()
        pending: deque[tuple[list[Any], Future | None]] = deque()
        try:
            for batch in batches:
                pending.append((batch, self._submit(pool, batch)))
                while len(pending) >= IN_FLIGHT * self.workers:
                    yield from self._collect(pending)
                    pool = self._pool or self._start()
            while pending:
                yield from self._collect(pending)
        except BaseException:
            self.close()
            raise

    @staticmethod
    def _submit(pool: ProcessPoolExecutor, batch: list[Any]) -> Future | None:
        docs = [x for x in batch if isinstance(x, Document)]
        if not docs:
            return None
        try:
            return pool.submit(_extract_chunk, docs)
        except BrokenProcessPool as exc:  # a worker died since the last result: redone in `_collect`
            failed: Future = Future()
            failed.set_exception(exc)
            return failed

    def _collect(self, pending: deque[tuple[list[Any], Future | None]]) -> Iterator[tuple[Any, Outcome | None]]:
        """Yield the oldest batch's items with their outcomes; after a worker died, redo what was lost."""
        batch, future = pending.popleft()
        try:
            done = iter(future.result()) if future is not None else iter(())
        except BrokenProcessPool:
            self.close()
            lost = [(batch, future), *pending]
            pending.clear()
            for b, f in lost:  # what finished is kept; the rest one document per task, to find the culprit
                if f is not None and f.done() and f.exception() is None:
                    yield from self._pair(b, iter(f.result()))
                else:
                    yield from self._one_by_one(b)
            return
        yield from self._pair(batch, done)

    @staticmethod
    def _pair(batch: list[Any], done: Iterator[Outcome]) -> Iterator[tuple[Any, Outcome | None]]:
        for item in batch:
            yield item, next(done) if isinstance(item, Document) else None

    def _one_by_one(self, batch: list[Any]) -> Iterator[tuple[Any, Outcome | None]]:
        for item in batch:
            if not isinstance(item, Document):
                yield item, None
                continue
            pool = self._pool or self._start()
            try:
                yield item, pool.submit(_extract_chunk, [item]).result()[0]
            except BrokenProcessPool as exc:
                self.close()
                yield item, _died(item, exc)

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def extract_items(items: Iterable[Document | InputProblem], extractor: Extractor) -> Iterator[Outcome]:
    """What `services.extraction.extract_stream` yields, extracted on the extractor's workers."""
    for item, outcome in extractor.outcomes(items):
        yield outcome if outcome is not None else problem_outcome(item)


def chunks(head: list[Any], rest: Iterator[Any]) -> Iterator[list[Any]]:
    """`head` then `rest`, CHUNK items at a time."""
    for i in range(0, len(head), CHUNK):
        yield head[i:i + CHUNK]
    while batch := list(islice(rest, CHUNK)):
        yield batch
