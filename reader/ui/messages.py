"""The one place that tells the user things: fixable problems as messages, bugs with their log."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.errors import UserError

log = logging.getLogger("reader")


def show_error(parent: QWidget | None, text: str, title: str = "Reader") -> None:
    """A problem the user can fix (their file, their disk): said plainly, no traceback."""
    log.warning("%s", text)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessage")
    box.open() if parent is not None else box.exec()


def show_bug(parent: QWidget | None, exc: BaseException) -> None:
    """Our bug: logged with its traceback; the dialog says where the log is."""
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    box = QMessageBox(QMessageBox.Icon.Critical, "Reader: unexpected error",
                      "Something went wrong inside Reader. Your library is unchanged.\n"
                      "Please report this, with the details below.", QMessageBox.StandardButton.Ok, parent)
    box.setDetailedText(details)
    box.open() if parent is not None else box.exec()


def install_excepthook(parent_getter) -> None:
    """Route exceptions escaping Qt slots to the right message instead of a silent abort."""

    def hook(etype, value, tb):
        if isinstance(value, UserError):
            show_error(parent_getter(), str(value))
        elif issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, value, tb)
        else:
            show_bug(parent_getter(), value)

    sys.excepthook = hook
