"""The main window driven as a user would: keys, imports, state that persists."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reader.operations import add_samples_once
from reader.ui.actions import ACTIONS, LIST, WINDOW, ActionSpec, ShortcutConflict, check_conflicts
from reader.ui.main_window import MainWindow
from tests.ui.conftest import open_window
from reader.ui.models import ArticleListModel
from tests.conftest import SAMPLE_TEXT, make_cleaned, make_original


@pytest.fixture
def window(qtbot, library, settings):
    add_samples_once(library)
    return open_window(qtbot, library, settings)


def pane_title(w):
    return w.pane.plain_text().splitlines()[0]


def test_model_passes_qtmodeltester(qtmodeltester, library):
    for i in range(300):
        library.add(make_cleaned(f"Article {i}"), make_original(f"article {i}"), tags=["x"] if i % 2 else [])
    model = ArticleListModel(library)
    qtmodeltester.check(model)


def test_j_k_and_down_move_and_the_pane_follows(qtbot, window, library):
    ids = library.article_ids()
    assert pane_title(window) == library.get(ids[0]).title
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    assert window.list.currentIndex().row() == 1
    assert pane_title(window) == library.get(ids[1]).title
    qtbot.keyClick(window.list, Qt.Key.Key_J)
    qtbot.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 1
    qtbot.keyClick(window.list, Qt.Key.Key_Down)
    assert window.list.currentIndex().row() == 2
    assert pane_title(window) == library.get(ids[2]).title
    qtbot.keyClick(window.list, Qt.Key.Key_Up)
    qtbot.keyClick(window.list, Qt.Key.Key_K)
    assert window.list.currentIndex().row() == 0
    qtbot.keyClick(window.list, Qt.Key.Key_K)  # stays on the first
    assert window.list.currentIndex().row() == 0


def test_enter_goes_to_the_pane_and_escape_comes_back(qtbot, window):
    qtbot.keyClick(window.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pane)
    qtbot.keyClick(window.pane, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list)
    qtbot.keyClick(window.list, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pane)


def test_sample_articles_render_with_caption_and_credit(window, library):
    art = library.get(library.article_ids()[0])
    html = window.pane.toHtml()
    captions = [b for b in art.blocks if b.kind == "caption"]
    assert art.tags == ["sample"]
    text = " ".join(window.pane.plain_text().split())
    assert art.title in text
    for b in art.blocks:
        if b.kind == "paragraph":
            assert " ".join(b.text.split()) in text
    if captions:
        assert captions[0].credit in text and "italic" in html


def test_status_bar_counts(window, library):
    assert window.counts.text() == f"{library.count()} articles · {library.count()} unread"


def test_import_runs_in_a_worker_and_shows_the_new_article(qtbot, window, library, tmp_path):
    f = tmp_path / "bridge.txt"
    f.write_text(SAMPLE_TEXT, encoding="utf-8")
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    before = library.count()
    window.import_paths([str(f), str(bad)], show_first=True)
    qtbot.waitUntil(lambda: window.last_report is not None, timeout=10000)
    assert library.count() == before + 1
    assert pane_title(window) == "Harbour Bridge Reopens After Two Years of Repairs"
    assert window.last_report.failed == [(str(bad), "file is empty")]
    assert window.counts.text().startswith(f"{before + 1} articles")
    report = window.report_dialog
    assert report.isVisible() and report.summary.text() == "1 imported, 0 duplicates skipped, 1 failed."
    assert [report.problems.item(i).text() for i in range(report.problems.count())] == [f"{bad}: file is empty"]
    report.show_button.click()  # "Show" filters the list to what was just imported
    assert window.model.rowCount() == 1 and pane_title(window) == "Harbour Bridge Reopens After Two Years of Repairs"


def test_geometry_and_splitter_persist(qtbot, library, settings):
    w = MainWindow(library, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.resize(700, 500)  # within the offscreen screen (800 x 600)
    w.splitter.setSizes([250, 450])
    sizes = w.splitter.sizes()
    w.close()
    again = MainWindow(library, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert (again.size().width(), again.size().height()) == (700, 500)
    assert again.splitter.sizes() == sizes


def test_scrolling_to_the_end_never_loads_every_row(qtbot, library, settings):
    for i in range(3000):
        library.add(make_cleaned(f"Article {i}", n=1), make_original(f"a{i}"))
    w = MainWindow(library, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.list.scrollToBottom()
    qtbot.keyClick(w.list, Qt.Key.Key_End)
    qtbot.wait(50)
    assert w.list.currentIndex().row() == 2999
    assert w.model.cached_rows() <= 4 * ArticleListModel.PAGE


def test_the_same_key_twice_in_one_context_is_an_error():
    check_conflicts(ACTIONS)  # the shipped table is clean
    clash = ACTIONS + (ActionSpec("other", "Other", LIST, ("J",), "", "", "close"),)
    with pytest.raises(ShortcutConflict, match="'J'"):
        check_conflicts(clash)
    window_clash = ACTIONS + (ActionSpec("other", "Other", WINDOW, ("K",), "", "", "close"),)
    with pytest.raises(ShortcutConflict):
        check_conflicts(window_clash)


def test_menus_are_made_from_the_action_table(window):
    for spec in ACTIONS:
        action = window.actions_by_name[spec.name]
        if spec.keys:
            assert [s.toString() for s in action.shortcuts()][0] == spec.keys[0]
    menu_titles = [a.text() for a in window.menuBar().actions()]
    assert menu_titles == ["&File", "&Edit", "&View", "&Go", "&Article", "&Search", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.objectName() for a in file_menu.actions()] == [s.name for s in ACTIONS if s.menu == "&File"]


def test_articles_from_an_older_version_are_rederived_after_start(qtbot, library, settings):
    from reader import ingest, quotes
    from reader.operations import import_bytes

    article = import_bytes(library, SAMPLE_TEXT.encode("utf-8"), "bridge.txt").imported[0]
    with library.atomic():  # as an older Reader left it: no quotes, older versions
        library.conn.execute("UPDATE articles SET quotes_version = 0, cleaner_version = 0")
        library.conn.execute("DELETE FROM quotes")
    w = open_window(qtbot, library, settings, rederive_stale=True)
    qtbot.waitUntil(lambda: not library.stale_ids(ingest.CLEANER_VERSION, quotes.QUOTES_VERSION), timeout=15000)
    assert [q.speaker for q in library.get(article).quotes] == ["Lea Torres"]
    qtbot.waitUntil(lambda: w._background is None)
    assert [q.speaker for q in w.article_view.article.quotes] == ["Lea Torres"]
