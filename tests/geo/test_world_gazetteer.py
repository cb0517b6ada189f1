"""The worldwide GeoNames rows of the country packs: well formed, never a second copy of a built-in place,
and enough for an event abroad to get its country and admin1."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

import marsad
from marsad.geo.gazetteer import load_gazetteer
from marsad.geo.geodesy import haversine_km
from marsad.text.matcher import phrase_key

ROOT = Path(__file__).resolve().parents[2]
PACKS = ROOT / "src" / "marsad" / "resources" / "packs"
FILES = sorted(PACKS.glob("*/gazetteer.geonames.tsv"))
COLUMNS = ["id", "name", "name_ar", "aliases_ar", "aliases_en", "kind", "country", "admin1", "admin2", "admin3",
           "lat", "lon", "population", "source"]
ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 ]+$")
PUB = "2018-05-01"


def rows_of(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_packs_are_well_formed_and_attributed():
    assert len(FILES) > 200
    ids: set[str] = set()
    for path in FILES:
        head = path.read_text(encoding="utf-8").splitlines()[:4]
        assert any("GeoNames" in line and "CC BY 4.0" in line for line in head if line.startswith("#")), path
        rows = rows_of(path)
        assert rows and list(rows[0]) == COLUMNS, path
        assert len({r["country"] for r in rows}) == 1, path
        for r in rows:
            assert r["source"] == "geonames" and r["kind"] in ("admin1", "city", "town"), r
            assert r["id"] not in ids, r["id"]
            ids.add(r["id"])
            assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r
            names = [r["name_ar"], *[a.strip() for a in r["aliases_ar"].split("|") if a.strip()]]
            assert all(ARABIC.match(n) for n in names if n), r
            assert r["kind"] == "admin1" or r["name_ar"], r  # a town is only there to be matched in Arabic


def test_no_second_copy_of_a_builtin_place():
    gaz = load_gazetteer()
    generated = {r["id"] for path in FILES for r in rows_of(path)}
    by_key: dict[tuple[str, ...], list] = {}
    for place in gaz.places.values():
        if place.id not in generated and place.name_ar:
            by_key.setdefault(phrase_key(place.name_ar), []).append(place)
    for pid in generated:
        p = gaz.places.get(pid)
        if p is None or p.kind == "admin1":
            continue
        for other in by_key.get(phrase_key(p.name_ar), []):
            assert haversine_km(p.latitude, p.longitude, other.latitude, other.longitude) > 15, (p.id, other.id)


def test_reviewed_ordinary_words_are_not_names():
    common = ROOT / "tools" / "world_gazetteer_common.tsv"
    dropped = {r["name_ar"] for r in rows_of(common) if r["decision"] == "drop"}
    assert dropped
    for path in FILES:
        for r in rows_of(path):
            names = {r["name_ar"], *[a.strip() for a in r["aliases_ar"].split("|")]}
            assert not names & dropped, r


def test_admin1_fill_changes_only_the_admin1_of_builtin_rows():
    gaz = load_gazetteer()
    fills = sorted(PACKS.glob("*/gazetteer.geonames-admin1.tsv"))
    assert fills
    for path in fills:
        rows = rows_of(path)
        assert rows and list(rows[0]) == ["id", "admin1"], path
        for r in rows:
            place = gaz.places[r["id"]]  # a row of Marsad's own gazetteer
            assert place.source != "geonames" or not place.id.startswith("gn-"), place.id
            assert place.admin1 == r["admin1"] and place.name_ar, place


ABROAD = [
    pytest.param("قتل خمسة أشخاص في تفجير انتحاري استهدف مسجدا في العاصمة الأفغانية كابل يوم الجمعة.",
                 "Afghanistan", "Kabul", id="kabul"),
    pytest.param("قتل عشرة مسلحين في غارة نفذتها القوات الأفغانية على مواقعهم في ولاية جوزجان شمالي البلاد.",
                 "Afghanistan", "Jowzjan", id="jowzjan"),
    pytest.param("تظاهر مئات المحتجين أمام مبنى المحافظة في البصرة جنوبي العراق للمطالبة بتحسين الخدمات.",
                 "Iraq", "Basrah", id="basra"),
    pytest.param("قتل ثلاثة مدنيين في غارة جوية لطيران التحالف على مدينة الحديدة غربي اليمن.",
                 "Yemen", "Al Hudaydah", id="hodeidah"),
    pytest.param("تظاهر آلاف المحتجين في باريس ضد سياسات الحكومة الفرنسية يوم السبت.",
                 "France", "Ile-de-France", id="paris"),
    pytest.param("قتل ثلاثة أشخاص في انفجار عبوة ناسفة في مدينة شبرغان شمالي أفغانستان.",
                 "Afghanistan", "Jowzjan", id="sheberghan"),
]


@pytest.mark.parametrize(("text", "country", "admin1"), ABROAD)
def test_events_abroad_get_country_and_admin1(text, country, admin1):
    events = marsad.extract(text, published=PUB).events
    assert events, text
    assert {(e.location.country, e.location.admin1) for e in events if e.location} == {(country, admin1)}
