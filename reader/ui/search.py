"""Search as you type: the first screen on the GUI thread at once, the full list from a worker."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from reader.errors import LibraryError
from reader.library import Library, SearchInterrupted

QUERY_HELP = """<b>Search</b> (all words must match; case and accents do not matter)<br/>
<table>
<tr><td><code>climate talks</code></td><td>both words</td></tr>
<tr><td><code>"exact phrase"</code></td><td>the words in this order</td></tr>
<tr><td><code>elect*</code></td><td>words starting with "elect"</td></tr>
<tr><td><code>-word</code>, <code>-tag:x</code></td><td>leave out</td></tr>
<tr><td><code>a OR b</code>, <code>( … )</code></td><td>either; grouping</td></tr>
<tr><td><code>tag:politics/uk</code></td><td>tag, with its sub-tags</td></tr>
<tr><td><code>source:</code> <code>author:</code> <code>title:</code></td><td>words in that field</td></tr>
<tr><td><code>said:Peskov</code></td><td>articles quoting that speaker</td></tr>
<tr><td><code>is:read</code> <code>is:unread</code> <code>is:starred</code></td><td>reading state</td></tr>
<tr><td><code>before:2024-07-01</code> <code>after:</code> <code>date:2024-07</code></td><td>publication date</td></tr>
</table>"""


class SearchWorker(QObject):
    """Computes full result lists on its own read-only connection; only the newest request
    runs, and a newer one interrupts an older one still running."""

    results = Signal(int, object)  # token, list of ids
    _wake = Signal()

    def __init__(self, library_path: Path):
        super().__init__()
        self._path = library_path
        self._library: Library | None = None
        self._lock = threading.Lock()
        self._pending: tuple[int, str, str] | None = None
        self._busy = False
        self._wake.connect(self._process)

    def request(self, token: int, query: str, order: str) -> None:
        """Called from the GUI thread: replace any pending request, stop a running one."""
        with self._lock:
            self._pending = (token, query, order)
            busy = self._busy
        if busy and self._library is not None:
            self._library.interrupt()
        self._wake.emit()

    @Slot()
    def _process(self) -> None:
        with self._lock:
            request, self._pending = self._pending, None
            if request is None:
                return
            self._busy = True
        token, query, order = request
        ids = None
        try:
            if self._library is None:
                self._library = Library.open(self._path, readonly=True)
            ids = self._library.search_ids(query, order)
        except (SearchInterrupted, LibraryError):
            ids = None  # interrupted by a newer query (or the file went away): drop it
        finally:
            with self._lock:
                self._busy = False
        if ids is not None:
            self.results.emit(token, ids)

    def interrupt(self) -> None:
        if self._library is not None:
            self._library.interrupt()

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None


class SearchController(QObject):
    """Turns the search box and the sidebar's filter into the list's contents."""

    searched = Signal(str, int, bool)  # query, matches shown so far, whether that is all of them
    DEBOUNCE_MS = 60

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.library: Library = window.library
        self.model = window.model
        self.text = ""  # what is typed in the box
        self.filter = ""  # what the sidebar selection adds (tags, saved search, is:unread…)
        self.order = "rank"
        self.unread_only = False
        self._token = 0
        self._closed = False
        self.terms: list[str] = []  # words, phrases and prefixes of the query, for highlighting
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(self.DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run)
        self._thread = QThread(self)
        self._worker = SearchWorker(window.library.path)
        self._worker.moveToThread(self._thread)
        self._worker.results.connect(self._full_results)
        self._thread.start()
        # If the window goes away without closing (a crash path, a test), stop the thread
        # first: Qt aborts the process when a running QThread is destroyed.
        thread, worker = self._thread, self._worker
        window.destroyed.connect(lambda *_: (worker.interrupt(), thread.quit(), thread.wait(5000)))

    @property
    def query(self) -> str:
        parts = (self.filter, "is:unread" if self.unread_only else "", self.text)
        return " ".join(p for p in parts if p.strip()).strip()

    def set_unread_only(self, on: bool) -> None:
        self.unread_only = on
        self.run()

    def set_text(self, text: str) -> None:
        self.text = text
        self._debounce.start()

    def set_filter(self, query: str) -> None:
        self.filter = query
        self._debounce.stop()
        self.run()

    def set_order(self, order: str) -> None:
        self.order = order
        self.run()

    def run(self) -> None:
        """Show the first screen of the current query now; the full list follows."""
        self._debounce.stop()
        if self._closed:
            return
        self._token += 1
        query = self.query
        # A new query shows its best match; the full list that follows keeps whatever the
        # user has selected meanwhile.  Clearing the search keeps the article being read.
        keep = None if query else self.window.current_article_id()
        if not query:
            self.terms = []
            self.model.reload()
            self.window.after_search(keep, "", len(self.model.ids()), True)
            return
        from reader.library.search import highlight_terms  # the query language, on first use

        page = self.library.first_page(query, self.order)
        self.terms = highlight_terms(query)
        self.model.set_ids(list(page.ids), query, with_snippets=bool(self.terms))
        done = page.final and page.complete
        if not done:
            self._worker.request(self._token, query, self.order)
        self.window.after_search(keep, query, len(page.ids), done)

    def _full_results(self, token: int, ids: list) -> None:
        if token != self._token:
            return  # an answer to a query the user has already changed
        keep = self.window.current_article_id()
        self.model.set_ids(ids, self.query, with_snippets=bool(self.terms))
        self.window.after_search(keep, self.query, len(ids), True)

    def busy(self) -> bool:
        return self._debounce.isActive()

    def shutdown(self) -> None:
        self._closed = True
        self._debounce.stop()
        self._token += 1
        self._worker.interrupt()
        self._thread.quit()
        self._thread.wait(5000)
        self._worker.close()
