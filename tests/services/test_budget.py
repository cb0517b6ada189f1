"""The per-document time budget: a runaway document is cut at its deadline, the next one runs."""

import threading
import time

import pytest

from marsad.services.budget import DocumentTimeout, deadline, enforced, run_within


def spin(seconds):
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
    return n


@pytest.mark.skipif(not enforced(), reason="needs a Unix main thread")
def test_runaway_work_is_cut_at_the_deadline_and_the_next_document_runs():
    t0 = time.monotonic()
    with pytest.raises(DocumentTimeout, match="time budget of 0.2 s"):
        run_within(0.2, spin, 30)
    assert time.monotonic() - t0 < 2
    assert run_within(0.5, lambda: "done") == "done"
    spin(0.3)  # no stray alarm is left armed


@pytest.mark.skipif(not enforced(), reason="needs a Unix main thread")
def test_an_earlier_outer_deadline_still_fires_through_an_inner_one():
    t0 = time.monotonic()
    with pytest.raises(DocumentTimeout, match="0.3 s"):
        with deadline(0.3, "run"):
            with deadline(0.1):
                pass
            with deadline(5):
                spin(30)
    assert time.monotonic() - t0 < 2


def test_no_budget_or_another_thread_is_a_no_op():
    assert run_within(None, lambda: 1) == 1
    out = []
    worker = threading.Thread(target=lambda: out.append((enforced(), run_within(0.01, spin, 0.1) > 0)))
    worker.start()
    worker.join(10)
    assert out == [(False, True)]


class Slow:
    """A stage that runs as long as its document says: stands for a stage that is not linear."""

    name = "slow"
    requires = ()
    provides = ("slow",)

    def __call__(self, doc):
        spin(float(doc.text))
        return doc


@pytest.mark.skipif(not enforced(), reason="needs a Unix main thread")
def test_a_document_over_its_budget_becomes_its_error_and_the_batch_goes_on():
    from marsad.model import Document
    from marsad.pipeline import Pipeline
    from marsad.services.extraction import extract_document, extract_stream

    pipeline = Pipeline([Slow()])
    t0 = time.monotonic()
    slow = extract_document(Document("slow", "30"), pipeline, budget=0.3)
    assert time.monotonic() - t0 < 2
    assert slow.failed and "DocumentTimeout" in slow.error and "time budget of 0.3 s" in slow.error
    outcomes = list(extract_stream([Document("a", "0"), Document("b", "0.01")], pipeline))
    assert [o.error for o in outcomes] == [None, None]
