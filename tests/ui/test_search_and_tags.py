"""Searching and tagging from the keyboard in the window, on a library built in the test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from reader.model import PARAGRAPH, Block, Cleaned
from tests.ui.conftest import open_window
from reader.ui.models import ArticleListModel
from tests.conftest import make_original

ARTICLES = [
    ("Harbour Bridge Reopens", "The harbour bridge reopened. Traffic on the bridge was light.", ["city", "city/harbour"]),
    ("Café Owners Protest Rents", "Owners of the old café district protested rising rents.", ["city"]),
    ("Glacier Melt Speeds Up", "Sensors on the glacier recorded the fastest melt.", ["science"]),
    ("Budget Vote Delayed", "The council delayed the budget vote on the bridge repairs.", ["politics"]),
]


@pytest.fixture
def window(qtbot, library, settings):
    for i, (title, body, tags) in enumerate(ARTICLES):
        cleaned = Cleaned(title=title, blocks=[Block(PARAGRAPH, body)], source="Example Gazette", published=f"2024-0{i + 1}-01")
        library.add(cleaned, make_original(title + body), tags=tags)
    return open_window(qtbot, library, settings, (780, 560))


def titles(w):
    return [w.model.index(r, 0).data().lstrip("★ ") for r in range(w.model.rowCount())]


def search(qtbot, w, text):
    qtbot.keyClick(w.list, Qt.Key.Key_Slash)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.search_box)
    w.search_box.selectAll()
    qtbot.keyClicks(w.search_box, text)
    qtbot.waitUntil(lambda: w.model.query == w.search.query and not w.search.busy() and not w._article_timer.isActive(), timeout=3000)


def test_typing_filters_the_list_with_highlighted_snippets(qtbot, window):
    search(qtbot, window, "bridge")
    assert sorted(titles(window)) == ["Budget Vote Delayed", "Harbour Bridge Reopens"]
    assert titles(window)[0] == "Harbour Bridge Reopens"  # a title hit ranks first
    snippet = window.model.index(1, 0).data(ArticleListModel.SnippetRole)
    assert "\x02bridge\x03" in snippet
    assert window.result_label.text() == "2 matching articles"
    search(qtbot, window, "cafe")  # accents do not matter
    assert titles(window) == ["Café Owners Protest Rents"]
    search(qtbot, window, "bridge -council")
    assert titles(window) == ["Harbour Bridge Reopens"]
    search(qtbot, window, '"unbalanced (( OR -')
    assert window.model.rowCount() == 0 and window.result_label.text() == "0 matching articles"


def test_escape_clears_the_search_and_returns_to_the_list(qtbot, window):
    search(qtbot, window, "glacier")
    assert window.model.rowCount() == 1
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list)
    assert window.search_box.text() == "" and window.model.rowCount() == 4


def test_f3_and_n_move_between_matches_in_the_pane(qtbot, window):
    search(qtbot, window, "bridge")
    assert window.article_view.article.title == "Harbour Bridge Reopens"
    assert window.pane.match_count() == 3  # the title and two in the body
    qtbot.keyClick(window, Qt.Key.Key_F3)
    first = window.pane.textCursor().selectionStart()
    assert window.pane.textCursor().selectedText().lower() == "bridge"
    qtbot.keyClick(window, Qt.Key.Key_F3)
    second = window.pane.textCursor().selectionStart()
    assert second > first
    qtbot.keyClick(window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.pane.textCursor().selectionStart() == first
    window.focus_pane()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pane)
    qtbot.keyClick(window.pane, Qt.Key.Key_N)
    assert window.pane.textCursor().selectionStart() == second


def test_t_tags_two_selected_articles_at_once(qtbot, window, library):
    window.select_row(0)
    window.list.selectionModel().select(window.model.index(1, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    ids = window.selected_article_ids()
    assert len(ids) == 2
    qtbot.keyClick(window.list, Qt.Key.Key_T)
    editor = window.tag_editor
    qtbot.waitUntil(editor.isVisible)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.input)
    qtbot.keyClicks(editor.input, "Must Read")
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert all("Must Read" in library.get(i).tags for i in ids)
    # Remove it again from the list with Delete.
    row = next(r for r in range(editor.current.count()) if editor.current.item(r).text() == "Must Read")
    editor.current.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.current)
    editor.current.setCurrentRow(row)
    qtbot.keyClick(editor.current, Qt.Key.Key_Delete)
    assert all("Must Read" not in library.get(i).tags for i in ids)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # closes the editor
    qtbot.waitUntil(lambda: not editor.isVisible())
    window.activateWindow()
    window.list.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.list)
    qtbot.keyClick(window.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the removal
    assert all("Must Read" in library.get(i).tags for i in ids)


def test_clicking_a_tag_filters_and_several_tags_intersect(qtbot, window):
    assert window.sidebar.select_item("tag", "city")
    qtbot.waitUntil(lambda: window.model.query == 'tag:"city"')
    assert sorted(titles(window)) == ["Café Owners Protest Rents", "Harbour Bridge Reopens"]
    index = window.sidebar.model_.match(window.sidebar.model_.index(0, 0), Qt.ItemDataRole.UserRole + 3, "city/harbour", 1, Qt.MatchFlag.MatchRecursive)[0]
    window.sidebar.selectionModel().select(index, QItemSelectionModel.SelectionFlag.Select)
    qtbot.waitUntil(lambda: titles(window) == ["Harbour Bridge Reopens"])
    assert window.sidebar.select_item("view", "All articles")
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    # With the keyboard: Ctrl+1 to the sidebar, arrows, Enter.
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar)
    window.sidebar.select_item("tag", "science")
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: titles(window) == ["Glacier Melt Speeds Up"])


def test_rename_onto_an_existing_tag_merges_and_undo_restores(qtbot, window, library, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    before = {i: library.get(i).tags for i in library.article_ids()}
    assert window.rename_tag("politics", "City")
    assert "1 article will carry" in asked[0]
    after = dict(library.tags())
    assert "politics" not in after and after["city"] == 3
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {i: library.get(i).tags for i in library.article_ids()} == before
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "politics" not in dict(library.tags())


def test_delete_tag_from_the_sidebar_and_undo(qtbot, window, library):
    window.sidebar.setFocus()
    assert window.sidebar.select_item("tag", "science")
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Delete)
    assert "science" not in dict(library.tags())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dict(library.tags())["science"] == 1


def test_saved_search_appears_with_a_live_count_and_can_be_renamed_and_deleted(qtbot, window, library, monkeypatch):
    search(qtbot, window, "bridge")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Bridges", True))
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert library.saved_searches()[0][1:] == ("Bridges", "bridge")

    def saved_text():
        found = window.sidebar.model_.match(window.sidebar.model_.index(0, 0), Qt.ItemDataRole.UserRole + 3, "Bridges", 1, Qt.MatchFlag.MatchRecursive)
        return found[0].data() if found else ""

    qtbot.waitUntil(lambda: saved_text() == "Bridges  (2)")
    window.sidebar.setFocus()
    window.sidebar.select_item("saved", "Bridges")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Crossings", True))
    qtbot.keyClick(window.sidebar, Qt.Key.Key_F2)
    assert library.saved_searches()[0][1] == "Crossings"
    window.sidebar.select_item("saved", "Crossings")
    qtbot.keyClick(window.sidebar, Qt.Key.Key_Delete)
    assert library.saved_searches() == []


def test_newer_query_wins_over_a_stale_full_list(qtbot, window):
    window.search_box.setText("bridge")
    window.search.run()
    stale = window.search._token
    window.search_box.setText("glacier")
    window.search.run()
    window.search._full_results(stale, [1, 2, 3, 4])  # a late answer to the old query
    assert titles(window) == ["Glacier Melt Speeds Up"]


def test_shift_down_selects_several_articles_for_bulk_tagging(qtbot, window):
    window.select_row(0)
    qtbot.keyClick(window.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(window.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(window.selected_article_ids()) == 3
