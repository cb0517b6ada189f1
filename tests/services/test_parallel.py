"""Parallel extraction: the same records in the same order as one process, bounded look-ahead, isolation."""

import json
import os

import pytest

from marsad.io.serialize import result_record
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.services import parallel
from marsad.services.parallel import CHUNK, IN_FLIGHT, Extractor, available_cores, worker_count
from tests.helpers import run_cli as run
from tests.services.articles import documents, write_jsonl


def _docs(n: int) -> list[Document]:
    return documents(n)


def _records(pairs) -> list[dict]:
    return [result_record(o.result, error=o.error) for _, o in pairs]


class Exploding:
    """A stage that raises on one document, and one that kills its process on another."""

    name = "exploding"
    requires = ()
    provides = ()

    def __call__(self, doc):
        if doc.id == "d5":
            {}["no such key"]
        if doc.id == "d21" and os.getpid() != PARENT:
            os._exit(3)  # a worker dying (out of memory, killed): only when it is a worker
        return doc


PARENT = os.getpid()


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.default()


@pytest.fixture(scope="module")
def one_process(pipeline):
    return _records(Extractor(1, pipeline=pipeline).outcomes(_docs(40)))


def test_two_workers_give_the_records_of_one_process_in_input_order(pipeline, one_process):
    with Extractor(2, pipeline=pipeline) as ex:
        pairs = list(ex.outcomes(_docs(40)))
    assert [item.id for item, _ in pairs] == [f"d{k}" for k in range(40)]
    assert _records(pairs) == one_process
    assert sum(len(r["events"]) for r in one_process) > 20


def test_items_that_are_not_documents_keep_their_place(pipeline):
    items = [*_docs(20), "a problem", *_docs(20)[:3]]
    with Extractor(2, pipeline=pipeline) as ex:
        pairs = list(ex.outcomes(items))
    assert pairs[20] == ("a problem", None)
    assert [o is None for _, o in pairs] == [False] * 20 + [True] + [False] * 3


def test_an_exception_is_that_documents_error_and_a_dead_worker_costs_one_document(pipeline, one_process):
    bomb = Pipeline([pipeline.stages[0], Exploding(), *pipeline.stages[1:]])
    with Extractor(2, pipeline=bomb) as ex:
        records = _records(ex.outcomes(_docs(40)))
    assert "KeyError" in records[5]["error"] and records[5]["events"] == []
    assert "worker process died" in records[21]["error"] and records[21]["error"].startswith("test:21: ")
    same = [k for k in range(40) if k not in (5, 21)]
    assert [records[k] for k in same] == [one_process[k] for k in same]


def test_the_input_is_read_only_a_few_chunks_ahead(pipeline):
    pulled = []

    def stream():
        for doc in _docs(200):
            pulled.append(doc.id)
            yield doc

    with Extractor(2, pipeline=pipeline) as ex:
        it = ex.outcomes(stream())
        next(it)
        assert len(pulled) <= (IN_FLIGHT * 2 + 1) * CHUNK + 2 * CHUNK
        assert len(list(it)) == 199


def test_a_short_input_runs_in_this_process(pipeline, monkeypatch):
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", None)  # would fail if a pool were started
    with Extractor(4, pipeline=pipeline) as ex:
        assert len(list(ex.outcomes(_docs(2 * CHUNK - 1)))) == 2 * CHUNK - 1


def test_spawned_workers_build_their_own_pipeline(pipeline, one_process, monkeypatch):
    import multiprocessing

    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    with Extractor(2, pipeline=pipeline) as ex:
        assert _records(ex.outcomes(_docs(40))) == one_process


def test_worker_count_defaults_to_the_available_cores():
    assert worker_count(None) == worker_count(0) == available_cores() >= 1
    assert worker_count(3) == 3


def test_extract_ingest_and_reprocess_with_workers_match_one_worker(capsys, tmp_path):
    # three documents repeated at the end, and five protests told alike within the batch: known to the store
    src = write_jsonl(tmp_path / "in.jsonl", _docs(40) + _docs(3))
    outs = []
    for n in ("1", "2"):
        code, out, _ = run(capsys, "extract", str(src), "--format", "jsonl", "--workers", n)
        assert code == 0
        outs.append(out)
    assert outs[0] == outs[1] and len(outs[0].splitlines()) == 43
    messages = []
    for n in ("1", "2"):
        db = tmp_path / f"w{n}.db"
        code, out, _ = run(capsys, "ingest", str(src), "--db", str(db), "-q", "--workers", n)
        assert code == 0
        messages.append(out)
        code, out, _ = run(capsys, "reprocess", "--db", str(db), "--workers", n)
        messages.append(out)
        _, out, _ = run(capsys, "events", "--db", str(db), "--format", "jsonl")
        messages.append(sorted(json.dumps({k: v for k, v in json.loads(line).items()  # ids hold the time
                                           if k not in ("event_id", "event_id_cnty")}) for line in out.splitlines()))
    assert messages[:3] == messages[3:] and "35 new documents" in messages[0] and "8 already known" in messages[0]
    assert len(messages[2]) > 10
    with pytest.raises(SystemExit) as exit_:
        run(capsys, "extract", str(src), "--workers", "-2")
    assert exit_.value.code == 2 and "--workers: must be 1 or more" in capsys.readouterr().err
