"""Saved HTML pages → a cleaned article: trafilatura finds the body; figures, headline and
metadata are read from the page itself; whatever visible text is not kept is listed as removed."""

from __future__ import annotations

import bisect
import contextlib
import html as htmlmod
import logging
import re
import warnings

from reader.ingest.html_meta import PageMeta, author, choose_title, clean, page_url, published, site_name
from reader.ingest.html_meta import token_f1, tokens
from reader.model import CAPTION, HEADING, IMAGE, ITEM, PARAGRAPH, Block, Cleaned

# Bump when the HTML path changes what it makes (see reader.ingest.CLEANER_VERSION).
HTML_CLEANER_VERSION = 1

RAISE_ERRORS = False  # the bench and tests set it to see the extractor's own errors

NO_ARTICLE_NOTICE = "No article text was recognised in the page; all its visible text was kept as body."

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\s*\n\s*")

# Elements whose content a browser never shows as text.
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "svg", "math", "iframe", "object",
              "embed", "select", "option", "textarea", "input", "canvas", "audio", "video", "map"}
_BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
    "section", "article", "header", "footer", "nav", "aside", "main", "figure", "figcaption", "blockquote", "pre",
    "br", "hr", "address", "form", "fieldset", "legend", "details", "summary", "caption", "body", "center",
    "tbody", "thead", "tfoot", "menu", "dialog", "hgroup", "picture",
}
_LANDMARKS = {"nav": "navigation", "header": "page header", "footer": "page footer", "aside": "sidebar",
              "form": "form"}
_CONTEXT_CLASS = [
    (re.compile(r"comment|disqus|respond|reply", re.I), "comments"),
    (re.compile(r"related|recommend|more[-_]?stories|read[-_]?more|trending|most[-_]?(?:read|popular)|teaser|"
                r"outbrain|taboola|promo", re.I), "related links"),
    (re.compile(r"newsletter|subscribe|signup|sign-up|paywall|registration", re.I), "newsletter or subscription"),
    (re.compile(r"share|social|sharing|follow", re.I), "share buttons"),
    (re.compile(r"cookie|consent|gdpr", re.I), "cookie notice"),
    (re.compile(r"(?:^|[-_ ])(?:nav|menu|breadcrumbs?|masthead|topbar|navbar)(?:$|[-_ ])", re.I), "navigation"),
    (re.compile(r"footer", re.I), "page footer"),
    (re.compile(r"sidebar|(?:^|[-_ ])(?:rail|right-?col|widget-area)(?:$|[-_ ])", re.I), "sidebar"),
    (re.compile(r"(?:^|[-_ ])(?:ad|ads|advert|advertisement|dfp|sponsor(?:ed)?)(?:$|[-_ ])", re.I), "advertising"),
]
_ANY_CONTEXT = re.compile("|".join(f"(?:{rx.pattern})" for rx, _ in _CONTEXT_CLASS), re.I)
_OUTSIDE = "not part of the article"
# Posts quoted from social networks: without scripts the page shows them as a quotation.
_EMBED = re.compile(r"twitter-tweet|instagram-media|tiktok-embed|reddit-card|bluesky-embed|mastodon-embed|"
                    r"threads-embed|fb-xfbml-parse-ignore", re.I)
_NOT_A_PICTURE = re.compile(r"avatar|logo|icon|emoji|badge|sprite|spinner|placeholder|pixel|button", re.I)
_CAPTION = "caption"  # context of the text inside a caption the figures kept

logging.getLogger("trafilatura").addHandler(logging.NullHandler())
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").addHandler(logging.NullHandler())


def clean_html(text: str) -> Cleaned:
    """The article in a saved page. Never raises: a page that cannot be parsed comes back as its text."""
    try:
        with _quiet():
            return _clean(text if isinstance(text, str) else str(text))
    except Exception:  # noqa: BLE001 - a broken page is the user's file, never a crash of the import
        if RAISE_ERRORS:
            raise
        return _plain_fallback(text if isinstance(text, str) else "")


def clean_html_bytes(data: bytes) -> Cleaned:
    """Like clean_html, for undecoded bytes (see decode_html)."""
    return clean_html(decode_html(data)[0])


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{2,40})""", re.I)
# what browsers read these labels as (the WHATWG encoding standard)
_CHARSET_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252",
                    "ascii": "cp1252", "iso8859-1": "cp1252", "x-sjis": "shift_jis", "gb2312": "gb18030",
                    "gbk": "gb18030", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-9": "cp1254",
                    "tis-620": "cp874", "iso-8859-11": "cp874"}


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding) of a saved page: a byte-order mark, then valid UTF-8, then the page's own
    <meta charset> (as a browser reads it), then the general charset guess."""
    import codecs

    from reader.ingest.decode import decode_text

    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_text(data, "page.html")
    try:
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n"), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _META_CHARSET.search(data[:8192])
    if m:
        label = m.group(1).decode("ascii", "ignore").lower()
        encoding = _CHARSET_ALIASES.get(label, label)
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            encoding = ""
        if encoding and "utf-16" not in encoding and "utf-32" not in encoding:
            text = data.decode(encoding, errors="replace")
            return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
    return decode_text(data, "page.html")


@contextlib.contextmanager
def _quiet():
    """Keep the extractors' expected complaints about odd pages out of the user's way.

    trafilatura logs "discarding data" and the like for every page it finds no article in:
    expected here, so its logger is raised to ERROR once (its real errors still show). No
    warning was seen on the corpus; dateparser (under htmldate) has deprecation warnings for
    some date forms, which are not ours to act on."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"(dateparser|htmldate)")
        yield


# ---------------------------------------------------------------- parsing


def _parse(text: str):
    """The page's element tree, or None when the parser cannot give all of it (the caller then
    falls back on the page's bare text, so nothing is lost)."""
    import lxml.html
    from lxml import etree

    text = _BAD_CHARS.sub("", _XML_DECL.sub("", text, count=1))
    if not text.strip():
        return None
    for huge in (False, True):
        # libxml2 stops at 256 levels of nesting (2,048 with huge_tree) and drops the rest of
        # the page: a page nested deeper (often unclosed tags) is read again, then given up on
        parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False, huge_tree=huge)
        try:
            root = lxml.html.document_fromstring(text, parser=parser)
        except (etree.ParserError, ValueError):
            return None
        if not any("depth" in (e.message or "").lower() for e in parser.error_log):
            break
    else:
        return None
    if root is None or root.find("body") is None and len(root) == 0:
        return None
    return root


# ---------------------------------------------------------------- the page as a browser shows it


class _PageText:
    """The page's visible text as blocks, each with its offset in one joined string, and the
    offsets of the marked figure captions."""

    def __init__(self, root):
        from lxml import etree

        from reader.ingest.html_figures import MARK

        self.blocks: list[tuple[int, str, str]] = []  # (offset, text, context)
        self.figure_at: dict[int, int] = {}
        self.images: list[tuple[int, str, str]] = []  # (offset, src, alt) of pictures outside boilerplate
        self.embeds: list[range] = []  # the blocks of each quoted post (tweet, Instagram post ...)
        embed_starts: list[int] = []
        self.h1s: list[str] = []
        parts: list[str] = []
        length = 0
        buf: list[str] = []
        contexts = [""]
        h1_depth = 0
        h1_buf: list[str] = []

        def flush():
            nonlocal length
            if buf:
                t = clean("".join(buf))
                buf.clear()
                if t:
                    self.blocks.append((length, t, contexts[-1]))
                    parts.append(t)
                    length += len(t) + 1

        body = root.find("body")
        walker = etree.iterwalk(body if body is not None else root, events=("start", "end"))
        for event, el in walker:
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if event == "start":
                if tag in _INVISIBLE or el.get("hidden") is not None or _display_none(el):
                    walker.skip_subtree()
                    contexts.append(contexts[-1])
                    continue
                mark = el.get(MARK)
                if tag in _BLOCK_TAGS or mark is not None:
                    flush()
                if mark is not None:
                    self.figure_at[int(mark)] = length
                    contexts.append(_CAPTION)
                else:
                    contexts.append(contexts[-1] or _context(el))
                    if tag == "blockquote" and not contexts[-1] and _EMBED.search(el.get("class") or ""):
                        embed_starts.append(len(self.blocks))
                if tag == "img" and not contexts[-1]:
                    self._add_image(el, length + len(clean("".join(buf))))
                if tag == "h1":
                    h1_depth += 1
                    h1_buf.clear()
                if h1_depth and el.text:
                    h1_buf.append(el.text)
                if el.text:
                    buf.append(el.text)
            else:
                visible = not (tag in _INVISIBLE or el.get("hidden") is not None or _display_none(el))
                if visible and (tag in _BLOCK_TAGS or el.get(MARK) is not None):
                    flush()
                if tag == "blockquote" and embed_starts and visible and _EMBED.search(el.get("class") or ""):
                    self.embeds.append(range(embed_starts.pop(), len(self.blocks)))
                if tag == "h1" and visible and h1_depth:
                    h1_depth -= 1
                    if not h1_depth:
                        self.h1s.append(clean(" ".join(h1_buf)))
                contexts.pop()
                if el.tail:
                    buf.append(el.tail)
                    if h1_depth:
                        h1_buf.append(el.tail)
        flush()
        self.text = "\n".join(parts)
        self.starts = [b[0] for b in self.blocks]

    def _add_image(self, img, offset: int) -> None:
        from reader.ingest.html_figures import image_of

        for attr in ("width", "height"):
            value = (img.get(attr) or "").strip().removesuffix("px")
            if value.isdigit() and int(value) < 50:
                return  # an icon or a tracking pixel
        src, alt = image_of(img)
        if src and not _NOT_A_PICTURE.search(src + " " + (img.get("class") or "")):
            self.images.append((offset, src, alt))

    def find(self, text: str, cursor: int) -> int:
        """Offset of a kept block's text in the page, searching from `cursor` first; -1 if absent."""
        text = text.replace("\n", " ")
        for key in (text[:60], text[:25]):
            if len(key) < 4:
                continue
            pos = self.text.find(key, cursor)
            if pos < 0:
                pos = self.text.find(key)
            if pos >= 0:
                return pos
        return -1


def _display_none(el) -> bool:
    style = el.get("style")
    if not style or "none" not in style and "hidden" not in style:
        return False
    s = style.replace(" ", "").lower()
    return "display:none" in s or "visibility:hidden" in s


def _context(el) -> str:
    tag = el.tag
    if tag in _LANDMARKS:
        return _LANDMARKS[tag]
    role = el.get("role")
    if role in ("navigation", "banner", "contentinfo", "complementary"):
        return {"navigation": "navigation", "banner": "page header", "contentinfo": "page footer",
                "complementary": "sidebar"}[role]
    cls = el.get("class")
    ident = el.get("id")
    if cls or ident:
        cls = f"{cls or ''} {ident or ''}"
        if _ANY_CONTEXT.search(cls):  # one quick test, then which one
            for rx, reason in _CONTEXT_CLASS:
                if rx.search(cls):
                    return reason
    return ""


# ---------------------------------------------------------------- the body, from trafilatura


def _extract_body(root):
    """trafilatura's body tree of the page (a copy is made), or None when it finds no article."""
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            root,
            favor_precision=True,
            include_comments=False,
            include_links=True,
            include_images=False,
            include_tables=True,
            with_metadata=False,
        )
    except (ValueError, TypeError, AttributeError, RecursionError):
        return None
    return None if doc is None else doc.body


def _element_text(el, skip=("list",)) -> str:
    out: list[str] = []
    from lxml import etree

    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node is not el and node.tag in skip:
                walker.skip_subtree()
                continue
            if node.tag == "lb":
                out.append("\n")
            if node.text:
                out.append(node.text)
        elif node is not el and node.tail:
            out.append(node.tail)
    return _block_text("".join(out))


def _block_text(text: str) -> str:
    return _NEWLINES.sub("\n", clean_keep_lines(text)).strip()


def clean_keep_lines(text: str) -> str:
    import unicodedata

    return _SPACES.sub(" ", unicodedata.normalize("NFC", text))


def _link_share(el) -> float:
    total = len(_element_text(el))
    if not total:
        return 0.0
    links = sum(len("".join(r.itertext())) for r in el.iter("ref"))
    return min(1.0, links / total)


def _body_blocks(body) -> list[tuple[str, str, float]]:
    """(kind, text, share of link text) for each block of trafilatura's body tree, in order."""
    out: list[tuple[str, str, float]] = []
    for el in body:
        tag = el.tag
        if tag == "head":
            out.append((HEADING, _element_text(el), _link_share(el)))
        elif tag == "list":
            for item in el.iter("item"):
                out.append((ITEM, _element_text(item), _link_share(item)))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [_element_text(c) for c in row.iter("cell")]
                out.append((PARAGRAPH, " ".join(c for c in cells if c), _link_share(row)))
        elif tag == "quote" and el.find("p") is not None:
            for child in el:
                out.append((PARAGRAPH, _element_text(child), _link_share(child)))
        else:
            out.append((PARAGRAPH, _element_text(el), _link_share(el)))
    return [b for b in out if b[1]]


# ---------------------------------------------------------------- whole page


def _clean(text: str) -> Cleaned:
    from reader.ingest.html_figures import find_figures

    root = _parse(text)
    if root is None:
        return _plain_fallback(text)
    meta = PageMeta(root, text)
    figures = find_figures(root)
    page = _PageText(root)
    url = page_url(meta)
    site = site_name(meta)
    title = choose_title(meta, page.h1s, site, url)

    body = _extract_body(root)
    removed: list[Block] = []
    notices: list[str] = []
    if body is not None:
        tf_blocks = _body_blocks(body)
    else:
        tf_blocks = []
    if not tf_blocks:
        tf_blocks = [(PARAGRAPH, t, 0.0) for _, t, ctx in page.blocks if not ctx]
        if tf_blocks:
            notices.append(NO_ARTICLE_NOTICE)

    # drop the headline repeated at the top of the body, captions the extractor took as text,
    # and the extractor's leftovers: date lines, teaser links, link lists
    caption_texts = [f.caption for f in figures] + [f"{f.caption} {f.credit}" for f in figures if f.credit]
    kept: list[tuple[str, str, int]] = []
    cursor = 0
    covered: set[int] = set()
    cut: dict[int, str] = {}
    for kind, btext, pos, reason in _sort_body(tf_blocks, title, caption_texts):
        if btext:
            found = page.find(btext, cursor)
            if found >= 0:
                cursor = found + min(len(btext), 60)
                if reason:
                    _cover(page, found, len(btext), set(), cut, reason)
                else:
                    _cover(page, found, len(btext), covered, cut, "")
            if not reason:
                kept.append((kind, btext, found))

    # place each figure, and each picture inside the article, before the first kept block that
    # follows it in the page
    positions = [pos for _, _, pos in kept if pos >= 0]
    first, last = (positions[0], positions[-1]) if positions else (0, -1)
    fig_srcs = {f.src for f in figures if f.src}
    visuals = [(page.figure_at.get(f.key, 1 << 60), i, f) for i, f in enumerate(figures)]
    visuals += [(off, len(figures) + i, Block(IMAGE, alt, src=src)) for i, (off, src, alt) in enumerate(page.images)
                if first < off < last and src not in fig_srcs]
    # posts quoted from social networks inside the article, when the extractor left them out
    for n, embed in enumerate(page.embeds):
        if embed and first < page.blocks[embed.start][0] < last and not any(i in covered for i in embed):
            for k, i in enumerate(embed):
                covered.add(i)
                visuals.append((page.blocks[i][0], 1_000_000 + n * 1000 + k, Block(PARAGRAPH, page.blocks[i][1])))
    visuals.sort(key=lambda v: (v[0], v[1]))
    blocks: list[Block] = []
    vi = 0
    last_pos = -1
    for kind, btext, pos in kept:
        if pos >= 0:
            last_pos = pos
        while vi < len(visuals) and visuals[vi][0] <= max(last_pos, 0):
            _add_visual(blocks, visuals[vi][2])
            vi += 1
        blocks.append(Block(kind, btext))
    for v in visuals[vi:]:
        _add_visual(blocks, v[2])

    # everything else the page shows is kept as removed, with where it came from
    title_tokens = tokens(title)
    for idx, (start, btext, ctx) in enumerate(page.blocks):
        if idx in covered or ctx == _CAPTION:
            continue
        if title_tokens and tokens(btext) == title_tokens:
            continue
        reason = cut.get(idx) or ctx or _OUTSIDE
        if removed and removed[-1].reason == reason:
            removed[-1] = Block(PARAGRAPH, removed[-1].text + "\n" + btext, reason=reason)
        else:
            removed.append(Block(PARAGRAPH, btext, reason=reason))

    return Cleaned(
        title=title,
        blocks=blocks,
        removed=removed,
        source=site,
        author=author(meta, root),
        published=published(meta, root, url),
        url=url,
        notices=notices,
    )


def _cover(page: _PageText, pos: int, length: int, covered: set[int], cut: dict[int, str], reason: str) -> None:
    """Mark the page blocks a body block spans: kept (`covered`) or cut for `reason`."""
    i = bisect.bisect_right(page.starts, pos) - 1
    end = pos + length
    while 0 <= i < len(page.starts) and page.starts[i] < end:
        if reason:
            cut.setdefault(i, reason)
        else:
            covered.add(i)
        i += 1


_WORDS = re.compile(r"\w+")
# Lead-ins of links to other stories: "Related:", "READ MORE:", "Don't miss", "Leia também" ...
_TEASER = re.compile(
    r"^\s*(?:related(?: articles?| stories| posts?| content| coverage| links?| reading)?|read more|see more|more|"
    r"read also|also read|read next|don'?t miss|recommended(?: for you)?|you may also like|you might also like|"
    r"see also|further reading|most read|trending(?: now)?|leggi anche|leia também|leia mais|veja também|"
    r"lire aussi|à lire aussi|lees ook|lesen sie auch|mehr zum thema|lea también|ver también|"
    r"читайте также|читайте также:|関連記事)\s*(?::|\||-|–|—|»|›|>)?\s*",
    re.I,
)
_BYLINE = re.compile(r"^(?:by|por|di|von|par|door|av|af|written by|posted by|publicado por|publié par)\s+\S", re.I)
_LINK_LIST_SHARE = 0.8  # a block with this much of its text in links ...
_LINK_LIST_WORDS = 40  # ... and no more words than this is a link to elsewhere, not article text


def _sort_body(blocks, title: str, captions: list[str]):
    """(kind, text, -1, reason) for each extractor block; reason "" for the blocks kept."""
    from reader.ingest.dates import parse_date

    out = []
    after_teaser = False
    kept = 0
    # a caption can match (token F1 >= 0.8) only a block of about its length: 2/3 to 3/2 of it
    sized = [(len(tokens(c)), c) for c in captions]
    for kind, text, links in blocks:
        n = len(_WORDS.findall(text))
        reason = ""
        if kept < 3 and "\n" in text:
            # the headline and a date line glued to the first paragraph by <br>
            lines = text.split("\n")
            head = []
            while lines and (_is_title_line(lines[0], title) or _is_date_line(lines[0], parse_date)):
                head.append(lines.pop(0))
            if head:
                out.append((kind, "\n".join(head), -1, "headline, byline or date"))
                text = "\n".join(lines)
                n = len(_WORDS.findall(text))
                if not text:
                    continue
        teaser = _TEASER.match(text)
        if kept == 0 and title and token_f1(title, text) >= 0.9:
            reason = "headline"
        elif kept < 3 and _is_date_line(text, parse_date):
            reason = "byline or date"
        elif sized and _matches_caption(text, sized):
            reason = "caption"  # shown as the caption it is
        elif teaser and teaser.end() == len(text):
            reason = "related links"
            after_teaser = True
        elif teaser and links >= 0.5 and n <= _LINK_LIST_WORDS:
            reason = "related links"
        elif links >= _LINK_LIST_SHARE and n <= _LINK_LIST_WORDS:
            reason = "related links" if after_teaser else "links to other pages"
        if reason == "caption":
            out.append((kind, text, -1, "caption"))
            continue
        if not reason:
            after_teaser = False
            kept += 1
        out.append((kind, text, -1, reason))
    # captions are shown as captions, not as cut text
    return [(k, t, p, r) if r != "caption" else (k, "", p, r) for k, t, p, r in out]


def _matches_caption(text: str, sized: list[tuple[int, str]]) -> bool:
    n = len(tokens(text))
    return any(2 * n >= 1.3 * m and 2 * m >= 1.3 * n and token_f1(c, text) >= 0.8 for m, c in sized)


def _is_title_line(line: str, title: str) -> bool:
    return bool(title) and token_f1(title, line) >= 0.9


def _is_date_line(line: str, parse_date) -> bool:
    n = len(_WORDS.findall(line))
    return 0 < n <= 14 and bool(parse_date(line) or _BYLINE.match(line) and n <= 8)


def _add_visual(blocks: list[Block], fig) -> None:
    if isinstance(fig, Block) and fig.kind != IMAGE:
        blocks.append(fig)
        return
    if isinstance(fig, Block):
        if not any(b.src == fig.src for b in blocks[-3:]):
            blocks.append(fig)
        return
    if fig.src:
        blocks.append(Block(IMAGE, fig.alt, src=fig.src))
    blocks.append(Block(CAPTION, fig.caption, credit=fig.credit))


# ---------------------------------------------------------------- last resort

_DROP = re.compile(r"<(script|style|noscript|template|svg|head)\b.*?</\1\s*>", re.S | re.I)
_BREAK = re.compile(r"<\s*/?\s*(p|div|br|h[1-6]|li|tr|section|article|figure|figcaption|blockquote|header|footer)\b[^>]*>",
                    re.I)
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)


def _plain_fallback(page: str) -> Cleaned:
    """The page's text without markup, for pages no parser makes sense of."""
    try:
        m = _TITLE.search(page[:200_000])
        title = clean(htmlmod.unescape(_TAG.sub(" ", m.group(1)))) if m else ""
        body = htmlmod.unescape(_TAG.sub(" ", _BREAK.sub("\n\n", _DROP.sub(" ", page))))
        blocks = [Block(PARAGRAPH, t) for t in (clean(p) for p in re.split(r"\n\s*\n", body)) if t]
        return Cleaned(title=title, blocks=blocks, notices=[NO_ARTICLE_NOTICE] if blocks else [])
    except Exception:  # noqa: BLE001
        return Cleaned(title="", blocks=[])
