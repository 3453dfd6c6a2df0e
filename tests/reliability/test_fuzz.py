"""Fuzzing the input paths with Hypothesis and a corpus of awkward files made here: the cleaner,
the quote finder, the HTML path and the query parser never raise an unexpected exception and
finish within a bounded time; an import of the awkward files loses nothing and stays whole."""

from __future__ import annotations

import gzip
import os
import random
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import ingest, quotes
from reader.errors import InputError
from reader.library import Library
from reader.library import query as query_language
from reader.operations import import_paths, importing
from tests.reliability.helpers import fill_library, whole_or_absent

EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "200"))
BOUND = 10.0  # seconds per example: generous on a loaded machine; the inputs are at most ~20 KB
FIGURES: dict[str, int] = {}

FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])

# Characters that have broken text tools before: quotes of every family, apostrophes, marks
# that change direction or join, NUL and control bytes, line and paragraph separators.
AWKWARD = ("\"'“”‘’«»„‚‹›「」『』 \n\n\t\r\x00\x0b\x0c\u2028\u2029\u200b\u200d\u202e\ufeff\ufffd"
           "<>&;/=#*-_.,:!?()[]{}\\ aAéß漢字😀")
WORDS = ["said", "says", "told", "Mr.", "Dr.", "Lea", "Torres", "Jane", "Doe", "the", "he", "she", "\"", "“", "”",
         "'", "«", "»", "—", "according", "to", "asked", ".", ",", "\n\n", "\n", "Minister", "RCMP"]

awkward_text = st.text(alphabet=st.sampled_from(AWKWARD) | st.characters(), max_size=3000)
wordy_text = st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=400).map(" ".join)
any_text = awkward_text | wordy_text


def _bounded(label: str, fn, *args):
    FIGURES[label] = FIGURES.get(label, 0) + 1
    t = time.perf_counter()
    result = fn(*args)
    elapsed = time.perf_counter() - t
    assert elapsed < BOUND, f"{label} took {elapsed:.1f} s"
    return result


def _ingest(data: bytes, name: str):
    try:
        cleaned, original = ingest.ingest(data, name, 1 << 20)
    except InputError as e:
        assert e.problem and "\n" not in e.problem
        return None
    assert cleaned.title and original.data == data
    for b in cleaned.blocks:
        assert isinstance(b.text, str)
    return cleaned


@FUZZ
@given(st.binary(max_size=20_000), st.sampled_from(["a.txt", "a.md", "a.html", "a", "a.html.gz", "a.htm"]))
def test_ingest_any_bytes(data, name):
    _bounded("cleaner (ingest) on random bytes", _ingest, data, name)


@FUZZ
@given(any_text, st.sampled_from(["utf-8", "utf-16", "cp1252", "utf-8-sig"]), st.sampled_from(["a.txt", "a.md"]))
def test_ingest_any_text(text, encoding, name):
    data = text.encode(encoding, errors="replace")
    cleaned = _bounded("cleaner (ingest) on awkward text", _ingest, data, name)
    if cleaned is not None:
        found = importing.article_quotes(cleaned)
        for q in found:
            assert 0 <= q.start < q.end


@FUZZ
@given(any_text)
def test_quote_finder(text):
    found = _bounded("quote finder (find_quotes)", quotes.find_quotes, text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= len(text)
    paragraphs = text.split("\n\n")
    for q in quotes.find_article_quotes(paragraphs[0], paragraphs[1:]):
        assert q.block is None or q.block < len(paragraphs)


TAGS = ["p", "div", "span", "a", "b", "i", "h1", "h2", "article", "section", "figure", "figcaption", "img",
        "script", "style", "iframe", "table", "tr", "td", "ul", "li", "br", "meta", "title", "svg", "noscript",
        "blockquote", "time", "header", "footer", "nav", "aside", "main", "p\x00", "x-y", "!--", "![CDATA["]
ATTRS = ['href="javascript:alert(1)"', 'src="http://evil.example/x.png"', 'onload="x()"', 'class="article-body"',
         'style="display:none"', 'href="file:///etc/passwd"', 'itemprop="articleBody"', "data-x='\"'", "hidden",
         'content="2024-01-01"', 'property="og:title"', "<", '"', "=="]


def _element(children):
    return st.tuples(st.sampled_from(TAGS), st.lists(st.sampled_from(ATTRS), max_size=3), st.lists(children, max_size=5),
                     st.booleans()).map(
        lambda t: f"<{t[0]} {' '.join(t[1])}>" + "".join(t[2]) + (f"</{t[0]}>" if t[3] else ""))


html_fragment = st.recursive(any_text.map(lambda s: s[:300]), _element, max_leaves=60)


@FUZZ
@given(html_fragment, st.booleans())
def test_html_path(fragment, wrap):
    page = f"<!doctype html><html><head><title>T</title></head><body>{fragment}</body></html>" if wrap else fragment
    _bounded("HTML path (ingest .html)", _ingest, page.encode("utf-8", errors="replace"), "page.html")


@pytest.fixture(scope="module")
def small_library(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzzlib") / "library.sqlite"
    fill_library(path, 25)
    lib = Library.open(path, readonly=True)
    yield lib
    lib.close()


QUERY_ALPHABET = st.sampled_from(list('"()-*:^~+ ORANDNOT tag:said:is:unread starred before:after:2024-01-01 ')
                                 + ["OR", "AND", "NOT", "NEAR", "tag:", "said:", "is:", "*", "\"", "(", ")", "-"])
queries = st.lists(QUERY_ALPHABET | st.text(max_size=6), max_size=30).map("".join) | st.text(max_size=200)


@FUZZ
@given(queries)
def test_query_parser_and_search(small_library, text):
    _bounded("query parser (parse + compile)", query_language.compile_text, text)
    query_language.parse(text)
    ids = small_library.search_ids(text)
    assert len(ids) == len(set(ids)) and set(ids) <= set(small_library.article_ids())


# ----------------------------------------------------------------- corpus of awkward files
def awkward_files(folder):
    """(name → bytes) of files that have broken importers elsewhere; made here, seeded."""
    rng = random.Random(7)
    words = "the council said bridge \"we will\" Mr. Smith told reporters".split()
    files = {
        "invalid-utf8.txt": bytes(rng.randrange(256) for _ in range(20_000)),
        "mostly-utf8-one-bad-byte.txt": b"Title line\n\n" + "Caf\u00e9 cr\u00e8me ".encode() * 500 + b"\xff\xfe bad\n",
        "nul-bytes.txt": b"Title\n\n" + b"text \x00 with nul\x00\x00 bytes. " * 2000,
        "utf16-no-bom.txt": ("Headline Without BOM\n\n" + "Body text in UTF-16. " * 300).encode("utf-16-le"),
        "one-mb-single-line.txt": " ".join(rng.choice(words) for _ in range(200_000))[:1_000_000].encode(),
        "100k-tiny-lines.txt": b"\n".join(b"w%d" % i for i in range(100_000)),
        "100k-quote-lines.txt": "\n".join(f'"{i}," he said.' for i in range(100_000)).encode(),
        "crlf-and-cr.txt": b"Mixed Endings Headline\r\n\r\nFirst paragraph.\rStill first.\r\n\r\nSecond one.\n",
        "only-quotes.txt": ("\u201c" * 50_000 + '"' * 50_000).encode(),
        "unclosed-quote.txt": ('"' + "word " * 100_000).encode(),
        "deeply-nested.html": b"<html><body>" + b"<div>" * 20_000 + b"deep text" + b"</div>" * 20_000 + b"</body></html>",
        "nested-inline.html": b"<html><body>" + b"<b><i>" * 5_000 + b"text" + b"</i></b>" * 5_000 + b"</body></html>",
        "unclosed-tags.html": b"<html><body>" + b"<p><div><span>open " * 5_000,
        "script-only.html": b"<html><body><script>" + b"var x = '<p>not text</p>';" * 5_000 + b"</script></body></html>",
        "page.html.gz": gzip.compress(b"<html><head><title>Zipped Page</title></head><body><article><h1>Zipped Page</h1>"
                                      + b"<p>A page saved compressed, with real sentences in it.</p>" * 50
                                      + b"</article></body></html>"),
        "gzip-bytes-named.html": gzip.compress(b"<html><body><p>" + b"Gzip bytes under an html name. " * 100 + b"</p></body></html>"),
        "zip-bomb.html": gzip.compress(b"<html><body>" + b"A" * (64 * 2**20) + b"</body></html>", compresslevel=9),
        "zip-bomb.html.gz": gzip.compress(b"<p>" + b"\x00" * (64 * 2**20)),
        "truncated.html.gz": gzip.compress(b"<html><body><p>cut</p></body></html>" * 100)[:60],
        "png-named.txt": b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(5000)),
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\r\n   \n",
        "bom-only.txt": b"\xef\xbb\xbf",
        "huge-data-uri.html": b'<html><body><p>Text before.</p><img src="data:image/png;base64,' + b"A" * 2_000_000
                              + b'"><p>Text after.</p></body></html>',
        "over-the-limit.txt": b"x" * (3 * 2**20),
        "markdown-hostile.md": b"---\ntitle: <script>alert(1)</script>\n---\n\n# Head\n\n[x](javascript:alert(1)) <img src=x onerror=y>\n",
    }
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "broken-link.txt").symlink_to(folder / "does-not-exist.txt")
    return files


def test_import_of_awkward_files_is_bounded_and_loses_nothing(tmp_path, monkeypatch):
    files = awkward_files(tmp_path / "awkward")
    monkeypatch.setattr(importing, "CAP_SECONDS", 4.0)
    path = tmp_path / "library.sqlite"
    with Library.open(path) as lib:
        lib.set_meta(importing.MAX_IMPORT_BYTES_KEY, str(2 * 2**20))
        t = time.perf_counter()
        report = import_paths(lib, [tmp_path / "awkward"])
        elapsed = time.perf_counter() - t
        accounted = len(report.imported) + len(report.failed) + len(report.duplicates)
        assert accounted == len(files) + 1  # every file: imported, or failed with a reason
        failed = dict((os.path.basename(n), r) for n, r in report.failed)
        assert "expands past" in failed["zip-bomb.html"] and "expands past" in failed["zip-bomb.html.gz"]
        assert "over the 2 MB limit" in failed["over-the-limit.txt"]
        assert "binary" in failed["png-named.txt"] and "damaged" in failed["truncated.html.gz"]
        assert set(failed) >= {"empty.txt", "whitespace.txt", "broken-link.txt"}
        titles = {lib.get(i).title for i in report.imported}
        assert "Zipped Page" in titles and "Headline Without BOM" in titles
        for i in report.imported:
            art = lib.get(i, with_original=True)
            name = os.path.basename(art.original.name)
            assert art.original.data == files[name]  # the original, byte for byte
            assert art.blocks or art.title  # text kept (cleaned, or as it is past the cap)
        assert lib.check_integrity() == []
    n, problems = whole_or_absent(path, required=())
    assert problems == [] and n == len(report.imported)
    FIGURES["awkward files imported or refused with a reason"] = accounted
    print(f"\nawkward corpus: {accounted} files in {elapsed:.1f} s; {len(report.imported)} imported, "
          f"{len(report.failed)} refused with a reason; notices: {len(report.notices)}")
    # Bounded: the cap (4 s here) per slow document, not the document's own time.
    assert elapsed < 60


def test_the_cap_keeps_the_text_of_a_document_too_slow_to_clean(monkeypatch):
    slow = "\n".join(f'"{i}," he said.' for i in range(100_000)).encode()
    assert importing.needs_isolation(slow, "slow.txt")
    t = time.perf_counter()
    cleaned, original, found = importing.clean_document(slow, "slow.txt", cap=1.0)
    assert time.perf_counter() - t < 1.0 + 5  # the cap, plus killing and keeping the text
    assert found == [] and "took longer than 1 s" in cleaned.notices[0]
    assert cleaned.title == '"0," he said.' and '"99999," he said.' in cleaned.blocks[-1].text
    assert original.data == slow
    # And the worker comes back for the next big document.
    cleaned, _, _ = importing.clean_document(b"Big Headline\n\n" + b"Words in a long paragraph. " * 12_000, "big.txt")
    assert cleaned.title == "Big Headline" and not any("longer" in n for n in cleaned.notices)


def test_small_articles_stay_in_process():
    text = ("Headline\n\n" + "A paragraph of an ordinary article. " * 200).encode()
    assert not importing.needs_isolation(text, "a.txt")
    assert not importing.needs_isolation(b"<html><body>" + b"<p>x</p>" * 20_000 + b"</body></html>", "a.html")
    assert importing.needs_isolation(b"x" * 30_000, "a.txt")  # one long line
    assert importing.needs_isolation(gzip.compress(b"<p>x</p>"), "a.html")


def test_report_figures():
    """Prints how many examples each component ran (pytest -s to see them)."""
    print("\nfuzz examples run: " + ", ".join(f"{k}: {v}" for k, v in sorted(FIGURES.items())))
