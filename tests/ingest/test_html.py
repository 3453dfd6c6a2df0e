"""The HTML path: a saved page → headline, metadata, body, figures; scripts and remote things stay out."""

from __future__ import annotations

import re

import pytest

import reader.ingest.html as html_module
from reader.ingest.html import HTML_CLEANER_VERSION, clean_html, clean_html_bytes, decode_html
from reader.model import CAPTION, Cleaned, HEADING, IMAGE, ITEM, PARAGRAPH

PARAGRAPHS = [
    "The harbour authority of Port Elmstead voted on Monday to close the old ferry pier for a two-year "
    "rebuild, ending weeks of argument between fishermen, ferry operators and the town council.",
    "Engineers found last spring that the timber piles under the eastern half of the pier had rotted "
    "through, and the authority has limited the pier to foot traffic since then.",
    '"We could patch it again, but we would be back here in three winters," said Mara Quill, who chairs '
    "the authority. \"This time we build it once and build it properly.\"",
    "Ferries to the islands will use a temporary pontoon at the north quay from March, a change that "
    "adds about ten minutes to each crossing, according to the operators.",
    "Fishermen, who land most of their catch at the pier, asked for a separate berth during the works. "
    "The authority said it would consider the request at its next meeting.",
]
HEADING_TEXT = "What happens to the ferries"
CAPTION_TEXT = "The old ferry pier at low tide, with the rotted eastern piles visible under the deck."
CREDIT_TEXT = "Photo: Ines Harrow / Coastline Agency"

PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Port Elmstead closes old ferry pier for two-year rebuild | The Elmstead Gazette</title>
<meta property="og:title" content="Port Elmstead closes old ferry pier for two-year rebuild">
<meta property="og:site_name" content="The Elmstead Gazette">
<meta property="og:url" content="https://gazette.example/news/ferry-pier-rebuild">
<meta property="article:published_time" content="2024-03-04T09:15:00+01:00">
<meta name="author" content="Tobias Wren">
<link rel="canonical" href="https://gazette.example/news/ferry-pier-rebuild">
<link rel="stylesheet" href="https://cdn.tracker.example/styles/site.css">
<script src="https://cdn.tracker.example/analytics.js"></script>
<script>document.write("<p>INJECTED BY SCRIPT</p>"); alert("pwned");</script>
<style>body {{ background: url(https://cdn.tracker.example/bg.png); }}</style>
</head>
<body onload="alert('loaded')">
<header class="site-header">
  <nav class="main-nav"><ul>
    <li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="javascript:alert('menu')">Weather</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1 class="headline">Port Elmstead closes old ferry pier for two-year rebuild</h1>
  <p class="byline">By <a rel="author" href="/staff/tobias-wren">Tobias Wren</a></p>
  <p class="dateline"><time datetime="2024-03-04T09:15:00+01:00">4 March 2024, 09:15</time></p>
  <figure class="lead">
    <img src="Port Elmstead closes old ferry pier_files/pier.jpg" alt="The ferry pier at low tide"
         onerror="alert('img')">
    <figcaption>{CAPTION_TEXT} <span class="credit">{CREDIT_TEXT}</span></figcaption>
  </figure>
  <div class="article-body">
    <p onclick="alert('click')">{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1]}</p>
    <script>document.write("<p>SECOND INJECTION</p>");</script>
    <p>{PARAGRAPHS[2]}</p>
    <aside class="newsletter-signup"><h3>Get the Gazette every morning</h3>
      <p>Sign up for our free newsletter and never miss a story from the harbour.</p>
      <form action="https://newsletter.example/subscribe"><input type="email"><button>Subscribe</button></form>
    </aside>
    <h2>{HEADING_TEXT}</h2>
    <p>{PARAGRAPHS[3]}</p>
    <iframe src="https://video.example/embed/123" width="560" height="315">Your browser cannot show this video.</iframe>
    <p>{PARAGRAPHS[4]}</p>
    <img src="https://images.remote.example/tracking-pixel.gif" width="1" height="1" alt="">
  </div>
  <section class="related-stories"><h3>Related stories</h3><ul>
    <li><a href="/news/harbour-dredging">Harbour dredging to start in May</a></li>
    <li><a href="/news/island-ferries">Island ferry fares to rise by five per cent</a></li>
  </ul></section>
</article>
</main>
<footer class="site-footer"><p>© 2024 The Elmstead Gazette. All rights reserved.</p>
  <p><a href="/privacy">Privacy policy</a> · <a href="/contact">Contact us</a></p></footer>
<script>window.location = "https://evil.example/";</script>
</body>
</html>
"""

REMOTE = re.compile(r"https?://|javascript:|tracker\.example|evil\.example|remote\.example", re.I)


@pytest.fixture(autouse=True)
def raise_errors(monkeypatch):
    """Inside the tests, an error in the extractor fails the test instead of falling back."""
    monkeypatch.setattr(html_module, "RAISE_ERRORS", True)


@pytest.fixture(scope="module")
def article() -> Cleaned:
    return clean_html(PAGE)


def test_version_is_a_positive_int():
    assert isinstance(HTML_CLEANER_VERSION, int) and HTML_CLEANER_VERSION >= 1


def test_headline_and_metadata(article):
    assert article.title == "Port Elmstead closes old ferry pier for two-year rebuild"
    assert article.source == "The Elmstead Gazette"
    assert article.author == "Tobias Wren"
    assert article.published == "2024-03-04T09:15:00+01:00"
    assert article.url == "https://gazette.example/news/ferry-pier-rebuild"


def test_body_paragraphs_in_order(article):
    texts = [b.text for b in article.blocks if b.kind in (PARAGRAPH, HEADING, ITEM)]
    assert texts == PARAGRAPHS[:3] + [HEADING_TEXT] + PARAGRAPHS[3:]
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds[HEADING_TEXT] == HEADING


def test_figure_image_then_caption_with_credit(article):
    kinds = [b.kind for b in article.blocks]
    i = kinds.index(CAPTION)
    assert kinds[i - 1] == IMAGE
    image, caption = article.blocks[i - 1], article.blocks[i]
    assert image.src == "Port Elmstead closes old ferry pier_files/pier.jpg"
    assert image.text == "The ferry pier at low tide"
    assert caption.text == CAPTION_TEXT
    assert caption.credit == CREDIT_TEXT
    # the figure comes before the first paragraph, where the page has it
    assert i < kinds.index(PARAGRAPH)
    assert kinds.count(CAPTION) == 1


def test_no_script_boilerplate_or_remote_address_in_the_text(article):
    shown = [article.title] + [t for b in article.blocks for t in (b.text, b.credit)]
    joined = "\n".join(shown)
    for unwanted in ("INJECTED", "SECOND INJECTION", "alert", "document.write", "window.location",
                     "Subscribe", "newsletter", "Related stories", "Harbour dredging", "Privacy policy",
                     "All rights reserved", "Home", "Weather", "Your browser cannot show", "By Tobias Wren"):
        assert unwanted not in joined, unwanted
    assert not REMOTE.search(joined)
    # image addresses are the page's own: only the saved local file is kept as an image block
    assert [b.src for b in article.blocks if b.kind == IMAGE] == [
        "Port Elmstead closes old ferry pier_files/pier.jpg"
    ]


def test_what_was_cut_is_kept_with_reasons(article):
    assert article.removed and all(b.reason for b in article.removed)
    removed = "\n".join(b.text for b in article.removed)
    for kept_aside in ("Sign up for our free newsletter", "Island ferry fares to rise", "Privacy policy"):
        assert kept_aside in removed
    assert "INJECTED" not in removed and "alert(" not in removed


def test_text_is_only_normalised():
    page = ("<html><head><title>Café menu</title></head><body><article><h1>Cafe\u0301 menu</h1>"
            + "".join(f"<p>{p}</p>" for p in ["Le cafe\u0301   ouvre   à\u00a0sept heures, tous les jours "
                                              "de la semaine, même le dimanche et les jours fériés."] * 1)
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
            + "</article></body></html>")
    cleaned = clean_html(page)
    first = next(b.text for b in cleaned.blocks if b.kind == PARAGRAPH)
    assert first == "Le café ouvre à sept heures, tous les jours de la semaine, même le dimanche et les jours fériés."


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n\t ",
        "<html><body></body></html>",
        "<html><head><title>Only a title</title></head></html>",
        "<html><head><title>Only a title</title></head><body>  </body></html>",
        "<p>unclosed <b>bold <i>italic <div>and a <table><tr><td>cell",
        "<html><body><p>" + PARAGRAPHS[0][:50],
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>" + PARAGRAPHS[0] + "</p></body></html>",
        "<html><body>\x00\x01\x0b<p>control characters\ufffe</p></body></html>",
        "<html><body>" + "<div>" * 5000 + "deep text" + "</div>" * 5000 + "</body></html>",
        "<html><body>" + "<span>" * 5000 + "deep inline" + "</body></html>",
        "<html><body>" + "<p>" + "word " * 200_000 + "</p></body></html>",
        "<html><head><script type='application/ld+json'>{not json</script></head><body></body></html>",
        "<html><head><script type='application/ld+json'>" + "[" * 5000 + "]" * 5000 + "</script></head></html>",
        "<figure><figcaption></figcaption></figure><figure><img></figure>",
        "\ud800 lone surrogate <p>text</p>",
        "plain words, no markup at all",
    ],
    ids=lambda p: repr(p[:30]),
)
def test_odd_pages_do_not_raise(page):
    cleaned = clean_html(page)
    assert isinstance(cleaned, Cleaned)
    assert all(b.kind in (HEADING, PARAGRAPH, CAPTION, IMAGE) for b in cleaned.blocks)


def test_only_a_title():
    cleaned = clean_html("<html><head><title>Only a title</title></head><body></body></html>")
    assert cleaned.title == "Only a title"
    assert cleaned.blocks == []


@pytest.mark.parametrize("depth", [5000, 3000])
def test_text_past_the_parser_depth_limit_is_kept(depth):
    # 5,000 nested divs, or 3,000 never closed: libxml2 would drop all that follows the limit
    closing = "</div>" * depth if depth == 5000 else ""
    page = ("<html><body><p>before the deep part</p>" + "<div>" * depth + "deep text in a paragraph"
            + closing + "<p>after the deep part</p></body></html>")
    cleaned = clean_html(page)
    texts = [b.text for b in cleaned.blocks]
    assert texts == ["before the deep part", "deep text in a paragraph", "after the deep part"]
    assert cleaned.notices


def test_fallback_on_an_internal_error(monkeypatch):
    monkeypatch.setattr(html_module, "RAISE_ERRORS", False)

    def broken(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(html_module, "_clean", broken)
    cleaned = clean_html(PAGE)
    assert cleaned.title.startswith("Port Elmstead closes old ferry pier")
    assert any(PARAGRAPHS[0] == b.text for b in cleaned.blocks)
    assert not any("INJECTED" in b.text for b in cleaned.blocks)


def test_bytes_with_a_meta_charset():
    data = PAGE.replace('<meta charset="utf-8">', '<meta charset="windows-1252">').replace(
        PARAGRAPHS[1], PARAGRAPHS[1] + " Caf\u00e9 owners agreed."
    ).encode("cp1252", errors="replace")
    cleaned = clean_html_bytes(data)
    assert any(b.text.endswith("Caf\u00e9 owners agreed.") for b in cleaned.blocks)


@pytest.mark.parametrize(
    ("declared", "codec", "text"),
    [
        ("windows-1251", "cp1251", "Новости порта: паром отменён"),
        ("iso-8859-1", "cp1252", "Le café ouvre à sept heures – même le dimanche"),
        ("shift_jis", "shift_jis", "港の新しい桟橋"),
    ],
)
def test_decode_html_follows_the_declared_charset(declared, codec, text):
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={declared}"></head>' \
           f"<body><p>{text}</p></body></html>"
    decoded, encoding = decode_html(page.encode(codec))
    assert text in decoded
    assert encoding == codec


def test_decode_html_prefers_valid_utf8_and_boms():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café</p></body></html>'
    assert decode_html(page.encode("utf-8"))[0] == page
    assert "Café" in decode_html(b"\xef\xbb\xbf" + page.encode("utf-8"))[0]
    assert "Café" in decode_html(page.encode("utf-16"))[0]


def test_pictures_inside_the_article_without_captions():
    page = ("<html><head><title>Pier works</title></head><body><article><h1>Pier works</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p><img src='Pier_files/piles.jpg' alt='Rotten piles'></p>"
            f"<p>{PARAGRAPHS[1]}</p><img src='Pier_files/icon.png' width='16' height='16'>"
            f"<img src='Pier_files/author-avatar.jpg'><p>{PARAGRAPHS[2]}</p></article>"
            "<aside><img src='Pier_files/ad.jpg'></aside></body></html>")
    blocks = clean_html(page).blocks
    assert [(b.kind, b.text, b.src) for b in blocks] == [
        (PARAGRAPH, PARAGRAPHS[0], ""),
        (IMAGE, "Rotten piles", "Pier_files/piles.jpg"),
        (PARAGRAPH, PARAGRAPHS[1], ""),
        (PARAGRAPH, PARAGRAPHS[2], ""),
    ]


def test_a_quoted_post_inside_the_article_is_kept_where_it_stands():
    tweet = "The new pontoon opens on the first of March, ferries every twenty minutes."
    page = ("<html><head><title>Pier works</title></head><body><article><h1>Pier works</h1>"
            f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
            f'<div class="article-widget"><blockquote class="twitter-tweet"><p>{tweet}</p>'
            "— Port Authority (@port) March 1, 2024</blockquote></div>"
            '<script async src="https://platform.social.example/widgets.js"></script>'
            f"<p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p></article></body></html>")
    texts = [b.text for b in clean_html(page).blocks]
    assert texts.index(PARAGRAPHS[1]) < texts.index(tweet) < texts.index(PARAGRAPHS[2])


def _page_with(figure_html: str) -> str:
    return ("<html><head><title>Pier works</title></head><body><article><h1>Pier works</h1>"
            f"<p>{PARAGRAPHS[0]}</p>{figure_html}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p>"
            "</article></body></html>")


@pytest.mark.parametrize(
    ("figure_html", "expected"),
    [
        # a caption class beside the picture, the credit in a class of its own
        ('<div class="wp-caption"><img src="a_files/p.jpg" alt="">'
         '<p class="wp-caption-text">Divers inspect the piles under the eastern deck.'
         '<span class="image-credit">Ines Harrow</span></p></div>',
         [("Divers inspect the piles under the eastern deck.", "Ines Harrow")]),
        # the credit marked with a class that says "caption", inside the caption
        ('<div class="photo"><img src="a_files/p.jpg" alt=""><span class="newsCaption">Divers inspect the piles '
         'under the eastern deck. <span class="caption">(Image: GETTY)</span></span></div>',
         [("Divers inspect the piles under the eastern deck.", "(Image: GETTY)")]),
        # a credit written at the end of the caption text
        ('<figure><img src="a_files/p.jpg" alt=""><figcaption>Divers inspect the piles under the eastern deck. '
         '(AP Photo/Ines Harrow)</figcaption></figure>',
         [("Divers inspect the piles under the eastern deck.", "(AP Photo/Ines Harrow)")]),
        # a full and a shortened copy of one caption, and a gallery counter
        ('<figure><img src="a_files/p.jpg" alt=""><figcaption><span class="count">1 of 3</span>'
         '<span class="caption-full">Divers inspect the piles under the eastern deck on Monday.</span>'
         '<span class="caption-short">Divers inspect the piles under the eastern deck…</span>'
         '<span class="credit">Photo: Ines Harrow</span></figcaption></figure>',
         [("Divers inspect the piles under the eastern deck on Monday.", "Photo: Ines Harrow")]),
        # a figure without a picture (a pull quote), a credit alone, a teaser with a heading: no caption
        ('<figure><blockquote>We build it once.</blockquote><figcaption>Mara Quill, who chairs the harbour '
         'authority</figcaption></figure>', []),
        ('<figure><img src="a_files/p.jpg" alt=""><figcaption>Photo: Ines Harrow / Coastline Agency'
         '</figcaption></figure>', []),
        ('<div class="card"><img src="a_files/p.jpg" alt=""><div class="card-caption"><h3>Harbour dredging '
         'to start in May</h3></div></div>', []),
    ],
)
def test_captions_and_credits(figure_html, expected):
    cleaned = clean_html(_page_with(figure_html))
    got = [(b.text, b.credit) for b in cleaned.blocks if b.kind == CAPTION]
    assert got == expected
    body = [b.text for b in cleaned.blocks if b.kind == PARAGRAPH]
    assert body == PARAGRAPHS[:3]


def test_nothing_is_fetched(monkeypatch):
    import socket
    import urllib.request

    def refuse(*args, **kwargs):
        raise AssertionError("the HTML path tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    page = PAGE.replace("<meta name=\"author\" content=\"Tobias Wren\">", "")  # no date in meta: htmldate looks
    page = page.replace('<meta property="article:published_time" content="2024-03-04T09:15:00+01:00">', "")
    cleaned = clean_html(page)
    assert cleaned.title == "Port Elmstead closes old ferry pier for two-year rebuild"
