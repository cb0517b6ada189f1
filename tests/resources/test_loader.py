"""The layered loader: how overlays merge into the package's files, their order, and one-line errors."""

import pytest

from marsad.cli import main
from marsad.geo.gazetteer import builtin_gazetteer
from marsad.resource_files import ResourceError, clear_caches, layers, load_tsv, load_yaml, merge
from marsad.resource_merge import Remove, Replace


def test_merge_rules():
    base = {"words": ["a", "b"], "table": {"x": 1, "y": {"z": [1]}}, "n": 1,
            "items": [{"id": "A", "names": ["a1"], "kind": "k"}, {"id": "B", "names": []}]}
    over = {"words": ["b", "c"], "table": {"y": {"z": [2]}, "w": 3}, "n": 2,
            "items": [{"id": "A", "names": ["a2"], "kind": "j"}, {"id": "C", "names": ["c1"]}]}
    assert merge(base, over) == {
        "words": ["a", "b", "c"], "table": {"x": 1, "y": {"z": [1, 2]}, "w": 3}, "n": 2,
        "items": [{"id": "A", "names": ["a1", "a2"], "kind": "j"}, {"id": "B", "names": []},
                  {"id": "C", "names": ["c1"]}]}


def test_replace_and_remove():
    def base():
        return {"words": ["a", "b", "c"], "table": {"x": 1, "y": 2},
                "items": [{"id": "A", "names": ["a1"]}, {"id": "B", "names": ["b1"]}]}
    assert merge(base(), {"words": Replace(["z"])})["words"] == ["z"]
    assert merge(base(), {"words": Remove(["b"])})["words"] == ["a", "c"]
    assert merge(base(), {"table": {"x": Remove(None)}})["table"] == {"y": 2}
    assert merge(base(), {"table": Remove(None)}).keys() == {"words", "items"}
    assert merge(base(), {"items": [Remove({"id": "A"})]})["items"] == [{"id": "B", "names": ["b1"]}]
    assert merge(base(), {"items": Remove(["B"])})["items"] == [{"id": "A", "names": ["a1"]}]
    replaced = merge(base(), {"items": [Replace({"id": "A", "names": ["new"]})]})
    assert replaced["items"][0] == {"id": "A", "names": ["new"]}


def test_tags_in_files(overlay):
    overlay.write("geocoding.yaml", "near_words: !replace [قرب]\nregion_words: !remove [ريف]\ndirections:\n"
                                    "  شمال: !remove\n")
    data = load_yaml("geocoding.yaml")
    assert data["near_words"] == ["قرب"]
    assert "ريف" not in data["region_words"] and data["region_words"]
    assert "شمال" not in data["directions"] and "جنوب" in data["directions"]


def test_layer_order(tmp_path, monkeypatch, home_overlay):
    high, low = tmp_path / "high", tmp_path / "low"
    for folder, value in ((high, "high"), (low, "low"), (home_overlay, "home")):
        folder.mkdir(parents=True)
        (folder / "test.yaml").write_text(f"who: {value}\nall: [{value}]\n", encoding="utf-8")
    monkeypatch.setenv("MARSAD_RESOURCES", f"{high}:{low}".replace(":", __import__("os").pathsep))
    clear_caches()
    data = load_yaml("test.yaml")
    assert data == {"who": "high", "all": ["home", "low", "high"]}
    assert [layer.origin for layer in layers()][0] == "package"


def test_tsv_rows_override_add_and_remove(overlay):
    countries = {r["iso3"]: r for r in load_tsv("countries.tsv")}
    order = list(countries)
    overlay.write("countries.tsv", "iso3\tname_ar\nSYR\tالجمهورية العربية السورية\n-PSE\t\nXXY\tإكس\n")
    rows = load_tsv("countries.tsv")
    merged = {r["iso3"]: r for r in rows}
    assert merged["SYR"]["name_ar"] == "الجمهورية العربية السورية"
    assert merged["SYR"]["iso_numeric"] == "760"  # the columns the overlay lacks keep the package's values
    assert "PSE" not in merged and "XXY" in merged
    assert [r["iso3"] for r in rows][:5] == [i for i in order if i != "PSE"][:5]  # positions kept
    assert merged["SYR"].where.endswith("countries.tsv:2")


def test_bad_yaml_names_file_and_line(overlay):
    path = overlay.write("numbers.yaml", "units:\n  5: [خمسو\n  6: x\n")
    with pytest.raises(ResourceError, match=rf"^{path}:\d+: not valid YAML"):
        load_yaml("numbers.yaml")


def test_a_list_cannot_become_a_mapping(overlay):
    path = overlay.write("actors.yaml", "actors:\n  SY-ARMY: {aliases_ar: [x]}\n")
    with pytest.raises(ResourceError, match=rf"^{path}: actors: a mapping cannot merge into a list"):
        load_yaml("actors.yaml")


def test_an_entry_without_id_is_named(overlay):
    overlay.write("actors.yaml", "actors:\n  - name: Somebody\n")
    with pytest.raises(ResourceError, match=r"actors.yaml: actors: an entry without 'id'"):
        load_yaml("actors.yaml")


def test_bad_gazetteer_rows_name_file_line_and_field(overlay):
    path = overlay.write("gazetteer.tsv", "id\tname\tname_ar\tkind\tcountry\tlat\tlon\n"
                                          "x-1\tX\tإكس\tvillage\tSyria\tnorth\t36.6\n")
    with pytest.raises(ResourceError, match=rf"^{path}:2: field 'lat': not a number"):
        builtin_gazetteer()
    path = overlay.write("gazetteer.tsv", "id\tname\tname_ar\tkind\n" "x-1\tX\tإكس\tvillage\textra\n")
    with pytest.raises(ResourceError, match=rf"^{path}:2: 5 fields, the header has 4"):
        builtin_gazetteer()
    path = overlay.write("gazetteer.tsv", "id\tname\tname_ar\tkind\tcountry\tlat\tlon\n"
                                          "x-1\tX\t\tvillage\tSyria\t35\t36\n")
    with pytest.raises(ResourceError, match=rf"^{path}:2: gazetteer row without 'name_ar'"):
        builtin_gazetteer()


def test_the_command_prints_one_line_not_a_traceback(overlay, tmp_path, capsys):
    overlay.write("dates.yaml", "months: [not, a, mapping]\n")
    article = tmp_path / "a.txt"
    article.write_text("قتل شخص في حمص", encoding="utf-8")
    code = main(["extract", str(article), "--published", "2021-03-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "dates.yaml: months: a list cannot merge into a mapping" in err
