"""The extraction stages, in the order they run; each declares what it requires and provides.

| stage | requires | provides |
|---|---|---|
| text | - | text (norm, tokens, sentences, form index) |
| quantities | text | quantities |
| dates | text | dates |
| place_names | text, quantities | place_names |
| actor_names | text | actor_names |
| places | place_names, actor_names | places, country |
| actors | text, actor_names, places, country | actors |
| events | text, quantities, dates, places, country, actors | events, candidates (every candidate and why) |
| notes | events | notes |
"""

from __future__ import annotations

from marsad.pipeline import Stage


def default_stages(min_confidence: float | None = None, gazetteer: str | None = None) -> list[Stage]:
    """The standard stages, built with the built-in resources (and the user's gazetteer index)."""
    from marsad.geo.gazetteer import load_gazetteer
    from marsad.stages.actors import ActorFinder, ActorNameFinder
    from marsad.stages.dates import DateFinder
    from marsad.stages.events.stage import EventExtractor
    from marsad.stages.notes import NoteWriter
    from marsad.stages.places import PlaceFinder, PlaceSettler
    from marsad.stages.quantities import QuantityFinder
    from marsad.stages.text import TextAnalyser

    events = EventExtractor() if min_confidence is None else EventExtractor(threshold=min_confidence)
    names = ActorNameFinder()
    return [TextAnalyser(), QuantityFinder(), DateFinder(), PlaceFinder(load_gazetteer(gazetteer)), names,
            PlaceSettler(), ActorFinder(names.lexicon), events, NoteWriter()]
