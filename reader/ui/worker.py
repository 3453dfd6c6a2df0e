"""Long operations off the GUI thread: each runs in a QThread with its own library connection."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from reader.library import Library

# job(library, progress(done, total, name), cancelled() -> bool) -> result
Job = Callable[[Library, Callable[[int, int, str], None], Callable[[], bool]], object]


class LibraryTask(QObject):
    """Runs one job against the library at `library_path`; reports progress and result by signal."""

    progress = Signal(int, int, str)  # done, total, current item
    finished = Signal(object)  # the job's result
    failed = Signal(str)

    def __init__(self, library_path: Path, job: Job):
        super().__init__()
        self._library_path = library_path
        self._job = job
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            # SQLite connections belong to one thread: the task opens its own (WAL lets
            # the window keep reading meanwhile).
            with Library.open(self._library_path) as library:
                result = self._job(library, self.progress.emit, self._cancel.is_set)
        except Exception as e:  # reported to the window, which decides how to show it
            self.failed.emit(str(e))
            return
        self.finished.emit(result)


def import_job(paths: list[str], tags: list[str] | None = None) -> Job:
    def job(library, progress, cancelled):
        from reader.operations import import_paths

        return import_paths(library, paths, tags=tags or [], progress=progress, cancelled=cancelled)

    return job


def bytes_job(data: bytes, name: str, url: str = "") -> Job:
    def job(library, progress, cancelled):
        from reader.operations import import_bytes

        progress(0, 1, name)
        return import_bytes(library, data, name, url=url)

    return job


def url_job(url: str) -> Job:
    def job(library, progress, cancelled):
        from reader.operations import import_url

        progress(0, 1, url)
        return import_url(library, url)

    return job


def export_json_job(ids: list[int], path: Path) -> Job:
    def job(library, progress, cancelled):
        from reader.operations.exchange import export_json

        return export_json(library, ids, path, progress)

    return job


def export_md_job(ids: list[int], folder: Path) -> Job:
    def job(library, progress, cancelled):
        from reader.operations.export import export_to_folder

        return export_to_folder(library, ids, "md", folder)

    return job


def reclean_stale_job(library, progress, cancelled):
    from reader.operations import reclean_stale

    return reclean_stale(library, progress=progress, cancelled=cancelled)


def start_task(task: LibraryTask, parent: QObject) -> QThread:
    """Move a task to a new thread, start it, and clean both up when it ends."""
    thread = QThread(parent)
    task.moveToThread(thread)
    thread.started.connect(task.run)
    task.finished.connect(thread.quit)
    task.failed.connect(thread.quit)
    thread.finished.connect(task.deleteLater)
    thread.start()
    return thread
