"""Importing files, folders and pasted text into a library, with a report and a cancel."""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader import ingest, quotes
from reader.errors import InputError
from reader.library import Library, content_hash
from reader.model import HEADING, ITEM, PARAGRAPH, Cleaned, Original, Quote

MAX_IMPORT_BYTES_KEY = "max_import_bytes"
# The crash test shortens it to get many commits per import (see tests/reliability).
BATCH_SECONDS = float(os.environ.get("READER_IMPORT_BATCH_SECONDS", "0.5"))

log = logging.getLogger("reader")

# A time cap per document. Cleaning and quote finding are pure Python regular expressions,
# which no thread can interrupt, so inputs big or oddly shaped enough to be slow are cleaned
# in a worker process that is killed past CAP_SECONDS (the text is then kept as it is).
# Ordinary articles stay in-process: a worker round-trip costs ~10-15 ms (after ~250 ms to
# start the fork server once), more than cleaning a small article.
CAP_SECONDS = 20.0
ISOLATE_BYTES = 256 * 1024  # text and Markdown over this go to the worker...
ISOLATE_HTML_BYTES = 1024 * 1024  # ...HTML over this (pages are bigger for the same text)
ISOLATE_LINE_BYTES = 20_000  # ...and text with a line longer than this
ISOLATE_LINES = 5_000  # ...or with more lines than this

# Names that are never articles: folders of saved pages' assets, editor and OS droppings.
_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class ImportReport:
    """What one batch did: imported ids, duplicates skipped and failures with their reasons."""

    imported: list[int] = field(default_factory=list)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (name, existing id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    notices: list[tuple[str, str]] = field(default_factory=list)  # (name, notice)
    cancelled: bool = False

    def lines(self) -> list[str]:
        """One line per duplicate, failure and notice, for the CLI and the report dialog."""
        out = [f"{name}: already in the library (article {i}), skipped" for name, i in self.duplicates]
        out += [f"{name}: {reason}" for name, reason in self.failed]
        out += [f"{name}: {notice}" for name, notice in self.notices]
        return out

    def summary(self) -> str:
        s = f"{len(self.imported)} imported, {len(self.duplicates)} duplicates skipped, {len(self.failed)} failed"
        return s + (" (cancelled)" if self.cancelled else "")


def max_import_bytes(library: Library) -> int:
    value = library.get_meta(MAX_IMPORT_BYTES_KEY)
    return int(value) if value and value.isdigit() else ingest.MAX_BYTES


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and every file below folders named (recursively, in name order)."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.endswith("_files"))
                for name in sorted(files):
                    if name not in _SKIP_NAMES and not name.startswith("."):
                        yield Path(root) / name
        else:
            yield p


def article_quotes(cleaned: Cleaned):
    """Direct quotes of the headline and the body text blocks (never of cut boilerplate)."""
    indexed = [(i, b.text) for i, b in enumerate(cleaned.blocks) if b.kind in (PARAGRAPH, HEADING, ITEM)]
    found = quotes.find_article_quotes(cleaned.title, [t for _, t in indexed])
    out = []
    for q in found:
        if q.block is not None and q.block >= 0:
            q = Quote(q.start, q.end, q.speaker, q.mention, q.speaker_start, q.speaker_end, indexed[q.block][0])
        out.append(q)
    return out


def clean_document(data: bytes, name: str, max_bytes: int = ingest.MAX_BYTES, *, cap: float | None = None):
    """(Cleaned, Original, quotes) for one input within the time cap; InputError when it
    cannot be an article. Slow-looking inputs are cleaned in a worker process."""
    if needs_isolation(data, name):
        return _clean_isolated(data, name, max_bytes, CAP_SECONDS if cap is None else cap)
    return _clean_here(data, name, max_bytes)


def needs_isolation(data: bytes, name: str = "") -> bool:
    """Whether an input is big or oddly shaped enough to risk a slow cleaning."""
    if data[:2] == ingest.GZIP_MAGIC:
        return True  # its real size is known only once decompressed
    if ingest.sniff_format(data, name) == "html":
        return len(data) > ISOLATE_HTML_BYTES
    if len(data) > ISOLATE_BYTES or data.count(b"\n") > ISOLATE_LINES:
        return True
    if len(data) <= ISOLATE_LINE_BYTES:  # no line can be longer than the whole (most articles)
        return False
    return max(map(len, data.split(b"\n"))) > ISOLATE_LINE_BYTES  # data is under 256 KB here


def _clean_here(data: bytes, name: str, max_bytes: int):
    cleaned, original = ingest.ingest(data, name, max_bytes)
    try:
        found = article_quotes(cleaned)
    except Exception:  # a bug in the quote finder must not cost the user the article
        log.exception("finding quotes in %s failed; stored without quotes", name)
        found = []
    return cleaned, original, found


class _CleaningWorker:
    """One long-lived helper process that cleans documents sent to it (length-prefixed
    pickles over its stdin and stdout), killed and restarted when one goes past the cap.

    A plain `python -c` child rather than multiprocessing: no fork of the window's threads,
    no re-import of the __main__ module, one start-up (~0.3 s, at the first big input)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        root = str(Path(__file__).resolve().parents[2])
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)}
        return subprocess.Popen(
            [sys.executable, "-c", "from reader.operations.importing import serve_cleaning; serve_cleaning()"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, close_fds=True)

    def run(self, data: bytes, name: str, max_bytes: int, cap: float):
        """The worker's answer, or None when it took longer than `cap` or died."""
        with self.lock:
            try:
                if self.proc is None or self.proc.poll() is not None:
                    self._reap()
                    self.proc = self._start()
                    # Its imports do not count against the document's cap.
                    if _receive(self.proc.stdout, time.monotonic() + _START_SECONDS) != "ready":
                        raise EOFError
                _send(self.proc.stdin, (data, name, max_bytes))
                return _receive(self.proc.stdout, time.monotonic() + cap)
            except (OSError, EOFError, pickle.UnpicklingError, TimeoutError, struct.error):
                self._reap()
                return None

    def _reap(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for f in (proc.stdin, proc.stdout):
                with contextlib.suppress(OSError):
                    f.close()

    def close(self) -> None:
        with self.lock:
            self._reap()


_START_SECONDS = 30.0  # for the worker's own start-up (imports), before any document
_WORKER = _CleaningWorker()
atexit.register(_WORKER.close)


def _send(stream, obj) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(payload)) + payload)
    stream.flush()


def _read_exactly(fd: int, n: int, deadline: float | None) -> bytes:
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError
        chunk = os.read(fd, min(n - got, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _receive(stream, deadline: float | None):
    fd = stream.fileno()
    (size,) = struct.unpack(">Q", _read_exactly(fd, 8, deadline))
    return pickle.loads(_read_exactly(fd, size, deadline))


def serve_cleaning() -> None:
    """The worker's loop: documents in on stdin, (kind, result) out on stdout, until EOF."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the answers
    import reader.ingest.html  # noqa: F401 - loaded before "ready", outside any document's cap

    _send(stdout, "ready")
    while True:
        try:
            data, name, max_bytes = _receive(stdin, None)
        except EOFError:
            return
        try:
            answer = ("ok", _clean_here(data, name, max_bytes))
        except InputError as e:
            answer = ("input", (e.name, e.problem))
        except Exception as e:  # noqa: BLE001 - reported to the parent, which keeps the text
            answer = ("bug", repr(e))
        _send(stdout, answer)


def _clean_isolated(data: bytes, name: str, max_bytes: int, cap: float):
    outcome = _WORKER.run(data, name, max_bytes, cap)
    if outcome is not None and outcome[0] == "ok":
        return outcome[1]
    if outcome is not None and outcome[0] == "input":
        raise InputError(*outcome[1])
    reason = f"took longer than {cap:.0f} s" if outcome is None else f"failed ({outcome[1]})"
    log.warning("cleaning %s %s; keeping its text as it is", name, reason)
    return _keep_as_is(data, name, max_bytes, reason)


def _keep_as_is(data: bytes, name: str, max_bytes: int, reason: str):
    """The fallback past the cap: the text as it is, no quotes, with a notice."""
    if data[:2] == ingest.GZIP_MAGIC:
        text_bytes = ingest.gunzip(data, name, max_bytes)
    else:
        text_bytes = data
    fmt = ingest.sniff_format(text_bytes, name)
    text, encoding = ingest.decode_text(text_bytes, name)
    cleaned = ingest.keep_everything(text, "text")  # html_to_text could be the slow part
    cleaned.notices = [f"Cleaning this file {reason}; its text was kept as it is, without quotes."]
    if not cleaned.title:
        cleaned.title = ingest.fallback_title(name)
    if text_bytes is not data:
        encoding = f"gzip+{encoding}"
    return cleaned, Original(data=data, format=fmt, encoding=encoding, name=name), []


@dataclass
class _Prepared:
    """One input cleaned and ready to store (the slow part, done outside any transaction)."""

    name: str
    cleaned: Cleaned
    original: Original
    quotes: list
    resources: dict = field(default_factory=dict)  # images the saved page had on disk


def _prepare(library: Library, data: bytes, name: str, report: ImportReport, max_bytes: int,
             url: str = "") -> _Prepared | None:
    """Clean one input; None (and the report told) when it is a duplicate or cannot be an article."""
    try:
        existing = library.find_by_hash(content_hash(data))
        if existing is not None:
            report.duplicates.append((name, existing))
            return None
        cleaned, original, found = clean_document(data, name, max_bytes)
    except InputError as e:
        report.failed.append((name, e.problem))
        return None
    if url and not cleaned.url:
        cleaned.url = url
    return _Prepared(name, cleaned, original, found)


def _store(library: Library, item: _Prepared, tags: list[str], report: ImportReport) -> None:
    result = library.add(
        item.cleaned,
        item.original,
        tags=tags,
        quotes=item.quotes,
        cleaner_version=ingest.CLEANER_VERSION,
        quotes_version=quotes.QUOTES_VERSION,
        resources=item.resources,
    )
    if result.duplicate:  # the same bytes twice in one batch, or stored meanwhile by another process
        report.duplicates.append((item.name, result.id))
    else:
        report.imported.append(result.id)
        report.notices.extend((item.name, n) for n in item.cleaned.notices)


def import_bytes(
    library: Library,
    data: bytes,
    name: str,
    *,
    tags: Iterable[str] = (),
    report: ImportReport | None = None,
    url: str = "",
    max_bytes: int | None = None,
) -> ImportReport:
    """Clean and store one input already in memory (a file's bytes, a paste, a download)."""
    report = report if report is not None else ImportReport()
    item = _prepare(library, data, name, report, max_bytes or max_import_bytes(library), url)
    if item is not None:
        _store(library, item, list(tags), report)
    return report


def read_input_file(path: Path, limit: int) -> bytes:
    """The bytes of one file, or an InputError naming it and saying what is wrong."""
    name = str(path)
    try:
        f = open(path, "rb")
    except OSError:
        # Asked why only when opening fails: one system call for the usual file, where the
        # checks below (link, exists, folder, size) used to come first, for every file.
        _say_why_unreadable(path, limit)
        raise  # pragma: no cover - the checks above raise
    try:
        with f:
            size = os.fstat(f.fileno()).st_size
            _check_size(name, size, limit)
            # read(limit + 1) at once allocates the whole limit (50 MB) before reading: sized
            # by the file instead, reading on (up to the same limit) only if it grew meanwhile.
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(limit + 1 - len(data))
            return data
    except PermissionError:
        raise InputError(name, "permission denied: the file cannot be read") from None
    except OSError as e:
        raise InputError(name, f"cannot be read ({e.strerror or e})") from None


def _say_why_unreadable(path: Path, limit: int) -> None:
    """The InputError for a file that would not open, checked in the order a user thinks."""
    name = str(path)
    try:
        if path.is_symlink() and not path.exists():
            raise InputError(name, "broken link: the file it points to does not exist")
        if not path.exists():
            raise InputError(name, "no such file")
        if path.is_dir():
            raise InputError(name, "is a folder")
        _check_size(name, path.stat().st_size, limit)
        with open(path, "rb"):
            pass
    except PermissionError:
        raise InputError(name, "permission denied: the file cannot be read") from None
    except OSError as e:
        raise InputError(name, f"cannot be read ({e.strerror or e})") from None
    raise InputError(name, "cannot be read")  # it opened this time: the file changed meanwhile


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(name, f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit")


IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
MAX_IMAGE_BYTES = 20 * 2**20


def page_images(cleaned: Cleaned, page: Path) -> dict[str, bytes]:
    """The images of a saved page found on disk beside it (its "_files" folder), by the name
    the page uses.  Only raster images inside the page's own folder are read: a link that
    climbs out of it, a web address or anything that is not an image is left alone."""
    from urllib.parse import unquote, urlsplit

    from reader.model import IMAGE

    folder = page.resolve().parent
    found: dict[str, bytes] = {}
    for block in cleaned.blocks:
        if block.kind != IMAGE or not block.src or block.src in found:
            continue
        parts = urlsplit(block.src)
        if parts.scheme or parts.netloc:
            continue
        target = (folder / unquote(parts.path)).resolve()
        try:
            if folder not in target.parents or not target.is_file() or target.stat().st_size > MAX_IMAGE_BYTES:
                continue
            data = target.read_bytes()
        except OSError:
            continue
        if data.startswith(IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
            found[block.src] = data
    return found


def _is_reader_export(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    try:
        with open(path, "rb") as f:
            head = f.read(200)
    except OSError:
        return False
    from reader.operations.exchange import is_export

    return is_export(head)


def import_paths(
    library: Library,
    paths: Iterable[str | Path],
    *,
    tags: Iterable[str] = (),
    progress: Callable[[int, int, str], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import files and folders; each bad file is reported and the rest of the batch goes on."""
    report = ImportReport()
    files = list(iter_input_files(paths))
    limit = max_import_bytes(library)
    tags = list(tags)
    n = 0
    while n < len(files):
        # Files are stored in batches, one transaction each (a commit per file costs more than
        # cleaning a small one); a batch closes after BATCH_SECONDS so other processes and the
        # window see new articles soon, and a cancel or a crash loses at most that batch,
        # never half an article.
        #
        # The batch is cleaned first, with no lock held, and then written in one short
        # transaction (milliseconds): a writer holding the lock for the whole batch starved
        # the window's own writes (SQLite's busy handler backs off to 100 ms polls and
        # missed the instant between one batch's COMMIT and the next BEGIN: 730 ms waits).
        deadline = time.monotonic() + BATCH_SECONDS
        ready: list[_Prepared] = []
        while n < len(files) and time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
            path = files[n]
            if progress is not None:
                progress(n, len(files), str(path))
            n += 1
            if _is_reader_export(path):
                # A whole-library export: many articles with their originals, not one article,
                # so the one-article size limit does not apply to it.
                from reader.operations.exchange import import_json_file

                try:
                    import_json_file(library, path, report)
                except InputError as e:
                    report.failed.append((e.name, e.problem))
                continue
            try:
                data = read_input_file(path, limit)
            except InputError as e:
                report.failed.append((e.name, e.problem))
                continue
            item = _prepare(library, data, str(path), report, limit)
            if item is not None:
                if item.original.format == "html":
                    item.resources = page_images(item.cleaned, path)
                ready.append(item)
        if ready:
            with library.batch():
                for item in ready:
                    _store(library, item, tags, report)
        if report.cancelled:
            break
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report
