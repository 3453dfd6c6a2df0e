"""Notices when another process (the CLI, another window) changed the library file."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reader.library import Library


class LibraryWatcher(QObject):
    """Polls `PRAGMA data_version` (about a microsecond, no disk read) and emits `changed`
    when another connection committed to the library since the last look.

    The window's own writes on its connection do not count; those of its worker threads,
    which open their own connections, do (a harmless extra refresh)."""

    changed = Signal()

    def __init__(self, library: Library, interval_ms: int = 1500, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self._version = library.data_version()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> bool:
        """Look now; True (and `changed` emitted) when the file changed."""
        try:
            version = self.library.data_version()
        except Exception:  # a closed, vanished or damaged library: nothing to refresh from
            return False
        if version == self._version:
            return False
        self._version = version
        self.changed.emit()
        return True

    def stop(self) -> None:
        self.timer.stop()
