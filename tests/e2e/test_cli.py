"""The command line as a user runs it: real subprocesses over a real library file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE_TEXT


def reader(*args, library, env=None, check=True):
    e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    out = subprocess.run([sys.executable, "-m", "reader", "--library", str(library), *args],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env=e)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_import_then_list_show_and_export(tmp_path):
    lib = tmp_path / "lib.sqlite"
    a = tmp_path / "bridge.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    b = tmp_path / "notes.md"
    b.write_text("---\ntitle: Council Budget Notes\nsource: Example Gazette\ndate: 2024-03-02\n---\n\nThe council met.\n", encoding="utf-8")
    out = reader("import", str(a), str(b), "--tag", "city", library=lib)
    assert "2 imported, 0 duplicates skipped, 0 failed" in out.stdout
    again = reader("import", str(a), library=lib)
    assert "already in the library" in again.stdout and "0 imported, 1 duplicates skipped" in again.stdout

    listed = reader("list", library=lib).stdout.splitlines()
    assert len(listed) == 2
    rows = [line.split("\t") for line in listed]
    assert all(r[0].isdigit() for r in rows)
    by_title = {r[3]: r for r in rows}
    assert by_title["Council Budget Notes"][1:3] == ["2024-03-02", "Example Gazette"]
    assert by_title["Harbour Bridge Reopens After Two Years of Repairs"][4] == "city"

    as_json = [json.loads(line) for line in reader("list", "--json", library=lib).stdout.splitlines()]
    assert {r["title"] for r in as_json} == set(by_title)

    bridge_id = by_title["Harbour Bridge Reopens After Two Years of Repairs"][0]
    shown = reader("show", bridge_id, library=lib).stdout
    assert shown.startswith("Harbour Bridge Reopens After Two Years of Repairs\n")
    assert "reopened to traffic on Monday" in shown

    md = reader("export", bridge_id, "--format", "md", library=lib).stdout
    assert md.startswith("---\ntitle: \"Harbour Bridge Reopens After Two Years of Repairs\"")
    out_dir = tmp_path / "out"
    written = reader("export", "--all", "--format", "html", "--out", str(out_dir), library=lib).stdout.split()
    assert len(written) == 2 and all(p.endswith(".html") for p in written)
    page = (out_dir / os.path.basename(written[0])).read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


def test_errors_go_to_stderr_with_a_non_zero_exit(tmp_path):
    lib = tmp_path / "lib.sqlite"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = reader("import", str(empty), str(tmp_path / "missing.txt"), library=lib, check=False)
    assert out.returncode == 1
    assert f"{empty}: file is empty" in out.stderr
    assert "missing.txt: no such file" in out.stderr
    shown = reader("show", "99", library=lib, check=False)
    assert shown.returncode == 1 and "no article with id 99" in shown.stderr
    not_db = tmp_path / "notes.sqlite"
    not_db.write_text("hello")
    bad = reader("list", library=not_db, check=False)
    assert bad.returncode == 2 and "not an SQLite database" in bad.stderr
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_library_from_the_environment(tmp_path):
    lib = tmp_path / "env.sqlite"
    a = tmp_path / "a.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    e = {**os.environ, "READER_LIBRARY": str(lib)}
    out = subprocess.run([sys.executable, "-m", "reader", "import", str(a)], cwd=ROOT, capture_output=True, text=True, env=e, timeout=120)
    assert out.returncode == 0, out.stderr
    assert lib.exists()


def _launch(*args, env):
    e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "READER_EXIT_AFTER_SHOWN": "1", **env}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, env=e)


def test_first_start_opens_a_ready_library_in_the_user_data_folder(tmp_path):
    e = {k: v for k, v in os.environ.items() if k != "READER_LIBRARY"}
    e.update({"QT_QPA_PLATFORM": "offscreen", "READER_EXIT_AFTER_SHOWN": "1",
              "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")})
    out = subprocess.run([sys.executable, str(ROOT / "main.py")], cwd=ROOT, capture_output=True, text=True, timeout=120, env=e)
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("shown ") and "articles=" in line
    n = int(line.split("articles=")[1].split()[0])
    assert 4 <= n <= 6
    assert (tmp_path / "data" / "Reader" / "library.sqlite").exists()


def test_files_given_as_arguments_are_imported_and_the_first_is_shown(tmp_path):
    a = tmp_path / "bridge.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    lib = tmp_path / "lib.sqlite"
    out = _launch("--library", str(lib), str(a), env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("title=Harbour Bridge Reopens After Two Years of Repairs")


def test_a_damaged_library_gives_a_message_not_a_traceback(tmp_path):
    lib = tmp_path / "lib.sqlite"
    lib.write_bytes(b"this is not a database" * 10)
    out = _launch("--library", str(lib), env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert out.returncode == 2
    assert "not an SQLite database" in out.stderr and "Traceback" not in out.stderr
    assert lib.read_bytes() == b"this is not a database" * 10


def test_reclean_and_quotes_commands(tmp_path):
    lib = tmp_path / "lib.sqlite"
    a = tmp_path / "bridge.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    reader("import", str(a), library=lib)
    assert reader("reclean", library=lib).stdout.strip() == "1 article cleaned again"
    assert reader("reclean", "--stale", library=lib).stdout.strip() == "0 articles cleaned again"
    assert reader("quotes", library=lib).stdout.splitlines() == ["1\tLea Torres"]
    said = reader("quotes", "Lea Torres", library=lib).stdout
    assert "We kept our promise" in said
    missing = reader("quotes", "Nobody", library=lib, check=False)
    assert missing.returncode == 1 and "no quotes by 'Nobody'" in missing.stderr


def test_search_and_tag_commands(tmp_path):
    lib = tmp_path / "lib.sqlite"
    a = tmp_path / "bridge.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    b = tmp_path / "notes.md"
    b.write_text("---\ntitle: Council Budget Notes\nsource: Example Gazette\n---\n\nThe council met about the café budget.\n", encoding="utf-8")
    reader("import", str(a), str(b), library=lib)
    rows = {line.split("\t")[3]: line.split("\t")[0] for line in reader("list", library=lib).stdout.splitlines()}
    bridge, notes = rows["Harbour Bridge Reopens After Two Years of Repairs"], rows["Council Budget Notes"]
    tagged = reader("tag", bridge, notes, "--add", "city/harbour", library=lib).stdout.splitlines()
    assert tagged == [f"{bridge}\tcity/harbour", f"{notes}\tcity/harbour"]
    reader("tag", notes, "--remove", "CITY/HARBOUR", "--add", "budget", library=lib)
    assert [l.split("\t")[0] for l in reader("search", "tag:city", library=lib).stdout.splitlines()] == [bridge]
    assert [l.split("\t")[0] for l in reader("search", "cafe", library=lib).stdout.splitlines()] == [notes]
    assert [l.split("\t")[0] for l in reader("search", "said:Torres", library=lib).stdout.splitlines()] == [bridge]
    line = reader("search", "bridge", "-council", library=lib).stdout.splitlines()
    assert len(line) == 1 and line[0].split("\t")[3] == "Harbour Bridge Reopens After Two Years of Repairs"
    assert reader("search", '"unbalanced', "((", "OR", library=lib).returncode == 0
    bad = reader("tag", "999", "--add", "x", library=lib, check=False)
    assert bad.returncode == 1 and "no article with id 999" in bad.stderr


def test_export_json_and_markdown_folder_then_import_back(tmp_path):
    lib = tmp_path / "lib.sqlite"
    a = tmp_path / "bridge.txt"
    a.write_text(SAMPLE_TEXT, encoding="utf-8")
    reader("import", str(a), "--tag", "city", library=lib)
    bridge = reader("list", library=lib).stdout.split("\t")[0]
    reader("tag", bridge, "--add", "harbour", library=lib)
    out = tmp_path / "all.json"
    assert reader("export", "--all", "--format", "json", "--out", str(out), library=lib).stdout.strip() == f"1 article exported to {out}"
    folder = tmp_path / "md"
    written = reader("export", "--all", "--format", "md", "--out", str(folder), library=lib).stdout.split()
    assert len(written) == 1 and (folder / os.path.basename(written[0])).read_text(encoding="utf-8").startswith("---\ntitle:")
    other = tmp_path / "other.sqlite"
    done = reader("import", str(out), library=other).stdout
    assert "1 imported" in done
    assert reader("list", library=other).stdout.split("\t")[3:] == ["Harbour Bridge Reopens After Two Years of Repairs", "city,harbour\n"]
    again = reader("import", str(out), library=other).stdout
    assert "0 imported, 1 duplicates skipped" in again
