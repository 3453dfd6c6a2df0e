"""Qt item models over the library: the lazy article list."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from reader.library import Library
from reader.model import ArticleRow
from reader.render.article import format_date

_Index = QModelIndex | QPersistentModelIndex


class ArticleListModel(QAbstractTableModel):
    """Holds article ids only; row data is fetched a page at a time when a view asks."""

    TITLE, SOURCE, DATE, TAGS = range(4)
    HEADERS = ("Title", "Source", "Date", "Tags")
    IdRole = Qt.ItemDataRole.UserRole + 1
    SnippetRole = Qt.ItemDataRole.UserRole + 2  # text around the matches, marks \x02 … \x03
    PAGE = 64  # rows (and snippets) fetched per query
    MAX_PAGES = 64  # pages kept in the cache

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self._library = library
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, ArticleRow]] = OrderedDict()
        self._snippets: dict[int, str] = {}
        self.query = ""  # the search the ids answer; "" for the whole library
        self.with_snippets = False  # the query has words to show in context
        self._bold = QFont()
        self._bold.setBold(True)
        self.reload()

    # -- loading
    def reload(self) -> None:
        """Show the whole library, newest first, and drop cached rows."""
        self.set_ids(self._library.article_ids(), "")

    def set_ids(self, ids: list[int], query: str, with_snippets: bool = False) -> None:
        """Show these articles (the answer to `query`), fetching their rows lazily."""
        self.beginResetModel()
        self._ids = ids
        self.query = query
        self.with_snippets = with_snippets
        self._pages.clear()
        self._snippets.clear()
        self.endResetModel()

    def ids(self) -> list[int]:
        return self._ids

    def invalidate(self, ids=None) -> None:
        """Forget cached rows (all, or those of some ids) after they changed in the library."""
        self._pages.clear()
        self._snippets.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.HEADERS) - 1))

    def _row(self, row: int) -> ArticleRow | None:
        page_no = row // self.PAGE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * self.PAGE : (page_no + 1) * self.PAGE]
            page = self._library.rows(ids)
            if self.with_snippets:
                self._snippets.update(self._library.snippets(self.query, ids))
            self._pages[page_no] = page
            if len(self._pages) > self.MAX_PAGES:
                _, dropped = self._pages.popitem(last=False)
                for i in dropped:
                    self._snippets.pop(i, None)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._ids[row])

    # -- lookups (the delegate calls these directly: one Python call per row painted)
    def row_data(self, row: int) -> ArticleRow | None:
        return self._row(row) if 0 <= row < len(self._ids) else None

    def snippet(self, row: int) -> str | None:
        if not self.with_snippets or not (0 <= row < len(self._ids)):
            return None
        self._row(row)
        return self._snippets.get(self._ids[row])

    def article_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, article_id: int) -> int:
        try:
            return self._ids.index(article_id)
        except ValueError:
            return -1

    def cached_rows(self) -> int:
        """How many rows' data is held in memory (for the bench and tests)."""
        return sum(len(p) for p in self._pages.values())

    # -- Qt model API
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == self.IdRole:
            return self._ids[index.row()]
        if role == self.SnippetRole:
            return self.snippet(index.row())
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        r = self._row(index.row())
        if r is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.FontRole:
            return None if r.is_read else self._bold
        if col == self.TITLE:
            text = ("★ " if r.starred else "") + r.title
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{r.title}, {r.source or 'unknown source'}, {'read' if r.is_read else 'unread'}"
            return text
        if col == self.SOURCE:
            return r.source
        if col == self.DATE:
            return format_date(r.published or r.imported_at)
        if col == self.TAGS:
            return ", ".join(r.tags)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
