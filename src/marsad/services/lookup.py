"""Search the lexicons an analyst picks from: places of the gazetteer and actors, by Arabic or English name.

Arabic queries are compared after the same normalisation the extractor matches with (so «أعزاز» finds
اعزاز), English ones case-insensitively; exact names come first, then names that start with the query,
then names that contain it; ties go to the bigger place or the earlier lexicon entry.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from marsad.resource_files import on_clear
from marsad.text import normalize

MAX_RESULTS = 50


def _fold(s: str) -> str:
    return " ".join(normalize(s).casefold().split())


def _rank(query: str, names: list[str]) -> int | None:
    """0 exact, 1 prefix, 2 substring, None no match (over all the entry's names)."""
    best = None
    for name in names:
        n = _fold(name)
        r = 0 if n == query else 1 if n.startswith(query) else 2 if query in n else None
        if r is not None and (best is None or r < best):
            best = r
    return best


@cache
def _place_names(gazetteer_path: str | None) -> list[tuple[Any, list[str]]]:
    from marsad.geo.gazetteer import load_gazetteer
    from marsad.resource_files import load_tsv_glob, split_list

    gaz = load_gazetteer(gazetteer_path)
    aliases = {row["id"]: split_list(row.get("aliases_ar")) + split_list(row.get("aliases_en"))
               for row in load_tsv_glob()}
    return [(p, [p.name, p.name_ar, *aliases.get(p.id, [])]) for p in gaz.places.values()]


def search_places(q: str, limit: int = 20, gazetteer_path: str | None = None) -> list[dict[str, Any]]:
    query = _fold(q)
    if not query:
        return []
    hits = []
    for place, names in _place_names(gazetteer_path):
        r = _rank(query, names)
        if r is not None:
            hits.append((r, -place.population, place))
    hits.sort(key=lambda t: (t[0], t[1]))
    return [{"id": p.id, "name": p.name, "name_ar": p.name_ar, "kind": p.kind, "country": p.country,
             "admin1": p.admin1, "admin2": p.admin2, "admin3": p.admin3, "latitude": p.latitude,
             "longitude": p.longitude, "population": p.population, "source": p.source}
            for _, _, p in hits[:min(limit, MAX_RESULTS)]]


@cache
def _actor_names() -> list[tuple[Any, list[str]]]:
    from marsad.resource_files import load_yaml
    from marsad.stages.actors import builtin_actor_lexicon

    lex = builtin_actor_lexicon()
    rows = {str(r.get("id")): r for r in (load_yaml("actors.yaml") or {}).get("actors") or []}
    out = []
    for actor in lex.actors.values():
        row = rows.get(actor.id, {})
        out.append((actor, [actor.name, actor.name_ar, actor.id, *(row.get("aliases_ar") or []),
                            *(row.get("aliases_en") or [])]))
    return out


def search_actors(q: str, limit: int = 20) -> list[dict[str, Any]]:
    query = _fold(q)
    if not query:
        return []
    hits = [(r, i, a) for i, (a, names) in enumerate(_actor_names()) if (r := _rank(query, names)) is not None]
    hits.sort(key=lambda t: (t[0], t[1]))
    return [_actor_json(a) for _, _, a in hits[:min(limit, MAX_RESULTS)]]


def _actor_json(a: Any) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "name_ar": a.name_ar, "inter": a.inter, "country": a.country}


def actor_entry(actor_id: str) -> dict[str, Any] | None:
    """The lexicon's actor with this id, or None."""
    from marsad.stages.actors import builtin_actor_lexicon

    actor = builtin_actor_lexicon().actors.get(actor_id)
    return _actor_json(actor) if actor else None


def actor_named(name: str) -> dict[str, Any] | None:
    """The lexicon's actor whose English or Arabic name is exactly this, or None."""
    query = _fold(name)
    for actor, _ in _actor_names():
        if query in (_fold(actor.name), _fold(actor.name_ar)):
            return _actor_json(actor)
    return None


def names_actor(words: str, actor_id: str) -> bool:
    """Whether these words are already one of the actor's names or aliases."""
    query = _fold(words)
    return any(a.id == actor_id and any(_fold(n) == query for n in names) for a, names in _actor_names())


def place_entry(place_id: str, gazetteer_path: str | None = None) -> Any:
    return next((p for p, _ in _place_names(gazetteer_path) if p.id == place_id), None)


def names_place(words: str, place_id: str, gazetteer_path: str | None = None) -> bool:
    """Whether these words are already one of the place's names or aliases."""
    query = _fold(words)
    return any(p.id == place_id and any(_fold(n) == query for n in names) for p, names in _place_names(gazetteer_path))


@on_clear
def clear_lookup_caches() -> None:
    """After the user's overlay changed (`resource_files.clear_caches`): the next search sees the new entries."""
    _place_names.cache_clear()
    _actor_names.cache_clear()
