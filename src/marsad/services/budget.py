"""A time budget per document, so that no single input can hang a batch.

Every stage is meant to be linear in the document's length; the budget is the guarantee that holds even
when one is not (a new rule, an input nobody foresaw). On Unix, in the main thread, a real-time interval
timer raises `DocumentTimeout` inside the work once the deadline passes; the services' per-record
isolation turns it into that record's error line and the batch goes on. Elsewhere (Windows, a worker
thread, e.g. under a web server) signals cannot be used and the budget is a no-op: `enforced()` says so.
Python checks for the signal between bytecodes, so a single long call into C (one huge regular
expression match) finishes before the timeout is raised.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

DEFAULT_DOCUMENT_SECONDS = 30.0

T = TypeVar("T")


class DocumentTimeout(Exception):
    """The work on one document ran past its time budget."""

    def __init__(self, seconds: float, what: str = "document") -> None:
        super().__init__(f"{what} took longer than its time budget of {seconds:g} s")
        self.seconds = seconds


def enforced() -> bool:
    """Whether a deadline can interrupt work here (a Unix main thread with SIGALRM)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def deadline(seconds: float | None, what: str = "document") -> Iterator[None]:
    """Raise `DocumentTimeout` inside the block once `seconds` have passed; None or 0 means no budget.

    Nests: an outer deadline that falls earlier still fires, and is re-armed with what is left of it
    when the inner block ends.
    """
    if not seconds or seconds <= 0 or not enforced():
        yield
        return
    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    if outer_left and outer_left <= seconds:  # the outer deadline comes first: let it fire as it is
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise DocumentTimeout(seconds, what)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # even when the alarm fires just as the block ends: the timer is one-shot, so it is spent
            signal.signal(signal.SIGALRM, previous)
            if outer_left:
                left = outer_left - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


def run_within(seconds: float | None, fn: Callable[..., T], *args: object, what: str = "document") -> T:
    """`fn(*args)` under a deadline of `seconds`."""
    with deadline(seconds, what):
        return fn(*args)
