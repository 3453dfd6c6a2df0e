"""Opening the main window as a user finds it: shown, active, the article list focused."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow


def open_window(qtbot, library, settings, size=None) -> MainWindow:
    w = MainWindow(library, settings)
    qtbot.addWidget(w)
    if size:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.list)
    return w
