"""Saved HTML pages → a cleaned article (a basic path; the extractor issue replaces it)."""

from __future__ import annotations

import html
import re

from reader.ingest.plaintext import clean_text, normalise
from reader.model import Cleaned

_DROP = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"<\s*/?\s*(p|div|br|h[1-6]|li|tr|section|article|figure|figcaption|blockquote|header|footer)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def html_to_text(page: str) -> str:
    """The text a browser would show, one block per paragraph, with no markup."""
    body = _DROP.sub(" ", page)
    body = _BREAK.sub("\n\n", body)
    body = _TAG.sub(" ", body)
    return html.unescape(body)


def clean_html(page: str) -> Cleaned:
    cleaned = clean_text(html_to_text(page))
    m = _TITLE.search(page)
    if m and not cleaned.title:
        cleaned.title = normalise(html.unescape(_TAG.sub(" ", m.group(1))))
    return cleaned
