"""Identities derived from content: a document's hash and an event's id, the same on every run and machine."""

from __future__ import annotations

import hashlib

from marsad.text import normalize


def content_hash(text: str) -> str:
    """The identity of a document's text: normalised, with white space folded."""
    return hashlib.sha256(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()


def report_event_id(doc_hash: str, position: int, sub_event_type: str) -> str:
    """The id of the event a report founds: its document's hash and its place among the document's events."""
    key = f"{doc_hash}:{position}:{sub_event_type}"
    return "EV" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12].upper()
