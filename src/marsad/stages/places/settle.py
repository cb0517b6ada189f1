"""The places stage: the place names that are places (not part of an actor's name), and the article's country."""

from __future__ import annotations

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
        spans = doc.actor_names
        inside = [p for p in doc.place_names if any(s <= p.token_start and p.token_end <= e and (e - s) >
                                                     (p.token_end - p.token_start) for s, e in spans)]
        doc.places = [p for p in doc.place_names if p not in inside]
        doc.country = doc.place_names_country
        if inside:
            doc.country = majority_country(doc.places) or doc.country
        return doc


def majority_country(places: list[PlaceMention]) -> str | None:
    """The country most of the places are in (countries themselves do not vote)."""
    votes = Counter(p.location.country for p in places if p.place.kind != "country")
    return votes.most_common(1)[0][0] if votes else None
