"""Scoring extracted events against gold annotations (`marsad evaluate`).

Implements the measures of the project's referee scorer: events are matched one
to one within each article, best-fitting pair first, only when their event types
agree; matched required gold events are true positives, unmatched system events
false positives, unmatched required gold events false negatives. Attribute
accuracy is reported on the matched pairs.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.acled.taxonomy import EVENT_TYPES, SUB_TO_TYPE
from marsad.text import normalize

DEFAULT_NEAR_KM = 25.0
ATTRIBUTES = ("sub_event_type", "date", "location", "admin1", "actor1", "actor2", "actors_f1", "fatalities")
FULL_ROW = ("sub_event_type", "date", "location", "actor1", "fatalities")

_NOT_WORD = re.compile(r"[^\w\s]")
_SKIP_WORDS = {"the", "al", "el"}


def fold_name(name: Any) -> str:
    """Fold a name for comparison: case, Arabic letter variants, punctuation, articles."""
    if not isinstance(name, str) or not name:
        return ""
    s = unicodedata.normalize("NFKC", name).casefold()
    s = _NOT_WORD.sub(" ", normalize(s))  # the text layer's folding: marks, letter variants
    return " ".join(w for w in s.split() if w not in _SKIP_WORDS)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = (math.radians(x) for x in (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _offered_names(actor: Any) -> list[str]:
    if not actor:
        return []
    if isinstance(actor, str):
        return [actor]
    return [actor[k] for k in ("name", "name_ar", "text") if isinstance(actor.get(k), str) and actor.get(k)]


def actor_ok(system_actor: Any, aliases: list[str] | None) -> bool:
    if not aliases:
        return not _offered_names(system_actor)
    accepted = {fold_name(a) for a in aliases}
    return any(fold_name(n) in accepted for n in _offered_names(system_actor))


def _alias_lists(value: Any) -> list[list[str]]:
    if not value:
        return []
    if all(isinstance(v, str) for v in value):
        return [list(value)]
    return [list(v) for v in value if v]


def _gold_groups(g: dict) -> list[list[str]]:
    groups = [g.get("actor1") or [], g.get("actor2") or []]
    groups += _alias_lists(g.get("assoc_actor_1")) + _alias_lists(g.get("assoc_actor_2"))
    return [x for x in groups if x]


def _system_actors(s: dict) -> list:
    acts = [s.get("actor1"), s.get("actor2"), *(s.get("assoc_actor_1") or []), *(s.get("assoc_actor_2") or [])]
    return [a for a in acts if a]


def actors_f1(g: dict, s: dict) -> float:
    groups, acts = _gold_groups(g), _system_actors(s)
    if not groups and not acts:
        return 1.0
    if not groups or not acts:
        return 0.0
    found = sum(1 for grp in groups if any(actor_ok(a, grp) for a in acts))
    right = sum(1 for a in acts if any(actor_ok(a, grp) for grp in groups))
    p, r = right / len(acts), found / len(groups)
    return 2 * p * r / (p + r) if p + r else 0.0


def _accepted_pairs(g: dict) -> set[tuple[str, str]]:
    et = g.get("event_type")
    pairs = {(et, g.get("sub_event_type"))} | {(et, alt) for alt in g.get("sub_event_type_alt") or []}
    return pairs | {tuple(p) for p in g.get("alt_types") or []}


def date_ok(g: dict, s: dict) -> bool:
    got = _day(s.get("event_date"))
    if got is None:
        return g.get("event_date") is None
    lo, hi = _day(g.get("date_from") or g.get("event_date")), _day(g.get("date_to") or g.get("event_date"))
    return lo is not None and hi is not None and lo <= got <= hi


def location_ok(g: dict, s: dict) -> bool:
    gl, sl = g.get("location") or {}, s.get("location") or {}
    try:
        return _km((float(gl["latitude"]), float(gl["longitude"])),
                   (float(sl["latitude"]), float(sl["longitude"]))) <= float(gl.get("near_km", DEFAULT_NEAR_KM))
    except (KeyError, TypeError, ValueError):
        return False


def admin1_ok(g: dict, s: dict) -> bool:
    want = (g.get("location") or {}).get("admin1")
    accepted = {fold_name(a) for a in ([want] if isinstance(want, str) else want or [])} - {""}
    return fold_name((s.get("location") or {}).get("admin1")) in accepted


def fatalities_ok(g: dict, s: dict) -> bool:
    want, got = g.get("fatalities"), s.get("fatalities") or 0
    if not isinstance(got, int):
        return False
    if isinstance(want, list):
        return want[0] <= got <= want[1]
    return (want or 0) == got


def checks(g: dict, s: dict) -> dict[str, float]:
    """Every attribute of a matched pair, 1.0 right and 0.0 wrong (actors_f1 in between)."""
    return {
        "sub_event_type": float((s.get("event_type"), s.get("sub_event_type")) in _accepted_pairs(g)),
        "date": float(date_ok(g, s)),
        "location": float(location_ok(g, s)),
        "admin1": float(admin1_ok(g, s)),
        "actor1": float(actor_ok(s.get("actor1"), g.get("actor1"))),
        "actor2": float(actor_ok(s.get("actor2"), g.get("actor2"))) if g.get("actor2") else 1.0,
        "actors_f1": actors_f1(g, s),
        "fatalities": float(fatalities_ok(g, s)),
    }


def fit(g: dict, s: dict) -> float | None:
    """How well system event s fits gold event g; None when the types cannot be the same event."""
    if s.get("event_type") not in {et for et, _ in _accepted_pairs(g)}:
        return None
    c = checks(g, s)
    loc = 1.0 if c["location"] else (0.5 if c["admin1"] else 0.0)
    return 1.0 + c["sub_event_type"] + c["date"] + loc + c["actors_f1"] + 0.5 * c["fatalities"]


def match_events(gold: list[dict], system: list[dict]) -> list[tuple[int, int]]:
    scored = [(f, gi, si) for gi, g in enumerate(gold) for si, s in enumerate(system)
              if (f := fit(g, s)) is not None]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, gi, si in scored:
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            pairs.append((gi, si))
    return pairs


@dataclass
class DocScore:
    id: str
    tp: int
    fp: int
    fn: int


def score(gold_docs: dict[str, dict], system_docs: dict[str, dict]) -> tuple[dict, list[DocScore]]:
    """Summary measures over all gold documents, and the counts of each."""
    tp = fp = fn = required = full = 0
    sums = dict.fromkeys(ATTRIBUTES, 0.0)
    invalid = 0
    per_doc = []
    for doc_id, gdoc in gold_docs.items():
        gold = gdoc.get("events") or []
        system = [e for e in (system_docs.get(doc_id) or {}).get("events") or [] if isinstance(e, dict)]
        invalid += sum(1 for e in system if SUB_TO_TYPE.get(e.get("sub_event_type")) != e.get("event_type")
                       or e.get("event_type") not in EVENT_TYPES)
        pairs = match_events(gold, system)
        d_tp = 0
        for gi, si in pairs:
            if gold[gi].get("optional"):
                continue
            d_tp += 1
            c = checks(gold[gi], system[si])
            for k in ATTRIBUTES:
                sums[k] += c[k]
            full += all(c[k] == 1.0 for k in FULL_ROW)
        matched_g = {gi for gi, _ in pairs}
        d_fp = len(system) - len(pairs)
        d_fn = sum(1 for gi, g in enumerate(gold) if gi not in matched_g and not g.get("optional"))
        required += sum(1 for g in gold if not g.get("optional"))
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        per_doc.append(DocScore(doc_id, d_tp, d_fp, d_fn))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    summary = {
        "documents": len(gold_docs), "gold_events": required, "system_events_on_gold_docs": tp + fp, "matched": tp,
        "precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
        "attribute_accuracy_on_matched": {k: round(v / tp, 4) if tp else 0.0 for k, v in sums.items()},
        "fully_correct_rows": full, "fully_correct_share_of_gold": round(full / required, 4) if required else 0.0,
        "invalid_types": invalid, "missing_documents": sum(1 for d in gold_docs if d not in system_docs),
    }
    return summary, per_doc


def format_summary(summary: dict) -> str:
    lines = [
        f"documents {summary['documents']}  gold events {summary['gold_events']}  "
        f"system events {summary['system_events_on_gold_docs']}  matched {summary['matched']}",
        f"precision {summary['precision']:.3f}  recall {summary['recall']:.3f}  F1 {summary['f1']:.3f}",
    ]
    lines += [f"  {k:<16} {v:.3f}" for k, v in summary["attribute_accuracy_on_matched"].items()]
    lines.append(f"fully correct rows {summary['fully_correct_rows']} of {summary['gold_events']} "
                 f"({summary['fully_correct_share_of_gold']:.3f})")
    if summary["invalid_types"]:
        lines.append(f"invalid event types: {summary['invalid_types']}")
    return "\n".join(lines)
