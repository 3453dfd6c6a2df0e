"""Search over a real library: a table of queries and the articles they find, orders, counts,
snippets, the first page, and that no query text ever makes SQLite raise."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.library.search import END, START, count, first_page, highlight_terms, search_ids, snippets
from reader.model import PARAGRAPH, Block, Cleaned, Quote
from tests.conftest import make_original
from tests.library.test_query import QUERIES

# name: (title, body, source, author, published, tags, speakers, read, starred)
ARTICLES = {
    "A": ("Harbour Bridge Reopens", "The harbour bridge reopened to traffic on Monday after two years of repairs.",
          "Example Gazette", "Jane Doe", "2024-07-05T14:32:00", ["Politics/UK/London"], ["Lea Torres"], True, False),
    "B": ("Café culture in Paris", "A café crème costs more than before. Élise Martin opened her own café in spring.",
          "The Moscow Times", "Ivan Petrov", "2024-07-20", ["culture"], ["Élise Martin"], False, True),
    "C": ("Election results", "Voters chose a new parliament. The prime minister said turnout was high.",
          "Example Gazette", "John Smith", "2023-12-31T23:00:00", ["politics/uk"], ["Rishi Sunak"], True, True),
    "D": ("Bridge collapse in Genoa", "An old bridge collapsed; engineers blame corrosion. Politics played no part.",
          "La Repubblica", "Maria Rossi", "2018-08-14", ["politics/italy", "disasters"], [], False, False),
    "E": ("Gardening tips", "Plant tomatoes in spring. Water regularly, weed often.",
          "Home Weekly", "", "", [], ["Monty Don"], False, False),
    "F": ("Bridge", "Nothing about the subject in here.",
          "Home Weekly", "Ann Lee", "2020-01-01", [], [], False, False),
    "G": ("Weekly roundup", "Many things happened this week. " * 5 + "A bridge was painted. " + "More news followed. " * 15,
          "Home Weekly", "Ann Lee", "2021-06-15", [], [], False, False),
}


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    library = Library.open(tmp_path_factory.mktemp("search") / "library.sqlite")
    ids = {}
    for name, (title, body, source, author, published, tags, speakers, read, starred) in ARTICLES.items():
        cleaned = Cleaned(title=title, blocks=[Block(PARAGRAPH, body)], source=source, author=author, published=published)
        quotes = [Quote(start=0, end=5, speaker=s, mention=s.split()[-1], block=0) for s in speakers]
        ids[name] = library.add(cleaned, make_original(f"{name} {title}"), tags=tags, quotes=quotes).id
        if read:
            library.set_read([ids[name]])
        if starred:
            library.set_starred([ids[name]])
    library.names = {v: k for k, v in ids.items()}
    library.ids = ids
    yield library
    library.close()


def found(lib, query, order="rank"):
    return {lib.names[i] for i in search_ids(lib.conn, query, order)}


ALL = set(ARTICLES)
BRIDGE = {"A", "D", "F", "G"}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("", ALL),
        # words: all must match, any case, any accents
        ("bridge", BRIDGE),
        ("BRIDGE", BRIDGE),
        ("Bridge", BRIDGE),
        ("cafe", {"B"}),
        ("café", {"B"}),
        ("CAFÉ", {"B"}),
        ("creme", {"B"}),
        ("elise", {"B"}),
        ("harbour bridge", {"A"}),
        ("bridge spring", set()),
        # phrases and prefixes
        ('"bridge reopened"', {"A"}),
        ('"reopened bridge"', set()),
        ('"Café Crème"', {"B"}),
        ("bri*", BRIDGE),
        ("BRI*", BRIDGE),
        ("reopen*", {"A"}),
        ('"harbour bri"*', {"A"}),
        # exclusion
        ("-bridge", ALL - BRIDGE),
        ("bridge -genoa", {"A", "F", "G"}),
        ('bridge -"old bridge"', {"A", "F", "G"}),
        ("bridge -tag:politics", {"F", "G"}),
        ("-tag:politics", {"B", "E", "F", "G"}),
        ("-(bridge OR cafe)", {"C", "E"}),
        ("-is:read", ALL - {"A", "C"}),
        # OR and parentheses; OR binds tighter than the implicit AND
        ("genoa OR paris", {"B", "D"}),
        ("genoa OR paris OR tomatoes", {"B", "D", "E"}),
        ("bridge (genoa OR harbour)", {"A", "D"}),
        ("bridge genoa OR harbour", {"A", "D"}),
        ("(bridge -genoa) OR cafe", {"A", "B", "F", "G"}),
        ("bridge OR tag:culture", BRIDGE | {"B"}),
        ("is:starred OR tag:politics/italy", {"B", "C", "D"}),
        ("genoa OR -bridge", (ALL - BRIDGE) | {"D"}),
        # tags: hierarchical and case-insensitive
        ("tag:politics", {"A", "C", "D"}),
        ("tag:politics/uk", {"A", "C"}),
        ("tag:POLITICS/uk", {"A", "C"}),
        ("tag:politics/uk/london", {"A"}),
        ("tag:politics/u", set()),
        ("tag:London", set()),
        ("tag:culture", {"B"}),
        ("tag:nope", set()),
        ("tag:politics tag:disasters", {"D"}),
        ("tag:politics bridge", {"A", "D"}),
        # fields
        ("source:gazette", {"A", "C"}),
        ('source:"The Moscow Times"', {"B"}),
        ("source:moscow", {"B"}),
        ("source:bridge", set()),
        ("author:rossi", {"D"}),
        ("author:jane", {"A"}),
        ('author:"ann lee"', {"F", "G"}),
        ("title:bridge", {"A", "D", "F"}),
        ("title:bri*", {"A", "D", "F"}),
        ('title:"harbour bridge"', {"A"}),
        ("title:weekly", {"G"}),
        ("said:torres", {"A"}),
        ("said:TORRES", {"A"}),
        ("said:lea", {"A"}),
        ('said:"Lea Torres"', {"A"}),
        ('said:"Torres Lea"', set()),
        ("said:tor", set()),
        ("said:martin", {"B"}),
        ('said:"Élise Martin"', {"B"}),
        ("said:Sunak bridge", set()),
        ("-said:torres bridge", {"D", "F", "G"}),
        ("is:read", {"A", "C"}),
        ("is:unread", ALL - {"A", "C"}),
        ("is:starred", {"B", "C"}),
        ("is:read is:starred", {"C"}),
        ("bridge is:unread", {"D", "F", "G"}),
        # dates against sort_date (publication date, else import time: E was imported now)
        ("before:2024-07-01", {"C", "D", "F", "G"}),
        ("before:2024-07-05", {"C", "D", "F", "G"}),
        ("before:2024-07-06", {"A", "C", "D", "F", "G"}),
        ("after:2024-07-05", {"B", "E"}),
        ("after:2024-07-04", {"A", "B", "E"}),
        ("date:2024-07", {"A", "B"}),
        ("date:2024", {"A", "B"}),
        ("date:2024-07-05", {"A"}),
        ("date:2023", {"C"}),
        ("date:2023-12", {"C"}),
        ("date:2018-08-14", {"D"}),
        ("after:2024-06-30 before:2024-07-06", {"A"}),
        ("date:2024 -cafe", {"A"}),
        # malformed input degrades to a literal search, never an error
        ('bridge "', BRIDGE),
        ("bridge OR", BRIDGE),
        ("OR bridge", BRIDGE),
        ("(bridge", BRIDGE),
        ("bridge)", BRIDGE),
        ("- bridge", BRIDGE),
        ("bridge^", BRIDGE),
        ("bridge *", BRIDGE),
        ("((((((bridge", BRIDGE),
        ("is:foo", set()),
        ("date:2024-13", set()),
        ("tag:", set()),
        ("NEAR(bridge genoa)", set()),
        ("'; DROP TABLE articles; --", set()),
        ('"unbalanced bridge', set()),
        ("title:", set()),
        ("OR OR ( ) -", ALL),
    ],
)
def test_query_finds(lib, query, expected):
    assert found(lib, query) == expected
    assert found(lib, query, "date") == expected
    assert found(lib, query, "rowid") == expected
    assert count(lib.conn, query) == len(expected)


def test_injection_leaves_the_library_intact(lib):
    search_ids(lib.conn, "'); DROP TABLE articles; --")
    search_ids(lib.conn, 'tag:"x\' OR 1=1 --"')
    assert lib.count() == len(ARTICLES)


def test_orders(lib):
    ids = lib.ids
    # Title hits weigh more than body hits.
    ranked = search_ids(lib.conn, "bridge", "rank")
    assert ranked.index(ids["F"]) < ranked.index(ids["G"])
    assert ranked.index(ids["A"]) < ranked.index(ids["G"])
    by_date = search_ids(lib.conn, "bridge", "date")
    assert [lib.names[i] for i in by_date] == ["A", "G", "F", "D"]
    assert search_ids(lib.conn, "bridge", "rowid") == sorted(by_date, reverse=True)
    # Without words, "rank" falls back to newest first.
    assert search_ids(lib.conn, "tag:politics", "rank") == [ids["A"], ids["C"], ids["D"]]
    assert search_ids(lib.conn, "", "date") == lib.article_ids()
    assert search_ids(lib.conn, "bridge", "date", limit=2) == by_date[:2]
    with pytest.raises(ValueError):
        search_ids(lib.conn, "bridge", "title")


def test_snippets_mark_the_words(lib):
    ids = lib.ids
    got = snippets(lib.conn, "cafe creme", [ids["B"], ids["E"], 99999])
    assert set(got) == {ids["B"], ids["E"]}  # an unknown id has no snippet
    assert f"{START}café{END}" in got[ids["B"]] and f"{START}crème{END}" in got[ids["B"]]
    assert got[ids["E"]] == "Plant tomatoes in spring. Water regularly, weed often."
    g = snippets(lib.conn, '"bridge was" bri*', [ids["G"]])[ids["G"]]
    assert g.startswith("…") and f"{START}bridge was{END}" in g and g.endswith("…")
    assert len(g) < 260
    # Excluded words are not marked; a query without words shows the start of the body.
    assert START not in snippets(lib.conn, "-bridge", [ids["A"]])[ids["A"]]
    assert snippets(lib.conn, "tag:politics", [ids["C"]])[ids["C"]].startswith("Voters chose")
    assert snippets(lib.conn, "x", []) == {}


def test_highlight_terms():
    assert highlight_terms('Bridge -genoa "harbour bridge" bri* title:x tag:y said:z') == ["Bridge", "harbour bridge", "bri*", "x"]
    assert highlight_terms("") == []


def test_first_page(lib):
    page = first_page(lib.conn, "bridge", "rank", limit=2)
    assert page.final and not page.complete and page.ids == search_ids(lib.conn, "bridge", "rank", limit=2)
    page = first_page(lib.conn, "bridge", "date")
    assert page.final and page.complete and page.ids == search_ids(lib.conn, "bridge", "date")
    # Out of time, it falls back to the cheap order, or to nothing yet; never raises.
    page = first_page(lib.conn, "bridge", "rank", budget=-1)
    assert page.ids in ([], search_ids(lib.conn, "bridge", "rowid"))
    assert page.final == (page.ids != [] and page.order == "rank")
    # The progress handler is gone afterwards: long statements on the connection still run.
    assert lib.conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000) SELECT count(*) FROM c").fetchone() == (100000,)


def test_long_query_is_quick(lib):
    import time

    text = " ".join(["bridge", "tag:politics", "-x", "(a OR b)", '"q'] * 2000)[:10_000]
    t = time.perf_counter()
    assert search_ids(lib.conn, text) == []
    assert time.perf_counter() - t < 5
    assert found(lib, "bridge " * 2000) == BRIDGE


@given(QUERIES)
@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_runs(lib, text):
    ids = search_ids(lib.conn, text)
    assert set(ids) <= set(lib.names)
    assert len(ids) == len(set(ids)) == count(lib.conn, text)
    assert sorted(search_ids(lib.conn, text, "date")) == sorted(ids)
    snippets(lib.conn, text, ids)
    first_page(lib.conn, text)
    highlight_terms(text)


def test_read_only_connection(lib, tmp_path):
    ro = Library.open(lib.path, readonly=True)
    try:
        assert {lib.names[i] for i in search_ids(ro.conn, "bridge -genoa")} == {"A", "F", "G"}
        with pytest.raises(sqlite3.OperationalError):
            ro.conn.execute("DELETE FROM articles")
    finally:
        ro.close()
