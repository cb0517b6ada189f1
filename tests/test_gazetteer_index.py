"""Gazetteer imports (GeoNames, OCHA admin tables, analyst YAML), the index, and `marsad gazetteer`."""

import json
import zipfile

import pytest

from marsad.cli import main
from marsad.geo.index import (
    GazetteerImportError,
    GazetteerIndex,
    detect_admin_columns,
    feature_kind,
    read_admin_table,
    read_geonames,
)

# (geonameid, name, arabic names, class, code, admin1 code, admin2 code, lat, lon, population)
GEONAMES_ROWS = [
    (9001, "Homs Governorate", "محافظة حمص,حمص", "A", "ADM1", "11", "", 34.5, 37.9, 1800000),
    (9002, "Idlib Governorate", "محافظة إدلب,إدلب", "A", "ADM1", "07", "", 35.8, 36.6, 1500000),
    (9003, "Daraa Governorate", "محافظة درعا,درعا", "A", "ADM1", "08", "", 32.8, 36.2, 1000000),
    (9004, "Tadmur District", "منطقة تدمر", "A", "ADM2", "11", "1105", 34.6, 38.3, 0),
    (9101, "Jubb al Jarrah Test", "جب الجراح التجريبية", "P", "PPL", "11", "1105", 34.90, 37.42, 8000),
    (9102, "Umm Tuwaynah Test", "أم التوينة التجريبية", "P", "PPL", "11", "1105", 34.85, 37.60, 300),
    (9103, "Al Qunayyah Test", "القنية التجريبية", "P", "PPL", "07", "", 35.98, 36.40, 2500),
    (9104, "Nahtah Test", "ناحتة التجريبية", "P", "PPL", "08", "", 32.84, 36.38, 9000),
    (9105, "Wadi Well", "بئر الوادي", "H", "WLL", "11", "", 34.7, 38.1, 0),
    (9106, "No Arabic Name", "Nowhere", "P", "PPL", "11", "", 34.7, 38.0, 10),
]


def geonames_line(gid, name, alt, fclass, fcode, a1, a2, lat, lon, pop):
    cols = [str(gid), name, name, alt, f"{lat}", f"{lon}", fclass, fcode, "SY", "", a1, a2, "", "", str(pop), "",
            "200", "Asia/Damascus", "2024-01-01"]
    return "\t".join(cols)


def synthetic_villages(n):
    """Villages with Arabic names of their own, spread over the Homs desert: bulk for the import."""
    for k in range(n):
        yield (20000 + k, f"Test Village {k}", f"قرية الاختبار رقم {k}", "P", "PPL", "11", "1105",
               34.0 + (k % 50) * 0.02, 37.0 + (k // 50) * 0.1, k)


@pytest.fixture
def geonames_file(tmp_path):
    path = tmp_path / "SY.txt"
    rows = GEONAMES_ROWS + list(synthetic_villages(300))
    path.write_text("\n".join(geonames_line(*r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_feature_kinds():
    assert feature_kind("P", "PPLC", 1_700_000) == "city"
    assert feature_kind("P", "PPL", 25_000) == "town"
    assert feature_kind("P", "PPL", 800) == "village"
    assert feature_kind("A", "ADM1", 0) == "admin1"
    assert feature_kind("S", "AIRP", 0) == "airport"
    assert feature_kind("H", "WLL", 0) is None


def test_read_geonames(geonames_file):
    places = {p.id: (p, names) for p, names in read_geonames(geonames_file, {("Syria", "حمص"): "Homs",
                                                                             ("Syria", "ادلب"): "Idleb"})}
    assert "gn-9105" not in places and "gn-9106" not in places  # a well; no Arabic name
    village, names = places["gn-9101"]
    assert village.admin1 == "Homs"  # the built-in (ACLED) spelling, found by the Arabic name
    assert village.admin2 == "Tadmur" and village.country == "Syria"
    assert names == ["جب الجراح التجريبية"]
    assert places["gn-9103"][0].admin1 == "Idleb"
    assert places["gn-9104"][0].admin1 == "Daraa"  # no built-in match given: the GeoNames name
    assert len(places) == 8 + 300


def test_bad_geonames_file_names_the_line(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text(geonames_line(*GEONAMES_ROWS[0]) + "\nnot\ta\tgeonames\trow\n", encoding="utf-8")
    with pytest.raises(GazetteerImportError, match=r"bad.txt:2: 4 columns"):
        read_geonames(path)


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_search_extract_remove(capsys, tmp_path, geonames_file):
    index = tmp_path / "gaz.sqlite"
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "import", "geonames", str(geonames_file))
    assert code == 0 and "308 places" in out
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "sources")
    assert "SY.txt" in out and "308 places" in out and "built-in" in out
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "search", "جب الجراح التجريبية")
    assert code == 0 and "gn-9101" in out and "Homs > Tadmur" in out
    article = tmp_path / "a.jsonl"
    article.write_text(json.dumps({"id": "x", "published": "2021-03-04", "text":
                                   "قصفت قوات النظام قرية جب الجراح التجريبية في ريف حمص الشرقي أمس."},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--format", "jsonl", "--gazetteer", str(index))
    loc = json.loads(out)["events"][0]["location"]
    assert (loc["latitude"], loc["longitude"]) == (34.9, 37.42) and loc["admin1"] == "Homs"
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "remove", "SY.txt")
    assert code == 0 and "308 places" in out
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "search", "جب الجراح التجريبية")
    assert code == 1


def test_import_from_zip_with_alternate_names(capsys, tmp_path, geonames_file):
    zpath = tmp_path / "SY.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.write(geonames_file, "SY.txt")
        zf.writestr("readme.txt", "GeoNames readme")
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t9102\tar\tام توينة\t\t\t\t\t\t\n2\t9102\ten\tUmm Tuwaynah\t\t\t\t\t\t\n", encoding="utf-8")
    index = tmp_path / "gaz.sqlite"
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "import", "geonames", str(zpath),
                       "--alternate-names", str(alt))
    assert code == 0 and "1 more Arabic names" in out
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "search", "أم توينة")
    assert code == 0 and "gn-9102" in out


ADMIN_HEADER = ("admin1Name_en,admin1Name_ar,admin1Pcode,admin2Name_en,admin2Name_ar,admin2Pcode,"
                "admin3Name_en,admin3Name_ar,admin3Pcode,admin4Name_en,admin4Name_ar,admin4Pcode,latitude,longitude")
ADMIN_CSV = ADMIN_HEADER + """
Homs,حمص,SY04,Tadmur,تدمر,SY0405,Sukhneh,السخنة,SY040501,Test Farm A,مزرعة الاختبار الأولى,C1001,34.90,38.80
Homs,حمص,SY04,Tadmur,تدمر,SY0405,Sukhneh,السخنة,SY040501,Test Farm B,مزرعة الاختبار الثانية,C1002,34.95,38.90
Idleb,إدلب,SY07,Harim,حارم,SY0703,Salqin,سلقين,SY070301,Test Hill,تلة الاختبار,C2001,36.10,36.45
"""


def test_admin_table_columns_are_detected():
    cols = detect_admin_columns(ADMIN_CSV.splitlines()[0].split(","))
    assert cols.name_ar[4] == "admin4Name_ar" and cols.pcode[1] == "admin1Pcode"
    assert (cols.lat, cols.lon) == ("latitude", "longitude")
    assert "level 4" in cols.describe()


def test_admin_table_import(capsys, tmp_path):
    path = tmp_path / "syr_adm.csv"
    path.write_text(ADMIN_CSV, encoding="utf-8")
    places = {p.id: p for p, _ in read_admin_table(path)}
    farm = places["adm-C1001"]
    assert farm.kind == "village" and farm.admin1 == "Homs" and farm.admin3 == "Sukhneh"
    sub = places["adm-SY040501"]  # the subdistrict: the mean of its communities
    assert sub.kind == "admin3" and abs(sub.latitude - 34.925) < 1e-6
    index = tmp_path / "gaz.sqlite"
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "import", "admin", str(path))
    assert code == 0 and "understood" in out and "level 4" in out


def test_admin_table_without_names_is_refused(capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "--gazetteer", str(tmp_path / "g.sqlite"), "import", "admin", str(path))
    assert code == 1 and "no admin name columns" in err and "bad.csv" in err


def test_analyst_yaml_places(capsys, tmp_path):
    yml = tmp_path / "checkpoints.yaml"
    yml.write_text("""
- name: Test checkpoint 44
  name_ar: حاجز الاختبار الرابع
  aliases_ar: [حاجز الأربعة والأربعين]
  lat: 34.71
  lon: 36.70
  type: site
  parent: حمص
""", encoding="utf-8")
    index = tmp_path / "gaz.sqlite"
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "add", str(yml))
    assert code == 0 and "1 places" in out
    code, out, _ = run(capsys, "gazetteer", "--gazetteer", str(index), "search", "حاجز الأربعة والأربعين")
    assert code == 0 and "Homs" in out and "user" in out


def test_analyst_yaml_errors_name_the_place(capsys, tmp_path):
    yml = tmp_path / "bad.yaml"
    yml.write_text("- name: No coordinates\n  name_ar: بلا إحداثيات\n", encoding="utf-8")
    code, _, err = run(capsys, "gazetteer", "--gazetteer", str(tmp_path / "g.sqlite"), "add", str(yml))
    assert code == 1 and "place #1 (No coordinates): missing lat, lon" in err


def test_index_reimport_replaces_a_source(tmp_path, geonames_file):
    idx = GazetteerIndex(tmp_path / "g.sqlite")
    from marsad.geo.index import ImportReport

    for _ in range(2):
        idx.replace_source("SY", "geonames", str(geonames_file), read_geonames(geonames_file), ImportReport("SY"))
    assert sum(1 for _ in idx.iter_places()) == 308
    assert idx.remove("SY") == 308 and not idx.sources()
    idx.close()


def test_missing_index_is_a_clear_error(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("قصف على حمص", encoding="utf-8")
    code, _, err = run(capsys, "extract", str(article), "--gazetteer", str(tmp_path / "none.sqlite"))
    assert code == 2 and "no gazetteer index" in err
