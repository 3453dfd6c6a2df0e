"""Opening the main window as a user finds it: shown, active, the article list focused."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow


def open_window(qtbot, library, settings, size=None, rederive_stale=False) -> MainWindow:
    # Test articles are often added straight into the library, with no cleaner version:
    # re-deriving them from their made-up originals would change them under the test.
    w = MainWindow(library, settings, rederive_stale=rederive_stale)
    qtbot.addWidget(w)
    if size:
        w.resize(*size)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.list)
    qtbot.waitUntil(lambda: w.ready)
    return w
