"""Exporting articles as Markdown or HTML files, or as text for the terminal."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from reader.library import Library
from reader.model import CAPTION, HEADING, IMAGE, ITEM, Article
from reader.render.article import format_date, render_html_document, render_markdown

FORMATS = {"md": ".md", "html": ".html"}


def export_text(article: Article, fmt: str) -> str:
    if fmt == "md":
        return render_markdown(article)
    if fmt == "html":
        return render_html_document(article)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def slug(title: str, limit: int = 60) -> str:
    s = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-")
    return s[:limit].rstrip("-") or "article"


def export_to_folder(library: Library, ids: Iterable[int], fmt: str, folder: Path) -> list[Path]:
    """One file per article, named by id and title; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for article_id in ids:
        article = library.get(article_id)
        path = folder / f"{article_id:05d}-{slug(article.title)}{FORMATS[fmt]}"
        path.write_text(export_text(article, fmt), encoding="utf-8")
        written.append(path)
    return written


def article_as_text(article: Article) -> str:
    """The cleaned article for a terminal: header, then blocks, captions marked as such."""
    lines = [article.title, "=" * min(len(article.title), 78)]
    meta = [x for x in (article.source, article.author, format_date(article.published)) if x]
    if meta:
        lines.append(" · ".join(meta))
    if article.tags:
        lines.append("Tags: " + ", ".join(article.tags))
    lines.append("")
    for n, b in enumerate(article.blocks):
        if b.kind == HEADING:
            lines += [b.text, "-" * min(len(b.text), 78)]
        elif b.kind == CAPTION:
            lines.append(f"[Caption] {b.text}" + (f" — {b.credit}" if b.credit else ""))
        elif b.kind == IMAGE:
            continue
        elif b.kind == ITEM:
            lines.append(f"• {b.text}")
            if n + 1 < len(article.blocks) and article.blocks[n + 1].kind == ITEM:
                continue  # a list's items on consecutive lines
        else:
            lines.append(b.text)
        lines.append("")
    return "\n".join(lines)
