"""The ACLED country table: codes, ACLED spellings and regions, and agreement with the other resources."""

import zoneinfo

import pytest

from marsad.acled import countries as C
from marsad.resource_files import ResourceError, clear_caches, load_tsv_glob, load_yaml

ACLED_REGIONS = {
    "Middle East", "Northern Africa", "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Europe", "North America",
    "Central America", "South America", "Caribbean", "Oceania", "Antarctica",
}


def test_every_country_has_codes_region_and_zone():
    table = C.all_countries()
    assert len(table) >= 245
    assert len({c.iso3 for c in table}) == len({c.iso2 for c in table}) == len({c.name for c in table}) == len(table)
    available = zoneinfo.available_timezones()
    for c in table:
        assert len(c.iso2) == 2 and len(c.iso3) == 3, c
        assert c.region in ACLED_REGIONS, c
        assert c.name_ar, c
        assert c.timezone, c
        if available and c.timezone not in available and c.timezone != "Europe/Kyiv":
            pytest.fail(f"{c.name}: unknown time zone {c.timezone}")


@pytest.mark.parametrize("name", [
    "Palestine", "Syria", "Iran", "Turkey", "Russia", "United States", "Democratic Republic of Congo",
    "Republic of Congo", "Ivory Coast", "eSwatini", "Czech Republic", "North Macedonia", "South Korea",
    "North Korea", "Vietnam", "Laos", "Bosnia and Herzegovina", "Myanmar", "Cape Verde", "East Timor", "Kosovo",
])
def test_acled_spellings(name):
    assert C.country_by_name(name).name == name


def test_middle_east_and_north_africa():
    me = {c.name for c in C.all_countries() if c.region == "Middle East"}
    assert me == {"Bahrain", "Iran", "Iraq", "Israel", "Jordan", "Kuwait", "Lebanon", "Oman", "Palestine", "Qatar",
                  "Saudi Arabia", "Syria", "Turkey", "United Arab Emirates", "Yemen"}
    na = {c.name for c in C.all_countries() if c.region == "Northern Africa"}
    assert {"Algeria", "Egypt", "Libya", "Morocco", "Sudan", "Tunisia"} <= na
    assert C.country_by_name("Mexico").region == "Central America"
    assert C.country_by_name("Cyprus").region == "Europe"


def test_lookups():
    syria = C.country_by_iso3("SYR")
    assert (syria.iso_numeric, syria.iso2, syria.region, syria.timezone) == (760, "SY", "Middle East", "Asia/Damascus")
    assert C.country_by_name("syria") is syria
    assert C.country_by_name(" SYRIA ") is syria
    assert C.country_by_name("sy") is syria and C.country_by_name("syr") is syria
    assert C.country_by_name("Syrian Arab Republic") is syria
    assert C.country_by_name("سوريا") is syria
    assert C.country_by_iso2("sy") is syria
    assert C.country_by_name("DR Congo").name == "Democratic Republic of Congo"
    assert C.country_by_name("Republic of the Congo").name == "Republic of Congo"
    assert C.country_by_name("Swaziland").name == "eSwatini"
    assert C.country_by_name("Congo").name == "Republic of Congo"  # ISO's short name of CG
    assert C.country_by_name("Atlantis") is None
    assert C.country_by_name("") is None and C.country_by_iso3(None) is None


def test_the_other_resources_name_countries_as_the_table_does():
    names = {c.name for c in C.all_countries()}
    for row in load_tsv_glob():
        assert row["country"] in names, (row.where, row["country"])
    for actor in load_yaml("actors.yaml")["actors"]:
        assert actor.get("country") in names | {None}, actor["id"]


def test_a_bad_row_names_the_file_row_and_field(tmp_path, monkeypatch):
    (tmp_path / "countries.tsv").write_text("iso3\tiso2\tiso_numeric\tname\tname_ar\tregion\ttimezone\n"
                                            "ATL\tAT\tnone\tAtlantis\tأتلانتس\tEurope\tEurope/Paris\n",
                                            encoding="utf-8")
    monkeypatch.setenv("MARSAD_RESOURCES", str(tmp_path))
    clear_caches()
    try:
        with pytest.raises(ResourceError, match=r"countries.tsv.*ATL.*iso_numeric"):
            C.all_countries()
    finally:
        monkeypatch.delenv("MARSAD_RESOURCES")
        clear_caches()
