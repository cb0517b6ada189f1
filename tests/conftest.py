"""Test-wide settings: Marsad's home folder is a fresh temporary one, never the user's own; no pipeline cache
(a test that swaps a stage must get what it built, tests/test_cache.py turns the cache on)."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def isolated_marsad_home(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("MARSAD_HOME", str(tmp_path_factory.mktemp("marsad-home")))
    mp.setenv("MARSAD_CACHE", "off")
    yield
    mp.undo()
