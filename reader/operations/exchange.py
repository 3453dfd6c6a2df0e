"""Whole-library exchange: one JSON file with every article, its original bytes, tags and state."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from reader.errors import InputError
from reader.library import Library
from reader.model import Block, Cleaned, Original, Quote
from reader.operations.importing import ImportReport

FORMAT = "reader-export"
VERSION = 1


def article_record(library: Library, article_id: int) -> dict:
    a = library.get(article_id, with_original=True)
    return {
        "id": a.id,
        "title": a.title,
        "source": a.source,
        "author": a.author,
        "published": a.published,
        "url": a.url,
        "imported_at": a.imported_at,
        "reading_time": a.reading_time,
        "is_read": a.is_read,
        "starred": a.starred,
        "read_position": library.read_position(article_id),
        "tags": a.tags,
        "blocks": [b.to_dict() for b in a.blocks],
        "removed": [b.to_dict() for b in a.removed],
        "quotes": [q.to_dict() for q in a.quotes],
        "cleaner_version": a.cleaner_version,
        "resources": {name: base64.b64encode(data).decode("ascii") for name, data in library.resources(article_id).items()},
        "original": {
            "base64": base64.b64encode(a.original.data).decode("ascii"),
            "format": a.original.format,
            "encoding": a.original.encoding,
            "name": a.original.name,
            "sha256": a.content_hash,
        },
    }


def export_json(library: Library, ids: Iterable[int], path: Path,
                progress: Callable[[int, int, str], None] | None = None) -> int:
    """Write the articles to one JSON file (originals as base64: nothing is lost); returns the count."""
    ids = list(ids)
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps({"format": FORMAT, "version": VERSION, "count": len(ids)})[:-1] + ', "articles": [\n')
        for n, article_id in enumerate(ids):
            f.write(("," if n else "") + json.dumps(article_record(library, article_id), ensure_ascii=False) + "\n")
            if progress is not None and n % 50 == 0:
                progress(n, len(ids), "")
        f.write("]}\n")
    tmp.replace(path)  # a half-written export never takes the name
    return len(ids)


def is_export(data: bytes) -> bool:
    head = data[:200].lstrip()
    return head.startswith(b"{") and FORMAT.encode() in head


def import_json(library: Library, data: bytes, name: str, report: ImportReport | None = None) -> ImportReport:
    """Bring back an export: every article with its original, tags, flags and reading position;
    articles whose original bytes are already in the library are reported as duplicates."""
    report = report if report is not None else ImportReport()
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise ValueError("not a Reader export")
        records = doc["articles"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as e:
        report.failed.append((name, f"not a Reader export file ({e})"))
        return report
    for n, r in enumerate(records):
        label = f"{name} #{n + 1}"
        try:
            o = r["original"]
            original = Original(data=base64.b64decode(o["base64"], validate=True), format=o.get("format", "text"),
                                encoding=o.get("encoding", ""), name=o.get("name", ""))
            cleaned = Cleaned(
                title=r["title"],
                blocks=[Block.from_dict(b) for b in r.get("blocks", [])],
                removed=[Block.from_dict(b) for b in r.get("removed", [])],
                source=r.get("source", ""), author=r.get("author", ""), published=r.get("published", ""),
                reading_time=r.get("reading_time"), url=r.get("url", ""),
            )
            quotes = [Quote.from_dict(q) for q in r.get("quotes", [])]
            resources = {str(k): base64.b64decode(v, validate=True) for k, v in (r.get("resources") or {}).items()}
        except (KeyError, TypeError, ValueError) as e:
            report.failed.append((label, f"damaged entry ({e})"))
            continue
        with library.batch():
            result = library.add(cleaned, original, tags=r.get("tags", []), quotes=quotes,
                                 cleaner_version=int(r.get("cleaner_version", 0)), resources=resources)
            if result.duplicate:
                report.duplicates.append((label, result.id))
                continue
            if r.get("is_read"):
                library.set_read([result.id])
            if r.get("starred"):
                library.set_starred([result.id])
            if r.get("read_position"):
                library.set_read_position(result.id, float(r["read_position"]))
        report.imported.append(result.id)
    return report


def import_json_file(library: Library, path: Path, report: ImportReport | None = None) -> ImportReport:
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from None
    return import_json(library, data, str(path), report)
