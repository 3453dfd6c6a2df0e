"""Prints the time from process start until the window is shown with its first rows painted and
the first article rendered, and the peak RSS, over repeated launches of `python main.py`.

usage: python bench/startup.py LIBRARY [--runs 7]
Also opens the window once in-process and jumps to the last row, printing how many rows'
data the list model holds afterwards (it must stay a few pages, never the whole library).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def launch(library: Path, config: str) -> tuple[float, float, int, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "READER_EXIT_AFTER_SHOWN": "1", "XDG_CONFIG_HOME": config}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--library", str(library)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    line = proc.stdout.readline()
    shown = time.perf_counter() - t0
    proc.stdout.read()
    proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if not line.startswith("shown"):
        raise SystemExit(f"the window did not report being shown (exit {proc.returncode})")
    inside = float(line.split()[1])
    return shown, inside, usage.ru_maxrss, line.strip()


def scroll_check(library: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reader.library import Library
    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d, Library.open(library) as lib:
        w = MainWindow(lib, QSettings(os.path.join(d, "s.ini"), QSettings.Format.IniFormat), rederive_stale=False)
        w.show()
        app.processEvents()
        t0 = time.perf_counter()
        QTest.keyClick(w.list, Qt.Key.Key_End)
        app.processEvents()
        ms = (time.perf_counter() - t0) * 1000
        rows = w.model.rowCount()
        cached = w.model.cached_rows()
        w.close()
    return f"jump to last of {rows:,} rows: {ms:.1f} ms, rows held in memory afterwards: {cached:,}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("library", type=Path)
    p.add_argument("--runs", type=int, default=7)
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as config:
        launch(args.library, config)  # warm the OS file cache once, as a second start would be
        results = [launch(args.library, config) for _ in range(args.runs)]
    shown = [r[0] for r in results]
    inside = [r[1] for r in results]
    rss = [r[2] / 1024 for r in results]
    print(f"library: {args.library} ({args.library.stat().st_size / 2**20:,.0f} MB)")
    print(f"window shown, first rows painted, first article rendered (from process start, {args.runs} runs):")
    print(f"  median {statistics.median(shown):.3f} s   min {min(shown):.3f}   max {max(shown):.3f}")
    print(f"  (inside the process, from its first import: median {statistics.median(inside):.3f} s)")
    print(f"peak RSS: median {statistics.median(rss):.0f} MB   max {max(rss):.0f} MB")
    print(f"last launch said: {results[-1][3]}")
    print(scroll_check(args.library))


if __name__ == "__main__":
    main()
