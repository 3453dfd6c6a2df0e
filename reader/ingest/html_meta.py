"""A saved page's metadata: headline, site name, author, publication date and canonical URL."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from urllib.parse import urlsplit

from reader.ingest.dates import parse_date

_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
# " | Site", " - Site", " — Site", " :: Site", " · Site", " » Site", " / Site"
_TITLE_SEP = re.compile(r"\s+(?:[|–—:·•»«/\\~-]|::|-{2})\s+|\s*\|\s*")
_ISO = re.compile(
    r"^\s*(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,]\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?)?"
)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_BY = re.compile(r"^\s*(?:by|von|por|par|di|door|av|af|автор:?)\s+", re.I)


def clean(text: str | None) -> str:
    """NFC and collapsed white space: the only change made to any text taken from a page."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _WORD.findall(unicodedata.normalize("NFKC", text or ""))]


def token_f1(a: str, b: str) -> float:
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(tb.values()), common / sum(ta.values())
    return 2 * p * r / (p + r)


class PageMeta:
    """What the page's <head>, JSON-LD and microdata say about the article."""

    def __init__(self, root, raw: str):
        self.meta: dict[str, list[str]] = {}
        self.jsonld: list[dict] = []
        self.canonical = ""
        self.html_title = ""
        self.saved_from = ""
        m = _SAVED_FROM.search(raw[:4096])
        if m:
            self.saved_from = m.group(1)
        for el in root.iter("meta", "link", "title", "script"):
            tag = el.tag
            if tag == "meta":
                key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
                value = el.get("content")
                if key and value and value.strip():
                    self.meta.setdefault(key, []).append(clean(value))
            elif tag == "link":
                rel = (el.get("rel") or "").lower().split()
                if "canonical" in rel and not self.canonical:
                    self.canonical = (el.get("href") or "").strip()
            elif tag == "title":
                if not self.html_title:
                    self.html_title = clean(el.text_content())
            elif (el.get("type") or "").lower().strip() == "application/ld+json":
                self._read_jsonld(el.text or "")

    def _read_jsonld(self, text: str) -> None:
        if len(text) > 2_000_000:
            return
        try:
            data = json.loads(text.strip().rstrip(";"))
        except (ValueError, RecursionError):
            return
        stack, seen = [data], 0
        while stack and seen < 200:
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and ("Article" in t or t in ("BlogPosting", "Report", "WebPage"))
                       for t in types):
                    self.jsonld.append(item)

    def first(self, *keys: str) -> str:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return ""

    def ld(self, key: str) -> list:
        """Values of `key` in the JSON-LD articles, articles before plain web pages."""
        out = []
        for item in sorted(self.jsonld, key=lambda d: "WebPage" in str(d.get("@type"))):
            if key in item:
                out.append(item[key])
        return out


def _ld_names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        return [name] if isinstance(name, str) else []
    if isinstance(value, list):
        return [n for v in value[:10] for n in _ld_names(v)]
    return []


def site_name(meta: PageMeta) -> str:
    name = meta.first("og:site_name", "application-name", "al:android:app_name", "al:ios:app_name",
                      "twitter:app:name:iphone")
    if not name:
        for pub in meta.ld("publisher"):
            names = _ld_names(pub)
            if names:
                name = clean(names[0])
                break
    # "Site | Section | Section" in og:site_name: the site is the first part
    return re.split(r"\s+[|•·]\s+", name, maxsplit=1)[0].strip() if name else ""


def page_url(meta: PageMeta) -> str:
    for candidate in (meta.canonical, meta.first("og:url", "twitter:url"), *meta.ld("url"), meta.saved_from):
        if isinstance(candidate, str) and re.match(r"^https?://[^\s/]+", candidate.strip()):
            return candidate.strip()
    return ""


def _host_words(url: str) -> list[str]:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return []
    parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "com", "co", "org", "net", "uk", "br",
                                                      "it", "de", "fr", "es", "ru", "jp", "in", "au", "news", "cdn", "img", "images",
                                                      "static", "media", "assets", "s", "i")]
    return [p.casefold() for p in parts]


def _is_site_part(part: str, site: str, hosts: list[str]) -> bool:
    """True when a piece cut from a <title> names the site rather than the article."""
    if not part:
        return False
    if site and (token_f1(part, site) >= 0.6 or tokens(part) and " ".join(tokens(site)) in " ".join(tokens(part))
                 and len(tokens(part)) <= len(tokens(site)) + 2):
        return True
    squashed = "".join(tokens(part))
    return bool(squashed) and any(h and (squashed == h.replace("-", "") or squashed in h.replace("-", "")
                                          and len(squashed) >= 4) for h in hosts)


def strip_site(title: str, site: str, hosts: list[str]) -> str:
    """The title without a leading or trailing site name ("Headline | Site", "Site - Headline")."""
    pieces = _TITLE_SEP.split(title)
    if len(pieces) < 2:
        return title
    seps = _TITLE_SEP.findall(title)
    # trailing site name(s)
    while len(pieces) > 1 and _is_site_part(pieces[-1], site, hosts):
        pieces.pop()
        seps.pop()
    while len(pieces) > 1 and _is_site_part(pieces[0], site, hosts):
        pieces.pop(0)
        seps.pop(0)
    out = pieces[0]
    for sep, piece in zip(seps, pieces[1:]):
        out += sep + piece
    return out.strip()


def choose_title(meta: PageMeta, h1s: list[str], site: str, url: str) -> str:
    """The headline the page's title sources agree on: an <h1> that matches og:title,
    twitter:title or <title>; else og:title or <title> without the site's name."""
    hosts = _host_words(url)
    # the page's own pictures are most often on its own host: a hint at its name when no URL is given
    for key, values in meta.meta.items():
        if key.startswith(("og:image", "twitter:image")):
            hosts += [h for v in values[:1] for h in _host_words(v)]
    og = meta.first("og:title", "twitter:title")
    tw = meta.first("twitter:title")
    headline = next((clean(h) for h in meta.ld("headline") if isinstance(h, str)), "")
    refs = [t for t in (og, tw, meta.html_title) if t] or ([headline] if headline else [])
    best, best_f = "", 0.0
    for h in h1s:
        if not h or len(h) > 400:
            continue
        f = max((token_f1(r, h) for r in refs), default=0.0)
        if f > best_f + 1e-9:
            best, best_f = h, f
    if best and best_f >= 0.5:
        return best
    for candidate in (og, headline, meta.html_title):
        if candidate:
            stripped = strip_site(candidate, site, hosts)
            if stripped:
                return stripped
    return h1s[0] if h1s else ""


def author(meta: PageMeta, root) -> str:
    names: list[str] = []
    for value in meta.ld("author"):
        names += [clean(n) for n in _ld_names(value)]
    if not names:
        for key in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl",
                    "twitter:creator"):
            for value in meta.meta.get(key, ()):
                if value and not re.match(r"^(https?:|www\.|@)", value):
                    names.append(_BY.sub("", value))
            if names:
                break
    if not names:
        try:
            els = root.xpath('//*[@rel="author" or @itemprop="author"][not(self::meta) and not(self::link)]')
        except Exception:  # noqa: BLE001 - lxml raises several kinds on odd trees
            els = []
        for el in els[:3]:
            text = clean(el.text_content())
            if 2 <= len(text) <= 80:
                names.append(_BY.sub("", text))
                break
    seen: list[str] = []
    for n in names:
        n = _BY.sub("", n).strip(" ,;|")
        if n and len(n) <= 100 and n not in seen:
            seen.append(n)
    return ", ".join(seen[:4])


def _iso(value: str) -> str:
    m = _ISO.match(value or "")
    if not m:
        return ""
    y, mo, d, hh, mm, ss, tz = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31 and 1900 <= int(y) <= 2100):
        return ""
    out = f"{y}-{mo}-{d}"
    if hh is not None:
        out += f"T{hh}:{mm}" + (f":{ss}" if ss else "")
        if tz:
            out += "Z" if tz == "Z" else (tz if ":" in tz else tz[:3] + ":" + tz[3:])
    return out


def published(meta: PageMeta, root, url: str = "") -> str:
    candidates = [
        meta.first("article:published_time", "og:published_time", "published_time", "datepublished",
                   "article.published", "pubdate", "publishdate", "publish-date", "parsely-pub-date",
                   "sailthru.date", "dc.date.issued", "dcterms.created", "dc.date", "date", "og:updated_time"),
    ]
    candidates += [v for v in meta.ld("datePublished") if isinstance(v, str)]
    for c in candidates:
        iso = _iso(c)
        if iso:
            return iso
    try:
        times = root.xpath('//*[@itemprop="datePublished"]|//time[@datetime]')
    except Exception:  # noqa: BLE001
        times = []
    for el in times[:5]:
        iso = _iso(el.get("datetime") or el.get("content") or "")
        if iso:
            return iso
    for c in candidates:
        if c:
            found = parse_date(c)
            if found:
                return found[0]
    for el in times[:5]:
        found = parse_date(clean(el.text_content())[:200])
        if found:
            return found[0]
    return _htmldate(root, url)


def _htmldate(root, url: str) -> str:
    """htmldate's guess from the page's visible dates and URL (its quick search only)."""
    try:
        from htmldate import find_date

        found = find_date(root, url=url or None, extensive_search=False, original_date=True,
                          outputformat="%Y-%m-%d")
    except Exception:  # noqa: BLE001 - a date is a nicety; a page that puzzles htmldate still imports
        return ""
    return _iso(found or "")
