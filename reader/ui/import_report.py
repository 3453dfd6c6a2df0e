"""The report at the end of an import: what came in, what was already there, what failed and why."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout


class ImportReportDialog(QDialog):
    """Imported, duplicates skipped, failed (each file with its reason); Show filters the list."""

    showRequested = Signal(list)

    def __init__(self, report, parent=None):
        super().__init__(parent)
        self.report = report
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        self.setObjectName("importReport")
        self.resize(640, 400)
        layout = QVBoxLayout(self)
        self.summary = QLabel(report.summary().capitalize() + ".", self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QListWidget(self)
        self.problems.setAccessibleName("Files not imported and why")
        for line in report.lines():
            self.problems.addItem(line)
        if report.lines():
            layout.addWidget(QLabel("Details:", self))
            layout.addWidget(self.problems)
        else:
            self.problems.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button = buttons.addButton("Show imported articles", QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button.setEnabled(bool(report.imported))
        self.show_button.clicked.connect(self._show)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _show(self) -> None:
        self.showRequested.emit(list(self.report.imported))
        self.accept()
