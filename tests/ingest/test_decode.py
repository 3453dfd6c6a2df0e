"""Bytes → text: byte-order marks, UTF-16, Russian and Western single-byte encodings, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from reader.errors import InputError
from reader.ingest.decode import decode_text, looks_binary

RUSSIAN = "Цены на жильё в городе выросли за год, сообщил министр экономики. Это только начало, сказал он журналистам.\n"
WESTERN = "Café crème: the naïve façade — “quoted” text, 50€ and déjà vu in the old town.\n"


@pytest.mark.parametrize(
    ("data", "text", "encodings"),
    [
        (RUSSIAN.encode("utf-8"), RUSSIAN, {"utf-8"}),
        (codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), RUSSIAN, {"utf-8-sig"}),
        (RUSSIAN.encode("utf-16"), RUSSIAN, {"utf-16"}),
        (RUSSIAN.encode("utf-16-le"), RUSSIAN, {"utf-16-le"}),
        (RUSSIAN.encode("cp1251"), RUSSIAN, {"cp1251", "windows-1251"}),
        (RUSSIAN.encode("koi8-r"), RUSSIAN, {"koi8_r", "koi8-r"}),
        (WESTERN.encode("cp1252"), WESTERN, {"cp1252", "windows-1252"}),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le-no-bom", "cp1251", "koi8r", "cp1252"],
)
def test_encodings(data: bytes, text: str, encodings: set[str]) -> None:
    got, encoding = decode_text(data, "x.txt")
    assert got == text
    assert encoding in encodings


def test_mixed_newlines_become_lf() -> None:
    assert decode_text(b"a\r\nb\rc\n", "x.txt")[0] == "a\nb\nc\n"


def test_binary_is_refused_naming_the_file() -> None:
    data = bytes(range(256)) * 10
    assert looks_binary(data)
    with pytest.raises(InputError) as err:
        decode_text(data, "photo.jpg")
    assert "photo.jpg" in str(err.value)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (codecs.BOM_UTF32_LE + WESTERN.encode("utf-32-le"), WESTERN, "utf-32"),
        (codecs.BOM_UTF32_BE + WESTERN.encode("utf-32-be"), WESTERN, "utf-32"),
        (codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"), RUSSIAN, "utf-16"),
        (RUSSIAN.encode("utf-16-be"), RUSSIAN, "utf-16-be"),
        (b"x" * 9000 + "é\x00".encode(), "x" * 9000 + "é\x00", "utf-8"),  # a NUL past the sniffed head
        (b"", "", "utf-8"),
    ],
    ids=["utf32le-bom", "utf32be-bom", "utf16be-bom", "utf16be-no-bom", "late-nul", "empty"],
)
def test_byte_order_marks_and_nuls(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data, "x.txt") == (text, encoding)
