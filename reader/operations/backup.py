"""Backups of a library: make one, list them, keep the last few, restore one safely (no Qt)."""

from __future__ import annotations

import datetime as _dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader.errors import LibraryError
from reader.library import SCHEMA_VERSION, Library
from reader.library.store import SQLITE_HEADER, LibraryDamaged, library_error

DAILY = "daily"
KEEP_DAILY = 7
DAILY_SECONDS = 24 * 3600

_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<label>[\w.-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupFile:
    """One backup in the backups folder: its path, when it was made and why."""

    path: Path
    made: _dt.datetime
    label: str

    def describe(self) -> str:
        size = self.path.stat().st_size if self.path.exists() else 0
        return f"{self.made:%Y-%m-%d %H:%M} · {self.label} · {size / 2**20:.1f} MB"


def backups_folder(library_path: Path) -> Path:
    """Where automatic backups go: a `backups` folder beside the library."""
    return Path(library_path).parent / "backups"


def backup_path(library_path: Path, label: str, folder: Path | None = None, now: _dt.datetime | None = None) -> Path:
    """A new, unused backup file name: `<stem>-<stamp>-<label>.sqlite`."""
    library_path = Path(library_path)
    folder = folder or backups_folder(library_path)
    stamp = (now or _dt.datetime.now()).strftime(_STAMP)
    path = folder / f"{library_path.stem}-{stamp}-{label}.sqlite"
    n = 1
    while path.exists():
        path = folder / f"{library_path.stem}-{stamp}-{n}-{label}.sqlite"
        n += 1
    return path


def list_backups(library_path: Path, folder: Path | None = None) -> list[BackupFile]:
    """This library's backups in its backups folder, newest first."""
    library_path = Path(library_path)
    folder = folder or backups_folder(library_path)
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if m and m["stem"] == library_path.stem and p.is_file():
                made = _dt.datetime.strptime(m["stamp"], _STAMP)
                found.append(BackupFile(p, made, m["label"]))
    found.sort(key=lambda b: (b.made, b.path.stat().st_mtime_ns, b.path.name), reverse=True)
    return found


def make_backup(library: Library, dest: str | Path | None = None, label: str = "manual") -> Path:
    """Copy the library (online backup API, safe while in use) to `dest` or the backups folder;
    the copy is checked before it counts as a backup."""
    dest = Path(dest).expanduser() if dest else backup_path(library.path, label)
    if dest.is_dir():
        dest = backup_path(library.path, label, folder=dest)
    if dest.exists() and dest.resolve() == Path(library.path).resolve():
        raise LibraryError(f"{dest}: that is the library itself; choose another file for the backup")
    library.backup(dest)
    problem = check_file(dest)
    if problem:
        dest.unlink(missing_ok=True)
        raise LibraryDamaged(f"{library.path}: the library is damaged ({problem}); no backup was made, "
                             "and the older backups are kept")
    return dest


def prune_backups(library_path: Path, label: str = DAILY, keep: int = KEEP_DAILY, folder: Path | None = None) -> list[Path]:
    """Delete all but the newest `keep` backups with this label; returns the deleted ones."""
    old = [b.path for b in list_backups(library_path, folder) if b.label == label][keep:]
    for p in old:
        p.unlink(missing_ok=True)
    # Copies cut short by a crash or a full disk, left behind under their .partial name.
    folder = folder or backups_folder(Path(library_path))
    if folder.is_dir():
        for p in folder.glob(f"{Path(library_path).stem}-*.sqlite.partial"):
            if p.stat().st_mtime < _dt.datetime.now().timestamp() - 3600:
                p.unlink(missing_ok=True)
    return old


def daily_backup_due(library_path: Path, now: _dt.datetime | None = None, folder: Path | None = None) -> bool:
    """True when no daily backup of this library is younger than a day."""
    now = now or _dt.datetime.now()
    daily = [b for b in list_backups(library_path, folder) if b.label == DAILY]
    return not daily or (now - daily[0].made).total_seconds() >= DAILY_SECONDS or daily[0].made > now


def daily_backup(library_path: Path, now: _dt.datetime | None = None, folder: Path | None = None) -> Path | None:
    """Make today's backup if due, on its own connection (for a worker thread), and keep the
    last KEEP_DAILY; None when one was made less than a day ago."""
    library_path = Path(library_path)
    if not daily_backup_due(library_path, now, folder):
        return None
    dest = backup_path(library_path, DAILY, folder, now)
    with Library.open(library_path, readonly=True) as lib:
        make_backup(lib, dest, DAILY)
    prune_backups(library_path, DAILY, KEEP_DAILY, folder)
    return dest


def check_file(path: Path) -> str | None:
    """What is wrong with a would-be library file (damaged, not ours, too new), or None."""
    path = Path(path)
    try:
        with open(path, "rb") as f:
            if f.read(16) != SQLITE_HEADER:
                return "not an SQLite database"
    except OSError as e:
        return f"cannot be read ({e.strerror or e})"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as e:
        return str(e)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check(5)")]
        if rows != ["ok"]:
            return "; ".join(rows)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version > SCHEMA_VERSION:
            return f"made by a newer version of Reader (schema {version})"
        if version == 0 or "articles" not in tables:
            return "not a Reader library"
        n_fts = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        if n_fts != n:
            return f"its full-text index has {n_fts} rows for {n} articles"
    except sqlite3.DatabaseError as e:
        return str(e)
    finally:
        conn.close()
    return None


def aside_path(library_path: Path, label: str, now: _dt.datetime | None = None) -> Path:
    """`<name>.<label>-<stamp>.sqlite` beside the library, never an existing file."""
    library_path = Path(library_path)
    stamp = (now or _dt.datetime.now()).strftime(_STAMP)
    path = library_path.with_name(f"{library_path.stem}.{label}-{stamp}{library_path.suffix or '.sqlite'}")
    n = 1
    while path.exists():
        path = library_path.with_name(f"{library_path.stem}.{label}-{stamp}-{n}{library_path.suffix or '.sqlite'}")
        n += 1
    return path


def restore(library_path: str | Path, backup: str | Path) -> Path | None:
    """Make the library the backup's copy. The backup is verified first (integrity_check);
    the current library is copied aside to `<name>.before-restore-<stamp>.sqlite` (returned,
    None when there was none) and never overwritten before that copy exists. The backup is
    written into the live file with the online backup API, so a window open on the library
    sees the change instead of being pulled from under it."""
    library_path, backup = Path(library_path).expanduser(), Path(backup).expanduser()
    if not backup.is_file():
        raise LibraryError(f"{backup}: no such backup file")
    if library_path.exists() and backup.resolve() == library_path.resolve():
        raise LibraryError(f"{backup}: that is the library itself")
    problem = check_file(backup)
    if problem:
        raise LibraryError(f"{backup}: cannot restore this backup: {problem}; the library was not changed")
    aside = None
    if library_path.exists() and library_path.stat().st_size > 0:
        aside = aside_path(library_path, "before-restore")
        try:
            with Library.open(library_path, readonly=True) as lib:
                lib.backup(aside)
        except LibraryError:
            # Damaged (or not ours): its bytes are kept as they are, moved out of the way.
            set_aside(library_path, aside)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(str(library_path), timeout=10.0)
        try:
            target.execute("PRAGMA busy_timeout=10000")
            source.backup(target)
        except sqlite3.DatabaseError as e:
            raise (library_error(library_path, e) or e) from e
        finally:
            target.close()
    finally:
        source.close()
    # Opening migrates an older backup (itself backed up first) and checks the result.
    Library.open(library_path).close()
    return aside


def set_aside(library_path: str | Path, aside: Path | None = None, label: str = "damaged") -> Path:
    """Move a (damaged) library file and its WAL out of the way, bytes untouched, so that a
    new or restored library can take its name; returns where it went."""
    library_path = Path(library_path)
    aside = aside or aside_path(library_path, label)
    wal = library_path.with_name(library_path.name + "-wal")
    if wal.exists():
        os.replace(wal, aside.with_name(aside.name + "-wal"))
    library_path.with_name(library_path.name + "-shm").unlink(missing_ok=True)  # rebuilt from the WAL
    os.replace(library_path, aside)
    return aside


def new_library_beside(library_path: str | Path) -> Path:
    """An unused file name beside the library for a fresh one: `<name>.new-<stamp>.sqlite`."""
    return aside_path(Path(library_path), "new")


def recover(library_path: str | Path, damaged: bool, backup: str | Path | None = None) -> tuple[Path, Path | None]:
    """After a library could not be opened: start a new one, or one restored from `backup`.

    A damaged Reader library (`damaged`, with an SQLite header) is moved aside as
    `<name>.damaged-<stamp>.sqlite`, bytes untouched, so the new library takes its name and
    the next start finds it. Any other file (another program's database, not a database) is
    left where it is and the new library goes beside it as `<name>.new-<stamp>.sqlite`.
    Returns (the library to open, where the damaged file went or None)."""
    library_path = Path(library_path).expanduser()
    aside = None
    target = library_path
    if library_path.exists():
        with open(library_path, "rb") as f:
            ours = damaged and f.read(16) == SQLITE_HEADER
        if ours:
            aside = set_aside(library_path)
        else:
            target = new_library_beside(library_path)
    if backup is not None:
        restore(target, backup)
    else:
        Library.open(target).close()
    return target, aside
