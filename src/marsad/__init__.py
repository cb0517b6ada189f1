"""Marsad: ACLED-style conflict event data from Arabic news."""

from marsad.model import ActorMention, Document, Event, Location, Result
from marsad.pipeline import Pipeline, extract, extract_many

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "Pipeline", "Document", "Event", "Location", "ActorMention", "Result",
           "__version__"]
