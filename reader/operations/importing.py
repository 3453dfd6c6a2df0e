"""Importing files, folders and pasted text into a library, with a report and a cancel."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader import ingest, quotes
from reader.errors import InputError
from reader.library import Library, content_hash
from reader.model import PARAGRAPH, HEADING, Cleaned

MAX_IMPORT_BYTES_KEY = "max_import_bytes"
# The crash test shortens it to get many commits per import (see tests/reliability).
BATCH_SECONDS = float(os.environ.get("READER_IMPORT_BATCH_SECONDS", "0.5"))

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
    indexed = [(i, b.text) for i, b in enumerate(cleaned.blocks) if b.kind in (PARAGRAPH, HEADING)]
    found = quotes.find_article_quotes(cleaned.title, [t for _, t in indexed])
    out = []
    for q in found:
        if q.block is not None and q.block >= 0:
            q = type(q)(**{**q.to_dict(), "block": indexed[q.block][0]})
        out.append(q)
    return out


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
    try:
        existing = library.find_by_hash(content_hash(data))
        if existing is not None:
            report.duplicates.append((name, existing))
            return report
        cleaned, original = ingest.ingest(data, name, max_bytes or max_import_bytes(library))
        if url and not cleaned.url:
            cleaned.url = url
        result = library.add(
            cleaned,
            original,
            tags=list(tags),
            quotes=article_quotes(cleaned),
            cleaner_version=ingest.CLEANER_VERSION,
            quotes_version=quotes.QUOTES_VERSION,
        )
    except InputError as e:
        report.failed.append((name, e.problem))
        return report
    if result.duplicate:
        report.duplicates.append((name, result.id))
    else:
        report.imported.append(result.id)
        report.notices.extend((name, n) for n in cleaned.notices)
    return report


def read_input_file(path: Path, limit: int) -> bytes:
    """The bytes of one file, or an InputError naming it and saying what is wrong."""
    name = str(path)
    try:
        if path.is_symlink() and not path.exists():
            raise InputError(name, "broken link: the file it points to does not exist")
        if not path.exists():
            raise InputError(name, "no such file")
        if path.is_dir():
            raise InputError(name, "is a folder")
        size = path.stat().st_size
        if size > limit:
            raise InputError(name, f"file is {size / 2**20:.1f} MB, over the {limit / 2**20:.0f} MB limit")
        with open(path, "rb") as f:
            return f.read(limit + 1)
    except PermissionError:
        raise InputError(name, "permission denied: the file cannot be read") from None
    except OSError as e:
        raise InputError(name, f"cannot be read ({e.strerror or e})") from None


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
        deadline = time.monotonic() + BATCH_SECONDS
        with library.batch():
            while n < len(files) and time.monotonic() < deadline:
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                path = files[n]
                if progress is not None:
                    progress(n, len(files), str(path))
                n += 1
                try:
                    data = read_input_file(path, limit)
                except InputError as e:
                    report.failed.append((e.name, e.problem))
                    continue
                import_bytes(library, data, str(path), tags=tags, report=report, max_bytes=limit)
        if report.cancelled:
            break
    if progress is not None and not report.cancelled:
        progress(len(files), len(files), "")
    return report
