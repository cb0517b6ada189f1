"""The outlets table: outlet strings and domains to ACLED source names and scales; unknown stays empty."""

import pytest

from marsad.acled.countries import country_by_name
from marsad.acled.outlets import SCALES, all_outlets, outlet_for
from marsad.resource_files import ResourceError, clear_caches


@pytest.mark.parametrize(("given", "name", "scale"), [
    ("Sky News Arabia", "Sky News Arabia", "Regional"),
    ("سكاي نيوز عربية", "Sky News Arabia", "Regional"),
    ("BBC Arabic", "BBC Arabic", "International"),
    ("بي بي سي عربي", "BBC Arabic", "International"),
    ("France 24 Arabic", "France 24", "International"),
    ("CNN Arabic", "CNN Arabic", "International"),
    ("Al Arabiya", "Al Arabiya", "Regional"),
    ("al-arabiya", "Al Arabiya", "Regional"),
    ("Halab Today", "Halab Today TV", "Subnational"),
    ("حلب اليوم", "Halab Today TV", "Subnational"),
    ("Enab Baladi", "Enab Baladi", "National"),
    ("Syrian Observatory for Human Rights", "SOHR", "Other"),
    ("SANA", "SANA", "National"),
    ("www.skynewsarabia.com", "Sky News Arabia", "Regional"),
    ("https://arabic.cnn.com/middle-east/article/2018/05/01/x", "CNN Arabic", "International"),
    ("m.alarabiya.net", "Al Arabiya", "Regional"),
])
def test_known_outlets(given, name, scale):
    outlet = outlet_for(given)
    assert outlet is not None and (outlet.name, outlet.source_scale) == (name, scale)


@pytest.mark.parametrize("given", ["", None, "Some Blog", "edition.cnn.com", "example.com", "cnn.com"])
def test_unknown_outlets_stay_empty(given):
    assert outlet_for(given) is None


def test_table_is_consistent():
    outlets = all_outlets()
    assert len({o.id for o in outlets}) == len(outlets)
    seen: dict[str, str] = {}
    for o in outlets:
        assert all(p in SCALES for p in o.source_scale.split("-")), o
        assert not o.country or country_by_name(o.country) is not None, o
        for key in (o.name.casefold(), *(a.casefold() for a in o.aliases), *o.domains):
            assert seen.setdefault(key, o.id) == o.id, f"{key!r} names both {seen[key]} and {o.id}"


def test_a_bad_scale_names_the_file_row_and_field(tmp_path, monkeypatch):
    (tmp_path / "outlets.tsv").write_text("id\tname\taliases\tdomains\tcountry\tsource_scale\n"
                                          "x\tX News\t\tx.example\tSyria\tNationwide\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_RESOURCES", str(tmp_path))
    clear_caches()
    try:
        with pytest.raises(ResourceError, match=r"outlets.tsv.*row x.*source_scale"):
            outlet_for("X News")
    finally:
        monkeypatch.delenv("MARSAD_RESOURCES")
        clear_caches()
