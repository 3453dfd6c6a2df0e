"""The import's cheap checks give the answers the thorough ones gave."""

from __future__ import annotations

import os
import threading

import pytest

from reader.errors import InputError
from reader.ingest import sniff_format
from reader.operations.importing import needs_isolation, read_input_file


def _problem(path, limit=1000) -> str:
    with pytest.raises(InputError) as e:
        read_input_file(path, limit)
    assert e.value.name == str(path)
    return e.value.problem


def test_reading_a_file_and_each_reason_it_cannot_be(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"x" * 1000)
    assert read_input_file(f, 1000) == b"x" * 1000
    assert read_input_file(f, 5000) == b"x" * 1000
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert read_input_file(empty, 1000) == b""
    assert _problem(f, 999) == "file is 0.0 MB, over the 0 MB limit"
    assert _problem(tmp_path / "missing.txt") == "no such file"
    assert _problem(tmp_path / "missing" / "deeper.txt") == "no such file"
    assert _problem(f / "under-a-file.txt") == "no such file"
    assert _problem(tmp_path) == "is a folder"
    link = tmp_path / "dangling.txt"
    os.symlink(tmp_path / "gone.txt", link)
    assert _problem(link) == "broken link: the file it points to does not exist"
    loop = tmp_path / "loop.txt"
    os.symlink(loop, loop)
    assert _problem(loop) == "broken link: the file it points to does not exist"
    to_folder = tmp_path / "to-folder"
    os.symlink(tmp_path, to_folder)
    assert _problem(to_folder) == "is a folder"


def test_a_file_that_grows_is_read_up_to_the_limit(tmp_path):
    fifo = tmp_path / "pipe.txt"  # size 0 by stat; its bytes come later (as from a file still being written)
    os.mkfifo(fifo)

    def write():
        with open(fifo, "wb") as w:
            w.write(b"y" * 3000)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        assert read_input_file(fifo, 2000) == b"y" * 2001  # limit + 1: the caller reports it too big
    finally:
        writer.join()


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"Plain text, no tags at all.\n", "a.txt", "text"),
        (b"Plain text with a < sign and <b>bold</b>.\n", "a.txt", "text"),
        (b"Text\n<html> later on\n", "a.txt", "html"),
        (b"Text a < b\n", "a.html", "html"),
        (b"Text without a tag\n", "a.html", "text"),
        (b"---\ntitle: x\n---\nbody", "a.txt", "markdown"),
        (b"\xff---\ntitle: x\n---\nbody", "a.txt", "markdown"),  # the invalid byte is ignored
        (b"--\xff-\ntitle: x\n---\nbody", "a.txt", "markdown"),
        (b"\xef\xbb\xbf---\ntitle: x\n---\nbody", "a.txt", "markdown"),
        (b"---\nno closing line", "a.txt", "text"),
        (b"- a list\n", "a.txt", "text"),
        (b"", "a.txt", "text"),
        (b"\xe2\x80\x9cQuoted\xe2\x80\x9d headline\n", "a.txt", "text"),
    ],
)
def test_format_sniffing_fast_paths(data, name, expected):
    assert sniff_format(data, name) == expected


def test_short_inputs_never_need_isolating_for_their_lines():
    assert not needs_isolation(b"x" * 20_000, "a.txt")
    assert needs_isolation(b"x" * 20_001, "a.txt")
    assert not needs_isolation(b"x\n" * 4_999, "a.txt")
