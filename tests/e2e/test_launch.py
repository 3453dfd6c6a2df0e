"""Launching Reader as a user does: a second launch hands its files to the open window."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.conftest import ROOT, SAMPLE_TEXT, library_titles


def _env(tmp_path, **extra):
    e = {k: v for k, v in os.environ.items() if k != "READER_EXIT_AFTER_SHOWN"}
    e.update({"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
              "XDG_RUNTIME_DIR": str(tmp_path / "run"), **extra})
    (tmp_path / "run").mkdir(exist_ok=True, mode=0o700)
    return e



def test_second_launch_hands_files_to_the_running_window(tmp_path):
    lib = tmp_path / "lib.sqlite"
    env = _env(tmp_path)
    first = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--library", str(lib)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        sockets = tmp_path / "run" / "Reader"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (sockets.exists() and any(sockets.iterdir())):
            time.sleep(0.1)
        assert sockets.exists() and any(sockets.iterdir()), "the first window never listened"
        article = tmp_path / "bridge.txt"
        article.write_text(SAMPLE_TEXT, encoding="utf-8")
        second = subprocess.run([sys.executable, str(ROOT / "main.py"), "--library", str(lib), str(article)],
                                cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert "handed 1 file(s) to the Reader window already open" in second.stderr
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and "Harbour Bridge Reopens After Two Years of Repairs" not in library_titles(lib):
            time.sleep(0.2)
        assert "Harbour Bridge Reopens After Two Years of Repairs" in library_titles(lib)
        # --new-instance opens its own window anyway (it exits at once here, after showing).
        third = subprocess.run([sys.executable, str(ROOT / "main.py"), "--library", str(lib), "--new-instance"],
                               cwd=ROOT, env={**env, "READER_EXIT_AFTER_SHOWN": "1"}, capture_output=True, text=True, timeout=60)
        assert third.returncode == 0 and third.stdout.startswith("shown "), third.stderr
    finally:
        first.terminate()
        first.communicate(timeout=30)
