"""The window and the CLI on one library at once: both keep working, each sees the other's writes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from PySide6.QtWidgets import QApplication

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.models import ArticleListModel
from reader.ui.watch import LibraryWatcher
from tests.conftest import ROOT
from tests.reliability.helpers import fill_library, write_articles


def _cli(path, *args):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, "-m", "reader", "--library", str(path), *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def shared(tmp_path, qtbot, settings):
    path = tmp_path / "library.sqlite"
    fill_library(path, 30)
    lib = Library.open(path)
    w = MainWindow(lib, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    watcher = LibraryWatcher(lib, interval_ms=100, parent=w)
    # What reader/ui/main_window.py does with it (see the watcher's docstring):
    watcher.changed.connect(w.model.invalidate)
    watcher.changed.connect(w.refresh_sidebar)
    watcher.changed.connect(w.update_counts)
    yield path, lib, w, watcher
    watcher.stop()
    w.close()
    QApplication.processEvents()
    lib.close()


def _tags_shown(w, article_id):
    row = w.model.row_of(article_id)
    return w.model.index(row, ArticleListModel.TAGS).data()


def test_a_tag_added_by_the_cli_appears_in_the_window(qtbot, shared):
    path, lib, w, watcher = shared
    first = lib.article_ids()[0]
    assert "from-cli" not in (_tags_shown(w, first) or "")
    proc = _cli(path, "tag", str(first), "--add", "from-cli")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    qtbot.waitUntil(lambda: "from-cli" in (_tags_shown(w, first) or ""), timeout=5000)
    sidebar_text = [w.sidebar.model_.item(r).child(c).text()
                    for r in range(w.sidebar.model_.rowCount())
                    for c in range(w.sidebar.model_.item(r).rowCount())]
    assert any(t.startswith("from-cli") for t in sidebar_text), sidebar_text


def test_window_and_cli_write_at_the_same_time(qtbot, shared, tmp_path):
    """A CLI import of a folder runs while the window tags, marks read and stars: nobody fails."""
    path, lib, w, watcher = shared
    folder = tmp_path / "incoming"
    write_articles(folder, 120, seed=11)
    ids = lib.article_ids()
    changes = []
    watcher.changed.connect(lambda: changes.append(1))
    proc = _cli(path, "import", str(folder), "--tag", "cli")
    n = 0
    while proc.poll() is None or n < 20:
        i = ids[n % len(ids)]
        w.change_tags([i], [f"window-{n}"], [])  # through the window's undoable command
        lib.set_read([i], n % 2 == 0)
        lib.set_starred([i], n % 3 == 0)
        qtbot.wait(15)
        n += 1
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "120 imported" in out
    qtbot.waitUntil(lambda: w.counts.text().startswith("150 articles"), timeout=5000)
    assert changes  # the window noticed the other process
    assert len(lib.tag_ids("cli")) == 120
    assert all(lib.tag_ids(f"window-{k}") for k in range(n))
    assert lib.check_integrity() == []


def test_two_writers_in_threads_of_their_own_connections(tmp_path):
    """Short write transactions + busy timeout: two connections hammering tags never see 'locked'."""
    path = tmp_path / "library.sqlite"
    fill_library(path, 20)
    errors = []

    def writer(name):
        try:
            with Library.open(path) as lib:
                for k in range(150):
                    lib.tag([k % 20 + 1], add=[f"{name}-{k % 7}"])
        except Exception as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b", "c")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_watcher_ignores_its_own_connection(qtbot, tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 3)
    with Library.open(path) as lib, Library.open(path) as other:
        watcher = LibraryWatcher(lib, interval_ms=60_000)
        lib.tag([1], add=["own"])
        assert not watcher.poll()
        other.tag([1], add=["other"])
        with qtbot.waitSignal(watcher.changed, timeout=1000):
            assert watcher.poll()
        assert not watcher.poll()
        watcher.stop()
