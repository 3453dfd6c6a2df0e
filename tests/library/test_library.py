"""The Library on real SQLite files: round trip, migrations, duplicates, refusals, tags."""

from __future__ import annotations

import sqlite3

import pytest

from reader.errors import LibraryError
from reader.library import SCHEMA_VERSION, Library
from reader.library.schema import MIGRATIONS
from reader.model import CAPTION, Quote
from tests.conftest import make_cleaned, make_original


def test_round_trip_on_disk(tmp_path):
    path = tmp_path / "lib.sqlite"
    original = make_original("Harbour Bridge Reopens\n\nbody\u00a0text ü")
    cleaned = make_cleaned(source="Example Gazette", author="Jane Doe", published="2024-07-05T14:32:00", url="https://example.org/a")
    quote = Quote(start=0, end=5, speaker="Lea Torres", mention="Torres", speaker_start=10, speaker_end=16, block=2)
    with Library.open(path) as lib:
        result = lib.add(cleaned, original, tags=["Politics/UK", "sample"], quotes=[quote], cleaner_version=3)
        assert not result.duplicate
    with Library.open(path) as lib:
        art = lib.get(result.id, with_original=True)
        assert art.title == cleaned.title
        assert (art.source, art.author, art.published, art.url) == ("Example Gazette", "Jane Doe", "2024-07-05T14:32:00", "https://example.org/a")
        assert art.blocks == cleaned.blocks
        assert art.blocks[0].kind == CAPTION and art.blocks[0].credit == "Ana Ruiz / Example Press"
        assert art.original.data == original.data  # byte for byte
        assert (art.original.format, art.original.encoding) == ("text", "utf-8")
        assert art.tags == ["Politics/UK", "sample"]
        assert art.quotes == [quote]
        assert art.word_count > 10 and art.cleaner_version == 3
        assert not art.is_read and not art.starred
        # The index was written in the same transaction as the article.
        hits = lib.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'harbour'").fetchall()
        assert hits == [(result.id,)]
        assert lib.check_integrity() == []


def test_wal_foreign_keys_and_busy_timeout(library):
    db = library.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000


def test_same_bytes_twice_is_one_article(library):
    first = library.add(make_cleaned(), make_original("same"))
    second = library.add(make_cleaned("Another title"), make_original("same"))
    assert second == type(first)(first.id, True)
    assert library.count() == 1


def _write_schema_1(path):
    """A library exactly as the first schema wrote it, with one article in it."""
    import sqlite_utils

    db = sqlite_utils.Database(sqlite3.connect(str(path)), execute_plugins=False)
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
    with db.atomic():
        db.execute(
            """INSERT INTO articles (id, title, imported_at, sort_date, content_hash)
               VALUES (7, 'Old article', '2020-01-01T00:00:00', '2020-01-01T00:00:00', 'abc')"""
        )
        db.execute("""INSERT INTO bodies (article_id, blocks) VALUES (7, '[{"kind": "paragraph", "text": "Kept across upgrades."}]')""")
        db.execute("INSERT INTO originals (article_id, data, format) VALUES (7, x'6869', 'text')")
        db.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (7, 'Old article', 'Kept across upgrades.')")
    db.close()


def test_migrates_a_schema_1_library_after_backing_it_up(tmp_path):
    path = tmp_path / "old.sqlite"
    _write_schema_1(path)
    with Library.open(path) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        art = lib.get(7, with_original=True)
        assert art.title == "Old article" and art.blocks[0].text == "Kept across upgrades."
        assert art.original.data == b"hi"
        assert lib.read_position(7) == 0.0
        assert lib.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0
    backups = list((tmp_path / "backups").glob("old-*.sqlite"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT title FROM articles").fetchall() == [("Old article",)]
    backup.close()


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path):
    path = tmp_path / "old.sqlite"
    _write_schema_1(path)

    def broken(db):
        db.execute("ALTER TABLE articles ADD COLUMN half_done INTEGER")
        raise RuntimeError("simulated failure mid-migration")

    real = MIGRATIONS[1]
    MIGRATIONS[1] = broken
    try:
        with pytest.raises(RuntimeError):
            Library.open(path)
    finally:
        MIGRATIONS[1] = real
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in con.execute("PRAGMA table_info(articles)")]
    assert "half_done" not in columns
    con.close()


def test_refuses_a_library_from_a_newer_version(tmp_path):
    path = tmp_path / "new.sqlite"
    Library.open(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(LibraryError, match="newer version of Reader"):
        Library.open(path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01garbage" * 100, "not an SQLite database"),
        (b"Just some text notes\n", "not an SQLite database"),
    ],
)
def test_refuses_files_that_are_not_libraries(tmp_path, content, message):
    path = tmp_path / "x.sqlite"
    path.write_bytes(content)
    with pytest.raises(LibraryError, match=message):
        Library.open(path)
    assert path.read_bytes() == content  # never overwritten


def test_refuses_another_programs_database(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.commit()
    con.close()
    with pytest.raises(LibraryError, match="another program"):
        Library.open(path)


def test_read_only_library_reads_but_does_not_write(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        lib.add(make_cleaned(), make_original("one"))
    with Library.open(path, readonly=True) as lib:
        assert lib.count() == 1
        with pytest.raises(LibraryError, match="read-only"):
            lib.add(make_cleaned("Two"), make_original("two"))
        assert lib.count() == 1


def test_tags_are_case_insensitive_and_keep_the_users_spelling(library):
    a = library.add(make_cleaned("A"), make_original("a")).id
    b = library.add(make_cleaned("B"), make_original("b")).id
    library.tag([a], add=["Climate"])
    library.tag([a, b], add=["climate", " politics / uk "])
    assert library.tags() == [("Climate", 2), ("politics/uk", 2)]
    library.tag([a], remove=["CLIMATE"])
    assert library.get(a).tags == ["politics/uk"]
    assert library.get(b).tags == ["Climate", "politics/uk"]


def test_newest_first_uses_publication_date_else_import_time(library):
    old = library.add(make_cleaned("Old", published="2001-01-01"), make_original("1")).id
    undated = library.add(make_cleaned("Undated"), make_original("2")).id
    mid = library.add(make_cleaned("Mid", published="2015-06-01T10:00:00"), make_original("3")).id
    assert library.article_ids() == [undated, mid, old]


def test_delete_removes_index_and_original(library):
    a = library.add(make_cleaned(), make_original("x")).id
    library.delete([a])
    assert library.count() == 0
    assert library.db.execute("SELECT count(*) FROM originals").fetchone()[0] == 0
    assert library.check_integrity() == []


def test_data_version_changes_when_another_connection_commits(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as watcher, Library.open(path) as other:
        v0 = watcher.data_version()
        assert watcher.data_version() == v0
        watcher.set_meta("own", "write")  # its own commits do not count
        v1 = watcher.data_version()
        other.add(make_cleaned(), make_original("x"))
        assert watcher.data_version() != v1
