"""Helpers for building regular expressions, shared by the cleaner and the quote finder."""

from __future__ import annotations

import re


def trie_pattern(words) -> str:
    """One regex alternation of `words` shaped as a prefix tree: much faster to scan with than a
    flat list, and where several words match at one place it takes the longest first, as a flat
    list sorted longest first does."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


def class_ranges(chars: list[str]) -> str:
    """A character class's body for `chars` (in order), as ranges."""
    out: list[str] = []
    first = last = -2
    for c in chars:
        if ord(c) != last + 1:
            if first >= 0:
                out.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else ""))
            first = ord(c)
        last = ord(c)
    if first >= 0:
        out.append(re.escape(chr(first)) + ("-" + re.escape(chr(last)) if last > first else ""))
    return "".join(out)


def names_as_words(names) -> str:
    """`(?<!\\w)(?:names)(?!\\w)` with "no word character before" tested once a name's first
    character is read: the pattern then opens on a class of first characters, which the engine
    skips to, rather than on a look behind tried at every place. The same matches."""
    rests: dict[str, list[str]] = {}
    for name in names:
        rests.setdefault(name[0], []).append(re.escape(name[1:]))
    return ("(?:" + "|".join(re.escape(c) + r"(?<!\w.)(?:" + "|".join(r) + ")" for c, r in rests.items())
            + r")(?!\w)")


# `str.lower` as Python runs it. mypyc compiles `text.lower()` to its own per-character
# lower-casing, which misses one rule (a Greek capital sigma ending a word becomes "ς"), so the
# cleaner's compiled modules call this instead: the same result compiled or not.
lower = str.lower
