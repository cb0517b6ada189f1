"""The one loader of Marsad's data files, with country packs and user overlays layered on top.

Every word list, table and lexicon is data. A user never copies a package file to change it: a file of the
same name in an overlay folder ADDS to it, entry by entry.

Layers, lowest first (a higher layer adds to and overrides the lower ones):
  1. the package's files, `marsad/resources/<name>`;
  2. the package's country packs, `marsad/resources/packs/<pack>/<name>` (packs in name order);
  3. the user's folder `<MARSAD_HOME>/resources/`: first its `packs/<pack>/`, then its own files;
  4. the folders of `MARSAD_RESOURCES` (separated by os.pathsep), each like 3; the FIRST folder listed is
     the highest layer, as in PATH.

How a higher layer's YAML merges into the lower ones:
  - mappings merge key by key, recursively; a scalar value overrides;
  - a list of mappings that carry an `id` merges by id: an entry with a known id merges into that entry
    (its scalar fields override, its lists extend), an entry with a new id is appended;
  - any other list is extended with the items it does not already have;
  - `!replace VALUE` replaces the lower value instead of merging (a list, a mapping or an id entry:
    `- !replace {id: SY-ARMY, name: ..., inter: 1}`);
  - `!remove [a, b]` removes those items from a list (for an id list, the ids: `actors: !remove [SY-NDF]`),
    `!remove {id: X}` inside an id list removes entry X, and `key: !remove` removes the key.
A TSV file merges row by row on its key column (`id`, else the first column): a row with a known key
overrides the lower row's values for the columns its file has, a new key adds a row, and a key written
`-KEY` removes that row. Lines starting with `#` before the header are comments. Gazetteer rows are every
`gazetteer*.tsv` and `gazetteer/*.tsv` of a layer (`load_tsv_glob`), `gazetteer.tsv` first.

A malformed file raises `ResourceError` with one line naming the file, the line or entry, and the field.
Results are cached; `clear_caches()` forgets them (and every lexicon built from them) so the next pipeline
built reads the files again. The writing side (`add_overlay_entry` ...) lives in `marsad.resource_overlay`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources as _res
from pathlib import Path
from typing import Any

from marsad.paths import marsad_home
from marsad.resource_merge import (
    Remove,
    Replace,
    ResourceError,
    Row,
    is_id_list,
    merge,
    merge_files,
    merge_tsv,
    read_tsv_file,
    read_yaml_file,
)

__all__ = [
    "GAZETTEER_PATTERNS", "PACKAGE_ROOT", "Layer", "Remove", "Replace", "ResourceError", "Row", "clear_caches",
    "glob_paths", "is_id_list", "layer_paths", "layers", "load_pack_yaml", "load_tsv", "load_tsv_glob",
    "load_yaml", "merge", "merge_files", "merge_tsv", "on_clear", "overlay_dir", "read_tsv_file",
    "read_yaml_file", "resource_path", "split_list", "user_folders",
]

PACKAGE_ROOT = Path(str(_res.files("marsad") / "resources"))
# A layer's hand-made gazetteer first, generated ones (gazetteer.geonames.tsv ...) after it: they add rows
# and may fill a column of its rows (gazetteer.geonames-admin1.tsv).
GAZETTEER_PATTERNS = ("gazetteer.tsv", "gazetteer/*.tsv", "gazetteer*.tsv")


# --- layers -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One folder of resource files: the package's, a pack's or a user's."""

    path: Path
    origin: str  # "package", "user"
    pack: str | None = None  # the pack's folder name ("syr") for a pack layer
    names: frozenset[str] = frozenset()  # relative paths of the files it holds

    def has(self, name: str) -> bool:
        return name in self.names


def user_folders() -> list[Path]:
    """The user's overlay folders, highest first: MARSAD_RESOURCES in order, then <MARSAD_HOME>/resources."""
    env = os.environ.get("MARSAD_RESOURCES") or ""
    folders = [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    return [*folders, overlay_dir()]


def overlay_dir() -> Path:
    """Where `marsad.resource_overlay` writes: `<MARSAD_HOME>/resources/`."""
    return marsad_home() / "resources"


def _listing(root: Path) -> frozenset[str]:
    out = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        if rel.parts[:1] == ("packs",):
            continue
        if rel == Path("."):
            dirnames[:] = [d for d in dirnames if d != "packs"]
        out.update((rel / f).as_posix() for f in filenames if not f.startswith("."))
    return frozenset(out)


def _root_layers(root: Path, origin: str) -> list[Layer]:
    """A root folder's layers: its own files and its packs (the package's files lie below its packs,
    a user folder's packs below its files)."""
    if not root.is_dir():
        return []
    own = Layer(root, origin, None, _listing(root))
    packs_dir = root / "packs"
    packs = [Layer(p, origin, p.name, _listing(p)) for p in sorted(packs_dir.iterdir())
             if p.is_dir() and not p.name.startswith((".", "_"))] if packs_dir.is_dir() else []
    return [own, *packs] if origin == "package" else [*packs, own]


@cache
def _layers_for(env: tuple[str, ...]) -> tuple[Layer, ...]:
    users = [layer for folder in reversed(env) for layer in _root_layers(Path(folder), "user")]
    return (*_root_layers(PACKAGE_ROOT, "package"), *users)


def layers() -> tuple[Layer, ...]:
    """Every resource layer, lowest first (see the module's docstring)."""
    return _layers_for(tuple(str(p) for p in user_folders()))


def layer_paths(name: str) -> list[Path]:
    """The files of that name in every layer, lowest first."""
    return [layer.path / name for layer in layers() if layer.has(name)]


def glob_paths(patterns: Iterable[str]) -> list[tuple[Layer, Path]]:
    """Files matching the patterns in every layer, lowest first; within a layer, in the patterns' order
    (then by name), each file once."""
    out = []
    for layer in layers():
        seen: set[str] = set()
        for pat in patterns:
            for n in sorted(n for n in layer.names if n not in seen and Path(n).match(pat)
                            and len(Path(n).parts) == len(Path(pat).parts)):
                seen.add(n)
                out.append((layer, layer.path / n))
    return out


# --- loading -----------------------------------------------------------------------------------------

_CLEARERS: list[Callable[[], None]] = []


def on_clear(fn: Callable[[], None]) -> Callable[[], None]:
    """Register a cache of data built from resources, dropped by `clear_caches()`."""
    _CLEARERS.append(fn)
    return fn


def clear_caches() -> None:
    """Forget every loaded resource so the next pipeline built reads the files (and overlays) again."""
    _layers_for.cache_clear()
    _load_yaml.cache_clear()
    _load_pack_yaml.cache_clear()
    for fn in _CLEARERS:
        fn()


def resource_path(name: str) -> Path:
    """The package's own file of that name (the lowest layer)."""
    return PACKAGE_ROOT / name


@cache
def _load_yaml(name: str, env: tuple[Layer, ...]) -> Any:
    paths = [layer.path / name for layer in env if layer.has(name)]
    if not paths:
        raise ResourceError(f"{name}: resource file not found (in the package or {overlay_dir()})")
    return merge_files(paths)


def load_yaml(name: str) -> Any:
    """A YAML resource, every layer merged (see the module's docstring). Cached: do not change it."""
    return _load_yaml(name, layers())


@cache
def _load_pack_yaml(name: str, env: tuple[Layer, ...]) -> dict[str, Any]:
    paths: dict[str, list[Path]] = {}
    for layer in env:
        if layer.pack and layer.has(name):
            paths.setdefault(layer.pack, []).append(layer.path / name)
    return {pack: merge_files(files) for pack, files in paths.items()}


def load_pack_yaml(name: str) -> dict[str, Any]:
    """Each country pack's own file of that name (`country.yaml`), by pack folder name, in layer order.

    A pack of the same name in several layers (the package's `syr` and a user's `syr`) is merged.
    """
    return _load_pack_yaml(name, layers())


def load_tsv(name: str) -> list[Row]:
    """A TSV resource, every layer's file of that name merged by key (see the module's docstring)."""
    paths = layer_paths(name)
    if not paths:
        raise ResourceError(f"{name}: resource file not found (in the package or {overlay_dir()})")
    return merge_tsv(paths)


def load_tsv_glob(patterns: Iterable[str] = GAZETTEER_PATTERNS) -> list[Row]:
    """Every layer's TSV files matching the patterns (the gazetteer by default), merged by key."""
    return merge_tsv(path for _, path in glob_paths(tuple(patterns)))


def split_list(value: str | None) -> list[str]:
    """A ` | `-separated alias cell as a list."""
    if not value:
        return []
    return [v.strip() for v in value.split("|") if v.strip()]
