"""The right-hand side: the reading pane with its view switch (article, original, removed text)
and the article's list of quotes."""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QTextCursor
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader.model import Article
from reader.render.article import quote_anchor
from reader.ui.reading_pane import ReadingPane

ARTICLE, ORIGINAL, REMOVED = "article", "original", "removed"


class QuoteList(QListWidget):
    """The current article's quotes, each with its speaker; activating one scrolls to it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Quotes in this article")
        self.setAccessibleDescription("Direct quotes of the article with who said them; Enter shows the quote in the article")

    def show_quotes(self, article: Article | None) -> None:
        self.clear()
        if article is None:
            return
        for n, q in enumerate(article.quotes):
            source = article.title if q.block == -1 else article.blocks[q.block].text if 0 <= (q.block or 0) < len(article.blocks) else ""
            text = source[q.start:q.end]
            short = text if len(text) <= 160 else text[:157].rstrip() + "…\""
            who = q.speaker or "Speaker not named"
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, n)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{who}: {text}")
            # The speaker in bold over the quote: a label per item (an article has few quotes).
            label = QLabel(f"<b>{html.escape(who)}</b><br/>{html.escape(short)}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 4, 4, 6)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.addItem(item)
            self.setItemWidget(item, label)
        self._fit_items()

    def _fit_items(self) -> None:
        width = max(self.viewport().width(), 80)
        for i in range(self.count()):
            item = self.item(i)
            label = self.itemWidget(item)
            if label is not None:
                item.setSizeHint(QSize(width, label.heightForWidth(width)))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_items()


class ArticleView(QWidget):
    """Reading pane + toolbar + quote list, for one article at a time."""

    restoreRequested = Signal(int)  # index into Article.removed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pane = ReadingPane(self)
        self.quotes = QuoteList(self)
        self.quotes.itemActivated.connect(self._quote_activated)
        self.quotes.itemClicked.connect(self._quote_activated)
        self.quotes_label = QLabel("Quotes", self)
        self.quotes_label.setObjectName("quotesLabel")
        quotes_box = QWidget(self)
        qlay = QVBoxLayout(quotes_box)
        qlay.setContentsMargins(6, 6, 0, 0)
        qlay.addWidget(self.quotes_label)
        qlay.addWidget(self.quotes)
        self.quotes_box = quotes_box

        self.toolbar = QToolBar("Article view", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setAccessibleName("Article view")
        group = QActionGroup(self)
        self.view_actions: dict[str, QAction] = {}
        for name, text, tip in (
            (ARTICLE, "Article", "The cleaned article"),
            (ORIGINAL, "Original", "The text exactly as it was imported"),
            (REMOVED, "Removed", "Text the cleaner removed as noise, with reasons"),
        ):
            a = QAction(text, self)
            a.setCheckable(True)
            a.setToolTip(tip)
            a.triggered.connect(lambda _checked=False, n=name: self.set_view(n))
            group.addAction(a)
            self.toolbar.addAction(a)
            self.view_actions[name] = a
        self.view_actions[ARTICLE].setChecked(True)
        self.toolbar.addSeparator()
        self.highlight_action = QAction("Highlight quotes", self)
        self.highlight_action.setCheckable(True)
        self.highlight_action.setChecked(True)
        self.highlight_action.toggled.connect(self.set_highlight)
        self.toolbar.addAction(self.highlight_action)
        self.quotes_action = QAction("Quote list", self)
        self.quotes_action.setCheckable(True)
        self.quotes_action.setChecked(True)
        self.quotes_action.toggled.connect(self.quotes_box.setVisible)
        self.toolbar.addAction(self.quotes_action)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.pane)
        self.splitter.addWidget(quotes_box)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter)

        self.article: Article | None = None
        self.original_text = ""  # filled in by the window when the original view is asked for
        self.view = ARTICLE
        self.pane.anchorClicked.connect(self._link)

    # -- showing
    def show_article(self, article: Article | None) -> None:
        self.article = article
        self.view = ARTICLE
        self.view_actions[ARTICLE].setChecked(True)
        self.view_actions[REMOVED].setText(f"Removed ({len(article.removed)})" if article else "Removed")
        self.pane.highlight_quotes = self.highlight_action.isChecked()
        self.pane.show_article(article)
        self.quotes.show_quotes(article)
        n = len(article.quotes) if article else 0
        self.quotes_label.setText(f"Quotes ({n})" if n else "No direct quotes")

    def set_view(self, view: str) -> None:
        if self.article is None:
            return
        self.view = view
        self.view_actions[view].setChecked(True)
        if view == ARTICLE:
            self.pane.show_article(self.article)
        else:
            self.pane.show_other(self.article, view, self.original_text)

    def set_highlight(self, on: bool) -> None:
        self.pane.highlight_quotes = on
        if self.view == ARTICLE and self.article is not None:
            value = self.pane.verticalScrollBar().value()
            self.pane.show_article(self.article)
            self.pane.verticalScrollBar().setValue(value)

    # -- quotes
    def show_quote(self, n: int) -> bool:
        """Scroll to the n-th quote and select its text; False if there is no such quote."""
        if self.article is None or not (0 <= n < len(self.article.quotes)):
            return False
        if self.view != ARTICLE:
            self.set_view(ARTICLE)
        self.pane.scrollToAnchor(quote_anchor(n))
        cursor = self.pane.document().find(self._quote_text(n))
        if not cursor.isNull():
            self.pane.setTextCursor(cursor)
            self.pane.ensureCursorVisible()
        self.quotes.setCurrentRow(n)
        return True

    def _quote_text(self, n: int) -> str:
        q = self.article.quotes[n]
        source = self.article.title if q.block == -1 else self.article.blocks[q.block].text
        return source[q.start:q.end]

    def _quote_activated(self, item: QListWidgetItem) -> None:
        self.show_quote(item.data(Qt.ItemDataRole.UserRole))

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("reader-restore:"):
            self.restoreRequested.emit(int(text.split(":", 1)[1]))

    def block_at_cursor(self, cursor: QTextCursor | None = None) -> int | None:
        """Index of the article block under the text cursor (None in the header)."""
        if self.article is None or self.view != ARTICLE:
            return None
        return self.pane.block_index(cursor or self.pane.textCursor())
