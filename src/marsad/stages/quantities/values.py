"""The small records a quantity is read into (a term, a number, a draft) and the digit rules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from marsad.model import Token
from marsad.text.chars import DECIMAL_SEPARATORS, INVISIBLE, MARKS, THOUSANDS_SEPARATORS
from marsad.text.matcher import Match

T = TypeVar("T")

SEPARATORS = {c: "," for c in THOUSANDS_SEPARATORS} | {c: "." for c in DECIMAL_SEPARATORS}
_NUMERAL_CHARS = "0-9" + re.escape(THOUSANDS_SEPARATORS + DECIMAL_SEPARATORS)
DIGIT_TOKEN = re.compile(f"([^0-9]*)([0-9][{_NUMERAL_CHARS}]*)")
NUMERAL = re.compile(f"[0-9][{_NUMERAL_CHARS}]*")
# What may stand between two words of one expression: spaces, marks, direction marks.
BLANK = " \t\r\n\u00a0" + "".join(sorted(INVISIBLE | MARKS))
DECIMAL_TO_POINT = str.maketrans(dict.fromkeys(DECIMAL_SEPARATORS, "."))


@dataclass(slots=True)
class Term:
    """One number word or digit string."""

    kind: str  # unit ten teenhead tens hundred fraction scale1 scale2 scalen digits
    value: float
    end: int  # token after the term
    clitic: str
    form: str
    plain: bool = False  # digits without separators: may be a year or a date part


@dataclass(slots=True)
class Num:
    """A whole number expression: 'ثلاثة وعشرين', '700 ألف', 'مليون ونصف'."""

    value: float
    start: int
    end: int
    scale: int  # scale of the first part (1 if none): 'بين 5 و7 آلاف' needs it
    first: Term

    @property
    def single_plain(self) -> bool:
        """Plain digits and nothing else: may be a year (2011)."""
        return self.first.plain and self.first.end == self.end


@dataclass(slots=True)
class Draft:
    """A quantity being read, widened step by step (prefix, range, unit)."""

    first: int
    last: int  # exclusive
    value: float
    clitic: str = ""  # proclitics of the first token, left out of the span
    low: float = -1
    high: float = -1
    approximate: bool = False
    vague: bool = False
    unit: str | None = None
    meaning: str = ""  # approximator in front
    definite: bool = False
    end: int = -1  # char end when a symbol (%, $) follows the last token
    start: int = -1  # char start when a symbol precedes the first token
    range_prefix: Match[str] | None = None

    def __post_init__(self) -> None:
        self.low = self.value if self.low < 0 else self.low
        self.high = self.value if self.high < 0 else self.high


def digit_value(raw: str, decimal: bool, max_digits: int) -> float | None:
    """'1,500' -> 1500, '1.500' -> 1500, but '1.5' (or '1.500' before مليون) -> 1.5."""
    if len(raw) > max_digits and sum(c.isdigit() for c in raw) > max_digits:
        return None
    if "," in raw and "." in raw:  # thousands groups, then one decimal part: 1,000.5
        whole, _, fraction = raw.rpartition(".")
        groups = whole.split(",")
        if not fraction.isdigit() or not groups[0] or "." in whole or any(len(g) != 3 for g in groups[1:]):
            return None  # 1,000.5.5 or 1.000,5: no number
        return float(whole.replace(",", "") + "." + fraction)
    sep = "," if "," in raw else "." if "." in raw else ""
    if not sep:
        return int(raw)
    parts = raw.split(sep)
    if any(not p for p in parts):
        return None
    grouped = all(len(p) == 3 for p in parts[1:])
    if len(parts) == 2 and (decimal or not grouped):
        return float(".".join(parts))
    return int("".join(parts)) if grouped else None


def as_int(value: float) -> int:
    if type(value) is int:
        return value
    rounded = round(value)
    return int(rounded) if abs(value - rounded) < 1e-6 else int(value)


def longest(matches: Iterable[Match[T]]) -> Match[T] | None:
    return max(matches, key=lambda m: m.token_end - m.token_start, default=None)


def hit_with_clitic(token: Token, table: dict[str, Any]) -> tuple[Any, str]:
    """The entry of the first form found in table and its proclitics; (None, "") if none is."""
    return next(((table[f], c) for f, c in zip(token.forms, token.clitics, strict=True) if f in table), (None, ""))


def hit(token: Token, table: dict[str, Any]) -> Any:
    for form in token.forms:
        found = table.get(form)
        if found is not None:
            return found
    return None
