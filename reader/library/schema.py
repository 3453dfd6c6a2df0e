"""The library's numbered schema migrations; each runs in one transaction, never edited once shipped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by Library.db only when a migration runs
    import sqlite_utils


def _v1_initial(db: sqlite_utils.Database) -> None:
    for sql in (
        """CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            imported_at TEXT NOT NULL,
            sort_date TEXT NOT NULL,
            reading_time INTEGER,
            word_count INTEGER NOT NULL DEFAULT 0,
            is_read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            cleaner_version INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX articles_by_date ON articles(sort_date DESC, id DESC)",
        # Partial indexes in list order: is:unread / is:read / is:starred (and the unread
        # count) walk only their own articles instead of the whole date index.
        "CREATE INDEX articles_unread ON articles(sort_date DESC, id DESC) WHERE is_read = 0",
        "CREATE INDEX articles_read ON articles(sort_date DESC, id DESC) WHERE is_read = 1",
        "CREATE INDEX articles_starred ON articles(sort_date DESC, id DESC) WHERE starred = 1",
        # Bodies live apart so that scans and counts over articles read narrow rows only.
        """CREATE TABLE bodies (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            blocks TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]'
        )""",
        """CREATE TABLE originals (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            data BLOB NOT NULL,
            format TEXT NOT NULL,
            encoding TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE)",
        """CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
            PRIMARY KEY (article_id, tag_id)
        ) WITHOUT ROWID""",
        "CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id)",
        # The index keeps its own copy of the text so that snippets need no second lookup.
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, source, author,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        )""",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    ):
        db.execute(sql)


def _v2_quotes_corrections_searches(db: sqlite_utils.Database) -> None:
    for sql in (
        # Where the user stopped reading, as a fraction of the article's height.
        "ALTER TABLE articles ADD COLUMN read_position REAL NOT NULL DEFAULT 0",
        # Quotes are derived data: rebuilt from the blocks when their version is behind.
        "ALTER TABLE articles ADD COLUMN quotes_version INTEGER NOT NULL DEFAULT 0",
        """CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            block INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            speaker TEXT NOT NULL DEFAULT '',
            mention TEXT NOT NULL DEFAULT '',
            speaker_start INTEGER,
            speaker_end INTEGER,
            text TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX quotes_by_article ON quotes(article_id)",
        "CREATE INDEX quotes_by_speaker ON quotes(speaker COLLATE NOCASE)",
        # User corrections to the cleaner, keyed by a block's normalised text so that
        # they survive re-cleaning: 'keep' restores a cut block, 'cut' removes a kept one.
        """CREATE TABLE corrections (
            text_key TEXT PRIMARY KEY,
            action TEXT NOT NULL CHECK (action IN ('keep', 'cut'))
        )""",
        """CREATE TABLE saved_searches (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            query TEXT NOT NULL
        )""",
    ):
        db.execute(sql)


def _v3_resources(db: sqlite_utils.Database) -> None:
    # Images a saved page had on disk (its "_files" folder), stored with the article so the
    # reading pane shows them without reaching outside the library.
    db.execute(
        """CREATE TABLE resources (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (article_id, name)
        )"""
    )


MIGRATIONS: list[Callable[["sqlite_utils.Database"], None]] = [
    _v1_initial,
    _v2_quotes_corrections_searches,
    _v3_resources,
]
SCHEMA_VERSION = len(MIGRATIONS)
