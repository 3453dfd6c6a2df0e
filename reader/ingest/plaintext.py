"""Plain text copied from a news page → a clean article (headline, metadata, captions, body)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reader.ingest.boilerplate import boilerplate_reason, is_appeal_start, starts_furniture_section
from reader.ingest.captions import (
    is_credit_line,
    is_truncated_copy,
    split_credit,
    strip_caption_label,
    without_truncation_mark,
)
from reader.ingest.dates import parse_date
from reader.model import CAPTION, HEADING, PARAGRAPH, Block, Cleaned

CLEANER_VERSION = 2

NO_ARTICLE_NOTICE = "No article text was recognised; everything was kept as body."

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
# Han, kana: scripts written without spaces, where one \w+ run is a whole sentence.
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_TERMINAL_CHARS = ".!?…。！？:;»\"”’')]）」』"
_SENTENCE_CHARS = ".!?…。！？"
_CLOSERS = "\"”’'»)]）」』"
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_BYLINE = re.compile(
    r"^(?:by|por|di|von|par|автор(?:ы)?:?|текст:?|written by|posted by|story by|reporting by)\s+"
    r"(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+(?:[^\W\d_][\w.'’-]*|&|and|и|e))*?)"
    r"(?=$|\s*[,|•·–—@(]|\s+(?:on|at|in|for|updated|published|\d))",
    re.I,
)
_READING = re.compile(
    r"(?:(?P<a>\d{1,3})\s*(?:-|\s)?\s*(?:min(?:ute)?s?\.?|мин(?:ут[ыа]?)?\.?)\s*(?:read|reading|de leitura|di lettura|"
    r"чтения|на чтение))|(?:(?:reading time|время чтения|tempo de leitura|tempo di lettura)\s*:?\s*(?P<b>\d{1,3}))",
    re.I,
)
_SOURCE_PATTERNS = [
    re.compile(r"^a message from\s+(?P<s>.{2,60}?)\s*:?$", re.I),
    re.compile(r"^(?:support|subscribe to|donate to)\s+(?P<s>.{2,60}?)\s*[!.]?$", re.I),
    re.compile(r"^(?P<s>[^\W\d].{1,60}?)\s+[—–-]\s+support (?:our|independent) journalism\W*$", re.I),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?,?\s*(?P<s>[^\W\d][^.|]{1,60}?)"
               r"(?:\.?\s*(?:all rights reserved|все права защищены).*|\.)?$", re.I),
]


_SOURCE_HINT = re.compile(r"^(a message|support|subscribe|donate)|©|\(c\)|copyright|journalism", re.I)


def normalise(text: str) -> str:
    """NFC and collapsed spaces: the only changes the cleaner makes to kept text."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(slots=True)
class _Line:
    text: str
    words: float
    terminal: bool
    sentence: bool  # ends like a sentence (., !, ? and closing quotes)
    isolated: bool  # blank line (or text edge) on both sides
    reason: str  # boilerplate reason, "" when none
    credit_line: bool
    date: str
    byline: str


def _count_words(text: str) -> float:
    cjk = len(_CJK.findall(text))
    if cjk:
        return len(_WORD.findall(_CJK.sub(" ", text))) + cjk / 2.0
    return float(len(_WORD.findall(text)))


def _lines(text: str) -> list[_Line]:
    raw = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    stripped = [normalise(r) for r in raw]
    out: list[_Line] = []
    for i, t in enumerate(stripped):
        if not t:
            continue
        isolated = (i == 0 or not stripped[i - 1]) and (i + 1 == len(stripped) or not stripped[i + 1])
        words = _count_words(t)
        date = ""
        if words <= 25 and _YEAR.search(t):
            found = parse_date(t)
            if found and len(t) - (found[1][1] - found[1][0]) < 90:
                date = found[0]
        m = _BYLINE.match(t) if words <= 15 else None
        out.append(
            _Line(
                text=t,
                words=words,
                terminal=t[-1] in _TERMINAL_CHARS,
                sentence=t.rstrip(_CLOSERS)[-1:] in _SENTENCE_CHARS if t.rstrip(_CLOSERS) else False,
                isolated=isolated,
                reason=boilerplate_reason(t, words),
                credit_line=words <= 12 and is_credit_line(t),
                date=date,
                byline=m.group("name").strip() if m else "",
            )
        )
    return out


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
_NOT_TITLE = re.compile(
    r"^(https?:|www\.)|\b(shar(e|ing)|comments?|subscribe|sign up|newsletter|advertisement)\b|^[\W\d]*$|"
    r"\b\d{1,2}:\d\d\b|^\W*(home|blog|news)\W*(>|»|/)",
    re.I,
)


# "Tom Davies, Associated Press", "Jane Doe, AP Sports Writer", "Editorial Staff": bylines without "By".
_BYLINE_LIKE = re.compile(
    r"(,\s*|\b)(associated press|ap|reuters|staff|writer|correspondent|editor|reporter|contributor|usa today|"
    r"wire services)\s*$",
    re.I,
)


def _title_index(lines: list[_Line], scores: list[float], start: int, end: int) -> int:
    """The headline: a headline-shaped line just before the body (or at its very top)."""
    counts: dict[str, int] = {}
    for ln in lines:
        counts[ln.text] = counts.get(ln.text, 0) + 1
    # A headline's words come back in the article's first paragraphs; a menu entry's do not.
    leads: list[tuple[int, set[str]]] = []
    for j in range(start, end):
        if scores[j] >= 10:
            leads.append((j, {w.casefold() for w in _WORD.findall(lines[j].text)}))
            if len(leads) == 5:
                break
    best, best_score = -1, float("-inf")
    lo, hi = max(0, start - 80), min(end, start + 25)
    for i in range(lo, hi):
        ln = lines[i]
        if ln.reason or ln.credit_line or ln.date or ln.byline or not 2.5 <= ln.words <= 40 or _NOT_TITLE.search(ln.text):
            continue
        if i + 1 < len(lines) and lines[i + 1].credit_line:
            continue  # a photo caption
        score = 0.0
        if i < start:
            # furniture lines between a headline and its body are common; other text is not
            between = sum(1 for j in range(i + 1, start) if not lines[j].reason and not lines[j].credit_line)
            score -= 0.8 * min(between, 20)
        else:
            score -= sum(max(0.0, scores[j]) for j in range(start, i)) / 15
        score += 3 if 4 <= ln.words <= 25 else -2
        if ln.sentence and ln.words > 12:
            score -= 4
        if counts[ln.text] > 1:
            score += 1.5
        if any(n.date or n.byline for n in lines[i + 1 : i + 5]):
            score += 3
        if any(sc >= 10 for sc in scores[i + 1 : i + 7]):
            score += 3
        own = {w.casefold() for w in _WORD.findall(ln.text) if len(w) > 3 or _CJK.search(w)}
        if own:
            lead = set().union(*(ws for j, ws in leads if j > i)) if leads else set()
            score += 6 * len(own & lead) / len(own)
        if ln.text.endswith("."):
            score -= 3
        if _BYLINE_LIKE.search(ln.text):
            score -= 4
        caps = [w for w in ln.text.split() if w[:1].isalpha()]
        if caps and sum(w[0].isupper() for w in caps) / len(caps) >= 0.6:
            score += 1
        if score > best_score:
            best, best_score = i, score
    return best


def _source(lines: list[_Line]) -> str:
    for rx in _SOURCE_PATTERNS:
        for ln in lines:
            if ln.words > 14 or not _SOURCE_HINT.search(ln.text):
                continue
            m = rx.search(ln.text)
            if m:
                s = m.group("s").strip(" .,:;!|—–-")
                s = re.sub(r"^the\s+", "", s)  # "Support the X!": "the" is not part of the name
                if s and not re.match(r"^(us|our|independent|\d)", s, re.I):
                    return s
    return ""


def clean_text(text: str) -> Cleaned:
    """Find the headline, metadata, captions and body paragraphs of pasted page text."""
    lines = _lines(text)
    if not lines:
        return Cleaned(title="", blocks=[], notices=[NO_ARTICLE_NOTICE])
    scores = [_content_score(ln) for ln in lines]
    start, end, total = _best_region(scores)
    if total < 12:
        return _no_article(lines)

    ti = _title_index(lines, scores, start, end)
    if ti >= start:
        start = ti + 1
    end = _trim_furniture_tail(lines, start, end)
    title = lines[ti].text if ti >= 0 else ""

    cleaned = Cleaned(title=title, blocks=[])
    meta_from = ti + 1 if ti >= 0 else max(0, start - 15)
    _metadata(cleaned, lines, meta_from, start)
    cleaned.source = _source(lines)

    kind_of = _classify(lines, max(meta_from, 0), start, end)
    for i, ln in enumerate(lines):
        if i == ti:
            continue
        kind = kind_of.get(i)
        if kind is None:
            reason = ln.reason or ("metadata" if (ln.date or ln.byline) else "outside article")
            cleaned.removed.append(Block(PARAGRAPH, ln.text, reason=reason))
        elif isinstance(kind, Block):
            cleaned.blocks.append(kind)
        elif kind.startswith("cut:"):
            cleaned.removed.append(Block(PARAGRAPH, ln.text, reason=kind[4:]))
        else:
            cleaned.blocks.append(Block(kind, ln.text))
    return cleaned


def _no_article(lines: list[_Line]) -> Cleaned:
    title = next((ln.text for ln in lines if ln.words >= 3), lines[0].text)
    blocks = [Block(PARAGRAPH, ln.text) for ln in lines if ln.text != title]
    return Cleaned(title=title, blocks=blocks, notices=[NO_ARTICLE_NOTICE])


def _trim_furniture_tail(lines: list[_Line], start: int, end: int) -> int:
    """Stop the body at "Related stories" / "A Message from X:" when less prose follows than came before."""
    prose = [ln.words if (not ln.reason and ln.sentence) else 0.0 for ln in lines[start:end]]
    total = sum(prose)
    before = 0.0
    for i in range(start, end):
        ln = lines[i]
        if before > 40 and starts_furniture_section(ln.text, ln.words):
            if is_appeal_start(ln.text) or total - before < before:
                return i
        before += prose[i - start]
    return end


def _metadata(cleaned: Cleaned, lines: list[_Line], lo: int, body_start: int) -> None:
    for ln in lines[lo : body_start + 3]:
        if ln.byline and not cleaned.author:
            cleaned.author = ln.byline
        if ln.date and not cleaned.published:
            cleaned.published = ln.date
    for ln in lines:
        if ln.words <= 12 and _DIGIT.search(ln.text) and re.search(r"min|мин|time|врем|tempo", ln.text, re.I):
            m = _READING.search(ln.text)
            if m:
                cleaned.reading_time = int(m.group("a") or m.group("b"))
                break


def _classify(lines: list[_Line], lo: int, start: int, end: int) -> dict[int, object]:
    """Kind of each kept line (HEADING, PARAGRAPH, a caption Block) or "cut:<reason>"."""
    kinds: dict[int, object] = {}
    seen_captions: list[str] = []

    def caption_at(i: int) -> Block | None:
        ln = lines[i]
        text = ln.text
        label = strip_caption_label(text)
        credit = ""
        if label != text:
            text = label
            if i > 0 and lines[i - 1].credit_line:
                credit = re.sub(r"^image copyright\s+", "", lines[i - 1].text, flags=re.I)
        elif i + 1 < len(lines) and lines[i + 1].credit_line and not lines[i + 1].reason and not ln.reason and ln.words >= 3:
            credit = lines[i + 1].text
        else:
            head, credit = split_credit(text)
            if credit and head and _count_words(head) >= 2:
                text = head
            else:
                return None
        return Block(CAPTION, without_truncation_mark(text), credit=credit)

    for i in range(lo, end):
        ln = lines[i]
        if i in kinds:
            continue
        in_body = i >= start
        if ln.credit_line:
            kinds[i] = "cut:credit"
            continue
        if ln.reason:
            kinds[i] = "cut:" + ln.reason
            continue
        if ln.words <= 150 and (not ln.sentence or ln.words <= 60 or i + 1 < len(lines)):
            cap = caption_at(i)
            if cap is not None:
                if is_truncated_copy(ln.text) or any(_similar(cap.text, s) for s in seen_captions):
                    kinds[i] = "cut:duplicate caption"
                else:
                    seen_captions.append(cap.text)
                    kinds[i] = cap
                continue
        if not in_body:
            continue
        if ln.date or ln.byline:
            kinds[i] = "cut:metadata"
        elif ln.sentence or ln.words >= 20:
            kinds[i] = PARAGRAPH
        elif ln.isolated and ln.words <= 20 and _next_prose(lines, i, end):
            kinds[i] = HEADING
        elif ln.words >= 8 and ln.terminal:
            kinds[i] = PARAGRAPH
        else:
            kinds[i] = "cut:short line"
    return kinds


def _next_prose(lines: list[_Line], i: int, end: int) -> bool:
    for j in range(i + 1, min(end, i + 4)):
        if lines[j].sentence and lines[j].words >= 8 and not lines[j].reason:
            return True
    return False


def _similar(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a == b or a.startswith(b[:60]) or b.startswith(a[:60])
