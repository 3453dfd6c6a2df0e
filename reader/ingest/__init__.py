"""Bytes of any supported format → a cleaned article plus the original kept as it came."""

from __future__ import annotations

import logging
import re
import zlib

from reader.ingest import compiled

compiled.use_sources_if_stale()  # (before the cleaner's modules are first imported)

from reader.errors import InputError  # noqa: E402
from reader.ingest.decode import decode_text, looks_binary  # noqa: E402
from reader.ingest.html import HTML_CLEANER_VERSION as _HTML_VERSION  # noqa: E402
from reader.ingest.plaintext import CLEANER_VERSION as _TEXT_VERSION  # noqa: E402
from reader.ingest.plaintext import clean_text  # noqa: E402
from reader.model import PARAGRAPH, Block, Cleaned, Original  # noqa: E402

log = logging.getLogger("reader")

MAX_BYTES = 50 * 1024 * 1024  # one limit for every format; the settings may change it

# Bump when any cleaner changes what it makes: articles cleaned by an older
# version are re-derived from their originals by `reader reclean`.
# The sum grows whenever either cleaner's version does (HTML pages go through html.py).
CLEANER_VERSION = _TEXT_VERSION + _HTML_VERSION

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_HTML_TAG = re.compile(rb"<(html|body)[\s>]", re.I)
_MD_HINT = re.compile(r"^(---\n|#{1,6} \S)|\n#{1,6} \S|\n\s*[-*] \S|\[[^\]]+\]\([^)]+\)")


def sniff_format(data: bytes, name: str = "") -> str:
    """Guess "html", "markdown" or "text" from the content first, the name second."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    has_tag = b"<" in head  # most plain text has none: no regular expression to run
    if has_tag and (_HTML_START.match(head) or _HTML_TAG.search(head, 0, 2048)):
        return "html"
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")) and has_tag:
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown", ".mkd")):
        return "markdown"
    if head[:1] != b"-" and head[:1] < b"\x80":
        # Front matter starts with "-"; an ASCII first byte is never dropped by the decoding
        # below, so the text cannot start so: no need to decode the head of every file.
        return "text"
    try:
        text = head.decode("utf-8", errors="ignore")
    except Exception:  # pragma: no cover - decode with errors="ignore" cannot fail
        text = ""
    if text.startswith("---\n") and "\n---" in text[4:]:
        return "markdown"
    return "text"


def ingest(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> tuple[Cleaned, Original]:
    """Clean one input; raise InputError naming `name` when it cannot be an article."""
    if len(data) > max_bytes:
        raise InputError(name, f"file is {len(data) / 2**20:.1f} MB, over the {max_bytes / 2**20:.0f} MB limit")
    if not data.strip():
        raise InputError(name, "file is empty")
    original = data
    if data[:2] == GZIP_MAGIC:
        # A page saved compressed (.html.gz, or gzip bytes under an .html name): the original
        # keeps the compressed bytes; the text is read from at most max_bytes of output.
        data = gunzip(data, name, max_bytes)
        name_for_sniff = re.sub(r"\.gz$", "", name, flags=re.I)
        if not data.strip():
            raise InputError(name, "the compressed file is empty")
    else:
        name_for_sniff = name
    fmt = sniff_format(data, name_for_sniff)
    if fmt == "html":
        from reader.ingest.html import decode_html  # honours the page's <meta charset>

        if looks_binary(data):
            raise InputError(name, "this is a binary file, not text")
        text, encoding = decode_html(data)
    else:
        text, encoding = decode_text(data, name)
    if not text.strip():
        raise InputError(name, "file has only white space")
    try:
        if fmt == "html":
            from reader.ingest.html import clean_html

            cleaned = clean_html(text)
        elif fmt == "markdown":
            from reader.ingest.markdown_file import clean_markdown

            cleaned = clean_markdown(text)
        else:
            cleaned = clean_text(text)
    except Exception:  # a bug in a cleaner must not cost the user the article: keep it whole
        log.exception("cleaning %s failed; keeping its text as it is", name)
        cleaned = keep_everything(text, fmt)
    if not cleaned.title:
        cleaned.title = _fallback_title(re.sub(r"\.gz$", "", name, flags=re.I))
    if original is not data:
        encoding = f"gzip+{encoding}"
    return cleaned, Original(data=original, format=fmt, encoding=encoding, name=name)


GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, name: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Decompress gzip data, never past max_bytes of output (a 'zip bomb' stops there)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as e:
        raise InputError(name, f"the compressed file is damaged ({e})") from None
    if len(out) > max_bytes or inflater.unconsumed_tail:
        raise InputError(name, f"the compressed file expands past the {max_bytes / 2**20:.0f} MB limit")
    if not inflater.eof:
        raise InputError(name, "the compressed file is damaged (it ends too soon)")
    return out


def keep_everything(text: str, fmt: str = "text") -> Cleaned:
    """The input's text as body paragraphs, nothing cut: what a failed cleaning falls back to."""
    if fmt == "html":
        from reader.ingest.html import html_to_text

        try:
            text = html_to_text(text)
        except Exception:  # the fallback of the fallback: the markup as text
            pass
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    first_line = next((" ".join(line.split()) for line in text.splitlines() if line.strip()), "")
    title = first_line[:200]
    # The first paragraph is the title only when it is that one line; otherwise it stays
    # in the body too, so that no text is lost (a file of one long paragraph, say).
    body = paragraphs[1:] if paragraphs and paragraphs[0] == title else paragraphs
    return Cleaned(
        title=title,
        blocks=[Block(PARAGRAPH, p) for p in body],
        notices=["Reader could not clean this file (the problem is logged); its text was kept as it is."],
    )


def fallback_title(name: str) -> str:
    """A title made from a file name, for articles in which none was found."""
    return _fallback_title(name)


def _fallback_title(name: str) -> str:
    stem = re.sub(r"\.[A-Za-z0-9]{1,8}$", "", name.rsplit("/", 1)[-1])
    return stem.replace("_", " ").replace("-", " ").strip() or "Untitled"


def original_text(data: bytes, name: str = "original") -> str:
    """The text of a kept original as the user saved it (decompressed when it was gzip)."""
    if data[:2] == GZIP_MAGIC:
        try:
            data = gunzip(data, name, max(MAX_BYTES, len(data)))
        except InputError:
            pass
    try:
        return decode_text(data, name)[0]
    except InputError:
        return data.decode("utf-8", errors="replace")
