"""The query parser and compiler alone: the AST for each construct, and that user text only ever
reaches SQL as bound parameters and FTS5 as quoted strings, whatever is typed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library.query import (
    MAX_LEAVES,
    And,
    DateRange,
    Flag,
    Not,
    Or,
    Said,
    Tag,
    Text,
    compile_query,
    compile_text,
    fts_string,
    parse,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", And(())),
        ("   ", And(())),
        ("bridge", Text("bridge")),
        ("harbour bridge", And((Text("harbour"), Text("bridge")))),
        ('"harbour bridge"', Text("harbour bridge", phrase=True)),
        ("bri*", Text("bri", prefix=True)),
        ('"harbour bri"*', Text("harbour bri", phrase=True, prefix=True)),
        ("-genoa", Not(Text("genoa"))),
        ('-"old bridge"', Not(Text("old bridge", phrase=True))),
        ("a OR b", Or((Text("a"), Text("b")))),
        ("a OR b OR c", Or((Text("a"), Text("b"), Text("c")))),
        # OR binds tighter than the implicit AND, as in web search engines.
        ("a b OR c", And((Text("a"), Or((Text("b"), Text("c")))))),
        ("(a b) OR c", Or((And((Text("a"), Text("b"))), Text("c")))),
        ("-(a OR b)", Not(Or((Text("a"), Text("b"))))),
        ("tag:politics/uk", Tag("politics/uk")),
        # An empty field value is a literal word; so is a value with nothing searchable in it.
        ("TAG: politics", And((Text("TAG:", phrase=True), Text("politics")))),
        ("tag:/", Text("tag:/", phrase=True)),
        ("tag:politics / uk/", And((Tag("politics"), Text("uk/")))),
        ('tag:"politics / uk /"', Tag("politics/uk")),
        ("-tag:sport", Not(Tag("sport"))),
        ('source:"The Moscow Times"', Text("The Moscow Times", phrase=True, column="source")),
        ("source:gazette", Text("gazette", column="source")),
        ("author:rossi", Text("rossi", column="author")),
        ("title:bri*", Text("bri", prefix=True, column="title")),
        ("said:Torres", Said("Torres")),
        ('said:"Lea  Torres"', Said("Lea Torres")),
        ("is:read", Flag("is_read", 1)),
        ("is:UNREAD", Flag("is_read", 0)),
        ("is:starred", Flag("starred", 1)),
        ("is:nothing", Text("is:nothing", phrase=True)),
        ("before:2024-07-01", DateRange(None, "2024-07-01")),
        ("after:2024-07-01", DateRange("2024-07-02", None)),
        ("after:2024-12", DateRange("2025-01", None)),
        ("date:2024-07", DateRange("2024-07", "2024-08")),
        ("date:2024-12", DateRange("2024-12", "2025-01")),
        ("date:2024", DateRange("2024", "2025")),
        ("date:2024-02-29", DateRange("2024-02-29", "2024-03-01")),
        ("date:2024/7/5", DateRange("2024-07-05", "2024-07-06")),
        ("date:2023-02-29", Text("date:2023-02-29", phrase=True)),
        ("date:2024-13", Text("date:2024-13", phrase=True)),
        ("before:yesterday", Text("before:yesterday", phrase=True)),
        ("unknown:field", Text("unknown:field")),
        # Malformed input degrades to what can be read.
        ('"unbalanced phrase', Text("unbalanced phrase", phrase=True)),
        ("(((", And(())),
        (")))", And(())),
        ("OR OR", And(())),
        ("a OR OR b", Or((Text("a"), Text("b")))),
        ("OR a", Text("a")),
        ("a OR", Text("a")),
        ("(a OR b", Or((Text("a"), Text("b")))),
        ("a) b", And((Text("a"), Text("b")))),
        ("-", And(())),
        ("- a", Text("a")),
        ("a -", Text("a")),
        ("*", And(())),
        ("^ : ; *", And(())),
        ("NEAR(a b)", And((Text("NEAR"), Text("a"), Text("b")))),
        ("'; DROP TABLE articles; --", And((Text("DROP"), Text("TABLE"), Text("articles;")))),
        ("well-known", Text("well-known")),
    ],
)
def test_parse(text, expected):
    assert parse(text) == expected


def test_fts_strings_are_quoted():
    assert fts_string('say "hi"') == '"say ""hi"""'
    q = compile_text('a "b c" d* -e title:f source:"g h" -author:i')
    assert q.fts == '("a" AND "b c" AND "d"* AND {title} : "f" AND {source} : "g h") NOT ("e") NOT ({author} : "i")'
    assert q.where == "1" and q.params == []


def test_fields_become_conditions_with_parameters():
    q = compile_text("bridge tag:Politics/UK -said:torres is:unread date:2024-07")
    assert q.fts == '("bridge")'
    assert "?" in q.where and "Politics" not in q.where and "torres" not in q.where
    assert q.params == ["Politics/UK", "Politics/UK/%", "% torres %", "2024-07", "2024-08"]


def test_like_wildcards_in_tags_are_literal():
    q = compile_text("tag:100%_sure")
    assert q.params == ["100%_sure", "100\\%\\_sure/%"]


def test_exclusion_only_queries_exclude_in_sql():
    q = compile_text("-bridge")
    assert q.fts is None and "NOT" in q.where and q.params == ['"bridge"']


def test_everything():
    assert compile_text("").everything and compile_text("((( OR").everything
    assert not compile_text("is:read").everything


def test_highlight_terms():
    q = compile_text('bridge -genoa "harbour bridge" bri* title:x source:y author:z (a OR -b) bridge')
    assert q.terms == ["bridge", "harbour bridge", "bri*", "x", "a"]


def test_nesting_and_length_are_bounded():
    deep = "(" * 5000 + "a" + ")" * 5000
    assert parse(deep) == Text("a")
    long = " ".join(f"w{i}" for i in range(5000))
    node = parse(long)
    assert isinstance(node, And) and len(node.children) == MAX_LEAVES


# ----------------------------------------------------------------------------- properties
LANGUAGE = st.sampled_from(
    ["bridge", "café", "CAFE", "OR", "or", "AND", "NOT", "NEAR", "(", ")", '"', "-", "*", ":", "^", "'", ";",
     "tag:", "tag:politics/uk", "source:", "author:", "title:", "said:", "is:read", "is:", "before:", "after:",
     "date:2024-07", "date:", "2024", "2024-13-45", "{", "}", "\\", "%", "_", "--", "/*", "''", '""', "NEAR(",
     "DROP TABLE articles", "\x00", "\u0301", "İ", " ", "  "]
)
QUERIES = st.one_of(st.text(), st.lists(LANGUAGE | st.text(max_size=4), max_size=30).map("".join),
                    st.lists(LANGUAGE, max_size=30).map(" ".join))
_FIXED_LITERALS = ("ESCAPE '\\'", "' ' || speaker || ' '")
_FTS_OUTSIDE_QUOTES = re.compile(r'^(\s|\(|\)|AND|OR|NOT|\*|:|\{(title|source|author)\})*$')


@given(QUERIES)
@settings(deadline=None, max_examples=300)
def test_user_text_never_reaches_sql_or_fts_syntax(text):
    q = compile_query(parse(text))
    where = q.where
    for literal in _FIXED_LITERALS:
        where = where.replace(literal, "")
    assert "'" not in where and '"' not in where and "--" not in where and ";" not in where
    assert where.count("?") == len(q.params)
    if q.fts is not None:
        outside = re.sub(r'"(?:[^"]|"")*"', " ", q.fts)
        assert _FTS_OUTSIDE_QUOTES.match(outside), q.fts
