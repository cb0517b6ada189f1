"""Token-sequence matching of lexicon phrases (actors, places, triggers).

Lexicon phrases are normalised the same way as the text and matched word by word.
Every word of a match may carry proclitics (و ف ب ل ك س, the article), so
"القصف الجوي" matches the entry "قصف جوي" and "بين قتيل وجريح" the entry
"بين قتيل جريح"; the unstripped word is always tried too.
"""

from __future__ import annotations

from collections.abc import Iterable
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
        # first word -> every entry; and, to test only what can match, one-word entries by their word and
        # longer entries by their first two words
        self._index: dict[str, list[tuple[tuple[str, ...], T]]] = {}
        self._single: dict[str, list[T]] = {}
        self._pair: dict[tuple[str, str], list[tuple[tuple[str, ...], T]]] = {}
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
            self._pair.setdefault((key[0], key[1]), []).append((key, payload))
        self.size += 1

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
            for form in shared:
                for i, clitic in form_index[form]:
                    if start <= i < end:
                        self._extend(tokens, i, end, form, clitic, out)
            return out
        for i in range(start, end):
            tok = tokens[i]
            for form, clitic in zip(tok.forms, tok.clitics):
                if form in index:
                    self._extend(tokens, i, end, form, clitic, out)
        return out

    def _extend(self, tokens: list[Token], i: int, end: int, form: str, clitic: str, out: list[Match[T]]) -> None:
        """The entries starting with `form` at token i that the next words complete."""
        for payload in self._single.get(form, ()):
            out.append(Match(i, i + 1, payload, clitic))
        if i + 1 >= end:
            return
        pair = self._pair
        for second in tokens[i + 1].forms:
            for key, payload in pair.get((form, second), ()):
                n = len(key)
                if i + n <= end and all(key[j] in tokens[i + j].forms for j in range(2, n)):
                    out.append(Match(i, i + n, payload, clitic))

    def find(self, tokens: list[Token], start: int = 0, end: int | None = None,
             form_index: dict[str, list[tuple[int, str]]] | None = None) -> list[Match[T]]:
        """Non-overlapping matches, longest first, then leftmost."""
        return longest_first(self.find_all(tokens, start, end, form_index))


def longest_first(matches: list[Match[T]]) -> list[Match[T]]:
    """Keep non-overlapping matches, preferring the longest, then the leftmost; in text order."""
    matches = sorted(matches, key=lambda m: (-(m.token_end - m.token_start), m.token_start, len(m.clitic)))
    taken: set[int] = set()
    out: list[Match[T]] = []
    for m in matches:
        span = range(m.token_start, m.token_end)
        if any(i in taken for i in span):
            continue
        taken.update(span)
        out.append(m)
    out.sort(key=lambda m: m.token_start)
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
        self._all.add(phrase, (tag, payload))
        self.tags.add(tag)

    def find(self, tokens: list[Token],
             form_index: dict[str, list[tuple[int, str]]] | None = None) -> dict[str, list[Match]]:
        by_tag: dict[str, list[Match]] = {t: [] for t in self.tags}
        for m in self._all.find_all(tokens, form_index=form_index):
            tag, payload = m.payload
            by_tag[tag].append(Match(m.token_start, m.token_end, payload, m.clitic))
        return {t: longest_first(ms) for t, ms in by_tag.items()}


def word_set(words: Iterable[str]) -> frozenset[str]:
    """A set of normalised single words (for cue lookups on `Token.forms`)."""
    return frozenset(normalize(w) for w in words if w and " " not in w.strip())


def has_form(token: Token, words: frozenset[str]) -> bool:
    return any(f in words for f in token.forms)


__all__ = ["Match", "PhraseMatcher", "TaggedMatcher", "longest_first", "phrase_key", "word_set", "has_form",
           "strip_proclitics"]
