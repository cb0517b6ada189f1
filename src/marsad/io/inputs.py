"""Reading articles: `.txt` files, JSONL input records (optionally gzipped), stdin.

Readers yield documents and, in input order, an `InputProblem` for every expected
mistake (naming the file, line and field); reading carries on with the rest, and
the caller reports the problems and decides the exit code.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.model import Document
from marsad.stages.dates import parse_published
from marsad.text import arabic_share

DEFAULT_MAX_CHARS = 500_000


@dataclass
class InputProblem:
    where: str  # "file:line" or "file"
    message: str
    id: str | None = None  # the record's id, when it had one: its output line still gets written
    warning: bool = False  # the record was still processed

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def decode_bytes(data: bytes) -> str:
    """Text of a file in UTF-8, UTF-16 or Windows-1256; ValueError with a clear reason otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        # UTF-16 without a byte-order mark puts the NULs of ASCII characters on one side only
        even, odd = data[0::2].count(0), data[1::2].count(0)
        codec = "utf-16-le" if odd > even * 4 else "utf-16-be" if even > odd * 4 else None
        if codec is None or len(data) % 2:
            raise ValueError("binary file (not text)")
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            raise ValueError("binary file (not text)") from None
        if not _looks_like_text(text):
            raise ValueError("binary file (not text)")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if arabic_share(text) >= 0.5 and text.count("\ufffd") <= len(text) // 100:
        return text
    raise ValueError("not UTF-8, UTF-16 or Windows-1256 text; convert it to UTF-8")


def _looks_like_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return printable / len(sample) > 0.97 and (arabic_share(sample) > 0.3 or sample.isascii())


def _check_text(text: str, max_chars: int) -> str | None:
    """Why a text cannot be processed, or None."""
    if not text.strip():
        return "empty text"
    if len(text) > max_chars:
        return f"text of {len(text):,} characters is over the limit of {max_chars:,} (raise it with --max-chars)"
    return None


def read_txt(path: Path, published: str | None, max_chars: int) -> Iterator[Document | InputProblem]:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield InputProblem(where, f"cannot read: {exc.strerror or exc}", path.name)
        return
    if not data:
        yield InputProblem(where, "empty file", path.name)
        return
    try:
        text = decode_bytes(data)
    except ValueError as exc:
        yield InputProblem(where, str(exc), path.name)
        return
    why = _check_text(text, max_chars)
    if why:
        yield InputProblem(where, why, path.name)
        return
    try:
        pub = parse_published(published) if published else None
    except ValueError as exc:
        yield InputProblem("--published", str(exc))
        return
    doc = Document(id=path.name, text=text, published=pub)
    if arabic_share(text) < 0.2:
        doc.warnings.append("no Arabic text found")
        yield InputProblem(where, "no Arabic text found; no events can be extracted", warning=True)
    yield doc


def _open_lines(path: Path | None) -> io.TextIOBase:
    if path is None:
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", errors="replace")
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", errors="replace")
    return open(path, encoding="utf-8", errors="replace")


def read_jsonl(path: Path | None, published: str | None, max_chars: int) -> Iterator[Document | InputProblem]:
    """Stream input records; bad lines are reported and skipped, the rest go on."""
    name = "<stdin>" if path is None else str(path)
    try:
        fh = _open_lines(path)
    except OSError as exc:
        yield InputProblem(name, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{name}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputProblem(where, f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(rec, dict):
                yield InputProblem(where, "a record must be a JSON object")
                continue
            rid = rec.get("id")
            rid = str(rid) if rid is not None and rid != "" else None
            text = rec.get("text")
            if rid is None:
                yield InputProblem(where, "field 'id' is missing")
                continue
            if not isinstance(text, str):
                yield InputProblem(where, "field 'text' is missing or not a string", rid)
                continue
            why = _check_text(text, max_chars)
            if why:
                yield InputProblem(where, f"field 'text': {why}", rid)
                continue
            pub_value = rec.get("published") or published
            try:
                pub = parse_published(pub_value) if pub_value else None
            except ValueError as exc:
                yield InputProblem(where, f"field 'published': {exc}; relative dates left empty", warning=True)
                pub = None
            yield Document(id=rid, text=text, published=pub, title=rec.get("title"), url=rec.get("url"),
                           outlet=rec.get("outlet"))


def read_inputs(inputs: list[str], published: str | None, max_chars: int) -> Iterator[Document | InputProblem]:
    for item in inputs:
        if item == "-":
            yield from read_jsonl(None, published, max_chars)
            continue
        path = Path(item)
        if not path.exists():
            yield InputProblem(item, "no such file")
            continue
        if path.is_dir():
            yield InputProblem(item, "is a folder; give the .txt or .jsonl files in it")
            continue
        if path.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            yield from read_jsonl(path, published, max_chars)
        else:
            yield from read_txt(path, published, max_chars)
