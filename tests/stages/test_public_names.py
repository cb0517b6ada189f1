"""The stage packages keep their public names importable from the package itself."""

import importlib

import pytest

PUBLIC = {
    "marsad.stages.quantities": ["find_quantities", "parse_number", "QuantityFinder"],
    "marsad.stages.dates": ["find_dates", "parse_published", "hijri_to_gregorian", "DateFinder"],
    "marsad.stages.places": ["PlaceFinder", "PlaceSettler", "GeocodingRules", "geocoding_rules", "majority_country"],
}


@pytest.mark.parametrize("package", sorted(PUBLIC))
def test_public_names(package):
    module = importlib.import_module(package)
    for name in PUBLIC[package]:
        assert callable(getattr(module, name)), name
        assert name in module.__all__
