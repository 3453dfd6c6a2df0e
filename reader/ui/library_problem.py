"""The dialog shown when the library cannot be opened: explain, offer a backup or a new library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.operations.backup import BackupFile


class LibraryProblemDialog(QDialog):
    """Says what is wrong with the library file and lets the user choose what to do.

    After exec(), `choice` is "backup" (with `backup` the chosen file), "new" or "quit".
    Nothing here touches a file: the caller acts on the choice."""

    def __init__(self, path: Path, problem: str, backups: list[BackupFile], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryProblem")
        self.setWindowTitle("Reader cannot open the library")
        self.choice = "quit"
        self.backup: Path | None = None
        layout = QVBoxLayout(self)
        text = QLabel(
            f"<p><b>Reader cannot open the library</b><br>{_escape(str(path))}</p>"
            f"<p>{_escape(problem)}</p>"
            "<p>The file is kept exactly as it is. You can open one of its backups, "
            "or start a new, empty library.</p>"
        )
        text.setObjectName("problemText")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(text)
        self.backups = QListWidget()
        self.backups.setObjectName("backupList")
        self.backups.setAccessibleName("Backups, newest first")
        for b in backups:  # already newest first
            item = QListWidgetItem(b.describe())
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            item.setToolTip(str(b.path))
            self.backups.addItem(item)
        if backups:
            self.backups.setCurrentRow(0)
            layout.addWidget(QLabel(f"Backups in {_escape(str(backups[0].path.parent))}, newest first:"))
            layout.addWidget(self.backups)
        else:
            self.backups.hide()
            layout.addWidget(QLabel("There are no backups of this library."))
        buttons = QDialogButtonBox()
        self.open_backup = QPushButton("Open a Backup…")
        self.open_backup.setObjectName("openBackup")
        self.open_backup.setEnabled(bool(backups))
        self.new_library = QPushButton("Start a New Library")
        self.new_library.setObjectName("newLibrary")
        self.quit = QPushButton("Quit")
        self.quit.setObjectName("quit")
        buttons.addButton(self.open_backup, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.new_library, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit, QDialogButtonBox.ButtonRole.RejectRole)
        self.open_backup.clicked.connect(self._choose_backup)
        self.new_library.clicked.connect(self._choose_new)
        self.quit.clicked.connect(self.reject)
        self.backups.itemDoubleClicked.connect(lambda _item: self._choose_backup())
        layout.addWidget(buttons)
        (self.open_backup if backups else self.new_library).setDefault(True)

    def _choose_backup(self) -> None:
        item = self.backups.currentItem()
        if item is None:
            return
        self.choice, self.backup = "backup", Path(item.data(Qt.ItemDataRole.UserRole))
        self.accept()

    def _choose_new(self) -> None:
        self.choice = "new"
        self.accept()

    def reject(self) -> None:  # Escape and the window's close button mean Quit
        self.choice = "quit"
        super().reject()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
