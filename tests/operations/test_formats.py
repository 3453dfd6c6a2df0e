"""Each format is recognised from its content, whatever the file is called, and imported."""

from __future__ import annotations

import pytest

from reader.ingest import sniff_format
from reader.operations import import_paths

HTML = b"<!DOCTYPE html><html><head><title>Lake Levels Rise | Example</title></head><body><article><h1>Lake Levels Rise</h1><p>The lake rose by forty centimetres this spring, the water board said on Tuesday.</p></article></body></html>"
MARKDOWN = b"---\ntitle: Orchard Harvest Starts Early\nsource: Valley Post\nauthor: Ida Berg\ndate: 2024-09-02\ntags: [farming, valley]\n---\n\nPickers began the apple harvest a week early.\n\n## Prices\n\n1. This line starts like a list but is kept as text.\n"
TEXT = b"Valley Post\n\nOrchard Harvest Starts Early\n\nPickers began the apple harvest a week early this year, growers said.\n"


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (HTML, "page.html", "html"),
        (HTML, "saved.txt", "html"),  # content wins over the name
        (HTML, "no-extension", "html"),
        (b"\xef\xbb\xbf" + HTML, "bom.htm", "html"),
        (MARKDOWN, "notes.md", "markdown"),
        (MARKDOWN, "notes.txt", "markdown"),  # front matter says Markdown
        (TEXT, "article.txt", "text"),
        (TEXT, "article", "text"),
    ],
)
def test_format_is_sniffed_from_content(data, name, expected):
    assert sniff_format(data, name) == expected


def test_each_format_imports_with_its_metadata(library, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(HTML)
    (folder / "b.txt").write_bytes(MARKDOWN)
    (folder / "c").write_bytes(TEXT)
    report = import_paths(library, [folder])
    assert len(report.imported) == 3 and not report.failed
    by_format = {library.get(i, with_original=True).original.format: library.get(i) for i in report.imported}
    assert set(by_format) == {"html", "markdown", "text"}
    assert by_format["html"].title == "Lake Levels Rise"
    md = by_format["markdown"]
    assert (md.title, md.source, md.author, md.published) == ("Orchard Harvest Starts Early", "Valley Post", "Ida Berg", "2024-09-02")
    assert md.tags == ["farming", "valley"]
    assert [b.text for b in md.blocks][-1] == "1. This line starts like a list but is kept as text."
    assert by_format["text"].title == "Orchard Harvest Starts Early"
