"""The pre-built pipeline on disk: used when current, rebuilt when anything it is built from changes."""

import os
import pickle

import pytest

from marsad import cache
from marsad.model import Document
from marsad.pipeline import Pipeline
from marsad.resource_files import clear_caches

TEXT = "قتل ثلاثة مدنيين في قصف جوي على مدينة إدلب أمس."


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path))
    monkeypatch.delenv("MARSAD_CACHE", raising=False)
    monkeypatch.delenv("MARSAD_RESOURCES", raising=False)
    clear_caches()
    yield tmp_path
    clear_caches()


def _builds(monkeypatch) -> list[int]:
    """Count the pipelines really built (not loaded)."""
    calls: list[int] = []
    real = Pipeline.default.__func__

    def counting(cls, *args, **kwargs):
        calls.append(1)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "default", classmethod(counting))
    return calls


def _events(pipeline: Pipeline) -> list:
    doc = pipeline(Document("t", TEXT, "2024-05-02"))
    return [(e.event_type, e.sub_event_type, e.fatalities, e.location and e.location.name) for e in doc.events]


def test_the_second_process_loads_the_pipeline_the_first_one_built(home, monkeypatch):
    built = _builds(monkeypatch)
    first = cache.cached_pipeline()
    files = list((home / "cache").glob("pipeline-*.pickle"))
    assert len(files) == 1 and built == [1]
    second = cache.cached_pipeline()
    assert built == [1]  # loaded, not built
    assert second is not first and second.stage_names == first.stage_names
    assert _events(second) == _events(first) != []
    assert not list((home / "cache").glob("*.tmp"))


def test_a_changed_resource_or_option_or_gazetteer_index_gives_another_key(home):
    base = cache.pipeline_key()
    assert cache.pipeline_key() == base
    assert cache.pipeline_key(min_confidence=0.5) != base
    overlay = home / "resources" / "actors.yaml"
    overlay.parent.mkdir(parents=True)
    overlay.write_text("actors: []\n", encoding="utf-8")
    clear_caches()  # a new process lists the folders afresh
    with_overlay = cache.pipeline_key()
    assert with_overlay != base
    overlay.write_text("actors: []\n# edited\n", encoding="utf-8")
    assert cache.pipeline_key() != with_overlay
    (home / "gazetteer.sqlite").write_bytes(b"index")
    assert cache.pipeline_key() not in (base, with_overlay)


def test_a_corrupt_or_truncated_file_is_rebuilt_and_rewritten(home, monkeypatch):
    built = _builds(monkeypatch)
    path = home / "cache" / f"pipeline-{cache.pipeline_key()}.pickle"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x80\x05not a pickle")
    pipeline = cache.cached_pipeline()
    assert built == [1] and _events(pipeline)
    assert isinstance(pickle.loads(path.read_bytes()), Pipeline)
    path.write_bytes(path.read_bytes()[:1000])  # a writer killed half-way (cannot happen with the rename)
    cache.cached_pipeline()
    assert built == [1, 1]


def test_off_means_always_built_and_nothing_written(home, monkeypatch):
    monkeypatch.setenv("MARSAD_CACHE", "off")
    built = _builds(monkeypatch)
    cache.cached_pipeline()
    cache.cached_pipeline()
    assert built == [1, 1] and not (home / "cache").exists()


def test_store_is_atomic_and_never_raises(tmp_path):
    target = tmp_path / "sub" / "thing-1.pickle"
    assert cache.store(target, {"a": 1}) and pickle.loads(target.read_bytes()) == {"a": 1}
    assert not cache.store(tmp_path / "thing-2.pickle", lambda: 0)  # not picklable: no cache, no error
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["sub", "thing-1.pickle"]
    for i in range(3, 10):
        cache.store(tmp_path / "sub" / f"thing-{i}.pickle", i)
        os.utime(tmp_path / "sub" / f"thing-{i}.pickle", ns=(i * 10**9, i * 10**9))
    assert len(list((tmp_path / "sub").glob("thing-*.pickle"))) <= 5  # old keys are pruned


def test_cache_folder_follows_marsad_home_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / "cache"
    monkeypatch.delenv("MARSAD_HOME")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert cache.cache_dir() == tmp_path / "xdg" / "marsad"
