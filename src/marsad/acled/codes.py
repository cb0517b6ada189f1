"""ACLED's derived codes: interaction, civilian targeting, the unidentified first actor."""

from __future__ import annotations

from marsad.acled.taxonomy import acled_tables


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (17, 28); a sole actor gives 10, 20 ... 80."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


def civilian_targeting(event_type: str, sub_event_type: str, inter2: int | None) -> str:
    """"Civilian targeting" when ACLED would code civilians as the event's target, else ""."""
    rule = acled_tables()["civilian_targeting"]
    if sub_event_type in rule["always_sub_types"]:
        return rule["label"]
    if event_type in rule["civilian_target_types"] and inter2 == 7:
        return rule["label"]
    return ""


def unidentified_actor1(event_type: str, country: str) -> tuple[str, int] | None:
    """ACLED's actor for an event whose report names no first actor, e.g. "Unidentified Armed Group (Syria)"."""
    entry = acled_tables()["unidentified_actor1"].get(event_type)
    if entry is None or not country:
        return None
    return entry["name"].format(country=country), int(entry["inter"])
