"""Builds the reading pane's HTML from an article's blocks; every text is escaped on the way."""

from __future__ import annotations

import datetime as _dt
import html
import re
from pathlib import Path
from urllib.parse import quote

from reader.model import CAPTION, HEADING, IMAGE, ITEM, Article, Block, Quote

STYLES_DIR = Path(__file__).resolve().parents[2] / "resources" / "styles"

# Characters that would start Markdown syntax at the beginning of a line or inline.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&])")


# Colours per theme.  Quote and search highlights are chosen to keep body text readable on
# each background (contrast ratio >= 4.5 for fg on quote_bg in every theme).
THEMES: dict[str, dict[str, str]] = {
    "light": {"bg": "#fdfdfb", "fg": "#1f2328", "muted": "#59636e", "caption": "#444c56", "tag_bg": "#e8eef6",
              "tag_fg": "#1b4f8a", "quote_bg": "#fff1c2", "hit_bg": "#ffd24d", "reason": "#8c2f00", "link": "#0b5cad"},
    "sepia": {"bg": "#f6efdf", "fg": "#3b2f22", "muted": "#6f604c", "caption": "#57493a", "tag_bg": "#eadfc6",
              "tag_fg": "#5a3d12", "quote_bg": "#f1dca3", "hit_bg": "#f0b94a", "reason": "#8a3a10", "link": "#7a4a12"},
    "dark": {"bg": "#1c1e21", "fg": "#d9dde3", "muted": "#9aa3ad", "caption": "#b4bcc6", "tag_bg": "#2d3a4c",
             "tag_fg": "#b6cff0", "quote_bg": "#4a3d12", "hit_bg": "#8a6a00", "reason": "#f0a070", "link": "#8cb8f0"},
}
DEFAULT_TYPOGRAPHY = {"family": "serif", "size": 13, "line_height": 155}


def stylesheet(theme: str = "light", family: str = "", size: int = 0, line_height: int = 0) -> str:
    """The reading pane's CSS for a theme (light, sepia or dark) and the reader's typography."""
    from string import Template

    colours = THEMES.get(theme, THEMES["light"])
    size = size or DEFAULT_TYPOGRAPHY["size"]
    fam = family or DEFAULT_TYPOGRAPHY["family"]
    values = {
        **colours,
        "family": ", ".join(f"'{f.strip()}'" if " " in f.strip() else f.strip() for f in fam.split(",") if f.strip()) or "serif",
        "size": size,
        "title_size": round(size * 1.6),
        "h2_size": round(size * 1.15),
        "small_size": max(7, round(size * 0.8)),
        "tiny_size": max(6, round(size * 0.68)),
        "line_height": line_height or DEFAULT_TYPOGRAPHY["line_height"],
        "para_gap": round(size * 0.9),
    }
    return Template((STYLES_DIR / "reading.css").read_text(encoding="utf-8")).safe_substitute(values)


def format_date(value: str) -> str:
    """'2024-07-05T14:32:00' → '5 Jul 2024, 14:32'; unknown shapes are shown as they are."""
    if not value:
        return ""
    try:
        d = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    text = f"{d.day} {d:%b %Y}"
    if len(value) > 10 and (d.hour or d.minute):
        text += f", {d:%H:%M}"
    return text


def _esc(text: str) -> str:
    # A line break inside a block (a <br> on the page, a poem, an address) stays a line break.
    return html.escape(text).replace("\n", "<br />")


def _marked(text: str, spans: list[tuple[int, int, str, str, str]]) -> str:
    """Escape text, wrapping each (start, end, anchor, css class, tooltip) span in a <span>
    preceded by a named anchor the quote list can scroll to."""
    out, pos = [], 0
    for start, end, anchor, cls, tip in sorted(spans):
        if start < pos or end > len(text) or start >= end:
            continue  # overlapping or stale spans are dropped rather than breaking the page
        out.append(_esc(text[pos:start]))
        out.append(f'<a name="{anchor}"></a>')
        attrs = (f' class="{cls}"' if cls else "") + (f' title="{html.escape(tip)}"' if tip else "")
        out.append(f"<span{attrs}>{_esc(text[start:end])}</span>")
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out)


def quote_anchor(n: int) -> str:
    """The anchor name of the n-th quote of an article (its index in Article.quotes)."""
    return f"q{n}"


def _quote_spans(quotes: list[Quote], block: int, highlight: bool) -> list[tuple[int, int, str, str, str]]:
    # The speaker shows on hover (Qt turns a span's title into its tooltip) even with
    # highlighting off, so that "who said this?" is always one hover away.
    return [
        (q.start, q.end, quote_anchor(n), "quote" if highlight else "", f"Said by {q.speaker}" if q.speaker else "Speaker not named")
        for n, q in enumerate(quotes)
        if q.block == block
    ]


def _block_html(i: int, b: Block, quotes: list[Quote], highlight: bool, images: set[str] | None = None) -> str:
    spans = _quote_spans(quotes, i, highlight)
    if b.kind == HEADING:
        return f'<h2 id="b{i}">{_marked(b.text, spans)}</h2>'
    if b.kind == ITEM:
        return f'<li id="b{i}">{_marked(b.text, spans)}</li>'
    if b.kind == CAPTION:
        credit = f' <span class="credit">{html.escape(b.credit)}</span>' if b.credit else ""
        return f'<p class="caption" id="b{i}">{html.escape(b.text)}{credit}</p>'
    if b.kind == IMAGE:
        # Only images stored in the library are shown; nothing remote is ever loaded, so an
        # image the page only linked to (http:, //host, data:) is left out.
        if not b.src or re.match(r"^([a-z][a-z0-9+.-]*:|//)", b.src, re.I):
            return ""
        if images is not None and b.src not in images:
            return ""  # not stored with the article (not beside the saved page): nothing to show
        alt = f' alt="{html.escape(b.text)}"' if b.text else ""
        return f'<p class="image" id="b{i}"><img src="reader-resource:{quote(b.src, safe="/")}"{alt} /></p>'
    return f'<p id="b{i}">{_marked(b.text, spans)}</p>'


def render_article(article: Article, *, highlight_quotes: bool = True, images: set[str] | None = None) -> str:
    """The whole article as an HTML document body for QTextBrowser; `images`, when given, are
    the image names stored with the article (others are left out rather than shown broken)."""
    parts = ['<div class="article">']
    title_spans = _quote_spans(article.quotes, -1, highlight_quotes)
    parts.append(f'<h1 class="title">{_marked(article.title, title_spans)}</h1>')
    meta = [html.escape(x) for x in (article.source, article.author) if x]
    if article.published:
        meta.append(html.escape(format_date(article.published)))
    minutes = article.reading_time or (max(1, round(article.word_count / 230)) if article.word_count else None)
    if minutes:
        meta.append(f"{minutes} min read")
    if meta:
        parts.append(f'<p class="meta">{" · ".join(meta)}</p>')
    if article.tags:
        chips = " ".join(f'<span class="tag">{html.escape(t)}</span>' for t in article.tags)
        parts.append(f'<p class="tags">{chips}</p>')
    in_list = False
    for i, b in enumerate(article.blocks):
        if (b.kind == ITEM) != in_list:  # consecutive items make one list
            in_list = not in_list
            parts.append("<ul>" if in_list else "</ul>")
        parts.append(_block_html(i, b, article.quotes, highlight_quotes, images))
    if in_list:
        parts.append("</ul>")
    parts.append("</div>")
    return "\n".join(parts)


REMOVED_LINK = "reader-restore:"


def render_removed(article: Article) -> str:
    """The blocks the cleaner cut, each with its reason and a link that restores it."""
    parts = [f'<h1 class="title">{html.escape(article.title)}</h1>',
             f'<p class="meta">Text removed as noise: {len(article.removed)} blocks. '
             "Restore a block to put it back into the article.</p>"]
    for i, b in enumerate(article.removed):
        reason = html.escape(b.reason or "noise")
        parts.append(f'<p class="removed"><span class="reason">{reason}</span> '
                     f'<a href="{REMOVED_LINK}{i}">Restore</a><br />{html.escape(b.text)}</p>')
    if not article.removed:
        parts.append("<p>Nothing was removed from this article.</p>")
    return "\n".join(parts)


def render_original(title: str, text: str, fmt: str, encoding: str) -> str:
    """The imported input as it came, shown as text (an HTML page's markup is never rendered)."""
    lines = "<br />".join(html.escape(line) for line in text.split("\n"))
    return (f'<h1 class="title">{html.escape(title)}</h1>'
            f'<p class="meta">Original {html.escape(fmt)} as imported ({html.escape(encoding or "binary")}), '
            f"{len(text):,} characters, kept byte for byte in the library.</p>"
            f'<p class="original">{lines}</p>')


def escape_markdown(text: str) -> str:
    """Text made literal for Markdown, so '1.' or '#' at a line start stays a sentence."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(article: Article) -> str:
    """The cleaned article as Markdown with every text escaped, front matter first."""
    lines = ["---", f"title: {_yaml(article.title)}"]
    for key in ("source", "author", "published", "url"):
        value = getattr(article, key)
        if value:
            lines.append(f"{key}: {_yaml(value)}")
    if article.tags:
        lines.append("tags: [" + ", ".join(_yaml(t) for t in article.tags) + "]")
    lines += ["---", "", f"# {escape_markdown(article.title)}", ""]
    for n, b in enumerate(article.blocks):
        if b.kind == HEADING:
            lines.append(f"## {escape_markdown(b.text)}")
        elif b.kind == ITEM:
            lines.append(f"- {escape_markdown(b.text)}")
            if n + 1 < len(article.blocks) and article.blocks[n + 1].kind == ITEM:
                continue  # one tight list
        elif b.kind == CAPTION:
            credit = f" ({escape_markdown(b.credit)})" if b.credit else ""
            lines.append(f"*{escape_markdown(b.text)}*{credit}")
        elif b.kind == IMAGE:
            continue
        else:
            lines.append(escape_markdown(b.text))
        lines.append("")
    return "\n".join(lines)


def _yaml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_html_document(article: Article, theme: str = "light") -> str:
    """A standalone HTML file for export: the same escaped body with its stylesheet inline."""
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(article.title)}</title><style>{stylesheet(theme)}</style></head>"
        f"<body>{render_article(article)}</body></html>\n"
    )
