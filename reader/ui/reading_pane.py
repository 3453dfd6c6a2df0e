"""The reading pane: shows rendered articles and never loads anything from outside the library."""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QTextBrowser

from reader.model import IMAGE, Article
from reader.render import render_article, stylesheet
from reader.render.article import render_original, render_removed


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class ReadingPane(QTextBrowser):
    """A QTextBrowser that renders escaped article HTML and opens web links only on click."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setAccessibleName("Article")
        self.setAccessibleDescription("The selected article, cleaned for reading")
        self.document().setDocumentMargin(24)
        self.article: Article | None = None
        self.highlight_quotes = True
        self._block_of_doc: dict[int, int] = {}
        self.set_theme("light")

    def set_theme(self, theme: str) -> None:
        self.document().setDefaultStyleSheet(stylesheet(theme))
        if self.article is not None:
            self.show_article(self.article)

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self._block_of_doc = {}
        if article is None:
            self.setHtml("")
            return
        self.setHtml(render_article(article, highlight_quotes=self.highlight_quotes))
        self._map_blocks(article)
        self.verticalScrollBar().setValue(0)

    def show_other(self, article: Article, view: str, original_text: str = "") -> None:
        """The original input or the removed blocks of an article."""
        self._block_of_doc = {}
        if view == "removed":
            self.setHtml(render_removed(article))
        else:
            orig = article.original
            self.setHtml(render_original(article.title, original_text, orig.format if orig else "", orig.encoding if orig else ""))
        self.verticalScrollBar().setValue(0)

    def _map_blocks(self, article: Article) -> None:
        # Each article block is one paragraph of the document, after the header; match them
        # in order by their text so the header's shape does not matter.
        wanted = [(i, _norm(b.text)) for i, b in enumerate(article.blocks) if b.kind != IMAGE and b.text]
        k = 0
        block = self.document().begin()
        while block.isValid() and k < len(wanted):
            text = _norm(block.text())
            if text and (text == wanted[k][1] or text.startswith(wanted[k][1])):
                self._block_of_doc[block.blockNumber()] = wanted[k][0]
                k += 1
            block = block.next()

    def block_index(self, cursor: QTextCursor) -> int | None:
        return self._block_of_doc.get(cursor.blockNumber())

    def loadResource(self, type_: int, name: QUrl):  # noqa: N802 - Qt's name
        # Remote and local files are never fetched: the view shows only what the library holds.
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def plain_text(self) -> str:
        return self.document().toPlainText()
