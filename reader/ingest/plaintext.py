"""Plain text copied from a news page → a clean article (headline, metadata, captions, body)."""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from itertools import accumulate, chain
from typing import Final, cast

import ahocorasick_rs

from reader.ingest.boilerplate import (
    PHRASE_WORDS,
    PHRASES,
    SHORT_WORDS,
    is_appeal_start,
    reason_of_lowered,
    starts_furniture_section,
    starts_teaser_list,
    trigger_table,
)
from reader.ingest.captions import (
    has_odd_fold,
    credit_kind,
    is_credit_line,
    BARE_MARKER,
    is_truncated_copy,
    labelled_caption,
    split_credit,
    split_leading_credit,
    strip_caption_label,
    without_truncation_mark,
)
from reader.ingest.dates import parse_date
from reader.ingest.linemodel import (
    QUOTE_MARKS,
    GLUED_HINT,
    SHORT_HINTS,
    Features,
    _wbucket,
    best_segment,
    score,
    short_flags,
    smooth,
    text_flags,
)
from reader.model import CAPTION, HEADING, ITEM, PARAGRAPH, Block, Cleaned
from reader.patterns import class_ranges, lower

CLEANER_VERSION: Final = 7

NO_ARTICLE_NOTICE: Final = "No article text was recognised; everything was kept as body."

_SPACES: Final = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_WORD: Final = re.compile(r"\w+")
_DIGIT: Final = re.compile(r"\d")
# Han, kana: scripts written without spaces, where one \w+ run is a whole sentence.
_CJK_RANGES: Final = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK: Final = re.compile(f"[{_CJK_RANGES}]")
_TERMINAL_CHARS: Final = ".!?…。！？:;»\"”’')]）」』"
_SENTENCE_CHARS: Final = ".!?…。！？"
_CLOSERS: Final = "\"”’'»)]）」』"
_YEAR: Final = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# The same matches, found faster: the pattern opens on its digits (the engine skips to them),
# and "no digit before" is tested once the two digits are read.
_YEAR_SCAN: Final = re.compile(r"(?:19|20)(?<!\d\d\d)\d\d(?!\d)")
# the spaces of `_SPACES` but " "
_ODD_SPACES: Final = "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff"


def _collapse_spaces(text: str) -> str:
    """`_SPACES.sub(" ", text)` (each run of spaces becomes one space), twice as fast on a page."""
    for space in _ODD_SPACES:  # (a substring test each: faster than a pattern's scan)
        if space in text:
            text = text.replace(space, " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


_BYLINE: Final = re.compile(
    r"^(?:by|por|di|von|par|автор(?:ы)?:?|текст:?|written by|posted by|story by|reporting by)\s+"
    r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+(?:[^\W\d_][\w.'’-]*|&|and|и|e))*?)"
    r"(?=$|\s*[,|•·–—@(]|\s+(?:on|at|in|for|updated|published|\d))",
    re.I,
)
# a wire story's byline without "By": "Jane Roe and John Doe, Associated Press" (with one name,
# "Jane Roe, Reuters" is as often a photo's credit: that stays a credit)
_WIRE_NAME: Final = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}"
_WIRES: Final = ("Associated Press", "Reuters", "AFP", "Agence France-Presse", "Bloomberg News", "Bloomberg", "Xinhua",
          "Kyodo News", "Kyodo", "Yonhap", "dpa", "ANSA", "UPI", "PTI", "IANS", "CNN Wire", "CNN", "NPR")
_WIRE_BYLINE: Final = re.compile(
    r"^(?P<name>" + _WIRE_NAME + r"(?:(?:, | and | & )" + _WIRE_NAME + r")+),? (?:The )?(?:"
    + "|".join(re.escape(w) for w in _WIRES) + r")$"
)
_WIRE_ENDS: Final = tuple({w.split()[-1] for w in _WIRES})  # (a cheap test before the pattern)
_READING: Final = re.compile(
    r"(?:(?P<a>\d{1,3})\s*(?:-|\s)?\s*(?:min(?:ute)?s?\.?|мин(?:ут[ыа]?)?\.?)\s*(?:read|reading|de leitura|di lettura|"
    r"чтения|на чтение))|(?:(?:reading time|время чтения|tempo de leitura|tempo di lettura)\s*:?\s*(?P<b>\d{1,3}))",
    re.I,
)
_SOURCE_PATTERNS: Final = [
    re.compile(r"^a message from\s+(?P<s>.{2,60}?)\s*:?$", re.I),
    re.compile(r"^(?:support|subscribe to|donate to)\s+(?P<s>.{2,60}?)\s*[!.]?$", re.I),
    re.compile(r"^(?P<s>[^\W\d].{1,60}?)\s+[—–-]\s+support (?:our|independent) journalism\W*$", re.I),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<s>[^\W\d][^.|]{1,60}?)"
               r"(?:\.?\s*(?:all rights reserved|все права защищены|todos os direitos reservados|tutti i diritti "
               r"riservati).*|\.)?$", re.I),
]


_TRAILING_YEAR: Final = re.compile(r"[\s,]*(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?$")
_READING_HINT: Final = re.compile(r"min|мин|time|врем|tempo", re.I)
_SOURCE_HINT: Final = re.compile(r"^(a message|support|subscribe|donate)|©|\(c\)|copyright|journalism", re.I)


def normalise(text: str) -> str:
    """NFC and collapsed spaces: the only changes the cleaner makes to kept text."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


class _Line:
    """What a line of the page says about itself. (A plain class, not a dataclass: mypyc
    compiles its constructor, where a dataclass's generated __init__ stays Python.)"""

    __slots__ = ("text", "words", "terminal", "sentence", "isolated", "reason", "credit_line", "date", "byline",
                 "scan", "stem", "quote", "digit", "low", "odd", "hint", "glue", "teaser", "inner")

    def __init__(self, text: str, words: float, terminal: bool, sentence: bool, isolated: bool, reason: str,
                 credit_line: bool, date: str, byline: str, scan: bool = True, stem: bool = True,
                 quote: bool = False, digit: bool = False, low: str = "", odd: bool = True, hint: bool = True,
                 glue: bool = True, teaser: bool = True, inner: bool | None = None) -> None:
        self.text = text
        self.words = words
        self.terminal = terminal
        self.sentence = sentence  # ends like a sentence (., !, ? and closing quotes)
        self.isolated = isolated  # blank line (or text edge) on both sides
        self.reason = reason  # boilerplate reason, "" when none
        self.credit_line = credit_line
        self.date = date
        self.byline = byline
        self.scan = scan  # False when no `text_flags` pattern can match the line (see SHORT_HINTS)
        self.stem = stem  # False when the line holds none of `_CREDIT_STEMS` (nor an odd case fold)
        self.quote = quote  # holds a quotation mark (`linemodel._QUOTE`)
        self.digit = digit  # holds a decimal digit
        self.low = low  # the text lower-cased
        self.odd = odd  # the page holds a letter with an odd case fold (see captions.ODD_FOLD)
        self.hint = hint  # False when the line cannot name the publication (see `_SOURCE_HINT`)
        self.glue = glue  # False when GLUED_HINT finds nothing in the line (searched up to 40 words)
        self.teaser = teaser  # False when `_GLUE_HINT` finds nothing in the line (nor can `_GLUE`)
        # a sentence ends inside the line (". ", "? " or "! " in it)
        self.inner = (". " in text or "? " in text or "! " in text) if inner is None else inner

    def __repr__(self) -> str:
        return f"_Line({self.text!r}, words={self.words}, reason={self.reason!r})"


# marks a word never holds (none is a word character): "said," or "(“We" is one word
_EDGE_MARKS: Final = "!\"#$%&'()*+,-./:;<=>?@[\\]^`{|}~“”‘’«»„‹›—–…·•"


# each ASCII character as a byte: "a" for a word character, " " for any other
_ASCII_WORD_MARKS: Final = bytes(ord("a") if chr(c).isalnum() or c == ord("_") else ord(" ") for c in range(256))


def _word_count(text: str) -> int:
    """`len(_WORD.findall(text))`, the runs of word characters. In ASCII, the starts of the runs
    once each character is marked a word character or not; else token by token: most tokens
    are a word alone or with marks at its ends; the others go through the pattern."""
    if text.isascii():
        marks = text.encode().translate(_ASCII_WORD_MARKS)
        return marks.count(b" a") + (1 if marks.startswith(b"a") else 0)
    n = 0
    for tok in text.split():
        if tok.isalnum():
            n += 1
        else:
            core = tok.strip(_EDGE_MARKS)
            if not core:
                continue
            if core.isalnum():
                n += 1
            else:
                n += len(_WORD.findall(core))
    return n


def _count_words(text: str) -> float:
    """The words of a line: the runs of word characters, a Han or kana character counting as half
    a word (a script written without spaces)."""
    spaced, cjk = _CJK.subn(" ", text)
    return _word_count(spaced) + cjk / 2.0


# first letters `_BYLINE` can start with (case-insensitively, as the pattern matches)
_BYLINE_FIRST: Final = frozenset("BDPRSVWbdprsvwſАТатᲄᲅ")


def _lines(text: str) -> list[_Line]:
    # normalise the whole text at once (the same as `normalise` line by line, in one pass)
    whole = _collapse_spaces(unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
    stripped = [r.strip() for r in whole.split("\n")]
    # Page-wide scans over the joined lines stand in for per-line tests: which lines hold a
    # trigger word of the phrase patterns, a hint of the short-line flags, a quote, a digit
    # (and only a line with a digit is searched for a year).
    joined = "\n".join(stripped)
    starts = _starts(stripped)
    low_joined = lower(joined)
    low_lines = low_joined.split("\n")
    # (lower-casing keeps every line's length but where "İ" becomes two characters)
    low_starts = starts if len(low_joined) == len(joined) else _starts(low_lines)
    marks = _page_marks(joined, starts)
    if marks is None:  # Han or kana: words are counted otherwise, and every line is searched
        wc = None
        glued = _lines_matching(GLUED_HINT, joined, starts)
        digits = _lines_matching(_DIGIT, joined, starts)
        teasers = _lines_matching(_GLUE_HINT, joined, starts)
    else:
        digits, glued, teasers = marks
        wc = [_word_count(t) for t in stripped]
        glued = {i for i in glued if wc[i] <= 40}  # (the short-line flags count on lines of up to 40 words)
    odd = has_odd_fold(joined)
    # one pass over the lower-cased page finds the phrase patterns' trigger words (they count on
    # lines of up to PHRASE_WORDS), the credit words (they count when the page has no odd case
    # folds: see `_credit_tail_hint`), the quotation marks, the publication's words and the
    # short-line flags' hints (lower-cased: a line they mark may hold a flag; one they do not
    # mark, nor GLUED_HINT, holds none)
    hit: dict[int, set[int]] = {}
    stems: set[int] | None = None if odd else set()
    quotes: set[int] = set()
    sources: set[int] = set()
    scan = set(glued)
    inner: set[int] = set()
    for k, start, _end in _NEEDLES.find_matches_as_indexes(low_joined, overlapping=True):
        phrases, kind = _NEEDLE_VALUES[k]
        i = bisect_right(low_starts, start) - 1
        if phrases and (wc is None or wc[i] <= PHRASE_WORDS):
            if i in hit:
                hit[i].update(phrases)
            else:
                hit[i] = set(phrases)
        if kind:
            if kind & _STEM and stems is not None:
                stems.add(i)
            if kind & _QUOTE_MARK:
                quotes.add(i)
            if kind & _SOURCE_WORD:
                sources.add(i)
            if kind & _SHORT_HINT:
                scan.add(i)
            if kind & _INNER_STOP:
                inner.add(i)
    triggered = {i: [PHRASES[k] for k in sorted(ks)] for i, ks in hit.items()}
    out: list[_Line] = []
    last = len(stripped) - 1
    no_phrases: list = []
    seen: dict[str, tuple] = {}
    for i, t in enumerate(stripped):
        if not t:
            continue
        isolated = (i == 0 or not stripped[i - 1]) and (i == last or not stripped[i + 1])
        words = float(wc[i]) if wc is not None else _count_words(t)
        # what the text alone decides, read once per distinct line of the page
        read = seen.get(t)
        if read is None:
            date = ""
            if words <= 25 and i in digits and _YEAR_SCAN.search(t):
                found = parse_date(t)
                if found and len(t) - (found[1][1] - found[1][0]) < 90:
                    date = found[0]
            m = _BYLINE.match(t) if words <= 15 and t[0] in _BYLINE_FIRST else None
            if m is None and words <= 14 and ", " in t and t.endswith(_WIRE_ENDS):
                m = _WIRE_BYLINE.match(t)
            bare = t.rstrip(_CLOSERS)
            read = seen[t] = (
                bare[-1] in _SENTENCE_CHARS if bare else False,
                (reason_of_lowered(low_lines[i], words, triggered.get(i, no_phrases))
                 if words <= SHORT_WORDS or i in triggered else ""),
                words <= 12 and is_credit_line(t, odd),
                date,
                m.group("name").strip() if m else "",
            )
        out.append(
            _Line(
                t,
                words,
                t[-1] in _TERMINAL_CHARS,
                read[0],
                isolated,
                read[1],
                read[2],
                read[3],
                read[4],
                i in scan,
                stems is None or i in stems,
                i in quotes,
                i in digits,
                low_lines[i],
                stems is None,
                stems is None or i in sources,
                i in glued,
                i in teasers,
                i in inner,
            )
        )
    return out


def _starts(lines: list[str]) -> list[int]:
    """Where each of `lines` starts once they are joined by newlines (and one past the end)."""
    return [0, *accumulate([len(t) + 1 for t in lines])]


def _lines_matching(rx: re.Pattern[str], text: str, starts: list[int]) -> set[int]:
    """Numbers of the lines of `text` (lines starting at `starts`) where `rx` matches (a pattern
    that never spans a newline): one search per such line, each from the start of the next."""
    out: set[int] = set()
    search = rx.search
    m = search(text)
    while m:
        i = bisect_right(starts, m.start()) - 1
        out.add(i)
        m = search(text, starts[i + 1])
    return out


# The page scan for digits, glued teasers and Han or kana at once (`_page_marks`): a class of
# the characters any of them opens on, then lookbehinds to tell a glued teaser's capital. The
# decimal digits of the Basic Multilingual Plane are listed (what `\d` matches there: faster
# to test than its category); any character beyond it is let through and tested in Python.
_BMP_DECIMALS: Final = class_ranges([c for c in map(chr, range(0x10000)) if c.isdecimal()])
_BEYOND_BMP: Final = "\U00010000-\U0010ffff"
# where a glued teaser's headline may end (see `_GLUE`): a capital after two lower-case letters or
# digits (and a stop or quote). Every place GLUED_HINT finds is one of these.
_GLUE_BEHIND: Final = r"(?:(?<=[a-z0-9]{2}[A-Z])|(?<=[a-z0-9]{2}[.!?\"”’'][A-Z]))"
_GLUE_HINT: Final = re.compile("[A-Z]" + _GLUE_BEHIND)
# what follows the class: not a capital, or a capital after a letter, digit, stop or quote (most
# capitals follow a space: this rules them out at once) that `_GLUE_BEHIND` takes
_NOT_CAPITAL_OR_GLUE: Final = f"(?:(?<![A-Z])|(?<=[a-z0-9.!?\"”’'][A-Z]){_GLUE_BEHIND})"
_MARKS_ALL: Final = re.compile(f"[A-Z{_BMP_DECIMALS}{_CJK_RANGES}{_BEYOND_BMP}]{_NOT_CAPITAL_OR_GLUE}")
_MARKS_NO_DIGIT: Final = re.compile(f"[A-Z{_CJK_RANGES}]{_NOT_CAPITAL_OR_GLUE}")
_MARKS_NO_GLUED: Final = re.compile(f"[{_BMP_DECIMALS}{_CJK_RANGES}{_BEYOND_BMP}]")


def _page_marks(text: str, starts: list[int]) -> tuple[set[int], set[int], set[int]] | None:
    """The numbers of the lines (starting at `starts`) holding a decimal digit (`_DIGIT`), of those
    where GLUED_HINT matches and of those where `_GLUE_HINT` does, in one scan of the page; None
    when it holds Han or kana (`_CJK`). Once a line is known to hold one, the rest of the line is
    searched only for the others."""
    digits: set[int] = set()
    glued: set[int] = set()
    teasers: set[int] = set()
    m = _MARKS_ALL.search(text)
    while m is not None:
        p = m.start()
        c = text[p]
        i = bisect_right(starts, p) - 1
        if "A" <= c <= "Z":
            teasers.add(i)
            if GLUED_HINT.match(text, p):
                glued.add(i)
        elif c.isdecimal():
            digits.add(i)
        elif c <= "\uffff":
            return None  # (in the class, neither a capital nor a digit: Han or kana)
        end = starts[i + 1] - 1  # (the line's newline)
        if i not in digits:
            rx = _MARKS_ALL if i not in glued else _MARKS_NO_GLUED
        else:
            rx = _MARKS_NO_DIGIT if i not in glued else _CJK
        m = rx.search(text, p + 1, end)
        if m is None:
            m = _MARKS_ALL.search(text, end + 1)
    return digits, glued, teasers


def _content_score(line: _Line) -> float:
    """How much a line looks like article prose (positive) or page furniture (negative)."""
    if line.reason:
        return -max(4.0, line.words)
    if line.credit_line or line.byline or line.date:
        return -1.0
    w = line.words
    if w >= 10 and line.sentence:
        return min(w, 80.0)
    if w >= 6 and line.sentence:
        return w / 2
    if w >= 20:
        return w / 3
    return -1.5 if not line.isolated else -0.5


def _best_region(scores: list[float]) -> tuple[int, int, float]:
    """The run of lines with the largest total score (Kadane): the article body's home."""
    best, best_start, best_end = float("-inf"), 0, -1
    run, start = 0.0, 0
    for i, s in enumerate(scores):
        if run <= 0:
            run, start = s, i
        else:
            run += s
        if run > best:
            best, best_start, best_end = run, start, i
    return best_start, best_end + 1, best


# Lines that are never a headline: links, clocks, share and comment widgets.
_NOT_TITLE: Final = re.compile(
    r"^(https?:|www\.)|\b(shar(e|ing)|comments?|subscribe|sign up|newsletter|advertisement)\b|^[\W\d]*$|"
    r"\b\d{1,2}:\d\d\b|^\W*(home|blog|news)\W*(>|»|/)",
    re.I,
)


_NOT_TITLE_WORDS: Final = ("shar", "comment", "subscribe", "sign up", "newsletter", "advertisement")
# `_NOT_TITLE`'s branches one by one, each over the lower-cased line (case-insensitive without
# folding case letter by letter), each after a cheap test for what it needs
_NOT_TITLE_WORD: Final = re.compile(r"\b(shar(e|ing)|comments?|subscribe|sign up|newsletter|advertisement)\b")
_NO_LETTER: Final = re.compile(r"[\W\d]*")
_CLOCK: Final = re.compile(r"\b\d{1,2}:\d\d\b")
_NAV: Final = re.compile(r"\W*(home|blog|news)\W*(>|»|/)")


_LINK_OPENINGS: Final = ("http:", "https:", "www.")


def _not_title(ln: _Line) -> bool:
    """`_NOT_TITLE.search(ln.text)`: a link, a widget, a clock, a breadcrumb, no letter at all."""
    text, low = ln.text, ln.low
    if ln.odd and has_odd_fold(text):
        return _NOT_TITLE.search(text) is not None  # (lower-casing would not do)
    if low.startswith(_LINK_OPENINGS):
        return True
    for w in _NOT_TITLE_WORDS:
        if w in low:
            if _NOT_TITLE_WORD.search(low):
                return True
            break
    if not text[0].isalpha() and _NO_LETTER.fullmatch(text):
        return True
    if ":" in text and ln.digit and _CLOCK.search(text):
        return True
    return ("/" in text or ">" in text or "»" in text) and _NAV.match(low) is not None


def _source(lines: list[_Line]) -> str:
    hinted = [ln for ln in lines if ln.hint and ln.words <= 14 and _SOURCE_HINT.search(ln.text)]
    for rx in _SOURCE_PATTERNS:
        for ln in hinted:
            m = rx.search(ln.text)
            if m:
                s = m.group("s").strip(" .,:;!|—–-")
                s = re.sub(r"^the\s+", "", s)  # "Support the X!": "the" is not part of the name
                s = _TRAILING_YEAR.sub("", s)  # "© X 2019", "Copyright X, 2010-2024"
                if s and not re.match(r"^(us|our|independent|\d)", s, re.I):
                    return s
    return ""


class _Page:
    """One page's lines with the rule-based prose scores: the models' inputs."""

    __slots__ = ("lines", "scores", "start", "end", "counts", "blocks", "flag_lists", "first", "word_sets", "rows",
                 "short")

    def __init__(self, lines: list[_Line], scores: list[float], start: int, end: int, counts: dict[str, int],
                 blocks: dict[int, Block | None]) -> None:
        self.lines = lines
        self.scores = scores
        self.start = start  # densest region (Kadane) of prose
        self.end = end
        self.counts = counts
        self.blocks = blocks  # caption blocks found so far (see _caption_block)
        self.flag_lists: list[list[str] | None] | None = None
        self.first: list[float] | None = None  # the body model's first-stage logits (see body_logits)
        self.word_sets: dict[int, set[str]] | None = None
        self.rows: set[int] | None = None  # lines of a table in the article (see `_table`, `_table_under`)
        self.short: dict[int, list[str]] | None = None  # (see `short_flags`)

    def words_of(self, i: int) -> set[str]:
        """`_words_of` the text of line `i` (kept: do not change it)."""
        if self.word_sets is None:
            self.word_sets = {}
        ws = self.word_sets.get(i)
        if ws is None:
            ln = self.lines[i]
            if ln.text.isascii() and ln.low:
                ws = _long_words(ln.low)  # (in ASCII, case folding is lower-casing)
            else:
                # folding the whole line first finds the same folded words when it maps each
                # character to one of the same kind: "Straße" to "strasse" does not, nor does
                # the one mark that folds to a letter (U+0345, the Greek iota subscript)
                folded = ln.text.casefold()
                same = len(folded) == len(ln.text) and "\u0345" not in ln.text
                ws = _long_words(folded) if same else _words_of(ln.text)
            self.word_sets[i] = ws
        return ws

    def caption_block(self, i: int) -> Block | None:
        if i not in self.blocks:
            self.blocks[i] = _caption_block(self.lines, i)
        return self.blocks[i]

    def short_flags(self, i: int) -> list[str]:
        """The `_SHORT_FLAGS` that line `i` matches, sorted (for lines up to 40 words whose
        `scan` is set: see `text_flags`); kept, as both stages of the models read them."""
        if self.short is None:
            self.short = {}
        found = self.short.get(i)
        if found is None:
            ln = self.lines[i]
            found = self.short[i] = short_flags(ln.text, ln.glue)
        return found

    def flags(self) -> list[list[str]]:
        """`text_flags` of every line (shared: copy before changing one)."""
        return [self.flag(i) for i in range(len(self.lines))]

    def flag(self, i: int) -> list[str]:
        """`text_flags` of line `i` (shared: copy before changing it), from what `_lines` found
        on the page."""
        if self.flag_lists is None:
            self.flag_lists = [None] * len(self.lines)
        f = self.flag_lists[i]
        if f is not None:
            return f
        ln = self.lines[i]
        text = ln.text
        f = []
        if text[:1].islower():
            f.append("lowerstart")
        last = text[-1]
        if last == ":":
            f.append("colonend")
        elif last == ",":
            f.append("commaend")
        elif last in "?!":
            f.append("qend")
        if ln.inner:
            f.append("inner_sent")
        if ln.quote:
            f.append("quote")
        if ln.digit:
            f.append("digits")
        if ln.words <= 40:
            if text.isupper():
                f.append("allcaps")
            if ln.scan:
                f.extend(self.short_flags(i))
        self.flag_lists[i] = f
        return f


def prepare(lines: list[_Line]) -> _Page | None:
    """The lines with their prose scores, or None when no article stands out."""
    if not lines:
        return None
    scores = [_content_score(ln) for ln in lines]
    start, end, total = _best_region(scores)
    if total < 12:
        return None
    counts: dict[str, int] = {}
    for ln in lines:
        counts[ln.text] = counts.get(ln.text, 0) + 1
    return _Page(lines, scores, start, end, counts, {})


def _dist(d: int) -> str:
    return "0" if d <= 0 else "1" if d == 1 else "2-3" if d <= 3 else "4-10" if d <= 10 else "11-30" if d <= 30 else "31+"


def _own_features(page: _Page) -> list[list[str]]:
    lines = page.lines
    counts = page.counts
    start, end = page.start, page.end
    out: list[list[str]] = []
    section_seen = appeal_seen = False
    before = 0.0
    flags = page.flags()
    for i, ln in enumerate(lines):
        f = list(flags[i])
        if ln.sentence:
            f.append("sent")
        if ln.terminal:
            f.append("term")
        if ln.isolated:
            f.append("iso")
        if ln.reason:
            f.append("r:" + ln.reason)
        if ln.credit_line:
            f.append("credit")
        if ln.date:
            f.append("date")
        if ln.byline:
            f.append("byline")
        if counts[ln.text] > 1:
            f.append("repeated")
        if i < start:
            f.append("reg:before" + _dist(start - i))
        elif i >= end:
            f.append("reg:after" + _dist(i - end + 1))
        else:
            f.append("reg:in")
        if section_seen:
            f.append("after_section")
        if appeal_seen:
            f.append("after_appeal")
        if before > 40 and ln.words <= 12 and starts_furniture_section(ln.text, ln.words):
            f.append("section_start")
            section_seen = True
            if is_appeal_start(ln.text):
                appeal_seen = True
        if ln.sentence and not ln.reason and ln.words >= 6:
            before += ln.words
        out.append(f)
    return out


@functools.lru_cache(maxsize=256)
def _neighbour_features(wb: str, sentence: bool, colon: bool, reason: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What a line says about the lines after it ("p1...") and before it ("n1...")."""
    nb = ["w:" + wb] + ["sent"] * sentence + ["colon"] * colon + ["r"] * reason
    return tuple("p1" + x for x in nb), tuple("n1" + x for x in nb)


def body_features(page: _Page) -> list[Features]:
    """Per line: its shape, its rule-based readings, its place in the page and its neighbours."""
    lines, scores = page.lines, page.scores
    n = len(lines)
    own = _own_features(page)
    nb_feats = [_neighbour_features(_wbucket(ln.words), ln.sentence, ln.text[-1] == ":", bool(ln.reason)) for ln in lines]
    pos = [max(0.0, s) for s in scores]
    out: list[Features] = []
    for i in range(n):
        f = own[i]
        if i:
            f.extend(nb_feats[i - 1][0])
        else:
            f.append("p1edge")
        if i + 1 < n:
            f.extend(nb_feats[i + 1][1])
        else:
            f.append("n1edge")
        lo, hi = max(0, i - 3), min(n, i + 4)
        dens = sum(pos[lo:hi]) - pos[i]
        sc = scores[i]
        out.append((f, [("dens", min(dens, 200.0) / 50.0), ("score", (-10.0 if sc < -10.0 else 80.0 if sc > 80.0 else sc) / 20.0)]))
    return out


_OPENING_QUOTES: Final = frozenset("\"“„«‘'")
_LEAD_WORD: Final = re.compile(r"\w{4,}")


_BULLETS: Final = frozenset("*-–—•·>»›|+#")
# a photo's credit printed after its caption ("Jane Roe Submitted photo", "... File photo")
_PHOTO_TAIL: Final = re.compile(r"\b(?:submitted|file|courtesy|staff|contributed|handout|press) (?:photo|image|picture)s?\W*$")
# a figure in a table cell or a price board: "118", "-12.99", "+5.44%", "1,200"
_FIGURE: Final = re.compile(r"(?<!\S)[-+−]?\d[\d.,]*%?(?!\S)")


def _never_headline(lines: list[_Line], i: int) -> bool:
    """Shapes no headline takes: a list bullet or footnote mark first, a web address, a first word
    in lower case ("стандартная скорость ...", not "iPhone"), the value of a label ("Author:"), an
    introduction to what follows (a colon last), a row of figures, a photo's credit at the end."""
    ln = lines[i]
    text = ln.text
    if text[0] in _BULLETS or "www." in ln.low or "http" in ln.low or text[-1] == ":":
        return True
    if not 65 <= ord(text[0]) <= 90 and text.split(None, 1)[0].islower():  # (a capital first: not lower case)
        return True
    if ln.digit:
        figures = _FIGURE.findall(text)
        if len(figures) >= 3 and 2 * len(figures) >= len(text.split()):
            return True  # a table row: "32 Reed Sorenson 118 0 0 0 0"
        if sum(1 for f in figures if "." in f or "%" in f) >= 2:
            return True  # a price board: "HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%"
    low = ln.low
    if ("photo" in low or "image" in low or "picture" in low) and _PHOTO_TAIL.search(low):
        return True
    return ln.words <= 5 and i > 0 and lines[i - 1].text[-1] == ":" and lines[i - 1].words <= 3


def _name_credit(text: str) -> bool:
    """A credit line only by the shape "Name for/via Name", which Title Case headlines share."""
    return credit_kind(text) == "name" and not _CREDIT_WORD.search(text)


def _long_words(text: str) -> set[str]:
    """`set(_LEAD_WORD.findall(text))`, token by token: most tokens are a word alone or with
    marks at its ends; the others go through the pattern."""
    out: set[str] = set()
    for tok in text.split():
        if tok.isalnum():
            if len(tok) >= 4:
                out.add(tok)
        else:
            core = tok.strip(_EDGE_MARKS)
            if len(core) >= 4:
                if core.isalnum():
                    out.add(core)
                else:
                    out.update(_LEAD_WORD.findall(core))
    return out


def _words_of(text: str) -> set[str]:
    return {w.casefold() for w in _LEAD_WORD.findall(text)}


META_AFTER: Final = 5  # a date or byline less than this many lines under a candidate is its "meta_after"
# reported speech, which a summary uses and a headline rarely does ("said", not "says"); not
# "value-added", nor the "told to" and "said to be" of headlines ("Families told to leave homes")
_REPORTED: Final = re.compile(r"(?<![\w-])(?:said(?! to\b)|told(?! to\b)|added|according to)\b")
SUMMARY_POINTS: Final = 5
_SUMMARY_HEAD: Final = re.compile(r"^(?:summary|key (?:points|facts|takeaways)|(?:story )?highlights|in brief|at a glance|"
                           r"главное|кратко|коротко|resumo|in sintesi)\W*$", re.I)


def title_features(page: _Page, keep: list[bool]) -> list[tuple[int, Features]]:
    """Headline candidates, each with features saying how it sits against the predicted body."""
    lines = page.lines
    n = len(lines)
    first = next((i for i, k in enumerate(keep) if k), page.start)
    lead_sets: list[tuple[int, set[str]]] = []
    body_sets: list[tuple[int, set[str]]] = []
    for j in range(first, n):
        if keep[j]:
            ws = page.words_of(j)
            body_sets.append((j, ws))
            if len(lead_sets) < 4 and lines[j].words >= 10:
                lead_sets.append((j, ws))
            if len(body_sets) == 12:
                break
    leads = set().union(*(ws for _, ws in lead_sets))
    body_ids = {j for j, _ in body_sets}
    body_texts = {lines[j].text for j in body_ids}
    body_words = set().union(*(ws for _, ws in body_sets))
    lead_count = _word_sets_count(lead_sets)
    body_count = _word_sets_count(body_sets)
    lo, hi = max(0, first - 40), min(n, first + 25)
    # the points of a summary box over the body ("Summary", then a few lines) are not headlines
    summary = max((i for i in range(lo, first) if lines[i].words <= 4 and _SUMMARY_HEAD.match(lines[i].text)), default=first)
    summary_end = min(first, summary + 1 + SUMMARY_POINTS)
    # furniture, credits, bylines, dates and photo captions (a line with its credit after it)
    # are never headlines: they are not even ranked
    cands = [
        i for i in range(lo, hi)
        if 1 <= lines[i].words <= 40 and not summary < i < summary_end and not (lines[i].reason or lines[i].date or lines[i].byline)
        and not (lines[i].credit_line and not _name_credit(lines[i].text))
        # (a bare agency in capitals, "REUTERS", also names a story's wire service under its headline)
        and not (i + 1 < n and lines[i + 1].credit_line and not lines[i + 1].text.isupper())
        and not (_credit_tail_hint(lines[i].text, lines[i].stem) and (b := page.caption_block(i)) is not None and b.credit)
        and not _never_headline(lines, i)
    ]
    meta = [bool(ln.date or ln.byline) for ln in lines[lo : hi + META_AFTER]]
    meta[0:0] = [False] * lo  # (indexed by line number up to hi + 5)
    out: list[tuple[int, Features]] = []
    for i in cands:
        ln = lines[i]
        w = ln.words
        f = ["w:" + ("1-2" if w < 3 else "3" if w < 4 else "4-6" if w < 7 else "7-12" if w < 13 else "13-20" if w < 21 else "21+")]
        if ln.text[0] in _OPENING_QUOTES:
            f.append("quotestart")
        alpha = upper = 0
        for t in ln.text.split():
            o = ord(t[0])
            if 97 <= o <= 122:  # (ASCII letters tested without the Unicode tables)
                alpha += 1
            elif 65 <= o <= 90:
                alpha += 1
                upper += 1
            elif o >= 128 and t[0].isalpha():
                alpha += 1
                if t[0].isupper():
                    upper += 1
        if alpha >= 3 and upper / alpha >= 0.6:
            f.append("titlecase")
        if ln.sentence:
            f.append("sent")
        if ln.text.endswith("."):
            f.append("dotend")
        if ("said" in ln.low or "told" in ln.low or "added" in ln.low or "according to" in ln.low) and _REPORTED.search(ln.low):
            f.append("said")  # reported speech: a headline says "says", a summary "said"
        if page.counts[ln.text] > 1:
            f.append("repeated")
        if _not_title(ln):
            f.append("nottitle")
        if keep[i]:
            f.append("kept")
        if i < first:
            f.append("before:" + _dist(first - i))
        else:
            f.append("inbody:" + _dist(i - first + 1))
        if True in meta[i + 1 : i + META_AFTER]:
            f.append("meta_after")
        if i > 0:
            pv = lines[i - 1]
            if pv.reason:
                f.append("prev_r")
            elif 3 <= pv.words <= 40 and not (pv.credit_line or pv.date or pv.byline):
                f.append("prev_text" + ("_sent" if pv.sentence else ""))
        if i + 1 < n:
            nx = lines[i + 1]
            if 3 <= nx.words <= 60 and not (nx.credit_line or nx.date or nx.byline):
                f.append("next_text" + ("_sent" if nx.sentence else ""))
                if nx.words > w:
                    f.append("next_longer")
        own = page.words_of(i)
        if i in body_ids or ln.text in body_texts:
            # a line of the body must not count its own words, nor those of its copy in the
            # body (a standfirst the page prints again as the first paragraph)
            t = ln.text
            n_ld = _shared_words(own, lead_sets, lead_count, lines, i, t)
            n_bw = _shared_words(own, body_sets, body_count, lines, i, t)
        else:
            n_ld, n_bw = len(own & leads), len(own & body_words)
        ov = n_ld / len(own) if own else 0.0
        out.append((i, (f, [("ov", ov), ("ovall", n_bw / len(own) if own else 0.0)])))
    # how a candidate compares with the others on the page: the best lead overlap, the first
    # line followed by a byline or date
    top = max((reals[0][1] for _, (_, reals) in out), default=0.0)
    first_meta = True
    for i, (f, r) in out:
        if r[0][1] > 0 and r[0][1] >= top - 1e-9:
            f.append("ov_max")
        if first_meta and "meta_after" in f and i < first:
            f.append("first_meta_after")
            first_meta = False
    return out


def _word_sets_count(sets: list[tuple[int, set[str]]]) -> dict[str, int]:
    """Word -> how many of `sets` hold it (counted by `Counter`'s own loop)."""
    return Counter(chain.from_iterable([ws for _, ws in sets]))


def _shared_words(own: set[str], sets: list[tuple[int, set[str]]], count: dict[str, int], lines: list[_Line], i: int,
                  text: str) -> int:
    """How many words of `own` some set of `sets` holds, leaving out line `i`'s and those of the
    lines with its `text` (`count`: see `_word_sets_count`)."""
    left_out = [ws for j, ws in sets if j == i or lines[j].text == text]
    if not left_out:
        return sum(1 for w in own if w in count)
    n = 0
    for w in own:
        c = count.get(w, 0)
        if c:
            for ws in left_out:
                if w in ws:
                    c -= 1
            if c > 0:
                n += 1
    return n


def caption_features(page: _Page, keep: list[bool], ti: int) -> list[tuple[int, Features, Block]]:
    """Caption candidates (short lines near or in the body), each with its caption Block if chosen."""
    lines = page.lines
    n = len(lines)
    first = next((i for i, k in enumerate(keep) if k), page.start)
    last = max((i for i, k in enumerate(keep) if k), default=page.end - 1)
    out: list[tuple[int, Features, Block]] = []
    for i in range(max(0, first - 25), min(n, last + 10)):
        ln = lines[i]
        if i == ti or ln.reason or ln.credit_line or ln.byline or not 3 <= ln.words <= 120:
            continue
        credit_next = i + 1 < n and lines[i + 1].credit_line
        if ln.words > 80 or (ln.sentence and ln.words >= 40 and "(" not in ln.text and not credit_next):
            continue  # a paragraph, not a caption
        low = ln.low
        if _never_caption(low):
            continue  # a wire service's sign-off, a call to subscribe
        w = ln.words
        block = page.caption_block(i)
        if ln.date and (block is None or not block.credit):
            continue  # a dateline; a caption with its credit may hold a date ("... on July 25, 2019. AP")
        f = list(page.flag(i)) if block is None or block.text == ln.text else text_flags(block.text, w)
        f.append("w:" + ("<4" if w < 4 else "<8" if w < 8 else "<30" if w < 30 else "30+"))
        if block is None:
            block = _block(CAPTION, without_truncation_mark(ln.text))
        else:
            f.append("credit:" + ("label" if block.text != ln.text and not block.credit else
                                  "next" if i + 1 < n and block.credit == lines[i + 1].text else
                                  "prev" if i > 0 and block.credit == lines[i - 1].text else "tail"))
            if block.credit:
                f.append("ck:" + credit_kind(block.credit))
                if block.text[-1:] in ".!?":
                    f.append("headsent")
        if ln.sentence:
            f.append("sent")
        if ln.terminal:
            f.append("term")
        if ln.isolated:
            f.append("iso")
        if keep[i]:
            f.append("kept")
        if i < first:
            f.append("before")
        elif i > last:
            f.append("after")
        else:
            f.append("inside")
        if ti >= 0 and 0 < i - ti <= 4:
            f.append("near_title")
        if i > 0 and lines[i - 1].credit_line:
            f.append("prevcredit")
        if i + 1 < n and lines[i + 1].reason:
            f.append("nextr:" + lines[i + 1].reason)
        if i > 0 and lines[i - 1].reason:
            f.append("prevr:" + lines[i - 1].reason)
        if is_truncated_copy(ln.text):
            f.append("truncated")
        if page.counts[ln.text] > 1:
            f.append("repeated")
        if i + 1 < n and lines[i + 1].sentence and lines[i + 1].words >= 15:
            f.append("next_prose")
        if i > 0 and lines[i - 1].sentence and lines[i - 1].words >= 15:
            f.append("prev_prose")
        out.append((i, (f, []), block))
    return out


_CREDIT_WORD: Final = re.compile(
    r"\b(?:photo|image|credit|foto|courtesy|copyright|illustration|picture|pic|imagem|фото|источник|fonte|source)",
    re.I,
)


_CREDIT_STEMS: Final = ("photo", "image", "credit", "foto", "courtesy", "copyright", "illustration", "pic", "фото",
                 "источник", "fonte", "source")


_STEM: Final = 1  # (kinds of needle, besides trigger words: bits)
_QUOTE_MARK: Final = 2
_SOURCE_WORD: Final = 4
_SHORT_HINT: Final = 8
_INNER_STOP: Final = 16
# what a line that names the publication holds (see `_SOURCE_HINT`: its words, anywhere)
_SOURCE_WORDS: Final = ("©", "(c)", "copyright", "journalism", "a message", "support", "subscribe", "donate")


def _needle_table() -> dict[str, tuple[tuple[int, ...], int]]:
    """What one pass over a lower-cased page (Aho-Corasick) finds: the phrase patterns' trigger
    words (value: the patterns' numbers), the credit words, the quotation marks, the words of a
    line naming the publication and the short-line flags' hints, lower-cased (value: their
    kinds, bits)."""
    table: dict[str, tuple[tuple[int, ...], int]] = {t: (ks, 0) for t, ks in trigger_table().items()}
    for words, kind in ((_CREDIT_STEMS, _STEM), (tuple(QUOTE_MARKS), _QUOTE_MARK), (_SOURCE_WORDS, _SOURCE_WORD),
                        (tuple(lower(h) for h in SHORT_HINTS), _SHORT_HINT), ((". ", "? ", "! "), _INNER_STOP)):
        for word in words:  # (lower-casing leaves the marks as they are)
            phrases, kinds = table.get(word, ((), 0))
            table[word] = (phrases, kinds | kind)
    return table


_NEEDLE_TABLE: Final = _needle_table()
_NEEDLE_VALUES: Final = list(_NEEDLE_TABLE.values())
# finds every occurrence of every needle (overlapping ones too), as (needle's number, start, end)
_NEEDLES: Final = ahocorasick_rs.AhoCorasick(list(_NEEDLE_TABLE))


def _credit_tail_hint(text: str, stem: bool = True) -> bool:
    """Cheap test before split_credit: could the line end in a photo credit at all?"""
    tail = text[-120:]
    if "/" in tail or "©" in tail or ")" in tail or "]" in tail:
        return True
    end = tail[-40:]
    if ". " in end or "! " in end or "? " in end:
        return True  # "... in Los Angeles. Reuters"
    if not stem:  # the line holds none of the words (see `_Line.stem`)
        return False
    if has_odd_fold(tail):
        return _CREDIT_WORD.search(tail) is not None
    low = lower(tail)  # (the words below, without running the pattern over every line)
    for word in _CREDIT_STEMS:
        if word in low:
            return _CREDIT_WORD.search(tail) is not None
    return False


# "Image copyright X" is printed above the picture it credits, so it never ends the line before.
_LEADING_CREDIT: Final = re.compile(r"^image (?:copyright|source)\b", re.I)


# What a page prints after a photo's credit: links to buy the photo, a screen reader's note
_LINK_TAIL: Final = re.compile(r"(?:\s*,?\s*\(?opens? (?:in )?(?:a )?new (?:tab|window)\)?|\s+(?:purchase licensing rights|"
                        r"buy (?:this )?photo|order (?:a )?print|license this (?:photo|image)))+$", re.I)
_LINK_TAIL_ENDS: Final = ("tab", "tab)", "window", "window)", "Rights", "rights", "Photo", "photo", "print", "image")


def _caption_block(lines: list[_Line], i: int) -> Block | None:
    """The caption a line makes with its credit (on the line, before or after it), or None."""
    ln = lines[i]
    text = ln.text
    if text.endswith(_LINK_TAIL_ENDS) and (tail := _LINK_TAIL.search(text)) and tail.start() > 0:
        text = text[: tail.start()]  # "... REUTERS/Jane Roe Purchase Licensing Rights, opens new tab"
    label = strip_caption_label(text)
    credit = ""
    if text[:1] == "©":
        head, credit = split_leading_credit(text)
        if credit:
            return Block(CAPTION, without_truncation_mark(head), credit=credit)
    if ":" in text[:9] and (described := labelled_caption(text)):
        return Block(CAPTION, without_truncation_mark(described), credit="")
    if label != text:
        text = label
        if i > 0 and lines[i - 1].credit_line:
            credit = re.sub(r"^image (?:copyright|source)[,:]?\s+", "", lines[i - 1].text, flags=re.I)
    elif (
        i + 1 < len(lines)
        and lines[i + 1].credit_line
        and not lines[i + 1].reason
        and ln.words >= 3
        and not _LEADING_CREDIT.match(lines[i + 1].text)
    ):
        credit = lines[i + 1].text
    elif (
        i + 2 < len(lines)
        and ln.words >= 3
        and lines[i + 1].words <= 2
        and BARE_MARKER.match(lines[i + 1].text)
        and lines[i + 2].credit_line
    ):
        credit = lines[i + 1].text + " " + lines[i + 2].text  # "Credit..." then the name
    else:
        if not _credit_tail_hint(text, ln.stem):
            return None
        head, credit = split_credit(text, ln.stem)
        if credit and head and _count_words(head) >= 2:
            text = head
        else:
            return None
    return Block(CAPTION, without_truncation_mark(text), credit=credit)


CREDIT_PRIOR: Final = 5.0

# what no caption says: a wire service's sign-off, a call to subscribe or sign up (the words
# with the pattern each needs around them: the pattern is searched from the word on)
_SIGN_OFF: Final = re.compile(r"\(?(?:additional )?(?:reporting|writing|editing) by\b")
_NEVER_CAPTION_WORDS: Final = (("subscri", re.compile(r"\bsubscri(?:be|ption)\b")), ("sign up", re.compile(r"\bsign up\b")),
                               ("newsletter", re.compile(r"\bnewsletter")))


def _never_caption(low: str) -> bool:
    """A lower-cased line no caption reads like: a wire service's sign-off opens it, or it asks
    to subscribe or sign up."""
    if "by" in low and _SIGN_OFF.match(low):
        return True
    for word, rx in _NEVER_CAPTION_WORDS:
        k = low.find(word)
        if k >= 0 and rx.search(low, k):
            return True
    return False


def _byline_block(lines: list[_Line], i: int, block: Block) -> bool:
    """A line whose "credit" is the next line with a date or byline right after it: a standfirst
    over the agency's name as byline ("Associated Press", then "Published 11:26 pm EST ...")."""
    if not (i + 2 < len(lines) and lines[i + 1].text == block.credit):
        return False
    after = lines[i + 2]
    return bool(after.date or after.byline)


def context_features(page: _Page, logits: list[float]) -> list[Features]:
    """Second stage: the first stage's logits around each line, and how sure the page is overall."""
    n = len(logits)
    clipped = [max(-8.0, min(8.0, x)) / 4.0 for x in logits]
    cum = [0.0]
    for x in clipped:
        cum.append(cum[-1] + x)
    out: list[Features] = []
    for i in range(n):
        reals = [("l0", clipped[i])]
        for off, name in ((-1, "lp1"), (1, "ln1"), (-2, "lp2"), (2, "ln2")):
            j = i + off
            reals.append((name, clipped[j] if 0 <= j < n else -1.0))
        for w, name in ((4, "m4"), (12, "m12")):
            lo, hi = max(0, i - w), min(n, i + w + 1)
            reals.append((name, (cum[hi] - cum[lo] - clipped[i]) / max(1, hi - lo - 1)))
        reals.append(("before", cum[i] / max(1, i)))
        reals.append(("after", (cum[n] - cum[i + 1]) / max(1, n - i - 1)))
        ln = page.lines[i]
        bins = ["sent"] if ln.sentence else []
        if ln.words < 6:
            bins.append("short")
        out.append((bins, reals))
    return out


def _first_stage(page: _Page, body: dict[str, float]) -> list[float]:
    """`score(body, f)` for each f of `body_features(page)`, summed without building the features
    (the same additions in the same order: the same floats)."""
    g = body.get
    lines, scores, counts = page.lines, page.scores, page.counts
    start, end = page.start, page.end
    n = len(lines)
    bias = g("bias", 0.0)
    w_lower, w_colon, w_comma, w_q = g("lowerstart", 0.0), g("colonend", 0.0), g("commaend", 0.0), g("qend", 0.0)
    w_inner, w_quote, w_digits, w_caps = g("inner_sent", 0.0), g("quote", 0.0), g("digits", 0.0), g("allcaps", 0.0)
    w_sent, w_term, w_iso, w_credit = g("sent", 0.0), g("term", 0.0), g("iso", 0.0), g("credit", 0.0)
    w_date, w_byline, w_rep, w_in = g("date", 0.0), g("byline", 0.0), g("repeated", 0.0), g("reg:in", 0.0)
    w_after_section, w_after_appeal, w_section = g("after_section", 0.0), g("after_appeal", 0.0), g("section_start", 0.0)
    w_p1edge, w_n1edge, w_dens, w_score = g("p1edge", 0.0), g("n1edge", 0.0), g("dens", 0.0), g("score", 0.0)
    w_before = [0.0] + [g("reg:before" + _dist(d), 0.0) for d in range(1, 32)]
    w_after = [0.0] + [g("reg:after" + _dist(d), 0.0) for d in range(1, 32)]
    # each line's contribution to its neighbours' sums ("p1..." to the next line, "n1..." to the previous)
    nb_cache: dict[tuple, tuple[list[float], list[float]]] = {}
    p1 = []
    n1 = []
    for ln in lines:
        key = (_wbucket(ln.words), ln.sentence, ln.text[-1] == ":", bool(ln.reason))
        ws = nb_cache.get(key)
        if ws is None:
            a, b = _neighbour_features(*key)
            ws = nb_cache[key] = ([g(x, 0.0) for x in a], [g(x, 0.0) for x in b])
        p1.append(ws[0])
        n1.append(ws[1])
    pos = [max(0.0, sc) for sc in scores]
    w_reason: dict[str, float] = {}
    out: list[float] = []
    section_seen = appeal_seen = False
    before = 0.0
    for i, ln in enumerate(lines):
        s = bias
        # text_flags, in its order
        text = ln.text
        if text[:1].islower():
            s += w_lower
        last = text[-1]
        if last == ":":
            s += w_colon
        elif last == ",":
            s += w_comma
        elif last in "?!":
            s += w_q
        if ln.inner:
            s += w_inner
        if ln.quote:
            s += w_quote
        if ln.digit:
            s += w_digits
        if ln.words <= 40:
            if text.isupper():
                s += w_caps
            if ln.scan:
                for name in page.short_flags(i):
                    s += g(name, 0.0)
        if ln.sentence:
            s += w_sent
        if ln.terminal:
            s += w_term
        if ln.isolated:
            s += w_iso
        if ln.reason:
            w = w_reason.get(ln.reason)
            if w is None:
                w = w_reason[ln.reason] = g("r:" + ln.reason, 0.0)
            s += w
        if ln.credit_line:
            s += w_credit
        if ln.date:
            s += w_date
        if ln.byline:
            s += w_byline
        if counts[text] > 1:
            s += w_rep
        if i < start:
            d = start - i
            s += w_before[d if d < 31 else 31]
        elif i >= end:
            d = i - end + 1
            s += w_after[d if d < 31 else 31]
        else:
            s += w_in
        if section_seen:
            s += w_after_section
        if appeal_seen:
            s += w_after_appeal
        if before > 40 and ln.words <= 12 and starts_furniture_section(text, ln.words):
            s += w_section
            section_seen = True
            if is_appeal_start(text):
                appeal_seen = True
        if ln.sentence and not ln.reason and ln.words >= 6:
            before += ln.words
        if i:
            for x in p1[i - 1]:
                s += x
        else:
            s += w_p1edge
        if i + 1 < n:
            for x in n1[i + 1]:
                s += x
        else:
            s += w_n1edge
        lo = i - 3 if i > 3 else 0
        dens = 0.0  # (`sum(pos[lo : i + 4])`, the same additions in the same order)
        for k in range(lo, i + 4 if i + 4 < n else n):
            dens += pos[k]
        dens -= pos[i]
        sc = scores[i]
        s += w_dens * ((dens if dens < 200.0 else 200.0) / 50.0)
        s += w_score * ((-10.0 if sc < -10.0 else 80.0 if sc > 80.0 else sc) / 20.0)
        out.append(s)
    return out


def body_logits(page: _Page, feats: list[Features] | None, body: dict[str, float],
                context: dict[str, float] | None) -> list[float]:
    """Per line, the body model's logit (the first stage over `feats`, computed directly when
    they are None), then the second stage over the first stage's logits around it."""
    logits = _first_stage(page, body) if feats is None else [score(body, f) for f in feats]
    page.first = logits
    if not context:
        return logits
    # the second stage is linear in `context_features`: the same sum, without building them
    g = context.get
    bias, w0, wp1, wn1, wp2, wn2 = g("bias", 0.0), g("l0", 0.0), g("lp1", 0.0), g("ln1", 0.0), g("lp2", 0.0), g("ln2", 0.0)
    w4, w12, wb, wa, ws, wsh = g("m4", 0.0), g("m12", 0.0), g("before", 0.0), g("after", 0.0), g("sent", 0.0), g("short", 0.0)
    n = len(logits)
    c = [(8.0 if x > 8.0 else -8.0 if x < -8.0 else x) / 4.0 for x in logits]
    cum = [0.0]
    for x in c:
        cum.append(cum[-1] + x)
    total = cum[n]
    lines = page.lines
    out = []
    for i in range(n):
        ci = c[i]
        s = bias + w0 * ci
        s += wp1 * (c[i - 1] if i >= 1 else -1.0) + wp2 * (c[i - 2] if i >= 2 else -1.0)
        s += wn1 * (c[i + 1] if i + 1 < n else -1.0) + wn2 * (c[i + 2] if i + 2 < n else -1.0)
        lo = i - 4 if i > 4 else 0
        hi = i + 5 if i + 5 < n else n
        d = hi - lo - 1
        s += w4 * (cum[hi] - cum[lo] - ci) / (d if d > 1 else 1)
        lo = i - 12 if i > 12 else 0
        hi = i + 13 if i + 13 < n else n
        d = hi - lo - 1
        s += w12 * (cum[hi] - cum[lo] - ci) / (d if d > 1 else 1)
        s += wb * cum[i] / (i if i > 1 else 1)
        d = n - i - 1
        s += wa * (total - cum[i + 1]) / (d if d > 1 else 1)
        ln = lines[i]
        if ln.sentence:
            s += ws
        if ln.words < 6:
            s += wsh
        out.append(s)
    return out


def decide(page: _Page, models: dict | None = None) -> tuple[list[bool], int, dict[int, Block]]:
    """Keep/cut per line, the headline's line and the caption lines, by the fitted models."""
    m = models or MODELS
    logits = body_logits(page, None, m["body"], m.get("context"))
    keep = keep_lines(page, logits, m["switch"], m.get("clip", 0.0))
    ti = -1
    tw = m["title"]
    best = float("-inf")
    for i, f in title_features(page, keep):
        s = score(tw, f)
        if s > best:
            ti, best = i, s
    if ti >= 0:
        keep[ti] = False
        _table_under(page, keep, ti)
    caps: dict[int, Block] = {}
    cw = m["caption"]
    seen: list[str] = []
    for i, f, block in caption_features(page, keep, ti):
        # A caption printed with its credit is a caption (the spec's own rule): the model
        # only needs to be less than sure it is not one.
        kind = credit_kind(block.credit) if block.credit else ""
        strong = kind in ("photo", "agency") or (kind == "slashed" and block.text[-1:] in ".!?")
        if (not block.credit and block.text != without_truncation_mark(page.lines[i].text)) or (
                strip_caption_label(page.lines[i].text) != page.lines[i].text):
            strong = True  # the page labels it a caption ("Image: ...", "Image caption ...")
        if block.credit and _byline_block(page.lines, i, block):
            continue  # a standfirst, then the agency as byline, then the date
        ln = page.lines[i]
        if ln.text[0] in _OPENING_QUOTES and ln.sentence and ln.words >= 12 and block.text == ln.text:
            continue  # a paragraph of someone's words (a photo's credit alone may follow it)
        if score(cw, f) + (CREDIT_PRIOR if strong else 0.0) > 0:
            if any(_similar(block.text, s) for s in seen):
                continue
            seen.append(block.text)
            caps[i] = block
            keep[i] = False
            # the credit's own lines: the next ("Reuters"), or the next two ("Credit..." and the name)
            if block.credit and i + 1 < len(page.lines):
                nxt = page.lines[i + 1].text
                if block.credit == nxt:
                    keep[i + 1] = False
                elif i + 2 < len(page.lines) and block.credit == nxt + " " + page.lines[i + 2].text:
                    keep[i + 1] = keep[i + 2] = False
    return keep, ti, caps


def keep_lines(page: _Page, logits: list[float], switch: float, clip: float) -> list[bool]:
    """Smoothed keep/cut decisions, inside the best-scoring stretch when `clip` is set."""
    # Furniture, credits and captions with their credit may sit between two paragraphs:
    # they are left out of the smoothing so that they do not split the body in two.
    lines = page.lines
    inner = [
        i for i, ln in enumerate(lines)
        if not (ln.reason or ln.credit_line or (ln.words <= 60 and not ln.sentence and _credit_tail_hint(ln.text, ln.stem)
                                                 and (b := page.caption_block(i)) is not None and b.credit))
    ]
    sub = [logits[i] for i in inner]
    kept = smooth(sub, switch)
    if clip:
        lo, hi = best_segment(sub, clip)
        for k in range(len(kept)):
            if not lo <= k < hi:
                kept[k] = False
    keep = [False] * len(lines)
    for k, i in enumerate(inner):
        keep[i] = kept[k]
    _hard_rules(page, keep)
    if not any(keep):
        _densest_prose(page, keep)  # (before the rules below, which attach lists and tables to it)
    _bridge(page, keep, logits)
    _posts(page, keep, logits)
    _bridge_back(page, keep)
    _lists(page, keep)
    _table(page, keep)
    _extend(page, keep)
    for i, ln in enumerate(page.lines):
        if keep[i] and _shouting(ln):
            keep[i] = False  # a call to action in capitals, even between kept paragraphs
    if not any(keep):
        _densest_prose(page, keep)
    _glued_runs(page, keep)  # (last: no rule above may take a list of teasers back in)
    return keep


def _densest_prose(page: _Page, keep: list[bool]) -> None:
    """The model sees no article here: fall back on the prose of the densest stretch."""
    for i in range(page.start, page.end):
        ln = page.lines[i]
        keep[i] = not ln.reason and (ln.sentence or ln.words >= 20)


BRIDGE_GAP: Final = 8  # lines of an inserted list ("Related stories" and its teasers)
TEASER_WORDS: Final = 20  # a headline in a list of other stories runs to 20 words
BRIDGE_MIN: Final = -1.0  # the body model's logit a bridged paragraph needs at least




# the signature under a social-media post a page embeds in its article:
# "— Jane Roe (@janeroe) November 19, 2019", "A post shared by Jane Roe (@janeroe) on Nov 19, 2019 at 9:14am PST"
_POST_SIGNATURE: Final = re.compile(r"^(?:[—–-]|a post shared by)\s*\S.{0,80}\(@\w{1,30}\)\s+(?:on\s+)?\S.{0,40}\d{4}\b.{0,20}$", re.I)


def _signature(ln: _Line) -> bool:
    """The line signs a post the article embeds (see `_POST_SIGNATURE`)."""
    return bool(ln.date and "(@" in ln.text and _POST_SIGNATURE.match(ln.text))


POST_WORDS: Final = 60  # a post's text (280 characters at most on the commonest network)


def _posts(page: _Page, keep: list[bool], logits: list[float]) -> None:
    """A post the article embeds (its text, then its signature with the author's handle and date)
    is part of the article, which goes on after it: right after a kept line, the post's text (one
    line) and signature are kept, and so is the prose after them."""
    lines = page.lines
    n = len(lines)
    for i in range(2, n):
        ln = lines[i]
        if keep[i] or not _signature(ln):
            continue
        if keep[i - 1]:
            keep[i] = True
        elif _kept_before(page, keep, i - 2) and not lines[i - 1].reason and lines[i - 1].words <= POST_WORDS:
            keep[i - 1] = keep[i] = True
        else:
            continue
        r = i + 1
        while r < n and _prose(lines[r]) and logits[r] > BRIDGE_MIN:
            keep[r] = True
            r += 1


def _kept_before(page: _Page, keep: list[bool], j: int) -> bool:
    """Whether line `j` is kept, or the kept line above a photo's caption or credit at `j`."""
    lines = page.lines
    while j >= 0 and not keep[j]:
        ln = lines[j]
        if not (ln.credit_line or page.caption_block(j) is not None):
            return False
        j -= 1
    return j >= 0


def _shouting(ln: _Line) -> bool:
    """A line of six or more words in capitals and no sentence: a link or a call to action inside
    the article ("GET THE APP BY CLICKING HERE"), never one of its paragraphs."""
    return ln.words >= 6 and not ln.sentence and ln.text.isupper()


EXTEND_MIN: Final = -1.0  # the first-stage logit that prose next to the kept body needs, at least (as BRIDGE_MIN)


def _extend(page: _Page, keep: list[bool]) -> None:
    """Prose right next to the kept body is kept too when the line's own reading (the first stage)
    does not clearly take it for furniture (a logit over EXTEND_MIN): on a short page the second
    stage, seeing furniture all around, doubts it."""
    first = page.first
    if first is None:
        return
    lines = page.lines
    n = len(lines)
    kept = [i for i, k in enumerate(keep) if k]
    if not kept:
        return
    for step, start in ((-1, kept[0] - 1), (1, kept[-1] + 1)):
        i = start
        skipped = False
        while 0 <= i < n:
            ln = lines[i]
            if ln.credit_line and not ln.reason:
                i += step  # (a photo's credit between paragraphs)
                continue
            if (not skipped and (ln.reason or _shouting(ln)) and ln.words <= 20 and 0 <= i + step < n
                    and _prose(nxt := lines[i + step]) and not (nxt.date or nxt.byline) and first[i + step] > EXTEND_MIN):
                skipped = True  # (one line of furniture between paragraphs: "Continue Reading Below")
                i += step
                continue
            skipped = False
            if not (_prose(ln) and not ln.date and not ln.byline and first[i] > EXTEND_MIN):
                break
            keep[i] = True
            i += step


LIST_MAX: Final = 40  # items of a list the article introduces
LIST_ITEM_WORDS: Final = 25


TABLE_ROWS: Final = 5  # rows of a table (a schedule, standings) in the article, at least
_SKELETON: Final = re.compile(r"\d+|[^\w\s]")


def _skeleton(text: str) -> str:
    """The first three of a line's numbers (as "#") and punctuation marks: "June 9 – Tampa, FL" -> "#–,"."""
    out = []
    for m in _SKELETON.finditer(text):
        out.append("#" if m.group()[0].isdigit() else m.group())
        if len(out) == 3:
            break
    return "".join(out)


def _row(ln: _Line) -> bool:
    """May be a table's row: not furniture, a byline, a credit or a bare date ("Updated 12 Jan
    2025, 09:15"; a row of tour dates names the place too)."""
    return not (ln.reason or ln.byline or ln.credit_line or (ln.date and ln.words <= 6)) and ln.words <= LIST_ITEM_WORDS


def _row_run(lines: list[_Line], first: int, step: int) -> int:
    """Where the table rows that start at line `first` and go on downwards (`step` 1) or upwards
    (`step` -1) stop: the line past the far end of the run (`first` itself when the line has no
    table row's shape). Rows are lines of the same skeleton, holding a number and another mark,
    each a `_row`; a single row may differ ("St. Louis, MO" holds a full stop)."""
    n = len(lines)
    shape = _skeleton(lines[first].text)
    if len(shape) < 2 or "#" not in shape or not _row(lines[first]):
        return first
    j = first
    while 0 <= j < n:
        ln = lines[j]
        if not _row(ln):
            break
        after = j + step
        if _skeleton(ln.text) != shape and not (0 <= after < n and _row(lines[after]) and _skeleton(lines[after].text) == shape):
            break
        j = after
    return j


def _plain(ln: _Line) -> bool:
    """Neither furniture nor a date, byline or credit."""
    return not (ln.reason or ln.date or ln.byline or ln.credit_line)


def _note(ln: _Line) -> bool:
    """A footnote under a table: "* Dates may change"."""
    return _plain(ln) and ln.text[0] in "*†"


def _table(page: _Page, keep: list[bool]) -> None:
    """A table is part of the article when the article ends with it ("Tour dates", then
    "June 9 – Tampa, FL @ Arena" per line; standings, a race calendar: at least TABLE_ROWS rows
    of the same shape, see `_row_run`), right after the last kept line, maybe under a heading;
    or when the article's kept text starts right under it (after at most two footnotes) and a line
    introduces it ("... after 36 races:", maybe over a header row). A list of archive months
    ("Novembro (113)") lies away from the article and is not followed; a box of scores or prices
    next to the article has no introduction."""
    lines = page.lines
    n = len(lines)
    last = max((i for i, k in enumerate(keep) if k), default=-1)
    if last < 0:
        return
    if last + 1 < n:
        start = last + 1
        head = lines[start]
        if _plain(head) and not head.sentence and head.words <= 12:
            start += 1  # the table's heading
        if start < n:
            end = _row_run(lines, start, 1)
            if end - start >= TABLE_ROWS:
                for i in range(last + 1, end):
                    keep[i] = True
                page.rows = set(range(start, end))
                return
    first = keep.index(True)
    end = first
    while end > 0 and first - end < 2 and _note(lines[end - 1]) and not keep[end - 1]:
        end -= 1
    if end == 0:
        return
    start = _row_run(lines, end - 1, -1) + 1
    if end - start < TABLE_ROWS:
        return
    # the line introducing the table ("... after 36 races:"), maybe over a header row ("Pos. Driver
    # Points"): a box of scores or prices next to the article has none
    top = start - 1
    if top > 0 and not _intro(lines[top]) and _plain(lines[top]) and not lines[top].sentence and lines[top].words <= LIST_ITEM_WORDS:
        top -= 1
    if top < 0 or not _intro(lines[top]):
        return
    for i in range(top, first):
        keep[i] = True
    page.rows = set(range(start, end))


def _table_under(page: _Page, keep: list[bool], ti: int) -> None:
    """A table right under the headline (past its date, byline and share buttons, maybe under a
    heading of its own) is the article, or its start: a page of standings or a calendar. Up to
    two footnotes under it go with it."""
    lines = page.lines
    n = len(lines)
    i, end = ti + 1, ti + 1
    while i < n and i - ti <= 5 and not keep[i]:
        end = _row_run(lines, i, 1)
        if end - i >= TABLE_ROWS:
            break
        ln = lines[i]
        if _plain(ln) and (ln.sentence or ln.words > 12):
            return  # prose between the headline and the rows
        i += 1  # the date, the share bar, a section label, the table's heading
    if end - i < TABLE_ROWS:
        return
    head = i - 1 if i - 1 > ti and _plain(lines[i - 1]) else i
    rows = range(i, end)
    while end < n and end - rows.stop < 2 and _note(lines[end]):
        end += 1  # its footnotes ("* Dates may change")
    for j in range(head, end):
        keep[j] = True
    page.rows = (page.rows or set()) | set(rows)


def _lists(page: _Page, keep: list[bool]) -> None:
    """A list in the article is part of it. Right after a kept paragraph: a line ending in a colon
    ("What to pack for a long day:") then at least two short lines, or at least two lines marked
    as items ("• ...", "1. ..."); none of them furniture, a credit, a date or a byline; up to
    prose (for unmarked items), furniture or the page's end. Between kept paragraphs (after an
    inserted list of other stories, which stays cut): a line introducing a list, then at least two
    short lines, then the next kept paragraph."""
    lines = page.lines
    n = len(lines)
    seen_kept = keep[0]
    i = 1
    while i < n:
        ln = lines[i]
        prev = lines[i - 1]
        seen_kept = seen_kept or keep[i - 1]
        if not (keep[i - 1] and prev.sentence and not (ln.reason or ln.date or ln.byline or ln.credit_line)):
            if seen_kept and not keep[i] and _intro(ln) and not starts_teaser_list(ln.text, ln.words):
                k = _list_end(lines, keep, i + 1, False)
                if k - i - 1 >= 2 and k < n and keep[k] and _prose(lines[k]):
                    for j in range(i, k):
                        keep[j] = True
                    i = k
                    continue
            i += 1
            continue
        marked = _marked_item(ln.text)
        if marked:
            first = i
        elif ln.text[-1] == ":" and 2 <= ln.words <= 30:
            first = i + 1
        else:
            i += 1
            continue
        k = _list_end(lines, keep, first, marked)
        if k - first >= 2:
            for j in range(i, k):
                keep[j] = True
        i = k if k > i + 1 else i + 1


def _list_end(lines: list[_Line], keep: list[bool], first: int, marked: bool) -> int:
    """Where the list whose first item is line `first` ends (one past its last item)."""
    n = len(lines)
    k = first
    while k < n and k - first < LIST_MAX:
        item = lines[k]
        if item.reason or item.date or item.byline or item.credit_line or item.words > LIST_ITEM_WORDS:
            break
        if marked:
            if not _marked_item(item.text):
                break
        elif _prose(item) or (item.sentence and item.words >= 6 and keep[k]):
            break  # the article goes on
        k += 1
    return k


def _intro(ln: _Line) -> bool:
    """A line that introduces a list ("В программу также вошли:")."""
    return ln.text[-1] == ":" and 3 <= ln.words <= 30 and not (ln.reason or ln.date or ln.byline or ln.credit_line)


def _marked_item(text: str) -> bool:
    """The line opens on a bullet ("• ", "- ") or an item number ("1. ", "2) ")."""
    return (text[0] in _ITEM_MARKS and text[1:2] == " ") or _NUMBERED.match(text) is not None


def _prose(ln: _Line) -> bool:
    return ln.sentence and ln.words >= 10 and not ln.reason


def _teaser(ln: _Line) -> bool:
    """A line of a list of other stories: a short headline, no full stop, colon or sentence end,
    and not furniture, a date, a byline or a credit."""
    return not (ln.date or ln.byline or ln.credit_line or ln.text[-1] in ":." or ln.words > TEASER_WORDS or ln.sentence or ln.reason)


def _bridge(page: _Page, keep: list[bool], logits: list[float]) -> None:
    """The article goes on after an inserted list ("Related stories", then teaser headlines):
    past the last kept line, the heading of a list of other stories and short lines without a
    full stop, then prose again, which is kept. Comments, an author's note or an appeal do not
    pass: their headings are not such lists, and a name ending in a colon ("X says:"), a date
    or a byline stops the search, as does anything else."""
    lines = page.lines
    n = len(lines)
    last = max((i for i, k in enumerate(keep) if k), default=-1)
    if last < 0:
        return
    j = last + 1
    while j < n:
        k = j
        section = False
        while k < n and k - j <= BRIDGE_GAP:
            ln = lines[k]
            if section and (_prose(ln) or (_intro(ln) and not starts_teaser_list(ln.text, ln.words))):
                break
            if starts_teaser_list(ln.text, ln.words):  # ("Related stories:", "Читайте также:")
                section = True
            elif not _teaser(ln):
                return
            k += 1
        if k >= n or k - j > BRIDGE_GAP or not section:
            return
        r = k
        if not _prose(lines[k]):  # the article's own list, then its prose
            r = _list_end(lines, keep, k + 1, False)
            if r - k - 1 < 2:
                return
        p = r
        while r < n and _prose(lines[r]) and logits[r] > BRIDGE_MIN:
            r += 1
        if r == p:
            return
        for i in range(k, r):
            keep[i] = True
        j = r


def _bridge_back(page: _Page, keep: list[bool]) -> None:
    """`_bridge` upwards: the kept body starts right after an inserted list of other stories (and
    maybe a list of the article's own), or right after a list of the article's own, with prose
    above the list that the first stage reads as article text: that prose is the article's
    beginning, and is kept with the article's list."""
    first_stage = page.first
    lines = page.lines
    f = next((i for i, k in enumerate(keep) if k), -1)
    if first_stage is None or f <= 1:
        return
    for j in range(max(1, f - BRIDGE_GAP - LIST_MAX - 2), f):
        above = lines[j - 1]
        if not (starts_teaser_list(lines[j].text, lines[j].words) and _prose(above) and first_stage[j - 1] > 0.0
                and not (above.date or above.byline)):
            continue
        k = j + 1
        while k < f and k - j <= BRIDGE_GAP and not _intro(lines[k]):
            ln = lines[k]
            if not _teaser(ln):
                break
            k += 1
        end = k
        if k < f and _intro(lines[k]):
            end = _list_end(lines, keep, k + 1, False)
            if end - k - 1 < 2:
                continue
        if end != f:
            continue
        for i in range(k, f):
            keep[i] = True  # the article's own list
        keep[j - 1] = True  # (`_extend` takes the prose above it)
        return
    # no list of other stories: the article's own list ("The five are:", then short lines) right
    # above the kept body, under prose the first stage reads as article text
    for j in range(max(1, f - LIST_MAX - 1), f - 2):
        above = lines[j - 1]
        if (_intro(lines[j]) and _prose(above) and first_stage[j - 1] > 0.0 and not (above.date or above.byline)
                and _list_end(lines, keep, j + 1, False) == f):
            for i in range(j - 1, f):
                keep[i] = True
            return


def clean_text(text: str, models: dict | None = None) -> Cleaned:
    """Find the headline, metadata, captions and body paragraphs of pasted page text."""
    lines = _lines(text)
    if not lines:
        return Cleaned(title="", blocks=[], notices=[NO_ARTICLE_NOTICE])
    page = prepare(lines)
    if page is None:
        return _no_article(lines)
    keep, ti, caps = decide(page, models)
    title = lines[ti].text if ti >= 0 else ""
    first = next((i for i, k in enumerate(keep) if k), page.start)
    last = max((i for i, k in enumerate(keep) if k), default=page.end - 1)

    cleaned = Cleaned(title=title, blocks=[])
    meta_from = ti + 1 if 0 <= ti < first else max(0, first - 15)
    _metadata(cleaned, lines, meta_from, first)
    cleaned.source = _source(lines)
    kind = PARAGRAPH  # of the last kept block
    for i, ln in enumerate(lines):
        if i == ti:
            continue
        if i in caps:
            cleaned.blocks.append(caps[i])
            kind = CAPTION
        elif keep[i]:
            if _signature(ln) or (i + 1 < len(lines) and keep[i + 1] and _signature(lines[i + 1])):
                kind = PARAGRAPH  # an embedded post: its text and signature
            elif page.rows and i in page.rows:
                kind = ITEM  # a row of a table
            else:
                kind = _kind(ln, kind, cleaned.blocks[-1].text if cleaned.blocks else "")
            cleaned.blocks.append(_block(kind, ln.text))
        else:
            if ln.reason:
                reason = ln.reason
            elif ln.credit_line:
                reason = "credit"
            elif ln.date or ln.byline:
                reason = "metadata"
            elif i < first or i > last:
                reason = "outside article"
            else:
                reason = "short line" if ln.words < 8 else "not article text"
            cleaned.removed.append(_block(PARAGRAPH, ln.text, reason))
    return cleaned


_NEW: Final = object.__new__
_SET_KIND: Final = getattr(Block, "kind").__set__
_SET_TEXT: Final = getattr(Block, "text").__set__
_SET_CREDIT: Final = getattr(Block, "credit").__set__
_SET_SRC: Final = getattr(Block, "src").__set__
_SET_REASON: Final = getattr(Block, "reason").__set__


def _block(kind: str, text: str, reason: str = "") -> Block:
    """`Block(kind, text, reason=reason)`, its slots set as Block.__init__ sets them; compiled,
    this runs no Python (a page makes ~190 blocks, most of them cut lines)."""
    block = cast(Block, _NEW(Block))
    _SET_KIND(block, kind)
    _SET_TEXT(block, text)
    _SET_CREDIT(block, "")
    _SET_SRC(block, "")
    _SET_REASON(block, reason)
    return block


def _kind(ln: _Line, before: str, before_text: str) -> str:
    """A kept line's kind: prose is a paragraph; a short line is a list item when it carries a
    bullet or number, follows a line ending in a colon or another item, else a heading."""
    if ln.sentence or ln.words >= 20 or (ln.words >= 8 and ln.terminal):
        return PARAGRAPH
    text = ln.text
    if _marked_item(text) or before == ITEM or (before_text[-1:] == ":" and before != CAPTION):
        return ITEM
    if text[-1] == ":" and ln.words >= 4:
        return PARAGRAPH  # "What to pack for a long day:" leads into a list
    return HEADING


_ITEM_MARKS: Final = frozenset("•·▪‣◦*-–—✓✔")
_NUMBERED: Final = re.compile(r"\d{1,2}[.)]\s")


def _no_article(lines: list[_Line]) -> Cleaned:
    title = next((ln.text for ln in lines if ln.words >= 3), lines[0].text)
    blocks = [Block(PARAGRAPH, ln.text) for ln in lines if ln.text != title]
    return Cleaned(title=title, blocks=blocks, notices=[NO_ARTICLE_NOTICE])


# a name alone on its line ("Marta Ferreira"), which a page prints over its date as the byline
_BARE_NAME: Final = re.compile(r"^[A-ZА-ЯЁ][a-zа-яё'’-]+(?: (?:[A-ZА-ЯЁ]\.|[A-ZА-ЯЁ][a-zа-яё'’-]+)){1,3}$")


# a writer's role under the name ("Environment correspondent", "Senior reporter")
_ROLE: Final = re.compile(r"^(?:[\w-]+ ){0,3}(?:correspondent|reporter|editor|writer|journalist|columnist|producer|"
                   r"корреспондент|обозреватель|редактор|журналист)$")


def _metadata(cleaned: Cleaned, lines: list[_Line], lo: int, body_start: int) -> None:
    stop = min(body_start + 3, len(lines))
    for i in range(lo, stop):
        ln = lines[i]
        if ln.byline and not cleaned.author:
            cleaned.author = ln.byline
        if ln.date and not cleaned.published:
            cleaned.published = ln.date
    if not cleaned.author:  # no "By ...": a bare name right over the date or the writer's role
        for i in range(lo, min(body_start, len(lines) - 1)):
            ln = lines[i]
            nxt = lines[i + 1]
            if ((nxt.date or (nxt.words <= 5 and _ROLE.match(nxt.low))) and 2 <= ln.words <= 4
                    and not (ln.reason or ln.credit_line or ln.date) and _BARE_NAME.match(ln.text)):
                cleaned.author = ln.text
                break
    for ln in lines:
        if ln.words <= 12 and ln.digit and (_may_hint_reading(ln.low) or ln.odd) and _READING_HINT.search(ln.text):
            m = _READING.search(ln.text)
            if m:
                cleaned.reading_time = int(m.group("a") or m.group("b"))
                break


def _may_hint_reading(low: str) -> bool:
    """Cheap necessary test for `_READING_HINT` on a lower-cased line without odd case folds."""
    return "min" in low or "мин" in low or "time" in low or "врем" in low or "tempo" in low


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b[:60]) or b.startswith(a[:60])


# the head of a reader's comment: "jdoe says:", then the date it was posted
_COMMENT_HEAD: Final = re.compile(r"^\S.{0,60}\s(?:says|said|wrote|writes|replied|пишет|написала?|disse|escreveu|scrive)\s?:$", re.I)


def _comments_from(lines: list[_Line]) -> int:
    """Where a thread of readers' comments starts: the first of at least two comment heads
    ("name says:" with a date on one of the next two lines); len(lines) when there is none."""
    heads = [
        i for i, ln in enumerate(lines)
        if ln.words <= 10 and ln.text[-1] == ":" and _COMMENT_HEAD.match(ln.text)
        and any(lines[j].date for j in range(i + 1, min(i + 3, len(lines))))
    ]
    return heads[0] if len(heads) >= 2 else len(lines)


GLUED_RUN: Final = 3  # lines in a row, each a teaser's headline glued to its summary, make a list of teasers
# where a headline ends and its summary starts, with no space between: "Student-AthleteA 24-year-old
# woman...", "... To 250,000The state...", "... Title RunDenny Hamlin's..."
# (the capital first: the engine skips to capitals, then looks behind)
_GLUE: Final = re.compile(r"[A-Z]" + _GLUE_BEHIND + r"(?=[a-z]| [a-z0-9])")


def _glued_teaser(text: str) -> bool:
    """A headline in Title Case (4 to 25 words, 4 of 5 of those with a letter first in capitals)
    glued to the sentence that follows it. A brand inside prose ("Last year YouTube...", "In 2024
    PayPal...") is not one."""
    end = len(text)
    if end > 200:  # a headline of 25 words at most: the glue lies before the 26th word
        parts = text.split(None, 25)
        if len(parts) > 25:
            end -= len(parts[25]) - 2  # (up to the 26th word's first letter: the glue's look ahead)
    for m in _GLUE.finditer(text, 0, end):
        head = text[: m.start()].split()  # (with the stop or quote before the capital)
        words = [w for w in head if w[0].isalpha()]
        if 4 <= len(head) <= 25 and len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words):
            return True
    return False


def _glued_runs(page: _Page, keep: list[bool]) -> None:
    """Cut the kept lines that lie in a run of GLUED_RUN or more glued teasers."""
    lines = page.lines
    n = len(lines)
    seen: dict[int, bool] = {}

    def glued(j: int) -> bool:
        g = seen.get(j)
        if g is None:
            g = seen[j] = lines[j].words >= 6 and lines[j].teaser and _glued_teaser(lines[j].text)
        return g

    for i in range(n):
        if not keep[i] or not glued(i):
            continue
        lo, hi = i, i + 1
        while lo > 0 and glued(lo - 1):
            lo -= 1
        while hi < n and glued(hi):
            hi += 1
        if hi - lo >= GLUED_RUN:
            for j in range(lo, hi):
                keep[j] = False


def _hard_rules(page: _Page, keep: list[bool]) -> None:
    """What no weight may overrule: furniture phrases, credits, bylines and datelines, what
    follows a donation appeal, and readers' comments."""
    before = 0.0
    appeal = False
    comments = _comments_from(page.lines)
    for i, ln in enumerate(page.lines):
        if not appeal and before > 40 and ln.words <= 12 and is_appeal_start(ln.text):
            appeal = True
        if appeal or i >= comments or ln.reason or ln.credit_line or ln.byline or (ln.date and (not ln.sentence or ln.words <= 6)):
            keep[i] = False
        if keep[i] and ln.sentence:
            before += ln.words


try:  # written by bench/train_cleaner.py
    from reader.ingest.cleaner_weights import MODELS
except ImportError:  # pragma: no cover - before the first fit
    MODELS = {"body": {}, "title": {}, "caption": {"bias": -1.0}, "switch": 2.0}
