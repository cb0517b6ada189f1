"""Turning what analysts point Marsad at into documents: files, folders, saved pages, JSONL, feeds, URLs.

HTML pages go through trafilatura for the main text, title and outlet; a page's date is trusted only from
its metadata (`article:published_time`, `datePublished`, `<time datetime>`), else read from an Arabic
date written in the page. Feeds (RSS or Atom, a file or a URL) give one document per entry; an entry that
carries only a summary has its page fetched, within a per-run limit, with bounded timeouts and retries.
Every problem becomes an `IngestProblem` with a one-line reason and the batch goes on.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlparse

from marsad.io.decoding import PAGE_BYTES_PER_CHAR, decode_bytes, read_limited
from marsad.io.fetch import Fetched, Fetcher
from marsad.io.inputs import InputProblem, read_jsonl, read_txt
from marsad.model import Document
from marsad.stages.dates import find_dates, parse_published
from marsad.text import analyse, arabic_share

MIN_ARTICLE_CHARS = 40  # less than this is a menu or a caption, not an article
MIN_ENTRY_CHARS = 400  # a feed entry shorter than this is a summary: fetch its page
FEED_SUFFIXES = (".rss", ".atom", ".xml")
PAGE_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass
class IngestProblem:
    where: str
    reason: str
    warning: bool = False  # the document was still read (e.g. an encoding guessed, no Arabic found)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


# --- HTML ---------------------------------------------------------------------------------------------

_META_DATE = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|"""
    r"""date|pubdate|publish-date|dc\.date|DC\.date\.issued)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)
_TIME_TAG = re.compile(r"""<time[^>]+datetime\s*=\s*["']([^"']+)["']""", re.I)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)


def decode_page(body: bytes, content_type: str = "", encoding: str | None = None) -> str:
    """Page text by `encoding`, else the charset its header or meta says (Windows-1256 pages included),
    else detected."""
    if encoding:
        return decode_bytes(body, encoding)
    m = re.search(r"charset=([\w-]+)", content_type or "", re.I) or _CHARSET.search(body[:4096])
    if m:
        charset = m.group(1).decode() if isinstance(m.group(1), bytes) else m.group(1)
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(body)


def page_date(html: str) -> date | None:
    """The publication date from page metadata or a <time> element only."""
    for m in _META_DATE.finditer(html):
        c = _CONTENT.search(m.group(0))
        if c:
            try:
                return parse_published(c.group(1).strip())
            except ValueError:
                continue
    for pattern in (_JSONLD_DATE, _TIME_TAG):
        m = pattern.search(html)
        if m:
            try:
                return parse_published(m.group(1).strip())
            except ValueError:
                continue
    return None


def arabic_date_in_text(text: str) -> date | None:
    """An absolute date written in the article ("18 شباط 2021"), for pages without date metadata."""
    doc = analyse(Document("date", text[:3000]))
    for d in find_dates(doc):
        if d.date is not None and not d.relative and d.precision == 1:
            return d.date
    return None


def document_from_html(html: str, where: str, url: str | None = None, fallback_title: str | None = None,
                       published: date | None = None, outlet: str | None = None) -> Document:
    import trafilatura

    meta = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                       favor_precision=True)
    text = (getattr(meta, "text", None) if meta is not None else None) or ""
    if len(text.strip()) < MIN_ARTICLE_CHARS:
        raise ValueError("no article text found in the page")
    title = (getattr(meta, "title", None) if meta is not None else None) or fallback_title
    site = (getattr(meta, "sitename", None) if meta is not None else None) or outlet
    if not site and url:
        site = urlparse(url).netloc
    when = page_date(html) or published or arabic_date_in_text(text)
    return Document(id=url or where, text=text, published=when, title=title, url=url, outlet=site)


# --- feeds ---------------------------------------------------------------------------------------------

def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_feed(body: bytes) -> list[dict]:
    """Entries of an RSS or Atom feed: link, title, date, text (summary or content)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise ValueError(f"not a valid feed (XML error: {exc})") from None
    entries = []
    for el in root.iter():
        if _local(el.tag) not in ("item", "entry"):
            continue
        e: dict = {}
        for child in el:
            name = _local(child.tag)
            if name == "link":
                e.setdefault("link", (child.get("href") or child.text or "").strip())
            elif name == "title":
                e["title"] = (child.text or "").strip()
            elif name in ("pubdate", "published", "updated", "date"):
                e.setdefault("date", (child.text or "").strip())
            elif name in ("description", "summary", "content", "encoded"):
                text = child.text or "".join(child.itertext())
                if len(text) > len(e.get("text", "")):
                    e["text"] = text
        entries.append(e)
    if not entries and _local(root.tag) not in ("rss", "feed", "rdf"):
        raise ValueError("not an RSS or Atom feed")
    return entries


def _entry_date(value: str | None, link: str | None = None) -> date | None:
    if not value:
        return None
    try:
        return parse_published(value, link)
    except ValueError:
        pass
    try:
        dt = parsedate_to_datetime(value)
        return parse_published(dt.isoformat(), link)
    except (TypeError, ValueError):
        return None


_SPACES = re.compile(r"[ \t\r\f\v]+")
_HIDDEN = ("script", "style", "noscript", "iframe", "object", "embed", "template", "svg", "math")


def strip_markup(fragment: str) -> str:
    """The readable text of an HTML fragment (a feed entry's summary or content): tags dropped, and the
    content of scripts, styles and other elements a reader never sees dropped with them."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter(*_HIDDEN, etree.Comment, etree.ProcessingInstruction)):
        el.drop_tree()
    for el in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        el.tail = "\n" + (el.tail or "")
    return _SPACES.sub(" ", root.text_content()).strip()


def documents_from_feed(body: bytes, where: str, fetcher: Fetcher) -> Iterator[Document | IngestProblem]:
    try:
        entries = parse_feed(body)
    except ValueError as exc:
        yield IngestProblem(where, str(exc))
        return
    for n, e in enumerate(entries, 1):
        link = e.get("link") or None
        label = link or f"{where} entry {n}"
        summary = strip_markup(e.get("text") or "")
        published = _entry_date(e.get("date"), link)
        if len(summary) >= MIN_ENTRY_CHARS and arabic_share(summary) > 0.3:
            yield Document(id=label, text=summary, published=published, title=e.get("title"), url=link,
                           outlet=urlparse(link).netloc if link else None)
            continue
        if not link or urlparse(link).scheme not in ("http", "https"):
            yield IngestProblem(label, "entry has only a summary and no page link to fetch")
            continue
        try:
            yield page_document(fetcher.get(link), fallback_title=e.get("title"), published=published)
        except (OSError, ValueError) as exc:
            yield IngestProblem(label, str(exc))


def page_document(fetched: Fetched, fallback_title: str | None = None, published: date | None = None) -> Document:
    ctype = fetched.content_type.lower()
    if ctype and "html" not in ctype and "xml" not in ctype and "text" not in ctype:
        raise ValueError(f"not an HTML page ({fetched.content_type.split(';')[0]})")
    html = decode_page(fetched.body, fetched.content_type)
    return document_from_html(html, fetched.url, url=fetched.url, fallback_title=fallback_title,
                              published=published)


# --- sources --------------------------------------------------------------------------------------------

def _looks_like_feed(body: bytes) -> bool:
    head = body[:1000].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in body[:3000].lower() or b"<feed" in body[:3000].lower()) \
        or head.startswith((b"<rss", b"<feed"))


def iter_source(source: str, fetcher: Fetcher, published: str | None = None, max_chars: int = 500_000,
                encoding: str | None = None) -> Iterator[Document | IngestProblem]:
    """Documents of one source given on the command line (file, folder, URL)."""
    if "://" in source:  # a URL: fetched only when it is http(s) and the policy allows it
        try:
            fetched = fetcher.get(source)
        except OSError as exc:
            yield IngestProblem(source, str(exc))
            return
        if _looks_like_feed(fetched.body):
            yield from _within(documents_from_feed(fetched.body, source, fetcher), max_chars)
            return
        try:
            yield from _within([page_document(fetched)], max_chars)
        except ValueError as exc:
            yield IngestProblem(source, str(exc))
        return
    path = Path(source)
    if not path.exists():
        yield IngestProblem(source, "no such file or folder")
        return
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.lower().endswith(FEED_SUFFIXES + PAGE_SUFFIXES + TEXT_SUFFIXES + JSONL_SUFFIXES):
                yield from iter_source(str(child), fetcher, published, max_chars, encoding)
        return
    yield from _file_documents(path, fetcher, published, max_chars, encoding)


def _file_documents(path: Path, fetcher: Fetcher, published: str | None, max_chars: int,
                    encoding: str | None) -> Iterator[Document | IngestProblem]:
    """Documents of one file, read within the size limit (a `.gz` decompressed only that far)."""
    source = str(path)
    name = path.name.lower()
    if name.endswith(JSONL_SUFFIXES):
        yield from _from_inputs(read_jsonl(path, published, max_chars, encoding))
        return
    inner = name[:-3] if name.endswith(".gz") else name  # "page.html.gz" is a page
    if not inner.endswith(FEED_SUFFIXES + PAGE_SUFFIXES):
        yield from _from_inputs(read_txt(path, published, max_chars, encoding))
        return
    try:
        body = read_limited(path, max_chars * PAGE_BYTES_PER_CHAR)
    except OSError as exc:
        yield IngestProblem(source, f"cannot read: {exc.strerror or exc}")
        return
    except ValueError as exc:
        yield IngestProblem(source, str(exc))
        return
    if not body.strip():
        yield IngestProblem(source, "empty file")
        return
    try:
        if inner.endswith(FEED_SUFFIXES) or _looks_like_feed(body):
            yield from _within(documents_from_feed(body, source, fetcher), max_chars)
        else:
            doc = document_from_html(decode_page(body, encoding=encoding), source, fallback_title=path.stem,
                                     published=parse_published(published) if published else None)
            yield from _within([doc], max_chars)
    except ValueError as exc:
        yield IngestProblem(source, str(exc))


def _from_inputs(items: Iterable[Document | InputProblem]) -> Iterator[Document | IngestProblem]:
    for item in items:
        if isinstance(item, Document):
            yield item
        else:
            yield IngestProblem(item.where, item.message, warning=item.warning)


def _within(items: Iterable[Document | IngestProblem], max_chars: int) -> Iterator[Document | IngestProblem]:
    """Documents whose text is within `--max-chars`; the others become problems."""
    for item in items:
        if isinstance(item, Document) and len(item.text) > max_chars:
            yield IngestProblem(str(item.id), f"text of {len(item.text):,} characters is over the limit of "
                                              f"{max_chars:,} (raise it with --max-chars)")
        else:
            yield item
