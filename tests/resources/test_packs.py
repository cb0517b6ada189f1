"""Country packs: one folder per country, no Python; a made-up country works from a user's folder alone."""

from datetime import date

import marsad
from marsad.acled.countries import all_countries, country_by_iso3, country_by_name
from marsad.acled.lookup import country_codes
from marsad.country_packs import country_packs, country_words, outlet_words
from marsad.resource_files import PACKAGE_ROOT, layers, load_tsv_glob
from marsad.stages.dates import parse_published

TEXT = "اشتبك جيش أتلانتس مع مسلحين مجهولين في مدينة بوسيدونيا أمس، وقتل ثلاثة منهم."


def _atlantis(overlay):
    overlay.write("packs/xat/country.yaml",
                  "name: Atlantis\nname_ar: أتلانتس\niso2: XA\niso_numeric: 999\nregion: Europe\n"
                  "timezone: Atlantic/Azores\nwords_ar: [أتلانتس, الأتلانتسي, الأتلانتسية]\n"
                  "outlet_words: [أتلانتس]\n")
    overlay.write("packs/xat/actors.yaml",
                  "actors:\n  - id: XA-ARMY\n    name: Military Forces of Atlantis\n    name_ar: جيش أتلانتس\n"
                  "    inter: 1\n    country: Atlantis\n    side: government\n"
                  "    aliases_ar: [جيش أتلانتس, الجيش الأتلانتسي]\n")
    overlay.write("packs/xat/gazetteer.tsv",
                  "id\tname\tname_ar\taliases_ar\taliases_en\tkind\tcountry\tadmin1\tadmin2\tadmin3\tlat\tlon\t"
                  "population\tsource\n"
                  "xa-poseidonia\tPoseidonia\tبوسيدونيا\t\t\tcity\tAtlantis\tCentral Ring\t\t\t36.1\t-25.2\t"
                  "120000\ttest\n")
    overlay.write("outlets.tsv", "id\tname\taliases\tdomains\tcountry\tsource_scale\n"
                                 "atl-today\tAtlantis Today\tأتلانتس اليوم\tatlantis.example\tAtlantis\tNational\n")


def test_a_made_up_country_from_one_folder(overlay):
    before = marsad.extract(TEXT, published="2021-03-02").events
    assert not any(e.location or (e.actor1 and "Atlantis" in e.actor1.name) for e in before)
    _atlantis(overlay)
    atlantis = country_by_name("atlantis")
    assert (atlantis.iso3, atlantis.iso_numeric, atlantis.region, atlantis.timezone) == \
        ("XAT", 999, "Europe", "Atlantic/Azores")
    assert country_codes("Atlantis").iso == 999
    events = marsad.extract(TEXT, published="2021-03-02").events
    assert len(events) == 1
    ev = events[0]
    assert (ev.location.name, ev.location.country, ev.location.admin1) == ("Poseidonia", "Atlantis", "Central Ring")
    assert ev.actor1.name == "Military Forces of Atlantis"
    assert ev.event_date == date(2021, 3, 1) and ev.fatalities == 3
    # the pack's words: the article's country, an outlet before اليوم, the outlet's time zone
    assert "الأتلانتسي" in country_words()["Atlantis"] and "أتلانتس" in outlet_words()
    late = "2021-03-02T00:30:00+00:00"  # still 1 March in the Azores (UTC-1); 2 March at UTC+3
    assert parse_published(late, "Atlantis Today") == date(2021, 3, 1)
    assert parse_published(late, "atlantis.example") == date(2021, 3, 1)
    assert parse_published(late) == date(2021, 3, 2)


def test_a_pack_corrects_a_country(overlay):
    overlay.write("packs/syr/country.yaml", "timezone: Europe/Istanbul\nwords_ar: [الشام]\n")
    assert country_by_iso3("SYR").timezone == "Europe/Istanbul"
    assert country_words()["Syria"][:2] == ["سوريا", "سورية"] and "الشام" in country_words()["Syria"]
    assert [layer.pack for layer in layers() if layer.pack == "syr"] == ["syr", "syr"]


def test_the_package_packs_are_consistent():
    names = {c.name for c in all_countries()}
    for pack_dir in sorted(p for p in (PACKAGE_ROOT / "packs").iterdir() if p.is_dir()):
        assert country_by_iso3(pack_dir.name), f"packs/{pack_dir.name}: not an ISO3 code of countries.tsv"
    by_pack = {}
    for row in load_tsv_glob():
        pack = row.where.split("/packs/")[1].split("/")[0]
        by_pack.setdefault(pack, set()).add(row["country"])
        assert row["country"] in names
    assert all(countries == {country_by_iso3(p).name} for p, countries in by_pack.items()), by_pack
    assert {p.id for p in country_packs() if p.words_ar} >= {"syr", "irq", "yem", "lby", "sdn", "lbn", "jor"}


def test_outlet_time_zones():
    assert parse_published("2018-06-07T21:20:12+00:00", "France 24 Arabic") == date(2018, 6, 7)  # Paris
    assert parse_published("2018-06-07T21:20:12+00:00", "Unknown Outlet") == date(2018, 6, 8)  # UTC+3
    assert parse_published("2018-06-07T21:20:12+00:00") == date(2018, 6, 8)
    assert parse_published("2018-06-04T00:30:00+04:00", "Al Arabiya") == date(2018, 6, 4)  # Dubai
