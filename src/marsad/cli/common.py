"""What the commands share: progress on stderr, output files, checked argument types, error lines."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from marsad.services.query import FilterError, parse_day


class Progress:
    """A one-line progress counter on stderr, only when stderr is a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.n = 0
        self.t0 = time.monotonic()
        self.last = 0.0

    def tick(self) -> None:
        self.n += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last >= 0.2:
            self.last = now
            rate = self.n / max(now - self.t0, 1e-9)
            sys.stderr.write(f"\r  {self.n:,} articles  {rate:,.0f}/s ")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.n:
            sys.stderr.write(f"\r  {self.n:,} articles in {time.monotonic() - self.t0:.1f}s\n")


def open_out(path: str | None) -> TextIO:
    if path in (None, "-"):
        return sys.stdout
    return open(path, "w", encoding="utf-8", newline="")


def say(message: str) -> None:
    """A message for the user, on stderr (stdout holds the data)."""
    print(f"marsad: {message}", file=sys.stderr)


def workers(value: str) -> int:
    """argparse type for --workers: a whole number, 0 meaning every available core."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("must be 1 or more (0: every available core)")
    return n


def add_workers_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--workers", type=workers, default=0, metavar="N",
                        help="documents extracted in parallel by N processes (default: every available core; "
                             "1: in this process only); the output is the same")


def day(value: str) -> object:
    """argparse type: a real YYYY-MM-DD day, with a message of our own."""
    try:
        return parse_day(value)
    except FilterError as exc:
        raise argparse.ArgumentTypeError(exc.reason) from None


SQLITE_MAGIC = b"SQLite format 3\x00"


def check_gazetteer_file(path: str | None) -> None:
    """Refuse a --gazetteer that exists but is not an SQLite file (a ValueError with one line)."""
    if not path:
        return
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{path}: no gazetteer index here (import one with 'marsad gazetteer import')")
    with open(p, "rb") as fh:
        head = fh.read(16)
    if head != SQLITE_MAGIC:
        raise ValueError(f"{path}: not a gazetteer index (not an SQLite database)")
