"""Learning from corrections: the words an analyst names an actor or place with become the user's aliases.

When an analyst sets a field on words the lexicons do not know for that actor or place, the desk offers
to add them to the user's resource overlay (`marsad.resource_overlay`, under MARSAD_HOME); an accepted
suggestion is used by the next extraction and listed (and removable) on the resources page.
"""

from __future__ import annotations

import hashlib
from typing import Any

from marsad import resource_overlay
from marsad.resource_files import clear_caches, load_tsv_glob, split_list
from marsad.services import lookup
from marsad.services.edits import FieldError

ACTORS_FILE = "actors.yaml"
PLACES_FILE = "gazetteer.tsv"  # the user's own gazetteer rows (a new place, or a known place with an alias)


def suggestion(kind: str, text: str, target: str | None) -> dict[str, Any] | None:
    """What to offer for words set on a field: None when the lexicon already knows them for that target."""
    words = " ".join(text.split())
    if not words:
        return None
    if kind == "actor" and target:
        if lookup.actor_entry(target) is None or lookup.names_actor(words, target):
            return None
        return {"kind": "actor_alias", "text": words, "target": target}
    if kind == "place":
        if target and lookup.place_entry(target) is not None:
            return None if lookup.names_place(words, target) else {"kind": "place_alias", "text": words,
                                                                   "target": target}
        return {"kind": "place", "text": words, "target": None}
    return None


def accept(kind: str, text: str, target: str | None, place: dict[str, Any] | None = None) -> dict[str, Any]:
    """Write an accepted suggestion to the user's overlay; the caches are dropped so the next pipeline uses it."""
    words = " ".join(text.split())
    if not words or any(c in words for c in "\t|"):
        raise FieldError("text", "give the words as they are written (no tabs or '|')")
    if kind == "actor_alias":
        if not target or lookup.actor_entry(target) is None:
            raise FieldError("target", "name an actor of the lexicon by its id")
        path = resource_overlay.add_overlay_entry(ACTORS_FILE, {"id": target, "aliases_ar": [words]})
    elif kind == "place_alias":
        row = _gazetteer_row(target)
        row["aliases_ar"] = " | ".join(dict.fromkeys([*split_list(row.get("aliases_ar")), words]))
        path = resource_overlay.add_overlay_row(PLACES_FILE, row)
    elif kind == "place":
        path = resource_overlay.add_overlay_row(PLACES_FILE, _new_place(words, place or {}))
    else:
        raise FieldError("kind", "must be actor_alias, place_alias or place")
    clear_caches()
    return {"kind": kind, "text": words, "target": target, "file": path.name}


def _gazetteer_row(place_id: str | None) -> dict[str, str]:
    for row in load_tsv_glob():
        if place_id and row.get("id") == place_id:
            return dict(row)
    raise FieldError("target", "name a place of the gazetteer by its id")


def _new_place(words: str, place: dict[str, Any]) -> dict[str, str]:
    try:
        lat, lon = float(place["latitude"]), float(place["longitude"])
    except (KeyError, TypeError, ValueError):
        raise FieldError("place.latitude", "a new place needs latitude and longitude") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FieldError("place.latitude", "latitude within -90..90, longitude within -180..180")
    for key in ("name", "country"):
        if not str(place.get(key) or "").strip():
            raise FieldError(f"place.{key}", "a new place needs its English name and its country")
    pid = "user-" + hashlib.sha1(f"{words}:{lat:.4f}:{lon:.4f}".encode()).hexdigest()[:10]
    return {"id": pid, "name": str(place["name"]), "name_ar": words, "kind": str(place.get("kind") or "town"),
            "country": str(place["country"]), "admin1": str(place.get("admin1") or ""),
            "admin2": str(place.get("admin2") or ""), "admin3": str(place.get("admin3") or ""),
            "lat": f"{lat:.5f}", "lon": f"{lon:.5f}", "population": "", "source": "analyst"}


def entries() -> list[dict[str, Any]]:
    """What the user's overlay adds, file by file (the resources page)."""
    return [{"file": e.file, "section": e.section, "id": e.id, "action": e.action, "data": e.data}
            for e in resource_overlay.list_overlay_entries()]


def remove(file: str, entry_id: str) -> bool:
    """Take an entry out of the user's overlay (the package's own entry, if any, is untouched)."""
    if file == PLACES_FILE:
        changed = resource_overlay.remove_overlay_row(PLACES_FILE, entry_id)
    elif file == ACTORS_FILE:
        changed = resource_overlay.remove_overlay_entry(ACTORS_FILE, entry_id)
    else:
        raise FieldError("file", f"the desk manages {ACTORS_FILE} and {PLACES_FILE} only")
    if changed:
        clear_caches()
    return changed
