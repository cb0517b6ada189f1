"""Lexicon phrases by first word, matched at one token on demand (leftmost, longest)."""

from __future__ import annotations

from typing import Any, NamedTuple

from marsad.model import Token
from marsad.text.clitics import is_definite, strip_article
from marsad.text.matcher import phrase_key


class Hit(NamedTuple):
    """A phrase found at a token: where it ends and what it stands for."""

    token_end: int  # exclusive
    payload: tuple[str, Any]  # (kind, value): weekday, month, hijri, ordinal, rel


class Phrases:
    """Lexicon phrases by first word, matched at one token on demand (leftmost, longest).

    Like `matching.PhraseMatcher`, the first word may carry proclitics and later words the
    article; unlike it, nothing is computed for tokens that no look-around asks about.
    """

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], tuple[str, Any]]]] = {}

    def add(self, phrase: str, payload: tuple[str, Any]) -> None:
        key = phrase_key(phrase)
        if key:
            entries = self.index.setdefault(key[0], [])
            entries.append((key, payload))
            entries.sort(key=lambda e: -len(e[0]))

    def at(self, toks: list[Token], j: int) -> Hit | None:
        n = len(toks)
        best: Hit | None = None
        for form in toks[j].forms:
            for key, payload in self.index.get(form, ()):
                size = len(key)
                if j + size > n or (best is not None and j + size <= best.token_end):
                    continue
                for k in range(1, size):
                    if not _later(toks[j + k].norm, key[k]):
                        break
                else:
                    best = Hit(j + size, payload)
                    break  # entries are longest first
        return best


def _later(word: str, want: str) -> bool:
    return word == want or (is_definite(word) and strip_article(word) == want)
