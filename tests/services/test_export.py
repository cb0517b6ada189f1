"""Exports: every event in GeoJSON (GDAL reads integer columns as integers), typed Parquet, stated counts."""

import json
import shutil
import subprocess

import pytest

from tests.helpers import run_cli as run
from tests.store.test_store import PUB, REPORT_A, REPORT_C, write_jsonl

NO_PLACE = "قتل ثلاثة مدنيين اليوم في غارة جوية، بحسب ما أفاد ناشطون."
INTEGER_PROPS = ("inter1", "inter2", "iso", "interaction", "fatalities", "time_precision", "geo_precision",
                 "timestamp", "year")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    d = tmp_path_factory.mktemp("export")
    src = write_jsonl(d / "in.jsonl", [{"id": "a", "text": REPORT_A, "published": PUB, "outlet": "A"},
                                       {"id": "c", "text": REPORT_C, "published": PUB, "outlet": "A"},
                                       {"id": "n", "text": NO_PLACE, "published": "2021-05-10", "outlet": "N"}])
    from marsad.cli import main

    assert main(["ingest", str(src), "--db", str(d / "m.db"), "-q"]) == 0
    return d / "m.db"


def geojson(capsys, store, tmp_path):
    path = tmp_path / "e.geojson"
    code, _, err = run(capsys, "export", "--db", store, "--format", "geojson", "-o", path)
    assert code == 0
    return path, json.loads(path.read_text(encoding="utf-8")), err


def test_geojson_writes_every_event_with_typed_properties(capsys, store, tmp_path):
    _, out, _ = run(capsys, "export", "--db", store, "--format", "jsonl")
    n = len(out.splitlines())
    _, data, err = geojson(capsys, store, tmp_path)
    assert len(data["features"]) == n
    nulls = [f for f in data["features"] if f["geometry"] is None]
    assert nulls and f"exported {n} events ({len(nulls)} without a location, with a null geometry)" in err
    for f in data["features"]:
        for k in INTEGER_PROPS:
            v = f["properties"][k]
            assert v is None or (isinstance(v, int) and not isinstance(v, bool)), (k, v)
        assert isinstance(f["properties"]["interaction"], int)


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="GDAL's ogrinfo is not installed (apt-get install gdal-bin)")
def test_gdal_reads_all_events_and_integer_columns(capsys, store, tmp_path):
    path, data, _ = geojson(capsys, store, tmp_path)
    info = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(path)], capture_output=True, text=True, timeout=60)
    assert info.returncode == 0, info.stderr
    assert f"Feature Count: {len(data['features'])}" in info.stdout
    for k in INTEGER_PROPS:
        line = next(x for x in info.stdout.splitlines() if x.strip().startswith(f"{k}:"))
        assert "Integer" in line, line


def test_parquet_types(capsys, store, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "e.parquet"
    code, _, _ = run(capsys, "export", "--db", store, "--format", "parquet", "-o", path)
    assert code == 0
    table = pq.read_table(path)
    assert table.schema.field("timestamp").type == pa.int64()
    assert table.schema.field("interaction").type == pa.int16()
    assert table.schema.field("event_date").type == pa.date32()
    assert all(isinstance(v, int) for v in table.column("timestamp").to_pylist())


def test_csv_states_what_it_leaves_out(capsys, store):
    code, out, err = run(capsys, "export", "--db", store, "--format", "csv")
    assert code == 0 and "left out 1 that an ACLED row cannot hold: 1 with no location" in err


def test_parquet_without_pyarrow_says_how_to_install(capsys, store, tmp_path, monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    code, _, err = run(capsys, "export", "--db", store, "--format", "parquet", "-o", tmp_path / "x.parquet")
    assert code == 2 and "pip install 'marsad[parquet]'" in err
