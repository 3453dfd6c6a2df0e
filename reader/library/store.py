"""The Library: the only door to the SQLite file (articles, originals, tags, full-text index)."""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import itertools
import json
import os
import sqlite3
import struct
from collections.abc import Iterable, Sequence
from json.encoder import encode_basestring
from dataclasses import dataclass
from pathlib import Path

from reader.errors import LibraryError
from reader.library.schema import MIGRATIONS, SCHEMA_VERSION
from reader.model import (
    BLOCK_KINDS,
    CAPTION,
    Article,
    ArticleRow,
    Block,
    Cleaned,
    Original,
    Quote,
)

SQLITE_HEADER = b"SQLite format 3\x00"

# PRAGMA quick_check reads every page: ~0.7-1 ms per MB here (6.7 ms for a 6.7 MB library,
# 280 ms for 425 MB), and SQLite cannot interrupt its b-tree walk, so it runs at open only
# for libraries up to this size. Larger ones rely on the header check at open, on damage
# being turned into a LibraryError by any later query (see _Connection), and on the check
# the daily background backup makes (reader.operations.backup).
OPEN_CHECK_MAX_BYTES = 16 * 2**20

# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF).
_BUSY, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 8, 10, 11, 13, 14, 26


class LibraryDamaged(LibraryError):
    """The library file is damaged (truncated, overwritten, not a database)."""


class LibraryReadOnly(LibraryError):
    """The library cannot be written (the file or its folder is read-only, or opened so)."""


def _code(e: sqlite3.Error) -> int:
    code = getattr(e, "sqlite_errorcode", None)
    if code is None:  # older Pythons: fall back to the message
        text = str(e)
        for marker, c in (("malformed", _CORRUPT), ("not a database", _NOTADB), ("disk is full", _FULL),
                          ("readonly", _READONLY), ("locked", _BUSY), ("disk I/O", _IOERR)):
            if marker in text:
                return c
        return 0
    return code & 0xFF


def library_error(path: Path, e: sqlite3.Error) -> LibraryError | None:
    """The plain sentence for an SQLite failure the user can act on, or None for our bugs."""
    code = _code(e)
    if code in (_CORRUPT, _NOTADB):
        return LibraryDamaged(f"{path}: the library file is damaged ({e}). Open a backup or start a new library; "
                              "the damaged file is kept as it is.")
    if code == _FULL:
        return LibraryError(f"{path}: the disk is full (or the library reached its size limit); nothing was "
                            "changed. Free some space and try again.")
    if code == _READONLY:
        return LibraryReadOnly(f"{path}: the library is read-only (the file or its folder cannot be written); "
                               "nothing was changed.")
    if code == _BUSY:
        return LibraryError(f"{path}: another program (another Reader window?) kept the library busy; nothing was "
                            "changed. Try again in a moment.")
    if code == _IOERR:
        return LibraryError(f"{path}: the disk could not be read or written ({e}); nothing was changed.")
    return None


class _Connection(sqlite3.Connection):
    """A connection whose reads turn a damaged file into a LibraryError (any query may be the
    first to touch a damaged page); other errors pass through unchanged."""

    library_path: Path = Path()

    def execute(self, sql, parameters=(), /):
        try:
            return super().execute(sql, parameters)
        except sqlite3.DatabaseError as e:
            if _code(e) in (_CORRUPT, _NOTADB):
                raise library_error(self.library_path, e) from e
            raise

    def executemany(self, sql, parameters, /):
        try:
            return super().executemany(sql, parameters)
        except sqlite3.DatabaseError as e:
            if _code(e) in (_CORRUPT, _NOTADB):
                raise library_error(self.library_path, e) from e
            raise


def _header_problem(path: Path) -> str | None:
    """What the file's first 100 bytes say is wrong with it (truncation), if anything."""
    with open(path, "rb") as f:
        head = f.read(100)
    if len(head) < 100:
        return "the file is shorter than an SQLite header (truncated)"
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the header names an impossible page size"
    change_counter, n_pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    wal = path.with_name(path.name + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    # The in-header size is trusted only when valid, and only with no WAL to replay (a crash
    # during a checkpoint may leave the header ahead of the file; the WAL completes it).
    if wal_empty and n_pages and change_counter == valid_for and path.stat().st_size < n_pages * page_size:
        return f"the file holds {path.stat().st_size:,} of its {n_pages * page_size:,} bytes (truncated)"
    return None


class BatchBroken(RuntimeError):
    """A failure part-way through an article's writes was caught inside Library.batch()."""


class SearchInterrupted(Exception):
    """A search stopped by Library.interrupt() because a newer one replaced it."""


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quote with its article, for the library-wide quotes view."""

    article_id: int
    title: str
    block: int
    start: int
    end: int
    text: str
    speaker: str


@dataclass(frozen=True, slots=True)
class AddResult:
    """Outcome of adding one article: its id, and whether those bytes were already there."""

    id: int
    duplicate: bool


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def body_text(blocks: Iterable[Block]) -> str:
    """The text the index and the word count see: every block, captions with credits."""
    parts = []
    for b in blocks:
        parts.append(f"{b.text} {b.credit}" if b.kind == CAPTION and b.credit else b.text)
    return "\n\n".join(p for p in parts if p)


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _sort_date(published: str, imported_at: str) -> str:
    # Newest first means the publication date when known, else the import time;
    # both are ISO 8601 so they sort as text.
    return published or imported_at


class Library:
    """A reader library in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, readonly: bool):
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self._db = None
        self._savepoints = itertools.count()
        self._in_batch = False  # inside batch(): articles are written with no savepoint each
        self._batch_broken = False  # an article's writes failed part-way inside the batch

    @property
    def db(self):
        """The same connection as a sqlite_utils Database, for migrations and scripts.

        Imported on first use: sqlite_utils costs ~65 ms to import, a fifth of the
        start-up budget, and reading and writing articles needs nothing from it."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False, recursive_triggers=False)
        return self._db

    @contextlib.contextmanager
    def atomic(self):
        """One transaction (a savepoint when nested). BEGIN IMMEDIATE takes the write lock
        at once, so two processes wait on the busy timeout instead of deadlocking."""
        if self.conn.in_transaction:
            name = f"sp{next(self._savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException as e:
                if self.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        self.conn.execute(f"ROLLBACK TO {name}")
                        self.conn.execute(f"RELEASE {name}")
                if isinstance(e, sqlite3.DatabaseError) and (err := library_error(self.path, e)) is not None:
                    raise err from e
                raise
            self.conn.execute(f"RELEASE {name}")
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as e:
            raise (library_error(self.path, e) or e) from e
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException as e:
            if self.conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.conn.execute("ROLLBACK")
            # A full disk, a read-only file or a damaged page is the user's to fix, said
            # plainly; the transaction is rolled back so the library stays as it was.
            if isinstance(e, sqlite3.DatabaseError) and (err := library_error(self.path, e)) is not None:
                raise err from e
            raise

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, backup_dir: Path | None = None) -> Library:
        """Open (creating if needed) and migrate a library; refuse files that are not ours."""
        path = Path(path).expanduser()
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            with open(path, "rb") as f:
                if f.read(16) != SQLITE_HEADER:
                    raise LibraryDamaged(f"{path}: not a Reader library (the file is not an SQLite database)")
            problem = _header_problem(path)
            if problem:
                raise LibraryDamaged(f"{path}: the library file is damaged: {problem}. Open a backup or start a "
                                     "new library; the damaged file is kept as it is.")
        elif readonly:
            raise LibraryError(f"{path}: no library there to open read-only")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = None
        try:
            conn = _connect(path, readonly)
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=5000")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if exists and path.stat().st_size <= OPEN_CHECK_MAX_BYTES:
                problem = quick_check(conn)
                if problem:
                    raise LibraryDamaged(f"{path}: the library file is damaged ({problem}). Open a backup or start "
                                         "a new library; the damaged file is kept as it is.")
        except LibraryError:
            if conn is not None:
                conn.close()
            raise
        except sqlite3.DatabaseError as e:
            if conn is not None:
                conn.close()
            err = library_error(path, e)
            if isinstance(err, LibraryReadOnly):
                raise LibraryReadOnly(f"{path}: the library cannot be written (the file or its folder is "
                                      "read-only); open it read-only") from e
            if isinstance(err, LibraryDamaged):
                raise err from e
            raise LibraryError(f"{path}: cannot be read as a library ({e})") from e
        if version > SCHEMA_VERSION:
            conn.close()
            raise LibraryError(
                f"{path}: this library was written by a newer version of Reader "
                f"(schema {version}, this version knows up to {SCHEMA_VERSION}); update Reader to open it"
            )
        if (version == 0 and tables) or (version > 0 and "articles" not in tables):
            conn.close()
            raise LibraryError(f"{path}: this SQLite database belongs to another program, not Reader")
        if not readonly:
            # Only now, once the file is known to be a sound library of ours: switching to
            # WAL writes to the file, and a damaged or foreign one is never written.
            try:
                conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.DatabaseError as e:
                conn.close()
                err = library_error(path, e)
                if isinstance(err, LibraryReadOnly):
                    raise LibraryReadOnly(f"{path}: the library cannot be written (the file or its folder is "
                                          "read-only); open it read-only") from e
                raise (err or LibraryError(f"{path}: cannot be opened ({e})")) from e
        lib = cls(conn, path, readonly)
        if version < SCHEMA_VERSION:
            if readonly:
                conn.close()
                raise LibraryError(f"{path}: this library needs an upgrade, which cannot be done read-only")
            try:
                if version > 0:
                    lib.backup(lib._backup_path(backup_dir, f"before-schema-{SCHEMA_VERSION}"))
                lib._migrate(version)
            except BaseException:
                conn.close()
                raise
        return lib

    def _backup_path(self, backup_dir: Path | None, label: str) -> Path:
        folder = backup_dir or self.path.parent / "backups"
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return folder / f"{self.path.stem}-{stamp}-{label}.sqlite"

    def _migrate(self, current: int, target: int = SCHEMA_VERSION) -> None:
        for number in range(current + 1, target + 1):
            with self.atomic():
                MIGRATIONS[number - 1](self.db)
                self.conn.execute(f"PRAGMA user_version = {number}")

    def backup(self, dest: str | Path) -> Path:
        """Copy the whole library with SQLite's online backup API (safe while in use)."""
        dest = Path(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        # Written beside and renamed into place: a crash or a full disk mid-copy never leaves
        # a half backup that looks whole.
        partial = dest.with_name(dest.name + ".partial")
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(str(partial))
        try:
            self.conn.backup(target)
            # One self-contained file: the copy carries the library's WAL flag, and a WAL file
            # would leave -wal and -shm companions beside it whenever it is opened.
            target.execute("PRAGMA journal_mode=DELETE")
            target.close()
            os.replace(partial, dest)
        except sqlite3.DatabaseError as e:
            target.close()
            partial.unlink(missing_ok=True)
            raise (library_error(dest, e) or e) from e
        except BaseException:
            target.close()
            partial.unlink(missing_ok=True)
            raise
        return dest

    def data_version(self) -> int:
        """A number that changes when another connection commits to the file (PRAGMA
        data_version): polled by the window to refresh after the CLI or another window wrote."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ----------------------------------------------------------------- settings
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.atomic():
            self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])

    # ----------------------------------------------------------------- writing
    @contextlib.contextmanager
    def batch(self):
        """Group many writes into one transaction, all or nothing.

        Articles added (or re-cleaned) inside take no savepoint of their own: FTS5 writes its
        pending index out as a new segment at every SAVEPOINT and RELEASE (and then merges
        those one-article segments), which cost 0.4 ms an article, the dearest step of storing
        one. So an article whose writes fail part-way cannot be undone alone: the exception
        rolls back the whole batch, and should a caller swallow it, the batch still rolls back
        at its end (BatchBroken) rather than commit half an article."""
        if self.conn.in_transaction:  # within a caller's transaction: a part of it, as before
            if self._in_batch:
                yield
            else:
                with self.atomic():
                    yield
            return
        with self.atomic():
            self._in_batch, self._batch_broken = True, False
            try:
                yield
                if self._batch_broken:
                    raise BatchBroken("an article's writes failed part-way and the failure was caught "
                                      "inside the batch; the whole batch is rolled back")
            finally:
                self._in_batch = self._batch_broken = False

    @contextlib.contextmanager
    def _article_writes(self):
        """The writes of one article: a transaction (or savepoint) of their own, or inside
        batch() a part of the batch's (see there)."""
        if not self._in_batch:
            with self.atomic():
                yield
            return
        before = self.conn.total_changes
        try:
            yield
        except BaseException:
            if self.conn.total_changes != before:
                self._batch_broken = True
            raise

    def find_by_hash(self, digest: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", [digest]).fetchone()
        return row[0] if row else None

    def add(
        self,
        cleaned: Cleaned,
        original: Original,
        *,
        tags: Sequence[str] = (),
        quotes: Sequence[Quote] = (),
        cleaner_version: int = 0,
        quotes_version: int = 0,
        resources: dict[str, bytes] | None = None,
    ) -> AddResult:
        """Store one article, its original bytes, tags, quotes, images and index entry in one
        transaction."""
        digest = content_hash(original.data)
        if not self._in_batch:  # no transaction taken for a duplicate (nor on a read-only file)
            existing = self.find_by_hash(digest)
            if existing is not None:
                return AddResult(existing, True)
        imported_at = _now()
        text = body_text(cleaned.blocks)
        with self._article_writes():
            # In a batch the insert itself says whether the bytes are there already (earlier
            # in the batch, or from another process): one query an article fewer.
            cur = self.conn.execute(
                """INSERT INTO articles (title, source, author, published, url, imported_at, sort_date,
                       reading_time, word_count, cleaner_version, content_hash, quotes_version)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING""",
                [
                    cleaned.title,
                    cleaned.source,
                    cleaned.author,
                    cleaned.published,
                    cleaned.url,
                    imported_at,
                    _sort_date(cleaned.published, imported_at),
                    cleaned.reading_time,
                    _word_count(text),
                    cleaner_version,
                    digest,
                    quotes_version,
                ],
            )
            if cur.rowcount == 0:
                return AddResult(self.find_by_hash(digest), True)
            article_id = cur.lastrowid
            self.conn.execute(
                "INSERT INTO bodies (article_id, blocks, removed) VALUES (?, ?, ?)",
                [article_id, _blocks_json(cleaned.blocks), _blocks_json(cleaned.removed)],
            )
            self.conn.execute(
                "INSERT INTO originals (article_id, data, format, encoding, name) VALUES (?, ?, ?, ?, ?)",
                [article_id, original.data, original.format, original.encoding, original.name],
            )
            self.conn.execute(
                "INSERT INTO articles_fts (rowid, title, body, source, author) VALUES (?, ?, ?, ?, ?)",
                [article_id, cleaned.title, text, cleaned.source, cleaned.author],
            )
            self._insert_quotes(article_id, quotes, cleaned)
            self._link_tags([article_id], list(tags) + list(cleaned.tags))
            if resources:
                self.conn.executemany(
                    "INSERT OR IGNORE INTO resources (article_id, name, data) VALUES (?, ?, ?)",
                    [(article_id, name, data) for name, data in resources.items()],
                )
        return AddResult(article_id, False)

    def resource(self, article_id: int, name: str) -> bytes | None:
        """An image stored with an article, by the name its page used for it."""
        row = self.conn.execute("SELECT data FROM resources WHERE article_id = ? AND name = ?", [article_id, name]).fetchone()
        return bytes(row[0]) if row else None

    def resource_names(self, article_id: int) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT name FROM resources WHERE article_id = ?", [article_id])}

    def resources(self, article_id: int) -> dict[str, bytes]:
        return {r[0]: bytes(r[1]) for r in self.conn.execute(
            "SELECT name, data FROM resources WHERE article_id = ? ORDER BY name", [article_id])}

    def replace_cleaned(
        self,
        article_id: int,
        cleaned: Cleaned,
        *,
        quotes: Sequence[Quote] = (),
        cleaner_version: int = 0,
        quotes_version: int = 0,
    ) -> None:
        """Swap in a re-derived cleaning of an article, keeping its original, tags and flags."""
        text = body_text(cleaned.blocks)
        with self._article_writes():
            row = self.conn.execute("SELECT imported_at FROM articles WHERE id = ?", [article_id]).fetchone()
            if row is None:
                raise KeyError(article_id)
            self.conn.execute(
                """UPDATE articles SET title = ?, source = ?, author = ?, published = ?, url = ?,
                       sort_date = ?, reading_time = ?, word_count = ?,
                       cleaner_version = ?, quotes_version = ? WHERE id = ?""",
                [
                    cleaned.title,
                    cleaned.source,
                    cleaned.author,
                    cleaned.published,
                    cleaned.url,
                    _sort_date(cleaned.published, row[0]),
                    cleaned.reading_time,
                    _word_count(text),
                    cleaner_version,
                    quotes_version,
                    article_id,
                ],
            )
            self.conn.execute(
                "UPDATE bodies SET blocks = ?, removed = ? WHERE article_id = ?",
                [_blocks_json(cleaned.blocks), _blocks_json(cleaned.removed), article_id],
            )
            self.conn.execute(
                "UPDATE articles_fts SET title = ?, body = ?, source = ?, author = ? WHERE rowid = ?",
                [cleaned.title, text, cleaned.source, cleaned.author, article_id],
            )
            self.conn.execute("DELETE FROM quotes WHERE article_id = ?", [article_id])
            self._insert_quotes(article_id, quotes, cleaned)

    def _insert_quotes(self, article_id: int, quotes: Sequence[Quote], cleaned: Cleaned) -> None:
        rows = []
        for q in quotes:
            block = q.block if q.block is not None else 0
            source = cleaned.title if block < 0 else cleaned.blocks[block].text if block < len(cleaned.blocks) else ""
            rows.append((article_id, block, q.start, q.end, q.speaker, q.mention, q.speaker_start, q.speaker_end, source[q.start:q.end]))
        if rows:
            self.conn.executemany(
                """INSERT INTO quotes (article_id, block, start, "end", speaker, mention, speaker_start, speaker_end, text)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                rows,
            )

    def delete(self, ids: Iterable[int]) -> int:
        ids = list(ids)
        with self.atomic():
            for chunk in _chunks(ids):
                marks = ",".join("?" * len(chunk))
                self.conn.execute(f"DELETE FROM articles_fts WHERE rowid IN ({marks})", chunk)
                cur = self.conn.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
        return cur.rowcount if ids else 0

    def set_read(self, ids: Iterable[int], read: bool = True) -> None:
        self._set_flag("is_read", ids, read)

    def set_starred(self, ids: Iterable[int], starred: bool = True) -> None:
        self._set_flag("starred", ids, starred)

    def _set_flag(self, column: str, ids: Iterable[int], value: bool) -> None:
        ids = list(ids)
        with self.atomic():
            for chunk in _chunks(ids):
                self.conn.execute(f"UPDATE articles SET {column} = ? WHERE id IN ({','.join('?' * len(chunk))})", [int(value), *chunk])

    def set_read_position(self, article_id: int, position: float) -> None:
        with self.atomic():
            self.conn.execute("UPDATE articles SET read_position = ? WHERE id = ?", [float(position), article_id])

    # ----------------------------------------------------------------- tags
    def _tag_id(self, name: str) -> int:
        name = _clean_tag(name)
        row = self.conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", [name]).fetchone()
        if row:
            return row[0]
        return self.conn.execute("INSERT INTO tags (name) VALUES (?)", [name]).lastrowid

    def _link_tags(self, ids: Sequence[int], names: Iterable[str]) -> None:
        for name in names:
            if not _clean_tag(name):
                continue
            tag_id = self._tag_id(name)
            self.conn.executemany(
                "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)",
                [(i, tag_id) for i in ids],
            )

    def tag(self, ids: Iterable[int], add: Iterable[str] = (), remove: Iterable[str] = ()) -> None:
        """Add and remove tags on many articles at once (tags are case-insensitive)."""
        ids = list(ids)
        with self.atomic():
            self._link_tags(ids, add)
            for name in remove:
                row = self.conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", [_clean_tag(name)]).fetchone()
                if row:
                    for chunk in _chunks(ids):
                        self.conn.execute(
                            f"DELETE FROM article_tags WHERE tag_id = ? AND article_id IN ({','.join('?' * len(chunk))})",
                            [row[0], *chunk],
                        )

    def tag_ids(self, name: str) -> list[int]:
        """Articles carrying exactly this tag (not its children)."""
        return [r[0] for r in self.conn.execute(
            """SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id
               WHERE t.name = ? COLLATE NOCASE ORDER BY at.article_id""", [_clean_tag(name)])]

    def _family(self, name: str) -> list[str]:
        """A tag and its descendants ("a" → "a", "a/b", "a/b/c"), with their stored spelling."""
        name = _clean_tag(name)
        like = _like_escape(name) + "/%"
        return [r[0] for r in self.conn.execute(
            "SELECT name FROM tags WHERE name = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\' ORDER BY name", [name, like])]

    def tag_snapshot(self, names: Iterable[str]) -> dict[str, list[int]]:
        """Which articles carry each tag (by stored spelling): what an undo puts back."""
        snapshot = {}
        for n in names:
            row = self.conn.execute("SELECT name FROM tags WHERE name = ? COLLATE NOCASE", [_clean_tag(n)]).fetchone()
            if row:
                snapshot[row[0]] = self.tag_ids(row[0])
        return snapshot

    def restore_tags(self, snapshot: dict[str, list[int]], drop: Iterable[str] = ()) -> None:
        """Make each snapshot tag carry exactly its articles again (spelling too); drop others."""
        with self.atomic():
            kept = {k.lower() for k in snapshot}
            for name in drop:
                if _clean_tag(name).lower() not in kept:
                    self.conn.execute("DELETE FROM tags WHERE name = ? COLLATE NOCASE", [_clean_tag(name)])
            for name, ids in snapshot.items():
                tag_id = self._tag_id(name)
                self.conn.execute("UPDATE tags SET name = ? WHERE id = ?", [name, tag_id])
                self.conn.execute("DELETE FROM article_tags WHERE tag_id = ?", [tag_id])
                self.conn.executemany("INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (?, ?)", [(i, tag_id) for i in ids])

    def rename_plan(self, old: str, new: str) -> list[tuple[str, str, bool]]:
        """What renaming `old` to `new` does: (from, to, merges into an existing tag) for the
        tag and each descendant."""
        old, new = _clean_tag(old), _clean_tag(new)
        plan = []
        for name in self._family(old):
            target = new + name[len(old):]
            exists = target.lower() != name.lower() and self.conn.execute(
                "SELECT 1 FROM tags WHERE name = ? COLLATE NOCASE", [target]).fetchone() is not None
            plan.append((name, target, exists))
        return plan

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag and its descendants; onto an existing tag the two merge.
        Returns how many article–tag links moved."""
        new = _clean_tag(new)
        if not new:
            raise ValueError("a tag needs a name")
        moved = 0
        with self.atomic():
            for name, target, exists in self.rename_plan(old, new):
                src = self._tag_id(name)
                if exists:
                    dst = self._tag_id(target)
                    moved += self.conn.execute(
                        "INSERT OR IGNORE INTO article_tags (article_id, tag_id) SELECT article_id, ? FROM article_tags WHERE tag_id = ?",
                        [dst, src]).rowcount
                    self.conn.execute("DELETE FROM tags WHERE id = ?", [src])
                else:
                    self.conn.execute("UPDATE tags SET name = ? WHERE id = ?", [target, src])
                    moved += self.conn.execute("SELECT count(*) FROM article_tags WHERE tag_id = ?", [src]).fetchone()[0]
        return moved

    def delete_tag(self, name: str) -> None:
        """Remove a tag (and its descendants) from every article."""
        with self.atomic():
            for n in self._family(name):
                self.conn.execute("DELETE FROM tags WHERE name = ? COLLATE NOCASE", [n])

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of articles carrying it, by name."""
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                """SELECT t.name, count(at.article_id) FROM tags t
                   LEFT JOIN article_tags at ON at.tag_id = t.id
                   GROUP BY t.id ORDER BY t.name COLLATE NOCASE"""
            )
        ]

    # ----------------------------------------------------------------- reading
    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def is_empty(self) -> bool:
        """No article at all (cheaper than count() on a big library)."""
        return self.conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None

    def starred_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE starred = 1").fetchone()[0]

    def unread_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE is_read = 0").fetchone()[0]

    def article_ids(self) -> list[int]:
        """Every article id, newest first (publication date when known, else import time)."""
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY sort_date DESC, id DESC")]

    def rows(self, ids: Sequence[int]) -> dict[int, ArticleRow]:
        """The list's fields for a page of articles, in one query."""
        out: dict[int, ArticleRow] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for r in self.conn.execute(
                f"""SELECT a.id, a.title, a.source, a.published, a.imported_at, a.is_read, a.starred,
                           (SELECT group_concat(t.name, char(31)) FROM article_tags at JOIN tags t ON t.id = at.tag_id
                             WHERE at.article_id = a.id)
                    FROM articles a WHERE a.id IN ({marks})""",
                chunk,
            ):
                tags = tuple(sorted(r[7].split("\x1f"), key=str.lower)) if r[7] else ()
                out[r[0]] = ArticleRow(r[0], r[1], r[2], r[3], r[4], tags, bool(r[5]), bool(r[6]))
        return out

    def get(self, article_id: int, *, with_original: bool = False) -> Article:
        r = self.conn.execute(
            """SELECT a.id, a.title, a.source, a.author, a.published, a.url, a.imported_at, a.reading_time,
                      a.word_count, a.is_read, a.starred, b.blocks, b.removed, a.content_hash, a.cleaner_version
               FROM articles a JOIN bodies b ON b.article_id = a.id WHERE a.id = ?""",
            [article_id],
        ).fetchone()
        if r is None:
            raise KeyError(article_id)
        art = Article(
            id=r[0],
            title=r[1],
            source=r[2],
            author=r[3],
            published=r[4],
            url=r[5],
            imported_at=r[6],
            reading_time=r[7],
            word_count=r[8],
            is_read=bool(r[9]),
            starred=bool(r[10]),
            blocks=_blocks_from_json(r[11]),
            removed=_blocks_from_json(r[12]),
            content_hash=r[13],
            cleaner_version=r[14],
        )
        art.tags = sorted(
            (t[0] for t in self.conn.execute(
                "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE at.article_id = ?", [article_id]
            )),
            key=str.lower,
        )
        art.quotes = [
            Quote(start=q[0], end=q[1], speaker=q[2], mention=q[3], speaker_start=q[4], speaker_end=q[5], block=q[6])
            for q in self.conn.execute(
                """SELECT start, "end", speaker, mention, speaker_start, speaker_end, block FROM quotes
                   WHERE article_id = ? ORDER BY block, start""",
                [article_id],
            )
        ]
        if with_original:
            art.original = self.original(article_id)
        return art

    def read_position(self, article_id: int) -> float:
        row = self.conn.execute("SELECT read_position FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else 0.0

    def original(self, article_id: int) -> Original:
        r = self.conn.execute("SELECT data, format, encoding, name FROM originals WHERE article_id = ?", [article_id]).fetchone()
        if r is None:
            raise KeyError(article_id)
        return Original(data=bytes(r[0]), format=r[1], encoding=r[2], name=r[3])

    def stale_ids(self, cleaner_version: int, quotes_version: int) -> list[int]:
        """Articles whose derived data was made by older code than the running one."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT id FROM articles WHERE cleaner_version < ? OR quotes_version < ? ORDER BY id",
                [cleaner_version, quotes_version],
            )
        ]

    # ----------------------------------------------------------------- search
    def first_page(self, query: str, order: str = "rank", limit: int = 50):
        """The first screen of matches at once (see reader.library.search.first_page)."""
        from reader.library import search

        return search.first_page(self.conn, query, order, limit)

    def search_ids(self, query: str, order: str = "rank", limit: int | None = None) -> list[int]:
        """Every matching id in order; SearchInterrupted if interrupt() stopped it."""
        from reader.library import search

        try:
            return search.search_ids(self.conn, query, order, limit)
        except sqlite3.OperationalError as e:
            if "interrupt" in str(e):
                raise SearchInterrupted(query) from None
            raise

    def search_count(self, query: str) -> int:
        from reader.library import search

        return search.count(self.conn, query)

    def snippets(self, query: str, ids: Sequence[int]) -> dict[int, str]:
        from reader.library import search

        return search.snippets(self.conn, query, ids)

    def interrupt(self) -> None:
        """Stop the query running on this connection (safe from another thread)."""
        self.conn.interrupt()

    # ----------------------------------------------------------------- saved searches
    def saved_searches(self) -> list[tuple[int, str, str]]:
        return [tuple(r) for r in self.conn.execute("SELECT id, name, query FROM saved_searches ORDER BY name COLLATE NOCASE")]

    def save_search(self, name: str, query: str) -> int:
        """Save (or overwrite, by name) a search; returns its id."""
        name = " ".join(name.split())
        if not name:
            raise ValueError("a saved search needs a name")
        with self.atomic():
            self.conn.execute(
                "INSERT INTO saved_searches (name, query) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET query = excluded.query",
                [name, query])
            return self.conn.execute("SELECT id FROM saved_searches WHERE name = ?", [name]).fetchone()[0]

    def rename_saved_search(self, search_id: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise ValueError("a saved search needs a name")
        with self.atomic():
            self.conn.execute("UPDATE saved_searches SET name = ? WHERE id = ?", [name, search_id])

    def delete_saved_search(self, search_id: int) -> None:
        with self.atomic():
            self.conn.execute("DELETE FROM saved_searches WHERE id = ?", [search_id])

    # ----------------------------------------------------------------- quotes
    def speakers(self, text: str = "", limit: int = 5000) -> list[tuple[str, int]]:
        """Speakers with their number of quotes, most quoted first; "" collects the unattributed.

        `text` keeps speakers whose name, or one of whose quotes, contains it."""
        like = f"%{_like_escape(text.strip())}%"
        return [
            (r[0], r[1])
            for r in self.conn.execute(
                """SELECT speaker, count(*) AS n FROM quotes
                   WHERE ? = '%%' OR speaker LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\'
                   GROUP BY speaker COLLATE NOCASE ORDER BY n DESC, speaker COLLATE NOCASE LIMIT ?""",
                [like, like, like, limit],
            )
        ]

    def quotes_of(self, speaker: str, text: str = "", limit: int = 2000) -> list[QuoteRow]:
        """The quotes of one speaker ("" for unattributed ones), newest article first."""
        like = f"%{_like_escape(text.strip())}%"
        return [
            QuoteRow(*r)
            for r in self.conn.execute(
                """SELECT q.article_id, a.title, q.block, q.start, q."end", q.text, q.speaker
                   FROM quotes q JOIN articles a ON a.id = q.article_id
                   WHERE q.speaker = ? COLLATE NOCASE AND (? = '%%' OR q.speaker LIKE ? ESCAPE '\\' OR q.text LIKE ? ESCAPE '\\')
                   ORDER BY a.sort_date DESC, q.block, q.start LIMIT ?""",
                [speaker, like, like, like, limit],
            )
        ]

    # ----------------------------------------------------------------- corrections
    def corrections(self) -> dict[str, str]:
        """User corrections to the cleaner: normalised block text → 'keep' or 'cut'."""
        return dict(self.conn.execute("SELECT text_key, action FROM corrections"))

    def set_correction(self, text_key: str, action: str | None) -> None:
        """Remember that a block must be kept or cut whatever the cleaner says (None forgets)."""
        with self.atomic():
            if action is None:
                self.conn.execute("DELETE FROM corrections WHERE text_key = ?", [text_key])
            else:
                self.conn.execute(
                    "INSERT INTO corrections (text_key, action) VALUES (?, ?) "
                    "ON CONFLICT(text_key) DO UPDATE SET action = excluded.action",
                    [text_key, action],
                )

    def check_integrity(self) -> list[str]:
        """Problems found by SQLite's own checks and the index's; an empty list when sound."""
        problems = [r[0] for r in self.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        try:
            self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
        except sqlite3.DatabaseError as e:
            problems.append(f"full-text index: {e}")
        n_fts = self.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        if n_fts != self.count():
            problems.append(f"full-text index has {n_fts} rows for {self.count()} articles")
        bad = self.altered_originals()
        if bad:
            problems.append(f"{len(bad)} originals no longer match their hash (articles {', '.join(map(str, bad[:10]))})")
        return problems

    def altered_originals(self) -> list[int]:
        """Articles whose kept original no longer hashes to the content hash stored with it.

        SQLite checks its pages' structure, not the bytes of a blob: a disk that flips bits
        inside an original is caught here, by the SHA-256 taken when it was imported."""
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT a.id, a.content_hash, o.data FROM articles a JOIN originals o ON o.article_id = a.id")
            if len(r[1]) == 64 and hashlib.sha256(r[2]).hexdigest() != r[1]
        ]


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun explicitly by atomic(), never
    # implicitly by the driver (which would hold write locks between statements).
    if readonly:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        wal, shm = (path.with_name(path.name + s) for s in ("-wal", "-shm"))
        if not os.access(path.parent, os.W_OK) and not shm.exists() and (not wal.exists() or wal.stat().st_size == 0):
            # A WAL library in a folder we cannot write: SQLite cannot make the -shm file it
            # reads through, but with no WAL to replay the main file is complete on its own.
            uri += "&immutable=1"
        conn = sqlite3.connect(uri, uri=True, timeout=5.0, factory=_Connection,
                               check_same_thread=False, isolation_level=None)
    else:
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False, isolation_level=None,
                               factory=_Connection)
    conn.library_path = path
    return conn


def quick_check(conn: sqlite3.Connection) -> str | None:
    """PRAGMA quick_check's first complaints, or None when the file is sound."""
    try:
        rows = [r[0] for r in sqlite3.Connection.execute(conn, "PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as e:
        return str(e)
    if rows == ["ok"]:
        return None
    text = " ".join(" ".join(rows).replace("*** in database main ***", "").split())
    return text if len(text) <= 160 else text[:157] + "..."


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _clean_tag(name: str) -> str:
    # Tags nest by "/", so spaces around the slashes and doubled slashes are noise.
    parts = [p.strip() for p in name.strip().split("/")]
    return "/".join(p for p in parts if p)


def _blocks_json(blocks: Sequence[Block]) -> str:
    """The blocks as compact JSON, exactly as json.dumps([b.to_dict() ...], ensure_ascii=False,
    separators=(",", ":")) writes them (tests compare the two).

    Built here from the C string escaper: an article has ~160 blocks (most of them cut noise
    with a reason), and dicts through json.dumps cost twice as much, 0.17 ms an article."""
    kinds, reasons, out = _JSON_KINDS, _json_reasons, []
    try:
        for b in blocks:
            kind = kinds.get(b.kind)
            if kind is None or b.credit or b.src:
                out.append(_json_dumps(b.to_dict()))
            elif b.reason:
                reason = reasons.get(b.reason)
                if reason is None:
                    reason = _json_string(b.reason)
                    if len(reasons) < 1000:
                        reasons[b.reason] = reason
                out.append(f'{{"kind":{kind},"text":{_json_string(b.text)},"reason":{reason}}}')
            else:
                out.append(f'{{"kind":{kind},"text":{_json_string(b.text)}}}')
    except TypeError:  # a field that is not a string: json.dumps says what it makes of it
        return _json_dumps([b.to_dict() for b in blocks])
    return "[" + ",".join(out) + "]"


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_json_string = encode_basestring  # what json.dumps(..., ensure_ascii=False) quotes strings with
_JSON_KINDS = {k: _json_string(k) for k in BLOCK_KINDS}
_json_reasons: dict[str, str] = {}  # the cleaners' few dozen reasons, quoted once


def _word_count(text: str) -> int:
    # Words as a reader counts them, between spaces: split() runs in C, where a \w+ scan of a
    # whole article cost a tenth of a millisecond on every import.
    return len(text.split())


def _blocks_from_json(text: str) -> list[Block]:
    return [Block.from_dict(d) for d in json.loads(text)]


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i : i + size]
