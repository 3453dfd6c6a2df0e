"""Phrase lists that mark page furniture (newsletters, donations, share bars, menus...) in copied text."""

from __future__ import annotations

import re
from typing import Final

from reader.ingest.captions import has_odd_fold
from reader.patterns import lower

# Each entry: (reason, pattern).  "Short" patterns only count on short lines (a widget label,
# a menu item): a body sentence may well mention Twitter or a newsletter.  "Phrase" patterns
# are wordings that only page furniture uses, so they count on lines of any length up to a
# paragraph of appeal text.
_SHORT: Final[list[tuple[str, str]]] = [
    ("newsletter", r"newsletters?|рассылк\w*|inscreva-se|iscriviti"),
    ("subscription", r"subscri\w+|подпис\w+|assine|assinatura|abbonati|e-?edition|digital edition"),
    ("donation", r"donat\w*|contribut\w*|пожертв\w*|support (us|our|the|independent)\b.*|поддерж\w+ (нас|проект)"),
    ("donation", r"once|monthly|annual(ly)?|one-?time|yearly|continue|remind me later\.?|not ready to support( today)?\??"),
    ("donation", r"payment methods|paiment methods|a message from\b.*|dear readers?,?|become a (member|patron|supporter)"),
    ("cookie", r"cookies?|cookie (policy|settings)|куки|accept( all)?|consent|manage (preferences|settings)|gdpr"),
    ("privacy", r"privacy( policy| notice)?|terms( of (use|service))?|terms and conditions|your california privacy rights|"
     r"do not sell my (personal )?info(rmation)?|interest based ads|ad ?choices|политика конфиденциальности|"
     r"пользовательское соглашение|política de privacidade|termos de uso|accessibility( statement)?|sitemap|site map"),
    ("share", r"share( (this|on|via|article|story)\b.*)?|tweet|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|"
     r"messenger|telegram|vk|вконтакте|одноклассники|email|e-mail|print|copy( this)? link|flipboard|pocket|"
     r"поделиться|compartilh\w*|condividi|partager|teilen|shares?|\d+ shares?"),
    ("comments", r"(\d+ )?comments?|(comments?|комментари\w*|coment[aá]rios?|commenti)\W*\d+\W*|(view|show|hide|post|add|leave a) comments?|leave a reply|reply|"
     r"join the (conversation|discussion)|комментари\w*|\d+ комментари\w*|ответить|comentários?|commenti|коммент\w*"),
    ("related", r"related( (stories|articles|posts|news|content|coverage|topics|links|reading))?|more (from|on|stories|news|in)\b.*|"
     r"you (may|might) (also )?like|recommended( for you)?|most (popular|read|viewed|shared)|trending( now)?|"
     r"what to read next|top stories|latest (news|stories|articles|posts)|don'?t miss|also read|see also|"
     r"читайте (также|еще|ещё)|похожие (статьи|записи|новости)|популярное|leia (mais|também)|leggi anche|"
     r"recent posts|popular posts|you may be interested in|editor'?s picks|up next|more like this|"
     r"voc[eê] (tamb[eé]m )?pode gostar\W*|mais (lidas|lidos|vistos|populares)|(i )?pi[uù] lett[ie]|самое (читаемое|популярное)|veja tamb[eé]m|ti potrebbe(ro)? interessare|вам может (быть интересно|понравиться)"),
    ("read more", r"read more\b.*|continue reading\b.*|read the full\b.*|learn more|click here\b.*|"
     r"читать (далее|полностью|ещё|еще)|подробнее|leia mais|leggi di più|see more|show more|load more|view more|more"),
    ("login", r"sign ?in|sign ?up|log ?in|log ?out|sign ?out|register|create (an |your )?account|my account|"
     r"forgot (your )?password\??|войти|вход|выйти|регистрация|entrar|accedi|profile"),
    ("navigation", r"skip to (main )?(content|navigation)|menu|(main )?menu\w*|home|homepage|search|search( for)?\b.*|"
     r"back to top|return to top|(back|return|go back) to (the )?(home ?page|home|overview|list|index|menu|main page|all \w+|"
     r"articles|news|blog|search results|gallery|previous page)|go back|zurück( (zur|zum) (übersicht|startseite|"
     r"liste|artikelübersicht|homepage))?|voltar( ao topo| para o início| à página inicial)?|назад|"
     r"вернуться (к|на) \w+|torna (su|indietro|alla home)|top|next|previous|prev|next (article|story|post)|previous (article|story|post)|"
     r"close|open|toggle navigation|sections|navigation|главная|поиск|меню|наверх|início|busca|cerca|"
     r"contact( us)?|about( us)?|careers|advertise( with us)?|faq|help|archives?|jobs|obituaries|classifieds|"
     r"weather|horoscopes?|puzzles( and games)?|games|podcasts?|videos?|photos?|more sections|all sections|"
     r"follow us\b.*|connect with us|social media|rss|feedback|press|about the author|tags?:?.*|filed under:?.*|"
     r"categor(y|ies):?.*|topics?:?|"
     r"\d[\d.,]* (users?|visitors|guests|members|readers|usuários|visitantes|utenti|пользовател\w*|посетител\w*) "
     r"(on-?line|онлайн)( now| agora| ora| сейчас)?"),
    ("advertisement", r"advertisement|advertising|sponsored( content)?|promoted|paid (content|post)|partner content|"
     r"story continues below( advertisement)?|реклама|publicidade|pubblicità|anzeige|ad|ads"),
    ("gallery", r"image \d+ (of|/) ?\d+|\d+ ?(of|/) ?\d+|back to gallery|enlarge( (this )?image)?|hide caption|"
     r"toggle caption|show caption|caption|expand|play( video)?|watch( video)?|video|gallery|view (gallery|slideshow)|"
     r"media playback is unsupported on your device|"
     r"launch (gallery|slideshow)|slideshow|photos?:? \d+|\d+ photos?|image|fullscreen|full screen|zoom|replay|"
     r"loading\.*|please wait\.*|javascript is (disabled|required)\b.*|enable javascript\b.*|"
     r"your browser does not support\b.*"),
]

# (reason, substrings one of which the line must contain, pattern): the substring test is
# cheap and spares running the patterns over every line of prose.
_PHRASE: Final[list[tuple[str, tuple[str, ...], str]]] = [
    ("newsletter", ("newsletter", "inbox", "mail", "subscrib", "unsubscribe", "alerts", "updates"),
     r"sign up (for|to) (our|the)\b.*newsletter|newsletter sign-?up|get (our|the)\b.*(newsletter|in your inbox)|"
     r"delivered (straight )?to your inbox|in your inbox|enter your e-?mail|your e-?mail address|by subscribing,? you|"
     r"subscribers agree to|you (can|may) unsubscribe|unsubscribe at any time|"
     r"(sign up|subscribe) (now |today )?(for|to) (our|the)\b.*(newsletter|alerts|updates|emails?)|"
     r"(check|keep an eye on|meet|hit) your inbox|sign up (for|to)\b.{0,60}\bnewsletter|"
     r"\bour (free |daily |weekly |morning |evening |e-?mail )+newsletter\b"),
    ("newsletter", ("agree", "opt-in", "opt in", "processing your"),
     r"i agree (that|to)\b.*\b(send me|newsletter|e-?mails?)|(check|tick) the opt-?in|"
     r"error processing your (subscription|sign-?up|request)"),
    ("newsletter", ("подпи",), r"подпишитесь на (нашу )?рассылку|подписывайтесь на\b|подпишитесь на наш"),
    ("subscription", ("subscri", "unlimited", "trial", "подписк"),
     r"already a subscriber|subscribe (now|today)\b|subscription (offer|plan)|unlimited (digital )?access|"
     r"free trial|(is|are) (for|reserved for) subscribers|subscribers only|оформите подписку|"
     r"^(need more \w+\W+)?subscribe to\b"),
    ("donation", ("support", "contribut", "donat", "member", "patron", "journalism", "from just", "from as little",
                  "поддерж", "if you enjoy", "if you like", "if you value", "if you appreciat"),
     r"support (our|independent|quality) (journalism|reporting|newsroom)|make a (one-?off |one-?time |small )?"
     r"(contribution|donation)|please (consider )?(support|donat)|your (support|contribution|donation)\b.*(journalism|"
     r"reporting|us)|every contribution|from (just|as little as) [$€£]|поддержите (нас|проект|редакцию)|"
     r"become a (member|patron|supporter)|independent journalism\b.*(support|help|contribut)|"
     r"(support|help|contribut)\w*\b.*independent journalism|"
     r"^if you (enjoyed|liked|value[ds]?|appreciated?) (reading )?(this|our|the) (article|story|post|journalism|reporting)"),
    ("cookie", ("cookie", "куки", "continuing", "using"),
     r"we use cookies|this (site|website) uses cookies|use of cookies|cookie policy|by (continuing|using) (to use )?"
     r"(this|our) (site|website)|мы используем (файлы )?cookie|используем куки"),
    ("privacy", ("rights", "права", "direitos", "diritti", "©", "(c)", "copyright", "published", "reproduced", "privacy"),
     r"^privacy (notice|policy|statement)\s*:|all rights reserved|все права защищены|todos os direitos reservados|tutti i diritti riservati|"
     r"^(copyright )?(©|\(c\)|copyright)\s*\d{4}|\bcopyright (©\s*)?\d{4}\b|this material may not be published|"
     r"may not be (published|reproduced|broadcast|rewritten|redistributed)"),
    ("share", ("share", "external links", "new window", "sharing"),
     r"share this (article|story|post|page)|share (on|via) (facebook|twitter|email|whatsapp)|"
     r"these are external links|open in a new window|read more about sharing"),
    ("comments", ("comment", "coment", "moderat", "respons", "thoughts on", "replies to"),
     r"^\d+ (responses|replies|thoughts|comments) (to|on)\b|comments? (are|will be) (moderated|reviewed)|coment[aá]rios?\b.*moderador|"
     r"comments (are|have been) (closed|disabled)|log ?in to (comment|reply)|"
     r"(be the first|first) to comment|to post comments|commenting (is|has been)|"
     r"(we|our) (welcome|encourage) (your )?(comments|thoughtful)"),
    ("read more", ("read", "see", "click"), r"^(read|see|click) (more|also|here)\b"),
    ("advertisement", ("continues", "affiliate", "commission", "compensation", "продолжение", "реклама", "continue reading"),
     r"story continues below|article continues below|continue reading (the )?(main )?story|"
     r"this (article|story|post) (contains|may contain) affiliate links|\bmay (earn|receive|get) (an? )?(small )?"
     r"(affiliate )?(commission|compensation)|продолжение ниже|реклама\b"),
    ("gallery", ("playback",), r"media playback is (unsupported|not supported)"),
    ("share", ("follow",), r"^follow ([\w@.'’-]+ ){1,3}on (twitter|facebook|instagram|"
     r"linkedin|youtube|tiktok|x|threads|bluesky|mastodon)\b"),
    ("privacy", ("trademark", "evaluated", "informational", "intended to", "advice"),
     r"(is|are) (a )?registered trademarks? of|not been evaluated by the food and drug administration|"
     r"for (general )?informational purposes only|intended to diagnose|not intended to (provide|replace|be) "
     r"(\w+ )?(a substitute for )?(medical|professional|legal|financial) advice"),
    ("about author", ("contributed", "reporting by", "is a ", "is an "),
     r"^[\w.'’ -]{3,60} contributed (reporting|to this (report|story|article))\b|^additional reporting by\b|"
     r"^([\w.'’-]+ ){1,3}is an? ([\w-]+ ){0,3}(reporter|writer|correspondent|editor|journalist|columnist|"
     r"contributor|producer) (for|at|with) (?!.*\b(who|that|which|when|where|after|and|but|since)\b)[^.]{2,40}\.?$"),
    ("login", ("sign", "log", "account", "password"),
     r"(sign|log) in to (your account|continue|read)|don'?t have an account|create (a )?free account|"
     r"forgot (your )?password"),
]

def _combined(table: list[tuple[str, str]], template: str) -> re.Pattern[str]:
    """One regex with a named group per reason: a single pass per line instead of one per pattern."""
    by_reason: dict[str, list[str]] = {}
    for reason, pat in table:
        by_reason.setdefault(reason, []).append(pat)
    groups = [f"(?P<{reason.replace(' ', '_')}>{'|'.join(pats)})" for reason, pats in by_reason.items()]
    return re.compile(template.format("|".join(groups)))


# The patterns are written in lower case and run over the lower-cased line: twice as fast
# as letting the regex engine fold case letter by letter.
_SHORT_RE: Final = _combined(_SHORT, r"^\W*(?:{})\W*$")
_PHRASE_RE: Final = [(reason, triggers, re.compile(pat)) for reason, triggers, pat in _PHRASE]



def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (split at "|" outside groups and classes)."""
    out, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _first_chars(items) -> tuple[set[str] | None, bool]:
    """(characters a parsed pattern can start with, whether it can match the empty string);
    None for "any character" (a class or construct this does not follow). "\\d" stands for a digit."""
    from re import _constants as C  # type: ignore[attr-defined]  # noqa: PLC0415

    chars: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            chars.add(chr(av))
            return chars, False
        if op is C.IN:
            for o, a in av:
                if o is C.LITERAL:
                    chars.add(chr(a))
                elif o is C.RANGE:
                    chars.update(chr(x) for x in range(a[0], a[1] + 1))
                elif o is C.CATEGORY and a is C.CATEGORY_DIGIT:
                    chars.add("\\d")
                else:
                    return None, False
            return chars, False
        if op is C.AT:
            continue
        if op is C.SUBPATTERN:
            sub, nullable = _first_chars(list(av[-1]))
        elif op is C.BRANCH:
            sub, nullable = set(), False
            for alt in av[1]:
                c, n = _first_chars(list(alt))
                if c is None:
                    return None, False
                sub |= c
                nullable = nullable or n
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            sub, n = _first_chars(list(av[2]))
            nullable = n or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        chars |= sub
        if not nullable:
            return chars, False
    return chars, True


def _short_buckets(table: list[tuple[str, str]]) -> list[tuple[str, str, set[str] | None]]:
    """(reason, alternative, first characters or None for any) of every alternative, in order."""
    from re import _parser  # type: ignore[attr-defined]  # noqa: PLC0415

    out = []
    for reason, pat in table:
        for alt in _alternatives(pat):
            first, nullable = _first_chars(list(_parser.parse(alt)))
            out.append((reason, alt, None if nullable else first))
    return out


_SHORT_ALTS: Final = _short_buckets(_SHORT)
_SHORT_BY_FIRST: Final[dict[str, re.Pattern[str]]] = {}
_SHORT_FIRSTS: Final = frozenset(c for _, _, chars in _SHORT_ALTS if chars is not None for c in chars)
_SHORT_ANY: Final = any(chars is None for _, _, chars in _SHORT_ALTS)
_NEVER: Final = re.compile(r"(?!)")


def _short_for(first: str) -> re.Pattern[str]:
    """`_SHORT_RE` keeping only the alternatives that can start with `first` (a word character
    opening the line): the same first match, without trying the others."""
    rx = _SHORT_BY_FIRST.get(first)
    if rx is None:
        decimal = first.isdecimal()
        if not decimal and first not in _SHORT_FIRSTS and not _SHORT_ANY:
            return _NEVER  # (not kept: the cache holds one entry per letter some alternative starts with)
        keys = {first, "\\d"} if decimal else {first}
        table = [(reason, alt) for reason, alt, chars in _SHORT_ALTS if chars is None or not keys.isdisjoint(chars)]
        rx = _combined(table, r"^\W*(?:{})\W*$") if table else _NEVER
        _SHORT_BY_FIRST[first] = rx
    return rx


def short_reason(low: str) -> str:
    """The reason `_SHORT_RE` gives a lower-cased line, or ""."""
    c = low[:1]
    m = _short_for(c).match(low) if c and (c.isalnum() or c == "_") else _SHORT_RE.match(low)
    return m.lastgroup.replace("_", " ") if m and m.lastgroup else ""


SHORT_WORDS: Final = 6  # a menu item or button label is rarely longer
PHRASE_WORDS: Final = 60  # appeals and cookie notices run to a paragraph, body paragraphs run longer


def boilerplate_reason(line: str, words: float, phrases: list | None = None) -> str:
    """Why `line` is page furniture ("newsletter", "share"...), or "" when it may be article text.

    `phrases` narrows the phrase patterns to those whose trigger words occur on the page
    (see `phrases_on_page`): most pages hold few of them, so most lines skip most patterns.
    """
    low = lower(line)
    if words <= SHORT_WORDS:
        m = _SHORT_RE.match(low)
        if m and m.lastgroup:
            return m.lastgroup.replace("_", " ")
    if words <= PHRASE_WORDS:
        table = _PHRASE_RE if phrases is None else phrases
        if table:
            for reason, triggers, rx in table:
                for t in triggers:
                    if t in low:
                        if rx.search(low):
                            return reason
                        break
    return ""


def reason_of_lowered(low: str, words: float, phrases: list) -> str:
    """`boilerplate_reason` of a line already lower-cased, given the (reason, pattern) pairs
    whose trigger words it holds, in table order (`plaintext._lines` finds them: see `trigger_table`)."""
    if words <= SHORT_WORDS:
        reason = short_reason(low)
        if reason:
            return reason
    if words <= PHRASE_WORDS:
        for reason, rx in phrases:
            if rx.search(low):
                return reason
    return ""


def trigger_table() -> dict[str, tuple[int, ...]]:
    """Each trigger word of the phrase patterns -> the numbers of the patterns (in `PHRASES`) it triggers."""
    out: dict[str, list[int]] = {}
    for k, (_, triggers, _rx) in enumerate(_PHRASE_RE):
        for t in triggers:
            out.setdefault(t, []).append(k)
    return {t: tuple(ks) for t, ks in out.items()}


# (reason, pattern) of each phrase pattern, numbered as in `trigger_table`
PHRASES: Final = [(reason, rx) for reason, _triggers, rx in _PHRASE_RE]


def phrases_on_page(text: str) -> list:
    """The phrase patterns whose trigger words occur somewhere in `text` (one scan per trigger)."""
    low = lower(text)
    return [entry for entry in _PHRASE_RE if any(t in low for t in entry[1])]


# Lines that open a section of furniture: once the article body has ended, what follows
# them (related stories, comments, appeals) is not the article.
_SECTION_START: Final = re.compile(
    r"^\W*(related|more (from|on|stories|news)|you (may|might) (also )?like|recommended|most (popular|read|viewed)|"
    r"trending|what to read next|top stories|latest (news|stories)|more stories|comments?|\d+ comments?|"
    r"\d+ (responses|replies|thoughts) (to|on)\b|"
    r"leave a (comment|reply)|join the conversation|a message from\b|dear readers?|sign up (for|to)\b|"
    r"subscribe to\b|support (us|our|the|independent)\b|читайте также|похожие|комментари|популярное|"
    r"leia também|leggi anche|about the author|share this)",
    re.I,
)


def _openers(rx: re.Pattern[str]) -> frozenset[str]:
    """What the first word character of a line `rx` (a `^\\W*(...)` pattern, case-insensitive)
    matches can be, lower case ("\\d": a digit)."""
    from re import _parser  # type: ignore[attr-defined]  # noqa: PLC0415

    chars, nullable = _first_chars(list(_parser.parse(rx.pattern[len(r"^\W*"):])))
    assert chars is not None and not nullable
    return frozenset(chars)


def _may_open(line: str, openers: frozenset[str], seen: dict[str, bool]) -> bool:
    """Cheap necessary test for a `^\\W*(...)` pattern with `openers` (see `_openers`) to match
    `line`: its first word character is one of them (a letter with an odd case fold may be any).
    `seen` holds the answer for each first character met so far (one dict per pattern)."""
    for c in line:
        if c.isalnum() or c == "_":
            ok = seen.get(c)
            if ok is None:
                if c.isdecimal():
                    ok = "\\d" in openers or c in openers
                else:
                    ok = lower(c) in openers or has_odd_fold(c)
                if len(seen) < _SEEN_MOST:
                    seen[c] = ok
            return ok
    return False


_SEEN_MOST: Final = 4096  # first characters remembered per pattern (a page in any script needs a few dozen)


_SECTION_SEEN: Final[dict[str, bool]] = {}
_SECTION_OPENERS: Final = _openers(_SECTION_START)


def starts_furniture_section(line: str, words: float) -> bool:
    """True for a heading such as "Related stories" or "A Message from X:" that opens furniture."""
    return words <= 12 and _may_open(line, _SECTION_OPENERS, _SECTION_SEEN) and bool(_SECTION_START.match(line))


# Headings of a list of links to other stories, which a page may insert inside the article.
_TEASER_LIST: Final = re.compile(
    r"^\W*(related|more (from|on|stories|news)|you (may|might) (also )?(like|be interested)|recommended|most (popular|read|viewed)|"
    r"trending|what to read next|top stories|latest (news|stories)|more stories|read (more|also|next)|see also|"
    r"don'?t miss|also read|читайте также|похожие|популярное|leia também|leggi anche)\b",
    re.I,
)


_TEASER_SEEN: Final[dict[str, bool]] = {}
_TEASER_OPENERS: Final = _openers(_TEASER_LIST)


def starts_teaser_list(line: str, words: float) -> bool:
    """True for a heading such as "Related stories" or "Don't miss" over links to other stories."""
    return words <= 12 and _may_open(line, _TEASER_OPENERS, _TEASER_SEEN) and bool(_TEASER_LIST.match(line))


_APPEAL: Final = re.compile(r"^\W*(a message from\b|dear (readers?|friends)\b|дорогие читатели|уважаемые читатели)", re.I)


_APPEAL_SEEN: Final[dict[str, bool]] = {}
_APPEAL_OPENERS: Final = _openers(_APPEAL)


def is_appeal_start(line: str) -> bool:
    """True for the opening of a donation appeal, which ends the article wherever it appears."""
    return _may_open(line, _APPEAL_OPENERS, _APPEAL_SEEN) and bool(_APPEAL.match(line))
