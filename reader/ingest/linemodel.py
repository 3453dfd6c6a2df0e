"""Learned line decisions for pasted page text: body/noise per line, headline ranking, captions.

Each decision is a logistic model over sparse, named features of a line and its neighbours;
the weights live in `reader.ingest.cleaner_weights` and are fitted by `bench/train_cleaner.py`.
Features are plain strings (present = 1.0) plus a few named real values, so a model is a
dict from feature name to weight and scoring a line is a handful of dict look-ups.
"""

from __future__ import annotations

import re
from typing import Final, Sequence

# Feature vector: (binary feature names, [(real feature name, value), ...]).
Features = tuple[list[str], list[tuple[str, float]]]



def _wbucket(w: float) -> str:
    if w < 1:
        return "0"
    if w < 2:
        return "1"
    if w < 3:
        return "2"
    if w < 4:
        return "3"
    if w < 7:
        return "4-6"
    if w < 11:
        return "7-10"
    if w < 21:
        return "11-20"
    if w < 41:
        return "21-40"
    if w < 81:
        return "41-80"
    return "81+"


def text_flags(text: str, words: float = 0.0, scan: bool = True) -> list[str]:
    """Cheap features of a line's own characters: end punctuation, quotes, digits, links, glued teasers.

    The pattern scans run on lines of up to 40 words only: they tell furniture and captions
    from prose, and a long line is prose or a paragraph of furniture whatever they say.
    """
    f: list[str] = []
    if text[:1].islower():
        f.append("lowerstart")
    last = text[-1]
    if last == ":":
        f.append("colonend")
    elif last == ",":
        f.append("commaend")
    elif last in "?!":
        f.append("qend")
    if ". " in text or "? " in text or "! " in text:
        f.append("inner_sent")
    if _QUOTE.search(text):
        f.append("quote")
    if _DIGITS.search(text):
        f.append("digits")
    if words <= 40:
        if text.isupper():
            f.append("allcaps")
        if scan:  # (False when the caller knows none of `_SHORT_FLAGS` can match: see SHORT_HINTS)
            f.extend(short_flags(text))
    return f


def short_flags(text: str, glue: bool = True) -> list[str]:
    """The names of the `_SHORT_FLAGS` groups that match in `text` (as its `finditer` finds
    them), sorted. Each group is looked for alone, after a cheap test for what it needs; when
    two or more are there, one match may hide another, so the whole pattern decides. `glue`
    False says GLUED_HINT finds nothing in `text` (so neither does the "glued" group)."""
    found = []
    if ("http" in text or "www." in text or ".com" in text or "@" in text or "#" in text) and _URL_FLAG.search(text):
        found.append("url")
    if ("|" in text or "•" in text or "·" in text or ">" in text or "/" in text or "»" in text) and _SEP_FLAG.search(text):
        found.append("sep")
    if glue and _GLUED_FLAG.search(text):
        found.append("glued")
    if ("oto" in text or "mag" in text or "icture" in text or "ile" in text or "ideo" in text or "llustration" in text
            or "ото" in text) and _PHOTO_FLAG.search(text):
        found.append("photoword")
    if len(found) > 1:
        return sorted({m.lastgroup or "" for m in _SHORT_FLAGS.finditer(text)})  # (every group is named)
    return found


QUOTE_MARKS: Final = "\"“”«»„"
_QUOTE: Final = re.compile("[" + QUOTE_MARKS + "]")
_DIGITS: Final = re.compile(r"\d")
# links, separators of menu entries, a teaser's headline run into its summary, photo words
_SHORT_FLAGS: Final = re.compile(
    r"(?P<url>https?://|www\.|\.com\b|@\w|#\w)|(?P<sep> [|•·>/»] | [|•·]|[|•·] )|"
    r"(?P<glued>[a-z]{3}[.!?\"”’']?[A-Z] ?[a-z])|"
    r"(?P<photoword>\b(?:[Pp]hoto(?:graph)?|[Ii]mage|[Pp]icture|[Pp]ictured|[Ff]ile|[Vv]ideo|[Ii]llustration|"
    r"[Фф]ото|[Ff]oto|[Ii]magem|[Ii]mmagine)\b)"
)


# its groups alone (`_GLUED_FLAG` opens on the capital, which the engine skips to)
_URL_FLAG: Final = re.compile(r"https?://|www\.|\.com\b|@\w|#\w")
_SEP_FLAG: Final = re.compile(r" [|•·>/»] | [|•·]|[|•·] ")
_GLUED_FLAG: Final = re.compile(r"[A-Z](?:(?<=[a-z]{3}[A-Z])|(?<=[a-z]{3}[.!?\"”’'][A-Z])) ?[a-z]")
_PHOTO_FLAG: Final = re.compile(
    r"\b(?:[Pp]hoto(?:graph)?|[Ii]mage|[Pp]icture|[Pp]ictured|[Ff]ile|[Vv]ideo|[Ii]llustration|"
    r"[Фф]ото|[Ff]oto|[Ii]magem|[Ii]mmagine)\b"
)


# Substrings one of which a line needs for `_SHORT_FLAGS` to match (its glued teasers
# excepted: see GLUED_HINT), so that the pattern runs on few lines.
SHORT_HINTS: Final = ("http", "www.", ".com", "@", "#", "|", "•", "·", ">", "/", "»", "oto", "mag", "icture", "File", "file",
               "ideo", "llustration", "ото")
# Where a glued teaser can be: a capital after three lower-case letters (and a stop or quote).
GLUED_HINT: Final = re.compile(r"[A-Z](?:(?<=[a-z]{3}[A-Z])|(?<=[a-z]{3}[.!?\"”’'][A-Z]))")


def score(weights: dict[str, float], feats: Features) -> float:
    get = weights.get
    s = get("bias", 0.0)
    for name in feats[0]:
        s += get(name, 0.0)
    for name, value in feats[1]:
        s += get(name, 0.0) * value
    return s


def best_segment(logits: Sequence[float], clip: float) -> tuple[int, int]:
    """The run of lines with the largest sum of (clipped) logits: where the article is."""
    best, best_start, best_end = float("-inf"), 0, 0
    run, start = 0.0, 0
    for i, x in enumerate(logits):
        x = clip if x > clip else -clip if x < -clip else x
        if run <= 0:
            run, start = x, i
        else:
            run += x
        if run > best:
            best, best_start, best_end = run, start, i + 1
    return best_start, best_end


def smooth(logits: Sequence[float], switch: float) -> list[bool]:
    """Two-state Viterbi over keep/cut: each change of state costs `switch` (in logit units)."""
    n = len(logits)
    if not n:
        return []
    # state 0 = cut, 1 = keep; emission = half the logit for keep, minus half for cut.
    # back[i - 1] holds the best predecessors of line i: bit 1 for cut (1: from keep), bit 0
    # for keep (1: from keep)
    cut, keep = -logits[0] / 2, logits[0] / 2
    back: list[int] = []
    append = back.append
    for i in range(1, n):
        half = logits[i] / 2
        c_from_k = keep - switch
        k_from_c = cut - switch
        if cut >= c_from_k:
            code = 0
            new_cut = cut - half
        else:
            code = 2
            new_cut = c_from_k - half
        if keep >= k_from_c:
            code += 1
            keep = keep + half
        else:
            keep = k_from_c + half
        cut = new_cut
        append(code)
    state = 1 if keep > cut else 0
    out = [False] * n
    for i in range(n - 1, -1, -1):
        out[i] = state == 1
        if i:
            code = back[i - 1]
            state = (code >> 1) if state == 0 else (code & 1)
    return out
