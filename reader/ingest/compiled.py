"""The plain-text cleaner's modules may be compiled to C by mypyc at install time (see setup.py).

A compiled module sits next to its source and Python imports it first, so a source edited
since the build would be ignored. The build therefore records the hash of each source it
compiled (SOURCES_RECORD, next to the compiled modules); `use_sources_if_stale` loads the
sources instead when a build has no record or a source no longer matches it (and says so in
the log) until the next `make` rebuilds them. READER_PURE_PYTHON=1 in the environment also
runs the sources (to compare the two, or to profile the Python).
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("reader")

# (in an order where each imports only those before it; setup.py compiles the same files)
MODULES = ("dates", "linemodel", "captions", "boilerplate", "plaintext")
SOURCES_RECORD = "_compiled_sources.json"  # {module: sha256 of the source compiled}, written by setup.py
_HERE = Path(__file__).resolve().parent
_PACKAGE = __name__.rpartition(".")[0]


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pure_python_asked() -> bool:
    """READER_PURE_PYTHON set to anything but "" or "0"."""
    return os.environ.get("READER_PURE_PYTHON", "") not in ("", "0")


def _builds(name: str, here: Path = _HERE) -> list[Path]:
    return [here / (name + suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES
            if (here / (name + suffix)).exists()]


def stale_modules(here: Path = _HERE) -> list[str]:
    """The compiled modules whose source is not the one they were built from."""
    built = [name for name in MODULES if _builds(name, here)]
    if not built:
        return []
    try:
        record = json.loads((here / SOURCES_RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    return [name for name in built if record.get(name) != source_hash(here / f"{name}.py")]


def use_sources_if_stale() -> None:
    """Load every cleaner module from its source when any build is out of date (they are
    built together, so they are loaded together). Call before they are first imported."""
    pure = pure_python_asked() and any(_builds(name) for name in MODULES)
    stale = [] if pure else stale_modules()
    if not (pure or stale) or any(f"{_PACKAGE}.{name}" in sys.modules for name in MODULES):
        return
    if stale:
        log.warning("the compiled cleaner was built from other sources than these (%s): running the sources; "
                    "`make` rebuilds it", ", ".join(f"{n}.py" for n in stale))
    parent = sys.modules[_PACKAGE]
    loaded: list[str] = []
    try:
        for name in MODULES:
            full = f"{_PACKAGE}.{name}"
            spec = importlib.util.spec_from_file_location(full, _HERE / f"{name}.py")
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[full] = module
            loaded.append(full)
            spec.loader.exec_module(module)
            setattr(parent, name, module)  # (as an import would: reader.ingest.plaintext)
    except BaseException:
        for full in loaded:  # nothing half-loaded stays behind for the next import to find
            sys.modules.pop(full, None)
        raise


def is_compiled() -> bool:
    """Whether the cleaner in use is the compiled one."""
    module = sys.modules.get(f"{_PACKAGE}.plaintext")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")
