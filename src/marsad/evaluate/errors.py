"""The error table a developer needs: misses, false alarms and failed attributes, by sub-event type.

Rules are made against the whole development set, never against one sentence: this table shows where a
change helps or hurts across all articles, each row with the article id, the gold note (why a coder
coded it so) and the words the system used. `dev_half` splits a gold set in two by article, so that a
rule tuned on one half can be confirmed on the other.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from marsad.evaluate.scorer import FULL_ROW, checks, match_events

WORDS_SHOWN = 140  # characters of the system's evidence shown per row


@dataclass
class ErrorRow:
    """One error: a miss, a false alarm, or an attribute a matched event got wrong."""

    kind: str  # "miss", "false alarm", or the attribute name ("actor1", "location" ...)
    sub_event_type: str
    doc_id: str
    gold_note: str = ""
    expected: str = ""
    got: str = ""
    words: str = ""  # what the system read: its triggers and its evidence


def dev_half(doc_id: str) -> str:
    """"a" or "b": a fixed split of articles by a hash of their id (stable across runs and machines)."""
    return "ab"[hashlib.sha1(doc_id.encode("utf-8")).digest()[0] & 1]


def _words(text: str, ev: dict) -> str:
    trig = ", ".join(t.get("text", "") for t in ev.get("triggers") or [] if isinstance(t, dict))
    spans = [s for s in ev.get("evidence") or [] if isinstance(s, dict)]
    said = " … ".join(" ".join(text[s.get("start", 0):s.get("end", 0)].split()) for s in spans[:2])
    if len(said) > WORDS_SHOWN:
        said = said[:WORDS_SHOWN] + "…"
    return f"[{trig}] {said}" if trig else said


def _name(actor: object) -> str:
    if isinstance(actor, dict):
        return str(actor.get("name") or "")
    return ""


def _shown(kind: str, g: dict, s: dict) -> tuple[str, str]:
    """What gold expected and what the system gave, for one failed attribute."""
    gl, sl = g.get("location") or {}, s.get("location") or {}
    if kind in ("actor1", "actor2"):
        aliases = g.get(kind) or []
        return (" | ".join(str(a) for a in aliases[:3]), _name(s.get(kind)))
    if kind == "location":
        return (f"{gl.get('name')} ({gl.get('latitude')}, {gl.get('longitude')})",
                f"{sl.get('name')} ({sl.get('latitude')}, {sl.get('longitude')})")
    if kind == "admin1":
        return (str(gl.get("admin1")), str(sl.get("admin1")))
    if kind == "date":
        want = g.get("event_date") if not g.get("date_from") else f"{g.get('date_from')}..{g.get('date_to')}"
        return (str(want), str(s.get("event_date")))
    if kind == "fatalities":
        return (str(g.get("fatalities")), str(s.get("fatalities")))
    if kind == "sub_event_type":
        return (str(g.get("sub_event_type")), str(s.get("sub_event_type")))
    return ("", "")


def error_rows(gold_docs: dict[str, dict], system_docs: dict[str, dict],
               attributes: tuple[str, ...] = FULL_ROW + ("admin1", "actor2")) -> list[ErrorRow]:
    """Every miss, false alarm and failed attribute, matching events as the scorer does."""
    rows: list[ErrorRow] = []
    for doc_id, gdoc in gold_docs.items():
        text = gdoc.get("text") or ""
        gold = gdoc.get("events") or []
        system = [e for e in (system_docs.get(doc_id) or {}).get("events") or [] if isinstance(e, dict)]
        pairs = match_events(gold, system)
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi, g in enumerate(gold):
            if gi not in matched_g and not g.get("optional"):
                rows.append(ErrorRow("miss", str(g.get("sub_event_type")), doc_id, str(g.get("note") or "")))
        for si, s in enumerate(system):
            if si not in matched_s:
                rows.append(ErrorRow("false alarm", str(s.get("sub_event_type")), doc_id,
                                     words=_words(text, s)))
        for gi, si in pairs:
            g, s = gold[gi], system[si]
            if g.get("optional"):
                continue
            c = checks(g, s)
            for kind in attributes:
                if c.get(kind, 1.0) < 1.0:
                    expected, got = _shown(kind, g, s)
                    rows.append(ErrorRow(kind, str(g.get("sub_event_type")), doc_id, str(g.get("note") or ""),
                                         expected, got, _words(text, s)))
    return rows


def format_errors(rows: list[ErrorRow], per_group: int = 0) -> str:
    """The table: per kind of error, per sub-event type, a count and then each row (`per_group` caps them)."""
    by_kind: dict[str, dict[str, list[ErrorRow]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        by_kind[r.kind][r.sub_event_type].append(r)
    order = ["miss", "false alarm"] + sorted(k for k in by_kind if k not in ("miss", "false alarm"))
    out: list[str] = []
    for kind in order:
        if kind not in by_kind:
            continue
        groups = by_kind[kind]
        out.append(f"== {kind}: {sum(len(v) for v in groups.values())}")
        for sub, items in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            out.append(f"  -- {sub}: {len(items)}")
            for r in items[:per_group or None]:
                line = f"     {r.doc_id}"
                if r.expected or r.got:
                    line += f"  want {r.expected!s}  got {r.got!s}"
                out.append(line)
                if r.gold_note:
                    out.append(f"        gold: {' '.join(r.gold_note.split())[:200]}")
                if r.words:
                    out.append(f"        used: {r.words}")
    return "\n".join(out)
