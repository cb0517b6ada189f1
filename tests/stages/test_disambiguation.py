"""Same-name places: the right one by country, admin names nearby, other places, the kind asked for, size."""

import pytest

from marsad.geo.gazetteer import Gazetteer
from marsad.model import Document
from marsad.stages.places import PlaceFinder
from tests.helpers import run_places

HEADER = ["id", "name", "name_ar", "aliases_ar", "aliases_en", "kind", "country", "admin1", "admin2", "admin3",
          "lat", "lon", "population", "source"]


def row(pid, name, ar, kind, country, admin1, lat, lon, pop=0):
    return dict(zip(HEADER, [pid, name, ar, "", "", kind, country, admin1, "", "", str(lat), str(lon), str(pop),
                             "test"]))


ROWS = [
    # governorates (their capitals' points) and towns that give context
    row("g-homs", "Homs", "حمص", "admin1", "Syria", "Homs", 34.73, 36.71, 1800000),
    row("g-daraa", "Dar'a", "درعا", "admin1", "Syria", "Dar'a", 32.62, 36.10, 1000000),
    row("g-dez", "Deir ez-Zor", "دير الزور", "admin1", "Syria", "Deir ez-Zor", 35.33, 40.14, 1200000),
    row("g-rd", "Rural Damascus", "ريف دمشق", "admin1", "Syria", "Rural Damascus", 33.57, 36.40, 2800000),
    row("g-idleb", "Idleb", "إدلب", "admin1", "Syria", "Idleb", 35.93, 36.63, 1500000),
    row("g-sweida", "As-Sweida", "السويداء", "admin1", "Syria", "As-Sweida", 32.71, 36.57, 370000),
    row("g-aleppo", "Aleppo", "حلب", "admin1", "Syria", "Aleppo", 36.20, 37.13, 4800000),
    row("g-hasakeh", "Al-Hasakeh", "الحسكة", "admin1", "Syria", "Al-Hasakeh", 36.50, 40.75, 1500000),
    row("t-busra", "Busra al-Sham", "بصرى الشام", "town", "Syria", "Dar'a", 32.52, 36.48, 20000),
    row("t-mayadin", "Al-Mayadin", "الميادين", "city", "Syria", "Deir ez-Zor", 35.02, 40.45, 45000),
    row("t-palmyra", "Tadmur", "تدمر", "city", "Syria", "Homs", 34.56, 38.27, 51000),
    row("t-ariha", "Ariha", "أريحا", "city", "Syria", "Idleb", 35.81, 36.61, 40000),
    row("t-shahba", "Shahba", "شهبا", "city", "Syria", "As-Sweida", 32.85, 36.63, 25000),
    row("t-qamishli", "Qamishli", "القامشلي", "city", "Syria", "Al-Hasakeh", 37.05, 41.23, 185000),
    row("t-bab", "Al-Bab", "الباب", "city", "Syria", "Aleppo", 36.37, 37.52, 130000),
    # same-named villages
    row("v-tayba-homs", "Al-Tayba (Homs)", "الطيبة", "village", "Syria", "Homs", 34.95, 38.00, 3000),
    row("v-tayba-daraa", "Al-Tayba (Dar'a)", "الطيبة", "village", "Syria", "Dar'a", 32.56, 36.40, 9000),
    row("v-tayba-dez", "Al-Tayba (Deir ez-Zor)", "الطيبة", "village", "Syria", "Deir ez-Zor", 35.10, 40.40, 2000),
    row("v-mazraa-sweida", "Al-Mazraa (As-Sweida)", "المزرعة", "village", "Syria", "As-Sweida", 32.78, 36.48, 4000),
    row("v-mazraa-idleb", "Al-Mazraa (Idleb)", "المزرعة", "village", "Syria", "Idleb", 35.85, 36.70, 1500),
    row("v-tallshaikh-hasakeh", "Tall ash-Shaykh (Al-Hasakeh)", "تل الشيخ", "village", "Syria", "Al-Hasakeh",
        36.90, 41.00, 800),
    row("v-tallshaikh-aleppo", "Tall ash-Shaykh (Aleppo)", "تل الشيخ", "village", "Syria", "Aleppo", 36.40, 37.60,
        1200),
    row("v-kafrein-rd", "Kafr Ayn (Rural Damascus)", "كفرعين", "village", "Syria", "Rural Damascus", 33.60, 36.30,
        500),
    row("v-kafrein-idleb", "Kafr Ayn (Idleb)", "كفرعين", "village", "Syria", "Idleb", 35.70, 36.55, 2500),
    # other countries
    row("ly-tripoli", "Tripoli", "طرابلس", "city", "Libya", "Tripoli", 32.89, 13.19, 1100000),
    row("lb-tripoli", "Tripoli", "طرابلس", "city", "Lebanon", "North", 34.44, 35.85, 230000),
    row("eg-sokhna", "Ain Sokhna", "العين السخنة", "town", "Egypt", "Suez", 29.60, 32.35, 5000),
    row("sy-sokhna", "As-Sukhneh", "السخنة", "town", "Syria", "Homs", 34.89, 38.87, 15000),
    row("iq-tayba", "Al-Tayyiba (Iraq)", "الطيبة", "village", "Iraq", "Anbar", 33.40, 43.30, 1000),
]


@pytest.fixture(scope="module")
def finder():
    return PlaceFinder(gazetteer=Gazetteer.from_rows(ROWS, "fixture"))


def place_of(finder, text, name_ar):
    doc = run_places(finder, Document("t", text))
    found = [p for p in doc.places if p.place.name_ar == name_ar]
    assert found, [p.place.name_ar for p in doc.places]
    return found[0].place


@pytest.mark.parametrize("text, name_ar, expected", [
    ("قصفت قوات النظام قرية الطيبة بريف درعا الشرقي.", "الطيبة", "v-tayba-daraa"),
    ("قصفت قوات النظام قرية الطيبة بريف حمص الشرقي.", "الطيبة", "v-tayba-homs"),
    ("اشتباكات في الطيبة بريف دير الزور الشرقي.", "الطيبة", "v-tayba-dez"),
    ("دخلت دورية إلى الطيبة قرب بصرى الشام.", "الطيبة", "v-tayba-daraa"),
    ("اشتباكات في الطيبة قرب الميادين.", "الطيبة", "v-tayba-dez"),
    ("كمين قرب الطيبة شمال شرق تدمر.", "الطيبة", "v-tayba-homs"),
    ("قتل مدنيان في الطيبة. وفي بصرى الشام اعتقلت دورية شابين.", "الطيبة", "v-tayba-daraa"),
    ("وصلت تعزيزات إلى الميادين، ثم إلى الطيبة.", "الطيبة", "v-tayba-dez"),
    ("قصف على الطيبة في محافظة حمص.", "الطيبة", "v-tayba-homs"),
    ("مظاهرة في المزرعة بريف السويداء الغربي.", "المزرعة", "v-mazraa-sweida"),
    ("مظاهرة في المزرعة قرب شهبا.", "المزرعة", "v-mazraa-sweida"),
    ("غارة على المزرعة قرب أريحا في ريف إدلب.", "المزرعة", "v-mazraa-idleb"),
    ("غارة على المزرعة في جبل الزاوية بريف إدلب الجنوبي.", "المزرعة", "v-mazraa-idleb"),
    ("قصف تركي على تل الشيخ قرب القامشلي.", "تل الشيخ", "v-tallshaikh-hasakeh"),
    ("قصف على تل الشيخ بريف الحسكة.", "تل الشيخ", "v-tallshaikh-hasakeh"),
    ("اشتباكات في تل الشيخ قرب الباب في ريف حلب.", "تل الشيخ", "v-tallshaikh-aleppo"),
    ("اعتقالات في كفرعين بريف دمشق.", "كفرعين", "v-kafrein-rd"),
    ("غارات على كفرعين في ريف إدلب.", "كفرعين", "v-kafrein-idleb"),
    ("اشتباكات في طرابلس بين ميليشيات ليبية، وقالت حكومة ليبيا إن الوضع هادئ.", "طرابلس", "ly-tripoli"),
    ("اشتباكات في طرابلس شمال لبنان، حسب مصادر لبنانية في بيروت.", "طرابلس", "lb-tripoli"),
    ("وصل الوفد إلى العين السخنة المصرية.", "العين السخنة", "eg-sokhna"),
    ("هجوم لتنظيم الدولة على السخنة في بادية حمص.", "السخنة", "sy-sokhna"),
    ("قتل ثلاثة في غارة على الطيبة غرب العراق، وقالت الحكومة العراقية إن التحقيق جار.", "الطيبة", "iq-tayba"),
    ("اعتقلت دورية شابا من أبناء الطيبة. وتشهد محافظة درعا توترا أمنيا.", "الطيبة", "v-tayba-daraa"),
])
def test_same_name_places(finder, text, name_ar, expected):
    assert place_of(finder, text, name_ar).id == expected


def test_without_context_the_bigger_place_wins(finder):
    assert place_of(finder, "قصف على الطيبة.", "الطيبة").id == "v-tayba-daraa"
