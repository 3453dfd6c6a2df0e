"""Saves screenshots of the window on a fresh library of the sample articles.

usage: python docs/screenshot.py [OUT.png] [--theme light|sepia|dark] [--all-themes]
(runs offscreen; default docs/screenshot.png; --all-themes writes docs/theme-<name>.png)
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


def shoot(app, out: Path, theme: str) -> None:
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "library.sqlite") as lib:
        add_samples_once(lib)
        settings = QSettings(str(Path(d) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("reading/theme", theme)
        window = MainWindow(lib, settings)
        window.resize(1360, 820)
        window.show()
        glacier = next((i for i in lib.article_ids() if lib.get(i).title.startswith("Glacier")), None)
        if glacier is not None:
            window.select_article(glacier)
        import time

        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and not window.ready:  # sidebar and counts come just after
            app.processEvents()
        for _ in range(10):
            app.processEvents()
        window.grab().save(str(out))
        window.close()
    print(out)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    theme = "light"
    if "--theme" in sys.argv:
        theme = sys.argv[sys.argv.index("--theme") + 1]
        args = [a for a in args if a != theme]
    app = QApplication([])
    app.setStyle("Fusion")
    if "--all-themes" in sys.argv:
        for name in ("light", "sepia", "dark"):
            shoot(app, ROOT / "docs" / f"theme-{name}.png", name)
        return
    shoot(app, Path(args[0]) if args else ROOT / "docs" / "screenshot.png", theme)


if __name__ == "__main__":
    main()
