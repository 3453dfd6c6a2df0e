"""The cleaner's compiled build (setup.py) is used only while it is as new as its source."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import subprocess
import sys
from pathlib import Path

import reader
from reader.ingest import compiled

PROBE = (
    "from reader.ingest import compiled, clean_text\n"
    "print(compiled.is_compiled())\n"
    "print(clean_text('Harbour Board Votes On New Ferry Timetable\\n\\n' + 'The board met on Tuesday and "
    "agreed a new timetable for the winter months, said the chair. ' * 3).title)\n"
)


def _copy_with_fake_builds(tmp_path: Path, age: float) -> Path:
    """The package copied into tmp_path, with a "build" of each cleaner module next to its
    source, `age` seconds older than it. The builds are not libraries: importing one fails."""
    root = tmp_path / "root"
    shutil.copytree(Path(reader.__file__).parent, root / "reader",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    for name in compiled.MODULES:
        src = root / "reader" / "ingest" / f"{name}.py"
        build = src.with_name(name + suffix)
        build.write_bytes(b"not a shared library")
        t = src.stat().st_mtime
        os.utime(build, (t - age, t - age))
    return root


def _probe(root: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "READER_PURE_PYTHON"}
    environment.update(PYTHONPATH=str(root), **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=root, env=environment, capture_output=True,
                          text=True, timeout=120)


def test_a_build_older_than_its_source_is_not_used(tmp_path):
    root = _copy_with_fake_builds(tmp_path, age=60)
    run = _probe(root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["False", "Harbour Board Votes On New Ferry Timetable"]
    assert "older than its source" in run.stderr and "plaintext.py" in run.stderr


def test_a_current_build_is_the_one_imported(tmp_path):
    root = _copy_with_fake_builds(tmp_path, age=-60)  # built after the source was last changed
    run = _probe(root)
    assert run.returncode != 0
    assert "ImportError" in run.stderr  # Python took the (fake) build over the source
    # ...unless READER_PURE_PYTHON asks for the sources
    run = _probe(root, READER_PURE_PYTHON="1")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["False", "Harbour Board Votes On New Ferry Timetable"]
    assert "older than its source" not in run.stderr


def test_the_build_compiles_the_modules_the_guard_watches():
    setup = (Path(reader.__file__).parent.parent / "setup.py").read_text(encoding="utf-8")
    listed = sorted(line.strip().strip('",').rsplit("/", 1)[1][:-3] for line in setup.splitlines()
                    if line.strip().startswith('"reader/ingest/'))
    assert listed == sorted(compiled.MODULES)
