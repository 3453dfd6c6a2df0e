"""Re-deriving articles from their originals keeps tags, flags and the user's corrections."""

from __future__ import annotations

from reader import ingest, quotes
from reader.operations import import_bytes, reclean, reclean_stale
from reader.operations.rederive import apply_corrections, correction_key
from reader.model import PARAGRAPH, Block, Cleaned
from tests.conftest import SAMPLE_TEXT


def _import(library):
    return import_bytes(library, SAMPLE_TEXT.encode("utf-8"), "bridge.txt").imported[0]


def test_reclean_keeps_tags_flags_and_original(library):
    a = _import(library)
    library.tag([a], add=["city"])
    library.set_starred([a])
    before = library.get(a, with_original=True)
    report = reclean(library)
    assert report.done == 1 and not report.failed
    after = library.get(a, with_original=True)
    assert after.tags == ["city"] and after.starred
    assert after.original.data == before.original.data
    assert after.blocks == before.blocks and after.title == before.title
    assert library.check_integrity() == []


def test_stale_articles_are_rederived_and_get_their_quotes(library):
    a = _import(library)
    # As if written by an older version that found no quotes.
    with library.atomic():
        library.conn.execute("UPDATE articles SET quotes_version = 0, cleaner_version = 0 WHERE id = ?", [a])
        library.conn.execute("DELETE FROM quotes")
    assert library.stale_ids(ingest.CLEANER_VERSION, quotes.QUOTES_VERSION) == [a]
    assert reclean_stale(library).done == 1
    assert library.stale_ids(ingest.CLEANER_VERSION, quotes.QUOTES_VERSION) == []
    speakers = dict(library.speakers())
    assert speakers.get("Lea Torres") == 1


def test_apply_corrections_restores_in_place_and_cuts():
    source = "Banner line\n\nFirst paragraph here.\n\nSecond paragraph here.\n\nDonate now"
    cleaned = Cleaned(
        title="T",
        blocks=[Block(PARAGRAPH, "First paragraph here."), Block(PARAGRAPH, "Second paragraph here.")],
        removed=[Block(PARAGRAPH, "Banner line", reason="site banner"), Block(PARAGRAPH, "Donate now", reason="donation")],
    )
    fixed = apply_corrections(cleaned, {correction_key("Banner line"): "keep", correction_key("Second  paragraph here."): "cut"}, source)
    assert [b.text for b in fixed.blocks] == ["Banner line", "First paragraph here."]
    assert [(b.text, b.reason) for b in fixed.removed] == [("Second paragraph here.", "marked as noise by you"), ("Donate now", "donation")]


def test_quotes_library_view_api(library):
    a = _import(library)
    assert ("Lea Torres", 1) in library.speakers()
    assert library.speakers("torres") == [("Lea Torres", 1)]
    assert library.speakers("promise") == [("Lea Torres", 1)]  # by the quote's words too
    assert library.speakers("nobody-said-this") == []
    rows = library.quotes_of("lea torres")
    assert len(rows) == 1 and rows[0].article_id == a and rows[0].text.startswith('"We kept our promise')
