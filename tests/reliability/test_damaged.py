"""Damaged library files: refused at open with a plain sentence, never written, on the CLI in one line."""

from __future__ import annotations

import random
import sqlite3

import pytest

from reader.errors import LibraryError
from reader.library import Library
from reader.library.store import LibraryDamaged
from tests.reliability.helpers import file_digest, fill_library, run_reader


@pytest.fixture(scope="module")
def two_mb_library(tmp_path_factory):
    """A ~2 MB library, checkpointed into its main file (no WAL left)."""
    path = tmp_path_factory.mktemp("damaged") / "sound.sqlite"
    fill_library(path, 120, blob=12_000)
    assert 1_500_000 < path.stat().st_size < 3_500_000
    assert not path.with_name(path.name + "-wal").exists()
    return path


def _copy(src, dst):
    dst.write_bytes(src.read_bytes())
    return dst


def overwrite_middle(path, seed, length=16 * 4096):
    data = bytearray(path.read_bytes())
    rng = random.Random(seed)
    start = len(data) // 2 + rng.randrange(-len(data) // 4, len(data) // 4)
    data[start:start + length] = rng.randbytes(length)
    path.write_bytes(bytes(data))


def truncate_half(path, seed=0):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def not_a_database(path, seed=0):
    path.write_bytes(b"<html><body>this is a saved web page, not a library</body></html>\n" * 100)


def another_program(path, seed=0):
    path.unlink()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    con.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    con.commit()
    con.close()


def header_zeroed(path, seed=0):
    data = bytearray(path.read_bytes())
    data[0:100] = bytes(100)
    path.write_bytes(bytes(data))


DAMAGES = {
    **{f"overwrite-middle-{s}": (lambda p, s=s: overwrite_middle(p, s)) for s in range(8)},
    "truncate-half": truncate_half,
    "not-a-database": not_a_database,
    "another-program": another_program,
    "header-zeroed": header_zeroed,
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_damaged_library_is_refused_and_never_written(tmp_path, two_mb_library, damage):
    path = _copy(two_mb_library, tmp_path / "library.sqlite")
    DAMAGES[damage](path)
    before = file_digest(path)
    with pytest.raises(LibraryError) as caught:
        Library.open(path)
    message = str(caught.value)
    assert str(path) in message and "\n" not in message
    if damage != "another-program":
        assert isinstance(caught.value, LibraryDamaged)
    assert file_digest(path) == before  # the damaged file is evidence: never written


def test_damage_found_after_open_is_a_library_error(tmp_path, two_mb_library, monkeypatch):
    """Libraries too big to check at open: the first query touching a damaged page says so."""
    from reader.library import store

    path = _copy(two_mb_library, tmp_path / "library.sqlite")
    monkeypatch.setattr(store, "OPEN_CHECK_MAX_BYTES", 0)
    # Zero every b-tree page past the first few: structure, not just blob content, is gone.
    data = bytearray(path.read_bytes())
    data[8 * 4096:] = bytes(len(data) - 8 * 4096)
    path.write_bytes(bytes(data))
    try:
        lib = Library.open(path)
    except LibraryDamaged:
        return  # found at open already: fine too
    try:
        with pytest.raises(LibraryDamaged, match="damaged"):
            for i in lib.article_ids():
                lib.get(i, with_original=True)
            lib.search_ids("harbour")
            lib.tags()
            assert lib.check_integrity() == []
    finally:
        lib.close()


@pytest.mark.parametrize("damage", ["truncate-half", "overwrite-middle-0", "not-a-database", "another-program"])
def test_cli_says_so_in_one_line_and_exits_non_zero(tmp_path, two_mb_library, damage):
    path = _copy(two_mb_library, tmp_path / "library.sqlite")
    DAMAGES[damage](path)
    before = file_digest(path)
    for args in (["list"], ["tag", "1", "--add", "x"], ["import", str(tmp_path / "none.txt")]):
        out = run_reader(*args, library=path)
        assert out.returncode != 0
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: ") and str(path) in lines[0], out.stderr
        assert "Traceback" not in out.stderr
    assert file_digest(path) == before


def test_opening_a_big_library_does_not_read_it_all(tmp_path, monkeypatch):
    """The full quick_check at open is skipped past OPEN_CHECK_MAX_BYTES (it cannot be interrupted)."""
    from reader.library import store

    calls = []
    real = store.quick_check
    monkeypatch.setattr(store, "quick_check", lambda conn: calls.append(1) or real(conn))
    path = tmp_path / "lib.sqlite"
    fill_library(path, 5)
    Library.open(path).close()
    assert calls == [1]
    monkeypatch.setattr(store, "OPEN_CHECK_MAX_BYTES", 1000)
    Library.open(path).close()
    assert calls == [1]


def test_bytes_changed_inside_an_original_are_found(tmp_path, two_mb_library):
    """Damage SQLite cannot see (inside a blob's overflow page, its link left intact) is caught
    by the originals' SHA-256."""
    path = _copy(two_mb_library, tmp_path / "library.sqlite")
    data = bytearray(path.read_bytes())
    # The generated originals are letters a-h and spaces: find a page full of them and change
    # bytes in its middle, away from the 4-byte link to the next overflow page.
    page = next(p for p in range(len(data) // 4096 // 2, len(data) // 4096)
                if set(data[p * 4096 + 100 : p * 4096 + 4000]) <= set(b"abcdefgh "))
    data[page * 4096 + 1000 : page * 4096 + 1010] = b"XXXXXXXXXX"
    path.write_bytes(bytes(data))
    with Library.open(path) as lib:  # structurally sound: it opens
        problems = lib.check_integrity()
        assert len(lib.altered_originals()) == 1
        assert any("no longer match their hash" in p for p in problems)
