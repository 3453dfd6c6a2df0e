"""Dates and times as news pages print them ("Nov 18, 2019 at 9:24 pm ET", "05.07.2024 14:32") → ISO 8601."""

from __future__ import annotations

import re
from typing import Final

from reader.patterns import lower, names_as_words, trie_pattern

_MONTHS: Final[dict[str, int]] = {}
for _number, _names in enumerate(
    [
        "january jan janvier janv enero ene januar janeiro gennaio gen января январь янв",
        "february feb févr février febrero februar fevereiro fev febbraio февраля февраль фев",
        "march mar mars marzo märz março marco марта март",
        "april apr avril abril abr aprile апреля апрель",
        "may mai mayo maio maggio mag мая май",
        "june jun juin junio juni junho giugno giu июня июнь",
        "july jul juillet juil julio juli julho luglio lug июля июль",
        "august aug août agosto ago августа август авг",
        "september sep sept septembre septiembre setembro set settembre сентября сентябрь сен",
        "october oct octobre octubre oktober outubro out ottobre ott октября октябрь окт",
        "november nov novembre noviembre novembro novembre ноября ноябрь ноя",
        "december dec décembre diciembre dezember dezembro dez dicembre dic декабря декабрь дек",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS.setdefault(_name, _number)

# (a prefix tree of the names: the longest name that fits is tried first, as in a flat list
# sorted longest first, and far fewer alternatives are tried at each place)
_MONTH: Final = r"(?P<month>" + trie_pattern(_MONTHS) + r")\.?"
_TIME: Final = (
    r"(?:(?:\s*,?\s*(?:at|às|alle|в|um|à)?\s*|\s*[-–|•]\s*|T)"
    r"(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
)
_OF: Final = r"(?:\s+de|\s+of)?"

# Each pattern opens on a character of a class (a digit; a month's first letter for the one
# that opens on the name, searched from the first name on the line): the engine skips to such a
# character instead of trying the whole pattern at every place. "No digit before" is therefore
# tested once the first digit is read: `_DAY` matches as "(?<!\d)(?P<day>[0-3]?\d)" does.
_DAY: Final = r"(?P<day>\d(?<!\d\d)(?:(?<=[0-3])\d)?)"
_MON: Final = r"(?P<mon>\d(?<!\d\d)(?:(?<=[01])\d)?)"

_PATTERNS: Final = [
    # 2024-07-05, 2024-07-05T14:32
    re.compile(r"(?P<year>(?:19|20)(?<!\d\d\d)\d\d)-(?P<mon>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)" + _TIME, re.I),
    # 05.07.2024 14:32, 05/07/2024 (day first outside the US forms below)
    re.compile(_DAY + r"\.(?P<mon>[01]?\d)\.(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I),
    # Nov 18, 2019 / November 18 2019 / Wednesday, November 20, 2019
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I),
    # 5 July 2024 / 5 de julho de 2024 / 5 июля 2024 г.
    re.compile(
        _DAY + r"(?:st|nd|rd|th|er|º)?\.?" + _OF + r"\s+" + _MONTH + _OF + r",?\s+(?P<year>(?:19|20)\d\d)"
        r"(?!\d)(?:\s*(?:г\.|года))?" + _TIME,
        re.I,
    ),
    # 11/18/2019 (month first, as US pages print it)
    re.compile(_MON + r"/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I),
    # 25/11/2026 14h32 (day first, where the day cannot be a month)
    re.compile(r"(?P<day>1[3-9]|2\d|3[01])(?<!\d\d\d)/(?P<mon>0?[1-9]|1[0-2])/(?P<year>(?:19|20)\d\d)(?!\d)" + _TIME, re.I),
]
_NAME_FIRST: Final = 2  # (the pattern opening on the month's name)
# letters that match the names' letters case-insensitively without lower-casing to them
_NAMED_GATE: Final = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88\u212a]")
# each pattern with a character it cannot match without (None: no such test)
_GATED: Final = list(zip(_PATTERNS, ("-", ".", None, None, "/", "/")))
# "Updated 1:39 am EST, Wednesday, November 20, 2019": the time printed before the date.
_TIME_FIRST: Final = re.compile(r"(?<![\d:])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?\s?m\.?)?", re.I)


# a month's name as a whole word (a run of word characters) of a lower-cased text
_MONTH_WORD: Final = re.compile(names_as_words(sorted(_MONTHS)))


def _first_month(low: str) -> int:
    """Where the first word of `low` (a lower-cased text) that is a month's name starts, or -1."""
    m = _MONTH_WORD.search(low)
    return m.start() if m else -1


def parse_date(text: str) -> tuple[str, tuple[int, int]] | None:
    """The first date in `text` as ISO 8601 (with the time when printed) and its span, or None."""
    best = None
    # the patterns with a month's name need one of the names as a word of the text; the one
    # that opens on the name starts there
    first_name = 0 if _NAMED_GATE.search(text) is not None else _first_month(lower(text))
    for k, (rx, needs) in enumerate(_GATED):
        if needs is not None:
            m = rx.search(text) if needs in text else None
        elif first_name < 0:
            m = None
        else:
            m = rx.search(text, first_name) if k == _NAME_FIRST else rx.search(text)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return None
    g = best.groupdict()
    year, day = int(g["year"]), int(g["day"])
    month = _MONTHS.get(lower(g["month"]).rstrip(".")) if g.get("month") else int(g["mon"])
    if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    hour, minute, ampm = g.get("hour"), g.get("minute"), g.get("ampm")
    if hour is None:
        t = _TIME_FIRST.search(text[: best.start()])
        if t:
            hour, minute, ampm = t.group("hour"), t.group("minute"), t.group("ampm")
    if hour is not None:
        h = int(hour)
        if ampm:
            pm = lower(ampm).startswith("p")
            h = h % 12 + (12 if pm else 0)
        if h < 24:
            iso += f"T{h:02d}:{int(minute or 0):02d}"
    return iso, best.span()
