"""Backups: before every migration, daily (last 7 kept), `reader backup` and `reader restore`."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from reader.errors import LibraryError
from reader.library import SCHEMA_VERSION, Library
from reader.library.schema import MIGRATIONS
from reader.operations import backup
from tests.reliability.helpers import file_digest, fill_library, run_reader, whole_or_absent
from tests.conftest import library_titles



def test_every_migration_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.sqlite"
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(str(path)), execute_plugins=False)
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
        db.execute("""INSERT INTO articles (id, title, imported_at, sort_date, content_hash)
                      VALUES (1, 'Old', '2020-01-01', '2020-01-01', 'h')""")
    db.close()
    before = file_digest(path)
    Library.open(path).close()
    made = backup.list_backups(path)
    assert [b.label for b in made] == [f"before-schema-{SCHEMA_VERSION}"]
    assert file_digest(made[0].path) == before or library_titles(made[0].path) == {"Old"}
    con = sqlite3.connect(made[0].path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1  # the library as it was
    con.close()
    # An up-to-date library is not backed up again on open.
    Library.open(path).close()
    assert len(backup.list_backups(path)) == 1


def test_daily_backup_keeps_the_last_seven(tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 10)
    day0 = dt.datetime(2026, 1, 1, 9, 0, 0)
    made = []
    for d in range(10):
        now = day0 + dt.timedelta(days=d)
        made.append(backup.daily_backup(path, now=now))
        assert made[-1] is not None
        assert backup.daily_backup(path, now=now + dt.timedelta(hours=5)) is None  # one a day
    kept = backup.list_backups(path)
    assert [b.path for b in kept] == list(reversed(made[-7:]))  # newest first
    assert all(not p.exists() for p in made[:3])
    for b in kept:
        assert backup.check_file(b.path) is None and library_titles(b.path) == library_titles(path)


def test_backup_of_a_library_in_use_by_another_connection(tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 20)
    with Library.open(path) as writer, writer.batch():
        writer.tag([1], add=["uncommitted"])
        dest = backup.daily_backup(path)  # a second connection, while a write is open
    assert dest is not None and backup.check_file(dest) is None
    with Library.open(dest, readonly=True) as copy:
        assert copy.count() == 20 and "uncommitted" not in dict(copy.tags())


def test_cli_backup_and_restore_find_every_article(tmp_path):
    path = tmp_path / "library.sqlite"
    ids = fill_library(path, 40)
    want = library_titles(path)
    out = run_reader("backup", library=path)
    assert out.returncode == 0, out.stderr
    dest = backup.list_backups(path)[0].path
    assert dest.parent == tmp_path / "backups" and str(dest) in out.stdout
    # Life goes on: articles deleted, one added, then the user wants the backup back.
    with Library.open(path) as lib:
        lib.delete(ids[:25])
        lib.tag(ids[30:], add=["later"])
    after = library_titles(path)
    out = run_reader("restore", str(dest), library=path)
    assert out.returncode == 0, out.stderr
    assert library_titles(path) == want
    n, problems = whole_or_absent(path)
    assert n == 40 and problems == []
    with Library.open(path) as lib:
        assert lib.check_integrity() == []
        for i in ids:
            art = lib.get(i, with_original=True)
            assert art.original.data and art.tags and art.quotes
    # The library as it was before the restore is kept aside, not overwritten.
    aside = list(tmp_path.glob("library.before-restore-*.sqlite"))
    assert len(aside) == 1 and library_titles(aside[0]) == after
    assert "kept at" in out.stdout and str(aside[0]) in out.stdout


def test_cli_backup_to_a_named_file(tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 5)
    target = tmp_path / "elsewhere" / "copy.sqlite"
    out = run_reader("backup", str(target), library=path)
    assert out.returncode == 0, out.stderr
    assert library_titles(target) == library_titles(path)


@pytest.mark.parametrize("bad", ["truncated", "text", "foreign"])
def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, bad):
    path = tmp_path / "library.sqlite"
    fill_library(path, 10)
    with Library.open(path, readonly=True) as lib:
        good = backup.make_backup(lib, tmp_path / "b.sqlite")
    if bad == "truncated":
        good.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif bad == "text":
        good.write_text("not a library")
    else:
        good.unlink()
        con = sqlite3.connect(good)
        con.execute("CREATE TABLE x (y)")
        con.commit()
        con.close()
    before = file_digest(path)
    with pytest.raises(LibraryError, match="cannot restore"):
        backup.restore(path, good)
    assert file_digest(path) == before
    assert not list(tmp_path.glob("*.before-restore-*"))
    out = run_reader("restore", str(good), library=path)
    assert out.returncode != 0 and len(out.stderr.strip().splitlines()) == 1


def test_restore_over_a_damaged_library_keeps_its_bytes(tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 10)
    good = tmp_path / "good.sqlite"
    with Library.open(path) as lib:
        backup.make_backup(lib, good)
    path.write_bytes(path.read_bytes()[:20_000])
    damaged = file_digest(path)
    aside = backup.restore(path, good)
    assert file_digest(aside) == damaged
    assert library_titles(path) == library_titles(good)


def test_the_window_backs_up_in_a_thread_of_its_own(tmp_path):
    """What run_gui schedules once the window is shown: today's backup off the GUI thread."""
    from types import SimpleNamespace

    from reader.app import start_daily_backup

    path = tmp_path / "library.sqlite"
    fill_library(path, 8)
    holder = SimpleNamespace()
    with Library.open(path) as lib:  # the window's own connection stays open meanwhile
        start_daily_backup(path, holder)
        holder.backup_thread.join(30)
        assert lib.count() == 8
    made = backup.list_backups(path)
    assert [b.label for b in made] == [backup.DAILY] and library_titles(made[0].path) == library_titles(path)
    start_daily_backup(path, holder)  # the same day: nothing more
    holder.backup_thread.join(30)
    assert len(backup.list_backups(path)) == 1


def test_a_backup_is_one_self_contained_file(tmp_path):
    path = tmp_path / "library.sqlite"
    fill_library(path, 5)
    dest = backup.daily_backup(path)
    assert backup.check_file(dest) is None
    assert sorted(p.name for p in dest.parent.iterdir()) == [dest.name]  # no -wal, -shm
    con = sqlite3.connect(dest)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
