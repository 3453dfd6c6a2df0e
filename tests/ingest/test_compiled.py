"""The cleaner's compiled build (setup.py) is used only while it is as new as its source."""

from __future__ import annotations

import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import reader
from reader.ingest import compiled

PROBE = (
    "import reader.ingest\n"
    "from reader.ingest import compiled, clean_text\n"
    "print(compiled.is_compiled(), reader.ingest.plaintext.clean_text is clean_text)\n"
    "print(clean_text('Harbour Board Votes On New Ferry Timetable\\n\\n' + 'The board met on Tuesday and "
    "agreed a new timetable for the winter months, said the chair. ' * 3).title)\n"
)


def _copy_with_fake_builds(tmp_path: Path, current: bool) -> Path:
    """The package copied into tmp_path, with a "build" of each cleaner module next to its
    source, and the record of the sources built from: these sources when `current`, others when
    not. The builds are not libraries: importing one fails."""
    root = tmp_path / "root"
    shutil.copytree(Path(reader.__file__).parent, root / "reader",
                    ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", compiled.SOURCES_RECORD))
    folder = root / "reader" / "ingest"
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    record = {}
    for name in compiled.MODULES:
        (folder / (name + suffix)).write_bytes(b"not a shared library")
        record[name] = compiled.source_hash(folder / f"{name}.py")
    if not current:
        record["plaintext"] = "0" * 64  # built before plaintext.py was last changed
    (folder / compiled.SOURCES_RECORD).write_text(json.dumps(record), encoding="utf-8")
    return root


def _probe(root: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "READER_PURE_PYTHON"}
    environment.update(PYTHONPATH=str(root), **env)
    return subprocess.run([sys.executable, "-c", PROBE], cwd=root, env=environment, capture_output=True,
                          text=True, timeout=120)


def test_a_build_from_other_sources_is_not_used(tmp_path):
    root = _copy_with_fake_builds(tmp_path, current=False)
    run = _probe(root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["False True", "Harbour Board Votes On New Ferry Timetable"]
    assert "built from other sources" in run.stderr and "plaintext.py" in run.stderr


def test_a_build_with_no_record_of_its_sources_is_not_used(tmp_path):
    root = _copy_with_fake_builds(tmp_path, current=True)
    (root / "reader" / "ingest" / compiled.SOURCES_RECORD).unlink()
    run = _probe(root)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0] == "False True"


def test_a_current_build_is_the_one_imported(tmp_path):
    root = _copy_with_fake_builds(tmp_path, current=True)
    for value in ("", "0"):
        run = _probe(root, READER_PURE_PYTHON=value)
        assert run.returncode != 0
        assert "ImportError" in run.stderr  # Python took the (fake) build over the source
    # ...unless READER_PURE_PYTHON asks for the sources
    run = _probe(root, READER_PURE_PYTHON="1")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["False True", "Harbour Board Votes On New Ferry Timetable"]
    assert "built from other sources" not in run.stderr


def test_the_compiled_cleaner_is_in_use_exactly_when_it_is_current():
    """On this machine's real build, if any: a build from these sources is the one in use
    (after `make test`, which rebuilds it, always); one from other sources never is."""
    import reader.ingest  # noqa: F401  (runs the guard)

    built = [name for name in compiled.MODULES if compiled._builds(name)]
    current = bool(built) and compiled.stale_modules() == []
    assert compiled.is_compiled() == (current and "plaintext" in built and not compiled.pure_python_asked())


def test_the_build_compiles_the_modules_the_guard_watches():
    setup = (Path(reader.__file__).parent.parent / "setup.py").read_text(encoding="utf-8")
    listed = sorted(line.strip().strip('",').rsplit("/", 1)[1][:-3] for line in setup.splitlines()
                    if line.strip().startswith('"reader/ingest/'))
    assert listed == sorted(compiled.MODULES)


def test_cut_lines_become_the_same_blocks_as_blocks_made_whole():
    from reader.model import Block
    from reader.ingest import plaintext

    # `_block` sets Block's slots itself: it must set every one of them
    assert Block.__slots__ == ("kind", "text", "credit", "src", "reason")
    assert plaintext._block("paragraph", "Share", "share") == Block("paragraph", "Share", reason="share")
    assert plaintext._block("heading", "Weather") == Block("heading", "Weather")


def test_lines_are_lower_cased_as_python_does():
    """Compiled or not: a Greek capital sigma ending a word becomes the final sigma."""
    from reader.ingest import plaintext

    text = "ΟΔΟΣ ΑΘΗΝΑΣ ΣΤΗΝ ΠΟΛΗ"
    assert plaintext._lines(text)[0].low == text.lower() == "οδος αθηνας στην πολη"


def test_each_cleaner_module_imports_only_those_loaded_before_it():
    """The guard loads the sources in MODULES order: a module importing a later one would
    have that one imported the normal way, from its (stale) build."""
    import ast

    folder = Path(compiled.__file__).parent
    for k, name in enumerate(compiled.MODULES):
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        imported = {node.module.rsplit(".", 1)[-1] for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reader.ingest.")}
        assert imported & set(compiled.MODULES) <= set(compiled.MODULES[:k]), name
