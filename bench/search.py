"""Times search on a library: first screen (ids + rows + snippets) and full ordering per query kind.

usage: python bench/search.py LIBRARY [--reps 20] [--page 50]
Queries are picked from the library's own vocabulary (titles sampled, document counts read
through an fts5vocab table), so the script works on any library from bench/make_library.py.
"First screen" is what the GUI thread does per keystroke: search.first_page() (the ranked or
dated page when SQLite gets there within its budget, else newest-imported-first), then
Library.rows() and search.snippets() for those ids. "Full" is what the worker thread does on
its own connection: search.search_ids() for every match in the final order.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.library import Library  # noqa: E402
from reader.library import search  # noqa: E402


def doc_counts(lib: Library, words: list[str]) -> dict[str, int]:
    lib.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab USING fts5vocab(main, articles_fts, row)")
    out = {}
    for w in words:
        row = lib.conn.execute("SELECT doc FROM temp.bench_vocab WHERE term = ?", [w]).fetchone()
        if row:
            out[w] = row[0]
    return out


def pick_queries(lib: Library) -> list[tuple[str, str]]:
    n = lib.count()
    step = max(1, n // 400)
    titles = [r[0] for r in lib.conn.execute("SELECT title FROM articles WHERE id % ? = 0 LIMIT 400", [step])]
    seen: dict[str, None] = {}
    for t in titles:
        for w in re.findall(r"[a-z]+", t.lower()):
            seen.setdefault(w)
    counts = doc_counts(lib, list(seen)[:400])

    def near(target: float, exclude=()) -> str:
        return min((w for w in counts if w not in exclude and len(w) > 3 or w == "the"),
                   key=lambda w: (abs(counts[w] - target), w) if w not in exclude else (n * 9, w))

    every = max(counts, key=lambda w: (counts[w], w == "the"))
    half = near(n / 2, {every})
    fifth = near(n / 5, {every, half})
    rare = near(min(100, n / 100), {every, half, fifth})
    phrase = None
    for t in titles:
        ws = re.findall(r"[a-z]+", t.lower())
        for a, b in zip(ws, ws[1:]):
            if counts.get(a, 0) > n / 2 and counts.get(b, 0) > n / 2 and a != b:
                phrase = f'"{a} {b}"'
                break
        if phrase:
            break
    phrase = phrase or f'"{every} {half}"'
    tag, tag_count = lib.conn.execute(
        "SELECT t.name, count(*) c FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY c DESC LIMIT 1"
    ).fetchone()
    parent = lib.conn.execute("SELECT name FROM tags WHERE name LIKE '%/%' ORDER BY name LIMIT 1").fetchone()
    source = lib.conn.execute("SELECT source FROM articles WHERE source != '' GROUP BY source ORDER BY count(*) DESC LIMIT 1").fetchone()
    queries = [
        (f"rare word ({counts[rare]:,} articles)", rare),
        (f"word in half ({counts[half]:,})", half),
        (f"word in every article ({counts[every]:,})", every),
        ("two words", f"{half} {fifth}"),
        ("phrase", phrase),
        ("3-letter prefix", half[:3] + "*"),
        ("tag + word", f"tag:{tag} {half}"),
        ("field (source:)", f'source:"{source[0]}"' if source else f"source:{half}"),
        ("exclusion", f"{half} -{fifth}"),
        (f"tag only ({tag_count:,})", f"tag:{tag}"),
    ]
    if parent:
        queries.append(("parent tag only", "tag:" + parent[0].split("/")[0]))
    return queries


def timed(fn, reps: int) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(reps):
        t = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t) * 1000)
    return times, result


def p(times: list[float], q: float) -> float:
    if len(times) == 1:
        return times[0]
    return statistics.quantiles(times, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("library", type=Path)
    ap.add_argument("--reps", type=int, default=20)
    ap.add_argument("--page", type=int, default=50)
    args = ap.parse_args()
    gui = Library.open(args.library, readonly=True)
    worker = Library.open(args.library, readonly=True)
    print(f"{args.library}: {gui.count():,} articles; p50 / p95 ms over {args.reps} runs; first screen = "
          f"{args.page} ids + rows + snippets on the GUI connection; full = every id on the worker's")
    queries = pick_queries(gui)
    header = (f"{'query kind':<28} {'query':<40} {'matches':>8}  {'first (rank)':>13} {'as':>5}"
              f"  {'first (date)':>13} {'as':>5}  {'full rank':>13}  {'full date':>13}")
    print(header)
    print("-" * len(header))
    for label, q in queries:
        def first(order):
            page = search.first_page(gui.conn, q, order, limit=args.page)
            gui.rows(page.ids)
            search.snippets(gui.conn, q, page.ids)
            return page

        cols = []
        for order in ("rank", "date"):
            first(order)  # warm the page cache: the bench measures a running app, not a cold disk
            times, page = timed(lambda: first(order), args.reps)
            cols.append(f"{p(times, 50):5.1f} / {p(times, 95):5.1f} {'final' if page.final else page.order:>5}")
        full = []
        for order in ("rank", "date"):
            times, ids = timed(lambda: search.search_ids(worker.conn, q, order), args.reps)
            full.append(f"{p(times, 50):5.1f} / {p(times, 95):5.1f}")
        shown = q if len(q) <= 40 else q[:37] + "..."
        print(f"{label:<28} {shown:<40} {len(ids):>8,}  {cols[0]}  {cols[1]}  {full[0]}  {full[1]}")
    gui.close()
    worker.close()


if __name__ == "__main__":
    main()
