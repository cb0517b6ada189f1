"""Marsad: ACLED-style conflict event data from Arabic news."""

from marsad.model import ActorMention, Document, Event, Location, Result
from marsad.pipeline import Pipeline, extract, extract_many

__version__ = "0.1.0"
__all__ = ["extract", "extract_many", "explain", "Pipeline", "Document", "Event", "Location", "ActorMention",
           "Result", "__version__"]


def __getattr__(name: str):
    # `marsad.explain` (every candidate event and why) is loaded when first used, not with `import marsad`
    if name == "explain":
        from marsad.stages.events.explain import explain

        return explain
    raise AttributeError(f"module 'marsad' has no attribute '{name}'")
