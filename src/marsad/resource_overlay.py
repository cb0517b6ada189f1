"""Writing to the user's overlay: what a tool (the review web app) calls when an analyst accepts an alias,
an actor, a place or an outlet.

Everything is written under `<MARSAD_HOME>/resources/`, in files that the loader layers over the package's
(`marsad.resource_files`): `add_overlay_entry("actors.yaml", {"id": "SY-ARMY", "aliases_ar": [...]})` adds
one alias without copying the package's file. Each call rewrites its file atomically (YAML comments in a
file written this way are not kept) and drops the caches, so the next pipeline built sees the change.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from marsad.resource_files import (
    PACKAGE_ROOT,
    Remove,
    Replace,
    ResourceError,
    clear_caches,
    is_id_list,
    load_yaml,
    merge,
    overlay_dir,
    read_tsv_file,
    read_yaml_file,
)


class _Dumper(yaml.SafeDumper):
    """Safe YAML that writes the overlay tags back."""


_Dumper.add_representer(Replace, lambda d, v: _tagged(d, "!replace", v.value))
_Dumper.add_representer(Remove, lambda d, v: _tagged(d, "!remove", v.value))


def _tagged(dumper: yaml.SafeDumper, tag: str, value: Any) -> Any:
    if isinstance(value, dict):
        return dumper.represent_mapping(tag, value)
    if isinstance(value, list):
        return dumper.represent_sequence(tag, value)
    return dumper.represent_scalar(tag, "" if value is None else str(value))


@dataclass(frozen=True)
class OverlayEntry:
    """One entry or row of the user's overlay."""

    file: str  # relative to the overlay folder: "actors.yaml", "packs/syr/gazetteer.tsv"
    section: str | None  # the YAML list it sits in ("actors"); None for a TSV row
    id: str
    action: str  # "add" (adds or merges into the package's entry), "replace" or "remove"
    data: dict[str, Any]


def _target(name: str) -> Path:
    path = (overlay_dir() / name).resolve()
    if overlay_dir().resolve() not in path.parents:
        raise ValueError(f"{name}: not a file inside the overlay folder")
    return path


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    clear_caches()


def _section(name: str, section: str | None) -> str:
    """The top-level list of entries with ids that `name` holds (the only one, unless named)."""
    if section:
        return section
    data = load_yaml(name)
    lists = [k for k, v in (data or {}).items() if isinstance(v, list) and is_id_list(v)]
    if len(lists) != 1:
        raise ValueError(f"{name}: say which list the entry goes in (section=...): {lists or 'none found'}")
    return lists[0]


def _read_overlay_yaml(path: Path) -> dict[str, Any]:
    data = read_yaml_file(path) if path.exists() else None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: expected a mapping at the top")
    return data


def _entry_id(item: Any) -> Any:
    value = item.value if isinstance(item, Replace) else item
    return value.get("id") if isinstance(value, dict) else None


def _section_items(path: Path, data: dict[str, Any], key: str) -> tuple[list[Any], type[Replace] | None]:
    """The list under `key` (unwrapped when the whole list is a `!replace`/`!remove`) and its wrapper."""
    raw = data.get(key)
    wrap = type(raw) if isinstance(raw, Replace) else None
    items = raw.value if wrap else raw
    if items is None:
        return [], wrap
    if not isinstance(items, list):
        raise ResourceError(f"{path}: '{key}' is not a list")
    return items, wrap


def _save_yaml(path: Path, data: dict[str, Any], key: str, items: list[Any], wrap: type[Replace] | None) -> None:
    data[key] = wrap(items) if wrap else items
    _write(path, yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False))


def add_overlay_entry(name: str, entry: Mapping[str, Any], section: str | None = None) -> Path:
    """Add an entry (or merge fields into the entry with the same id) in the overlay's copy of `name`.

    Lists in `entry` add to the lower layers' lists; scalar fields override. Returns the file written.
    """
    if "id" not in entry:
        raise ValueError("an overlay entry needs an 'id'")
    key = _section(name, section)
    path = _target(name)
    data = _read_overlay_yaml(path)
    items, wrap = _section_items(path, data, key)
    new = dict(entry)
    for n, item in enumerate(items):
        if _entry_id(item) == new["id"]:
            if isinstance(item, Remove):
                items[n] = new
            elif isinstance(item, Replace):
                items[n] = Replace(merge(item.value, new))
            else:
                items[n] = merge(item, new)
            break
    else:
        items.append(new)
    _save_yaml(path, data, key, items, wrap)
    return path


def remove_overlay_entry(name: str, entry_id: str, section: str | None = None, *, hide: bool = False) -> bool:
    """Take the entry with that id out of the overlay's copy of `name`.

    With `hide`, also hide the lower layers' entry of that id (a `!remove {id: ...}` marker), so the merged
    resource no longer has it. Returns whether the overlay changed.
    """
    key = _section(name, section)
    path = _target(name)
    data = _read_overlay_yaml(path)
    items, wrap = _section_items(path, data, key)
    kept = [i for i in items if _entry_id(i) != entry_id]
    if hide:
        kept.append(Remove({"id": entry_id}))
    elif len(kept) == len(items):
        return False
    _save_yaml(path, data, key, kept, wrap)
    return True


def _package_header(name: str) -> list[str]:
    own = PACKAGE_ROOT / name
    if own.exists():
        return read_tsv_file(own)[0]
    if Path(name).name.startswith("gazetteer"):
        sample = next(iter(sorted(PACKAGE_ROOT.glob("packs/*/gazetteer.tsv"))), None) or \
            next(iter(sorted(PACKAGE_ROOT.glob("gazetteer/*.tsv"))), None)
        if sample:
            return read_tsv_file(sample)[0]
    return []


def _write_tsv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    lines = ["\t".join(header)]
    for row in rows:
        cells = [str(row.get(col) or "") for col in header]
        if any("\t" in c or "\n" in c for c in cells):
            raise ValueError(f"{path.name}: a field holds a tab or a line break: {row}")
        lines.append("\t".join(cells))
    _write(path, "\n".join(lines) + "\n")


def add_overlay_row(name: str, row: Mapping[str, Any]) -> Path:
    """Add a TSV row (a place: `add_overlay_row("gazetteer.tsv", {...})`) or override the row with its key.

    A new file gets the package's columns for that name (the gazetteer's for `gazetteer*.tsv`).
    """
    path = _target(name)
    header, rows = read_tsv_file(path) if path.exists() else (_package_header(name), [])
    header = header + [k for k in row if k not in header]
    key = "id" if "id" in header else header[0]
    if not str(row.get(key) or ""):
        raise ValueError(f"{name}: the row needs its key column '{key}'")
    merged = [dict(r) for r in rows if r.get(key) not in (row[key], f"-{row[key]}")]
    merged.append({k: str(v) for k, v in row.items()})
    _write_tsv(path, header, merged)
    return path


def remove_overlay_row(name: str, key_value: str, *, hide: bool = False) -> bool:
    """Take a row out of the overlay's TSV; with `hide`, also hide the lower layers' row (`-KEY`)."""
    path = _target(name)
    if not path.exists() and not hide:
        return False
    header, rows = read_tsv_file(path) if path.exists() else (_package_header(name), [])
    key = "id" if "id" in header else header[0]
    kept = [dict(r) for r in rows if r.get(key) != key_value]
    if hide:
        kept.append({key: f"-{key_value}"})
    if len(kept) == len(rows) and not hide:
        return False
    _write_tsv(path, header, kept)
    return True


def _is_list(value: Any) -> bool:
    return isinstance(value.value if isinstance(value, Replace) else value, list)


def list_overlay_entries(name: str | None = None) -> list[OverlayEntry]:
    """Every entry and row of the user's overlay folder (or of one file of it)."""
    root = overlay_dir()
    if not root.is_dir():
        return []
    files = [root / name] if name else sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml", ".tsv"))
    out = []
    for path in files:
        if not path.is_file():
            continue
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".tsv":
            header, rows = read_tsv_file(path)
            key = "id" if "id" in header else header[0]
            for r in rows:
                k = r.get(key, "")
                out.append(OverlayEntry(rel, None, k.lstrip("-"), "remove" if k.startswith("-") else "add", dict(r)))
            continue
        data = _read_overlay_yaml(path)
        for section in data:
            for item in _section_items(path, data, section)[0] if _is_list(data[section]) else []:
                value = item.value if isinstance(item, Replace) else item
                if isinstance(value, dict) and "id" in value:
                    action = "remove" if isinstance(item, Remove) else "replace" if isinstance(item, Replace) else "add"
                    out.append(OverlayEntry(rel, section, str(value["id"]), action, dict(value)))
    return out
