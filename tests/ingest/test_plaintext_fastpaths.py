"""The cleaner's fast paths give exactly what the plain per-line code gives.

The page-wide scans, cheap gates and directly summed logits in reader.ingest.plaintext,
boilerplate and captions stand in for per-line patterns; here each is compared with the
straightforward version (kept below as the reference) on awkward generated text.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import boilerplate, captions, dates
from reader.ingest import plaintext as pt
from reader.ingest.linemodel import _SHORT_FLAGS, GLUED_HINT, QUOTE_MARKS, score, short_flags, text_flags

# an agency's name as a word, as first written (`captions._AGENCY_WORD` opens on its first letter)
_AGENCY_WORD = re.compile(r"(?<!\w)(?:" + captions.AGENCIES + r")(?!\w)")

# ------------------------------------------------------------------ references


def ref_is_credit_line(line: str) -> bool:
    words = line.split()
    if not words or len(words) > 12:
        return False
    if captions._CREDIT_LINE.match(line):
        return not captions.describes(line) and not (line[:1] == "©" and captions.split_leading_credit(line)[1])
    if line.endswith((".", "!", "?", ":")) and not line.endswith(("Inc.", "Corp.", "Ltd.")):
        return False
    bare = line.strip("()[] ")
    if (_AGENCY_WORD.fullmatch(bare) or ("," in bare and captions._NAME_AGENCY.match(bare))
            or ("/" in bare and captions._SLASHED.match(bare) and not bare.replace("/", "").isdigit())
            or (bare.isupper() and bare in captions._AGENCY_UPPER)):
        return True
    return len(words) <= 8 and len(words) >= 3 and words[0] not in ("The", "A", "An") and bool(captions._FOR_VIA.match(bare))


def ref_split_credit(line: str) -> tuple[str, str]:
    c = captions
    m = re.search(r"\s*([\(\[]([^()\[\]]{2,120})[\)\]])\s*$", line)
    if m:
        inner = m.group(2).strip()
        if (
            re.match(c._MARKER, inner, re.I)
            or re.match(r"^(?:file|archive|photo|image)s?\s*:", inner, re.I)
            or _AGENCY_WORD.search(inner)
            or c._SLASHED.match(inner)
            or (re.fullmatch(c._NAME, inner) and line[: m.start()].rstrip().endswith((".", "!", "?")))
        ) and m.start() > 0:
            return line[: m.start()].rstrip(), m.group(1)
    m = re.search(r"(?:(?<=[\s.!?])|^)" + c._MARKER, line, re.I)
    if m and m.start() > 0:
        tail = line[m.start():]
        if len(tail.split()) <= 12 and not re.search(r"[.!?]\s+\S", tail[2:]):
            return line[: m.start()].rstrip(), tail.strip()
    m = re.search(r"(?:(?<=[.!?])\s*|\s+)((?:" + c._NAME + r"\s*/\s*)+" + c._NAME + r"(?:\s+file)?)$", line)
    if m and m.start() > 0 and (_AGENCY_WORD.search(m.group(1)) or len(m.group(1).split("/")) >= 2):
        head = line[: m.start()].rstrip()
        if head and len(m.group(1).split()) <= 10:
            return head, m.group(1).strip()
    m = re.search(r"(?<=[.!?])\s+((?:" + c.AGENCIES + r")(?:\s+(?:Photo|Images))?)$", line)
    if m:
        return line[: m.start()].rstrip(), m.group(1)
    return line, ""


# the date patterns as first written: each opening on "no digit before" (`dates._PATTERNS` open on
# the digit itself), the month names as a flat list, longest first (`dates._MONTH` is a prefix tree)
_FLAT_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, dates._MONTHS), key=len, reverse=True)) + r")\.?"
_T, _O = dates._TIME, dates._OF
_FLAT_PATTERNS = [re.compile(rx, re.I) for rx in (
    r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)" + _T,
    r"(?<!\d)(?P<day>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)" + _T,
    r"\b" + _FLAT_MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)" + _T,
    r"(?<!\d)(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º)?\.?" + _O + r"\s+" + _FLAT_MONTH + _O + r",?\s+(?P<year>(?:19|20)\d\d)"
    r"(?!\d)(?:\s*(?:г\.|года))?" + _T,
    r"(?<!\d)(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)" + _T,
    r"(?<!\d)(?P<day>1[3-9]|2\d|3[01])/(?P<mon>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)(?!\d)" + _T,
)]
_DATE_PIECES = ["1", "2", "3", "0", "9", "٣", "19", "20", "2019", "2024", "12", "31", "13", "05", "-", ".", "/", " ", ", ",
                "Nov", "november", "NOV.", "July", "июля", "de", "of", "st", "th", "º", "г.", "at", "9:24", "pm", "T",
                "14h32", "x", "Mar", "İ", "ſept", "\u212a"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=12).map("".join)
       | st.lists(st.sampled_from([*"0123٣9-./ ", "2019", "20", " Nov "]), max_size=14).map("".join))
def test_the_date_patterns_match_as_first_written(text):
    for rx, flat in zip(dates._PATTERNS, _FLAT_PATTERNS):
        m, r = rx.search(text), flat.search(text)
        assert (m and (m.span(), m.groupdict())) == (r and (r.span(), r.groupdict()))
    assert dates.parse_date(text) == ref_parse_date(text)


def test_the_date_patterns_after_a_digit():
    for text in ("112.05.2019", "05.07.2024", "9.1.2019", "41/12/2019", "312/01/2020", "٣5.07.2019", "12019-05-01 x",
                 "x2019-05-01", "015 July 2019", "0 3 July 2019", "4/5/2019", "14/5/2019", "1/31/2020"):
        for rx, flat in zip(dates._PATTERNS, _FLAT_PATTERNS):
            m, r = rx.search(text), flat.search(text)
            assert (m and (m.span(), m.groupdict())) == (r and (r.span(), r.groupdict())), (text, rx.pattern)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["nov", "november", "novembre", "mar", "marzo", "märz", "août", "мая", "май", "x", "a",
                                 "_", " ", "1", ".", "-", "é", "\n"]), max_size=8).map("".join))
def test_the_first_month_is_the_first_word_that_names_one(low):
    first = next((m.start() for m in re.finditer(r"\w+", low) if m.group() in dates._MONTHS), -1)
    assert dates._first_month(low) == first


def test_the_month_names_are_words():
    assert all(re.fullmatch(r"\w+", name) for name in dates._MONTHS)


def test_the_date_patterns_open_on_a_class():
    """(what makes them fast: the engine skips to the characters they can open on)"""
    from re import _compiler  # type: ignore[attr-defined]

    for k, rx in enumerate(dates._PATTERNS):
        if k != dates._NAME_FIRST:
            assert _compiler._get_charset_prefix(re._parser.parse(rx.pattern, rx.flags), rx.flags), rx.pattern


def ref_parse_date(text: str):
    best = None
    for rx in _FLAT_PATTERNS:
        m = rx.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    g = best.groupdict()
    year, day = int(g["year"]), int(g["day"])
    month = dates._MONTHS.get(g["month"].lower().rstrip(".")) if g.get("month") else int(g["mon"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute, ampm = g.get("hour"), g.get("minute"), g.get("ampm")
    if hour is None:
        t = dates._TIME_FIRST.search(text[: best.start()])
        if t:
            hour, minute, ampm = t.group("hour"), t.group("minute"), t.group("ampm")
    if hour is not None:
        h = int(hour)
        if ampm:
            h = h % 12 + (12 if ampm.lower().startswith("p") else 0)
        if h < 24:
            iso += f"T{h:02d}:{int(minute):02d}"
    return iso, best.span()


def ref_lines(text: str) -> list[tuple]:
    """What the cleaner read from each line before the page-wide scans (text, words, terminal,
    sentence, isolated, reason, credit line, date, byline)."""
    whole = pt._SPACES.sub(" ", unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n")))
    stripped = [r.strip() for r in whole.split("\n")]
    phrases = boilerplate.phrases_on_page(whole)
    out = []
    for i, t in enumerate(stripped):
        if not t:
            continue
        isolated = (i == 0 or not stripped[i - 1]) and (i + 1 == len(stripped) or not stripped[i + 1])
        words = pt._count_words(t)
        date = ""
        if words <= 25 and pt._YEAR.search(t):
            found = ref_parse_date(t)
            if found and len(t) - (found[1][1] - found[1][0]) < 90:
                date = found[0]
        m = pt._BYLINE.match(t) if words <= 15 else None
        out.append((
            t, words, t[-1] in pt._TERMINAL_CHARS,
            t.rstrip(pt._CLOSERS)[-1:] in pt._SENTENCE_CHARS if t.rstrip(pt._CLOSERS) else False,
            isolated, boilerplate.boilerplate_reason(t, words, phrases),
            words <= 12 and ref_is_credit_line(t), date, m.group("name").strip() if m else "",
        ))
    return out


def fast_lines(text: str) -> list[tuple]:
    return [(ln.text, ln.words, ln.terminal, ln.sentence, ln.isolated, ln.reason, ln.credit_line, ln.date, ln.byline)
            for ln in pt._lines(text)]


# ------------------------------------------------------------------ generated text

# words and marks the patterns look for, odd case folds, scripts, digits and dates
_PIECES = [
    "Share", "share", "SHARE", "Photo", "photo:", "Image copyright", "Getty Images", "AP Photo", "Reuters", "©",
    "(c)", "Copyright 2024", "/", " | ", "•", "·", "»", ">", "http://x.com", "www.", "@user", "#tag", "menu",
    "Sign in", "Read more", "newsletter", "subscribe", "support our journalism", "A Message from The Times:",
    "cookies", "By Jane Doe", "by Jon Smith @js", "Nov 18, 2019 at 9:24 pm ET", "5 July 2024", "05.07.2024 14:32",
    "2024-07-05", "11/18/2019", "Updated", "1:39 am", "2019", "12019", "20201", "min read", "Reading time: 4",
    "said.", "said:", "“Quote”", "«цитата»", "Фото:", "фото", "Поделиться", "читайте также", "ſhare", "İmage",
    "ımage", "K", "ᲂ", "teaserHeadline", "endOf.Next", "file", "Video", "illustration", "Mar", "março", "мая",
    "de", "of", "for", "via", "Name / Agency", "Kin Cheung / AP Photo / TASS", "(AP Photo/Evan Vucci)",
    "[File: Reuters]", "… more", "less", "Image caption", "no.", "e-mail", "don't", "U.S.", "42", "٣", "１２",
    "日本語のテキスト", "한국어", "\t", "\u00a0", "\u2009", "  ", "\x0b", "\ufeff", "_", "—", "...",
    "Home", "NEWS", "blog", "comments", "Sharing", "advertisement", "12:30", "9:05", ":", "(", ")", "]",
    "(Photo: Jane Roe)", "\u3000", "\x1c", "Courtesy of",
]
_TOKEN = st.one_of(st.sampled_from(_PIECES), st.text(min_size=1, max_size=8))
_LINE = st.lists(_TOKEN, min_size=0, max_size=14).map(" ".join)
_PAGE = st.lists(_LINE, min_size=0, max_size=40).map(lambda ls: "\n".join(ls))
_SAMPLE_PAGE = (
    "Support The Daily Ledger!\n\nHarbour tram vote passes after a long night\n\nPhoto: Jane Roe / Reuters\n"
    "By Jane Doe\nNov 18, 2019 at 9:24 pm ET\n\nThe council voted on Tuesday to extend the tram line to the "
    "harbour, ending a dispute that had run for more than two years.\n\n“It is a good day,” the mayor said.\n"
    "\nShare\nTweet\nEmail\n\nRelated stories\nMore from the city\n\nA Message from The Daily Ledger:\n"
    "Dear readers, please support our journalism.\nOnce\nMonthly\nContinue\n© 2024 The Daily Ledger"
)


@settings(max_examples=300, deadline=None)
@given(_PAGE)
def test_lines_match_the_per_line_reading(text):
    assert fast_lines(text) == ref_lines(text)
    for ln in pt._lines(text):
        # the flags the page's one pass sets, against the line's own text
        assert ln.inner == (". " in ln.text or "? " in ln.text or "! " in ln.text)
        assert ln.quote == any(q in ln.text for q in QUOTE_MARKS)
        assert ln.digit == bool(pt._DIGIT.search(ln.text))
        if ln.words <= 40 and not ln.scan:
            assert short_flags(ln.text) == []


@settings(max_examples=300, deadline=None)
@given(_PAGE)
def test_page_flags_and_first_stage_match_the_features(text):
    lines = pt._lines(text)
    page = pt.prepare(lines) if lines else None
    if page is None:
        return
    for i, ln in enumerate(lines):
        assert page.flag(i) == text_flags(ln.text, ln.words)
        assert ln.quote == bool(re.search(r"[\"“”«»„]", ln.text))
        assert ln.digit == bool(re.search(r"\d", ln.text))
        if not ln.scan:
            assert not any(True for _ in _SHORT_FLAGS.finditer(ln.text)) or ln.words > 40
    for models in (pt.MODELS, {"body": {k: v * 1.37 for k, v in pt.MODELS["body"].items()}}):
        body = models["body"]
        assert pt._first_stage(page, body) == [score(body, f) for f in pt.body_features(page)]


def test_first_stage_on_a_page_with_every_kind_of_line():
    page = pt.prepare(pt._lines(_SAMPLE_PAGE * 3))
    body = pt.MODELS["body"]
    assert pt._first_stage(page, body) == [score(body, f) for f in pt.body_features(page)]


@settings(max_examples=500, deadline=None)
@given(_LINE)
def test_line_gates_are_never_wrong(line):
    line = line.strip()
    if not line:
        return
    assert captions.is_credit_line(line) == ref_is_credit_line(line)
    assert captions.is_credit_line(line, odd=captions.ODD_FOLD.search(line) is not None) == ref_is_credit_line(line)
    assert captions.split_credit(line) == ref_split_credit(line)
    stem = captions.has_odd_fold(line) or any(w in line.lower() for w in pt._CREDIT_STEMS)  # (as `_Line.stem`)
    assert captions.split_credit(line, stem) == ref_split_credit(line)
    assert captions.strip_caption_label(line) == captions._CAPTION_LABEL.sub("", line, count=1)
    assert captions.without_truncation_mark(line) == captions._TRUNCATED.sub("", line)
    assert captions.is_truncated_copy(line) == bool(captions._TRUNCATED.search(line))
    low = line.lower()
    m = boilerplate._SHORT_RE.match(low)
    assert boilerplate.short_reason(low) == (m.lastgroup.replace("_", " ") if m else "")
    assert dates.parse_date(line) == ref_parse_date(line)
    ln = pt._lines(line)
    if len(ln) == 1:
        one = ln[0]
        assert pt._not_title(one) == bool(pt._NOT_TITLE.search(one.text))
        if pt._SOURCE_HINT.search(one.text) and not one.odd:
            assert one.hint
        hint = _ref_credit_tail_hint(one.text)
        assert pt._credit_tail_hint(one.text, one.stem) == hint


def _ref_credit_tail_hint(text: str) -> bool:
    tail = text[-120:]
    if "/" in tail or "©" in tail or ")" in tail or "]" in tail:
        return True
    end = tail[-40:]
    if ". " in end or "! " in end or "? " in end:
        return True
    return pt._CREDIT_WORD.search(tail) is not None


_NEVER_CAPTION = re.compile(r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|\bsubscri(?:be|ption)\b|\bsign up\b|"
                            r"\bnewsletter")


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["(", "additional ", "reporting", "writing by", "editing", " by", "by", "subscribe",
                                 "subscription", "subscriber", "sign up", "signup", "newsletter", "newsletters", "x",
                                 " ", "_", "é", "-", "a"]), max_size=8).map("".join))
def test_never_caption_is_the_pattern(low):
    assert pt._never_caption(low) == bool(_NEVER_CAPTION.search(low))


_AGENCY_PIECES = [*captions.AGENCIES.split("|")[:12], "Getty Images", "APPhoto", "xAP", "AP-", "_AP", "ТАСС", "Reutersx",
                  " ", "/", "(", "é", "1", "a", "\n"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_AGENCY_PIECES), max_size=8).map("".join))
def test_an_agencys_name_as_a_word_is_found_as_first_written(text):
    m, r = captions._AGENCY_WORD.search(text), _AGENCY_WORD.search(text)
    assert (m and m.span()) == (r and r.span())


@settings(max_examples=300, deadline=None)
@given(_PAGE.map(str.lower))
def test_the_one_pass_finds_every_needle_where_it_occurs(low):
    words = list(pt._NEEDLE_TABLE)
    found = sorted((words[k], start, end) for k, start, end in pt._NEEDLES.find_matches_as_indexes(low, overlapping=True))
    expected = sorted((w, m.start(), m.start() + len(w)) for w in words for m in re.finditer("(?=" + re.escape(w) + ")", low))
    assert found == expected


def test_lower_casing_never_shortens_a_text():
    """(so a page lower-cased to its own length has lines of their own lengths: `_lines` reuses
    where they start)"""
    assert all(len(chr(c).lower()) >= 1 for c in range(0x110000))


def test_a_line_without_credit_words_can_hold_no_marker_but_the_copyright_signs():
    """(what lets `split_credit` skip its marker search on such a line)"""
    for stem in captions._MARKER_STEMS:
        assert stem in ("©", "(c)") or any(w in stem for w in pt._CREDIT_STEMS)


def test_page_scans_agree_with_their_patterns():
    for text in ("12019 2019x 2019 x2020 20201 1999", "ab\n2019\ncd 2020", "٢٠١٩ 2019"):
        assert [m.span() for m in pt._YEAR_SCAN.finditer(text)] == [m.span() for m in pt._YEAR.finditer(text)]
    for text in ("a  b", "a \u00a0 b", "a\tb", "a b", " \u2009x\u3000\u3000y ", "a\x0b b"):
        assert pt._collapse_spaces(text) == pt._SPACES.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\u00a0\u2009\u3000\ufeffab\n")), max_size=30))
def test_collapsed_spaces_are_like_spaces(text):
    assert pt._collapse_spaces(text) == pt._SPACES.sub(" ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789٣ x\n")), max_size=30))
def test_year_scan_finds_the_years(text):
    assert [m.span() for m in pt._YEAR_SCAN.finditer(text)] == [m.span() for m in pt._YEAR.finditer(text)]


# digits of several scripts (ASCII, Arabic-Indic, fullwidth, mathematical bold beyond the
# BMP), a digit-like character that is no decimal (superscript two), capitals glued or not,
# kana and Han, an emoji beyond the BMP, marks GLUED_HINT looks behind
_MARK_ALPHABET = list("abcAZxyz.!?\"”’' 0٣９²\n") + ["\U0001d7ce", "\U0001f600", "か", "漢", "ﾀ"]


def ref_page_marks(text):
    starts = pt._starts(text.split("\n"))
    if pt._CJK.search(text):
        return None
    return (pt._lines_matching(pt._DIGIT, text, starts), pt._lines_matching(GLUED_HINT, text, starts),
            pt._lines_matching(pt._GLUE_HINT, text, starts))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_MARK_ALPHABET), max_size=60))
def test_the_page_marks_are_the_digit_glued_and_cjk_scans(text):
    assert pt._page_marks(text, pt._starts(text.split("\n"))) == ref_page_marks(text)
    # a line where GLUED_HINT finds nothing may still hold a glued teaser; one where `_GLUE_HINT`
    # finds nothing holds none
    if not pt._GLUE_HINT.search(text):
        assert not pt._GLUE.search(text) and not GLUED_HINT.search(text)


def test_the_page_marks_on_lines_holding_several_of_them():
    for text in ("fooBar 12 bazQux\nabc", "12 fooBar\n3", "fooBar 12 か", "x 1 y\n\U0001f600 abcDe 2",
                 "abc.Def ９\nabc\U0001d7ce", "²abcD", "abcDef ghiJkl 3 4 5\n\nabcD", "YouTube JavaScript 1",
                 "PayPal 2 ouTube\n20Abc"):
        assert pt._page_marks(text, pt._starts(text.split("\n"))) == ref_page_marks(text)
    # the class of decimal digits is what `\d` matches in the BMP
    decimals = re.compile(f"[{pt._BMP_DECIMALS}]")
    assert all(bool(decimals.match(c)) == bool(pt._DIGIT.match(c)) for c in map(chr, range(0x10000)))


def ref_smooth(logits, switch):
    n = len(logits)
    if not n:
        return []
    cut, keep = -logits[0] / 2, logits[0] / 2
    back = []
    for i in range(1, n):
        half = logits[i] / 2
        c_from_c, c_from_k = cut, keep - switch
        k_from_k, k_from_c = keep, cut - switch
        bc = 0 if c_from_c >= c_from_k else 1
        bk = 1 if k_from_k >= k_from_c else 0
        cut = (c_from_c if bc == 0 else c_from_k) - half
        keep = (k_from_k if bk == 1 else k_from_c) + half
        back.append((bc, bk))
    state = 1 if keep > cut else 0
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state == 1
        if i:
            state = back[i - 1][state]
    return out


@settings(max_examples=500, deadline=None)
@given(st.lists(st.floats(min_value=-20, max_value=20, allow_nan=False), max_size=60),
       st.sampled_from([0.0, 0.5, 1.0, 2.0, 4.0, 6.0]))
def test_smoothing_matches_the_plain_viterbi(logits, switch):
    from reader.ingest.linemodel import smooth

    assert smooth(logits, switch) == ref_smooth(logits, switch)


_OPENINGS = ["Related", "MORE from", "you might also like", "12 comments", "٣ comments", "A Message from", "Dear readers",
             "Дорогие читатели", "Читайте также", "Leia também", "Share this", "Don't miss", "See also", "Sign up for",
             "Support independent", "The", "Reporting", "ſupport us", "İnfo", "\u212aey", "_x", "Related"]


@settings(max_examples=600, deadline=None)
@given(st.tuples(st.text(alphabet=st.sampled_from(list(" -—•*>|«\"'_(1٣²\u00a0")), max_size=3),
                 st.sampled_from(_OPENINGS), st.text(max_size=12)).map("".join),
       st.integers(min_value=1, max_value=14))
def test_section_and_appeal_openings_agree_with_their_patterns(line, words):
    assert boilerplate.starts_furniture_section(line, words) == (words <= 12 and bool(boilerplate._SECTION_START.match(line)))
    assert boilerplate.starts_teaser_list(line, words) == (words <= 12 and bool(boilerplate._TEASER_LIST.match(line)))
    assert boilerplate.is_appeal_start(line) == bool(boilerplate._APPEAL.match(line))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_ \t.,'’“”—-()/…·\u00a0\u0301é٣²ſ\u3000x")), max_size=40) | st.text(max_size=40)
       | st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_word_count_counts_the_runs_of_word_characters(text):
    assert pt._word_count(text) == len(pt._WORD.findall(text))


def ref_count_words(text: str) -> float:
    if pt._CJK.search(text) is None:
        return float(len(pt._WORD.findall(text)))
    cjk = len(pt._CJK.findall(text))
    return len(pt._WORD.findall(pt._CJK.sub(" ", text))) + cjk / 2.0


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1 .、。日本語のテキストか한국어カ\u3000x")), max_size=30) | st.text(max_size=30))
def test_count_words_counts_han_and_kana_as_half_words(text):
    n = pt._count_words(text)
    assert n == ref_count_words(text) and type(n) is float


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["Straße", "STRASSE", "Ὀδυσσεύς", "ᾳᾳᾳᾳ", "a\u0345bcd", "İstanbul", "ﬁnance", "Ωmega",
                                 "word", "Word’s", "“Quote”", "ΣΟΦΙΑ", "σοφίας", "Kelvin\u212a", "١٢٣٤", "x",
                                 "snake_case", "well-known", "U.S.A.", "(words)", "a.b.c.dddd", "__init__"])
                | st.text(min_size=1, max_size=8), min_size=1, max_size=8).map(" ".join))
def test_a_lines_words_are_its_folded_words(text):
    lines = pt._lines(text)
    if len(lines) == 1:
        page = pt._Page(lines, [0.0], 0, 1, {}, {})
        assert page.words_of(0) == pt._words_of(lines[0].text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["abcd", "abc", "ab_c", "x-yzzy", "éèêë", "٣٣٣٣", "“word”", "word,", "(ab)cd", "…", "-",
                                 "_", " ", "\u00a0", "\x1c", "\n", "\U0001d7ce", "ﬁ", "\u0345"])
                | st.text(max_size=6), max_size=10).map("".join))
def test_long_words_are_the_runs_of_four_word_characters(text):
    assert pt._long_words(text) == set(pt._LEAD_WORD.findall(text))


_FLAG_PIECES = ["http://x.com", "www.", ".com", "@ab", "#tag", " | ", "•", " · ", " > ", "/", "»", "abcDe", "cat.Dog",
                "oneTwo", "Photo", "photograph", "Image", "pictured", "File", "file", "Video", "Illustration", "Фото",
                "Foto", "Imagem", "Immagine", "@abcDe", "x", "PhotoAbc", "the", " ", "’", "ab"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_FLAG_PIECES) | st.text(max_size=5), max_size=10).map("".join))
def test_short_flags_are_the_patterns_groups(text):
    groups = sorted({m.lastgroup for m in _SHORT_FLAGS.finditer(text)})
    assert short_flags(text) == groups
    assert short_flags(text, glue=GLUED_HINT.search(text) is not None) == groups


def _ref_glued_teaser(text: str) -> bool:
    for m in pt._GLUE.finditer(text):
        head = text[: m.start()].split()
        words = [w for w in head if w[0].isalpha()]
        if 4 <= len(head) <= 25 and len(words) >= 4 and sum(1 for w in words if w[0].isupper()) >= 0.8 * len(words):
            return True
    return False


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Big", "Storm", "Hits", "Coast", "Town", "StoreA", "Council’sThe", "250,000The",
                                 "man", "said", "the", "a", "On", "Title", "RunDenny", "x"]), min_size=0, max_size=60)
       .map(" ".join))
def test_glued_teasers_are_found_in_a_headlines_length(text):
    assert pt._glued_teaser(text) == _ref_glued_teaser(text)
