"""The sample articles a new library starts with, added once and tagged `sample`."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library
from reader.paths import RESOURCES

SAMPLES_DIR = RESOURCES / "samples"
SEEDED_KEY = "samples_added"


def add_samples_once(library: Library, folder: Path = SAMPLES_DIR):
    """On a library's first start, add the bundled samples; never again once done."""
    if library.readonly or library.get_meta(SEEDED_KEY) or not library.is_empty():
        return None
    from reader.operations.importing import ImportReport, import_bytes  # only paid on a first start

    report = ImportReport()
    for path in sorted(folder.glob("*.txt")):
        import_bytes(library, path.read_bytes(), path.name, tags=["sample"], report=report)
    library.set_meta(SEEDED_KEY, "1")
    return report
