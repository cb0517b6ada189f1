"""The places stage: the place names that are places (not part of an actor's name), and the article's country."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter

from marsad.model import Document, PlaceMention


class PlaceSettler:
    """The places stage: the place names that are places, and the country the article is about.

    A place inside a longer actor name ("لواء القدس", "حماة الديار") is part of the name: it is dropped,
    and it must not decide which country the article is about.
    """

    name = "places"
    requires = ("place_names", "actor_names")
    provides = ("places", "country")

    def __call__(self, doc: Document) -> Document:
        inside = inside_longer_spans([(p.token_start, p.token_end) for p in doc.place_names], list(doc.actor_names))
        doc.places = [p for p, within in zip(doc.place_names, inside) if not within]
        doc.country = doc.place_names_country
        if any(inside):
            doc.country = majority_country(doc.places) or doc.country
        return doc


def inside_longer_spans(spans: list[tuple[int, int]], longer: list[tuple[int, int]]) -> list[bool]:
    """For each span, whether one of `longer` holds it and is longer: one that starts before it and ends
    at or after its end, or starts with it and ends after. Sorted once, bisected per span (n log n, where
    testing every pair grew with the square of a long article)."""
    by_start = sorted(longer)
    starts = [s for s, _ in by_start]
    reach: list[int] = []  # the furthest end of the spans up to each one in start order
    for _, e in by_start:
        reach.append(max(e, reach[-1]) if reach else e)
    out = []
    for s, e in spans:
        k = bisect_left(starts, s)  # spans starting before s are by_start[:k]
        j = bisect_right(starts, s)  # those starting at s are by_start[k:j]; the last ends furthest
        out.append((k > 0 and reach[k - 1] >= e) or (j > k and by_start[j - 1][1] > e))
    return out


def majority_country(places: list[PlaceMention]) -> str | None:
    """The country most of the places are in (countries themselves do not vote)."""
    votes = Counter(p.location.country for p in places if p.place.kind != "country")
    return votes.most_common(1)[0][0] if votes else None
