"""Build hook: the plain-text cleaner's modules are compiled to C with mypyc when a C compiler
and Python's headers are at hand (the cleaner runs ~1.6x faster: `bench/evaluate_cleaning.py`
prints which build it measured). Without them, or with READER_PURE_PYTHON=1, the very same
modules run as Python. Everything else is in pyproject.toml.

A type error in those modules fails the build: mypyc compiles by their types, and a build that
quietly fell back to Python would hide it."""

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# the cleaner's hot path (reader/ingest/compiled.py lists the same modules)
COMPILED = [
    "reader/ingest/plaintext.py",
    "reader/ingest/boilerplate.py",
    "reader/ingest/captions.py",
    "reader/ingest/linemodel.py",
    "reader/ingest/dates.py",
]
SOURCES_RECORD = "_compiled_sources.json"  # (reader/ingest/compiled.py reads it)
# commands that only read the project's metadata: no need to type-check and translate to C
METADATA_ONLY = {"egg_info", "dist_info", "sdist", "--version", "--name"}


class BuildExt(build_ext):
    """Builds the extensions, then records the hash of each source compiled next to them, so
    that a compiled module is never used with another source (see reader/ingest/compiled.py)."""

    def run(self) -> None:
        super().run()
        for ext in self.extensions:
            if ext.name.startswith("reader.ingest.") and Path(self.get_ext_fullpath(ext.name)).exists():
                folder = Path(self.get_ext_fullpath(ext.name)).parent
                record = {Path(p).stem: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in COMPILED}
                (folder / SOURCES_RECORD).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
                break


def pure_python_asked() -> bool:
    return os.environ.get("READER_PURE_PYTHON", "") not in ("", "0")


def ext_modules() -> list:
    if pure_python_asked() or sys.argv[1:2] and sys.argv[1] in METADATA_ONLY:
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # (pyproject.toml's build requirements include mypy)
        print("reader: mypy is missing, the cleaner is not compiled; it runs as Python", file=sys.stderr)
        return []
    exts = mypycify(COMPILED, opt_level="3")
    for ext in exts:
        ext.optional = True  # no C compiler or headers: the modules stay Python
    return exts


setup(ext_modules=ext_modules(), cmdclass={"build_ext": BuildExt})
