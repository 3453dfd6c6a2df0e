"""The app facing a library it cannot open: the dialog explains, offers a backup or a new library."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys

import pytest

from reader.app import open_library
from reader.library import Library
from reader.operations import backup
from tests.conftest import ROOT
from tests.reliability.helpers import file_digest, fill_library


@pytest.fixture
def damaged(tmp_path):
    """A library with two daily backups, then truncated to half."""
    path = tmp_path / "library.sqlite"
    fill_library(path, 30, blob=3000)
    backup.daily_backup(path, now=dt.datetime(2026, 1, 1, 9))
    with Library.open(path) as lib:
        lib.tag([1], add=["newest"])
    backup.daily_backup(path, now=dt.datetime(2026, 1, 2, 9))
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path



def test_dialog_lists_backups_newest_first_and_reports_the_choice(qtbot, damaged):
    from PySide6.QtCore import Qt

    from reader.ui.library_problem import LibraryProblemDialog

    backups = backup.list_backups(damaged)
    dialog = LibraryProblemDialog(damaged, "the library file is damaged", backups)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 2
    assert dialog.backups.item(0).data(Qt.ItemDataRole.UserRole) == str(backups[0].path)
    assert "2026-01-02" in dialog.backups.item(0).text()
    qtbot.mouseClick(dialog.open_backup, Qt.MouseButton.LeftButton)
    assert dialog.choice == "backup" and dialog.backup == backups[0].path

    for button, choice in (("new_library", "new"), ("quit", "quit")):
        d = LibraryProblemDialog(damaged, "damaged", backups)
        qtbot.addWidget(d)
        qtbot.mouseClick(getattr(d, button), Qt.MouseButton.LeftButton)
        assert d.choice == choice


def test_dialog_without_backups_offers_a_new_library(qtbot, tmp_path):
    from reader.ui.library_problem import LibraryProblemDialog

    d = LibraryProblemDialog(tmp_path / "x.sqlite", "not a database", [])
    qtbot.addWidget(d)
    assert not d.open_backup.isEnabled() and d.new_library.isDefault()


def test_app_opens_the_chosen_backup_and_keeps_the_damaged_file(qtbot, damaged, monkeypatch):
    """The real dialog, driven by its buttons, through the app's own opening path."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.ui.library_problem import LibraryProblemDialog

    monkeypatch.delenv("READER_EXIT_AFTER_SHOWN", raising=False)
    before = file_digest(damaged)
    newest = backup.list_backups(damaged)[0].path
    seen = []

    def click():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LibraryProblemDialog):
            QTimer.singleShot(20, click)
            return
        seen.append(dialog.findChild(type(dialog.backups), "backupList").count())
        dialog.open_backup.click()

    QTimer.singleShot(0, click)
    lib = open_library(damaged)
    try:
        assert seen == [2]
        assert lib is not None and lib.path == damaged and lib.count() == 30
        assert "newest" in dict(lib.tags())  # the newest backup
        assert lib.check_integrity() == []
    finally:
        lib.close()
    kept = list(damaged.parent.glob("library.damaged-*.sqlite"))
    assert len(kept) == 1 and file_digest(kept[0]) == before


def test_new_library_beside_another_programs_database(tmp_path):
    path = tmp_path / "places.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (url TEXT)")
    con.commit()
    con.close()
    before = file_digest(path)
    lib = open_library(path, ask=lambda p, e, backups: ("new", None))
    try:
        assert lib.path != path and lib.path.parent == path.parent and lib.count() == 0
        assert lib.path.name.startswith("places.new-")
    finally:
        lib.close()
    assert file_digest(path) == before  # another program's file is never moved nor written


def test_a_bad_backup_asks_again(tmp_path, damaged):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("nope")
    answers = iter([("backup", bad), ("quit", None)])
    errors = []

    def ask(p, e, backups):
        errors.append(str(e))
        return next(answers)

    assert open_library(damaged, ask=ask) is None
    assert "damaged" in errors[0] and "cannot restore" in errors[1]


def test_launch_on_a_damaged_library_exits_2_without_touching_it(tmp_path, damaged):
    """The subprocess path: READER_EXIT_AFTER_SHOWN stands for a user who cannot click."""
    before = file_digest(damaged)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_EXIT_AFTER_SHOWN": "1",
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_RUNTIME_DIR": str(tmp_path / "run")}
    (tmp_path / "run").mkdir(mode=0o700)
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--library", str(damaged), "--new-instance"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "damaged" in out.stderr and "Traceback" not in out.stderr
    assert file_digest(damaged) == before


def test_new_library_in_place_of_a_damaged_one_keeps_it_aside(damaged):
    before = file_digest(damaged)
    lib = open_library(damaged, ask=lambda p, e, backups: ("new", None))
    try:
        assert lib.path == damaged and lib.count() == 0  # the next start finds the new one
    finally:
        lib.close()
    kept = list(damaged.parent.glob("library.damaged-*.sqlite"))
    assert len(kept) == 1 and file_digest(kept[0]) == before
    assert len(backup.list_backups(damaged)) == 2  # the backups are still there to restore
