"""Test-wide settings: Marsad's home folder is a fresh temporary one, never the user's own."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def isolated_marsad_home(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("MARSAD_HOME", str(tmp_path_factory.mktemp("marsad-home")))
    yield
    mp.undo()
