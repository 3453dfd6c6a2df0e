"""The storage, cleaning and rendering layers stay usable without Qt."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_non_ui_packages_do_not_import_qt():
    code = (
        "import sys\n"
        "import reader.model, reader.library, reader.ingest, reader.quotes, reader.render, reader.operations, reader.cli\n"
        "import reader.ingest.html, reader.ingest.markdown_file, reader.operations.export, reader.desktop\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip() == "[]"


def test_the_ui_never_reaches_sqlite_directly():
    import ast

    for path in sorted((ROOT / "reader" / "ui").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            for name in names:
                assert name.split(".")[0] not in ("sqlite3", "sqlite_utils"), f"{path.name} imports {name}"
