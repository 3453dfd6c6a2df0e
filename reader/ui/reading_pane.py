"""The reading pane: shows rendered articles and never loads anything from outside the library."""

from __future__ import annotations

import unicodedata

import re

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QTextEdit

from reader.model import IMAGE, Article
from reader.render import render_article, stylesheet
from reader.render.article import render_original, render_removed


RESOURCE_SCHEME = "reader-resource"


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


class ReadingPane(QTextBrowser):
    """A QTextBrowser that renders escaped article HTML and opens web links only on click."""

    matchesChanged = Signal(int, int)  # current match (1-based, 0 for none), number of matches
    HIT = QColor(255, 210, 77, 170)
    CURRENT_HIT = QColor(255, 140, 0, 200)

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
        self._terms: list[str] = []
        # (article id, resource name) -> bytes of an image stored with the article, or None
        self.resource_loader = None
        self.resource_names = None  # article id -> names of the images stored with it
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self.theme = "light"
        self.measure_px = 0
        self.set_style("light")

    def set_style(self, theme: str, family: str = "", size: int = 0, line_height: int = 0, measure: int = 70) -> None:
        """Theme colours and typography; lines are kept to `measure` characters, centred."""
        from PySide6.QtGui import QFont, QFontMetricsF, QPalette

        from reader.render.article import DEFAULT_TYPOGRAPHY, THEMES

        self.theme = theme
        colours = THEMES.get(theme, THEMES["light"])
        self.HIT = QColor(colours["hit_bg"])
        self.CURRENT_HIT = QColor(colours["hit_bg"]).darker(135) if theme == "dark" else QColor(255, 140, 0, 200)
        self.document().setDefaultStyleSheet(stylesheet(theme, family, size, line_height))
        font = QFont(family.split(",")[0].strip() if family else "serif")
        font.setPointSizeF(size or DEFAULT_TYPOGRAPHY["size"])
        self.document().setDefaultFont(font)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor(colours["bg"]))
        pal.setColor(QPalette.ColorRole.Text, QColor(colours["fg"]))
        self.setPalette(pal)
        self.measure_px = int(QFontMetricsF(font).averageCharWidth() * measure) + 2 * int(self.document().documentMargin())
        self._fit_measure()
        if self.article is not None:
            value = self.verticalScrollBar().value()
            self.show_article(self.article)
            self.verticalScrollBar().setValue(value)

    def set_theme(self, theme: str) -> None:
        self.set_style(theme)

    def _fit_measure(self) -> None:
        width = self.width() - self.verticalScrollBar().sizeHint().width() - 2 * self.frameWidth()
        side = max(0, (width - self.measure_px) // 2) if self.measure_px else 0
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._fit_measure()
        super().resizeEvent(event)

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self._block_of_doc = {}
        if article is None:
            self.setHtml("")
            return
        images = self.resource_names(article.id) if self.resource_names is not None and article.id is not None else None
        self.setHtml(render_article(article, highlight_quotes=self.highlight_quotes, images=images))
        self._map_blocks(article)
        self.verticalScrollBar().setValue(0)
        self._find_hits()

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

    # -- search matches
    def set_terms(self, terms: list[str]) -> None:
        """Words, phrases and prefixes ("elect*") of the current search, to mark in the text."""
        if terms != self._terms:
            self._terms = list(terms)
            self._find_hits()

    def _find_hits(self) -> None:
        self._hits, self._current = [], -1
        text = self.document().toPlainText() if self._terms else ""
        if text:
            from reader.library.search import fold  # the index's own case and accent folding

            folded = fold(text)
            alternatives = []
            for term in self._terms:
                prefix = term.endswith("*")
                words = fold(term.rstrip("*")).split()
                if not words:
                    continue
                body = r"\W+".join(re.escape(w) for w in words)
                alternatives.append(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"))
            if alternatives:
                pattern = re.compile("|".join(f"(?:{a})" for a in alternatives))
                self._hits = [(m.start(), m.end()) for m in pattern.finditer(folded)]
        self._paint_hits()

    def _paint_hits(self) -> None:
        selections = []
        for n, (start, end) in enumerate(self._hits):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(self.CURRENT_HIT if n == self._current else self.HIT)
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)
        self.matchesChanged.emit(self._current + 1, len(self._hits))

    def match_count(self) -> int:
        return len(self._hits)

    def go_to_match(self, step: int) -> bool:
        """Move to the next (step 1) or previous (-1) match, wrapping around."""
        if not self._hits:
            return False
        self._current = (self._current + step) % len(self._hits) if self._current >= 0 else (0 if step > 0 else len(self._hits) - 1)
        start, end = self._hits[self._current]
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        self._paint_hits()
        return True

    def block_index(self, cursor: QTextCursor) -> int | None:
        return self._block_of_doc.get(cursor.blockNumber())

    def loadResource(self, type_: int, name: QUrl):  # noqa: N802 - Qt's name
        # Remote and local files are never fetched: the view shows only what the library holds
        # (images saved with a page and stored with its article, asked for as reader-resource:).
        if name.scheme() == RESOURCE_SCHEME and self.resource_loader is not None and self.article is not None:
            from PySide6.QtGui import QImage

            data = self.resource_loader(self.article.id, name.path())
            if data:
                image = QImage.fromData(data)
                if not image.isNull():
                    limit = max(self.measure_px - 2 * int(self.document().documentMargin()), 200)
                    if image.width() > limit:
                        image = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
                    return image
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def plain_text(self) -> str:
        return self.document().toPlainText()
