"""The use cases the window and the CLI share: import, re-clean, export, first-start samples.

Submodules are imported on first use: the cleaners they pull in cost ~50 ms, which the
window's start-up should not pay when it has nothing to import."""

from __future__ import annotations

import importlib

_EXPORTS = {
    "ImportReport": "reader.operations.importing",
    "import_bytes": "reader.operations.importing",
    "import_paths": "reader.operations.importing",
    "iter_input_files": "reader.operations.importing",
    "add_samples_once": "reader.operations.samples",
    "import_url": "reader.operations.fetch",
    "export_json": "reader.operations.exchange",
    "import_json": "reader.operations.exchange",
    "reclean": "reader.operations.rederive",
    "reclean_stale": "reader.operations.rederive",
    "correct_block": "reader.operations.rederive",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'reader.operations' has no attribute {name!r}")
