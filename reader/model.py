"""Plain data passed between the layers: articles, their blocks, quotes and tags."""

from __future__ import annotations

from dataclasses import dataclass, field

def articles(n: int) -> str:
    """ "1 article", "2,400 articles": a count of articles as a person writes it."""
    return f"{n:,} article" if n == 1 else f"{n:,} articles"


# Kinds of Block.  Stored as text in the library, so never renamed once shipped.
HEADING = "heading"
PARAGRAPH = "paragraph"
CAPTION = "caption"
IMAGE = "image"
ITEM = "item"  # one item of a list in the article (consecutive items make one list)
BLOCK_KINDS = (HEADING, PARAGRAPH, CAPTION, IMAGE, ITEM)


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of a cleaned article; its text is plain text, never markup."""

    kind: str
    text: str
    credit: str = ""  # captions: the photo credit, kept apart from the caption
    src: str = ""  # images: name of the resource stored with the article
    reason: str = ""  # blocks cut as noise: why they were cut

    def __init__(self, kind: str, text: str, credit: str = "", src: str = "", reason: str = "") -> None:
        # Written out to set the slots straight through their descriptors: the generated
        # frozen __init__ goes through object.__setattr__ five times (0.74 µs a block, against
        # 0.45), and the cleaners make ~190 blocks an article.
        _set_kind(self, kind)
        _set_text(self, text)
        _set_credit(self, credit)
        _set_src(self, src)
        _set_reason(self, reason)

    def to_dict(self) -> dict:
        # Written out field by field: called for every kept and cut block of every import.
        d = {"kind": self.kind, "text": self.text}
        if self.credit:
            d["credit"] = self.credit
        if self.src:
            d["src"] = self.src
        if self.reason:
            d["reason"] = self.reason
        return d

    @classmethod
    def from_dict(cls, d: dict) -> Block:
        return cls(
            kind=d["kind"],
            text=d.get("text", ""),
            credit=d.get("credit", ""),
            src=d.get("src", ""),
            reason=d.get("reason", ""),
        )


_set_kind, _set_text, _set_credit, _set_src, _set_reason = (
    getattr(Block, name).__set__ for name in ("kind", "text", "credit", "src", "reason"))


@dataclass(slots=True)
class Cleaned:
    """What a cleaner makes of one input: the article's parts and what it cut."""

    title: str
    blocks: list[Block]
    removed: list[Block] = field(default_factory=list)  # each with a reason
    source: str = ""
    author: str = ""
    published: str = ""  # ISO 8601 date or date-time; "" when unknown
    reading_time: int | None = None  # minutes, when the page printed it
    url: str = ""
    tags: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # said to the user at import


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote: a span of text between quote marks, and who said it."""

    start: int  # offset of the opening quote mark
    end: int  # offset just past the closing quote mark
    speaker: str = ""  # fullest name the article gives the speaker; "" if unknown
    mention: str = ""  # the words that name the speaker near the quote ("he", "Peskov")
    speaker_start: int | None = None
    speaker_end: int | None = None
    block: int | None = None  # index into Article.blocks; -1 is the title

    def to_dict(self) -> dict:
        return {
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "mention": self.mention,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "block": self.block,
        }

    @classmethod
    def from_dict(cls, d: dict) -> Quote:
        return cls(**{k: d.get(k) for k in cls.__slots__ if k in d})


@dataclass(slots=True)
class Original:
    """The bytes the user imported, kept exactly as they came."""

    data: bytes
    format: str  # "text", "markdown", "html", "json"
    encoding: str  # as detected; "" for binary-safe formats
    name: str = ""  # file name or "clipboard" / URL


@dataclass(slots=True)
class Article:
    """An article as stored in the library."""

    title: str
    blocks: list[Block]
    id: int | None = None
    source: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    imported_at: str = ""
    reading_time: int | None = None
    word_count: int = 0
    is_read: bool = False
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    removed: list[Block] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    original: Original | None = None
    content_hash: str = ""
    cleaner_version: int = 0


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """The few fields the article list shows, fetched lazily per row."""

    id: int
    title: str
    source: str
    published: str
    imported_at: str
    tags: tuple[str, ...]
    is_read: bool
    starred: bool
