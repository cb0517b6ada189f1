"""Marsad's home folder, where the user's data lives (gazetteer index, store, resource overlays)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def marsad_home() -> Path:
    """Marsad's data folder: `MARSAD_HOME`, else the platform's user data folder."""
    env = os.environ.get("MARSAD_HOME")
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "marsad"
