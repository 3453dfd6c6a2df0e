"""The desktop entry that makes Reader launchable and an "Open with" choice for articles."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys

from tests.conftest import ROOT


def test_install_and_uninstall_desktop_entry(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    reader = os.path.join(os.path.dirname(sys.executable), "reader")
    cmd = [reader] if os.path.exists(reader) else [sys.executable, "-m", "reader"]
    out = subprocess.run([*cmd, "--install-desktop-entry"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    entry = tmp_path / "share" / "applications" / "reader.desktop"
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(entry)
    e = parser["Desktop Entry"]
    exec_path = e["Exec"].split()[0]
    assert os.path.isabs(exec_path) and os.path.exists(exec_path)
    assert e["Exec"].endswith("%F")
    assert set(e["MimeType"].strip(";").split(";")) >= {"text/plain", "text/markdown", "text/html"}
    assert os.path.exists(e["Icon"]) and e["Icon"].endswith(".svg")
    out = subprocess.run([*cmd, "--uninstall-desktop-entry"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and not entry.exists()


def test_shipped_desktop_file_is_valid():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "resources" / "reader.desktop")
    e = parser["Desktop Entry"]
    assert e["Type"] == "Application" and e["Exec"] == "reader %F" and (ROOT / "resources" / "icons" / "reader.svg").exists()
