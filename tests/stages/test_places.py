"""The places stage: gazetteer matching, disambiguation, precision and relative locations."""

import math

import pytest

from marsad.geo.gazetteer import Gazetteer
from marsad.geo.geodesy import bearing, destination, haversine_km
from marsad.model import Document
from marsad.stages.places import PlaceFinder
from tests.helpers import run_places

HEADER = ["id", "name", "name_ar", "aliases_ar", "aliases_en", "kind", "country", "admin1", "admin2", "admin3",
          "lat", "lon", "population", "source"]
ROWS = [
    ("sy-gov-homs", "Homs", "حمص", "", "Hims", "admin1", "Syria", "Homs", "", "", 34.7324, 36.7137, 1800000),
    ("sy-pl-homs", "Homs", "حمص", "", "", "city", "Syria", "Homs", "Homs", "Homs", 34.7324, 36.7137, 775000),
    ("sy-sub-tadmur", "Tadmur", "تدمر", "", "", "admin3", "Syria", "Homs", "Tadmur", "Tadmur", 34.5604, 38.2805, 0),
    ("sy-sub-sukhnah", "As-Sukhneh", "السخنة", "", "", "admin3", "Syria", "Homs", "Tadmur", "As-Sukhneh", 34.8866,
     38.8735, 0),
    ("sy-sub-qaryatayn", "Al-Qaryatayn", "القريتين", "", "", "admin3", "Syria", "Homs", "Homs", "Al-Qaryatayn",
     34.2292, 37.2406, 0),
    ("sy-sub-qusayr", "Al-Qusayr", "القصير", "", "", "admin3", "Syria", "Homs", "Al-Qusayr", "Al-Qusayr", 34.5091,
     36.5797, 0),
    ("sy-sub-talkalakh", "Tall Kalakh", "تلكلخ", "", "", "admin3", "Syria", "Homs", "Tall Kalakh", "Tall Kalakh",
     34.6684, 36.2598, 0),
    ("sy-pl-bayarat", "Al-Bayarat", "البيارات", "", "", "village", "Syria", "Homs", "Tadmur", "", 34.63, 38.5, 0),
    ("sy-pl-tadmur", "Tadmur", "تدمر", "", "Palmyra", "city", "Syria", "Homs", "Tadmur", "Tadmur", 34.5560, 38.2670,
     51000),
    ("sy-pl-douma", "Douma", "دوما", "", "", "city", "Syria", "Rural Damascus", "Duma", "Duma", 33.5718, 36.4027,
     110000),
    ("sy-pl-m20", "M20 road", "طريق تدمر دير الزور", "", "M20", "road", "Syria", "Homs", "Tadmur", "", 34.85, 39.2, 0),
    ("eg-pl-ainsokhna", "Ain Sokhna", "العين السخنة", "", "", "town", "Egypt", "Suez", "", "", 29.6, 32.35, 5000),
    ("sy-pl-sukhnah-town", "As-Sukhneh", "السخنة", "", "", "town", "Syria", "Homs", "Tadmur", "As-Sukhneh", 34.8866,
     38.8735, 15000),
    ("sy-pl-alhol", "Al-Hol", "الهول", "", "", "town", "Syria", "Al-Hasakeh", "Al-Hasakeh", "Al-Hol", 36.3922,
     41.1483, 0),
    ("iq-pl-hol", "Al-Hol (Iraq)", "الهول", "", "", "village", "Iraq", "Ninewa", "", "", 36.3, 41.5, 0),
    ("sy-pl-aleppo", "Aleppo", "حلب", "", "", "city", "Syria", "Aleppo", "Jebel Saman", "Jebel Saman", 36.2021,
     37.1343, 2100000),
    ("sy-pl-zuhur-dam", "Al-Zuhur (Damascus)", "الزهور", "", "", "neighbourhood", "Syria", "Damascus", "Damascus",
     "Damascus", 33.50, 36.30, 0),
    ("ly-pl-tripoli", "Tripoli", "طرابلس", "", "", "city", "Libya", "Tripoli", "", "", 32.8872, 13.1913, 1100000),
    ("lb-pl-tripoli", "Tripoli", "طرابلس", "", "", "city", "Lebanon", "North", "", "", 34.4367, 35.8497, 230000),
]


@pytest.fixture(scope="module")
def finder():
    rows = [dict(zip(HEADER, [str(v) for v in r[:12]] + [str(r[12]), "test"])) for r in ROWS]
    return PlaceFinder(gazetteer=Gazetteer.from_rows(rows, "fixture"))


def places_of(finder, text, title=None):
    doc = run_places(finder, Document("t", text, title=title))
    return doc


# --- geodesy: direction + distance, checked to within 1 km -------------------------------------

@pytest.mark.parametrize("lat, lon, bear, km", [
    (34.556, 38.267, 45, 30), (34.556, 38.267, 0, 10), (34.556, 38.267, 90, 50), (34.556, 38.267, 180, 5),
    (34.556, 38.267, 270, 120), (33.5138, 36.2765, 135, 20), (36.2021, 37.1343, 315, 40), (35.3359, 40.1408, 225, 75),
    (32.6189, 36.1021, 10, 3), (36.5847, 36.8669, 300, 15), (35.9306, 39.0141, 200, 60), (34.8959, 35.8867, 60, 8),
    (37.0522, 41.2306, 170, 25), (33.5, 36.3, 359, 1), (34.0, 38.0, 120, 250), (35.0, 37.0, 80, 100),
    (36.0, 40.0, 260, 33), (32.9, 35.9, 30, 12), (35.5, 36.0, 150, 7), (34.7, 36.7, 45, 500),
])
def test_destination_round_trip(lat, lon, bear, km):
    la, lo = destination(lat, lon, bear, km)
    assert abs(haversine_km(lat, lon, la, lo) - km) < 1.0
    if km > 2:
        diff = abs((bearing(lat, lon, la, lo) - bear + 180) % 360 - 180)
        assert diff < 1.0


def test_destination_known_point():
    # 30 km north-east of Tadmur: about 0.19 degrees north and 0.23 east at this latitude
    la, lo = destination(34.556, 38.267, 45, 30)
    assert math.isclose(la, 34.7468, abs_tol=0.01) and math.isclose(lo, 38.4986, abs_tol=0.01)


# --- relative expressions -----------------------------------------------------------------------

@pytest.mark.parametrize("text, name, precision, lat, lon, tol_km", [
    ("على بعد نحو 30 كم شمال شرق مدينة تدمر", "Tadmur", 2, 34.7468, 38.4986, 1),
    ("على بعد 10 كيلومترات جنوب تدمر", "Tadmur", 2, 34.466, 38.267, 1),
    ("على بعد 20 كلم غرب حمص", "Homs", 2, 34.7324, 36.4953, 1),
    ("قرب مدينة تدمر", "Tadmur", 2, 34.556, 38.267, 1),
    ("بالقرب من دوما", "Douma", 2, 33.5718, 36.4027, 1),
    ("في محيط السخنة", "As-Sukhneh", 2, 34.8866, 38.8735, 1),
    ("في أطراف مدينة دوما", "Douma", 2, 33.5718, 36.4027, 1),
    ("في مدينة دوما", "Douma", 1, 33.5718, 36.4027, 1),
    ("في تدمر", "Tadmur", 1, 34.556, 38.267, 1),
    ("على بعد 20 كم إلى الشمال الشرقي من مدينة تدمر", "Tadmur", 2, *destination(34.556, 38.267, 45, 20), 1),
    ("على بعد 15 كيلومترا شرق حمص", "Homs", 2, *destination(34.7324, 36.7137, 90, 15), 1),
    ("على مسافة 40 كلم جنوب غرب تدمر", "Tadmur", 2, *destination(34.556, 38.267, 225, 40), 1),
    ("على بعد 5 كم شمال غربي دوما", "Douma", 2, *destination(33.5718, 36.4027, 315, 5), 1),
    ("على بعد 12 كم جنوبي شرقي السخنة", "As-Sukhneh", 2, *destination(34.8866, 38.8735, 135, 12), 1),
    ("على بعد خمسة كيلومترات غرب تدمر", "Tadmur", 2, *destination(34.556, 38.267, 270, 5), 1),
    ("على بعد 500 متر شمال دوما", "Douma", 2, *destination(33.5718, 36.4027, 0, 0.5), 1),
    ("على بعد ثلاثين كيلومترا شمالي حمص", "Homs", 2, *destination(34.7324, 36.7137, 0, 30), 1),
    ("على بعد نحو 60 كم جنوب شرق حمص", "Homs", 2, *destination(34.7324, 36.7137, 135, 60), 1),
    ("بالقرب من مدينة تدمر", "Tadmur", 2, 34.556, 38.267, 1),
    ("على أطراف السخنة", "As-Sukhneh", 2, 34.8866, 38.8735, 1),
    ("عند مدخل مدينة دوما", "Douma", 2, 33.5718, 36.4027, 1),
    ("في محيط مدينة حمص", "Homs", 2, 34.7324, 36.7137, 1),
])
def test_relative_locations(finder, text, name, precision, lat, lon, tol_km):
    doc = places_of(finder, text)
    assert doc.places, text
    loc = doc.places[0].location
    assert loc.name == name
    assert loc.geo_precision == precision
    assert haversine_km(loc.latitude, loc.longitude, lat, lon) <= tol_km
    assert text[loc.start:loc.end] == loc.text


def test_countryside_with_direction_is_region_precision(finder):
    doc = places_of(finder, "في ريف حمص الشرقي")
    loc = doc.places[0].location
    assert loc.geo_precision == 3 and loc.admin1 == "Homs"
    assert loc.longitude > 37.0  # east of the city, towards the desert
    assert loc.text == "ريف حمص الشرقي"


def test_span_between_two_places(finder):
    doc = places_of(finder, "ضمن المنطقة الممتدة ما بين البيارات-السخنة خلال الأسبوع")
    assert len(doc.places) == 1
    loc = doc.places[0].location
    assert loc.geo_precision == 2
    assert math.isclose(loc.latitude, (34.63 + 34.8866) / 2, abs_tol=0.01)


def test_span_with_bayn_and_wa(finder):
    doc = places_of(finder, "اشتباكات بين تدمر والسخنة")
    assert len(doc.places) == 1 and doc.places[0].location.kind == "span"


def test_road_code_in_arabic_text(finder):
    doc = places_of(finder, "كمين على طريق الـ M20 في البادية")
    assert doc.places[0].place.id == "sy-pl-m20"
    assert doc.places[0].location.geo_precision == 2


# --- disambiguation --------------------------------------------------------------------------

def test_city_preferred_over_same_named_governorate(finder):
    doc = places_of(finder, "قصف في حمص")
    assert doc.places[0].place.kind == "city"


def test_governorate_after_muhafaza(finder):
    doc = places_of(finder, "في محافظة حمص")
    assert doc.places[0].place.kind == "admin1"
    assert doc.places[0].location.geo_precision == 3


def test_longest_name_wins_ain_sokhna(finder):
    doc = places_of(finder, "وصل الوفد إلى العين السخنة المصرية")
    assert doc.places[0].place.country == "Egypt"
    doc = places_of(finder, "هجوم على السخنة في بادية حمص")
    assert doc.places[0].place.id == "sy-pl-sukhnah-town"


def test_country_of_article_decides(finder):
    doc = places_of(finder, "اشتباكات في طرابلس بين ميليشيات ليبية، وقالت حكومة ليبيا إن الوضع هادئ")
    assert doc.places[0].place.country == "Libya"
    doc = places_of(finder, "اشتباكات في طرابلس شمالي لبنان، حسب مصادر لبنانية في بيروت")
    assert doc.places[0].place.country == "Lebanon"


def test_outlet_name_is_not_a_place(finder):
    doc = places_of(finder, "وأفاد مراسل حلب اليوم في حمص")
    assert [p.location.name for p in doc.places] == ["Homs"]


def test_direction_landmark_and_home_town(finder):
    doc = places_of(finder, "انفجرت سيارة مفخخة في محافظة حمص شمالي مدينة دوما")
    douma = next(p for p in doc.places if p.place.id == "sy-pl-douma")
    assert douma.reference == "direction" and douma.location.description == "north of Douma"
    doc = places_of(finder, "اختطف مسلحون شابا من أبناء مدينة تدمر")
    assert doc.places[0].reference == "origin"
    doc = places_of(finder, "انسحبت القوات باتجاه حمص")
    assert doc.places[0].reference == "origin"


def test_part_named_in_a_town_is_moved_into_it(finder):
    # the fixture's only "الزهور" lies in Damascus: named as part of Aleppo, the event is in Aleppo
    doc = places_of(finder, "اشتباكات في حي الزهور بمدينة حلب")
    loc = doc.places[0].location
    assert loc.geo_precision == 2 and abs(loc.latitude - 36.2021) < 0.01 and loc.admin1 == "Aleppo"


# --- distances that are no numbers (issue 10): read without an error, never as an offset

@pytest.mark.parametrize("distance", ["⁵", "1" * 4301, "5000"])
def test_a_distance_that_is_no_plausible_number_is_no_offset(finder, distance):
    doc = places_of(finder, f"قتل شخص بقصف على بعد {distance} كم شمال حمص")  # raised ValueError
    (homs,) = doc.places
    loc = homs.location
    assert (loc.description, loc.text, loc.latitude, loc.longitude) == ("north of Homs", "حمص", 34.7324, 36.7137)
