"""A full disk and a read-only library: a plain message, a rollback, the library as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reader.errors import LibraryError
from reader.library import Library
from reader.library.store import LibraryReadOnly
from reader.model import Original
from reader.operations import import_paths
from tests.conftest import ROOT, make_cleaned
from tests.reliability.helpers import fill_library, whole_or_absent, write_articles


def _state(lib):
    return lib.count(), lib.tags(), [lib.get(i).title for i in lib.article_ids()]


def _fill_disk(lib, spare_pages=2):
    pages = lib.conn.execute("PRAGMA page_count").fetchone()[0]
    lib.conn.execute(f"PRAGMA max_page_count = {pages + spare_pages}")


def test_full_disk_on_add_rolls_back_with_a_plain_message(tmp_path):
    with Library.open(tmp_path / "lib.sqlite") as lib:
        fill_library_in(lib)
        before = _state(lib)
        _fill_disk(lib)
        big = Original(os.urandom(200_000), "text", "utf-8", "big.txt")
        with pytest.raises(LibraryError, match="disk is full") as caught:
            lib.add(make_cleaned("Too big"), big, tags=["new"])
        assert "nothing was changed" in str(caught.value)
        assert not lib.conn.in_transaction
        assert _state(lib) == before and lib.check_integrity() == []
        # Space again: the same write goes through.
        lib.conn.execute("PRAGMA max_page_count = 1073741823")
        lib.add(make_cleaned("Too big"), big, tags=["new"])
        assert lib.count() == before[0] + 1


def fill_library_in(lib, n=10):
    for i in range(n):
        lib.add(make_cleaned(f"A{i}"), Original(f"text {i}".encode(), "text", "utf-8", f"{i}.txt"), tags=["old"])


def test_full_disk_during_a_folder_import_keeps_the_library_whole(tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 60, words=3000)
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        fill_library_in(lib)
        before = _state(lib)
        _fill_disk(lib, spare_pages=30)
        with pytest.raises(LibraryError, match="disk is full"):
            import_paths(lib, [folder])
        assert not lib.conn.in_transaction
        n = lib.count()
        assert n >= before[0] and lib.check_integrity() == []
        # Tags, small writes: also refused cleanly or done, never half done.
        try:
            lib.tag(lib.article_ids(), add=["after-full"])
        except LibraryError as e:
            assert "disk is full" in str(e)
    count, problems = whole_or_absent(path, required=())
    assert problems == [] and count == n


def test_read_only_library_opens_for_reading_and_refuses_writes_plainly(tmp_path):
    path = tmp_path / "lib.sqlite"
    fill_library(path, 5)
    with Library.open(path, readonly=True) as lib:
        before = _state(lib)
        assert lib.get(1, with_original=True).original.data
        assert lib.search_ids("harbour") is not None
        for write in (lambda: lib.tag([1], add=["x"]), lambda: lib.set_read([1]), lambda: lib.delete([1]),
                      lambda: lib.add(make_cleaned("New"), Original(b"new", "text", "utf-8", "n.txt"))):
            with pytest.raises(LibraryReadOnly, match="read-only.*nothing was changed"):
                write()
        assert _state(lib) == before


def _unprivileged_dir():
    d = Path(tempfile.mkdtemp(prefix="reader-ro-"))
    d.chmod(0o755)
    return d


needs_setpriv = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                                   reason="needs root and setpriv to run a step as an unprivileged user")


def _as_nobody(*args, cwd=ROOT, env=None):
    e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *args],
                          cwd=cwd, env=e, capture_output=True, text=True, timeout=60)


@needs_setpriv
def test_a_library_the_user_cannot_write_opens_read_only(tmp_path):
    """Real permissions: the file and folder belong to root; the CLI and the window run as nobody."""
    d = _unprivileged_dir()
    try:
        lib = d / "library.sqlite"
        fill_library(lib, 5)
        lib.chmod(0o644)
        reader = [sys.executable, "-m", "reader", "--library", str(lib)]
        listed = _as_nobody(*reader, "list")
        assert listed.returncode == 0, listed.stderr
        assert len(listed.stdout.splitlines()) == 5
        tagged = _as_nobody(*reader, "tag", "1", "--add", "x")
        assert tagged.returncode != 0
        lines = tagged.stderr.strip().splitlines()
        assert len(lines) == 1 and "read-only" in lines[0], tagged.stderr
        home = _unprivileged_dir()
        os.chown(home, 65534, 65534)
        (home / "run").mkdir(mode=0o700)
        os.chown(home / "run", 65534, 65534)
        env = {"READER_EXIT_AFTER_SHOWN": "1", "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
               "XDG_RUNTIME_DIR": str(home / "run"), "XDG_DATA_HOME": str(home / "data")}
        shown = _as_nobody(sys.executable, str(ROOT / "main.py"), "--library", str(lib), "--new-instance", env=env)
        assert shown.returncode == 0, shown.stdout + shown.stderr
        assert "articles=5" in shown.stdout and "read-only" in shown.stderr
        shutil.rmtree(home)
        with Library.open(lib) as check:
            assert check.count() == 5 and "x" not in dict(check.tags())
    finally:
        shutil.rmtree(d)
