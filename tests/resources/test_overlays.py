"""One test per resource file: a one-entry user overlay is honoured by extraction or by the accessor."""

from datetime import date

import marsad
from marsad.acled.countries import country_by_name
from marsad.acled.outlets import outlet_for
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.resource_files import load_yaml


def _doc(text, until, published="2021-03-01"):
    from marsad.stages.dates import parse_published

    return Pipeline.default().until(until)(Document("t", text, parse_published(published)))


def test_numbers_yaml(overlay):
    text = "قتل خمسو أشخاص في حمص"
    assert not _doc(text, "quantities").quantities
    overlay.write("numbers.yaml", "units:\n  5: [خمسو]\n")
    assert [q.value for q in _doc(text, "quantities").quantities] == [5]
    assert load_yaml("numbers.yaml")["units"][5][:2] == ["خمس", "خمسة"]  # the package's words stay


def test_dates_yaml(overlay):
    text = "قتل شخص في حمص يوم 3 برومير 2020"
    assert date(2020, 11, 3) not in [d.date for d in _doc(text, "dates").dates]
    overlay.write("dates.yaml", "months:\n  برومير: 11\n")
    assert date(2020, 11, 3) in [d.date for d in _doc(text, "dates").dates]


def test_geocoding_yaml(overlay):
    text = "قتل شخص في حمص"
    assert [p.place.name for p in _doc(text, "places").places] == ["Homs"]
    overlay.write("geocoding.yaml", "blocked_phrases: [في حمص]\n")
    assert not _doc(text, "places").places


def test_actors_yaml(overlay):
    text = "هاجمت كتائب الصقر الأحمر قرية في ريف حمص"
    assert "Military Forces of Syria (2000-2024)" not in [a.name for a in _doc(text, "actors").actors]
    overlay.write("actors.yaml", "actors:\n  - id: SY-ARMY\n    aliases_ar: [كتائب الصقر الأحمر]\n")
    assert "Military Forces of Syria (2000-2024)" in [a.name for a in _doc(text, "actors").actors]
    army = next(a for a in load_yaml("actors.yaml")["actors"] if a["id"] == "SY-ARMY")
    assert army["inter"] == 1 and "كتائب الصقر الأحمر" in army["aliases_ar"] and len(army["aliases_ar"]) > 1


def test_events_yaml(overlay):
    text = "تطاحنت قوات النظام وفصائل المعارضة في حمص"
    assert not marsad.extract(text, published="2021-03-01").events
    overlay.write("events.yaml", "triggers:\n  - id: clash\n    forms: [تطاحنت]\n")
    events = marsad.extract(text, published="2021-03-01").events
    assert [(e.sub_event_type, e.location.name) for e in events] == [("Armed clash", "Homs")]


def test_gazetteer_rows(overlay):
    text = "قتل شخص في قرية كفرزيتونة"
    assert not _doc(text, "places").places
    overlay.write("gazetteer.tsv", "id\tname\tname_ar\tkind\tcountry\tadmin1\tlat\tlon\n"
                                   "sy-test-kz\tKafr Zaytuna\tكفرزيتونة\tvillage\tSyria\tHama\t35.3\t36.6\n")
    places = _doc(text, "places").places
    assert [(p.place.name, p.place.admin1) for p in places] == [("Kafr Zaytuna", "Hama")]


def test_countries_tsv(overlay):
    assert country_by_name("Sealand") is None
    overlay.write("countries.tsv", "iso3\tiso2\tiso_numeric\tname\tname_ar\tregion\ttimezone\n"
                                   "XSL\tXS\t999\tSealand\tسيلاند\tEurope\tEurope/London\n")
    assert (country_by_name("sealand").iso3, country_by_name("XS").region) == ("XSL", "Europe")
    assert country_by_name("Syria").iso_numeric == 760


def test_outlets_tsv(overlay):
    assert outlet_for("Homs Now") is None
    overlay.write("outlets.tsv", "id\tname\taliases\tdomains\tcountry\tsource_scale\n"
                                 "homs-now\tHoms Now\tحمص الآن\thomsnow.example\tSyria\tSubnational\n")
    assert outlet_for("حمص الآن").source_scale == "Subnational"
    assert outlet_for("https://www.homsnow.example/news/1").name == "Homs Now"
    assert outlet_for("BBC Arabic").name == "BBC Arabic"
