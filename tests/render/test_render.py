"""Rendering is pure and safe: every text is escaped, nothing in an article becomes markup."""

from __future__ import annotations

import pytest

from reader.model import CAPTION, HEADING, IMAGE, PARAGRAPH, Article, Block, Quote
from reader.render import render_article, render_markdown, stylesheet
from reader.render.article import THEMES, render_html_document

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src="http://tracker.example/pixel.gif" onerror="steal()">',
    '<a href="javascript:alert(1)">click</a> and <a href="file:///etc/passwd">this</a>',
    "<iframe src=https://example.org></iframe><style>body{display:none}</style>",
    "&amp; &lt;b&gt; entities stay literal",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_shown_as_text(text):
    article = Article(title=text, blocks=[Block(PARAGRAPH, text), Block(CAPTION, text, credit=text), Block(HEADING, text)])
    page = render_article(article)
    for tag in ("<script", "<img src=\"http", "<iframe", "<style", "<a href"):
        assert tag not in page
    assert page.count("&lt;") >= 3 or "&amp;amp;" in page


def test_images_only_from_the_library():
    article = Article(title="T", blocks=[
        Block(IMAGE, "a harbour", src="Page_files/harbour photo.jpg"),
        Block(IMAGE, "tracker", src="https://tracker.example/p.gif"),
        Block(IMAGE, "inline", src="data:image/png;base64,AAAA"),
        Block(IMAGE, "protocol-relative", src="//cdn.example/x.jpg"),
    ])
    page = render_article(article)
    assert '<img src="reader-resource:Page_files/harbour%20photo.jpg" alt="a harbour" />' in page
    assert page.count("<img") == 1


def test_quotes_are_marked_with_their_speaker_and_line_breaks_kept():
    text = 'Intro. "We will build it," said Ana Ruiz.\nSecond line.'
    article = Article(title="T", blocks=[Block(PARAGRAPH, text)],
                      quotes=[Quote(start=7, end=26, speaker="Ana Ruiz", block=0)])
    page = render_article(article)
    assert '<a name="q0"></a><span class="quote" title="Said by Ana Ruiz">&quot;We will build it,&quot;</span>' in page
    assert "Ana Ruiz.<br />Second line." in page
    plain = render_article(article, highlight_quotes=False)
    assert 'class="quote"' not in plain and 'title="Said by Ana Ruiz"' in plain


def test_markdown_export_escapes_what_would_be_markup():
    article = Article(title="# Not a heading", blocks=[Block(PARAGRAPH, "1. not a list"), Block(PARAGRAPH, "*not emphasis* [not](a link)")])
    md = render_markdown(article)
    assert "\\# Not a heading" in md and "1\\. not a list" in md and "\\*not emphasis\\* \\[not\\]\\(a link\\)" in md


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_each_theme_has_its_colours_and_typography(theme):
    css = stylesheet(theme, "Noto Serif, serif", 15, 160)
    assert THEMES[theme]["bg"] in css and THEMES[theme]["quote_bg"] in css
    assert "font-size: 15pt" in css and "line-height: 160%" in css and "'Noto Serif', serif" in css
    assert "$" not in css.split("*/", 1)[1]


def test_standalone_html_export_is_escaped_and_styled():
    page = render_html_document(Article(title="<b>x</b>", blocks=[Block(PARAGRAPH, "<script>y</script>")]))
    assert page.startswith("<!DOCTYPE html>") and "<script>" not in page and "<style>" in page


def test_list_items_render_as_one_list_in_every_output():
    from reader.model import ITEM
    from reader.operations.export import article_as_text

    article = Article(title="Packing", blocks=[
        Block(PARAGRAPH, "What to pack for a long day:"),
        Block(ITEM, "Two litres of water"),
        Block(ITEM, "A <warm> layer"),
        Block(PARAGRAPH, "Then set off early."),
    ])
    page = render_article(article)
    assert page.count("<ul>") == 1 and page.count("</ul>") == 1
    assert '<ul>\n<li id="b1">Two litres of water</li>\n<li id="b2">A &lt;warm&gt; layer</li>\n</ul>' in page
    md = render_markdown(article)
    assert "What to pack for a long day:\n\n- Two litres of water\n- A \\<warm\\> layer\n\nThen set off early\\." in md
    text = article_as_text(article)
    assert "• Two litres of water\n• A <warm> layer\n\nThen set off early." in text
