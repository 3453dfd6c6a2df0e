"""Direct quotes in plain text, with character offsets and who said them (pure, fast rules)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from reader.model import Quote
from reader.patterns import trie_pattern

# Bump whenever a rule change alters what is found: stored quotes are re-derived when behind.
QUOTES_VERSION = 3

# ------------------------------------------------------------------ characters and word lists

_UPPER = "".join(
    chr(c) for c in list(range(0x41, 0x5B)) + list(range(0xC0, 0x250)) + list(range(0x370, 0x530)) if chr(c).isupper()
)
_UP = "[" + re.escape(_UPPER) + "]"

_DOUBLE_MARKS = '"\u201c\u201d\u201e\u201f\u00ab\u00bb'
_MARK_RE = re.compile("[" + _DOUBLE_MARKS + "]")
_HEADLINE_MARK_RE = re.compile("[" + _DOUBLE_MARKS + "'\u2018\u2019\u201a]")
_QUOTE_CHARS = frozenset(_DOUBLE_MARKS + "'\u2018\u2019\u201a")

# Which marks may close a quote opened by a given mark.  Typographic mixtures are common in
# pasted news (a curly opener closed by a straight mark), so each family accepts its cousins.
_CLOSERS = {
    '"': '"\u201d\u201c',
    "\u201c": '\u201d"\u201c',
    "\u201d": '\u201d"',
    "\u201e": '\u201c\u201d"',
    "\u201f": '\u201d"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",
    "'": "'\u2019",
    "\u2018": "\u2019'",
    "\u201a": "\u2018\u2019",
}
_OPEN_LEFT = frozenset("([{\u2014\u2013-/")  # an opener may follow these as well as a space
_CLOSE_RIGHT = frozenset(".,;:!?)]}\u2014\u2013-/\u2026")

_SPEECH_VERBS = (
    "said says say saying told tells tell telling added adds adding asked asks wrote writes "
    "explained explains noted notes continued continues stated states declared declares "
    "insisted insists argued argues warned warns claimed claims recalled recalls replied replies "
    "responded responds tweeted tweets posted posts announced announces acknowledged "
    "acknowledges admitted admits complained complains concluded concludes suggested suggests "
    "observed observes remarked remarks testified testifies joked jokes quipped quips conceded "
    "concedes cautioned cautions countered counters urged urges reported reports recounted "
    "recounts shouted shouts yelled yells pleaded pleads predicted predicts boasted boasts vowed "
    "vows promised promises emphasized emphasizes emphasised emphasises stressed stresses "
    "lamented laments mused muses wondered wonders opined opines snapped snaps charged charges "
    "contended contends maintained maintains reiterated reiterates confirmed confirms "
    "assured assures agreed agrees disagreed disagrees cried cries exclaimed exclaims "
    "whispered whispers screamed screams interjected interjects chimed chimes described "
    "describes reads read wrote texted emailed messaged commented comments proclaimed "
    "proclaims demanded demands begged begs offered offers advised advises predicted "
    "estimated estimates alleged alleges accused accuses conceded explained told "
    "noting asking explaining arguing warning echoed echoes blurted retorted retorts reacted writing tweeting started began "
    "went goes pointed points shot fired put puts sings sang "
    "according"
).split()
_ADV = r"(?:also|later|then|again|previously|earlier|once|recently|simply|just|further|then|flatly|bluntly|quickly|only|had|has|have|would|will|did|does|once|has\s+since|had\s+previously)"

_PRONOUNS = {"he": "m", "she": "f", "they": "", "we": "", "i": "", "it": ""}

_TITLES = frozenset(
    """mr mrs ms miss dr prof sen rep gov lt gen col sgt capt maj adm rev hon st sir dame lord lady
    president vice prime minister secretary senator representative congressman congresswoman
    governor mayor chancellor judge justice chief officer director spokesman spokeswoman
    spokesperson chairman chairwoman chair ceo cfo coo founder professor attorney general
    commissioner councillor councilor councilman councilwoman superintendent sheriff detective
    inspector constable sergeant captain lieutenant colonel major commander admiral coach
    ambassador envoy premier leader speaker deputy assistant acting former king queen prince
    princess pope cardinal bishop father rabbi imam pastor reverend executive press
    president-elect candidate nominee chairperson treasurer economist analyst lawyer agent
    manager editor reporter columnist host anchor minority majority whip""".lower().split()
)
# Capitalised words that begin sentences or name days and months: never part of a name.
_NOT_NAMES = frozenset(
    """the a an and but or so yet if when while as at in on of for to from by with after before
    this that these those there here it its he she they we i you his her their our my your
    what why how who where which then also still even only just because although though
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december today yesterday tomorrow
    however meanwhile instead now last next some many most all both each every no not one two
    three four five six seven eight nine ten many more mr mrs ms dr
    according asked speaking writing said says later earlier still yet also despite during since
    until unless whether story read watch related advertisement photo video image credit
    another other such added adds continued continues stated wrote writes explained noted replied
    recalled"""
    # the same words of the other languages pages come in, where a capital opens a sentence
    # ("Quando você fala...": no one called Quando); not those that are also names (Ali, Ma, Per)
    """
    quando você vocês ele eles elas nós eu mas então porque porém onde quem isso isto esse essa
    este esta aqui também ainda depois antes hoje ontem amanhã segundo sobre para
    lui loro però poi perché questo questa quello quella qui anche già ancora dopo prima oggi ieri
    domani quindi inoltre
    cuando él ellos nosotros pero entonces donde quien aquí todavía después hoy ayer mañana según
    además
    quand elles nous mais alors parce comme où cette ici aussi déjà encore après avant hier demain
    selon ensuite pourtant
    wenn aber dann weil dieser diese heute gestern morgen laut jedoch zudem außerdem
    когда он она они мы но потом потому как где кто это этот эта здесь также уже ещё еще после
    сегодня вчера завтра однако поэтому теперь сейчас тогда""".split()
)
_ORG_WORDS = frozenset(
    """house department party committee times post news ministry office council university
    association inc corp corporation company bank court agency administration campaign group
    kremlin government police service services union commission institute foundation center
    centre network journal magazine tribune herald press times review board organization
    organisation federation league club church army navy force forces senate congress
    parliament assembly cabinet city county state states republic kingdom nations airlines
    school college hospital media report statement authority authorities archives museum
    library gallery airport railway society fund trust holdings ltd llc plc industries
    technologies systems motors energy labs research health clinic studios records
    institution agencies ministries bureau""".split()
)

_MALE = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
    brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron
    jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy christian keith
    roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan billy
    joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene
    russell bobby mason philip louis bill mike tom jim bob dan ted newt rand marco jeb ben chris
    barack bernie mitch chuck lindsey rudy rick mitt vladimir dmitry sergei sergey
    volodymyr emmanuel boris justin stephen pierre francois françois andrés andres carlos
    luis miguel jorge pedro antonio manuel javier ahmed mohammed muhammad ali omar hassan
    abdul ivan igor alexei alexey nikolai mikhail yuri oleg viktor viktor olaf xi
    narendra recep benjamin bibi hans klaus jürgen juergen wolfgang friedrich karl giuseppe
    marco luca matteo francesco giovanni ted jared eric hunter beau reince sean steve
    corey paul dick al tim mike jeff jay jon ken ray ron sam tony vince will greg doug don
    fred hank harry herb howard hugh jake jerome jimmy joel kurt lou marty max neil nick phil
    ralph rex stan todd troy wade warren wes""".split()
)
_FEMALE = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela
    nicole emma samantha katherine christine debra rachel catherine carolyn janet ruth maria
    heather diane virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith
    megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
    alice madison doris abigail julia judy grace denise amber marilyn beverly danielle
    theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla hillary
    elizabeth nikki carly sarah kellyanne ivanka melania michelle hope huma sheryl chelsea
    condoleezza condi elaine betsy kirsten kamala dianne susan lisa tammy patty maxine debbie
    wendy tara theresa angela marine ursula christine jacinda chrystia catherine kathleen
    rachel jane janet joanne jody jodie jenny jen kate katie kathy liz beth meg peggy sally
    sue val anne annie carla claire clara ellen eva irene iris jill joy june karin kristen
    leah lynn mona nina nora olga paula rita rosa sonia tina vera yulia natalia svetlana
    irina tatiana elena maria ana sofia lucia carmen""".split()
)

_FIRST_NAMES = _MALE | _FEMALE

_CAP_TOKEN = _UP + r"[\w'\u2019\-]*(?:\." + _UP + r"[\w'\u2019\-]*)*\.?"  # Peskov, J., G.K.
# words of a name are separated by one space, so that a name is always a substring of the text
_CAP_RUN_RE = re.compile(
    _CAP_TOKEN + r"(?: (?:" + _CAP_TOKEN + r"|de|van|der|von|da|di|du|bin|al|el|la|le|del|dos|ter)){0,7}"
)
_VERB_SET = frozenset(_SPEECH_VERBS)


# every speech verb of a text in one regex pass (lower case in running text; any case in headlines)
# capitalised: "Said Jane Doe, who ...:", "Continued Doe:" (the subject after the verb)
_INVERTED = "Said Says Added Adds Continued Continues Stated Wrote Writes Explained Noted Replied Recalled".split()
_VERB_BODY = r"(?:" + trie_pattern(sorted(set(_SPEECH_VERBS))) + r"|According|" + trie_pattern(_INVERTED) + r")\b"
_VERB_RE = re.compile(r"\b" + _VERB_BODY)
# the same, found through the character before the word: a literal class the regex engine
# skips through quickly, unlike a leading \b (twice as fast on a whole article)
_VERB_AFTER_RE = re.compile(r"[ \n\t\xa0(\[\"\u201c\u201d\u2018\u2019'\u2014\u2013\-/\u2026]" + _VERB_BODY)
_VERB_ANYCASE_RE = re.compile(r"\b(?:" + trie_pattern(sorted(set(_SPEECH_VERBS))) + r")\b", re.IGNORECASE)
# verbs that say "speech" only with their particle: according to, went on, pointed out
_PARTICLE = {
    "according": re.compile(r"[ \t]+to\b"),
    "went": re.compile(r"[ \t]+on\b"),
    "goes": re.compile(r"[ \t]+on\b"),
    "pointed": re.compile(r"[ \t]+out\b"),
    "points": re.compile(r"[ \t]+out\b"),
    "shot": re.compile(r"[ \t]+back\b"),
    "fired": re.compile(r"[ \t]+back\b"),
    # as Jane Doe put it, "..." (but not "put it on the table")
    "put": re.compile(r"[ \t]+it\b(?=[ \t]*[,:;.\u2014]|[ \t]+(?:this|that|so|bluntly|best|simply|succinctly|plainly|in[ \t]+an?[ \t]))"),
    "puts": re.compile(r"[ \t]+it\b(?=[ \t]*[,:;.\u2014]|[ \t]+(?:this|that|so|bluntly|best|simply|succinctly|plainly|in[ \t]+an?[ \t]))"),
}


class _VerbMatch:
    __slots__ = ("_s", "_e", "_w")

    def __init__(self, s: int, e: int, w: str) -> None:
        self._s, self._e, self._w = s, e, w

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self) -> str:
        return self._w


class _Verbs:
    """Every speech verb of a text, found in one pass; looked up by offset."""

    def __init__(self, text: str, anycase: bool = False) -> None:
        self.items: list[_VerbMatch] = []
        if anycase:
            found = [(m.start(), m.end(), m.group()) for m in _VERB_ANYCASE_RE.finditer(text)]
        else:
            first = _VERB_RE.match(text)
            found = [(0, first.end(), first.group())] if first else []
            found += [(m.start() + 1, m.end(), m.group()[1:]) for m in _VERB_AFTER_RE.finditer(text)]
        for s, e, w in found:
            if anycase or w[0].isupper():
                w = w.lower()
            if w in _PARTICLE:
                t = _PARTICLE[w].match(text, e)
                if not t:
                    continue
                e = t.end()
                w = w + " " + t.group().strip()
            self.items.append(_VerbMatch(s, e, w))
        self.starts = [v.start() for v in self.items]

    def first_in(self, lo: int, hi: int) -> _VerbMatch | None:
        k = bisect_left(self.starts, lo)
        if k < len(self.items) and self.items[k].end() <= hi:
            return self.items[k]
        return None

    def last_in(self, lo: int, hi: int) -> _VerbMatch | None:
        k = bisect_left(self.starts, hi) - 1
        while k >= 0 and self.items[k].end() > hi:
            k -= 1
        if k >= 0 and self.items[k].start() >= lo:
            return self.items[k]
        return None

# words that are as often nouns ("45 states", "news reports"): verbs only right after a name
_AMBIGUOUS = frozenset(
    "states reports notes claims charges offers remarks posts read reads comments counters "
    "promises cries demands estimates answers calls".split()
)
_SENT_END_RE = re.compile(r"[.!?]['\"\u2019\u201d)]*\s+(?=[\"\u201c\u201e\u00ab'\u2018(]?" + _UP + ")")
_SUBJ_AFTER_RE = re.compile(r"[ \t]*((?:[\w'\u2019.\-&]+[ \t]*){1,8})")
_CLAUSE_WORDS = frozenset(
    "in on at to of during after before when while as who whose that which and but about for "
    "from with without by into than because since if though although where said says told "
    "adding noting according".split()
)
_ADV_TAIL_RE = re.compile(
    r"(?:[ \t]+(?:also|later|then|again|previously|earlier|once|recently|simply|just|further|"
    r"flatly|bluntly|quickly|only|had|has|have|would|will|did|does|reportedly|repeatedly|"
    r"often|always|never|first|publicly|privately|told|has since))+$"
)
_PAREN_TAIL_RE = re.compile(r"[ \t]*\([^()\n]{0,40}\)$")
_ADV_TAIL_WORDS = frozenset(
    "also later then again previously earlier once recently simply just further flatly bluntly "
    "quickly only had has have would will did does reportedly repeatedly often always never first "
    "publicly privately told since".split()
)


def _strip_tail(seg: str) -> str:
    """seg without trailing adverbs ("also", "later") and a trailing parenthesis; the regexes
    run only when the last word asks for them (they are anchored at the end, so slow to scan)."""
    if seg[-1:] == ")":
        return _PAREN_TAIL_RE.sub("", seg)
    k = max(seg.rfind(" "), seg.rfind("\t"))
    if seg[k + 1 :] in _ADV_TAIL_WORDS:
        seg = _PAREN_TAIL_RE.sub("", _ADV_TAIL_RE.sub("", seg))
    return seg


_PRONOUN_RE = re.compile(r"\b(?:[Hh](?:e|is|im|imself|er|ers|erself)|[Ss]he(?:rself)?|HE|SHE|HIS|HER)\b")
_HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss|Sir|Dame|Lady|Lord)\.?[ \t]+$")
_BAD_BEFORE_NO_DOT = frozenset('!?"\u201c\u201d\u201e\u00ab\u00bb\n;')
_DOT_SPACE_RE = re.compile(r"([\w'\u2019-]*)\.[ \t]")


def _has_sentence_end(s: str) -> bool:
    """A full stop in s that ends a sentence (not 'Dr.', 'J.', 'U.S.')."""
    for m in _DOT_SPACE_RE.finditer(s + " "):
        w = m.group(1)
        if len(w) > 1 and w.lower() not in _TITLES and w not in ("Jr", "Sr", "St", "No", "vs"):
            return True
    return False


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    para: int
    closed: bool  # False: runs to the end of its paragraph (continued in the next one)
    cont_from: int = -1  # index of the span it continues
    speaker: str = ""
    mention: str = ""
    mstart: int | None = None
    mend: int | None = None
    kind: str = ""  # how the speaker was found: "name", "pron", "np", "inherit"
    own: bool = False  # attribution found at this span itself


# ------------------------------------------------------------------ paragraphs and marks


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    for m in re.finditer(r"\n[ \t\r\f\v]*\n\s*", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _family(ch: str) -> int:
    if ch in "\u00ab\u00bb":
        return 1
    if ch in "'\u2018\u2019\u201a":
        return 2
    return 0


_FORMAT_CHARS = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_LOOSE_OPENERS = "\u201c\u201e\u201d"


def _pair_marks(text: str, a: int, b: int, mark_re: re.Pattern) -> tuple[list[tuple[int, int]], int]:
    """Pair quote marks in text[a:b]; returns outermost closed spans and an unclosed opener (-1)."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for m in mark_re.finditer(text, a, b):
        i = m.start()
        ch = text[i]
        prev = text[i - 1] if i > a else " "
        if prev in _FORMAT_CHARS:
            prev = " "  # invisible direction marks pasted from the web
        nxt = text[i + 1] if i + 1 < b else " "
        if ch in "'\u2019" and (prev.isalnum() and nxt.isalnum()):
            continue  # an apostrophe: don't, Peskov's
        left_ok = prev.isspace() or prev in _OPEN_LEFT or prev in _QUOTE_CHARS
        can_open = left_ok and not nxt.isspace()
        can_close = not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_RIGHT or nxt in _QUOTE_CHARS)
        if nxt.isspace() and left_ok and not stack and ch in _LOOSE_OPENERS and text[i + 1 : i + 3].strip():
            # “ You know ...  (a stray space after an opener); ” … at a paragraph's start
            if ch != "\u201d" or not text[a:i].strip(_FORMAT_CHARS + " \t"):
                can_open = True
        if ch in "\u00ab\u00bb":
            # French typography puts a (no-break) space inside guillemets
            left_ok = prev.isspace() or prev in _OPEN_LEFT or prev in _QUOTE_CHARS
            right_ok = nxt.isspace() or nxt in _CLOSE_RIGHT or nxt in _QUOTE_CHARS
            can_open = left_ok and (ch == "\u00ab" or not nxt.isspace())
            can_close = right_ok and (ch == "\u00bb" or not prev.isspace())
        if stack:
            opener = stack[-1][1]
            if ch in _CLOSERS.get(opener, "") and (can_close or not can_open):
                o = stack.pop()[0]
                if not stack:
                    spans.append((o, i + 1))
                continue
            if can_open and ch in _CLOSERS and _family(ch) != _family(opener) and len(stack) < 3:
                stack.append((i, ch))  # a nested quote of another family: « ... “...” ... »
            continue
        if ch in _CLOSERS and can_open and ch != "\u2019":
            if ch in "'\u2018" and prev.isalnum():
                continue
            stack.append((i, ch))
    return spans, (stack[0][0] if stack else -1)


def _scan(text: str, paras: list[tuple[int, int]], mark_re: re.Pattern) -> list[_Span]:
    spans: list[_Span] = []
    prev_open = -1  # index of the span left open at the end of the previous paragraph
    for pi, (a, b) in enumerate(paras):
        closed, unclosed = _pair_marks(text, a, b, mark_re)
        first_start = min([s for s, _ in closed] + ([unclosed] if unclosed >= 0 else []), default=-1)
        cont = prev_open if (prev_open >= 0 and first_start == a) else -1
        if prev_open >= 0 and cont < 0:
            spans[prev_open].cont_from = -2  # left open, not reopened: a stray mark
        here = []
        for s, e in closed:
            here.append(_Span(s, e, pi, True))
        cur_open = -1
        if unclosed >= 0:
            end = b
            while end > unclosed and text[end - 1].isspace():
                end -= 1
            here.append(_Span(unclosed, end, pi, False))
        here.sort(key=lambda sp: sp.start)
        for sp in here:
            if sp.start == a and cont >= 0:
                sp.cont_from = cont
            spans.append(sp)
            if not sp.closed:
                cur_open = len(spans) - 1
        prev_open = cur_open
    if prev_open >= 0:
        spans[prev_open].cont_from = -2
    # an unclosed quote that the next paragraph does not continue: keep it only when long
    keep: list[_Span] = []
    remap: dict[int, int] = {}
    for k, sp in enumerate(spans):
        if sp.cont_from == -2:
            sp.cont_from = -1
            if len(text[sp.start : sp.end].split()) < 8:
                continue
        remap[k] = len(keep)
        keep.append(sp)
    for sp in keep:
        sp.cont_from = remap.get(sp.cont_from, -1)
    return keep


# ------------------------------------------------------------------ names


def _ends_sentence(tok: str) -> bool:
    """Whether a word ending in '.' ends its sentence: 'Peskov.' yes; 'Dr.', 'J.', 'G.K.', 'U.S.' no."""
    if not tok.endswith("."):
        return False
    core = tok.rstrip(".")
    if len(core) < 2 or "." in core or core.lower() in _TITLES or core in ("Jr", "Sr", "St", "No", "vs"):
        return False
    return True


_HONORIFICS = frozenset("Mr Mrs Ms Miss Dr Sir Dame Lord Lady".split())
_MONTH_SURNAMES = frozenset("may june april august every still".split())  # also surnames


def _contraction(low: str) -> bool:
    """A lower-cased word that is a contraction, never a name: "i've", "we're", "don't", "it's"."""
    for mark in ("'", "\u2019"):
        k = low.find(mark)
        if k > 0:
            tail = low[k + 1 :]
            return tail in ("t", "ve", "ll", "re", "m", "d") or (tail == "s" and low[:k] in _NOT_NAMES)
    return False


@lru_cache(maxsize=8192)
def _strip_name(run: str) -> str:
    """'Kremlin spokesman Dmitry Peskov's' -> 'Dmitry Peskov'; leading function words dropped."""
    if " " not in run and "\t" not in run:
        # one word (most runs): the same rules, without the loops
        low = run.lower().rstrip(".")
        if low in _NOT_NAMES or low in _TITLES or _contraction(low):
            return ""
        last = run[:-2] if run.endswith(("'s", "\u2019s")) else run
        last = last.rstrip(".,'\u2019-")
        if len(last) < 2 or last.lower() in _NOT_NAMES:
            return ""
        return last
    toks = run.split()
    # cut at a sentence end inside the run (a token ending in '.' that is no abbreviation)
    for k, t in enumerate(toks[:-1]):
        if _ends_sentence(t):
            toks = toks[: k + 1]
            break
    honorific = False
    while toks and (toks[0].lower().rstrip(".") in _NOT_NAMES or toks[0].lower().rstrip(".") in _TITLES):
        honorific = toks[0].rstrip(".") in _HONORIFICS
        toks = toks[1:]
        if honorific and toks and toks[0].lower().rstrip(".,") in _MONTH_SURNAMES:
            break
    # a possessive before a name: "CBC's Richard Cuthbertson", "Iowa State University's Dianne
    # Bystrom" are Richard Cuthbertson and Dianne Bystrom
    while len(toks) > 1 and toks[0].endswith(("'s", "\u2019s")):
        toks = toks[1:]
    for k in range(len(toks) - 3, 0, -1):
        if toks[k].endswith(("'s", "\u2019s")) and _is_person(" ".join(toks[k + 1 :])):
            toks = toks[k + 1 :]
            break
    # a place before a person's name: "(ambassador to) Britain Liu Xiaming" is Liu Xiaming
    if len(toks) > 2 and toks[0].lower() in _PLACES and _is_person(" ".join(toks[1:])):
        toks = toks[1:]
    # the end of a title before a name: "(Secretary of) State Mike Pompeo" is Mike Pompeo
    if len(toks) > 2 and toks[0] == "State":
        toks = toks[1:]
    # a title inside the run: keep what follows the last one (President Volodymyr Zelensky)
    for k in range(len(toks) - 1, -1, -1):
        if toks[k].lower().rstrip(".") in _TITLES and k < len(toks) - 1:
            toks = toks[k + 1 :]
            break
    while toks and toks[-1][0].islower():
        toks = toks[:-1]
    if not toks:
        return ""
    last = toks[-1]
    if last.endswith(("'s", "\u2019s")):
        last = last[:-2]
    last = last.rstrip(".,'\u2019-")
    if len(last) < 2:
        return ""
    if last.lower() in _NOT_NAMES:
        # Theresa May, Ms. May, Michael Every: a surname after a first name or an honorific
        if last.lower() not in _MONTH_SURNAMES:
            return ""
        if not (honorific and len(toks) == 1) and not (len(toks) >= 2 and toks[-2].lower() in _FIRST_NAMES):
            return ""
    toks[-1] = last
    return " ".join(toks)


# Countries, US states, Canadian provinces and large cities that are not also common first
# or last names (no Jordan, Georgia, Washington, Victoria, Houston, Hamilton, Wales ...): a capitalised
# run ending in one of them names a place or an institution ("Archives Canada"), not a person.
_PLACES = frozenset(
    """afghanistan albania algeria argentina armenia australia austria azerbaijan bahrain
    bangladesh belarus belgium bolivia bosnia brazil bulgaria cambodia cameroon canada chile
    china colombia congo croatia cuba cyprus czechia denmark ecuador egypt eritrea estonia
    ethiopia finland france germany ghana greece guatemala haiti honduras hungary iceland india
    indonesia iran iraq ireland italy jamaica japan kazakhstan kenya korea kosovo kuwait
    latvia lebanon libya lithuania luxembourg malaysia mali mexico moldova mongolia morocco
    mozambique myanmar nepal netherlands nicaragua niger nigeria norway pakistan palestine
    panama paraguay peru philippines poland portugal qatar romania russia rwanda scotland
    serbia singapore slovakia slovenia somalia spain sudan sweden switzerland syria taiwan
    tanzania thailand tunisia turkey uganda ukraine uruguay uzbekistan venezuela vietnam
    yemen zambia zimbabwe europe asia africa america americas
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
    pennsylvania tennessee texas utah vermont wisconsin wyoming
    ontario quebec alberta saskatchewan manitoba newfoundland labrador nunavut yukon
    ottawa toronto montreal vancouver calgary edmonton winnipeg halifax
    moscow beijing tokyo berlin brussels kyiv kiev tehran baghdad kabul damascus jerusalem
    pyongyang seoul delhi mumbai istanbul ankara cairo manhattan brooklyn chicago boston
    miami atlanta detroit philadelphia seattle dallas denver baltimore paris rome madrid vienna
    dublin geneva zurich amsterdam stockholm oslo helsinki copenhagen lisbon athens warsaw prague
    budapest sydney melbourne britain""".split()
)
_PLACE_PHRASES = frozenset(
    """new york|new jersey|new mexico|new hampshire|new zealand|new brunswick|nova scotia|
    north carolina|south carolina|north dakota|south dakota|west virginia|rhode island|
    british columbia|prince edward island|united states|united kingdom|united nations|
    european union|los angeles|san francisco|san diego|las vegas|hong kong|saudi arabia|
    south africa|north korea|south korea|sri lanka|costa rica|puerto rico|white house|
    capitol hill|wall street|silicon valley|middle east""".replace("\n", "").replace("    ", "").split("|")
)


@lru_cache(maxsize=4096)
def _is_person(name: str) -> bool:
    if name.isupper() and (len(name) > 4 or " " not in name):
        return False  # (UK, EU, NHS: one word in capitals is an acronym)
    toks = name.split()
    low = name.lower()
    if toks[-1].lower() in _PLACES or " ".join(low.split()[-2:]) in _PLACE_PHRASES or low in _PLACE_PHRASES:
        return False
    if len(toks[-1]) > 2 and toks[-1][-1] == "s" and toks[-1][:-1].isupper():
        return False  # MPs, CEOs: plural acronyms
    if any(len(t) >= 3 and t.isupper() and t.isalpha() for t in toks):
        return False  # RCMP, Burnaby RCMP, CBC News: acronyms name institutions
    if len(toks) >= 2 and toks[-1].lower() in _MONTH_SURNAMES and toks[-2].lower() in _FIRST_NAMES:
        toks = toks[:-1]
    return not any(t.lower() in _ORG_WORDS or t.lower() in _NOT_NAMES for t in toks)


@lru_cache(maxsize=16384)
def _run_name(run: str) -> tuple[int, str, str] | None:
    """A run of capitalised words as a name: (offset in run, name, surname if a full person name)."""
    if " " not in run and run.lower() in _NOT_NAMES:
        return None
    name = _strip_name(run)
    if not name:
        return None
    toks = name.split()
    last = toks[-1] if len(toks) >= 2 and _is_person(name) else ""
    return run.find(toks[0]), name, last


class _Names:
    """The names an article uses: 'Peskov' → 'Dmitry Peskov', and each person's likely gender."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_last: dict[str, list[tuple[int, str]]] = {}
        self.mentions: list[tuple[int, int, str]] = []
        mentions = self.mentions
        for m in _CAP_RUN_RE.finditer(text):
            info = _run_name(m.group())
            if info is None:
                continue
            off, name, last = info
            s = m.start() + off
            mentions.append((s, s + len(name), name))
            if last:
                self.by_last.setdefault(last, []).append((m.start(), name))
        self.starts = [s for s, _, _ in self.mentions]
        self._full: dict[str, tuple[list[int], list[str]]] = {}
        self._by_token: dict[str, list[tuple[int, int]]] | None = None
        self._gender: dict[str, str] = {}
        self._common: dict[str, bool] = {}

    @classmethod
    def with_headline(cls, title: str, body: _Names) -> _Names:
        """The index of `title + "\n\n" + body.text`, made from the body's own without a
        second pass over the body: a run of capitalised words never spans the blank line
        (its words are joined by one space), so the runs are the title's then the body's."""
        names = cls(title)
        shift = len(title) + 2
        names.text = title + "\n\n" + body.text
        names.mentions += [(s + shift, e + shift, n) for s, e, n in body.mentions]
        for last, found in body.by_last.items():
            names.by_last.setdefault(last, []).extend([(off + shift, n) for off, n in found])
        names.starts = [s for s, _, _ in names.mentions]
        return names

    def full(self, name: str, at: int) -> str:
        """The full form of name used up to offset at (else the first one used after it)."""
        toks = name.split()
        if not toks:
            return name
        entry = self._full.get(name)
        if entry is None:
            cands = [(off, f) for off, f in self.by_last.get(toks[-1], ()) if f == name or f.endswith(" " + name)]
            # the full name used most often so far (ties: the latest), so that "Greenspan"
            # stays the article's Dorie Greenspan after one mention of her son Michael Greenspan
            # (people are told apart by the word before the surname: Dora in "Baker Dora Vasquez")
            best, cur = [], ""
            counts: dict[str, int] = {}
            forms: dict[str, dict[str, int]] = {}
            for _, f in cands:
                key = f.split()[-2] if " " in f else ""
                counts[key] = counts.get(key, 0) + 1
                seen = forms.setdefault(key, {})
                seen[f] = seen.get(f, 0) + 1
                ckey = cur.split()[-2] if " " in cur else ""
                if not cur or counts[key] >= counts[ckey]:
                    cur = max(seen, key=lambda g: (seen[g], -len(g)))
                best.append(cur)
            entry = ([off for off, _ in cands], best)
            self._full[name] = entry
        offs, best = entry
        if not offs:
            return name
        k = bisect_right(offs, at) - 1
        return best[k] if k >= 0 else best[0]

    def common(self, word: str) -> bool:
        """Whether word also appears in lower case in the text: a common noun ("Bomb", "Day")."""
        low = word.lower()
        hit = self._common.get(low)
        if hit is None:
            text, probe = self.text, " " + low
            i = text.find(probe)
            while i >= 0 and text[i + len(probe) : i + len(probe) + 1].isalpha():
                i = text.find(probe, i + 1)
            hit = self._common[low] = i >= 0
        return hit

    def gender(self, name: str) -> str:
        g = self._gender.get(name)
        if g is not None:
            return g
        first = name.split()[0].lower()
        g = "m" if first in _MALE else "f" if first in _FEMALE else ""
        if not g:
            g = self._gender_from_text(name)
        self._gender[name] = g
        return g

    def _gender_from_text(self, name: str) -> str:
        """Honorifics before the surname, else the pronouns that follow its mentions."""
        text = self.text
        last = name.split()[-1]
        male = female = 0
        if self._by_token is None:
            self._by_token = {}
            for s, e, n in self.mentions:
                self._by_token.setdefault(n.rsplit(" ", 1)[-1], []).append((s, e))
        for s, e in self._by_token.get(last, ())[:200]:
            h = _HONORIFIC_RE.search(text, max(0, s - 8), s)
            if h:
                t = h.group(1)
                if t in ("Mr", "Sir", "Lord"):
                    male += 3
                else:
                    female += 3
            # the first personal pronoun soon after a mention most often refers to it
            p = _PRONOUN_RE.search(text, e, e + 130)
            if p is not None and p.start() - e < 120:
                w = p.group().lower()
                if w.startswith("h") and w != "her" and w != "hers" and w != "herself":
                    male += 1
                else:
                    female += 1
        if male > female:
            return "m"
        if female > male:
            return "f"
        return ""


# ------------------------------------------------------------------ attribution


def _subject_mention(words: str, base: int) -> tuple[str, str, int, int, str] | None:
    """The speaker named in a subject phrase: (name, mention, start, end, kind) or None."""
    stripped = words.strip()
    if not stripped:
        return None
    lead = base + (len(words) - len(words.lstrip()))
    low = stripped.lower()
    if low in _PRONOUNS:
        return ("", stripped, lead, lead + len(stripped), "pron")
    toks = low.split()
    if toks[0] in _DETERMINERS and len(toks) > 1 and stripped.split()[-1][:1].islower():
        # the self-taught Cambridge resident: a description, not a name
        if len(toks) > 7 or any(t in _VERB_SET for t in toks):
            return None
        return ("", stripped, lead, lead + len(stripped), "np")
    best = person = None
    for m in _CAP_RUN_RE.finditer(stripped):
        name = _strip_name(m.group())
        if name:
            if m.group().endswith(("'s", "\u2019s")) and stripped[m.end() : m.end() + 2].strip()[:1].islower():
                continue  # Campbell's partner: the partner speaks, not Campbell
            best = (m, name)
            if _is_person(name):
                person = best
    if person is not None and best is not person:
        best = person  # Jane Doe with the Health Authority says: Jane Doe speaks
    if best is not None:
        m, name = best
        s = lead + m.start() + m.group().find(name.split()[0])
        return (name, name, s, s + len(name), "name")
    # a description ends where its prepositional tail begins: "the port authority on Monday"
    for k in range(1, len(toks)):
        if toks[k] in _CLAUSE_WORDS:
            cut = len(" ".join(stripped.split()[:k]))
            stripped, toks = stripped[:cut], toks[:k]
            break
    if not toks or len(toks) > 6 or any(t in _VERB_SET for t in toks):
        return None
    if toks[0] in _DETERMINERS or toks[0].endswith(("'s", "\u2019s")):
        return ("", stripped, lead, lead + len(stripped), "np")
    if len(toks) <= 2 and toks[-1] in _GROUP_NOUNS:
        return ("", stripped, lead, lead + len(stripped), "np")
    return None


_DETERMINERS = frozenset(
    "the a an his her their its one another some many two three several this that".split()
)
# heads of descriptions that name no person: "the company said", "the statement read"
_THING_NOUNS = frozenset(
    """company firm team department ministry agency statement report claim suit lawsuit letter
    document post email release website survey study poll union group organization
    organisation government campaign committee party council court board office police service
    services network newspaper paper magazine station channel site blog book memo filing
    complaint ruling decision order bill law video ad advertisement release tweet message note
    analysis review data figures numbers records source sources official officials spokesperson
    city province state county country administration association federation league club
    school university college hospital bank business retailer store chain brand airline
    operator authority authorities commission institute foundation center centre coalition
    alliance movement website platform app service""".split()
)
_GROUP_NOUNS = frozenset(
    "officials police authorities investigators experts critics sources residents analysts "
    "prosecutors lawyers supporters opponents observers aides advisers advisors democrats "
    "republicans witnesses doctors researchers scientists economists".split()
)


def _subject_after_verb(text: str, p: int, hi: int) -> tuple[str, int]:
    """Words naming the speaker after a verb: 'said Dmitry Peskov, the spokesman' → 'Dmitry Peskov'."""
    m = _SUBJ_AFTER_RE.match(text, p, hi)
    if not m:
        return "", p
    pos = m.start(1)
    end = -1
    for t in _WORD_RE.finditer(text, pos, m.end(1)):
        w = t.group()
        if end >= 0 and w.rstrip(".").lower() in _CLAUSE_WORDS:
            break
        end = t.end()
        if _ends_sentence(w):
            end -= len(w) - len(w.rstrip("."))  # ("said the actor." names "the actor")
            break
    if end <= pos:
        return "", p
    return text[pos:end], pos  # as written, so that offsets into it stay offsets into text


# "...," an angry Hollande retaliated.  Any past-tense verb after a quote that ends in a comma.
_GENERIC_AFTER_RE = re.compile(
    r"((?:[\w'\u2019.\-]+[ \t]+){0,4}?[\w'\u2019.\-]+)[ \t]+[a-z]{3,}ed\b(?=[ \t]*[.,;]|[ \t]+(?:on|in|at|to|from|with|during|after|back|out|up)\b)"
)


# the words of a title before a name: no preposition (the name would be in a phrase of its own,
# "a prosecutor for David Petraeus"), no clause word
_TITLE_WORDS_RE = re.compile(
    r"(?:(?!(?:of|for|at|from|with|to|in|on|by|about|against|who|whom|that|which|when|while|as|than)\b)"
    r"[\w'\u2019.\-&]+[ \t]+)+", re.IGNORECASE)


def _titled_name(text: str, j: int, m: re.Match, quote_ends_sentence: bool):
    """The person named right before the verb after a long title, which the shorter subjects
    below leave out: '"...," lead researcher and NASA planetary scientist Lucas Paganini said.'
    (a name then the verb; over 60 characters or 7 words from the quote)."""
    between = text[j : m.start()]
    words = between.split()
    if (len(between) <= 60 and len(words) <= 7) or len(words) > 16 or m.group().lower() in _AMBIGUOUS:
        return None
    if "," in between or ":" in between or any(c in _BAD_BEFORE_NO_DOT for c in between) or _has_sentence_end(between):
        return None
    head = between.rstrip()
    last = None
    for run in _CAP_RUN_RE.finditer(head):
        last = run
    if last is None or last.end() != len(head) or last.start() == 0:
        return None
    name = _strip_name(last.group())
    if name != last.group() or len(name.split()) < 2 or not _is_person(name):
        return None
    if not _TITLE_WORDS_RE.fullmatch(head[: last.start()]):
        return None  # "experts X and Y of the Institute for Science and International Security said"
    tail = text[m.end() : m.end() + 2]
    if quote_ends_sentence and tail[:1] not in (".", ",", "") and not tail.startswith((" o", " i")):
        return None  # "... the end." Name said.  Only when the attribution is the whole sentence.
    s = j + last.start()
    return (name, name, s, s + len(name), "name")


def _attribute_after(text: str, e: int, hi: int, verbs: _Verbs, quote_ends_sentence: bool):
    hi = min(hi, e + 200)
    j = e
    while j < hi and text[j] in " \t":
        j += 1
    if j < hi and text[j] in ",\u2014\u2013-":
        j += 1
    m = verbs.first_in(j, min(hi, j + 160))
    if m is not None:
        titled = _titled_name(text, j, m, quote_ends_sentence)
        if titled is not None:
            return titled
    if m is not None and m.start() - j > 60 and "," not in text[j : m.start()]:
        m = None
    if not m or m.start() - j > 60:
        g = _GENERIC_AFTER_RE.match(text, j, hi) if text[e - 2 : e - 1] in (",", "?", "!", "\u2014") else None
        if g is not None:
            res = _subject_mention(g.group(1), j)
            if res is not None and res[4] in ("name", "pron"):
                return res
        if not m:
            return None
    between = text[j : m.start()]
    verb = m.group().lower()
    if (
        between.strip()
        and between.rstrip().endswith(",")
        and not verb.startswith(("according", "tel"))
        and not any(c in _BAD_BEFORE_NO_DOT or c == ":" for c in between)
        and not _has_sentence_end(between)
        and between.count(",") == 1
    ):
        # "..." about the plan, said Jane Doe, the director.  (the quote's sentence goes on)
        subj, pos = _subject_after_verb(text, m.end(), hi)
        res = _subject_mention(subj, pos) if subj else None
        if res is not None and res[4] == "name":
            return res
    if not between.strip():
        if verb.startswith("according"):
            subj, pos = _subject_after_verb(text, m.end(), hi)
            return _subject_mention(subj, pos) if subj else None
        # said Peskov | said the spokesman, ...
        p = m.end()
        adv = re.match(r"[ \t]+(?:" + _ADV + r")\b", text[p : p + 30])
        if adv:
            p += adv.end()
        subj, pos = _subject_after_verb(text, p, hi)
        if not subj:
            return None
        res = _subject_mention(subj, pos)
        if res is not None and res[4] == "np":
            # said the company's spokesman, Jane Doe
            after = pos + len(subj)
            if text[after : after + 2] == ", ":
                run = _CAP_RUN_RE.match(text, after + 2, hi)
                name = _strip_name(run.group()) if run else ""
                if name and _is_person(name) and run is not None:
                    s = run.start() + run.group().find(name.split()[0])
                    return (name, name, s, s + len(name), "name")
        return res
    if any(c in _BAD_BEFORE_NO_DOT or c == ":" for c in between) or _has_sentence_end(between):
        return None
    subj = between
    if "," in between:
        # Peskov, the Kremlin's spokesman, said
        k = between.find(",")
        if not between.rstrip().endswith(",") or between.count(",") < 2:
            return None
        if between.count(",") > 2:
            # Jane Doe, 30, of Raleigh, N.C., who was polled, said: only when a name opens it
            run = _CAP_RUN_RE.fullmatch(between[:k].strip())
            if run is None or _strip_name(run.group()) != run.group() or not _is_person(run.group()):
                return None
        subj = between[:k]
    subj = _strip_tail(subj.rstrip())
    if len(subj.split()) > 7:
        return None
    if verb in _AMBIGUOUS and len(subj.split()) > 3:
        return None
    if quote_ends_sentence:
        # "... the end." Peskov said.  Only when the attribution is the whole sentence.
        tail = text[m.end() : m.end() + 2]
        if tail[:1] not in (".", ",", "") and not tail.startswith(" o") and not tail.startswith(" i"):
            return None
    res = _subject_mention(subj, j)
    if res and verb in _AMBIGUOUS and res[4] == "np":
        return None
    return res


_CLAUSE_CUT_RE = re.compile(
    r"^(?:.*[ \t])?(?:and|or|but|to|that|which|who|whom|when|while|because|if|than|so|where)[ \t]+",
    re.IGNORECASE,
)


_PASSIVE_RE = re.compile(r"\b(?:was|were|been|being|be|is|are)[ \t]+$")
_COORD_TAIL_RE = re.compile(r"[\w,][ \t]+(?:and|but)(?:[ \t]+(?:also|later|then))?[ \t]+$")


def _sentence_subject(text: str, lo: int, hi: int):
    """The subject that opens a sentence: a pronoun, or the first name in it."""
    m = re.match(r"[ \t]*(He|She)\b", text[lo:hi])
    if m:
        return ("", m.group(1), lo + m.start(1), lo + m.end(1), "pron")
    for s0, e0, name in _NAMES_IN(text, lo, hi):
        if _is_person(name):
            return (name, name, s0, e0, "name")
        return None
    return None


_WORD_RE = re.compile(r"\S+")
_CUT_RE = re.compile("[,;:!?\"\u201c\u201d()\u2014\u2013]")


def _subject_before_verb(text: str, lo: int, v: int) -> tuple[str, int] | None:
    seg = text[lo:v].rstrip()
    seg = _strip_tail(seg)
    if seg.endswith(","):
        # Peskov, the Kremlin's spokesman, said: the subject comes before the apposition
        k = seg.rfind(",", 0, len(seg) - 1)
        if k < 0 or len(seg) - k > 110:
            return None
        # ... but the spokesman for the Kremlin, Dmitry Peskov, said: the name is the apposition
        inner = seg[k + 1 : -1]
        run = _CAP_RUN_RE.fullmatch(inner.strip())
        if run is not None and _strip_name(run.group()) == run.group() and _is_person(run.group()):
            head = [w.lower() for w in seg[:k].split()]
            while head and head[0] in ("but", "and", "so", "yet", "meanwhile", "however", "now", "still"):
                head = head[1:]
            if head and (head[0] in _DETERMINERS or head[0].endswith(("'s", "\u2019s"))):
                return inner, lo + k + 1
        seg = seg[:k]
    m = _CUT_RE.search(seg[::-1])
    cut = len(seg) - 1 - m.start() if m else -1
    base = lo + cut + 1
    words = seg[cut + 1 :]
    # a clause boundary inside the phrase: "go to Ottawa and say" names no speaker
    m = _CLAUSE_CUT_RE.match(words)
    if m:
        base += m.end()
        words = words[m.end() :]
    toks = words.split()
    if len(toks) > 1 and toks[-1].lower() in _PRONOUNS and toks[-1].lower() != "it":
        # "In a post at the time she described ...": the pronoun right before the verb is its subject
        off = words.rstrip().rfind(toks[-1])
        return words[off:], base + off
    if len(toks) > 7:
        # the last seven words, found by position (they may be separated by any whitespace)
        starts = [t.start() for t in _WORD_RE.finditer(words)]
        off = starts[-7]
        return words[off:], base + off
    return words, base


def _attribute_before(text: str, lo: int, s: int, verbs: _Verbs, mid_sentence: bool):
    lo = max(lo, s - 250)
    last = verbs.last_in(lo, s)
    if last is None:
        return None
    gap = text[last.end() : s]
    if len(gap) > (120 if mid_sentence else 80) or any(c in _BAD_BEFORE_NO_DOT for c in gap) or _has_sentence_end(gap):
        return None
    verb = last.group().lower()
    g = gap.rstrip(" \t,:\u2014\u2013-")
    if text[last.start()].isupper() and not verb.startswith("according"):
        # Said Jane Doe, who grew up nearby, "..."  — an inverted attribution opens the sentence
        if text[lo : last.start()].strip(" \t\"\u201c\u201d"):
            return None
        subj, pos = _subject_after_verb(text, last.end(), s)
        res = _subject_mention(subj, pos) if subj else None
        return res if res is not None and res[4] == "name" else None
    if not mid_sentence and "," in g and not verb.startswith("according"):
        return None
    if verb.startswith("according"):
        subj = gap.split(",")[0]
        return _subject_mention(subj, last.end())
    if verb in _AMBIGUOUS:
        return None
    if verb in ("saying", "adding", "telling", "writing", "tweeting", "noting", "asking", "explaining", "arguing", "warning"):
        # ..., saying: "..." — the subject opens the sentence
        return _sentence_subject(text, lo, last.start())
    sb = _subject_before_verb(text, lo, last.start())
    if _COORD_TAIL_RE.search(text, max(lo, last.start() - 30), last.start()):
        # IRCC did not reveal the details, but said "..."
        return _sentence_subject(text, lo, last.start())
    if sb is None:
        return None
    res = _subject_mention(*sb)
    if res is None and not g.strip():
        # said Peskov: "..."  (the name after the verb)
        subj, pos = _subject_after_verb(text, last.end(), s)
        if subj:
            res = _subject_mention(subj, pos)
    return res


_LOWER_NEXT_RE = re.compile(r"[ \t]+(?:also[ \t]+|then[ \t]+)?[a-z]+(?:ed|s)\b")
_LABEL_RE = re.compile(r"([A-Z][A-Z'\u2019-]+):[ \t\xa0]")
_NAME_BEFORE_COLON_RE = re.compile(r"(?:^|[\n\u2014\u2013-][ \t]*|[ \t][\u2014\u2013-][ \t]*)(" + _CAP_TOKEN + r"(?:[ \t]+" + _CAP_TOKEN + r"){1,3}):[ \t]*$")
_DASH_NAME_RE = re.compile(r"[ \t]*[\u2014\u2015\u2013-]{1,2}[ \t]*(" + _UP + r"[^\n,;:()]{1,60})")


def _attribute_dash(text: str, e: int, b: int, paras, pi: int):
    """A quote signed with a dash: "..." ― Jane Doe  (or a next paragraph holding only '— Jane Doe.')."""
    m = _DASH_NAME_RE.match(text, e, b)
    if m is None and b - e < 3 and pi + 1 < len(paras):
        a2, b2 = paras[pi + 1]
        if b2 - a2 < 70:
            m = _DASH_NAME_RE.match(text, a2, b2)
    if m is None:
        return None
    run = _CAP_RUN_RE.match(text, m.start(1))
    if run is None:
        return None
    name = _strip_name(run.group())
    if not name:
        return None
    s = run.start() + run.group().find(name.split()[0])
    return (name, name, s, s + len(name), "name")


def _NAMES_IN(text: str, lo: int, hi: int):
    for m in _CAP_RUN_RE.finditer(text, lo, hi):
        name = _strip_name(m.group())
        if name:
            s = m.start() + m.group().find(name.split()[0])
            yield s, s + len(name), name


class _Sentences:
    """Where sentences begin, found once per text (abbreviations weeded out when looked up)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.ends = [(m.start(), m.end()) for m in _SENT_END_RE.finditer(text)]
        self.offs = [e for _, e in self.ends]
        self._real: dict[int, bool] = {}

    def is_end(self, k: int) -> bool:
        ok = self._real.get(k)
        if ok is None:
            i = self.ends[k][0]
            text = self.text
            ok = True
            if text[i] == ".":
                lo = max(text.rfind(" ", i - 12, i), text.rfind("\n", i - 12, i), i - 13) + 1
                w = text[lo:i].lstrip("(\"\u201c")
                # an initial or a title, not a sentence end: Robert C. Scott, Sen. Lee
                ok = not ((len(w) == 1 and w.isupper()) or w.lower() in _TITLES)
            self._real[k] = ok
        return ok

    def start(self, a: int, s: int) -> int:
        """Start of the sentence holding offset s, within the paragraph starting at a."""
        floor = max(a, s - 300)
        k = bisect_right(self.offs, s) - 1
        while k >= 0 and self.offs[k] > floor and not self.is_end(k):
            k -= 1
        pos = self.offs[k] if k >= 0 else 0
        return max(pos, floor)


# ------------------------------------------------------------------ speech or not


_INITIAL_END_RE = re.compile(r"(?:^|[ \t])" + _UP + r"\.$")
# what follows a quoted term used as a noun: "X" is / has / was / star / (gloss) is
_NOUN_USE_RE = re.compile(
    r"[ \t]+(?:\([^()\n]{1,40}\)[ \t]+)?(?:is|was|has|had|are|were|will|would|can|could|star|stars|"
    r"host|creator|author|actor|actress|became|becomes|means|meant|refers|remains|appears)\b"
)
_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for with by from as vs via de la le".split())
_SAY_JUST_BEFORE_RE = re.compile(
    r"\b(?:said|says|say|saying|chanted|chant|chanting|shouted|shouting|yelled|yelling|wrote|writes|"
    r"tweeted|tweeting|posted|declared|asked|read|reads|reading)[ \t,:]*$"
)
_TITLE_CUES = re.compile(
    r"(?:\b(?:book|film|movie|song|album|article|titled|entitled|headlined|show|series|novel|essay|"
    r"op-ed|column|play|program|programme|documentary|podcast|poem|painting|exhibit|exhibition|"
    r"magazine|newspaper|report|study|paper|episode|on|in)|['\u2019]s)[ \t,]*$",
    re.IGNORECASE,
)


def _is_speech(text: str, sp: _Span, a: int, b: int, sent_start: int) -> bool | None:
    inner = text[sp.start + 1 : sp.end - 1] if sp.closed else text[sp.start + 1 : sp.end]
    words = inner.split()
    n = len(words)
    if n == 0:
        return False
    stripped = inner.strip()
    if n <= 3 and (stripped.endswith(":") or stripped[:1] == "(" and stripped.rstrip(".").endswith(")")):
        return False  # "Related:" and "(CROSSTALK.)": labels and stage directions
    if not sp.closed or sp.cont_from >= 0:
        return True
    before = text[sent_start : sp.start].rstrip()
    at_start = not before or before[-1] in ":.!?"
    if at_start and before[-1:] == "." and (
        _INITIAL_END_RE.search(before) or before.rsplit(None, 1)[-1].rstrip(".").lower() in _TITLES
    ):
        at_start = False  # Robert C. "Bobby" Scott, Rep. "..."
    end_punct = inner.rstrip()[-1:] in ".,!?\u2026"
    caps = sum(1 for w in words if w[:1].isupper())
    title_case = inner[:1].isupper() and caps * 3 >= n * 2 and n <= 12
    # every word but the small ones capitalised: Contract with America, State of the Union
    strict_title = (
        n <= 10
        and inner[:1].isupper()
        and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in _SMALL_WORDS for w in words)
        and (n > 1 or _TITLE_ONE_WORD)
    )
    if not at_start:
        # nicknames: Dwayne "The Rock" Johnson
        # (also after an initial: Robert C. "Bobby" Scott)
        if n <= 3 and (before[-1:].isalpha() or _INITIAL_END_RE.search(before)) and before.split()[-1][:1].isupper():
            nxt = text[sp.end : sp.end + 20].split()
            if nxt and nxt[0][:1].isupper():
                return False
        # titles of works: the film "Fire and Ice", on "Meet the Press"
        if title_case and _TITLE_CUES.search(before[-40:]):
            return False
        if _STRICT_TITLES and strict_title and not _SAY_JUST_BEFORE_RE.search(before[-12:]):
            return False
    if at_start:
        if n <= 6 and not end_punct and _NOUN_USE_RE.match(text, sp.end):
            return False  # "Top secret" is the highest level; "Broad City" star Ana Ruiz: a term
        return True
    if n >= 5:
        return True
    if end_punct and n >= 3:
        return True
    return None  # a short quote inside a sentence: speech only if a speech verb governs it


# ------------------------------------------------------------------ detection


@dataclass(slots=True)
class _Event:
    """Someone saying something: a speech verb with its subject, anywhere in the text."""

    pos: int
    speaker: str  # resolved full name, "" when unknown
    mention: str
    ms: int
    me: int
    kind: str  # "name", "pron", "np"


def _speech_events(text: str, paras, verbs: _Verbs, sentences: _Sentences, until: int) -> list[tuple[int, str, str, int, int, str]]:
    """(verb offset, name, mention, mention start, end, kind) for every speech verb with a
    subject, up to offset until (later ones resolve nothing)."""
    out = []
    pi = 0
    for m in verbs.items:
        v = m.start()
        if v > until:
            break
        while pi < len(paras) - 1 and paras[pi][1] < v:
            pi += 1
        a = paras[pi][0]
        if v < a:
            continue
        verb = m.group().lower()
        if verb.startswith("according"):
            subj, pos = _subject_after_verb(text, m.end(), min(len(text), m.end() + 80))
            res = _subject_mention(subj.split(",")[0], pos) if subj else None
        else:
            lo = sentences.start(a, v)
            sb = _subject_before_verb(text, lo, v)
            res = _subject_mention(*sb) if sb else None
            if res is None or (verb in _AMBIGUOUS and res[4] != "name"):
                res = None
                before = text[max(a, v - 3) : v].rstrip()
                if (not before or before[-1] in ",\"\u201d\u2014:") and not verb.startswith("tel"):
                    # said Peskov; but "..., telling Fox News that": the listener, not the speaker
                    subj, pos = _subject_after_verb(text, m.end(), min(len(text), m.end() + 80))
                    res = _subject_mention(subj, pos) if subj else None
        if res is not None:
            out.append((v,) + res)
    return out


def _find(text: str, mark_re: re.Pattern = _MARK_RE, names: _Names | None = None, headline: bool = False) -> list[_Span]:
    paras = _paragraphs(text)
    spans = _scan(text, paras, mark_re)
    if not spans:
        return []
    if names is None:
        names = _Names(text)
    verbs = _Verbs(text, anycase=headline)
    sentences = _Sentences(text)
    found: list[_Span] = []
    for sp in spans:
        a, b = paras[sp.para]
        sent_start = sentences.start(a, sp.start)
        if sp.cont_from < 0 and not headline:
            verdict = _is_speech(text, sp, a, b, sent_start)
            if verdict is False:
                continue
            if verdict is None:
                # The Kremlin said it was "not optimistic at all" — a short quote of speech
                v = verbs.last_in(sent_start, sp.start)
                cue = None
                if v is not None and v.group() in _READ_VERBS and not text[v.end() : sp.start].strip(" \t,:"):
                    pass  # the sign read "Dump Trump"
                elif v is None or sp.start - v.end() > _SHORT_GAP or v.group() in _AMBIGUOUS:
                    # the exact words someone chanted, typed, labelled, or "used the phrase"
                    cue = _CUE_BEFORE_RE.search(text, max(sent_start, sp.start - 40), sp.start)
                    if cue is None:
                        continue
                elif _PASSIVE_RE.search(text, max(sent_start, v.start() - 12), v.start()):
                    continue  # was declared "undesirable": a label, not speech
                elif any(c in ",;:" for c in text[v.end() : sp.start]) and text[v.end() : sp.start].strip(" \t,:"):
                    continue  # said it would, in time, "..." ; but: he said, "We'll see."
                if cue is not None:
                    sb = _subject_before_verb(text, sent_start, cue.start())
                    res = _subject_mention(*sb) if sb else None
                    if res is not None and res[4] in ("name", "pron"):
                        name, mention, ms, me, kind = res
                        sp.speaker, sp.mention, sp.mstart, sp.mend, sp.kind, sp.own = name, mention, ms, me, kind, True
                    found.append(sp)
                    continue
        res = None
        label = _LABEL_RE.match(text, sp.start + 1) if sp.start == a else None
        if label is not None:
            # a transcript: "CLINTON: I feel ...  — the label names the speaker
            full = names.full(label.group(1).title(), sp.start)
            if _is_person(full) and (" " in full or not names.common(full)):
                res = (full, label.group(1), label.start(1), label.end(1), "name")
        if res is None and sp.closed:
            res = _attribute_after(text, sp.end, b, verbs, False)
        if res is None and sp.closed:
            res = _attribute_dash(text, sp.end, b, paras, sp.para)
        if res is None:
            head = text[sent_start : sp.start].rstrip()
            mid = bool(head) and head[-1] not in ",:"
            res = _attribute_before(text, sent_start, sp.start, verbs, mid)
            if res is None and head.endswith(":"):
                # HEADLINE - Jane Doe: "..."  — a name labels the quote
                colon = sent_start + len(head) - 1
                run = _NAME_BEFORE_COLON_RE.search(text, max(sent_start, colon - 60), colon + 1)
                name = _strip_name(run.group(1)) if run else ""
                if name and _is_person(name) and run.group(1).endswith(name):
                    res = (name, name, run.end(1) - len(name), run.end(1), "name")
            if res is None and head.endswith(":"):
                # Peskov made the following comment: "..."  — the sentence's subject
                for s0, e0, name in _NAMES_IN(text, sent_start, min(sp.start, sent_start + 80)):
                    if _is_person(name):
                        res = (name, name, s0, e0, "name")
                    break
        if res is not None:
            name, mention, ms, me, kind = res
            sp.speaker, sp.mention, sp.mstart, sp.mend, sp.kind, sp.own = name, mention, ms, me, kind, True
        found.append(sp)
    if not found:
        return []
    # speakers in text order: quote attributions and reported speech ("Peskov said the ...")
    timeline: list[tuple[int, int, object]] = []
    # reported speech matters only to quotes whose speaker is a pronoun, a description or
    # not given: it is found up to the last of them
    until = -1
    for sp in found:
        if not sp.own or sp.kind != "name":
            until = max(until, sp.end, sp.mend or 0)
    if until >= 0:
        for pos, *res in _speech_events(text, paras, verbs, sentences, until + 200):
            timeline.append((res[2], 1, res))
    for sp in found:
        timeline.append((sp.start, 0, sp))
    timeline.sort(key=lambda t: (t[0], t[1]))
    said: list[_Event] = []  # resolved speakers so far
    starts = [p[0] for p in paras]
    last_by_para: dict[int, _Event] = {}
    for pos, typ, item in timeline:
        if typ == 1:
            name, mention, ms, me, kind = item
            ev = _Event(ms, _resolve(name, mention, ms, kind, said, names), mention, ms, me, kind)
            said.append(ev)
            last_by_para[bisect_left(starts, ms + 1) - 1] = ev
            continue
        sp = item
        if sp.own:
            if sp.mstart is not None and said and said[-1].ms == sp.mstart:
                sp.speaker = said[-1].speaker
            else:
                sp.speaker = _resolve(sp.speaker, sp.mention, sp.mstart or sp.start, sp.kind, said, names, sp.start)
            ev = _Event(sp.mstart, sp.speaker, sp.mention, sp.mstart, sp.mend, sp.kind)
            if not (said and said[-1].ms == sp.mstart):
                said.append(ev)
            last_by_para[sp.para] = ev
            continue
        src = None
        if sp.cont_from >= 0:
            prev = spans[sp.cont_from]
            if prev.speaker or prev.mention:
                src = _Event(prev.mstart, prev.speaker, prev.mention, prev.mstart, prev.mend, prev.kind)
        if src is None:
            src = last_by_para.get(sp.para)
            if src is not None and src.ms is not None and src.ms > sp.start:
                src = None
        if src is None and _INHERIT_NEXT_PARA:
            src = last_by_para.get(sp.para - 1)
        if src is None and _INHERIT_NEXT_PARA and sp.para > 0 and sp.start == paras[sp.para][0]:
            # a paragraph that is only a quote, after one about a person ("Doe praised the
            # plan."): the subject of its latest sentence that opens with a name
            pa, pb = paras[sp.para - 1]
            k0, k1 = bisect_right(sentences.offs, pa), bisect_right(sentences.offs, pb)
            bounds = [pa] + [sentences.offs[k] for k in range(k0, k1) if sentences.offs[k] < pb and sentences.is_end(k)]
            intro = text[pa:pb].rstrip().endswith(":")
            for lo in reversed(bounds):
                res = None
                if intro:
                    # "When Lind retired in 1998, Mayor Ana Ruiz released this statement:"
                    for s0, e0, name in _NAMES_IN(text, lo, pb):
                        if _is_person(name) and _LOWER_NEXT_RE.match(text, e0):
                            res = (name, name, s0, e0, "name")
                if res is None:
                    res = _sentence_subject(text, lo, min(pb, lo + 80))
                if res is not None and res[4] == "name":
                    name, mention, ms, me, kind = res
                    full = names.full(name, ms)
                    # a person named in full, or one who spoke: not "Bomb threats were ..."
                    if " " in full or (not names.common(full) and any(ev.speaker == full for ev in said)):
                        src = _Event(ms, full, mention, ms, me, "name")
                    break
        if src is not None:
            sp.speaker, sp.mention, sp.mstart, sp.mend, sp.kind = src.speaker, src.mention, src.ms, src.me, "inherit"
            last_by_para[sp.para] = src
    # a quote attributed only at its last piece: earlier pieces take that speaker
    for sp in reversed(found):
        if sp.cont_from >= 0 and (sp.speaker or sp.mention):
            src = spans[sp.cont_from]
            if not src.speaker and not src.mention:
                src.speaker, src.mention, src.mstart, src.mend = sp.speaker, sp.mention, sp.mstart, sp.mend
    return found


# Rules measured on the shared quote corpora (see bench/evaluate_quotes.py):
# a quote with no attribution continues the speaker of the previous paragraph's quote or
# reported speech, as news writing does ("...," she said. / "Second paragraph.").
_INHERIT_NEXT_PARA = True
# A description with a proper name in it ("the Florida senator", "Obama's former strategist")
# is kept as the speaker, as written, rather than guessed to be the nearest named person.
_NP_CAPS = "keep"
# A plain definite description of a person ("the professor said") means the nearest
# earlier person, as a pronoun does; descriptions of things ("the company") stay unnamed.
_NP_RESOLVE = True
# One-word names ("Feinstein") may be pronoun antecedents when they were seen speaking.
_SINGLE_OK = True
# A short quote inside a sentence is speech when a speech verb stands at most this many
# characters before it ("said it was "...""), a scare quote otherwise.
_SHORT_GAP = 20
_READ_VERBS = frozenset(("read", "reads"))
# Words before a short quote that mark it as someone's exact words rather than a scare quote.
_CUE_BEFORE_RE = re.compile(
    r"\b(?:labell?ed|chant(?:ed|ing|s)?|sing(?:ing|s)?|sang|typed|specified|referenced|"
    r"likened[ \t][^,;:\n]{0,25}[ \t]to|the[ \t](?:phrase|term|words?|slogan|motto))[ \t]*$"
)
# Pronouns look first for a person of known, matching gender within this many characters,
# then for the nearest person of unknown gender.
_KNOWN_FIRST = True
_KNOWN_WINDOW = 800
# Title Case quotes inside a sentence are titles of works (one word too: the "Perception" class).
_STRICT_TITLES = True
_TITLE_ONE_WORD = True
_INDEFINITE = frozenset("a an one another some many two three several".split())


def _fits(cand: str, g: str, names: _Names, single_ok: bool, known: bool = False) -> bool:
    if not cand or (" " not in cand and not single_ok) or not _is_person(cand):
        return False
    if " " not in cand and names.common(cand):
        return False  # "Man says ...": a common word in capitals, not a person
    if g:
        cg = names.gender(cand)
        if cg != g and (cg or known):
            return False
    return True


def _antecedent(at: int, g: str, said: list[_Event], names: _Names) -> str:
    """The person a pronoun or description most likely means: the nearest earlier speaker
    whose gender is known to fit, else the nearest named person known to fit, else the
    nearest speaker or person whose gender is unknown."""
    passes = (True, False) if (g and _KNOWN_FIRST) else (False,)
    for known in passes:
        floor = at - _KNOWN_WINDOW if known else -1
        for ev in _recent_events(said, at):
            if ev.ms < floor:
                break
            if _fits(ev.speaker, g, names, _SINGLE_OK and ev.kind == "name", known):
                return ev.speaker
        j = bisect_left(names.starts, at) - 1
        n = 0
        while j >= 0 and n < 40 and names.mentions[j][0] >= floor:
            pos, _, cand = names.mentions[j]
            j -= 1
            n += 1
            full = names.full(cand, pos)
            if _fits(full, g, names, False, known):
                return full
    return ""


def _recent_events(said: list[_Event], at: int):
    n = 0
    for k in range(len(said) - 1, -1, -1):
        ev = said[k]
        if ev.ms is None or ev.ms >= at:
            continue
        n += 1
        if n > 40:
            return
        yield ev


def _resolve(name: str, mention: str, at: int, kind: str, said: list[_Event], names: _Names, before: int = -1) -> str:
    if kind == "name":
        return names.full(name, at)
    if kind == "pron":
        p = mention.lower()
        if p not in ("he", "she"):
            return ""
        return _antecedent(at, "m" if p == "he" else "f", said, names)
    if kind == "np":
        words = mention.split()
        if any(w[:1].isupper() for w in words[1:]) or words[0].endswith(("'s", "\u2019s")):
            if _NP_CAPS == "keep":
                return mention.rstrip(".,")
        if not _NP_RESOLVE or words[0].lower() in _INDEFINITE:
            return ""
        head = words[-1].lower().rstrip(".,")
        if head in _ORG_HEADS and words[0].lower() in ("the", "this"):
            return _organisation(min(at, before) if before >= 0 else at, said, names)
        if head in _THING_NOUNS or head.endswith("s") and head not in ("boss", "actress", "hostess"):
            return ""
        return _antecedent(at, "", said, names)
    return ""


# "the company said": heads of descriptions that stand for the organisation last named
_ORG_HEADS = frozenset(
    """company firm team ministry department agency organization organisation government union
    club network airline bank retailer university college school hospital council committee
    party campaign corporation business startup broadcaster publisher automaker carmaker
    insurer utility charity league federation association group""".split()
)


def _organisation(at: int, said: list[_Event], names: _Names) -> str:
    """The organisation a description like "the company" most likely means: among the last
    few speakers before it (Google said ..., IRCC said ...), the nearest that is neither a
    person nor a place nor a common word."""
    n = 0
    for ev in _recent_events(said, at):
        n += 1
        if n > 3 or ev.ms < at - 1500:
            break
        cand = ev.speaker
        if ev.kind != "name" or not cand or _is_place(cand) or names.common(cand.split()[0]):
            continue
        if " " not in cand and cand.endswith(("ese", "ans", "ish", "ians")):
            continue  # Japanese, Republicans: peoples and parties, not the company
        if _is_institution(cand) or (
            names.full(cand, ev.ms) == cand and not names.gender(cand) and cand.split()[0].lower() not in _FIRST_NAMES
        ):
            return cand
    return ""


@lru_cache(maxsize=4096)
def _is_place(name: str) -> bool:
    low = name.lower()
    return low.split()[-1] in _PLACES or " ".join(low.split()[-2:]) in _PLACE_PHRASES


@lru_cache(maxsize=4096)
def _is_institution(name: str) -> bool:
    """A name that is an organisation: an acronym (IRCC) or one with an organisation word."""
    toks = name.split()
    if any(len(t) >= 3 and t.isupper() and t.isalpha() for t in toks):
        return True
    return any(t.lower() in _ORG_WORDS for t in toks)


# ------------------------------------------------------------------ public API


def _to_quote(sp: _Span, shift: int = 0, block: int | None = None) -> Quote:
    return Quote(
        start=sp.start - shift,
        end=sp.end - shift,
        speaker=sp.speaker,
        mention=sp.mention,
        speaker_start=None if sp.mstart is None else sp.mstart - shift,
        speaker_end=None if sp.mend is None else sp.mend - shift,
        block=block,
    )


def find_quotes(text: str) -> list[Quote]:
    """Direct quotes in plain text (paragraphs separated by blank lines), in text order."""
    return [_to_quote(sp) for sp in _find(text)]


def find_article_quotes(title: str, paragraphs: list[str]) -> list[Quote]:
    """Quotes of a cleaned article: the title (block -1; its single quotes mark speech, as
    headlines do) and the body paragraphs (block = index into paragraphs; offsets into that
    paragraph's text, speaker offsets None when the speaker is named in another paragraph)."""
    body = "\n\n".join(paragraphs)
    starts = []
    pos = 0
    for p in paragraphs:
        starts.append(pos)
        pos += len(p) + 2
    out: list[Quote] = []
    # The body's name index is built (by _find) only once the body has a quote to attribute
    # (a third of articles have none), or here for a headline with a quote mark, whose own
    # index (of the headline and the body) is then made from the body's.
    body_names = None
    if title and _HEADLINE_MARK_RE.search(title):  # a headline without a quote mark has no quote
        body_names = _Names(body) if body else None
        for sp in _find(title, _HEADLINE_MARK_RE, names=body_names and _Names.with_headline(title, body_names), headline=True):
            out.append(_to_quote(sp, 0, -1))
    for sp in _find(body, names=body_names):
        k = bisect_right(starts, sp.start) - 1
        shift = starts[k]
        if sp.mstart is not None and not (shift <= sp.mstart and sp.mend <= shift + len(paragraphs[k])):
            sp.mstart = sp.mend = None
        out.append(_to_quote(sp, shift, k))
    return out
