"""Every way an article gets in: drop, paste, a web address, a second launch (see e2e)."""

from __future__ import annotations

import http.server
import threading

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from reader.operations.fetch import fetch_url, import_url
from reader.errors import InputError
from tests.ui.conftest import open_window
from reader.ui.worker import url_job
from tests.conftest import SAMPLE_TEXT

PAGE = """<!DOCTYPE html><html><head><title>Ferry Strike Ends | Example Gazette</title>
<meta property="og:title" content="Ferry Strike Ends After Ten Days">
<script>document.write('never');</script></head>
<body><nav>Home News Sport</nav><article><h1>Ferry Strike Ends After Ten Days</h1>
<p>Ferry crews returned to work on Monday after a ten-day strike over rosters ended with a new agreement.</p>
<p>"We got the rest days we asked for," said union organiser Mara Lind.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>"""


@pytest.fixture
def window(qtbot, library, settings):
    return open_window(qtbot, library, settings)


@pytest.fixture
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            if self.path == "/ferry":
                body = PAGE.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            elif self.path == "/huge":
                self.send_response(200)
                self.send_header("Content-Length", str(200 * 2**20))
                self.end_headers()
            else:
                self.send_error(404, "Not Found")

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


def drop(w, mime):
    """What a drag from a file manager or a browser delivers: enter, then drop."""
    pos = QPoint(60, 60)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(w, QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def _wait_import(qtbot, w):
    qtbot.waitUntil(lambda: w.last_report is not None and not w.import_running(), timeout=15000)
    report, w.last_report = w.last_report, None
    return report


def test_dropping_a_file_and_text_imports_them(qtbot, window, library, tmp_path):
    f = tmp_path / "bridge.txt"
    f.write_text(SAMPLE_TEXT, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f))])
    drop(window, mime)
    report = _wait_import(qtbot, window)
    assert len(report.imported) == 1
    assert window.article_view.article.title == "Harbour Bridge Reopens After Two Years of Repairs"
    text = QMimeData()
    text.setText("Tram Depot Opens in the East\n\nThe new tram depot opened on Friday with room for forty trams.")
    drop(window, text)
    report = _wait_import(qtbot, window)
    assert library.get(report.imported[0]).title == "Tram Depot Opens in the East"


def test_ctrl_v_in_the_list_imports_the_clipboard(qtbot, window, library):
    QApplication.clipboard().setText(SAMPLE_TEXT)
    qtbot.keyClick(window.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    report = _wait_import(qtbot, window)
    assert len(report.imported) == 1
    original = library.get(report.imported[0], with_original=True).original
    assert original.data == SAMPLE_TEXT.encode("utf-8") and original.name == "clipboard (text)"
    qtbot.keyClick(window.list, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)  # the same again
    assert _wait_import(qtbot, window).duplicates


def test_import_from_a_web_address(qtbot, window, library, server):
    window.start_import(url_job(f"{server}/ferry"), show_first=True)
    report = _wait_import(qtbot, window)
    assert len(report.imported) == 1
    article = library.get(report.imported[0], with_original=True)
    assert article.url == f"{server}/ferry"
    assert article.original.data == PAGE.encode("utf-8") and article.original.format == "html"
    assert "never" not in " ".join(b.text for b in article.blocks)  # the page's script never ran
    assert any("ten-day strike" in b.text for b in article.blocks)


def test_web_address_errors_are_clear(library, server):
    with pytest.raises(InputError, match="answered 404"):
        fetch_url(f"{server}/missing", max_bytes=2**20)
    with pytest.raises(InputError, match="over the 1 MB limit"):
        fetch_url(f"{server}/huge", max_bytes=2**20)
    with pytest.raises(InputError, match="only http"):
        fetch_url("file:///etc/passwd", max_bytes=2**20)
    report = import_url(library, "http://127.0.0.1:9/nothing-listens-here", timeout=2)
    assert report.failed and "cannot reach the site" in report.failed[0][1]
    assert library.count() == 0
