"""The reading pane: shows rendered articles and never loads anything from outside the library."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from reader.model import Article
from reader.render import render_article, stylesheet


class ReadingPane(QTextBrowser):
    """A QTextBrowser that renders escaped article HTML and opens web links only on click."""

    escapePressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)
        self.setAccessibleName("Article")
        self.setAccessibleDescription("The selected article, cleaned for reading")
        self.document().setDocumentMargin(24)
        self.article: Article | None = None
        self.set_theme("light")

    def set_theme(self, theme: str) -> None:
        self.document().setDefaultStyleSheet(stylesheet(theme))
        if self.article is not None:
            self.show_article(self.article)

    def show_article(self, article: Article | None) -> None:
        self.article = article
        if article is None:
            self.setHtml("")
            return
        self.setHtml(render_article(article))
        self.verticalScrollBar().setValue(0)

    def loadResource(self, type_: int, name: QUrl):  # noqa: N802 - Qt's name
        # Remote and local files are never fetched: the view shows only what the library holds.
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def plain_text(self) -> str:
        return self.document().toPlainText()


__all__ = ["ReadingPane", "QTextDocument"]
