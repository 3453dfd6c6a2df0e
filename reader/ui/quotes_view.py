"""The library-wide "who said what": speakers with their quote counts, filterable as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from reader.library import Library

UNATTRIBUTED = "(speaker not named)"
_QUOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # (article_id, block, start) on quote items
_SPEAKER_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored speaker name on speaker items


class QuotesDialog(QDialog):
    """Speakers, most quoted first; expand one to see its quotes; Enter opens the article there."""

    quoteChosen = Signal(int, int, int)  # article id, block, start offset

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Who said what")
        self.resize(720, 560)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter speakers and quotes…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter quotes")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Speaker / quote", "Quotes"])
        self.tree.setAccessibleName("Speakers and their quotes")
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        layout.addWidget(self.summary)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(120)
        self._debounce.timeout.connect(self.refresh)
        self.filter.textChanged.connect(lambda _t: self._debounce.start())
        self.filter.returnPressed.connect(self._focus_tree)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemActivated.connect(self._activated)

    def refresh(self) -> None:
        text = self.filter.text()
        self.tree.clear()
        speakers = self.library.speakers(text)
        total = 0
        for speaker, n in speakers:
            item = QTreeWidgetItem([speaker or UNATTRIBUTED, str(n)])
            item.setData(0, _SPEAKER_ROLE, speaker)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            self.tree.addTopLevelItem(item)
            total += n
        self.summary.setText(f"{len(speakers):,} speakers, {total:,} quotes" + (f" matching “{text}”" if text else ""))
        if self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))

    def _fill(self, item: QTreeWidgetItem) -> None:
        if item.childCount() or item.parent() is not None:
            return
        for q in self.library.quotes_of(item.data(0, _SPEAKER_ROLE), self.filter.text()):
            child = QTreeWidgetItem([f"{q.text}\n— {q.title}"])
            child.setToolTip(0, q.text)
            child.setData(0, _QUOTE_ROLE, (q.article_id, q.block, q.start))
            item.addChild(child)

    def _focus_tree(self) -> None:
        self.tree.setFocus()

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        where = item.data(0, _QUOTE_ROLE)
        if where is None:
            item.setExpanded(not item.isExpanded())
            return
        self.quoteChosen.emit(*where)
