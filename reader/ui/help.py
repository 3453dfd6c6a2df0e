"""The keyboard help overlay (`?`, F1) and the Shortcuts dialog, both made from the action table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from reader.ui.actions import ACTIONS, LIST, PANE, READING, SEARCH, SIDEBAR, WINDOW, ShortcutConflict, check_conflicts

WHERE = {WINDOW: "Anywhere", LIST: "Article list", PANE: "Reading pane", SEARCH: "Search box",
         READING: "List or reading pane", SIDEBAR: "Sidebar"}


def _keys_text(window, spec) -> str:
    action = window.actions_by_name[spec.name]
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()) or "—"


class HelpOverlay(QDialog):
    """Every action with its keys and where they work; type to filter, Esc closes."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("Keyboard help")
        self.setObjectName("helpOverlay")
        self.resize(760, 600)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to find an action…")
        self.filter.setAccessibleName("Filter actions")
        self.table = QTableWidget(len(ACTIONS), 3, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        self.table.setAccessibleName("Actions and their keys")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, spec in enumerate(ACTIONS):
            self.table.setItem(row, 0, QTableWidgetItem(spec.help))
            self.table.setItem(row, 1, QTableWidgetItem(_keys_text(window, spec)))
            self.table.setItem(row, 2, QTableWidgetItem(WHERE[spec.context]))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        note = QLabel("Letters work in the article list and the reading pane, never while you type in a text box. "
                      "Change any key in Edit → Keyboard Shortcuts.", self)
        note.setWordWrap(True)
        layout.addWidget(note)
        self.filter.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        t = text.lower()
        for row in range(self.table.rowCount()):
            hay = " ".join(self.table.item(row, c).text().lower() for c in range(3))
            self.table.setRowHidden(row, bool(t) and t not in hay)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]


class ShortcutsDialog(QDialog):
    """Rebind any action: choose it, press the new keys; a clash is refused with its reason."""

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(760, 600)
        self.table = QTableWidget(len(ACTIONS), 3, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.editor = QKeySequenceEdit(self)
        self.editor.setAccessibleName("New keys for the selected action")
        self.assign = QPushButton("&Assign", self)
        self.reset = QPushButton("&Default", self)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("New keys:", self))
        row.addWidget(self.editor)
        row.addWidget(self.assign)
        row.addWidget(self.reset)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.assign.clicked.connect(self.assign_current)
        self.reset.clicked.connect(self.reset_current)
        self.refresh()
        self.table.selectRow(0)

    def refresh(self) -> None:
        for r, spec in enumerate(ACTIONS):
            self.table.setItem(r, 0, QTableWidgetItem(spec.help))
            self.table.setItem(r, 1, QTableWidgetItem(_keys_text(self.window_, spec)))
            self.table.setItem(r, 2, QTableWidgetItem(WHERE[spec.context]))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    def current_spec(self):
        row = self.table.currentRow()
        return ACTIONS[row] if 0 <= row < len(ACTIONS) else None

    def set_keys(self, spec, keys: tuple[str, ...]) -> bool:
        """Bind `keys` to the action unless they clash; say what happened."""
        proposed = dict(self.window_._overrides)
        proposed[spec.name] = keys
        try:
            check_conflicts(ACTIONS, lambda a: proposed.get(a.name, a.keys))
        except ShortcutConflict as e:
            self.message.setText(f"Not changed: {e}.")
            return False
        self.window_.rebind(spec.name, keys)
        self.message.setText(f"“{spec.help}” now: {', '.join(keys) or 'no keys'}.")
        self.refresh()
        return True

    def assign_current(self) -> None:
        spec = self.current_spec()
        if spec is None:
            return
        seq = self.editor.keySequence().toString(QKeySequence.SequenceFormat.PortableText)
        self.set_keys(spec, tuple(k for k in seq.split(", ") if k))

    def reset_current(self) -> None:
        spec = self.current_spec()
        if spec is not None:
            self.window_.rebind(spec.name, None)
            self.message.setText(f"“{spec.help}” is back to {', '.join(spec.keys) or 'no keys'}.")
            self.refresh()


__all__ = ["HelpOverlay", "ShortcutsDialog", "Qt"]
