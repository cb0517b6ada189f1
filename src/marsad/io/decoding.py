"""Bytes to text, honestly: strict decoding, a guess only when it is sure and said, bounded reads.

Every reader goes through here so that no source type escapes the size limit: a file is read, or a
gzip stream decompressed, only up to a byte limit fixed before any decoding, and never silently
decoded with replacement characters.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from marsad.text import arabic_share

BYTES_PER_CHAR = 4  # the most UTF-8 needs for one character: a text of N characters is at most 4N bytes
PAGE_BYTES_PER_CHAR = 10  # an HTML page carries markup around its text
READ_CHUNK = 1 << 16

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_MIXED_WORD = re.compile(r"[A-Za-z][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z]")


class TooLarge(ValueError):
    """More bytes than the limit allows: refused before decoding."""


class DamagedData(ValueError):
    """A compressed stream that is truncated or not compressed at all."""


@dataclass
class Decoded:
    text: str
    encoding: str
    guessed: bool = False  # the encoding is a guess (no BOM, not valid UTF-8): say so to the user


def check_encoding(name: str) -> str:
    """The canonical codec name of an `--encoding` value; ValueError for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"--encoding: unknown encoding {name!r} (e.g. utf-8, cp1256, latin-1)") from None


def decode_text(data: bytes, encoding: str | None = None) -> Decoded:
    """Text of a file in UTF-8, UTF-16 or (said to be a guess) Windows-1256; ValueError otherwise.

    With `encoding` given the bytes are decoded with it, strictly.
    """
    if encoding:
        try:
            return Decoded(data.decode(check_encoding(encoding)), encoding)
        except UnicodeDecodeError as exc:
            raise ValueError(f"not valid {encoding} text (byte 0x{data[exc.start]:02x} at offset {exc.start})") \
                from None
    if data.startswith(UTF8_BOM):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"starts as UTF-8 but byte 0x{data[exc.start + 3]:02x} at offset {exc.start + 3} "
                             "is not UTF-8") from None
    if data.startswith(UTF16_BOMS):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            raise ValueError("starts as UTF-16 but is not valid UTF-16") from None
    if b"\x00" in data:
        return _utf16_without_bom(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1256", errors="replace")
    if _surely_cp1256(text):
        return Decoded(text, "cp1256", guessed=True)
    raise ValueError("not UTF-8, UTF-16 or Windows-1256 text; convert it to UTF-8 or give its --encoding")


def decode_bytes(data: bytes, encoding: str | None = None) -> str:
    """`decode_text` without the encoding note."""
    return decode_text(data, encoding).text


def _surely_cp1256(text: str) -> bool:
    """Windows-1256 Arabic, not Latin-1 or anything else read as it: mostly Arabic letters, nothing
    undecodable, and words that do not mix Latin and Arabic letters (what "Müller" read as 1256 gives)."""
    if arabic_share(text) < 0.5 or text.count("\ufffd") > len(text) // 100:
        return False
    words = text[:20000].split()
    mixed = sum(1 for w in words if _MIXED_WORD.search(w))
    return mixed <= len(words) // 50


def _utf16_without_bom(data: bytes) -> Decoded:
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
    return Decoded(text, codec, guessed=True)


def _looks_like_text(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t")
    return printable / len(sample) > 0.97 and (arabic_share(sample) > 0.3 or sample.isascii())


# --- bounded reading ------------------------------------------------------------------------------------

def is_gzip_name(path: Path | str) -> bool:
    return str(path).lower().endswith(".gz")


def open_binary(path: Path) -> BinaryIO:
    """A file, or the decompressed stream of a `.gz` file (read lazily: nothing is expanded here)."""
    if is_gzip_name(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_stream(fh: BinaryIO, limit: int, what: str = "file") -> bytes:
    """At most `limit` bytes of a stream, read in chunks; TooLarge as soon as there is more.

    Decompression happens chunk by chunk, so a small `.gz` that expands to gigabytes costs at most
    `limit` bytes of memory before it is refused.
    """
    parts: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = fh.read(min(READ_CHUNK, limit + 1 - size))
            if not chunk:
                return b"".join(parts)
            parts.append(chunk)
            size += len(chunk)
            if size > limit:
                raise TooLarge(f"{what} is over the limit of {limit:,} bytes (raise it with --max-chars)")
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise DamagedData(damage_reason(exc)) from None


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a file (decompressed when it is `.gz`), refused beyond `limit` bytes."""
    what = "decompressed file" if is_gzip_name(path) else "file"
    with open_binary(path) as fh:
        return read_stream(fh, limit, what)


def damage_reason(exc: BaseException) -> str:
    """One line for a broken gzip stream."""
    if isinstance(exc, EOFError):
        return "the gzip data is truncated (the file ends before the compressed stream does)"
    if isinstance(exc, gzip.BadGzipFile):
        return "not gzip data, though the name ends in .gz"
    return f"the gzip data is damaged ({exc})"
