"""The sidebar: library views (all, unread, starred), saved searches and nested tags, with counts."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from reader.library import Library
from reader.model import articles

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "view", "saved", "tag" or "section"
QUERY_ROLE = Qt.ItemDataRole.UserRole + 2  # the query an item filters by
NAME_ROLE = Qt.ItemDataRole.UserRole + 3  # tag path or saved-search name
ID_ROLE = Qt.ItemDataRole.UserRole + 4  # saved search id

VIEWS = (("All articles", ""), ("Unread", "is:unread"), ("Starred", "is:starred"))


def tag_query(name: str) -> str:
    return 'tag:"' + name.replace('"', "") + '"'


class Sidebar(QTreeView):
    """Choosing items filters the list: one view or saved search, or the intersection of tags."""

    filterChanged = Signal(str)

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Library views, saved searches and tags")
        self.setAccessibleDescription("Choose a view, a saved search, or one or more tags to filter the articles")
        self.setUniformRowHeights(True)
        self._emitting = True
        self.filled = False
        # Filled just after the window first paints: its counts and tags cost ~35 ms on a
        # 100,000-article library, which start-up should not wait for.
        self._first_fill = QTimer(self)
        self._first_fill.setSingleShot(True)
        self._first_fill.timeout.connect(self._fill_once)
        self._first_fill.start(150)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        self.activated.connect(lambda _i: self._selection_changed())

    def _fill_once(self) -> None:
        if self.isVisible() or self.parent() is None or self.window().isVisible():
            self.fill()

    def fill(self) -> None:
        """The first filling, once (later changes call refresh())."""
        if not self.filled:
            self.refresh()

    # -- contents
    def refresh(self, counts: dict[str, int] | None = None) -> None:
        """Rebuild from the library, keeping what was selected."""
        self.filled = True
        selected = {(i.data(KIND_ROLE), i.data(NAME_ROLE) if i.data(KIND_ROLE) != "view" else i.data(QUERY_ROLE)) for i in self.selectedIndexes()}
        self._emitting = False
        m = self.model_
        m.clear()
        views = self._section("Library")
        total, unread, starred = self.library.count(), self.library.unread_count(), self.library.starred_count()
        for (label, query), n in zip(VIEWS, (total, unread, starred)):
            views.appendRow(self._item(f"{label}  ({n:,})", "view", query, label))
        saved = self._section("Saved searches")
        for search_id, name, query in self.library.saved_searches():
            n = (counts or {}).get(query)
            text = f"{name}  ({n:,})" if n is not None else name
            item = self._item(text, "saved", query, name)
            item.setData(search_id, ID_ROLE)
            item.setToolTip(query)
            saved.appendRow(item)
        tags = self._section("Tags")
        nodes: dict[str, QStandardItem] = {}
        for name, n in self.library.tags():
            parts = name.split("/")
            parent = tags
            for depth in range(1, len(parts) + 1):
                path = "/".join(parts[:depth])
                node = nodes.get(path.lower())
                if node is None:
                    node = self._item(parts[depth - 1], "tag", tag_query(path), path)
                    nodes[path.lower()] = node
                    parent.appendRow(node)
                parent = node
            parent.setText(f"{parts[-1]}  ({n:,})")
            parent.setData(f"{name}: {articles(n)}", Qt.ItemDataRole.ToolTipRole)
        self.expandAll()
        for row in range(m.rowCount()):
            self._reselect(m.item(row), selected)
        self._emitting = True

    def _reselect(self, item: QStandardItem, selected) -> None:
        for r in range(item.rowCount()):
            child = item.child(r)
            key = (child.data(KIND_ROLE), child.data(NAME_ROLE) if child.data(KIND_ROLE) != "view" else child.data(QUERY_ROLE))
            if key in selected:
                self.selectionModel().select(child.index(), QItemSelectionModel.SelectionFlag.Select)
            self._reselect(child, selected)

    def _section(self, title: str) -> QStandardItem:
        item = QStandardItem(title)
        item.setData("section", KIND_ROLE)
        item.setSelectable(False)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.model_.appendRow(item)
        return item

    @staticmethod
    def _item(text: str, kind: str, query: str, name: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setData(kind, KIND_ROLE)
        item.setData(query, QUERY_ROLE)
        item.setData(name, NAME_ROLE)
        item.setData(f"{text}", Qt.ItemDataRole.AccessibleTextRole)
        return item

    # -- selection → filter
    def current_query(self) -> str:
        selected = self.selectedIndexes()
        tags = [i.data(QUERY_ROLE) for i in selected if i.data(KIND_ROLE) == "tag"]
        if tags:
            return " ".join(tags)  # several tags: the articles carrying all of them
        others = [i.data(QUERY_ROLE) for i in selected if i.data(KIND_ROLE) in ("view", "saved")]
        return others[-1] if others else ""

    def _selection_changed(self, *_args) -> None:
        if self._emitting:
            self.filterChanged.emit(self.current_query())

    def selected_tags(self) -> list[str]:
        return [i.data(NAME_ROLE) for i in self.selectedIndexes() if i.data(KIND_ROLE) == "tag"]

    def current_item(self) -> tuple[str | None, str | None, int | None]:
        """(kind, name, saved search id) of the current item."""
        i = self.currentIndex()
        return i.data(KIND_ROLE), i.data(NAME_ROLE), i.data(ID_ROLE)

    def select_item(self, kind: str, name: str) -> bool:
        """Select one item by kind and name (tag path, saved-search name or view label)."""
        matches = self.model_.match(self.model_.index(0, 0), NAME_ROLE, name, -1,
                                    Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive)
        for index in matches:
            if index.data(KIND_ROLE) == kind:
                self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
                return True
        return False
