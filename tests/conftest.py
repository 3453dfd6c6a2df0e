"""Shared fixtures: each owns one resource (a library file, a settings file) and closes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reader.library import Library  # noqa: E402
from reader.model import CAPTION, HEADING, PARAGRAPH, Block, Cleaned, Original  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def library(tmp_path):
    lib = Library.open(tmp_path / "library.sqlite")
    yield lib
    lib.close()


@pytest.fixture
def settings(tmp_path, qapp):
    from PySide6.QtCore import QSettings

    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    yield s
    s.sync()


def make_cleaned(title: str = "Harbour Bridge Reopens", n: int = 3, **kw) -> Cleaned:
    """A small cleaned article with a heading, a caption with credit and paragraphs."""
    blocks = [Block(CAPTION, "The bridge at dawn.", credit="Ana Ruiz / Example Press"), Block(HEADING, "Traffic")]
    blocks += [Block(PARAGRAPH, f"Paragraph {i} about {title.lower()}.") for i in range(n)]
    return Cleaned(title=title, blocks=blocks, **kw)


def make_original(text: str) -> Original:
    return Original(data=text.encode("utf-8"), format="text", encoding="utf-8", name="test.txt")


SAMPLE_TEXT = """Support the Example Gazette!

Harbour Bridge Reopens After Two Years of Repairs

The bridge seen from the north bank on Monday. Ana Ruiz / Example Press

The harbour bridge reopened to traffic on Monday after two years of repairs that cost the city 80 million euros.

"We kept our promise," Mayor Lea Torres said at the ribbon cutting.

Sign up for our newsletter
"""


def library_titles(path) -> set[str]:
    """The article titles in a library file, read through a read-only connection of its own."""
    import sqlite3

    con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {r[0] for r in con.execute("SELECT title FROM articles")}
    finally:
        con.close()
