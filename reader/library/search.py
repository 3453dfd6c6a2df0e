"""Runs search queries (see reader.library.query) over a library's SQLite connection: ids, counts, snippets.

How the UI is meant to use it (figures from bench/search.py on 100,000 articles, 2 slow cores):

1. GUI thread, per (debounced) keystroke: ``page = first_page(conn, text, order)`` returns the
   first screen of ids (50) in at most ~3 x its 12 ms budget, whatever the query: in the order
   asked for when that is cheap (a rare word, a tag, a field: ``page.final`` True), else
   newest imported first (``page.order == "rowid"``, ``page.final`` False: a word found in half
   the library, whose ranking costs ~200 ms), else, rarely, nothing yet. Then
   ``library.rows(page.ids)`` and ``snippets(conn, text, page.ids)`` (~2 ms) fill those rows.
2. Unless ``page.final and page.complete``: a worker thread, on its own connection to the same
   file (``Library.open(path, readonly=True)``; WAL lets it read while the GUI writes), runs
   ``search_ids(conn2, text, order)`` for every matching id in the final order, and the list
   model swaps that list in (keeping the selection) if the query is still the current one;
   ``len()`` of it is the result count. A newer query makes the GUI call ``conn2.interrupt()``
   (thread-safe): the stale call raises ``sqlite3.OperationalError`` and the worker drops it, so
   fast typing never queues stale searches. The list model stays lazy: it holds ids only and
   fetches rows and snippets for the rows it shows.
3. The reading pane marks ``highlight_terms(text)`` (case- and accent-insensitively; ``fold``
   here folds text the way the index does).

Orders: "rank" (bm25 with title hits weighing 10, source and author 2, body 1; the date order
when the query has no words), "date" (newest first by sort_date: publication date when known,
else import time), "rowid" (newest imported first; the cheap order).

Nothing here raises on any query text: the parser never fails and everything the user typed
is a bound parameter or a quoted FTS5 string.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reader.library.query import CompiledQuery, compile_query, compile_text, parse

ORDERS = ("rank", "date", "rowid")
# Column weights for bm25(articles_fts, title, body, source, author).
BM25 = "bm25(articles_fts, 10.0, 1.0, 2.0, 2.0)"
FALLBACK_CHARS = 200  # length of a snippet
SNIPPET_BEFORE = 50  # characters of context before the first hit
# Match sets below this many are read whole on the GUI thread and sorted there.
SMALL = 2000
START, END = "\x02", "\x03"  # around each matched word in a snippet; never in article text


def _select(q: CompiledQuery, order: str, limit: int | None) -> tuple[str, list]:
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    params = []
    if q.fts is not None:
        # The join is driven by the MATCH; `a` is looked up by primary key for the other conditions.
        sql = "SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ?"
        params.append(q.fts)
        if q.where != "1":
            sql += f" AND {q.where}"
        sql += {
            "rank": f" ORDER BY {BM25}, a.id DESC",
            "date": " ORDER BY a.sort_date DESC, a.id DESC",
            "rowid": " ORDER BY articles_fts.rowid DESC",
        }[order]
    else:
        sql = f"SELECT a.id FROM articles a WHERE {q.where}"
        sql += " ORDER BY a.id DESC" if order == "rowid" else " ORDER BY a.sort_date DESC, a.id DESC"
    params += q.params
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return sql, params


def search_ids(conn: sqlite3.Connection, query: str, order: str = "rank", limit: int | None = None) -> list[int]:
    """Ids of the articles matching `query`, in `order`, at most `limit` of them."""
    sql, params = _select(compile_text(query), order, limit)
    return [r[0] for r in conn.execute(sql, params)]


def count(conn: sqlite3.Connection, query: str) -> int:
    """How many articles match (as costly as reading every match: keep it off the GUI thread
    for queries that are not selective, or take len() of search_ids' full list)."""
    q = compile_text(query)
    if q.fts is None:
        return conn.execute(f"SELECT count(*) FROM articles a WHERE {q.where}", q.params).fetchone()[0]
    if q.where == "1":
        return conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", [q.fts]).fetchone()[0]
    return conn.execute(
        f"SELECT count(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND {q.where}",
        [q.fts, *q.params],
    ).fetchone()[0]


def highlight_terms(query: str) -> list[str]:
    """The words, phrases and prefixes (ending in "*") to mark in the reading pane; matching
    them should ignore case and accents, as the search did."""
    return compile_text(query).terms


# ----------------------------------------------------------------------------- snippets
# Snippets are cut in Python from the indexed body text rather than by FTS5's snippet():
# that re-runs the MATCH once per id (~0.15 ms each here, 7-40 ms for a screen of 50), while
# reading 50 bodies by rowid costs 0.2 ms and finding the words in them ~2 ms.

def _fold_table() -> dict[int, str]:
    # Accented letters to their base letter, one character for one so that offsets in the
    # folded text are offsets in the original (FTS5's remove_diacritics does the same folding).
    import unicodedata

    table = {}
    for cp in itertools.chain(range(0xC0, 0x250), range(0x370, 0x530), range(0x1E00, 0x2000)):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(cp)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(cp):
            table[cp] = base
    return table


_FOLD: dict[int, str] | None = None
_TOKEN = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case without accents, the same length as `text` (offsets carry over)."""
    global _FOLD
    if text.isascii():
        return text.lower()
    if _FOLD is None:
        _FOLD = _fold_table()
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) != len(text):  # a few letters (Turkish dotted I) lower-case to two characters
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)
    return lowered


@dataclass(frozen=True)
class _Term:
    first: str  # the first token, found with str.find (fast) before the rest is checked
    pattern: re.Pattern  # the whole term, anchored where `first` was found
    prefix: bool


def _snippet_terms(terms: Sequence[str]) -> tuple[list[_Term], re.Pattern | None]:
    out, alternatives = [], []
    for term in terms:
        prefix = term.endswith("*")
        tokens = _TOKEN.findall(fold(term.rstrip("*")))
        if not tokens:
            continue
        body = r"[\W_]+".join(re.escape(t) for t in tokens)
        pattern = body + ("" if prefix else r"(?![^\W_])")
        out.append(_Term(tokens[0], re.compile(pattern), prefix))
        alternatives.append(r"(?<![^\W_])" + pattern)
    return out, (re.compile("|".join(alternatives)) if alternatives else None)


def _first_hit(folded: str, term: _Term) -> int:
    i = folded.find(term.first)
    while i >= 0:
        if (i == 0 or not folded[i - 1].isalnum()) and term.pattern.match(folded, i):
            return i
        i = folded.find(term.first, i + 1)
    return -1


def _cut(text: str, terms: list[_Term], marks: re.Pattern | None) -> str:
    folded = fold(text)
    hits = [h for h in (_first_hit(folded, t) for t in terms) if h >= 0]
    if not hits:
        end = len(text) if len(text) <= FALLBACK_CHARS else max(text.rfind(" ", 0, FALLBACK_CHARS), FALLBACK_CHARS // 2)
        return _squeeze(_clean(text[:end])) + ("…" if end < len(text) else "")
    # The window opens a little before the earliest hit, on a word boundary.
    start = max(0, min(hits) - SNIPPET_BEFORE)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < min(hits) else start
    end = min(len(text), start + FALLBACK_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces, pos = [], start
    for m in marks.finditer(folded, start, end):  # type: ignore[union-attr]
        if m.end() > end:
            break
        pieces += [_clean(text[pos : m.start()]), START, _clean(text[m.start() : m.end()]), END]
        pos = m.end()
    pieces.append(_clean(text[pos:end]))
    return ("…" if start else "") + _squeeze("".join(pieces)) + ("…" if end < len(text) else "")


def _clean(text: str) -> str:
    return text.replace(START, "").replace(END, "")


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def snippets(conn: sqlite3.Connection, query: str, ids: Iterable[int]) -> dict[int, str]:
    """One line of body text per id, starting a little before the first searched word, every
    searched word in it between START and END (escape the rest, then turn those into highlight
    markup); the start of the body where no searched word is in it. Meant for the rows on screen."""
    ids = list(dict.fromkeys(ids))
    terms, marks = _snippet_terms(compile_text(query).terms)
    out: dict[int, str] = {}
    for chunk in _chunks(ids):
        for rowid, text in conn.execute(
            f"SELECT rowid, body FROM articles_fts WHERE rowid IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[rowid] = _cut(text or "", terms, marks)
    return out


@dataclass(frozen=True)
class Page:
    """The first screen of a search. `final`: in the order asked for (else newest imported
    first, to be replaced by the background's full list). `complete`: nothing beyond these."""

    ids: list[int]
    order: str
    final: bool
    complete: bool


def _run(conn: sqlite3.Connection, sql: str, params: list, budget: float) -> list[int] | None:
    """The statement's ids, or None when it has not finished within `budget` seconds."""
    deadline = time.perf_counter() + budget
    conn.set_progress_handler(lambda: time.perf_counter() > deadline, 1000)
    try:
        return [r[0] for r in conn.execute(sql, params)]
    except sqlite3.OperationalError as e:
        if "interrupt" not in str(e):
            raise
        return None
    finally:
        conn.set_progress_handler(None, 0)


def first_page(
    conn: sqlite3.Connection, query: str, order: str = "rank", limit: int = 50, budget: float = 0.012
) -> Page:
    """The first `limit` ids for the GUI thread, in about 3 x `budget` seconds at most: in
    `order` when that is cheap, else newest imported first, else none yet (`ids` empty,
    `final` False: wait for the worker's full list)."""
    parsed = parse(query)
    q = compile_query(parsed)
    if q.fts is not None:
        # The index hands out matches in rowid order at no cost; ranking or dating them costs
        # ~3 µs a match (and bm25's first call reads every match of a phrase or prefix, past
        # any interrupt), so sort only a match set small enough to have been read whole.
        ids = _run(conn, *_select(q, "rowid", SMALL), budget)
        if ids is not None and len(ids) < SMALL:
            if order != "rowid":
                ordered = _run(conn, *_select(q, order, limit), budget)
                if ordered is not None:
                    return Page(ordered, order, True, len(ids) <= limit)
            return Page(ids[:limit], "rowid", order == "rowid", len(ids) <= limit)
        if ids is None:
            ids = _run(conn, *_select(q, "rowid", limit), budget) or []
        return Page(ids[:limit], "rowid", order == "rowid" and bool(ids), False)
    # No words: SQLite walks the date index (or the table, newest first) testing each article,
    # which is quick when matches are common; collecting the matches first is quick when rare.
    probe = compile_query(parsed, probe=True)
    for compiled, how, seconds in ((probe, order, budget / 4), (q, order, budget * 1.5), (probe, "rowid", budget)):
        ids = _run(conn, *_select(compiled, how, limit), seconds)
        if ids is not None:
            return Page(ids, how, how == order or order == "rowid", len(ids) < limit)
    return Page([], "rowid", False, False)


def _chunks(items: Sequence, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i : i + size]
