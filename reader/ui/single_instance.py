"""One window per library: a second launch hands its files to the running window over a local socket."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, Signal


def server_name(library_path: Path) -> str:
    """A name unique to the library file: a socket path on Unix, a pipe name on Windows."""
    digest = hashlib.sha1(str(Path(library_path).resolve()).encode("utf-8")).hexdigest()[:16]
    if sys.platform == "win32":
        return f"reader-{digest}"
    folder = Path(platformdirs.user_runtime_dir("Reader", appauthor=False, ensure_exists=True))
    return str(folder / f"library-{digest}.sock")


def hand_over(library_path: Path, files: list[str], timeout_ms: int = 2000) -> bool:
    """If a window is open on this library, give it the files (and bring it forward); True if
    it took them.  Costs almost nothing when no window is open (no socket file)."""
    name = server_name(library_path)
    if sys.platform != "win32" and not os.path.exists(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write((json.dumps({"files": files}) + "\n").encode("utf-8"))
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    ok = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return ok


class InstanceServer(QObject):
    """Listens for later launches on the same library and passes on the files they bring."""

    filesReceived = Signal(list)

    def __init__(self, library_path: Path, parent=None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self._name = server_name(library_path)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self._name):
            # A socket left by a crashed run: nobody answered hand_over, so it is stale.
            QLocalServer.removeServer(self._name)
            self._server.listen(self._name)
        self._server.newConnection.connect(self._accept)

    def is_listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            conn.readyRead.connect(lambda c=conn: self._read(c))

    def _read(self, conn) -> None:
        if not conn.canReadLine():
            return
        try:
            message = json.loads(bytes(conn.readLine().data()).decode("utf-8"))
            files = [str(f) for f in message.get("files", [])]
        except (ValueError, AttributeError):
            conn.write(b"error\n")
            conn.disconnectFromServer()
            return
        conn.write(b"ok\n")
        conn.flush()
        conn.disconnectFromServer()
        self.filesReceived.emit(files)

    def close(self) -> None:
        self._server.close()
