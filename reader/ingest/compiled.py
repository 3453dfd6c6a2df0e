"""The plain-text cleaner's modules may be compiled to C by mypyc at install time (see setup.py).

A compiled module sits next to its source and Python imports it first, so a source edited
since the build would be ignored: `use_sources_if_stale` then loads the sources instead (and
says so in the log) until the next `make` rebuilds them. READER_PURE_PYTHON=1 in the
environment also runs the sources (to compare the two, or to profile the Python).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import logging
import os
import sys
from pathlib import Path

log = logging.getLogger("reader")

# (in an order where each imports only those before it; setup.py compiles the same files)
MODULES = ("dates", "linemodel", "boilerplate", "captions", "plaintext")
_HERE = Path(__file__).resolve().parent
_PACKAGE = __name__.rpartition(".")[0]


def _builds(name: str) -> list[Path]:
    return [_HERE / (name + suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES
            if (_HERE / (name + suffix)).exists()]


def stale_modules() -> list[str]:
    """The compiled modules whose source changed after they were built."""
    out = []
    for name in MODULES:
        builds = _builds(name)
        if builds and (_HERE / f"{name}.py").stat().st_mtime > min(b.stat().st_mtime for b in builds):
            out.append(name)
    return out


def use_sources_if_stale() -> None:
    """Load every cleaner module from its source when any build is out of date (they are
    built together, so they are loaded together). Call before they are first imported."""
    pure = bool(os.environ.get("READER_PURE_PYTHON")) and any(_builds(name) for name in MODULES)
    stale = [] if pure else stale_modules()
    if not (pure or stale) or any(f"{_PACKAGE}.{name}" in sys.modules for name in MODULES):
        return
    if stale:
        log.warning("the compiled cleaner is older than its source (%s): running the source; "
                    "`make` rebuilds it", ", ".join(f"{n}.py" for n in stale))
    for name in MODULES:
        full = f"{_PACKAGE}.{name}"
        spec = importlib.util.spec_from_file_location(full, _HERE / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[full] = module
        spec.loader.exec_module(module)


def is_compiled() -> bool:
    """Whether the cleaner in use is the compiled one."""
    module = sys.modules.get(f"{_PACKAGE}.plaintext")
    return module is not None and not str(getattr(module, "__file__", "")).endswith(".py")
