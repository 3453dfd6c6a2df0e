"""Installing and removing the freedesktop.org entry that lets a file manager "Open with Reader"."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from reader.paths import RESOURCES

DESKTOP_NAME = "reader.desktop"
MIME_TYPES = ("text/plain", "text/markdown", "text/x-markdown", "text/html")


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def installed_command() -> str:
    """Absolute path of the `reader` command that launched us, or a python -m fallback."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "reader" and argv0.exists():
        return str(argv0.resolve())
    found = shutil.which("reader", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
    if found:
        return str(Path(found).resolve())
    return f"{Path(sys.executable).resolve()} -m reader"


def desktop_entry_text(command: str, icon: str) -> str:
    template = (RESOURCES / DESKTOP_NAME).read_text(encoding="utf-8")
    return template.replace("Exec=reader %F", f"Exec={command} %F").replace("Icon=reader", f"Icon={icon}")


def install_desktop_entry(command: str | None = None) -> list[Path]:
    """Write the desktop entry and icon under XDG_DATA_HOME; return the files written."""
    data = _data_home()
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "reader.svg"
    icon.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(RESOURCES / "icons" / "reader.svg", icon)
    entry = data / "applications" / DESKTOP_NAME
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(desktop_entry_text(command or installed_command(), str(icon)), encoding="utf-8")
    return [entry, icon]


def uninstall_desktop_entry() -> list[Path]:
    """Remove what install_desktop_entry wrote; return the files removed."""
    data = _data_home()
    removed = []
    for path in (data / "applications" / DESKTOP_NAME, data / "icons" / "hicolor" / "scalable" / "apps" / "reader.svg"):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed
