"""Places stage: find place names, choose the right gazetteer entry, compute the point.

The gazetteer hides behind one object (`Gazetteer`), built from the gazetteer TSV
files of the country packs (`resources/packs/<iso3>/gazetteer*.tsv`) and overlays.
The stage reads the words around a name to decide ACLED's `geo_precision`: 1 the
place itself, 2 near it or part of it ("قرب", "30 كم شمال شرق", "بين X و Y"), 3 only
the region ("ريف حمص الشرقي", "بادية").
"""

from marsad.stages.places.choice import GeoContext
from marsad.stages.places.finder import PlaceFinder
from marsad.stages.places.rules import GeocodingRules, geocoding_rules
from marsad.stages.places.settle import PlaceSettler, majority_country

__all__ = ["GeoContext", "GeocodingRules", "PlaceFinder", "PlaceSettler", "geocoding_rules", "majority_country"]
