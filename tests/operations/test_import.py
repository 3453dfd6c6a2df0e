"""Importing files and folders: good files in, each bad one named with its problem, nothing half-written."""

from __future__ import annotations

import os

from reader.operations import add_samples_once, import_bytes, import_paths
from reader.operations.importing import MAX_IMPORT_BYTES_KEY
from reader.operations.samples import SAMPLES_DIR
from tests.conftest import SAMPLE_TEXT


def _snapshot(library):
    """Everything a user could lose: articles, originals, tags and the index."""
    db = library.db
    return (
        db.execute("SELECT * FROM articles ORDER BY id").fetchall(),
        db.execute("SELECT * FROM originals ORDER BY article_id").fetchall(),
        db.execute("SELECT * FROM article_tags ORDER BY article_id, tag_id").fetchall(),
        db.execute("SELECT rowid, * FROM articles_fts ORDER BY rowid").fetchall(),
    )


def test_bad_files_are_named_and_the_batch_goes_on(library, tmp_path):
    existing = import_bytes(library, b"Existing Headline Here\n\nA paragraph that was already in the library.", "old.txt").imported[0]
    before = _snapshot(library)
    good = tmp_path / "good.txt"
    good.write_text(SAMPLE_TEXT, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\t\n  ")
    binary = tmp_path / "photo.jpg"
    binary.write_bytes(bytes(range(256)) * 40)
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(60 * 1024 * 1024)  # 60 MB, over the 50 MB default limit
    missing = tmp_path / "missing.txt"
    report = import_paths(library, [empty, blank, binary, big, missing, good])
    failed = dict(report.failed)
    assert set(failed) == {str(empty), str(blank), str(binary), str(big), str(missing)}
    assert "empty" in failed[str(empty)]
    assert "white space" in failed[str(blank)] or "empty" in failed[str(blank)]
    assert "binary" in failed[str(binary)]
    assert "60.0 MB" in failed[str(big)] and "50 MB limit" in failed[str(big)]
    assert "no such file" in failed[str(missing)]
    assert len(report.imported) == 1
    assert library.get(report.imported[0]).title == "Harbour Bridge Reopens After Two Years of Repairs"
    # What was there before is untouched.
    after = _snapshot(library)
    assert after[0][0] == before[0][0] and library.get(existing).title == "Existing Headline Here"
    assert library.check_integrity() == []


def test_size_limit_is_a_library_setting(library, tmp_path):
    library.set_meta(MAX_IMPORT_BYTES_KEY, "100")
    f = tmp_path / "a.txt"
    f.write_text("Headline of the Test Article\n\n" + "word " * 50)
    report = import_paths(library, [f])
    assert report.failed and "limit" in report.failed[0][1]


def test_folder_is_imported_recursively_and_duplicates_reported(library, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("First Headline of Three Words\n\nBody one.")
    (tmp_path / "a" / "b" / "two.md").write_text("# Second Headline\n\nBody two.")
    (tmp_path / "a" / "b" / "copy.txt").write_text("First Headline of Three Words\n\nBody one.")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden Notes\n\nNot an article.")
    report = import_paths(library, [tmp_path / "a"])
    assert len(report.imported) == 2
    assert [name for name, _ in report.duplicates] == [str(tmp_path / "a" / "b" / "copy.txt")]
    titles = {library.get(i).title for i in report.imported}
    assert titles == {"First Headline of Three Words", "Second Headline"}
    again = import_paths(library, [tmp_path / "a"])
    assert again.imported == [] and len(again.duplicates) == 3
    assert "already in the library" in again.lines()[0]


def test_unreadable_file_is_reported(library, tmp_path):
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "gone.txt", link)
    report = import_paths(library, [link])
    assert report.failed == [(str(link), "broken link: the file it points to does not exist")]


def test_cancel_keeps_what_was_fully_imported(library, tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"Headline Number {i} Is Here\n\nBody {i}.")
    seen = []
    report = import_paths(library, [tmp_path], progress=lambda n, total, name: seen.append(n), cancelled=lambda: len(seen) > 2)
    assert report.cancelled and len(report.imported) == 3
    assert library.count() == 3 and library.check_integrity() == []


def test_samples_are_added_once_and_tagged(library):
    report = add_samples_once(library)
    n = len(list(SAMPLES_DIR.glob("*.txt")))
    assert 4 <= n <= 6 and len(report.imported) == n and not report.failed
    assert library.tags() == [("sample", n)]
    library.delete(library.article_ids())
    assert add_samples_once(library) is None  # a user who deleted them does not get them back
    assert library.count() == 0


def test_a_cleaner_bug_keeps_the_article_whole_and_the_batch_goes_on(library, tmp_path, monkeypatch, caplog):
    import reader.ingest as ingest_pkg

    def broken(text):
        raise IndexError("simulated bug in the cleaner")

    monkeypatch.setattr(ingest_pkg, "clean_text", broken)
    a = tmp_path / "a.txt"
    a.write_text("First Line Of The Text\n\nSecond paragraph stays.", encoding="utf-8")
    b = tmp_path / "b.md"
    b.write_text("# Markdown Still Works\n\nBody.", encoding="utf-8")
    report = import_paths(library, [a, b])
    assert len(report.imported) == 2 and not report.failed
    kept = library.get(report.imported[0])
    assert kept.title == "First Line Of The Text" and [x.text for x in kept.blocks] == ["Second paragraph stays."]
    assert any("could not clean" in n for _name, n in report.notices)
    assert "simulated bug in the cleaner" in caplog.text
