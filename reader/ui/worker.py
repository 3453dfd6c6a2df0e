"""Long operations off the GUI thread: imports run in a QThread with their own connection."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from reader.library import Library


class ImportWorker(QObject):
    """Imports paths into the library at `library_path`; reports progress and the result by signal."""

    progress = Signal(int, int, str)  # done, total, current file
    finished = Signal(object)  # reader.operations.ImportReport
    failed = Signal(str)

    def __init__(self, library_path: Path, paths: list[str], tags: list[str] | None = None):
        super().__init__()
        self._library_path = library_path
        self._paths = paths
        self._tags = tags or []
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        from reader.operations import import_paths

        try:
            # SQLite connections belong to one thread: the worker opens its own (WAL lets
            # the window keep reading meanwhile).
            with Library.open(self._library_path) as library:
                report = import_paths(
                    library, self._paths, tags=self._tags,
                    progress=self.progress.emit,
                    cancelled=self._cancel.is_set,
                )
        except Exception as e:  # reported to the window, which decides how to show it
            self.failed.emit(str(e))
            return
        self.finished.emit(report)


def start_worker(worker: ImportWorker, parent: QObject) -> QThread:
    """Move a worker to a new thread, start it, and clean both up when it ends."""
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread


__all__ = ["ImportWorker", "start_worker"]
