"""Reading articles: `.txt` files, JSONL input records (optionally gzipped), stdin.

Readers yield documents and, in input order, an `InputProblem` for every expected
mistake (naming the file, line and field); reading carries on with the rest, and
the caller reports the problems and decides the exit code. Every field of a record
is checked by type before any extraction, every file is read within a byte limit
fixed before decoding, and nothing is decoded with replacement characters.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from marsad.io.decoding import (
    BYTES_PER_CHAR,
    READ_CHUNK,
    UTF8_BOM,
    UTF16_BOMS,
    check_encoding,
    damage_reason,
    decode_bytes,
    decode_text,
    open_binary,
    read_limited,
)
from marsad.model import Document
from marsad.stages.dates import parse_published
from marsad.text import arabic_share

__all__ = ["DEFAULT_MAX_CHARS", "InputProblem", "decode_bytes", "read_inputs", "read_jsonl", "read_txt"]

DEFAULT_MAX_CHARS = 500_000
JSON_BYTES_PER_CHAR = 6  # "\u0627": an escaped character in a JSON string
LINE_OVERHEAD_BYTES = 1_000_000  # title, url and the other fields of a record
OPTIONAL_TEXT_FIELDS = ("title", "url", "outlet")
NO_ARABIC = "no Arabic text found; no events can be extracted"


@dataclass
class InputProblem:
    where: str  # "file:line" or "file"
    message: str
    id: str | None = None  # the record's id, when it had one: its output line still gets written
    warning: bool = False  # the record was still processed

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _check_text(text: str, max_chars: int) -> str | None:
    """Why a text cannot be processed, or None."""
    if not text.strip():
        return "empty text"
    if len(text) > max_chars:
        return f"text of {len(text):,} characters is over the limit of {max_chars:,} (raise it with --max-chars)"
    return None


def _published(published: str | None, outlet: str | None = None) -> Any:
    return parse_published(published, outlet) if published else None


def read_txt(path: Path, published: str | None, max_chars: int,
             encoding: str | None = None) -> Iterator[Document | InputProblem]:
    """One article from a text file (or a `.gz` of one), read within the size limit before decoding."""
    where = str(path)
    try:
        data = read_limited(path, max_chars * BYTES_PER_CHAR)
    except OSError as exc:
        yield InputProblem(where, f"cannot read: {exc.strerror or exc}", path.name)
        return
    except ValueError as exc:  # too large, or damaged gzip data
        yield InputProblem(where, str(exc), path.name)
        return
    if not data:
        yield InputProblem(where, "empty file", path.name)
        return
    try:
        decoded = decode_text(data, encoding)
    except ValueError as exc:
        yield InputProblem(where, str(exc), path.name)
        return
    if decoded.guessed:
        yield InputProblem(where, f"no byte-order mark and not UTF-8: decoded as {decoded.encoding} (a guess; give "
                                  "--encoding if it is wrong)", warning=True)
    why = _check_text(decoded.text, max_chars)
    if why:
        yield InputProblem(where, why, path.name)
        return
    try:
        pub = _published(published)
    except ValueError as exc:
        yield InputProblem("--published", str(exc))
        return
    doc = Document(id=path.name, text=decoded.text, published=pub, where=where)
    if arabic_share(decoded.text) < 0.2:
        doc.warnings.append("no Arabic text found")
        yield InputProblem(where, NO_ARABIC, warning=True)
    yield doc


# --- JSONL ----------------------------------------------------------------------------------------------

def _surrogate_at(value: str) -> int | None:
    """Where a lone surrogate sits in a string (JSON's "\\ud800" makes one), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def _field_problem(name: str, value: Any, required: bool = False) -> str | None:
    """Why a record's string field is unusable, or None (None and "" are absent when not required)."""
    if value is None or value == "":
        return f"field '{name}' is missing" if required else None
    if not isinstance(value, str):
        return f"field '{name}' must be a string, not {_type_name(value)}"
    at = _surrogate_at(value)
    if at is not None:
        return f"field '{name}' contains a lone surrogate (U+{ord(value[at]):04X}) at character {at}: not valid text"
    return None


def _record_id(rec: dict) -> tuple[str | None, str | None]:
    """(id, problem): an id is a string or a whole number, never a list or an object turned into text."""
    rid = rec.get("id")
    if isinstance(rid, int) and not isinstance(rid, bool):
        return str(rid), None
    why = _field_problem("id", rid, required=True)
    if why:
        if isinstance(rid, (float, bool, list, dict)):
            why = f"field 'id' must be a string or a whole number, not {_type_name(rid)}"
        return None, why
    return rid, None


def _record_published(rec: dict, published: str | None) -> tuple[Any, str | None]:
    """(publication date, warning); ValueError when the field is of the wrong type (0, 20180305)."""
    value = rec.get("published")
    if value is not None and not isinstance(value, str):
        raise ValueError(f"field 'published' must be a date string such as \"2021-03-04\", not {_type_name(value)}"
                         f" ({json.dumps(value)[:40]})")
    why = _field_problem("published", value)
    if why:
        raise ValueError(why)
    pub_value = value or published
    try:
        return _published(pub_value, rec.get("outlet") if isinstance(rec.get("outlet"), str) else None), None
    except ValueError as exc:
        return None, f"field 'published': {exc}; relative dates left empty"


def record_document(rec: Any, where: str, published: str | None, max_chars: int) -> Iterator[Document | InputProblem]:
    """The document of one parsed input record, or the problem with it (fields checked by type first)."""
    if not isinstance(rec, dict):
        yield InputProblem(where, "a record must be a JSON object")
        return
    rid, why = _record_id(rec)
    if rid is None:
        yield InputProblem(where, why or "field 'id' is missing")
        return
    text = rec.get("text")
    if not isinstance(text, str):
        yield InputProblem(where, "field 'text' is missing or not a string", rid)
        return
    why = _field_problem("text", text) or _check_text(text, max_chars)
    for name in OPTIONAL_TEXT_FIELDS:
        why = why or _field_problem(name, rec.get(name))
    if why:
        yield InputProblem(where, why if why.startswith("field") else f"field 'text': {why}", rid)
        return
    try:
        pub, warning = _record_published(rec, published)
    except ValueError as exc:
        yield InputProblem(where, str(exc), rid)
        return
    if warning:
        yield InputProblem(where, warning, rid, warning=True)
    doc = Document(id=rid, text=text, published=pub, title=rec.get("title") or None, url=rec.get("url") or None,
                   outlet=rec.get("outlet") or None, where=where)
    if arabic_share(text) < 0.2:
        doc.warnings.append("no Arabic text found")
        yield InputProblem(where, NO_ARABIC, rid, warning=True)
    yield doc


def _json_problem(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        sep = " " if exc.msg.endswith(" at") else " at "  # "Unterminated string starting at" + " column 5"
        return f"not JSON ({exc.msg}{sep}column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "not usable JSON (nested too deeply)"
    return f"not usable JSON ({exc})"


def max_line_bytes(max_chars: int) -> int:
    """The longest JSONL line a record within `max_chars` can need."""
    return max_chars * JSON_BYTES_PER_CHAR + LINE_OVERHEAD_BYTES


def _byte_lines(fh: BinaryIO, limit: int, encoding: str) -> Iterator[tuple[str | None, str | None]]:
    """(line, problem) per line of an ASCII-compatible stream, each line decoded strictly on its own."""
    first = True
    while True:
        raw = fh.readline(limit + 1)
        if not raw:
            return
        if len(raw) > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the line without keeping it
                raw = fh.readline(READ_CHUNK)
            yield None, f"line longer than {limit:,} bytes (raise the limit with --max-chars)"
            continue
        if first and raw.startswith(UTF8_BOM) and encoding in ("utf-8", "utf-8-sig"):
            raw = raw[3:]
        first = False
        try:
            yield raw.decode(encoding), None
        except UnicodeDecodeError as exc:
            yield None, (f"not {encoding} text (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line); "
                         "convert the file to UTF-8 or give its --encoding (e.g. --encoding cp1256)")


def _text_lines(fh: BinaryIO, limit: int, encoding: str) -> Iterator[tuple[str | None, str | None]]:
    """(line, problem) per line of a UTF-16 or UTF-32 stream; a decoding error ends the stream."""
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict")  # type: ignore[arg-type]
    while True:
        try:
            line = text.readline(limit + 1)
        except UnicodeDecodeError:
            yield None, f"not valid {encoding} text from here on; the rest of the file is skipped"
            return
        if not line:
            return
        if len(line) > limit and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = text.readline(READ_CHUNK)
            yield None, f"line longer than {limit:,} characters (raise the limit with --max-chars)"
            continue
        yield line, None


def _lines(fh: BinaryIO, limit: int, encoding: str | None) -> Iterator[tuple[str | None, str | None]]:
    """The lines of a JSONL stream: UTF-8 (with or without BOM) or UTF-16 with a BOM, or `encoding`."""
    if not hasattr(fh, "peek"):
        fh = io.BufferedReader(fh)  # type: ignore[arg-type]
    if encoding is None:
        head = fh.peek(4)[:4]  # type: ignore[attr-defined]
        encoding = "utf-16" if head.startswith(UTF16_BOMS) else "utf-8"
    name = check_encoding(encoding)
    wide = name.startswith(("utf-16", "utf-32")) or "\n".encode(name) != b"\n"
    yield from (_text_lines if wide else _byte_lines)(fh, limit, name)


def _open_jsonl(path: Path | None) -> BinaryIO:
    if path is None:
        stdin = sys.stdin
        if stdin is None or getattr(stdin, "buffer", None) is None:
            raise OSError("standard input is closed")
        return stdin.buffer
    return open_binary(path)


def read_jsonl(path: Path | None, published: str | None, max_chars: int, encoding: str | None = None,
               seen: dict[str, str] | None = None) -> Iterator[Document | InputProblem]:
    """Stream input records; bad lines are reported and skipped, the rest go on.

    `seen` maps ids already read to where (shared across files by `read_inputs`): a repeated id is a
    warning, since the output would hold two lines with one id.
    """
    name = "<stdin>" if path is None else str(path)
    seen = {} if seen is None else seen
    try:
        fh = _open_jsonl(path)
    except OSError as exc:
        yield InputProblem(name, f"cannot read: {exc.strerror or exc}")
        return
    n = 0
    try:
        for n, (line, problem) in enumerate(_lines(fh, max_line_bytes(max_chars), encoding), 1):
            where = f"{name}:{n}"
            if problem is not None:
                yield InputProblem(where, problem)
                continue
            if not line or not line.strip():
                continue
            try:
                rec = json.loads(line.rstrip("\r\n"))
            except (ValueError, RecursionError) as exc:
                yield InputProblem(where, _json_problem(exc))
                continue
            for item in record_document(rec, where, published, max_chars):
                if isinstance(item, Document):
                    if item.id in seen:
                        yield InputProblem(where, f"id {item.id!r} repeats the record at {seen[item.id]}", item.id,
                                           warning=True)
                    else:
                        seen[item.id] = where
                yield item
    except (EOFError, OSError, zlib.error) as exc:
        damaged = isinstance(exc, (EOFError, gzip.BadGzipFile, zlib.error))
        reason = damage_reason(exc) if damaged else getattr(exc, "strerror", None) or exc
        yield InputProblem(f"{name}:{n + 1}", f"cannot read on: {reason}; the records before it were read")
    finally:
        if path is not None:
            fh.close()


def read_inputs(inputs: list[str], published: str | None, max_chars: int,
                encoding: str | None = None) -> Iterator[Document | InputProblem]:
    seen: dict[str, str] = {}
    if encoding:
        try:
            check_encoding(encoding)
        except ValueError as exc:
            yield InputProblem("--encoding", str(exc))
            return
    for item in inputs:
        if item == "-":
            yield from read_jsonl(None, published, max_chars, encoding, seen)
            continue
        path = Path(item)
        if not path.exists():
            yield InputProblem(item, "no such file")
            continue
        if path.is_dir():
            yield InputProblem(item, "is a folder; give the .txt or .jsonl files in it")
            continue
        if path.name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
            yield from read_jsonl(path, published, max_chars, encoding, seen)
        else:
            yield from read_txt(path, published, max_chars, encoding)
