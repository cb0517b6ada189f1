"""Named classes of characters of Arabic script, shared by every layer that looks at raw text.

Normalisation drops the marks and invisible characters; the stages that widen a span over
them, or accept them between two words, take the same classes from here, so no stage keeps
its own copy of a character table.
"""

from __future__ import annotations

# Harakat, tanween, shadda, sukun and the marks after them (U+064B-U+065F).
HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0660))
DAGGER_ALEF = "\u0670"
TATWEEL = "\u0640"
# Quranic annotation marks (U+0610-U+061A, U+06D6-U+06ED).
QURANIC_MARKS = frozenset(chr(c) for c in [*range(0x0610, 0x061B), *range(0x06D6, 0x06EE)])
# Everything written on or after a letter that is not a letter: dropped for matching.
MARKS = HARAKAT | QURANIC_MARKS | {DAGGER_ALEF, TATWEEL}
# Zero-width characters and direction marks (LRM, RLM, ALM, embeddings, isolates).
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                      "\u2066\u2067\u2068\u2069\ufeff\u061c")
ARABIC_COMMA = "\u060c"
COMMAS = ARABIC_COMMA + ","
# Separators inside a number written in digits: thousands (1,500 / 1٬500) and decimal (1.5 / 1٫5).
THOUSANDS_SEPARATORS = ",\u066c"
DECIMAL_SEPARATORS = ".\u066b"
# The digits a normalised token holds: Arabic-Indic and Persian digits are folded to these; other
# characters Unicode calls digits (superscripts, other scripts) are not digits to Marsad.
DIGITS = frozenset("0123456789")


def is_digits(s: str) -> bool:
    """s is a non-empty string of the digits 0-9 (not "⁵", not "٥" before normalisation)."""
    return s.isascii() and s.isdigit()


def digits_value(s: str, max_digits: int) -> int | None:
    """The integer a digit string spells, None if it is not one or has more than max_digits digits
    (a 5,000-digit string is no number of anything, and Python refuses to convert it)."""
    return int(s) if len(s) <= max_digits and is_digits(s) else None
