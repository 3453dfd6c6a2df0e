"""The plain-text cleaner: boilerplate, captions and credits, dates, bylines, and its safety properties."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest.captions import is_credit_line, split_credit
from reader.ingest.dates import parse_date
from reader.ingest.plaintext import NO_ARTICLE_NOTICE, _lines, clean_text, decide, normalise, prepare, title_features
from reader.model import CAPTION, HEADING, ITEM, PARAGRAPH

BODY = [
    "The river authority said on Wednesday that water levels at the northern dam had fallen to their lowest point since records began, forcing a cut in supplies to three towns.",
    '"We are asking every household to use a third less water until the rains come," said director Paula Brenner, who has run the authority since 2019.',
    "Farmers in the valley said the restrictions would hit the late harvest, which depends on irrigation from the same reservoir during the dry months.",
    "Brenner said the authority would review the measures every two weeks and lift them as soon as the reservoir recovered to half of its capacity.",
]


def page(before: list[str], after: list[str], body: list[str] = BODY, title: str = "Dam Levels Hit Record Low as Towns Face Water Cuts") -> str:
    return "\n\n".join(before + [title] + body + after) + "\n"


def body_of(cleaned) -> list[str]:
    return [b.text for b in cleaned.blocks if b.kind in (PARAGRAPH, HEADING, ITEM)]


BOILERPLATE = [
    ("newsletter", ["Sign up for our morning newsletter", "Get the best stories in your inbox every day. Preview"]),
    ("subscription", ["Already a subscriber? Log in", "Subscribe now"]),
    ("donation", ["Once", "Monthly", "Annual", "Continue", "Remind me later."]),
    ("cookie", ["We use cookies to improve your experience on our site.", "Accept all"]),
    ("share", ["Share this article", "Facebook", "Twitter", "WhatsApp", "Email", "Print"]),
    ("comments", ["12 Comments", "Leave a comment"]),
    ("related", ["Related stories", "Most popular"]),
    ("read more", ["Read more"]),
    ("navigation", ["Skip to main content", "Menu", "Home", "Search"]),
    ("back links", ["Back to overview", "Zurück zur Übersicht", "Voltar", "Назад", "Вернуться к списку"]),
    ("login", ["Sign in", "Register"]),
    ("advertisement", ["Advertisement", "Story continues below advertisement"]),
    ("privacy", ["© 2024 Valley Gazette. All rights reserved.", "Privacy Policy", "Terms of Use"]),
    ("newsletter opt-in", ["I agree that the Valley Gazette may send me its weekly newsletter.", "Please check the opt-in box to continue.",
                           "Keep an eye on your inbox for your first edition."]),
    ("affiliate", ["We may earn a commission when you buy through links on this page."]),
    ("media player", ["Media playback is not supported on this device"]),
    ("follow", ["Follow the Valley Gazette on Facebook and Instagram."]),
    ("legal", ["Gazette and the Gazette logo are registered trademarks of Valley Media Group.",
               "The material on this site is for informational purposes only."]),
    ("about the author", ["Marta Ruiz is a staff reporter for the Valley Gazette.", "Tom Okafor contributed reporting."]),
    ("comment moderation", ["Comments are moderated and will appear once approved."]),
    ("related, other languages", ["Você pode gostar...", "Вам может быть интересно", "Mais lidas", "Самое читаемое"]),
    ("online counter", ["4312 users online", "5603 usuários on-line", "128 пользователей онлайн"]),
    ("russian", ["Подпишитесь на нашу рассылку", "Поделиться", "Читайте также", "Реклама", "Все права защищены"]),
]


@pytest.mark.parametrize(("kind", "noise"), BOILERPLATE, ids=[k for k, _ in BOILERPLATE])
def test_boilerplate_is_cut_and_reported(kind: str, noise: list[str]) -> None:
    c = clean_text(page(noise, noise))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert body_of(c) == BODY
    removed = {b.text for b in c.removed}
    assert set(noise) <= removed
    assert all(b.reason for b in c.removed)


@pytest.mark.parametrize("line", [
    "The senator said he would follow the money on Twitter and in the courts.",
    "Ruiz is a reporter for the Gazette who spent two years covering the dam.",
    "The company says the drug is not intended to replace vaccination.",
])
def test_body_sentences_that_mention_furniture_words_are_kept(line: str) -> None:
    body = [*BODY[:2], line, *BODY[2:]]
    assert body_of(clean_text(page(["Menu", "Home"], ["Share this article"], body=body))) == body


def test_donation_appeal_after_body_is_cut() -> None:
    appeal = [
        "A Message from the Valley Gazette:",
        "Dear readers,",
        "Independent local reporting is expensive, and we rely on readers like you to keep our journalism free for everyone in the valley and beyond.",
        "Please support us with a monthly contribution; every contribution, however small, helps us keep reporting on the issues that matter.",
        "Once",
        "Monthly",
        "Read more",
    ]
    c = clean_text(page(["Support the Valley Gazette!"], appeal))
    assert body_of(c) == BODY
    assert c.source == "Valley Gazette"


CAPTIONS = [
    ("Workers inspect the dam wall on Tuesday. Jonas Berg / Reuters", "Workers inspect the dam wall on Tuesday.", "Jonas Berg / Reuters"),
    ("Workers inspect the dam wall on Tuesday. (AP Photo/Evan Marsh)", "Workers inspect the dam wall on Tuesday.", "(AP Photo/Evan Marsh)"),
    ("Workers inspect the dam wall on Tuesday. Photo: Lea Kim / Getty Images", "Workers inspect the dam wall on Tuesday.", "Photo: Lea Kim / Getty Images"),
    ("Workers inspect the dam wall on Tuesday. © AFP", "Workers inspect the dam wall on Tuesday.", "© AFP"),
    ("The reservoir seen from orbit in May. (NASA/JPL-Caltech)", "The reservoir seen from orbit in May.", "(NASA/JPL-Caltech)"),
    ("Workers inspect the dam wall (Image: GETTY)", "Workers inspect the dam wall", "(Image: GETTY)"),
    ("Workers inspect the dam wall on Tuesday. Credit: Valley Water Authority", "Workers inspect the dam wall on Tuesday.", "Credit: Valley Water Authority"),
    ("Рабочие осматривают плотину во вторник. Иван Орлов / ТАСС", "Рабочие осматривают плотину во вторник.", "Иван Орлов / ТАСС"),
]


@pytest.mark.parametrize(("line", "caption", "credit"), CAPTIONS)
def test_caption_credit_forms(line: str, caption: str, credit: str) -> None:
    assert split_credit(line) == (caption, credit)
    c = clean_text(page([], [], body=BODY[:1] + [line] + BODY[1:]))
    caps = [b for b in c.blocks if b.kind == CAPTION]
    assert [(b.text, b.credit) for b in caps] == [(caption, credit)]
    assert body_of(c) == BODY


@pytest.mark.parametrize("line", ["Photo: Damian Reyes, AP", "Getty Images", "Al Moreno, Associated Press", "Courtesy of Lina Park", "Photo by Jane Roe/Getty Images"])
def test_separate_credit_line(line: str) -> None:
    assert is_credit_line(line)
    c = clean_text(page([], [], body=BODY[:1] + ["Volunteers fill sandbags near the river", line] + BODY[1:]))
    caps = [b for b in c.blocks if b.kind == CAPTION]
    assert [(b.text, b.credit) for b in caps] == [("Volunteers fill sandbags near the river", line)]


@pytest.mark.parametrize("line", ["Photo: Damian Reyes, AP", "Getty Images", "STATISTA", "GETTY", "Courtesy of the Valley Trust"])
def test_credit_line_shapes(line: str) -> None:
    assert is_credit_line(line)


# Caption forms whose credit is not at the end of the caption's own line.
SPLIT_CAPTIONS = [
    # the credit first ("© Name Name" then the scene)
    (["© Marta Olsen Volunteers fill sandbags near the river on Tuesday."],
     "Volunteers fill sandbags near the river on Tuesday.", "© Marta Olsen"),
    # the credit's label on a line of its own, the name on the next
    (["Volunteers fill sandbags near the river on Tuesday.", "Credit...", "Marta Olsen/The Valley Gazette"],
     "Volunteers fill sandbags near the river on Tuesday.", "Credit... Marta Olsen/The Valley Gazette"),
    # a picture agency's name in capitals on the next line
    (["Map of the towns where water has been cut this month.", "STATISTA"],
     "Map of the towns where water has been cut this month.", "STATISTA"),
    # a long caption followed by its credit line
    (["Volunteers wearing orange vests fill sandbags near the river in the valley on Tuesday, Nov. 19, 2019, as the "
      "authority warns that supplies to three towns will be cut for weeks while the reservoir recovers from the "
      "driest summer on record.", "Marta Olsen, AP"],
     "Volunteers wearing orange vests fill sandbags near the river in the valley on Tuesday, Nov. 19, 2019, as the "
     "authority warns that supplies to three towns will be cut for weeks while the reservoir recovers from the "
     "driest summer on record.", "Marta Olsen, AP"),
    # a caption holding a date, its credit at the end
    (["Paula Brenner speaks at the dam on July 25, 2019. Marta Olsen / AP file"],
     "Paula Brenner speaks at the dam on July 25, 2019.", "Marta Olsen / AP file"),
]


@pytest.mark.parametrize(("lines", "caption", "credit"), SPLIT_CAPTIONS)
def test_caption_with_credit_apart(lines: list[str], caption: str, credit: str) -> None:
    c = clean_text(page([], [], body=BODY[:2] + lines + BODY[2:]))
    caps = [b for b in c.blocks if b.kind == CAPTION]
    assert [(b.text, b.credit) for b in caps] == [(caption, credit)]
    assert body_of(c) == BODY


@pytest.mark.parametrize("lines", [
    ["(Reporting by Jo Marsh; Editing by Ann Lee)", "© Reuters"],  # a wire service's sign-off
    ["Want more water news? Subscribe to our sister title for the latest updates.", "(Image credit: Valley Press)"],
])
def test_what_no_caption_says(lines: list[str]) -> None:
    c = clean_text(page([], lines + ["Contact us", "About"]))
    assert not [b for b in c.blocks if b.kind == CAPTION]
    assert body_of(c) == BODY


def test_standfirst_over_an_agency_byline_is_not_a_caption() -> None:
    standfirst = "Towns in the valley face weeks of cuts as the reservoir hits a record low"
    c = clean_text(page(["Home", "News"], [], body=[standfirst, "Associated Press", "Published 11:26 pm EST, Tuesday, November 19, 2019", *BODY]))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert not [b for b in c.blocks if b.kind == CAPTION]
    assert c.published.startswith("2019-11-19")


PASTED = """Valley Gazette
Home
News
Weather

Dam Levels Hit Record Low as Towns Face Water Cuts

By Marta Olsen
Nov 19, 2019 at 9:24 pm ET

{b0}

© Lena Park Volunteers fill sandbags near the river on Tuesday as the authority warns of weeks of cuts.

{b1}

Image: Paula Brenner, left, has walked the dam wall with the mayor

{b2}

The reservoir seen from the northern ridge last week.
Credit...
Lena Park/The Valley Gazette

{b3}

(Reporting by Jo Marsh; Editing by Ann Lee)
© Valley Gazette 2019

Sign up for our newsletter
Share this article
"""


def test_pasted_page_with_every_caption_form() -> None:
    c = clean_text(PASTED.format(b0=BODY[0], b1=BODY[1], b2=BODY[2], b3=BODY[3]))
    assert (c.title, c.source, c.author, c.published[:10]) == (
        "Dam Levels Hit Record Low as Towns Face Water Cuts", "Valley Gazette", "Marta Olsen", "2019-11-19")
    assert [(b.kind, b.text, b.credit) for b in c.blocks] == [
        (PARAGRAPH, BODY[0], ""),
        (CAPTION, "Volunteers fill sandbags near the river on Tuesday as the authority warns of weeks of cuts.", "© Lena Park"),
        (PARAGRAPH, BODY[1], ""),
        (CAPTION, "Paula Brenner, left, has walked the dam wall with the mayor", ""),
        (PARAGRAPH, BODY[2], ""),
        (CAPTION, "The reservoir seen from the northern ridge last week.", "Credit... Lena Park/The Valley Gazette"),
        (PARAGRAPH, BODY[3], ""),
    ]


def test_article_goes_on_after_an_inserted_list_but_comments_do_not() -> None:
    text = "\n\n".join([
        "The Valley Gazette", "Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts",
        *BODY[:2], "Related stories\nNew pipeline plan shelved after cost review\nValley rainfall at record low, survey finds",
        *BODY[2:],
        "12 Comments\nMark T says:\nMarch 12, 2024 at 9:14 am\nAbout time. I have been driving to the next town for water "
        "for two months and it adds an hour to every trip.\nReply",
        "More from The Valley Gazette", "© 2024 The Valley Gazette",
    ])
    c = clean_text(text)
    assert body_of(c) == BODY
    assert "New pipeline plan shelved after cost review" in [r.text for r in c.removed]


def test_article_goes_on_after_an_inserted_list_of_long_headlines() -> None:
    teasers = [
        "Council leader: budget gap to close within two years as towns agree to share their depots",
        "'We were never told' say families moved out of the flood plain homes built in the 1970s, inquiry hears",
        "Ferry operator fined after engine fire forced evacuation of passengers in the estuary",
    ]
    text = "\n\n".join([
        "The Valley Gazette", "Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts",
        *BODY[:2], "More from Valley", *teasers, *BODY[2:], "© 2024 The Valley Gazette",
    ])
    c = clean_text(text)
    assert body_of(c) == BODY
    assert set(teasers) <= {r.text for r in c.removed}


@pytest.mark.parametrize("heading", ["Most read on The Valley Gazette today:", "You might also be interested in these stories:"])
def test_a_second_list_of_other_stories_is_not_taken_for_the_articles_own_list(heading: str) -> None:
    others = ["Council votes to freeze water bills", "Two arrested after break-in at riverside store",
              "Storm brings down trees across the valley"]
    text = "\n\n".join(["The Valley Gazette", "Dam Levels Hit Record Low as Towns Face Water Cuts", "By Marta Olsen", *BODY[:2],
                        "Related stories", "Bridge opens early", "School closes for repairs", heading, *others, *BODY[2:],
                        "© 2024 The Valley Gazette"])
    kept = {b.text for b in clean_text(text).blocks}
    assert not kept & {heading, *others}


RU_BODY = [
    "Новый мост через реку открыли в городе в пятницу, сообщили в мэрии. Строительство заняло четыре года и обошлось "
    "бюджету в двенадцать миллиардов рублей.",
    "«Мост разгрузит центр города и сократит дорогу до аэропорта почти на полчаса», — сказал мэр Иван Соколов на "
    "церемонии открытия.",
    "По словам чиновников, движение по мосту будет открыто круглосуточно, а проезд для легковых машин останется бесплатным.",
    "Жители соседних районов говорят, что давно ждали открытия и надеются на меньшие пробки по утрам.",
]


def test_short_russian_page_in_cp1251_keeps_every_paragraph() -> None:
    from reader.ingest import ingest

    text = "\n\n".join([
        "Городские новости\nГлавная\nПолитика\nЭкономика\nПоддержите нас",
        "В городе открыли новый мост через реку", "Текст: Анна Петрова\n05.07.2024 14:32",
        *RU_BODY[:2], "Фото: Олег Смирнов / ТАСС", *RU_BODY[2:],
        "Читайте также\nПодпишитесь на нашу рассылку\n© 2024 Городские новости. Все права защищены",
    ])
    cleaned, original = ingest(text.encode("cp1251"), "most.txt")
    assert original.encoding == "cp1251"
    assert (cleaned.title, cleaned.author, cleaned.source) == ("В городе открыли новый мост через реку", "Анна Петрова", "Городские новости")
    # every paragraph, the quoted one too, is body: a photo's credit alone does not make it a caption
    assert body_of(cleaned) == RU_BODY
    assert not [b for b in cleaned.blocks if b.kind == CAPTION]


def test_labelled_caption_is_not_a_credit() -> None:
    line = "Image: Paula Brenner, left, has walked the dam wall with the mayor"
    assert not is_credit_line(line)
    c = clean_text(page([], [], body=BODY[:2] + [line] + BODY[2:]))
    assert [(b.text, b.credit) for b in c.blocks if b.kind == CAPTION] == [
        ("Paula Brenner, left, has walked the dam wall with the mayor", "")]
    assert body_of(c) == BODY


@pytest.mark.parametrize("line", ["He said the water would last until March.", "Reuters reported the cut first.", "Officials",
                                  "The Best Rain Shells for Bad Weather"])
def test_prose_is_not_a_credit(line: str) -> None:
    assert not is_credit_line(line)
    assert split_credit(line) == (line, "")


DATES = [
    ("Nov 18, 2019 at 9:24 pm ET", "2019-11-18T21:24"),
    ("Updated: 5 July 2024", "2024-07-05"),
    ("05.07.2024 14:32", "2024-07-05T14:32"),
    ("Updated 1:39 am EST, Wednesday, November 20, 2019", "2019-11-20T01:39"),
    ("2024-03-01T08:15", "2024-03-01T08:15"),
    ("5 июля 2024 г.", "2024-07-05"),
    ("5 de julho de 2024", "2024-07-05"),
    ("12 luglio 2023, 10:05", "2023-07-12T10:05"),
    ("June 12, 2024 at 8:40 pm", "2024-06-12T20:40"),
    ("25/11/2026 14h32 Atualizado há 2 horas", "2026-11-25T14:32"),  # day first where it cannot be a month
    ("11/05/2026", "2026-11-05"),  # (ambiguous: read month first, as US pages print it)
]


@pytest.mark.parametrize(("text", "iso"), DATES)
def test_date_forms(text: str, iso: str) -> None:
    found = parse_date(text)
    assert found is not None and found[0] == iso
    c = clean_text(page([], [], body=[text] + BODY))
    assert c.published == iso
    assert body_of(c) == BODY


BYLINES = [
    ("By Jane Doe", "Jane Doe"),
    ("by Jane Doe @janedoe", "Jane Doe"),
    ("By Marta Silva and Tom Ng", "Marta Silva and Tom Ng"),
    ("By HNN Staff | November 18, 2019 at 2:26 PM HST", "HNN Staff"),
    ("Автор: Иван Петров", "Иван Петров"),
    ("Por Ana Souza", "Ana Souza"),
    # a wire story's byline without "By"
    ("Dana Whitfield and Omar Castillo, Associated Press", "Dana Whitfield and Omar Castillo"),
    ("Lena Vogt, Ravi Menon and Ana Lima, Reuters", "Lena Vogt, Ravi Menon and Ana Lima"),
]


@pytest.mark.parametrize(("line", "author"), BYLINES)
def test_byline_forms(line: str, author: str) -> None:
    c = clean_text(page([], [], body=[line] + BODY))
    assert c.author == author
    assert body_of(c) == BODY


@pytest.mark.parametrize(("line", "minutes"), [("4 min read", 4), ("Reading time: 7 minutes", 7), ("Время чтения: 3 мин", 3)])
def test_reading_time(line: str, minutes: int) -> None:
    assert clean_text(page([line], [])).reading_time == minutes


def test_title_skips_banner_and_menu() -> None:
    c = clean_text(page(["Support The Valley Gazette!", "Home", "News", "Sport", "Weather"], []))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert c.source == "The Valley Gazette"


def test_title_case_headline_shaped_like_a_credit_is_still_the_title() -> None:
    # "Name for Name" is a credit's shape ("Jane Roe for The Times") and a headline's too
    title = "Water Rules for Valley Towns"
    assert is_credit_line(title)
    c = clean_text(page(["Home", "News", "Sport"], [], title=title))
    assert c.title == title
    assert title not in body_of(c)


def test_wire_service_under_the_headline_does_not_make_it_a_caption() -> None:
    c = clean_text(page(["Home", "News", "Sport"], [], body=["REUTERS", *BODY]))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert not [b for b in c.blocks if b.kind == CAPTION]
    assert body_of(c) == BODY


@pytest.mark.parametrize("shape", [
    ["* Prices include delivery to the valley towns"],  # a list bullet or footnote mark
    ["Read it at www.valley-gazette.example today"],  # a web address
    ["standard rates apply to every household meter"],  # a first word in lower case
    ["Author:", "Valley Gazette Staff"],  # the value of a label
    ["Here is what the new water rules mean for you:"],  # an introduction to what follows
    ["» Opening hours of the valley pools"],  # a link marker
    ["14 Marta Ruiz 212 3 0 1 7"],  # a row of a results table
    ["VLW VALLEY WATER CORP. 41.20 -1.35 -3.17%"],  # a price board
    ["Paula Brenner at the northern dam Submitted photo"],  # a photo's credit at the end
])
def test_shapes_no_headline_takes(shape: list[str]) -> None:
    from reader.ingest import plaintext as pt

    lines = pt._lines("\n".join(shape))
    assert pt._never_headline(lines, len(lines) - 1)
    # right above the body, where a headline would be, it is still not taken for one
    c = clean_text("\n\n".join(["Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts", *shape, *BODY]))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"


def test_headline_shapes_are_not_refused() -> None:
    from reader.ingest import plaintext as pt

    for title in ["iPhone Sales Slow in the Valley", "Dam Levels Hit Record Low", "«Мы просим экономить воду»",
                  "7 Key Questions Before the 2020 Water Vote", "Water Bills: What Changes in 2025", "Shares Fall 5.4% After Dam Report"]:
        assert not pt._never_headline(pt._lines(title), 0)


def test_sub_headings_are_kept_in_order() -> None:
    body = BODY[:2] + ["What happens next"] + BODY[2:]
    c = clean_text(page([], [], body=body))
    assert [(b.kind, b.text) for b in c.blocks] == [(PARAGRAPH, BODY[0]), (PARAGRAPH, BODY[1]), (HEADING, "What happens next"), (PARAGRAPH, BODY[2]), (PARAGRAPH, BODY[3])]


def test_whitespace_and_unicode_are_normalised_only() -> None:
    odd = BODY[0].replace(" ", "  ").replace("river", "rive\u0301r".replace("e\u0301", "e\u0301"))
    c = clean_text(page([], [], body=["\u00a0" + odd + "\t"] + BODY[1:]))
    assert body_of(c)[0] == normalise(odd)
    assert unicodedata.is_normalized("NFC", body_of(c)[0])


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Hello", "Menu\nHome\nSearch"])
def test_no_article_keeps_everything_with_a_notice(text: str) -> None:
    c = clean_text(text)
    assert c.notices == [NO_ARTICLE_NOTICE]
    kept = [c.title] + [b.text for b in c.blocks] if c.title else []
    assert kept == [line.strip() for line in text.split("\n") if line.strip()]


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_never_raises_and_never_invents_text(text: str) -> None:
    c = clean_text(text)
    source = _squash(text)
    for b in c.blocks:
        if b.kind in (PARAGRAPH, HEADING, ITEM):
            assert _squash(b.text) in source


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(BODY + ["Menu", "Share", "Photo: X / AP", "By Jane Doe", "", "Read more", "A short line",
                                        "1 Ana Lima 412 5", "Round 2: March 30 – Donington Park", "The towns on the list are:",
                                        "* Dates may still change.", "Related stories", "Novembro (113)",
                                        "Council Votes To Freeze Water BillsThe council voted on Tuesday to freeze bills."]),
                max_size=60))
def test_never_raises_on_page_like_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    c = clean_text(text)
    for b in c.blocks:
        if b.kind in (PARAGRAPH, HEADING, ITEM):
            assert _squash(b.text) in _squash(text)


LIST_PAGE = """Skip to content
Valley Gazette
News
Sport
Search for:

Dam Levels Hit Record Low as Towns Face Water Cuts

By Marta Olsen
November 19, 2019

{b0}

{b1}

The authority asked each household to do four things:
Water gardens only after dark
Fix dripping taps within a week
Run dishwashers only when full
Report leaks on the free line

{b2}

{b3}

Related stories
Valley Pools Close Early for the Season
Three Towns Share One Tanker Rota

12 Comments
Leave a comment
"""


def test_a_list_the_article_introduces_is_kept_as_items_and_the_article_goes_on() -> None:
    c = clean_text(LIST_PAGE.format(b0=BODY[0], b1=BODY[1], b2=BODY[2], b3=BODY[3]))
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert [(b.kind, b.text) for b in c.blocks] == [
        (PARAGRAPH, BODY[0]),
        (PARAGRAPH, BODY[1]),
        (PARAGRAPH, "The authority asked each household to do four things:"),
        (ITEM, "Water gardens only after dark"),
        (ITEM, "Fix dripping taps within a week"),
        (ITEM, "Run dishwashers only when full"),
        (ITEM, "Report leaks on the free line"),
        (PARAGRAPH, BODY[2]),
        (PARAGRAPH, BODY[3]),
    ]
    assert "Valley Pools Close Early for the Season" in {b.text for b in c.removed}


@pytest.mark.parametrize(("lines", "kinds"), [
    (["• Water gardens only after dark", "• Fix dripping taps"], [ITEM, ITEM]),  # bullets
    (["1. Water gardens only after dark", "2. Fix dripping taps"], [ITEM, ITEM]),  # numbers
    (["What happens next"], [HEADING]),  # a lone short line between paragraphs
])
def test_short_kept_lines_are_items_or_headings(lines: list[str], kinds: list[str]) -> None:
    body = [BODY[0], BODY[1], *lines, BODY[2], BODY[3]]
    c = clean_text(page(["Home", "News"], ["Share this article"], body=body))
    assert [(b.kind, b.text) for b in c.blocks if b.text in lines] == list(zip(kinds, lines))


def test_readers_comments_are_never_the_article() -> None:
    # comments in the article's own style, right after it: the line model alone keeps them
    said = [
        "The authority should have acted two summers ago, when the first warnings about the northern dam came in, and it would not be asking households to cut a third now.",
        "Farmers in the valley have been asking for a second reservoir for years, and nobody in the council listened until the levels fell this far.",
        "We already water the garden at night, but the restrictions will be hard on the families with small children who cannot simply stop washing.",
        "Brenner has done a decent job since 2019, but the review every two weeks sounds like a way to keep the cuts in place for the whole winter.",
    ]
    comments = []
    for n, name in enumerate(["riverwatcher says:", "old_miller says:", "Ana P. says:", "j.k. says:"]):
        comments += [name, f"November 19, 2019 at {n + 6}:34 am", said[n]]
    c = clean_text(page(["Home", "News"], comments))
    assert body_of(c) == BODY
    assert {b.text for b in c.removed} >= set(comments)
    assert pt_reason("4 responses to “Dam Levels Hit Record Low”") == "comments"


def pt_reason(line: str) -> str:
    from reader.ingest import plaintext as pt

    return pt._lines(line)[0].reason


RU_LIST_PAGE = """Городские вести
Новости
Поиск

В Заречном районе откроют три новые школы

25.11.2026 14:32
Автор: Ирина Соколова

{b0}

{b1}

Читайте также:
Мэрия объявила конкурс на проект новой набережной
Жители просят открыть ещё одну поликлинику

В программу также вошли:
спортивный комплекс с бассейном
два детских сада
новая остановка автобуса

{b2}

{b3}

Поделиться
Комментарии (2)
Андрей К. пишет:
25.11.2026 15:10
Давно пора, в старой школе классы по сорок человек.
Светлана пишет:
25.11.2026 16:02
Посмотрим, что будет на самом деле.
"""

RU_LIST_BODY = [
    "Власти города утвердили программу строительства трёх школ в Заречном районе, где за пять лет население выросло почти вдвое.",
    "«Сейчас дети из новых кварталов ездят учиться через весь город, и это больше не может продолжаться», — заявила заместитель мэра Марина Белова.",
    "Родители из района встретили новость с осторожным оптимизмом и попросили показать проекты школ до начала стройки.",
    "Общая стоимость программы оценивается в 6,2 млрд рублей, большую часть средств выделит региональный бюджет.",
]


def test_article_goes_on_after_related_stories_and_its_own_list() -> None:
    c = clean_text(RU_LIST_PAGE.format(b0=RU_LIST_BODY[0], b1=RU_LIST_BODY[1], b2=RU_LIST_BODY[2], b3=RU_LIST_BODY[3]))
    assert c.title == "В Заречном районе откроют три новые школы"
    assert (c.author, c.published) == ("Ирина Соколова", "2026-11-25T14:32")
    assert [(b.kind, b.text) for b in c.blocks] == [
        (PARAGRAPH, RU_LIST_BODY[0]),
        (PARAGRAPH, RU_LIST_BODY[1]),
        (PARAGRAPH, "В программу также вошли:"),
        (ITEM, "спортивный комплекс с бассейном"),
        (ITEM, "два детских сада"),
        (ITEM, "новая остановка автобуса"),
        (PARAGRAPH, RU_LIST_BODY[2]),
        (PARAGRAPH, RU_LIST_BODY[3]),
    ]
    reasons = {b.text: b.reason for b in c.removed}
    assert reasons["Читайте также:"] == "related" and reasons["Комментарии (2)"] == "comments"


@pytest.mark.parametrize(("line", "caption", "credit"), [
    ("Workers inspect the dam wall, June 14, 2026. REUTERS/Jonas Berg/File Photo Purchase Licensing Rights, opens new tab",
     "Workers inspect the dam wall, June 14, 2026.", "REUTERS/Jonas Berg/File Photo"),
    ("Workers inspect the dam wall on Tuesday. Lena Park / Valley Gazette Buy Photo",
     "Workers inspect the dam wall on Tuesday.", "Lena Park / Valley Gazette"),
])
def test_links_after_a_credit_are_not_part_of_the_caption(line: str, caption: str, credit: str) -> None:
    c = clean_text(page([], [], body=BODY[:1] + [line] + BODY[1:]))
    assert [(b.text, b.credit) for b in c.blocks if b.kind == CAPTION] == [(caption, credit)]
    assert body_of(c) == BODY


def test_bare_name_over_the_date_is_the_author_and_inserted_signup_is_cut() -> None:
    text = "\n\n".join([
        "Valley Gazette", "News", "Opinion",
        "Dam Levels Hit Record Low as Towns Face Water Cuts",
        "Marta Olsen", "Tue 19 Nov 2019 06.00 GMT",
        BODY[0], BODY[1],
        "Sign up to Morning Brief, our free daily newsletter – every weekday at 7am",
        "Privacy Notice: Newsletters may contain information about charities and online ads.",
        BODY[2], BODY[3],
    ])
    c = clean_text(text)
    assert (c.title, c.author, c.published[:10]) == ("Dam Levels Hit Record Low as Towns Face Water Cuts", "Marta Olsen", "2019-11-19")
    assert body_of(c) == BODY
    reasons = {b.text: b.reason for b in c.removed}
    assert reasons["Sign up to Morning Brief, our free daily newsletter – every weekday at 7am"] == "newsletter"
    assert reasons["Privacy Notice: Newsletters may contain information about charities and online ads."] == "privacy"


def test_summary_box_labelled_caption_and_role_byline() -> None:
    text = "\n\n".join([
        "Skip to content", "Home", "News", "Sport",
        "Dam Levels Hit Record Low as Towns Face Water Cuts",
        "2 hours ago", "Share", "Marta Olsen", "Environment correspondent",
        "Image source, Valley Press",
        "Image caption, The northern dam from the air last week",
        "Summary", "Water cuts for three towns from Friday", "Reservoir at its lowest since records began",
        *BODY,
        "Related topics", "Drought",
    ])
    c = clean_text(text)
    assert (c.title, c.author) == ("Dam Levels Hit Record Low as Towns Face Water Cuts", "Marta Olsen")
    assert [(b.text, b.credit) for b in c.blocks if b.kind == CAPTION] == [("The northern dam from the air last week", "Valley Press")]
    assert body_of(c) == BODY


@pytest.mark.parametrize("line", ["© 2026 Jornal do Vale. Todos os direitos reservados.", "© 2026 Gazzetta della Valle. Tutti i diritti riservati."])
def test_source_from_a_copyright_line_in_other_languages(line: str) -> None:
    c = clean_text(page(["Home", "News"], [line]))
    assert c.source == line.split(". ")[0].removeprefix("© 2026 ")


STANDFIRSTS = [
    # a summary the page prints again as the first paragraph
    "The river authority will cut supplies to three towns from Friday as the reservoir falls to its lowest level on record.",
    # a summary in reported speech
    "\u201cWe have no other choice this summer,\u201d the authority\u2019s director said in a statement on Wednesday.",
]


@pytest.mark.parametrize("standfirst", STANDFIRSTS)
def test_headline_over_its_standfirst(standfirst: str) -> None:
    text = "\n\n".join([
        "Skip to content", "Home", "News", "Facebook", "Twitter",
        "Dam Levels Hit Record Low as Towns Face Water Cuts",
        standfirst,
        "By Marta Olsen", "November 19, 2019 10:04 AM",
        standfirst,
        *BODY,
        "Related stories", "Drought",
    ])
    c = clean_text(text)
    assert c.title == "Dam Levels Hit Record Low as Towns Face Water Cuts"
    assert body_of(c)[-len(BODY):] == BODY


def test_title_features_of_a_standfirst() -> None:
    """The words of a standfirst's own copy in the body do not count as its overlap with the
    body, and reported speech ("... said") marks it: what a headline rarely has."""
    first, said = STANDFIRSTS
    for standfirst, flag in ((first, False), (said, True)):
        text = "\n\n".join(["Home", "Dam Levels Hit Record Low as Towns Face Water Cuts", standfirst,
                            "By Marta Olsen", standfirst, *BODY])
        page = prepare(_lines(text))
        keep, _, _ = decide(page)
        feats = dict(title_features(page, keep))
        names, reals = feats[2]  # the standfirst under the headline
        assert ("said" in names) is flag
        assert dict(reals)["ov"] < 1.0
        assert "said" not in feats[1][0]


@pytest.mark.parametrize("post", [
    ["Every drop counts this summer. Check your town's schedule before you water the garden.",
     "— Valley Water Board (@valleywater) July 3, 2024"],
    ["Cuts start Friday", "— Valley Water Board (@valleywater) July 3, 2024"],
    ["Sunset over the northern dam", "A post shared by Lena Park (@lenapark) on Jul 3, 2024 at 8:12pm PDT"],
])
def test_embedded_post_is_kept_and_the_article_goes_on_after_it(post: list[str]) -> None:
    text = "\n\n".join([
        "The Valley Gazette", "Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts",
        "By Marta Olsen", "July 3, 2024", *BODY[:2], *post, *BODY[2:], "Related stories", "© 2024 The Valley Gazette",
    ])
    c = clean_text(text)
    assert [(b.kind, b.text) for b in c.blocks] == [(PARAGRAPH, t) for t in BODY[:2] + post + BODY[2:]]


TOUR = [
    "June 9 – Tampa, FL @ Harbor Arena",
    "June 12 – Atlanta, GA @ Lakeside Amphitheatre",
    "June 14 – St. Louis, MO @ Riverfront Pavilion",
    "June 17 – Nashville, TN @ Music Row Hall",
    "June 20 – Raleigh, NC @ Oak Park",
    "June 23 – Dallas, TX @ Fair Park Stage",
]


def test_table_at_the_end_of_the_article_is_kept_as_a_list() -> None:
    text = "\n\n".join([
        "The Valley Gazette", "Home", "Dam Levels Hit Record Low as Towns Face Water Cuts", *BODY,
        "Public meetings", *TOUR, "Related stories", "Archives", *[f"Novembro ({n})" for n in range(110, 118)],
    ])
    c = clean_text(text)
    assert [(b.kind, b.text) for b in c.blocks] == (
        [(PARAGRAPH, t) for t in BODY] + [(HEADING, "Public meetings")] + [(ITEM, t) for t in TOUR])



ROUNDS = ["Round 1: March 9 – Brands Hatch", "Round 2: March 30 – Donington Park", "Round 3: April 20 – Thruxton",
          "Round 4: May 11 – Oulton Park", "Round 5: June 1 – Croft", "Round 6: June 22 – Snetterton",
          "Round 7: July 13 – Knockhill", "Round 8: August 3 – Silverstone"]
TRACK_MENU = ["Trackside Weekly", "Home", "News", "Results", "Calendar", "Drivers", "Forum"]
TRACK_FOOT = ["Share on WhatsApp", "Comments are moderated before they appear.", "» Column of the week",
              "Our columnist looks back at a season in which the title went down to the very last lap of the final race.",
              "» Podcast, episode 29",
              "The team talks about everything that happened on and off the track this week, from tyres to the new rules.",
              "About us", "Contact", "© 2025 Trackside Weekly"]


def test_a_table_right_under_the_headline_is_the_article() -> None:
    text = "\n\n".join([
        *TRACK_MENU, "Touring Car Calendar 2025", "Monday, 13 January 2025 at 09:15", "Share on WhatsApp", "Touring Cars",
        "Championship calendar", *ROUNDS, "* Dates may still change before the season starts.", *TRACK_FOOT,
    ])
    c = clean_text(text)
    assert c.title == "Touring Car Calendar 2025"
    assert [(b.kind, b.text) for b in c.blocks[:10]] == [(HEADING, "Championship calendar")] + [(ITEM, t) for t in ROUNDS] + [
        (PARAGRAPH, "* Dates may still change before the season starts.")]
    assert "Touring Cars" in {b.text for b in c.removed}


def test_a_table_right_above_the_kept_text_goes_with_its_header_and_introduction() -> None:
    standings = [f"{i} {name} {points} {wins}" for i, (name, points, wins) in enumerate(
        [("Ana Lima", 412, 5), ("Ben Ortiz", 398, 3), ("Carl Haas", 377, 4), ("Dee Moss", 350, 2), ("Eli Park", 341, 1),
         ("Fay Chu", 322, 0), ("Gus Roy", 301, 1)], 1)]
    intro = "Final standings of the 2024 Touring Car Championship after 30 races:"
    note = "* Only the top twelve drivers fight for the title in the final ten races of the season."
    after = "The calendar for next season will be published on this page as soon as the organisers confirm every round."
    text = "\n\n".join([
        *TRACK_MENU, "Touring Car Standings", "Friday, 22 October 2024 at 20:13", "Share on WhatsApp", intro,
        "Pos. Driver Points Wins", *standings, note, after, "Share on WhatsApp", "About us", "© 2024 Trackside Weekly",
    ])
    c = clean_text(text)
    assert c.title == "Touring Car Standings"
    assert [(b.kind, b.text) for b in c.blocks] == [(PARAGRAPH, intro)] + [
        (ITEM, t) for t in ["Pos. Driver Points Wins", *standings]] + [(PARAGRAPH, note), (PARAGRAPH, after)]
    # the same page when the model keeps only the line under the footnote: the table is attached to it
    from reader.ingest.plaintext import _table

    page_ = prepare(_lines(text))
    texts = [ln.text for ln in page_.lines]
    keep = [t == after for t in texts]
    _table(page_, keep)
    assert [t for t, k in zip(texts, keep) if k] == [intro, "Pos. Driver Points Wins", *standings, note, after]


def test_a_table_is_attached_to_the_fallback_body_when_the_model_sees_no_article() -> None:
    """Little prose, a table, lines packed without blank lines between them: the model keeps
    nothing, the densest prose stands in for the body, and the table goes with it."""
    rows = ["1 Ana Lima 412 5", "2 Ben Ortiz 398 3", "3 Carl Haas 377 4", "4 Dee Moss 350 2", "5 Eli Park 341 1",
            "6 Fay Chu 322 0", "7 Gus Roy 301 1", "8 Hal Diaz 288 0"]
    lead = "This page always holds the championship standings after the latest race, so come back after every round."
    intro = "Final standings of the 2026 Touring Car Championship after 30 races:"
    text = "\n".join([*TRACK_MENU, "", "Touring Car Standings", "", "Friday, 22 November 2026 at 20:13", "",
                     "Share on WhatsApp", "", lead, "", intro, "Pos. Driver Points Wins", *rows,
                     "* Only the top twelve drivers fight for the title in the final ten races of the season.", "",
                     "Share on WhatsApp", "Comments are moderated before they appear.", "About us", "© 2026 Trackside Weekly"])
    c = clean_text(text)
    assert (c.title, c.author) == ("Touring Car Standings", "")
    assert [(b.kind, b.text) for b in c.blocks[:11]] == [(PARAGRAPH, lead), (PARAGRAPH, intro)] + [
        (ITEM, t) for t in ["Pos. Driver Points Wins", *rows]]


def test_rows_away_from_the_article_are_not_attached_to_it() -> None:
    """A ticker of figures over the headline is not a table of the article's."""
    ticker = [f"IDX{i} {100 + i}.25 -{i}.10 -0.{i}%" for i in range(1, 7)]
    text = "\n\n".join(["The Valley Gazette", "Markets", *ticker, "Dam Levels Hit Record Low as Towns Face Water Cuts",
                          "By Marta Olsen", *BODY, "Related stories", "© 2024 The Valley Gazette"])
    c = clean_text(text)
    assert body_of(c) == BODY
    # a box of scores between the byline and the first paragraph has no line introducing it
    from reader.ingest.plaintext import _table

    scores = ["Arsenal 2 Chelsea 1", "Leeds 0 Everton 0", "Fulham 3 Burnley 2", "Wolves 1 Spurs 4", "Luton 2 Brentford 2",
              "Derby 1 Hull 0"]
    text = "\n\n".join(["The Valley Gazette", "Sport", "Dam Levels Hit Record Low as Towns Face Water Cuts", "By Marta Olsen",
                          "Latest scores", *scores, *BODY, "© 2024 The Valley Gazette"])
    page_ = prepare(_lines(text))
    texts = [ln.text for ln in page_.lines]
    keep = [t in BODY for t in texts]
    _table(page_, keep)
    assert [t for t, k in zip(texts, keep) if k] == BODY
    # nor is a row of the table a bare date line
    dates = [f"Updated {d} January 2025, 09:15" for d in range(12, 6, -1)]
    text = "\n\n".join(["The Valley Gazette", "Dam Levels Hit Record Low as Towns Face Water Cuts", *dates, *BODY])
    assert not set(dates) & {b.text for b in clean_text(text).blocks}


def test_a_list_of_teasers_glued_to_their_summaries_is_cut() -> None:
    """Copied text glues a teaser's headline to its summary ("...Water BillsThe council..."): three or
    more such lines in a row are a list of other stories, wherever the model reads prose in them."""
    from reader.ingest.plaintext import _glued_runs, _glued_teaser

    teasers = [
        "Council Votes To Freeze Water BillsThe council voted on Tuesday to freeze water bills for a year after a long debate.",
        "Two Arrested After Break-In At Riverside StoreA 31-year-old man and a 25-year-old woman were held after the raid.",
        "Storm Brings Down Trees Across The ValleyStrong winds overnight left hundreds of homes without power, officials said.",
        "New Bridge Opens Three Months Ahead Of PlanDrivers crossed the new bridge for the first time on Monday morning.",
    ]
    text = "\n\n".join(["The Valley Gazette", "Latest Headlines", *teasers, "Dam Levels Hit Record Low as Towns Face Water Cuts",
                        "By Marta Olsen", *BODY, "© 2024 The Valley Gazette"])
    page_ = prepare(_lines(text))
    texts = [ln.text for ln in page_.lines]
    keep = [t in teasers or t in BODY for t in texts]  # a model reading the teasers as prose
    _glued_runs(page_, keep)
    assert [t for t, k in zip(texts, keep) if k] == BODY
    # two glued lines are not a list
    two = prepare(_lines(text.replace(teasers[2], "Weather").replace(teasers[3], "Sports")))
    texts = [ln.text for ln in two.lines]
    keep = [t in teasers for t in texts]
    _glued_runs(two, keep)
    assert [t for t, k in zip(texts, keep) if k] == teasers[:2]
    c = clean_text(text)
    assert body_of(c) == BODY
    assert set(teasers) <= {b.text for b in c.removed}
    # a brand inside prose is not a glued headline, in any number of paragraphs in a row
    brands = ["Last year YouTube paid more to the people who make videos than in any year before it, the company said.",
              "On Monday PlayStation fans queued outside the shop in the rain for the new console, which sold out.",
              "In 2024 PayPal moved its payments for the store to a new system, which the owners said cut their costs."]
    assert not any(_glued_teaser(t) for t in brands)
    assert all(_glued_teaser(t) for t in teasers)


def test_a_headline_that_starts_like_a_back_link_stays_the_headline() -> None:
    c = clean_text(page(["Back to overview", "Home"], [], title="Back to the Drawing Board"))
    assert c.title == "Back to the Drawing Board"
    assert "Back to overview" in {b.text for b in c.removed}


def test_prose_above_the_articles_own_list_is_kept_when_the_body_starts_below_it() -> None:
    from reader.ingest.plaintext import MODELS, _bridge_back, body_logits

    items = ["North Ridge, Kent", "Lower Valley, Brookfield", "Ashford Mills, Ashford", "Eastgate, Dunmore"]
    text = "\n\n".join(["Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts", "By Marta Olsen", *BODY[:2],
                        "The towns on the list are:", *items, *BODY[2:], "Related stories", "© 2024 The Valley Gazette"])
    page = prepare(_lines(text))
    body_logits(page, None, MODELS["body"], MODELS.get("context"))
    texts = [ln.text for ln in page.lines]
    keep = [t in BODY[2:] for t in texts]  # the model's guess: the body starts below the list
    _bridge_back(page, keep)
    assert [t for t, k in zip(texts, keep) if k] == [BODY[1], "The towns on the list are:", *items, *BODY[2:]]



def test_calls_to_action_inside_the_article_are_cut_and_the_article_goes_on_after_them() -> None:
    text = "\n\n".join([
        "The Valley Gazette", "Home", "News", "Dam Levels Hit Record Low as Towns Face Water Cuts", "By Marta Olsen",
        BODY[0], "Continue Reading Below", BODY[1], "MAYOR SAYS TOWNS WILL SHARE THE COST OF NEW PIPES", BODY[2],
        "GET THE VALLEY GAZETTE APP BY CLICKING HERE", BODY[3], "Related stories", "© 2024 The Valley Gazette",
    ])
    c = clean_text(text)
    assert body_of(c) == BODY
    removed = {b.text for b in c.removed}
    assert {"MAYOR SAYS TOWNS WILL SHARE THE COST OF NEW PIPES", "GET THE VALLEY GAZETTE APP BY CLICKING HERE"} <= removed


@pytest.mark.parametrize("headline", ["Families Told to Leave Homes as River Rises", "Value-added Tax on Water Bills to Rise",
                                      "Mayor Said to Be Weighing Water Cuts"])
def test_headline_wordings_are_not_reported_speech(headline: str) -> None:
    page_ = prepare(_lines(page(["Home"], [], title=headline)))
    keep, ti, _ = decide(page_)
    feats = dict(title_features(page_, keep))
    i = next(i for i, ln in enumerate(page_.lines) if ln.text == headline)
    assert "said" not in feats[i][0]
    assert page_.lines[ti].text == headline
