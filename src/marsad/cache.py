"""A pre-built pipeline on disk, so that a new process (every worker of a parallel run) starts quickly.

Building the standard pipeline reads every resource file and normalises thousands of lexicon phrases and
gazetteer names; loading the same objects from one pickle is several times faster. The file lives in the
user's cache folder (`<MARSAD_HOME>/cache` when MARSAD_HOME is set, else the platform's cache folder:
`$XDG_CACHE_HOME/marsad`, `~/Library/Caches/marsad`, `%LOCALAPPDATA%\\marsad\\cache`), named by a hash of
everything the pipeline is built from: Marsad's code, every resource file of every layer (package, country
packs, user overlays), the user's gazetteer index, the options, the Python version. Any change gives a new
name, so a stale pipeline is never loaded. The cache is never required: a missing, unreadable or corrupt
file just means the pipeline is built (and written again, to a temporary name then renamed, so two
processes building at once never leave a half-written file). MARSAD_CACHE=off turns it off.

The pickle is the user's own file in the user's own folder; it is trusted as Marsad's code is.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import marsad
from marsad.paths import marsad_home

if TYPE_CHECKING:
    from marsad.pipeline import Pipeline

T = TypeVar("T")

CACHE_FORMAT = 1  # bump when what is stored changes shape
_KEEP = 4  # pipeline files kept in the folder (other options, other gazetteers), newest first
_PACKAGE = Path(marsad.__file__).resolve().parent


def enabled() -> bool:
    return os.environ.get("MARSAD_CACHE", "").strip().lower() not in ("off", "0", "no", "false")


def cache_dir() -> Path:
    """Where pre-built objects are kept (see the module's docstring)."""
    if os.environ.get("MARSAD_HOME"):
        return marsad_home() / "cache"
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "marsad" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "marsad"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "marsad"


_SKIP_DIRS = {"__pycache__", "static", "node_modules"}  # compiled code, the web app's built files


def _stat_lines(root: Path, out: list[str]) -> None:
    """A line (path, size, modification time) for every file under `root`, one directory read each
    (the entries carry their own stat on Linux), in name order."""
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        out.append(f"{root}\tno folder")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if entry.name not in _SKIP_DIRS:
                _stat_lines(Path(entry.path), out)
            continue
        try:
            st = entry.stat()
            out.append(f"{entry.path}\t{st.st_size}\t{st.st_mtime_ns}")
        except OSError:
            out.append(f"{entry.path}\tmissing")


def input_files(gazetteer: str | Path | None = None) -> list[str]:
    """One line per file the standard pipeline may be built from: Marsad's code and package data (every
    layer of resources with its country packs among them), the user's overlay folders, the gazetteer index."""
    from marsad.geo.index import default_index_path
    from marsad.resource_files import user_folders

    lines: list[str] = []
    _stat_lines(_PACKAGE, lines)
    for folder in user_folders():
        lines.append(f"user folder {folder}")
        _stat_lines(folder, lines)
    index = (Path(gazetteer) if gazetteer else default_index_path()).resolve()
    try:
        st = os.stat(index)
        lines.append(f"gazetteer index\t{index}\t{st.st_size}\t{st.st_mtime_ns}")
    except OSError:
        lines.append(f"gazetteer index\t{index}\tmissing")
    return lines


def pipeline_key(min_confidence: float | None = None, gazetteer: str | Path | None = None) -> str:
    """The hash that names the cached pipeline for these options and the files as they are now."""
    h = hashlib.sha256()
    h.update(repr((CACHE_FORMAT, marsad.__version__, sys.version, sys.implementation.cache_tag,
                   min_confidence)).encode())
    for line in input_files(gazetteer):
        h.update(line.encode("utf-8", "surrogateescape") + b"\n")
    return h.hexdigest()[:32]


def load_or_build(path: Path, build: Callable[[], T]) -> T:
    """The object pickled at `path`, else `build()` (then written there for the next process)."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, corrupt, truncated, or pickled by code that changed since: build it again
        pass
    obj = build()
    store(path, obj)
    return obj


def store(path: Path, obj: object) -> bool:
    """Write `obj` to `path` atomically (temporary file, then rename); False when it cannot be written."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        tmp = None
        _prune(path.parent, path.name.split("-", 1)[0])
        return True
    except Exception:  # unpicklable, read-only folder, disk full: the cache is only ever a shortcut
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, prefix: str) -> None:
    """Drop all but the newest few files of this kind (older keys are never asked for again)."""
    files = sorted(folder.glob(f"{prefix}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[_KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass


def cached_pipeline(min_confidence: float | None = None, gazetteer: str | None = None) -> Pipeline:
    """The standard pipeline for these options, from the cache when it is there and current."""
    from marsad.pipeline import Pipeline

    def build() -> Pipeline:
        return Pipeline.default(min_confidence=min_confidence, gazetteer=gazetteer)

    if not enabled():
        return build()
    try:
        path = cache_dir() / f"pipeline-{pipeline_key(min_confidence, gazetteer)}.pickle"
    except OSError:
        return build()
    pipeline = load_or_build(path, build)
    return pipeline if isinstance(pipeline, Pipeline) else build()
