"""Bytes to text: byte-order marks, charset detection and newline normalisation."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from reader.errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)  # for one startswith() call


# Latin code pages that charset-normalizer may prefer to cp1252 on a few accented letters.
_LATIN_RIVALS = {"cp1250", "cp1257", "cp775", "cp850", "cp852", "iso8859_2", "iso8859_4", "iso8859_13", "iso8859_15",
                 "latin_1", "mac_latin2", "mac_roman", "cp1254", "iso8859_9"}


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """True for data that is no text in any encoding (NULs outside UTF-16/32, control bytes)."""
    head = data[:8192]
    if head.startswith(_BOM_PREFIXES):
        return False
    if b"\x00" in head:
        # UTF-16 without BOM has its NULs at one parity only: in every other byte for Latin
        # text, only after spaces and punctuation for Cyrillic (whose high byte is 0x04).
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = len(head) // 2 or 1
        utf16 = max(even, odd) > 0.05 * half and min(even, odd) <= 0.01 * half
        return not utf16
    # Counted in C: the bytes left once the control characters are deleted (0.2 ms a file
    # in a Python loop, a fifth of what storing an article costs).
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > 0.05 * len(head)


def decode_text(data: bytes, name: str = "input") -> tuple[str, str]:
    """Return (text, encoding) for the bytes of a text file; newlines become \\n."""
    if looks_binary(data):
        raise InputError(name, "this is a binary file, not text")
    has_bom = data.startswith(_BOM_PREFIXES)
    if not has_bom and data.find(b"\x00", 0, 8192) >= 0:
        # UTF-16 without a byte-order mark: the NULs tell the byte order.
        encoding = "utf-16-le" if data[1:8192:2].count(0) > data[0:8192:2].count(0) else "utf-16-be"
        return _newlines(data.decode(encoding, errors="replace")), encoding
    if has_bom:
        for bom, encoding in _BOMS:
            if data.startswith(bom):
                text = data.decode(encoding, errors="replace")
                return _newlines(text), encoding
    try:
        return _newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data[:200_000])
    best = matches.best()
    encoding = best.encoding if best is not None else "cp1252"
    # Short Western texts fit several Latin code pages about equally well (é/è read as
    # Baltic or Central European letters); cp1252 is by far the most likely when it fits
    # as well as the best guess.
    for m in matches:
        if m.encoding == "cp1252" and encoding in _LATIN_RIVALS and m.chaos <= best.chaos + 0.1:
            encoding = "cp1252"
            break
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text, encoding = data.decode("cp1252", errors="replace"), "cp1252"
    return _newlines(text), encoding


def _newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
