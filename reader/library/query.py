"""The search query language: a forgiving pure parser to an AST, compiled to bound-parameter SQL and FTS5.

Language (words separated by spaces are all required)::

    word            the word, case- and accent-insensitive, in title, body, source or author
    "exact phrase"  the words next to each other, in this order
    pref*           any word starting with "pref"
    -x              exclude: -word, -"phrase", -tag:x, -(a OR b)
    a OR b          either; OR binds tighter than the implicit AND: ``a b OR c`` is a AND (b OR c)
    ( ... )         grouping
    tag:x           tagged x or any tag below it (tag:politics/uk takes politics/uk/london)
    source:x author:x title:x   words (or "a phrase", or pref*) in that field
    said:NAME       a quote whose speaker is NAME, or has NAME as one of the words of their name
    is:read  is:unread  is:starred
    before:D  after:D  date:D   D is 2024, 2024-07 or 2024-07-05; before and after exclude D itself

Field values may be quoted: ``source:"The Moscow Times"``. Nothing a user types is an error: text
the language cannot read (stray operators, unbalanced quotes or parentheses, unknown fields, bad
dates, punctuation) is searched for literally or, when it holds no word at all, ignored. User text
reaches SQLite only as bound parameters, and reaches FTS5 only as double-quoted strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Deeper parentheses than this are ignored: FTS5's expression parser overflows its stack at
# a few hundred levels and Python's recursion limit is near; no real query nests this deep.
MAX_DEPTH = 16
# Leaves beyond this are dropped. A pasted paragraph stays a (very narrow) search, and SQLite
# never sees thousands of sub-queries; 10,000 characters of words still compile in ~10 ms.
MAX_LEAVES = 256

FTS_COLUMNS = ("title", "body", "source", "author")
TEXT_FIELDS = ("title", "source", "author")
_FLAGS = {"read": ("is_read", 1), "unread": ("is_read", 0), "starred": ("starred", 1)}
_FIELDS = {"tag", "source", "author", "title", "said", "is", "before", "after", "date"}
_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


# ----------------------------------------------------------------------------- the AST
@dataclass(frozen=True)
class Text:
    """Words to find through the full-text index: a word, a phrase, or a prefix (in one column)."""

    text: str
    phrase: bool = False
    prefix: bool = False
    column: str | None = None  # one of TEXT_FIELDS, None for every column


@dataclass(frozen=True)
class Tag:
    name: str


@dataclass(frozen=True)
class Said:
    name: str


@dataclass(frozen=True)
class Flag:
    column: str  # is_read or starred: fixed names, never user text
    value: int


@dataclass(frozen=True)
class DateRange:
    """sort_date >= start (when given) and < end (when given); ISO text compares in date order."""

    start: str | None
    end: str | None


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...] = ()


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...] = ()


Node = Text | Tag | Said | Flag | DateRange | Not | And | Or


# ----------------------------------------------------------------------------- tokens
_LP, _RP, _OR, _NEG = "(", ")", "OR", "-"


@dataclass(frozen=True)
class _Term:
    raw: str  # the token as typed, searched literally when it cannot be read as a field
    field: str | None
    value: str
    quoted: bool
    prefix: bool


def _has_word(text: str) -> bool:
    # FTS5's unicode61 tokenizer keeps letters and digits and splits on everything else; a
    # string without any is an empty phrase, which matches nothing and would empty an AND.
    return any(ch.isalnum() for ch in text)


def _read_quoted(s: str, i: int) -> tuple[str, int]:
    """The text from the quote at s[i] to the next quote (or the end), and the index after it."""
    j = s.find('"', i + 1)
    if j < 0:
        return s[i + 1 :], len(s)
    return s[i + 1 : j], j + 1


def _tokens(s: str) -> list:
    out: list = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isspace():
            i += 1
            continue
        if c in "()":
            out.append(c)
            i += 1
            continue
        if c == "-" and i + 1 < n and not s[i + 1].isspace() and s[i + 1] != "-":
            out.append(_NEG)
            i += 1
            continue
        if c == '"':
            value, i = _read_quoted(s, i)
            prefix = False
            while i < n and s[i] == "*":
                prefix, i = True, i + 1
            out.append(_Term(f'"{value}"', None, value, True, prefix))
            continue
        j = i
        while j < n and not s[j].isspace() and s[j] not in '()"':
            j += 1
        word = s[i:j]
        i = j
        if word == "OR":
            out.append(_OR)
            continue
        name, colon, value = word.partition(":")
        if colon and name.lower() in _FIELDS:
            name = name.lower()
            quoted = False
            if not value and i < n and s[i] == '"':
                value, i = _read_quoted(s, i)
                quoted = True
                word = f'{word}"{value}"'
            prefix = False
            while i < n and s[i] == "*":
                prefix, i = True, i + 1
            if not quoted and value.endswith("*"):
                value, prefix = value.rstrip("*"), True
            out.append(_Term(word, name, value, quoted, prefix))
            continue
        prefix = word.endswith("*")
        out.append(_Term(word, None, word.rstrip("*") if prefix else word, False, prefix))
    return out


# ----------------------------------------------------------------------------- parsing
class _Parser:
    """Recursive descent that never fails: whatever does not fit the grammar is skipped."""

    def __init__(self, tokens: list):
        self.tokens = tokens
        self.pos = 0
        self.depth = 0
        self.leaves = 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def sequence(self) -> Node | None:
        """Implicit AND of OR-groups, up to a closing parenthesis or the end."""
        items: list[Node] = []
        while (tok := self.peek()) is not None:
            if tok == _RP:
                if self.depth > 0:
                    break
                self.pos += 1  # a stray ")" at top level
                continue
            if tok == _OR:
                self.pos += 1  # an OR with nothing on its left
                continue
            node = self.disjunction()
            if node is not None:
                items.append(node)
        return _and(items)

    def disjunction(self) -> Node | None:
        items = []
        node = self.unary()
        if node is not None:
            items.append(node)
        while self.peek() == _OR:
            self.pos += 1
            while self.peek() == _OR:  # "OR OR"
                self.pos += 1
            if self.peek() in (None, _RP):
                break
            node = self.unary()
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(_flatten(Or, items)))

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok == _NEG:
            self.pos += 1
            if self.peek() in (None, _RP, _OR, _NEG):
                return None  # a lone "-"
            child = self.unary()
            return Not(child) if child is not None else None
        if tok == _LP:
            self.pos += 1
            if self.depth >= MAX_DEPTH:
                return None  # too deep: the parenthesis no longer groups
            self.depth += 1
            node = self.sequence()
            self.depth -= 1
            if self.peek() == _RP:
                self.pos += 1
            return node
        self.pos += 1
        if not isinstance(tok, _Term):  # pragma: no cover - every other token is handled above
            return None
        if self.leaves >= MAX_LEAVES:
            return None
        node = _leaf(tok)
        if node is not None:
            self.leaves += 1
        return node


def _flatten(kind, items):
    for item in items:
        if isinstance(item, kind):
            yield from item.children
        else:
            yield item


def _and(items: list[Node]) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else And(tuple(_flatten(And, items)))


def _literal(tok: _Term) -> Node | None:
    if not _has_word(tok.raw):
        return None
    text = tok.raw.strip('"*')
    return Text(text, phrase=True) if tok.quoted or tok.field else Text(text)


def _leaf(tok: _Term) -> Node | None:
    if tok.field is None:
        if not _has_word(tok.value):
            return None
        return Text(tok.value, phrase=tok.quoted, prefix=tok.prefix)
    value = tok.value.strip()
    if tok.field in TEXT_FIELDS:
        if not _has_word(value):
            return _literal(tok)
        return Text(value, phrase=tok.quoted, prefix=tok.prefix, column=tok.field)
    if tok.field == "tag":
        name = normalise_tag(value)
        return Tag(name) if name else _literal(tok)
    if tok.field == "said":
        name = " ".join(value.split())
        return Said(name) if _has_word(name) else _literal(tok)
    if tok.field == "is":
        flag = _FLAGS.get(value.lower())
        return Flag(*flag) if flag else _literal(tok)
    span = _date_span(value)
    if span is None:
        return _literal(tok)
    start, end = span
    if tok.field == "before":
        return DateRange(None, start)
    if tok.field == "after":
        return DateRange(end, None)
    return DateRange(start, end)


def normalise_tag(name: str) -> str:
    """A tag as the Library stores it: no spaces around the "/" that nest it, no empty levels."""
    return "/".join(p for p in (p.strip() for p in name.strip().split("/")) if p)


def _date_span(value: str) -> tuple[str, str] | None:
    """The ISO text bounds [start, end) of a year, month or day; None if it is not a date."""
    m = _DATE.fullmatch(value)
    if not m:
        return None
    year = int(m[1])
    if m[2] is None:
        return f"{year:04d}", f"{year + 1:04d}"
    month = int(m[2])
    if not 1 <= month <= 12:
        return None
    if m[3] is None:
        nxt = f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"
        return f"{year:04d}-{month:02d}", nxt
    import datetime as dt

    try:
        day = dt.date(year, month, int(m[3]))
        nxt = day + dt.timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return day.isoformat(), nxt.isoformat()


def parse(text: str) -> Node:
    """The AST of a query; And(()) when nothing in it can be searched for (meaning everything)."""
    # NUL ends a string for FTS5's expression parser, which would then see an unclosed quote.
    parser = _Parser(_tokens((text or "").replace("\x00", " ")))
    node = parser.sequence()
    return node if node is not None else And(())


# ----------------------------------------------------------------------------- compiling
@dataclass(frozen=True)
class CompiledQuery:
    """A query as SQL: an FTS5 MATCH string (None if no full-text condition must hold for every
    result) and a WHERE condition over ``articles AS a`` with its parameters (always valid SQL;
    "1" when there is none). `terms` are the searched words, phrases and prefixes (with a trailing
    "*") that no "-" excludes, for highlighting."""

    fts: str | None
    where: str
    params: list = field(default_factory=list)
    terms: list[str] = field(default_factory=list)

    @property
    def everything(self) -> bool:
        return self.fts is None and self.where == "1"


def fts_string(text: str) -> str:
    """One FTS5 string: the text in double quotes, inner quotes doubled (sqlite-utils' quote_fts)."""
    return '"' + text.replace('"', '""') + '"'


def _fts_leaf(node: Text) -> str:
    s = fts_string(node.text)
    if node.prefix:
        s += "*"
    if node.column:
        s = "{" + node.column + "} : " + s
    return s


def _fts(node: Node) -> str | None:
    """The node as one FTS5 expression, or None when FTS5 cannot say it (fields, a bare NOT)."""
    if isinstance(node, Text):
        return _fts_leaf(node)
    if isinstance(node, Or):
        parts = [_fts(c) for c in node.children]
        if any(p is None for p in parts):
            return None
        return "(" + " OR ".join(parts) + ")"  # type: ignore[arg-type]
    if isinstance(node, And):
        pos = [_fts(c) for c in node.children if not isinstance(c, Not)]
        neg = [_fts(c.child) for c in node.children if isinstance(c, Not)]
        if not pos or any(p is None for p in pos + neg):
            return None
        # FTS5's NOT is binary and left-associative: "(a) NOT (b) NOT (c)" is a without b or c.
        return "((" + " AND ".join(pos) + ")" + "".join(f" NOT ({n})" for n in neg) + ")"  # type: ignore[arg-type]
    return None


def _terms(node: Node, out: list[str]) -> None:
    if isinstance(node, Text):
        term = node.text + ("*" if node.prefix else "")
        # Source and author words are not in the text the reading pane shows.
        if node.column in (None, "title") and term not in out:
            out.append(term)
    elif isinstance(node, (And, Or)):
        for c in node.children:
            _terms(c, out)


_FTS_IN = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
_TAG_IN = (
    "a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id"
    " WHERE t.name = ? COLLATE NOCASE OR t.name LIKE ? ESCAPE '\\')"
)
# Speakers are matched as whole words: the full name, or any run of words in it (a surname).
_SAID_IN = "a.id IN (SELECT article_id FROM quotes WHERE ' ' || speaker || ' ' LIKE ? ESCAPE '\\')"
# The same two tests asked of one article at a time, for a walk along the date (or id) order
# that stops after a page: 0.1 ms for the first 50 of a tag on 43% of 100,000 articles, where
# collecting the tag's ids first costs 37 ms. "+at.tag_id" keeps SQLite from seeking the
# primary key once per tag of the hierarchy for every article.
_TAG_PROBE = (
    "EXISTS (SELECT 1 FROM article_tags at WHERE at.article_id = a.id AND +at.tag_id IN"
    " (SELECT id FROM tags WHERE name = ? COLLATE NOCASE OR name LIKE ? ESCAPE '\\'))"
)
_SAID_PROBE = "EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND ' ' || q.speaker || ' ' LIKE ? ESCAPE '\\')"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _balanced(op: str, parts: list[str]) -> str:
    # Parenthesised halves keep SQLite's expression tree log-deep; a flat chain of a few
    # hundred ORs is as deep as it is long and meets SQLITE_MAX_EXPR_DEPTH (1000).
    if len(parts) == 1:
        return parts[0]
    mid = len(parts) // 2
    return f"({_balanced(op, parts[:mid])} {op} {_balanced(op, parts[mid:])})"


def _sql(node: Node, params: list, probe: bool) -> str:
    fts = _fts(node)
    if fts is not None:
        params.append(fts)
        return _FTS_IN
    if isinstance(node, Tag):
        params += [node.name, _like_escape(node.name) + "/%"]
        return _TAG_PROBE if probe else _TAG_IN
    if isinstance(node, Said):
        params.append("% " + _like_escape(node.name) + " %")
        return _SAID_PROBE if probe else _SAID_IN
    if isinstance(node, Flag):
        # A literal (from _FLAGS, never user text), so that SQLite can use the partial index
        # articles_unread, which a bound parameter would hide from the planner.
        return f"a.{node.column} = {int(node.value)}"
    if isinstance(node, DateRange):
        parts = []
        if node.start is not None:
            parts.append("a.sort_date >= ?")
            params.append(node.start)
        if node.end is not None:
            parts.append("a.sort_date < ?")
            params.append(node.end)
        return "(" + " AND ".join(parts) + ")" if parts else "1"
    if isinstance(node, Not):
        return f"NOT ({_sql(node.child, params, probe)})"
    if isinstance(node, (And, Or)):
        if not node.children:
            return "1"
        return _balanced("AND" if isinstance(node, And) else "OR", [_sql(c, params, probe) for c in node.children])
    raise TypeError(node)  # pragma: no cover


def compile_query(node: Node, probe: bool = False) -> CompiledQuery:
    """SQL for a parsed query. The top-level words that FTS5 can express go into one MATCH
    string (the fast path, and what bm25 ranks); everything else becomes WHERE conditions.
    `probe`: test tags and speakers article by article (fast for the first page of a common
    tag) instead of collecting their articles first (fast for whole lists and rare tags)."""
    children = node.children if isinstance(node, And) else (node,)
    pos_fts, neg_fts, rest = [], [], []
    for c in children:
        if isinstance(c, Not) and (f := _fts(c.child)) is not None:
            neg_fts.append((c, f))
        elif not isinstance(c, Not) and (f := _fts(c)) is not None:
            pos_fts.append(f)
        else:
            rest.append(c)
    fts = None
    if pos_fts:
        fts = "(" + " AND ".join(pos_fts) + ")" + "".join(f" NOT ({f})" for _, f in neg_fts)
    else:
        rest = [c for c, _ in neg_fts] + rest
    params: list = []
    where = _balanced("AND", [_sql(c, params, probe) for c in rest]) if rest else "1"
    terms: list[str] = []
    _terms(node, terms)
    return CompiledQuery(fts, where, params, terms)


def compile_text(text: str, probe: bool = False) -> CompiledQuery:
    return compile_query(parse(text), probe)
