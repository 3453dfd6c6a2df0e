"""The JSON export brings every article back, with its original, tags, flags and reading place."""

from __future__ import annotations

import json

from reader.library import Library
from reader.operations import add_samples_once, import_bytes
from reader.operations.exchange import export_json, import_json


def _state(lib: Library) -> list[tuple]:
    out = []
    for i in lib.article_ids():
        a = lib.get(i, with_original=True)
        out.append((a.title, a.source, a.author, a.published, a.url, tuple(a.tags), a.is_read, a.starred,
                    round(lib.read_position(i), 6), tuple(a.blocks), tuple(a.removed),
                    tuple((q.block, q.start, q.end, q.speaker) for q in a.quotes),
                    a.original.data, a.original.format, a.original.encoding, a.content_hash))
    return sorted(out)


def test_json_round_trip_reproduces_everything(library, tmp_path):
    add_samples_once(library)
    cp1251 = "Мэр открыл новый мост\n\nМост соединил два берега реки.".encode("cp1251")
    import_bytes(library, cp1251, "bridge-ru.txt")
    ids = library.article_ids()
    library.tag(ids[:2], add=["Politics/UK", "must read"])
    library.set_read(ids[1:3])
    library.set_starred([ids[0], ids[3]])
    library.set_read_position(ids[2], 0.42)
    out = tmp_path / "export.json"
    assert export_json(library, ids, out) == len(ids)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "reader-export" and len(doc["articles"]) == len(ids)

    with Library.open(tmp_path / "other.sqlite") as other:
        report = import_json(other, out.read_bytes(), str(out))
        assert len(report.imported) == len(ids) and not report.failed
        assert _state(other) == _state(library)
        again = import_json(other, out.read_bytes(), str(out))
        assert again.imported == [] and len(again.duplicates) == len(ids)
        assert other.check_integrity() == []


def test_a_damaged_export_is_reported_not_half_imported(library, tmp_path):
    bad = b'{"format": "reader-export", "version": 1, "articles": [{"title": "x", "original": {"base64": "***"}}]}'
    report = import_json(library, bad, "bad.json")
    assert report.failed and "damaged entry" in report.failed[0][1]
    assert library.count() == 0
    assert import_json(library, b"not json", "notes.json").failed[0][1].startswith("not a Reader export file")
