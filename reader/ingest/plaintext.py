"""Plain text copied from a news page → a clean article (headline, metadata, captions, body)."""

from __future__ import annotations

import re
import unicodedata

from reader.model import PARAGRAPH, Block, Cleaned

CLEANER_VERSION = 1

_BANNER = re.compile(r"^(support|subscribe|sign up|donate|menu|skip to)\b", re.I)


def normalise(text: str) -> str:
    """NFC and collapsed spaces: the only changes the cleaner makes to kept text."""
    return re.sub(r"[ \t\u00a0]+", " ", unicodedata.normalize("NFC", text)).strip()


def clean_text(text: str) -> Cleaned:
    """Split pasted text into a headline and paragraphs (blank-line separated)."""
    paragraphs = [normalise(p) for p in re.split(r"\n\s*\n", text)]
    paragraphs = [p for p in paragraphs if p]
    title = ""
    removed: list[Block] = []
    while paragraphs and not title:
        first = paragraphs.pop(0)
        if _BANNER.match(first):
            removed.append(Block(PARAGRAPH, first, reason="site banner"))
        else:
            title = first.split("\n")[0]
            rest = first[len(title):].strip()
            if rest:
                paragraphs.insert(0, rest)
    blocks = [Block(PARAGRAPH, p) for p in paragraphs]
    return Cleaned(title=title, blocks=blocks, removed=removed)
