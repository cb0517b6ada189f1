"""The Arabic text layer: normalisation for matching, proclitics, tokens and sentences, the phrase matcher."""

from marsad.text.clitics import strip_proclitics
from marsad.text.normalize import normalize, normalize_with_offsets
from marsad.text.tokens import analyse, arabic_share, tokenize

__all__ = ["analyse", "arabic_share", "normalize", "normalize_with_offsets", "strip_proclitics", "tokenize"]
