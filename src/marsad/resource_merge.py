"""How resource layers merge: the overlay tags, YAML merging by id, TSV merging by key, reading files.

The rules are described in `marsad.resource_files` (the loader) and `resources/README.md`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml


class ResourceError(Exception):
    """A resource file is missing or malformed (names the file and the problem)."""


# --- YAML with the overlay tags ---------------------------------------------------------------------


class Replace:
    """`!replace VALUE`: the value replaces the lower layers' one."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


class Remove(Replace):
    """`!remove VALUE`: the items (or the key, or the id entry) disappear from the lower layers."""

    __slots__ = ()


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe YAML plus the two overlay tags (on a subclass: other YAML users are not affected)."""


def _tag(cls: type[Replace]) -> Callable[[Any, Any], Replace]:
    def construct(loader: Any, node: Any) -> Replace:
        if isinstance(node, yaml.MappingNode):
            return cls(loader.construct_mapping(node, deep=True))
        if isinstance(node, yaml.SequenceNode):
            return cls(loader.construct_sequence(node, deep=True))
        return cls(loader.construct_scalar(node) or None)
    return construct


_Loader.add_constructor("!replace", _tag(Replace))
_Loader.add_constructor("!remove", _tag(Remove))


def read_yaml_file(path: Path) -> Any:
    """One YAML file as written (overlay tags kept); a syntax error names the file and line."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        raise ResourceError(f"{path}{line}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ResourceError(f"{path}: not valid YAML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc.strerror})") from None


# --- merging -----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A value without overlay tags (a `!remove` inside a new value has nothing to remove)."""
    if isinstance(value, Remove):
        return None
    if isinstance(value, Replace):
        return _plain(value.value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not isinstance(v, Remove)}
    if isinstance(value, list):
        return [_plain(v) for v in value if not isinstance(v, Remove)]
    return value


def is_id_list(items: list[Any]) -> bool:
    entries = [i.value if isinstance(i, Replace) else i for i in items]
    return bool(entries) and all(isinstance(e, dict) and "id" in e for e in entries)


def _key(item: Any) -> Any:
    try:
        hash(item)
        return item
    except TypeError:
        return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _merge_ids(base: list[Any], over: list[Any], where: str) -> list[Any]:
    pos = {e["id"]: n for n, e in enumerate(base)}
    out: list[Any] = list(base)
    for item in over:
        entry = item.value if isinstance(item, Replace) else item
        if not isinstance(entry, dict) or "id" not in entry:
            raise ResourceError(f"{where}: an entry without 'id' in a list of entries with ids: {entry!r}")
        eid = entry["id"]
        if isinstance(item, Remove):
            if eid in pos:
                out[pos.pop(eid)] = None
        elif eid in pos:
            out[pos[eid]] = _plain(entry) if isinstance(item, Replace) else merge(out[pos[eid]], entry,
                                                                                   f"{where}[id={eid}]")
        else:
            pos[eid] = len(out)
            out.append(_plain(entry))
    return [e for e in out if e is not None]


def merge(base: Any, over: Any, where: str = "") -> Any:
    """`over` (a higher layer) merged into `base` (the lower ones); `base` may be changed in place."""
    if isinstance(over, Remove):
        if isinstance(base, list) and isinstance(over.value, list):
            if is_id_list(base):
                drop = {i["id"] if isinstance(i, dict) else i for i in over.value}
                return [e for e in base if e["id"] not in drop]
            drop = {_key(i) for i in over.value}
            return [e for e in base if _key(e) not in drop]
        raise ResourceError(f"{where}: !remove needs a list of items to remove from a list")
    if isinstance(over, Replace):
        return _plain(over.value)
    if base is None:
        return _plain(over)
    if isinstance(base, dict) and isinstance(over, dict):
        for k, v in over.items():
            if isinstance(v, Remove) and not v.value:
                base.pop(k, None)
            else:
                base[k] = merge(base.get(k), v, f"{where}.{k}" if where else str(k))
        return base
    if isinstance(base, list) and isinstance(over, list):
        if is_id_list(base) and over:
            return _merge_ids(base, over, where)
        seen = {_key(i) for i in base}
        for item in _plain(over):
            if _key(item) not in seen:
                seen.add(_key(item))
                base.append(item)
        return base
    if isinstance(base, (dict, list)) or isinstance(over, (dict, list)):
        kinds = {dict: "a mapping", list: "a list"}
        raise ResourceError(f"{where}: {kinds.get(type(over), 'a single value')} cannot merge into "
                            f"{kinds.get(type(base), 'a single value')}")
    return over


def merge_files(paths: Iterable[Path]) -> Any:
    """The YAML files merged, lowest first."""
    data: Any = None
    for path in paths:
        over = read_yaml_file(path)
        try:
            data = merge(data, over)
        except ResourceError as exc:
            raise ResourceError(f"{path}: {exc}") from None
    return data


class Row(dict):  # type: ignore[type-arg]
    """A TSV row (column -> text) that knows where it was read: `row.where` is "file:line"."""

    __slots__ = ("where",)


def read_tsv_file(path: Path) -> tuple[list[str], list[Row]]:
    """One TSV file: its header and rows; a row with too many fields names the file and line."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            lines = fh.read().split("\n")
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ResourceError(f"{path}: cannot read ({exc.strerror})") from None
    n = 0
    while n < len(lines) and lines[n].startswith("#"):
        n += 1
    if n == len(lines) or not lines[n].strip():
        raise ResourceError(f"{path}:{n + 1}: the header line is missing")
    header = [h.strip() for h in lines[n].rstrip("\r").split("\t")]
    rows = []
    for lineno, raw in enumerate(lines[n + 1:], n + 2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        cells = line.split("\t")  # csv with QUOTE_NONE and no escape character splits exactly so
        if len(cells) > len(header):
            raise ResourceError(f"{path}:{lineno}: {len(cells)} fields, the header has {len(header)} "
                                f"(field '{cells[len(header)]}' has no column)")
        row = Row(zip(header, cells + [""] * (len(header) - len(cells))))
        row.where = f"{path}:{lineno}"
        rows.append(row)
    return header, rows


def merge_tsv(files: Iterable[Path]) -> list[Row]:
    """TSV files merged row by row on their key column, lowest first."""
    merged: dict[str, Row] = {}
    for path in files:
        header, rows = read_tsv_file(path)
        key = "id" if "id" in header else header[0]
        for row in rows:
            k = row.get(key, "")
            if k.startswith("-") and k[1:] in merged:
                del merged[k[1:]]
            elif k in merged:
                old = merged[k]
                new = Row(old)
                new.update(row)
                new.where = row.where
                merged[k] = new
            else:
                merged[k] = row
    return list(merged.values())
