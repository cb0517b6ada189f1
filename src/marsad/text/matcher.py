"""Token-sequence matching of lexicon phrases (actors, places, triggers).

Lexicon phrases are normalised the same way as the text and matched word by word.
Every word of a match may carry proclitics (و ف ب ل ك س, the article), so
"القصف الجوي" matches the entry "قصف جوي" and "بين قتيل وجريح" the entry
"بين قتيل جريح"; the unstripped word is always tried too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from marsad.model import Token
from marsad.text import normalize, strip_proclitics, tokenize

T = TypeVar("T")


@dataclass(slots=True)
class Match(Generic[T]):
    token_start: int
    token_end: int  # exclusive
    payload: T
    clitic: str  # proclitics stripped from the first word


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The normalised words of a lexicon phrase."""
    return tuple(w for _, _, w in tokenize(normalize(phrase)))


class PhraseMatcher(Generic[T]):
    """Finds every lexicon phrase in a token list; longest match wins on overlaps."""

    def __init__(self, entries: Iterable[tuple[str, T]] = ()) -> None:
        # first word -> every entry (`entries()`); and, to test only what can match, one-word entries by their
        # word and longer entries by their first word, then their second
        self._index: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._single: dict[str, list[T]] = {}
        self._next: dict[str, dict[str, list[tuple[tuple[str, ...], T]]]] = {}
        self.size = 0
        for phrase, payload in entries:
            self.add(phrase, payload)

    def add(self, phrase: str, payload: T) -> None:
        self.add_key(phrase_key(phrase), payload)

    def add_key(self, key: tuple[str, ...], payload: T) -> None:
        """Add a phrase already normalised and split into words (as `phrase_key` gives)."""
        if not key:
            return
        self._index.setdefault(key[0], []).append((key, payload))
        if len(key) == 1:
            self._single.setdefault(key[0], []).append(payload)
        else:
            self._next.setdefault(key[0], {}).setdefault(key[1], []).append((key, payload))
        self.size += 1

    def entries(self) -> Iterator[tuple[tuple[str, ...], T]]:
        """Every (normalised words, payload), in the order they were added for each first word."""
        for items in self._index.values():
            yield from items

    def find_all(self, tokens: list[Token], start: int = 0, end: int | None = None,
                 form_index: dict[str, list[tuple[int, str]]] | None = None) -> list[Match[T]]:
        """All matches, overlapping ones included (callers choose).

        With the document's `form_index` only the words the text and the lexicon share are
        visited, which is much faster for a large lexicon over a long text.
        """
        end = len(tokens) if end is None else end
        index = self._index
        out: list[Match[T]] = []
        if form_index is not None:
            # the set operation copies its left side: put the smaller one there
            shared = (index.keys() & form_index.keys() if len(index) < len(form_index)
                      else form_index.keys() & index.keys())
            whole = start == 0 and end >= len(tokens)
            for form in shared:
                places = form_index[form]
                if not whole:
                    places = [(i, c) for i, c in places if start <= i < end]
                if places:
                    self._extend(tokens, places, end, form, out)
            return out
        keys = index.keys()
        for i in range(start, end):
            tok = tokens[i]
            if keys.isdisjoint(tok.forms):  # one C-level test for the many words that start no phrase
                continue
            for form, clitic in zip(tok.forms, tok.clitics):
                if form in index:
                    self._extend(tokens, ((i, clitic),), end, form, out)
        return out

    def _extend(self, tokens: list[Token], places: Iterable[tuple[int, str]], end: int, form: str,
                out: list[Match[T]]) -> None:
        """The entries starting with `form` at each (token, clitic) of `places` that the next words complete."""
        singles = self._single.get(form)
        seconds = self._next.get(form)
        for i, clitic in places:
            if singles is not None:
                for payload in singles:
                    out.append(Match(i, i + 1, payload, clitic))
            if seconds is None or i + 1 >= end:
                continue
            for second in tokens[i + 1].forms:
                found = seconds.get(second)
                if found is None:
                    continue
                for key, payload in found:
                    n = len(key)
                    if n == 2 or i + n <= end and all(key[j] in tokens[i + j].forms for j in range(2, n)):
                        out.append(Match(i, i + n, payload, clitic))

    def find(self, tokens: list[Token], start: int = 0, end: int | None = None,
             form_index: dict[str, list[tuple[int, str]]] | None = None) -> list[Match[T]]:
        """Non-overlapping matches, longest first, then leftmost."""
        return longest_first(self.find_all(tokens, start, end, form_index))


def _rank(m: Match) -> tuple[int, int, int]:
    return m.token_start - m.token_end, m.token_start, len(m.clitic)


def _start(m: Match) -> int:
    return m.token_start


def longest_first(matches: list[Match[T]]) -> list[Match[T]]:
    """Keep non-overlapping matches, preferring the longest, then the leftmost; in text order."""
    if len(matches) < 2:
        return list(matches)
    matches = sorted(matches, key=_rank)
    taken: set[int] = set()
    out: list[Match[T]] = []
    for m in matches:
        span = range(m.token_start, m.token_end)
        if taken.isdisjoint(span):
            taken.update(span)
            out.append(m)
    out.sort(key=_start)
    return out


class TaggedMatcher:
    """Several lexicons in one index: one pass over the text finds the phrases of all of them.

    `find(tokens)` returns, for each tag, that lexicon's non-overlapping matches, the same
    as running each lexicon's own `PhraseMatcher.find`, at the cost of a single pass.
    """

    def __init__(self) -> None:
        self._all: PhraseMatcher[tuple[str, object]] = PhraseMatcher()
        self.tags: set[str] = set()

    def add(self, tag: str, phrase: str, payload: object) -> None:
        self.add_key(tag, phrase_key(phrase), payload)

    def add_key(self, tag: str, key: tuple[str, ...], payload: object) -> None:
        """Add a phrase already normalised and split into words."""
        self._all.add_key(key, (tag, payload))
        self.tags.add(tag)

    def add_matcher(self, tag: str, matcher: PhraseMatcher) -> None:
        """Every phrase of a lexicon's own matcher, under `tag` (without normalising them again)."""
        self.tags.add(tag)
        for key, payload in matcher.entries():
            self._all.add_key(key, (tag, payload))

    def find(self, tokens: list[Token],
             form_index: dict[str, list[tuple[int, str]]] | None = None) -> dict[str, list[Match]]:
        by_tag: dict[str, list[Match]] = {t: [] for t in self.tags}
        for m in self._all.find_all(tokens, form_index=form_index):
            tag, m.payload = m.payload  # the match object is ours: give it the lexicon's own payload
            by_tag[tag].append(m)
        return {t: longest_first(ms) for t, ms in by_tag.items()}


def word_set(words: Iterable[str]) -> frozenset[str]:
    """A set of normalised single words (for cue lookups on `Token.forms`)."""
    return frozenset(normalize(w) for w in words if w and " " not in w.strip())


def has_form(token: Token, words: frozenset[str]) -> bool:
    return not words.isdisjoint(token.forms)


__all__ = ["Match", "PhraseMatcher", "TaggedMatcher", "longest_first", "phrase_key", "word_set", "has_form",
           "strip_proclitics"]
