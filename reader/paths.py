"""Where things live: the default library in the platform's user data folder, resources."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Reader"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def default_library_path() -> Path:
    """READER_LIBRARY if set, else library.sqlite in the user data folder (created on demand)."""
    env = os.environ.get("READER_LIBRARY")
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "library.sqlite"
