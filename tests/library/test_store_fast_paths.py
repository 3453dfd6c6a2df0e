"""The import's fast paths store exactly what the plain ways did, and batches stay all or nothing."""

from __future__ import annotations

import json

import pytest

from reader.library import BatchBroken, Library
from reader.library.store import _blocks_json
from reader.model import CAPTION, HEADING, IMAGE, PARAGRAPH, Block
from tests.conftest import make_cleaned, make_original

ODD_TEXTS = ["", "plain", 'quotes " and \\ backslash', "tab\tnew\nline\r\x00\x1f\x7f", "é ü ß – “smart” ‘quotes’ …",
             "\u2028\u2029 line separators", "emoji 😀 and \ud800 a lone surrogate", "</script>", "a" * 5000]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_blocks_json_is_what_json_dumps_writes(text):
    blocks = [
        Block(PARAGRAPH, text),
        Block(HEADING, text),
        Block(CAPTION, text, credit=text or "credit"),
        Block(IMAGE, "", src=text or "a.png"),
        Block(PARAGRAPH, text, reason="outside article"),
        Block(PARAGRAPH, text, reason=text or "why"),
        Block("a kind from a newer version", text, reason="share"),
    ]
    for some in (blocks, blocks[:1], [], blocks[4:]):
        expected = json.dumps([b.to_dict() for b in some], ensure_ascii=False, separators=(",", ":"))
        assert _blocks_json(some) == expected
        assert [Block.from_dict(d) for d in json.loads(_blocks_json(some))] == some


def test_blocks_json_of_a_field_that_is_no_string_falls_back_to_json_dumps():
    odd = [Block(PARAGRAPH, 12), Block(PARAGRAPH, "x", reason=None)]  # type: ignore[arg-type]
    assert _blocks_json(odd) == json.dumps([b.to_dict() for b in odd], ensure_ascii=False, separators=(",", ":"))


def _articles(lib: Library) -> list[tuple]:
    return [
        lib.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("articles", "bodies", "originals", "quotes", "articles_fts", "article_tags")
    ]


def test_articles_added_in_a_batch_are_stored_and_indexed_at_commit(library):
    with library.batch():
        ids = [library.add(make_cleaned(f"Harbour Number {i}"), make_original(f"text {i}"), tags=["t"]).id for i in range(5)]
        again = library.add(make_cleaned(), make_original("text 3"))  # the same bytes twice in one batch
    assert again.duplicate and again.id == ids[3]
    assert sorted(library.search_ids("harbour")) == sorted(ids)
    assert _articles(library) == [5, 5, 5, 0, 5, 5]
    assert library.check_integrity() == []


def _fail_after_writes(library, monkeypatch):
    """Makes the next add fail after its article, body, original and index rows are written."""

    def boom(*args, **kw):
        raise RuntimeError("tags failed")

    monkeypatch.setattr(library, "_link_tags", boom)


def test_an_add_failing_part_way_in_a_batch_rolls_the_whole_batch_back(library, monkeypatch):
    library.add(make_cleaned("Earlier Harbour News"), make_original("before"))
    with pytest.raises(RuntimeError, match="tags failed"):
        with library.batch():
            library.add(make_cleaned("First In Batch"), make_original("one"))
            _fail_after_writes(library, monkeypatch)
            library.add(make_cleaned("Second In Batch"), make_original("two"))
    assert _articles(library) == [1, 1, 1, 0, 1, 0]
    assert library.search_ids("batch") == [] and len(library.search_ids("earlier")) == 1
    assert not library.conn.in_transaction
    assert library.check_integrity() == []


def test_a_part_way_failure_swallowed_inside_a_batch_still_rolls_it_back(library, monkeypatch):
    with pytest.raises(BatchBroken):
        with library.batch():
            library.add(make_cleaned("First In Batch"), make_original("one"))
            _fail_after_writes(library, monkeypatch)
            try:
                library.add(make_cleaned("Second In Batch"), make_original("two"))
            except RuntimeError:
                pass
    assert _articles(library) == [0, 0, 0, 0, 0, 0]
    monkeypatch.undo()
    with library.batch():  # the next batch is a fresh one
        library.add(make_cleaned("Third"), make_original("three"))
    assert _articles(library) == [1, 1, 1, 0, 1, 0]


def test_a_failure_before_any_write_inside_a_batch_can_be_caught(library):
    with library.batch():
        library.add(make_cleaned("Kept"), make_original("kept"))
        with pytest.raises(KeyError):
            library.replace_cleaned(12345, make_cleaned("Gone"))  # nothing written: the batch goes on
    assert library.count() == 1


def test_an_add_on_its_own_failing_part_way_leaves_nothing(library, monkeypatch):
    _fail_after_writes(library, monkeypatch)
    with pytest.raises(RuntimeError):
        library.add(make_cleaned(), make_original("alone"))
    assert _articles(library) == [0, 0, 0, 0, 0, 0]


def test_an_add_in_a_callers_transaction_keeps_its_savepoint(library, monkeypatch):
    with library.atomic():
        library.add(make_cleaned("Kept One"), make_original("one"))
        _fail_after_writes(library, monkeypatch)
        with pytest.raises(RuntimeError):
            library.add(make_cleaned("Undone"), make_original("two"))
    assert library.count() == 1 and library.search_ids("undone") == []
    assert library.check_integrity() == []


def test_nested_batches_are_one(library):
    with library.batch():
        library.add(make_cleaned("Outer"), make_original("outer"))
        with library.batch():
            library.add(make_cleaned("Inner"), make_original("inner"))
    assert library.count() == 2 and library.check_integrity() == []


def test_duplicates_outside_and_inside_a_batch(library):
    first = library.add(make_cleaned(), make_original("same bytes"))
    assert library.add(make_cleaned("Other"), make_original("same bytes")) == type(first)(first.id, True)
    with library.batch():
        assert library.add(make_cleaned("Other"), make_original("same bytes")) == type(first)(first.id, True)
        second = library.add(make_cleaned("New"), make_original("new bytes"))
        assert library.add(make_cleaned("New"), make_original("new bytes")) == type(first)(second.id, True)
    assert library.count() == 2 and library.check_integrity() == []


def test_a_duplicate_on_a_read_only_library_is_still_reported(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library.open(path) as lib:
        first = lib.add(make_cleaned(), make_original("same bytes"))
    with Library.open(path, readonly=True) as lib:
        assert lib.add(make_cleaned(), make_original("same bytes")).duplicate
        assert lib.add(make_cleaned(), make_original("same bytes")).id == first.id
