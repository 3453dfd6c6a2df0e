"""Saves a screenshot of the window on a fresh library of the sample articles.

usage: python docs/screenshot.py [OUT.png]   (runs offscreen; default docs/screenshot.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reader.library import Library  # noqa: E402
from reader.operations import add_samples_once  # noqa: E402
from reader.ui.main_window import MainWindow  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    app = QApplication([])
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "library.sqlite") as lib:
        add_samples_once(lib)
        window = MainWindow(lib, QSettings(str(Path(d) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1280, 800)
        window.show()
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(out))
        window.close()
    print(out)


if __name__ == "__main__":
    main()
