"""The overlay API a review tool calls: entries and rows written under <MARSAD_HOME>/resources/."""

import marsad
from marsad.resource_files import load_tsv_glob, load_yaml
from marsad.resource_overlay import (
    add_overlay_entry,
    add_overlay_row,
    list_overlay_entries,
    remove_overlay_entry,
    remove_overlay_row,
)

TEXT = "شنت كتائب الصقر الأحمر هجوما على قوات النظام في قرية كفرزيتونة"


def _army():
    return next(a for a in load_yaml("actors.yaml")["actors"] if a["id"] == "SY-ARMY")


def test_an_accepted_alias_and_place_reach_the_next_pipeline(home_overlay):
    before = marsad.extract(TEXT, published="2021-03-01").document
    assert not before.places
    path = add_overlay_entry("actors.yaml", {"id": "SY-OPPOSITION-REBELS", "aliases_ar": ["كتائب الصقر الأحمر"]})
    assert path == home_overlay / "actors.yaml"
    add_overlay_row("gazetteer.tsv", {"id": "sy-test-kz", "name": "Kafr Zaytuna", "name_ar": "كفرزيتونة",
                                      "kind": "village", "country": "Syria", "admin1": "Hama", "lat": "35.3",
                                      "lon": "36.6"})
    doc = marsad.extract(TEXT, published="2021-03-01").document
    assert [p.place.name for p in doc.places] == ["Kafr Zaytuna"]
    assert "Opposition Rebels (Syria)" in [a.name for a in doc.actors]
    header = (home_overlay / "gazetteer.tsv").read_text(encoding="utf-8").split("\n")[0].split("\t")
    assert header[:4] == ["id", "name", "name_ar", "aliases_ar"]  # the package's columns


def test_entries_merge_list_and_remove(home_overlay):
    n = len(_army()["aliases_ar"])
    add_overlay_entry("actors.yaml", {"id": "SY-ARMY", "aliases_ar": ["جيش الاختبار"]})
    add_overlay_entry("actors.yaml", {"id": "SY-ARMY", "aliases_ar": ["جيش الاختبار", "جيش التجربة"]})
    assert len(_army()["aliases_ar"]) == n + 2
    assert [(e.file, e.section, e.id, e.action) for e in list_overlay_entries()] == \
        [("actors.yaml", "actors", "SY-ARMY", "add")]
    assert list_overlay_entries()[0].data["aliases_ar"] == ["جيش الاختبار", "جيش التجربة"]
    assert remove_overlay_entry("actors.yaml", "SY-ARMY")
    assert len(_army()["aliases_ar"]) == n
    assert not remove_overlay_entry("actors.yaml", "SY-ARMY")
    assert remove_overlay_entry("actors.yaml", "SY-NDF", hide=True)
    assert "SY-NDF" not in {a["id"] for a in load_yaml("actors.yaml")["actors"]}
    assert [(e.id, e.action) for e in list_overlay_entries("actors.yaml")] == [("SY-NDF", "remove")]
    add_overlay_entry("actors.yaml", {"id": "SY-NDF", "name": "NDF again", "inter": 3, "country": "Syria"})
    assert next(a for a in load_yaml("actors.yaml")["actors"] if a["id"] == "SY-NDF")["name"] == "NDF again"


def test_rows_override_and_hide(home_overlay):
    add_overlay_row("outlets.tsv", {"id": "homs-now", "name": "Homs Now", "source_scale": "Subnational"})
    add_overlay_row("outlets.tsv", {"id": "homs-now", "name": "Homs Now", "source_scale": "Local partner"})
    assert [(e.id, e.data["source_scale"]) for e in list_overlay_entries("outlets.tsv")] == \
        [("homs-now", "Local partner")]
    ids = {r["id"] for r in load_tsv_glob()}
    some = sorted(ids)[0]
    assert remove_overlay_row("gazetteer.tsv", some, hide=True)
    assert some not in {r["id"] for r in load_tsv_glob()}
    assert remove_overlay_row("gazetteer.tsv", f"-{some}")
    assert some in {r["id"] for r in load_tsv_glob()}
