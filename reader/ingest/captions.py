"""Photo captions and credits in copied text: "… Kin Cheung / AP Photo / TASS", "(Image: GETTY)", "Photo: X"."""

from __future__ import annotations

import re
from typing import Final

from reader.patterns import lower, names_as_words

# Agencies and picture libraries whose names, alone, make a line or a tail a photo credit.
AGENCIES: Final = (
    r"Reuters|AP|AP Photo|Associated Press|AFP|Getty|Getty Images|GETTY|EPA|EPA-EFE|TASS|ТАСС|РИА Новости|"
    r"Sputnik|Shutterstock|iStock|iStockphoto|Alamy|Bloomberg|NASA|ESA|JPL|Xinhua|PA|PA Wire|PA Images|"
    r"Wikimedia Commons|Unsplash|Pexels|Handout|Supplied|File|File photo|Courtesy|Pool|UPI|ANI|PTI|IANS|"
    r"dpa|ANSA|Agência Brasil|Folhapress|Kommersant|Коммерсантъ|Интерфакс|Interfax|Anadolu|Yonhap|Kyodo|"
    r"Imago|Zuma|ZUMA Press|Rex|Rex Features|SIPA|Corbis|Statista|Future|NurPhoto|SOPA Images|Redux|"
    r"Flickr|Instagram|Twitter|YouTube|Facebook|Screenshot|Screengrab|Video still|Archive|Архив|Pixabay"
)


_AGENCY_WORD: Final = re.compile(names_as_words(AGENCIES.split("|")))
# A word that says "this is a credit": Photo: X, Credit: X, Image copyright X, © X, Фото: X.
_MARKER: Final = (
    r"(?:(?:photo(?:graph)?s?|image|picture|pic|credit|illustration|foto(?:s|grafia)?|imagem|фото|"
    r"источник(?: фото)?|fonte|source)(?: credit| copyright| source| by)?\s*(?::|\.\.\.|…|-)\s*"
    r"|(?:photo(?:graph)?s?|image|foto|illustration) by\s+|image copyright,?\s+|image source,\s*|courtesy(?: of)?\s+|©|\(c\)\s|"
    r"copyright\s+)"
)
_CREDIT_LINE: Final = re.compile(r"^[\(\[]?\s*" + _MARKER + r"\s*\S.{0,120}$", re.I)
# "Name / Agency", "Name, AP", "Name for Publication", "Name via AP", "(NASA/JPL-Caltech)".
# A capitalised name; a word may end in a full stop only as an initial ("J.", "H.W."), so a
# sentence's last word ("... Starmer.") is never taken for part of a credit.
_NAME_WORD: Final = r"(?:(?:[A-ZА-ЯЁ]\.)+|[A-ZА-ЯЁ0-9][\w'’&-]*)"
_NAME: Final = _NAME_WORD + r"(?:\s+(?:" + _NAME_WORD + r"|de|da|van|von|der|la|le|di|du|del|dos|bin|al|of))*"
_SLASHED: Final = re.compile(r"^" + _NAME + r"(?:\s*/\s*" + _NAME + r")+$")
_FOR_VIA: Final = re.compile(r"^" + _NAME + r"(?:,\s*" + _NAME + r")?\s+(?:for|via|para|per|для)\s+" + _NAME + r"$")
_NAME_AGENCY: Final = re.compile(r"^" + _NAME + r",\s*(?:" + AGENCIES + r")(?:\s+\w+)?$")
_ALLCAPS: Final = re.compile(r"^[A-Z][A-Z&.\-]{1,20}(?:\s[A-Z][A-Z&.\-]{1,20})?$")
_CAPTION_LABEL: Final = re.compile(r"^(?:image|media|photo|video)\s?caption\s*[:,]?\s*", re.I)
_TRUNCATED: Final = re.compile(r"(?:\s*(?:\.\.\.|…)\s*(?:more|\[\+\])|\s+less)$")
_TRUNCATED_ENDS: Final = ("more", "[+]", "less")  # (the mark ends the line)


# Characters that match a letter of the markers case-insensitively without lower-casing to it
# (dotless i, long s, Kelvin sign, old Cyrillic forms): where one occurs, the cheap tests below
# defer to the patterns themselves.
ODD_FOLD: Final = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88\u212a]")
_ODD_CHARS: Final = "\u0130\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u212a"


def has_odd_fold(text: str) -> bool:
    """`ODD_FOLD.search(text)`, by substring tests (faster on a page)."""
    for c in _ODD_CHARS:
        if c in text:
            return True
    return False


_AGENCY_SET: Final = frozenset(AGENCIES.split("|"))
_AGENCY_UPPER: Final = frozenset(a.upper() for a in _AGENCY_SET)
# Words a credit's name may hold in lower case ("Courtesy of the family", "Jane Roe for The Times")
_CREDIT_LOWER: Final = frozenset(("of", "the", "and", "for", "via", "by", "de", "da", "do", "dos", "das", "van", "von",
                           "der", "la", "le", "di", "du", "del", "bin", "al", "photo", "photos", "images", "image",
                           "courtesy", "copyright", "credit", "source", "file", "handout", "pool", "staff", "и", "для"))
_LABEL: Final = re.compile(r"^[\(\[]?\s*(?:image|photo|picture|pic|foto|фото)\s*:\s*", re.I)


def describes(line: str) -> bool:
    """True when the text after a "Photo:"/"Image:" label reads as a description, not a name:
    three or more lower-case words that no credit uses."""
    m = _LABEL.match(line)
    if not m:
        return False
    lower = [w for w in line[m.end():].split() if w[:1].islower() and w.strip(",.;:()") not in _CREDIT_LOWER]
    return len(lower) >= 3


def labelled_caption(line: str) -> str:
    """The caption of "Image: Jane Roe, left, meets the mayor" (without its label), or ""."""
    m = _LABEL.match(line)
    if m is None or not describes(line):
        return ""
    return line[m.end():].strip()


# "© John Roe The mayor opens the bridge." (the credit printed first, then the caption)
_LEADING_COPYRIGHT: Final = re.compile(
    r"^(©\s*(?:[A-Z][\w'’.-]*\s+[A-Z][\w'’-]*(?:\s*/\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?))\s+([A-Z].*)$"
)


def split_leading_credit(line: str) -> tuple[str, str]:
    """(caption, credit) for a line opening on "© First Last" followed by a described scene; else (line, "")."""
    if not line.startswith("©"):
        return line, ""
    m = _LEADING_COPYRIGHT.match(line)
    if not m:
        return line, ""
    rest = m.group(2)
    words = rest.split()
    if len(words) < 4 or sum(1 for w in words if w[:1].islower()) < 2:
        return line, ""
    return rest, m.group(1)


# A credit's label on a line of its own, the name on the next: "Credit..." / "Jane Roe/The Times"
BARE_MARKER: Final = re.compile(r"^(?:photo(?:graph)?s?|image|picture|credit|foto|фото)\s*(?::|\.\.\.|…)?$", re.I)
# what a line can start with for the marker pattern to match (its words' first letters in both
# cases, brackets, spacing, odd case folds); anything else is tested no further
_MARKER_FIRST_ANY: Final = frozenset("picfфиsPICFФИS©([ \t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002"
                              "\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
                              "\u0130\u0131\u017f\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u212a")
_FOR_VIA_WORDS: Final = frozenset(("for", "via", "para", "per", "для"))


# (tuples made once: a literal tuple in a compiled function is built at each call)
_OPENING_BRACKETS: Final = ("(", "[")
_STOPS: Final = (".", "!", "?", ":")
_COMPANY_ENDS: Final = ("Inc.", "Corp.", "Ltd.")
_LABEL_FIRST: Final = ("i", "m", "p", "v")


def is_credit_line(line: str, odd: bool = True) -> bool:
    """True for a whole line that only names a photo's source ("Photo: X", "Getty Images", "AP").

    `odd=False` says the text holds no letter with an odd case fold (see ODD_FOLD)."""
    # the marker pattern needs one of its words at the start (after an opening bracket)
    if line[:1] in _MARKER_FIRST_ANY:
        low = lower(line)
        h1 = low.lstrip()
        h2 = h1[1:].lstrip() if h1[:1] in _OPENING_BRACKETS else h1
        marker = h1.startswith(_MARKER_STEMS) or h2.startswith(_MARKER_STEMS) or (odd and has_odd_fold(line))
    else:
        marker = False
    if not marker and line.endswith(_STOPS) and not line.endswith(_COMPANY_ENDS):
        return False
    bare = line.strip("()[] ")
    if not marker and not (bare in _AGENCY_SET or bare in _AGENCY_UPPER or "," in bare or "/" in bare or "for" in bare or "via" in bare
                           or "par" in bare or "per" in bare or "для" in bare):
        return False  # none of the shapes below can match
    words = line.split()
    if not words or len(words) > 12:
        return False
    if marker and _CREDIT_LINE.match(line):
        # "Image: Jane Roe, left, meets the mayor" and "© Jane Roe The mayor opens the bridge." are captions
        return not describes(line) and not (line[:1] == "©" and split_leading_credit(line)[1])
    if line.endswith(_STOPS) and not line.endswith(_COMPANY_ENDS):
        return False
    # each shape needs its own punctuation or word: test for it before running the pattern
    if bare in _AGENCY_SET or ("," in bare and _NAME_AGENCY.match(bare)) or (
            "/" in bare and _SLASHED.match(bare) and not bare.replace("/", "").isdigit()):  # (not "05/07/2024")
        return True
    if bare.isupper() and bare in _AGENCY_UPPER:  # "GETTY", "STATISTA"
        return True
    # (a bare ALL-CAPS word or two is more often a heading or a menu entry than a credit)
    # ("The Best Poles for Bad Knees" is a headline: a photographer's name opens on no article)
    return (3 <= len(words) <= 8 and not _FOR_VIA_WORDS.isdisjoint(words) and words[0] not in _ARTICLES
            and bool(_FOR_VIA.match(bare)))


_ARTICLES: Final = frozenset(("The", "A", "An"))


_COPYRIGHT: Final = re.compile(r"^[\(\[]?\s*(?:©|\(c\)|copyright)", re.I)
_PHOTO_MARKER: Final = re.compile(
    r"^[\(\[]?\s*(?:(?:photo(?:graph)?s?|image|picture|pic|credit|illustration|foto(?:s|grafia)?|imagem|фото)\b"
    r"|courtesy\b)",
    re.I,
)


def credit_kind(credit: str) -> str:
    """How a credit says it is one: "photo" (Photo:, Credit:, Courtesy), "agency" (a picture agency's
    name), "copyright" (©, which page footers use as well), "slashed" (Name / Publication) or "name"."""
    if _PHOTO_MARKER.match(credit):
        return "photo"
    if _AGENCY_WORD.search(credit) or (credit.isupper() and credit.strip("()[] ") in _AGENCY_UPPER):
        return "agency"
    if _COPYRIGHT.match(credit):
        return "copyright"
    if "/" in credit:
        return "slashed"
    return "name"


# a bracketed tail: "(AP Photo/Evan Vucci)" (opening on the bracket, which the engine skips to;
# the spaces before it are part of what `split_credit` cuts off)
_BRACKETED: Final = re.compile(r"([\(\[]([^()\[\]]{2,120})[\)\]])\s*$")
_MARKER_AT: Final = re.compile(_MARKER, re.I)
_FILE_LABEL: Final = re.compile(r"^(?:file|archive|photo|image)s?\s*:", re.I)
_NAME_FULL: Final = re.compile(_NAME)
_MARKER_TAIL: Final = re.compile(r"(?:(?<=[\s.!?])|^)" + _MARKER, re.I)
_INNER_SENTENCE: Final = re.compile(r"[.!?]\s+\S")
_SLASHED_TAIL: Final = re.compile(r"(?:(?<=[.!?])\s*|\s+)((?:" + _NAME + r"\s*/\s*)+" + _NAME + r"(?:\s+file)?)$")
_AGENCY_TAIL: Final = re.compile(r"(?<=[.!?])\s+((?:" + AGENCIES + r")(?:\s+(?:Photo|Images))?)$")
# the last word of a credit `_AGENCY_TAIL` finds
_AGENCY_LAST: Final = frozenset(a.split()[-1] for a in AGENCIES.split("|")) | {"Photo", "Images"}
# lower-cased words one of which a marker needs ("©" and "(c)" included)
_MARKER_STEMS: Final = ("photo", "image", "picture", "pic", "credit", "illustration", "foto", "imagem", "фото",
                 "источник", "fonte", "source", "courtesy", "©", "(c)", "copyright")


def _first_marker(line: str) -> int:
    """Where a match of `_MARKER` (case-insensitive) can start at the earliest: the first of
    `_MARKER_STEMS` in the lower-cased line, 0 where a letter with an odd case fold leaves it
    open, -1 when none can."""
    if has_odd_fold(line):
        return 0
    low = lower(line)  # (as long as the line: only an odd case fold, "İ", lower-cases to two)
    first = -1
    for s in _MARKER_STEMS:
        k = low.find(s, 0, first + len(s) - 1 if first >= 0 else len(low))
        if k >= 0:
            first = k
    return first


def split_credit(line: str, stem: bool = True) -> tuple[str, str]:
    """(caption, credit) when `line` ends with a photo credit; (line, "") when it does not.

    `stem=False` says the line holds none of the credit words but "©" and "(c)" (`plaintext._Line.stem`)."""
    # "... (AP Photo/Evan Vucci)", "... (Image: GETTY )", "... [File: Reuters]", "... (NASA/JPL-Caltech)"
    m = _BRACKETED.search(line) if (")" in line or "]" in line) else None
    if m:
        start = m.start()
        while start and line[start - 1].isspace():  # (the spaces before the bracket: `\s*`)
            start -= 1
        inner = m.group(2).strip()
        if (
            _MARKER_AT.match(inner)
            or _FILE_LABEL.match(inner)
            or _AGENCY_WORD.search(inner)
            or _SLASHED.match(inner)
            or (_NAME_FULL.fullmatch(inner) and line[:start].rstrip().endswith((".", "!", "?")))
        ) and start > 0:
            return line[:start].rstrip(), m.group(1)
    # "... Photo: Rui Calado / Getty Images", "... © Jonas Wirth / AFP", "... Credit: ESA"
    first = _first_marker(line) if stem or "©" in line or "(c)" in line or "(C)" in line else -1
    m = _MARKER_TAIL.search(line, first) if first >= 0 else None
    if m and m.start() > 0:
        tail = line[m.start():]
        if len(tail.split()) <= 12 and not _INNER_SENTENCE.search(tail[2:]):
            return line[: m.start()].rstrip(), tail.strip()
    # "... Starmer. Kin Cheung / AP Photo / TASS", "... 2019.J. Scott Applewhite / AP file"
    m = _SLASHED_TAIL.search(line) if "/" in line else None
    if m and m.start() > 0 and (_AGENCY_WORD.search(m.group(1)) or len(m.group(1).split("/")) >= 2):
        head = line[: m.start()].rstrip()
        if head and len(m.group(1).split()) <= 10:
            return head, m.group(1).strip()
    # "... in Los Angeles. Reuters"
    last = line.rsplit(None, 1)[-1:]
    m = _AGENCY_TAIL.search(line) if last and last[0] in _AGENCY_LAST else None
    if m:
        return line[: m.start()].rstrip(), m.group(1)
    return line, ""


def strip_caption_label(line: str) -> str:
    """The caption without a screen-reader label such as "Image caption" or "Media caption"."""
    c = line[:1]
    if lower(c) not in _LABEL_FIRST and not ODD_FOLD.match(c):
        return line  # (the label's first letter, cheaply)
    return _CAPTION_LABEL.sub("", line, count=1)


def is_truncated_copy(line: str) -> bool:
    """Galleries repeat a caption cut short with "... more" or suffixed with "less"."""
    return (line.endswith(_TRUNCATED_ENDS) or line[-1:] == "\n") and bool(_TRUNCATED.search(line))


def without_truncation_mark(line: str) -> str:
    return _TRUNCATED.sub("", line) if line.endswith(_TRUNCATED_ENDS) or line[-1:] == "\n" else line
