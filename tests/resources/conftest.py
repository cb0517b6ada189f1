"""An overlay folder of the test's own (MARSAD_RESOURCES), with every cache dropped before and after."""

from pathlib import Path

import pytest

from marsad.resource_files import clear_caches


class Overlay:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        clear_caches()
        return path


@pytest.fixture
def overlay(tmp_path, monkeypatch):
    root = tmp_path / "overlay"
    root.mkdir()
    monkeypatch.setenv("MARSAD_RESOURCES", str(root))
    clear_caches()
    yield Overlay(root)
    monkeypatch.delenv("MARSAD_RESOURCES")
    clear_caches()


@pytest.fixture
def home_overlay(tmp_path, monkeypatch):
    """A fresh MARSAD_HOME, whose resources/ folder the overlay API writes to."""
    monkeypatch.setenv("MARSAD_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MARSAD_RESOURCES", raising=False)
    clear_caches()
    yield tmp_path / "home" / "resources"
    clear_caches()
