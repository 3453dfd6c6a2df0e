"""Build hook: the plain-text cleaner's modules are compiled to C with mypyc when a C compiler
and Python's headers are at hand (the cleaner runs 1.3-1.7x faster: `bench/evaluate_cleaning.py`
prints which build it measured). Without them, or with READER_PURE_PYTHON=1, the very same
modules run as Python. Everything else is in pyproject.toml."""

import os
import sys

from setuptools import setup

# the cleaner's hot path (see reader/ingest/compiled.py, which also lists them)
COMPILED = [
    "reader/ingest/plaintext.py",
    "reader/ingest/boilerplate.py",
    "reader/ingest/captions.py",
    "reader/ingest/linemodel.py",
    "reader/ingest/dates.py",
]


def ext_modules() -> list:
    if os.environ.get("READER_PURE_PYTHON"):
        return []
    try:
        from mypyc.build import mypycify

        exts = mypycify(COMPILED, opt_level="3")
    except (Exception, SystemExit) as e:  # mypy missing or a type error: build as Python
        print(f"reader: the cleaner is not compiled ({e!r}); it runs as Python", file=sys.stderr)
        return []
    for ext in exts:
        ext.optional = True  # no C compiler or headers: the modules stay Python
    return exts


setup(ext_modules=ext_modules())
