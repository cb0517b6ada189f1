"""`marsad batch`: a large extraction as partitions, on local worker processes or a Dask cluster, resumable.

The inputs are cut into partitions: every input file is one, and a large JSONL file is cut every `chunk`
records. Each partition is extracted as one task and written to its own file in the output folder
(`part-<input>-<chunk>.jsonl`, the lines `marsad extract --format jsonl` writes, or `.parquet`, one row
per event), first under a temporary name, then renamed. `manifest.json` lists the partitions done; it is
rewritten (temporary file, rename) after each one. A run that is killed leaves only whole partition files
and a manifest naming some of them: run the same command again and it does the others, never one twice.
The manifest also holds the run's options, the inputs' sizes and times and the pipeline's key (a hash of
the code and every resource file, `marsad.cache`): a folder holding another run is refused, so that one
folder never mixes two runs' results (`restart` clears it).

Only this process reads the inputs and writes the folder; the workers get each partition's records and
send back its content, so a Dask cluster's workers need Marsad installed but no shared file system.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor
from concurrent.futures import wait as wait_local
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from marsad import __version__
from marsad.cache import pipeline_key
from marsad.io.inputs import InputProblem, read_inputs
from marsad.io.serialize import dumps, result_record
from marsad.model import Document
from marsad.services import parallel
from marsad.services.extraction import Outcome, extract_document, problem_outcome
from marsad.services.parallel import IN_FLIGHT, PipelineSpec, prepare_pipeline, worker_count

MANIFEST = "manifest.json"
FORMATS = ("jsonl", "parquet")
DASK_INSTALL = "pip install 'marsad[dask]'"


class BatchError(ValueError):
    """The batch cannot run as asked (another run's folder, no Dask, a bad scheduler address)."""


@dataclass
class BatchOptions:
    fmt: str = "jsonl"
    chunk: int = 2000  # records per partition of a large file
    min_confidence: float | None = None
    gazetteer: str | None = None
    published: str | None = None
    max_chars: int = 500_000
    encoding: str | None = None

    def key(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Partition:
    id: str
    input: int
    first: int  # index of its first item in the input
    items: list[Document | InputProblem]


@dataclass
class PartResult:
    """What a worker sends back: the partition's content and its counts (and the messages to print)."""

    id: str
    content: bytes
    records: int = 0
    events: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass
class BatchSummary:
    partitions: int = 0
    done_before: int = 0
    records: int = 0
    events: int = 0
    failed: int = 0
    messages: list[str] = field(default_factory=list)

    def message(self, out_dir: Path) -> str:
        return (f"batch: {self.partitions:,} partitions in {out_dir} ({self.done_before:,} done by an earlier run), "
                f"{self.records:,} records, {self.events:,} events, {self.failed:,} failed")


# --- planning --------------------------------------------------------------------------------------


def _stem(path: str) -> str:
    name = Path(path).name
    for suffix in (".gz", ".jsonl", ".ndjson", ".txt"):
        name = name.removesuffix(suffix)
    return re.sub(r"[^\w.-]+", "_", name)[:40] or "input"


def partitions(inputs: list[str], options: BatchOptions) -> Iterator[Partition]:
    """The partitions, lazily: each input's items (records and problems, as `marsad extract` reads them)
    `chunk` at a time. The same inputs always give the same partitions."""
    for i, name in enumerate(inputs):
        items = read_inputs([name], options.published, options.max_chars, options.encoding)
        k = 0
        while batch := list(islice(items, options.chunk)):
            yield Partition(f"{i:04d}-{_stem(name)}-{k:05d}", i, k * options.chunk, batch)
            k += 1


def _input_facts(inputs: list[str]) -> list[dict[str, Any]]:
    facts = []
    for name in inputs:
        try:
            st = os.stat(name)
            facts.append({"path": str(Path(name).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            facts.append({"path": name, "missing": True})
    return facts


# --- in the worker ---------------------------------------------------------------------------------

_LOCK = threading.Lock()  # a Dask worker may run several tasks in threads: one pipeline, one at a time


def _worker_pipeline(spec: PipelineSpec) -> Any:
    if parallel._PIPELINE is None:  # a Dask worker: built once, on its first partition
        parallel._PIPELINE = prepare_pipeline(spec.min_confidence, spec.gazetteer)
    return parallel._PIPELINE


def run_partition(spec: PipelineSpec, fmt: str, part_id: str, items: list[Any]) -> PartResult:
    """Extract one partition's items and lay out its file's content (runs on a worker)."""
    with _LOCK:
        pipeline = _worker_pipeline(spec)
        outcomes = [extract_document(x, pipeline) if isinstance(x, Document) else problem_outcome(x) for x in items]
    res = PartResult(part_id, b"")
    results = []
    for o in outcomes:
        if o.problem is not None:
            res.messages.append(f"{'warning: ' if o.problem.warning else ''}{o.problem}")
        elif o.error:
            res.messages.append(o.error)
        res.failed += o.failed
        if o.result is not None:
            results.append(o)
            res.records += 1
            res.events += len(o.result.events)
    res.content = _jsonl(results) if fmt == "jsonl" else _parquet(results)
    return res


def _jsonl(outcomes: list[Outcome]) -> bytes:
    return "".join(dumps(result_record(o.result, o.error)) + "\n" for o in outcomes).encode("utf-8")


def _parquet(outcomes: list[Outcome]) -> bytes:
    """One row per event: ACLED's columns (as `marsad export --format parquet`), the event's id, and in
    `sources` the outlet, the address and the id of the document it was read from."""
    import tempfile

    from marsad.io.writers import extracted_rows, write_parquet
    from marsad.store.ids import content_hash, report_event_id

    rows, records = [], []
    stamp = int(time.time())
    for o in outcomes:
        doc = o.result.document
        h = content_hash(doc.text)
        for position, (row, ev) in enumerate(zip(extracted_rows(o.result, stamp), o.result.events)):
            rows.append(row)
            records.append({"event_id": report_event_id(h, position, ev.sub_event_type),
                            "sources": [{"outlet": doc.outlet, "url": doc.url, "document": doc.id}]})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "part.parquet"
        write_parquet(rows, records, str(path))
        return path.read_bytes()


# --- in this process -------------------------------------------------------------------------------


class _Folder:
    """The output folder: partition files and the manifest, each written whole or not at all."""

    def __init__(self, out_dir: Path, header: dict[str, Any], restart: bool) -> None:
        self.dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        for stray in out_dir.glob("*.tmp"):  # left by a run killed while writing
            stray.unlink()
        path = out_dir / MANIFEST
        manifest = None
        if path.exists() and not restart:
            try:
                manifest = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise BatchError(f"{path}: not a batch manifest ({exc}); use another folder or --restart") from None
            if {k: manifest.get(k) for k in header} != header:
                changed = ", ".join(k for k in header if manifest.get(k) != header[k])
                raise BatchError(f"{out_dir} holds another run (its {changed} differ); use another folder, or "
                                 "--restart to start over")
        if manifest is None:
            for old in out_dir.glob("part-*"):
                old.unlink()
            manifest = {**header, "partitions": {}, "complete": False}
        self.manifest = manifest
        self.save()

    def done(self, part_id: str) -> bool:
        entry = self.manifest["partitions"].get(part_id)
        return entry is not None and (self.dir / entry["file"]).exists()

    def write(self, res: PartResult, part: Partition, fmt: str) -> None:
        name = f"part-{res.id}.{fmt}"
        _atomic_write(self.dir / name, res.content)
        self.manifest["partitions"][res.id] = {"file": name, "input": part.input, "first": part.first,
                                               "records": res.records, "events": res.events, "failed": res.failed}
        self.save()

    def save(self) -> None:
        _atomic_write(self.dir / MANIFEST, (json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True)
                                            + "\n").encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def run_batch(inputs: list[str], out_dir: str | Path, options: BatchOptions, workers: int | None = None,
              scheduler: str | None = None, restart: bool = False,
              on_partition: Callable[[PartResult], None] | None = None) -> BatchSummary:
    """Extract every partition not done yet (see the module's docstring); `scheduler` None means local
    worker processes, "local" a Dask LocalCluster, an address (tcp://HOST:8786) that Dask scheduler."""
    if options.fmt not in FORMATS:
        raise BatchError(f"format must be one of {', '.join(FORMATS)}")
    if options.chunk < 1:
        raise BatchError("--chunk must be 1 or more")
    if "-" in inputs:
        raise BatchError("a batch reads files (standard input cannot be resumed)")
    spec = PipelineSpec(options.min_confidence, options.gazetteer)
    header = {"marsad": __version__, "options": options.key(), "inputs": _input_facts(inputs),
              "pipeline": pipeline_key(options.min_confidence, options.gazetteer)}
    folder = _Folder(Path(out_dir), header, restart)
    summary = BatchSummary()
    n = worker_count(workers)
    with _executor(scheduler, n, spec) as (submit, wait):
        pending: dict[Any, Partition] = {}
        for part in partitions(inputs, options):
            summary.partitions += 1
            if folder.done(part.id):
                summary.done_before += 1
                _count(summary, folder.manifest["partitions"][part.id])
                continue
            pending[submit(run_partition, spec, options.fmt, part.id, part.items)] = part
            while len(pending) >= IN_FLIGHT * n:
                _finish(wait(list(pending)), pending, folder, options.fmt, summary, on_partition)
        while pending:
            _finish(wait(list(pending)), pending, folder, options.fmt, summary, on_partition)
    folder.manifest["complete"] = True
    folder.save()
    return summary


def _count(summary: BatchSummary, entry: dict[str, Any]) -> None:
    summary.records += entry["records"]
    summary.events += entry["events"]
    summary.failed += entry["failed"]


def _finish(done: list[Any], pending: dict[Any, Partition], folder: _Folder, fmt: str, summary: BatchSummary,
            on_partition: Callable[[PartResult], None] | None) -> None:
    for fut in done:
        part = pending.pop(fut)
        res = fut.result()
        folder.write(res, part, fmt)
        _count(summary, folder.manifest["partitions"][res.id])
        summary.messages.extend(res.messages)
        if on_partition:
            on_partition(res)


class _executor:
    """(submit, wait-for-some) on local worker processes or on Dask, closed on exit."""

    def __init__(self, scheduler: str | None, workers: int, spec: PipelineSpec) -> None:
        self.scheduler, self.workers, self.spec = scheduler, workers, spec
        self._close: list[Callable[[], None]] = []
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> tuple[Callable[..., Any], Callable[[list[Any]], list[Any]]]:
        if self.scheduler is None:
            # built here first, so that forked workers start with it (spawned ones load it from the cache)
            parallel._PIPELINE = prepare_pipeline(self.spec.min_confidence, self.spec.gazetteer)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=parallel._context(),
                                             initializer=parallel._start_worker, initargs=(self.spec, False))
            return self._pool.submit, lambda fs: list(wait_local(fs, return_when=FIRST_COMPLETED).done)
        try:
            from distributed import Client, LocalCluster
            from distributed import wait as wait_dask
        except ImportError:
            raise BatchError(f"--scheduler needs Dask: {DASK_INSTALL}") from None
        if self.scheduler == "local":
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0")  # a free port: never one in use
            self._close.append(cluster.close)
            client = Client(cluster)
        else:
            try:
                client = Client(self.scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise BatchError(f"cannot reach the Dask scheduler at {self.scheduler}: {exc}") from None
        self._close.insert(0, client.close)

        def submit(fn: Callable[..., Any], *args: Any) -> Any:
            return client.submit(fn, *args, pure=False)

        return submit, lambda fs: list(wait_dask(fs, return_when="FIRST_COMPLETED").done)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self._pool is not None:
            if exc_type is not None:  # interrupted: do not wait for the partitions under way
                for proc in list(getattr(self._pool, "_processes", {}).values()):
                    proc.terminate()
            self._pool.shutdown(wait=True, cancel_futures=True)
            parallel._PIPELINE = None
        for close in self._close:
            try:
                close()
            except Exception:  # closing after an interrupt must not hide it
                pass
