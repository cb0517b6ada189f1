"""Searching stored Arabic text as written, with the letters written more than one way matching each other.

An alef with or without its hamza matches anywhere; alef maqsura or yaa, and taa marbuta or haa, match at
the end of a word (the folds of `normalize`). A pattern for SQL's LIKE does it with one-character
wildcards, so a name typed without its hamza finds it and nothing stored needs normalising.
"""

from __future__ import annotations

from marsad.text.normalize import normalize

ALEF, YAA, HAA = "\u0627", "\u064a", "\u0647"


def like_pattern(words: str) -> str:
    """A LIKE pattern (use with ESCAPE '\\') finding the words anywhere, Arabic letter variants folded."""
    out = []
    for i, ch in enumerate(words):
        folded = normalize(ch)
        final = i > 0 and (i + 1 == len(words) or not words[i + 1].isalpha())
        if ch in "%_\\":
            out.append("\\" + ch)
        elif folded == ALEF or (final and folded in (YAA, HAA)):
            out.append("_")
        else:
            out.append(ch)
    return "%" + "".join(out) + "%"
