"""The tag editor (`t`): add and remove tags on one or many selected articles from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from reader.library import Library


class TagEditor(QDialog):
    """Type a tag and press Enter to add it to every selected article; select a tag in the
    list and press Delete to remove it from all of them."""

    changed = Signal(list, list)  # tags added, tags removed

    def __init__(self, library: Library, ids: list[int], parent=None):
        super().__init__(parent)
        self.library = library
        self.ids = ids
        self.setWindowTitle(f"Tags of {len(ids)} article{'s' if len(ids) != 1 else ''}")
        self.resize(420, 360)
        self.input = QLineEdit(self)
        self.input.setPlaceholderText("Add a tag (Enter); nest with /, e.g. politics/uk")
        self.input.setAccessibleName("New tag")
        completer = QCompleter([name for name, _n in library.tags()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(completer)
        self.current = QListWidget(self)
        self.current.setAccessibleName("Tags of the selected articles")
        self.current.setAccessibleDescription("Delete removes the selected tag from every selected article")
        hint = QLabel("Enter adds · Delete removes the selected tag · Esc closes", self)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            # Enter adds the typed tag; it must not also press Close.
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.current)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.input.returnPressed.connect(self.add_typed)
        remove = QAction("Remove tag", self.current)
        remove.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")])
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_selected)
        self.current.addAction(remove)
        self.input.setFocus()
        self.refresh()

    def refresh(self) -> None:
        counts: dict[str, tuple[str, int]] = {}
        for row in self.library.rows(self.ids).values():
            for t in row.tags:
                name, n = counts.get(t.lower(), (t, 0))
                counts[t.lower()] = (name, n + 1)
        self.current.clear()
        for name, n in sorted(counts.values(), key=lambda x: x[0].lower()):
            text = name if n == len(self.ids) else f"{name}  ({n} of {len(self.ids)})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.current.addItem(item)

    def add_typed(self) -> None:
        name = self.input.text().strip()
        if not name:
            self.accept()
            return
        self.changed.emit([name], [])
        self.input.clear()
        self.refresh()

    def remove_selected(self) -> None:
        item = self.current.currentItem()
        if item is None:
            return
        self.changed.emit([], [item.data(Qt.ItemDataRole.UserRole)])
        row = self.current.currentRow()
        self.refresh()
        self.current.setCurrentRow(min(row, self.current.count() - 1))


    def keyPressEvent(self, event):  # noqa: N802 - Qt's name
        # QLineEdit passes Enter on after returnPressed; a QDialog would close on it.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
