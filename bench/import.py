"""Prints import throughput (plain text and HTML, end to end, one core) and how long the window's
event loop ever stalls while a large import runs in the background.

usage: python bench/import.py CORPUS.jsonl.gz [--text 2000] [--html 200] [--gui 2000] [--stages]
(0 skips a part; --stages also prints where each article's time goes, in ms per article)
Files are made from the corpus's `text` and `html` fields, cycled and made unique with
trailing blank space (so none is a duplicate, and the cleaned article is the same).  End to end
means: read the file, detect its charset, clean it, find quotes, store it and index it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.library import Library  # noqa: E402
from reader.operations import import_paths  # noqa: E402


def write_files(records: list[dict], field: str, n: int, folder: Path, suffix: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    usable = [r[field] for r in records if r.get(field)]
    paths = []
    for i in range(n):
        text = usable[i % len(usable)] + "\n" + " " * (i // len(usable) + 1)
        p = folder / f"{i:05d}{suffix}"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def throughput(folder: Path, n: int, label: str, stages: bool = False) -> float:
    timer = StageTimer() if stages else None
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "lib.sqlite") as lib:
        t0 = time.perf_counter()
        c0 = time.process_time()
        try:
            report = import_paths(lib, [folder])
        finally:
            wall = time.perf_counter() - t0
            cpu = time.process_time() - c0
            if timer is not None:
                timer.restore()
    rate, cpu_rate = len(report.imported) / wall, len(report.imported) / cpu
    print(f"{label}: {len(report.imported):,} of {n:,} imported ({len(report.failed)} failed, "
          f"{len(report.duplicates)} duplicates) in {wall:.1f} s: {rate:,.0f} articles/s wall, {cpu_rate:,.0f} per CPU-second")
    if timer is not None:
        timer.print(len(report.imported) or 1, wall)
    return rate


class StageTimer:
    """Per-stage time of an import, by wrapping the functions each stage runs (a few
    microseconds an article on top of ~5 ms).  Nested stages are reported net of the
    stages inside them, so the rows add up to the wall time."""

    # (row, where the function is looked up when called, its name)
    STAGES = (
        ("read file", "reader.operations.importing", "read_input_file"),
        ("duplicate check", "reader.operations.importing", "_prepare"),
        ("isolation check, glue", "reader.operations.importing", "clean_document"),
        ("ingest glue", "reader.ingest", "ingest"),
        ("sniff format", "reader.ingest", "sniff_format"),
        ("decode, charset", "reader.ingest", "decode_text"),
        ("cleaner", "reader.ingest", "clean_text"),
        ("decode HTML, charset", "reader.ingest.html", "decode_html"),  # imported by ingest() when called
        ("HTML cleaner", "reader.ingest.html", "clean_html"),
        ("quotes", "reader.operations.importing", "article_quotes"),
        ("store (Library.add)", "reader.library.store:Library", "add"),
        ("blocks JSON", "reader.library.store", "_blocks_json"),
    )

    def __init__(self) -> None:
        import importlib

        self.total: dict[str, float] = {row: 0.0 for row, *_ in self.STAGES}
        self.total["transaction"] = 0.0
        self.stack: list[str] = []  # the stages running now, innermost last
        self.saved = []
        for row, owner, attr in self.STAGES:
            module, _, cls = owner.partition(":")
            target = importlib.import_module(module)
            if cls:
                target = getattr(target, cls)
            original = getattr(target, attr, None)
            if original is None:  # renamed since: its time shows under the stage around it
                del self.total[row]
                continue
            self.saved.append((target, attr, original))
            setattr(target, attr, self._timed(row, original))
        from reader.library.store import Library

        batch = Library.batch
        self.saved.append((Library, "batch", batch))
        timer = self

        class _TimedBatch:
            def __init__(self, lib):
                self.cm = batch(lib)

            def __enter__(self):
                t = time.perf_counter()
                try:
                    return self.cm.__enter__()
                finally:
                    timer.total["transaction"] += time.perf_counter() - t

            def __exit__(self, *exc):
                t = time.perf_counter()
                try:
                    return self.cm.__exit__(*exc)
                finally:
                    timer.total["transaction"] += time.perf_counter() - t

        Library.batch = lambda lib: _TimedBatch(lib)

    def _timed(self, row, fn):
        total, stack = self.total, self.stack

        def timed(*args, **kwargs):
            stack.append(row)
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                dt = time.perf_counter() - t
                stack.pop()
                total[row] += dt
                if stack:  # reported net: the enclosing stage loses this time
                    total[stack[-1]] -= dt

        return timed

    def restore(self) -> None:
        for target, attr, original in reversed(self.saved):
            setattr(target, attr, original)

    def print(self, n: int, wall: float) -> None:
        rows = [(row, t) for row, t in self.total.items() if t]  # not the other format's stages
        rows.append(("other (walk, loop, report)", wall - sum(self.total.values())))
        cleaner = self.total.get("cleaner", 0.0) + self.total.get("HTML cleaner", 0.0)
        print(f"  per article, ms (of {n:,}):")
        for row, t in rows:
            print(f"    {row:<28} {1000 * t / n:6.3f}")
        print(f"    {'= all but the cleaner':<28} {1000 * (wall - cleaner) / n:6.3f}   (cleaner {1000 * cleaner / n:.3f})")


def gui_stall(folder: Path, n: int) -> None:
    from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "lib.sqlite") as lib:
        w = MainWindow(lib, QSettings(os.path.join(d, "s.ini"), QSettings.Format.IniFormat), rederive_stale=False)
        w.show()
        app.processEvents()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]

        def tick():
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e6)
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        t0 = time.perf_counter()
        w.import_paths([str(folder)])
        while w.import_running():
            app.processEvents()
            time.sleep(0.001)
        wall = time.perf_counter() - t0
        timer.stop()
        imported = len(w.last_report.imported) if w.last_report else 0
        w.close()
    gaps.sort()
    print(f"GUI during a {n:,}-file import ({imported:,} imported in {wall:.1f} s, {imported / wall:,.0f}/s): "
          f"event-loop gap max {gaps[-1]:.0f} ms, p99 {gaps[int(len(gaps) * 0.99)]:.0f} ms, "
          f"median {statistics.median(gaps):.0f} ms (timer every 10 ms; target: never over 100 ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--text", type=int, default=2000)
    ap.add_argument("--html", type=int, default=200)
    ap.add_argument("--gui", type=int, default=2000)
    ap.add_argument("--stages", action="store_true", help="print the time per article of each stage")
    args = ap.parse_args()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    from reader.ingest import compiled

    print("the plain-text cleaner is " + ("compiled by mypyc" if compiled.is_compiled()
                                           else "run as Python (no compiled build: see setup.py)"))
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        if args.text:
            write_files(records, "text", args.text, root / "text", ".txt")
            throughput(root / "text", args.text, "plain text", args.stages)
        if args.html:
            write_files(records, "html", args.html, root / "html", ".html")
            throughput(root / "html", args.html, "HTML pages", args.stages)
        if args.gui:
            folder = root / "gui"
            write_files(records, "text", args.gui, folder, ".txt")
            gui_stall(folder, args.gui)


if __name__ == "__main__":
    main()
