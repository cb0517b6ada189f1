"""Access to the data files shipped under `marsad/resources/`.

Every lexicon is data: analysts add an actor alias, a place or a trigger word by
editing these files (or by pointing `MARSAD_RESOURCES` at a folder holding their
own copies), never by touching Python.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from functools import cache
from importlib import resources as _res
from pathlib import Path
from typing import Any

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ResourceError(Exception):
    """A resource file is missing or malformed (names the file and the problem)."""


def resource_path(name: str) -> Path:
    """Path of a resource: the user's override folder first, then the package's own."""
    override = os.environ.get("MARSAD_RESOURCES")
    if override:
        candidate = Path(override) / name
        if candidate.exists():
            return candidate
    return Path(str(_res.files("marsad") / "resources" / name))


_CLEARERS: list[Callable[[], None]] = []


def on_clear(fn: Callable[[], None]) -> Callable[[], None]:
    """Register a cache of data built from resources, dropped by `clear_caches()`."""
    _CLEARERS.append(fn)
    return fn


def clear_caches() -> None:
    """Forget every loaded resource so the next pipeline built reads the files again."""
    load_yaml.cache_clear()
    for fn in _CLEARERS:
        fn()


@cache
def load_yaml(name: str) -> Any:
    path = resource_path(name)
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: resource file not found") from exc
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML: {exc}") from exc


def load_tsv(name: str) -> list[dict[str, str]]:
    path = resource_path(name)
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = (line for line in fh if not line.startswith("#"))
            return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    except FileNotFoundError as exc:
        raise ResourceError(f"{path}: resource file not found") from exc


def split_list(value: str | None) -> list[str]:
    """A ` | `-separated alias cell as a list."""
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]
