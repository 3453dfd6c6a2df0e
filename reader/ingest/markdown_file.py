"""Markdown files (with optional YAML-style front matter) → a cleaned article."""

from __future__ import annotations

import re

from reader.ingest.plaintext import normalise
from reader.model import HEADING, PARAGRAPH, Block, Cleaned

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FIELD = re.compile(r"^([A-Za-z_]+):\s*(.*)$")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    m = _FRONT.match(text)
    if not m:
        return {}, text
    fields = {}
    for line in m.group(1).splitlines():
        f = _FIELD.match(line)
        if f:
            fields[f.group(1).lower()] = f.group(2).strip().strip("\"'")
    return fields, text[m.end():]


def clean_markdown(text: str) -> Cleaned:
    """Headings and paragraphs of a Markdown file; inline markup is kept as typed."""
    meta, body = _front_matter(text)
    blocks: list[Block] = []
    title = meta.get("title", "")
    for chunk in re.split(r"\n\s*\n", body):
        chunk = chunk.strip()
        if not chunk:
            continue
        h = re.match(r"^(#{1,6})\s+(.*)$", chunk)
        if h and "\n" not in chunk:
            heading = normalise(h.group(2).rstrip("#").strip())
            if not title and len(h.group(1)) == 1:
                title = heading
                continue
            blocks.append(Block(HEADING, heading))
        else:
            blocks.append(Block(PARAGRAPH, normalise(chunk)))
    tags = [t.strip() for t in meta.get("tags", "").strip("[]").split(",") if t.strip()]
    return Cleaned(
        title=title,
        blocks=blocks,
        source=meta.get("source", ""),
        author=meta.get("author", ""),
        published=meta.get("date", ""),
        url=meta.get("url", ""),
        tags=tags,
    )
