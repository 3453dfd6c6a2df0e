"""Figures of a saved page: each picture's caption, its photo credit kept apart, and the image."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from reader.ingest.captions import (
    is_credit_line,
    is_truncated_copy,
    split_credit,
    strip_caption_label,
    without_truncation_mark,
)
from reader.ingest.html_meta import clean, token_f1, tokens

MARK = "data-reader-figure"  # set on each caption element so the page walk can place it

_MEDIA = {"img", "picture", "video", "iframe", "amp-img", "amp-video", "amp-iframe", "svg", "object", "embed"}
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-srcset", "data-lazy", "data-url", "data-hi-res-src")
_CAPTION_TOKEN = re.compile(r"caption", re.I)
# class tokens that mention captions without being one: state flags, controls, ads, links
_NOT_CAPTION_TOKEN = re.compile(
    r"^(?:has|no|with|without|show|hide|toggle|is)[-_]?|captioning|[-_](?:link|toggle|button|btn|icon|control|"
    r"trigger|count|counter|wrap|wrapper|container)s?$|^ad|[-_]ad(?:[-_]|$)|adcaption|caption(?:ed|less)$",
    re.I,
)
_CREDIT_CLASS = re.compile(r"credit|copyright|copywrite|attribution|source|byline|courtesy|photographer", re.I)
_CREDIT_ITEMPROP = re.compile(r"copyrightholder|creator|author|copyrightnotice|creditText", re.I)
_HIDDEN_CLASS = re.compile(r"(?:^|[-_ ])(?:sr[-_]only|visually[-_]?hidden|screen[-_]?reader|offscreen|a11y|"
                           r"assistive|u-hidden|hidden|element-invisible|show-for-sr)(?:$|[-_ ])", re.I)
_EXCLUDED_TAGS = {"nav", "footer", "aside", "a", "button"}
_EXCLUDED_BLOCK = re.compile(
    r"related|trending|teaser|promo|most[-_]?read|most[-_]?popular|recommend|more[-_]stories|read[-_]?more|"
    r"outbrain|taboola|newsletter|sponsor|advert|(?:^|[-_ ])ads?(?:$|[-_ ])|carousel[-_]item|card[-_]list",
    re.I,
)
_COUNTER = re.compile(r"^\s*(?:\d+\s*(?:of|/|из|de|di|von)\s*\d+|\d+\s*(?:comments?|photos?|images?))\s*", re.I)
_PLAYER = re.compile(r"playback (?:is )?(?:not supported|unsupported)|unsupported on your device|"
                     r"browser does not support|enable javascript|javascript (?:is )?(?:disabled|required)", re.I)
_UI_TEXT = re.compile(r"^(?:advertisement|ad|live|play|watch|video|close|expand|enlarge|hide caption|"
                      r"toggle caption|show caption|view gallery|open gallery|\d+ photos?)$", re.I)


@dataclass(slots=True)
class Figure:
    caption: str
    credit: str
    src: str
    alt: str
    key: int  # the MARK value set on the caption element


def _classes(el) -> str:
    try:
        return (el.get("class") or "") + " " + (el.get("id") or "")
    except (TypeError, ValueError):
        return ""


def _is_caption_element(el) -> bool:
    if el.tag == "figcaption":
        return True
    cls = el.get("class")
    if not cls or "caption" not in cls.lower():
        return False
    return any(_CAPTION_TOKEN.search(t) and not _NOT_CAPTION_TOKEN.search(t) for t in cls.split())


def _excluded(el) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _EXCLUDED_TAGS or (anc.tag == "a" or anc.get("role") in ("navigation", "complementary")):
            return True
        if _EXCLUDED_BLOCK.search(_classes(anc)):
            return True
    return False


def _has_media(el) -> bool:
    if el.tag in _MEDIA:
        return True
    for d in el.iter():
        if d.tag in _MEDIA or (isinstance(d.tag, str) and any(d.get(a) for a in _LAZY_ATTRS)):
            return True
    return False


_PLACEHOLDER_HINT = re.compile(r"placeholder|lazy|picture|image|img|photo|video|media", re.I)


def _has_placeholder(figure) -> bool:
    """True when a <figure> holds an element standing in for a picture that scripts would load."""
    for d in figure.iterdescendants():
        if isinstance(d.tag, str) and d.tag not in ("figcaption", "span", "p", "a"):
            if any(_PLACEHOLDER_HINT.search(v) for k, v in d.attrib.items() if k == "class" or k.startswith("data-")):
                return True
    return False


def _texts(el, skip: list) -> str:
    """Text nodes of `el` in document order joined by spaces, without `skip` and hidden labels."""
    out: list[str] = []
    skip_ids = {id(s) for s in skip}
    walker = etree.iterwalk(el, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node is not el and (
                id(node) in skip_ids or node.tag in ("script", "style", "button", "noscript", "template")
                or _HIDDEN_CLASS.search(node.get("class") or "")
            ):
                walker.skip_subtree()
                continue
            if node.text:
                out.append(node.text)
        elif node is not el and node.tail:
            out.append(node.tail)
    return clean(" ".join(out))


def _credit_elements(cap, figure) -> list:
    found = []
    for d in cap.iterdescendants():
        if not isinstance(d.tag, str):
            continue
        if (
            _CREDIT_CLASS.search(d.get("class") or "")
            or _CREDIT_ITEMPROP.search(d.get("itemprop") or "")
            or d.tag == "small"
        ):
            if not any(a in found for a in d.iterancestors()):
                found.append(d)
    if not found:
        for child in cap:
            if isinstance(child.tag, str) and is_credit_line(clean(child.text_content())):
                found.append(child)
    return found


def _sibling_credit(cap, figure) -> str:
    nxt = cap.getnext()
    candidates = [nxt] if nxt is not None else []
    if figure is not None and figure.tag == "figure":
        candidates += [d for d in figure.iterdescendants() if isinstance(d.tag, str) and d is not cap]
    for c in candidates:
        if c is None or not isinstance(c.tag, str) or cap in c.iterancestors() or c in cap.iterancestors():
            continue
        text = clean(c.text_content())
        if not text or len(text) > 200:
            continue
        if _CREDIT_CLASS.search(c.get("class") or "") or _CREDIT_ITEMPROP.search(c.get("itemprop") or "") or (
            c is nxt and is_credit_line(text)
        ):
            return text
    return ""


_PLACEHOLDER = re.compile(r"placeholder|preload|blank|spacer|loading|lazy|1x1|pixel|transparent|grey|gray|\.gif(?:$|\?)",
                          re.I)


def _lazy_src(img) -> str:
    for a in _LAZY_ATTRS + ("srcset",):
        v = (img.get(a) or "").strip()
        if v and not v.startswith("data:"):
            return v.split(",")[0].strip().split(" ")[0]
    return ""


def image_of(container) -> tuple[str, str]:
    """(src as the page gives it, alt) of the first picture in `container`; a lazy-loading
    page's real address (data-src ...) when its src is a placeholder."""
    for img in container.iter("img", "amp-img"):
        src = (img.get("src") or "").strip()
        if not src or src.startswith(("data:", "about:")) or _PLACEHOLDER.search(src):
            src = _lazy_src(img) or ("" if not src or src.startswith(("data:", "about:")) else src)
        if src:
            return src, clean(img.get("alt") or "")
    for source in container.iter("source"):
        src = _lazy_src(source)
        if src:
            return src, ""
    return "", ""


def _container(cap):
    """The figure a caption belongs to, or the small block around it that holds the picture."""
    for anc in cap.iterancestors():
        if anc.tag == "figure":
            return anc if _has_media(anc) or _has_placeholder(anc) else None
        if anc.tag in ("body", "article", "main", "section"):
            break
    node = cap
    for _ in range(3):
        parent = node.getparent()
        if parent is None:
            break
        for sib in (node.getprevious(), node.getnext()):
            if sib is not None and isinstance(sib.tag, str) and _has_media(sib):
                return parent
        if _has_media(parent) and len(parent.text_content() or "") < 3 * len(cap.text_content() or "") + 400:
            return parent
        node = parent
    return None


_STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table"}
_EXPANDER = re.compile(r"\s*(?:\.\.\.|…)\s*\[\+\]\s*")


def _read_caption(el) -> Figure | None:
    """The caption an element holds, or None when it is not one (see find_figures)."""
    if _excluded(el):
        return None
    if any(isinstance(d.tag, str) and d.tag in _STRUCTURE for d in el.iterdescendants()):
        return None  # a teaser or a link list, not a caption
    container = _container(el)
    if container is None:
        return None
    credit_els = _credit_elements(el, container)
    credit = clean(" ".join(_texts(c, []) for c in credit_els))
    text = _texts(el, credit_els + _repeated_children(el, credit_els))
    text = _EXPANDER.sub(" ", strip_caption_label(text)).strip()
    text = _COUNTER.sub("", text)
    if is_truncated_copy(text):
        text = without_truncation_mark(text)
    if not text or _UI_TEXT.match(text) or _PLAYER.search(text):
        return None
    if is_credit_line(text):
        return None  # a credit on its own is not a caption
    if not credit:
        credit = _sibling_credit(el, container)
    if not credit:
        text, credit = split_credit(text)
    n = len(tokens(text))
    if n < 3 or n > 150:
        return None
    link_chars = sum(len(a.text_content() or "") for a in el.iter("a"))
    if link_chars * 2 > len(el.text_content() or "") > 0:
        return None
    src, alt = image_of(container)
    return Figure(caption=text, credit=credit, src=src, alt=alt, key=-1)


def _repeated_children(el, skip: list) -> list:
    """Children that repeat an earlier child's text: the short and the full form of one caption."""
    seen: list[str] = []
    out = []
    for child in el:
        if not isinstance(child.tag, str) or child in skip:
            continue
        t = _texts(child, [])
        if not t:
            continue
        if any(_contained(t, s) for s in seen):
            out.append(child)
        else:
            seen.append(t)
    return out


def find_figures(root) -> list[Figure]:
    """Captions of the page's pictures, in page order; each caption element gets MARK set.

    A caption is a <figcaption> or an element with a class naming a caption, attached to a
    picture, video or embed (in its <figure>, or a small block around it), outside navigation,
    footers, sidebars, links and related-story blocks; 3-150 words; its credit (an element
    marked as one, or a credit-only child or sibling) kept apart; a caption inside a caption is
    the outer one's; near-duplicates keep the first."""
    figures: list[Figure] = []
    taken: list = []
    for el in root.iter():
        if not isinstance(el.tag, str) or not _is_caption_element(el):
            continue
        if any(t in el.iterancestors() for t in taken[-3:]):
            continue  # inside a caption already read
        fig = _read_caption(el)
        if fig is None:
            continue
        taken.append(el)
        if any(token_f1(f.caption, fig.caption) >= 0.8 or _contained(f.caption, fig.caption) for f in figures):
            continue
        fig.key = len(figures)
        el.set(MARK, str(fig.key))
        figures.append(fig)
    return figures


def _contained(a: str, b: str) -> bool:
    """True when 90 % of the shorter text's words are in the longer one."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    short, long_ = (ta, tb) if sum(ta.values()) <= sum(tb.values()) else (tb, ta)
    n = sum(short.values())
    return n > 0 and sum((short & long_).values()) >= 0.9 * n
