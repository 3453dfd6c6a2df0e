"""Every default shortcut of the action table, pressed where it works, reaches its handler;
and the everyday ones have the effect a reader expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.model import PARAGRAPH, Block, Cleaned
from reader.ui.actions import ACTIONS, LIST, PANE, READING, SEARCH, SIDEBAR, WINDOW
from reader.ui.main_window import MainWindow
from tests.ui.conftest import open_window
from tests.conftest import make_original

LONG = " ".join(["This is a sentence of a long article about harbour bridges and ferries."] * 12)


def fill(library, n=6):
    for i in range(n):
        blocks = [Block(PARAGRAPH, f"{LONG} Part {j}.") for j in range(8)]
        cleaned = Cleaned(title=f"Article number {i}", blocks=blocks, source="Example Gazette",
                          published=f"2024-01-{10 + i:02d}", url=f"https://example.org/{i}")
        library.add(cleaned, make_original(f"article {i}"))


def make_window(qtbot, library, settings):
    return open_window(qtbot, library, settings, (760, 560))


def target_widget(w, context):
    return {WINDOW: w.list, LIST: w.list, READING: w.list, PANE: w.pane, SEARCH: w.search_box, SIDEBAR: w.sidebar}[context]


@pytest.mark.parametrize("spec", [s for s in ACTIONS if s.keys], ids=lambda s: s.name)
def test_each_default_key_reaches_its_handler(qtbot, library, settings, monkeypatch, spec):
    fill(library, 3)
    calls = []
    if spec.handler != "close":
        monkeypatch.setattr(MainWindow, spec.handler, lambda self, *a: calls.append(a), raising=True)
    w = make_window(qtbot, library, settings)
    widget = target_widget(w, spec.context)
    if spec.context == SIDEBAR:
        w.sidebar.select_item("view", "All articles")
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)
    seq = QKeySequence(spec.keys[0])
    combo = seq[0]
    QTest.keyClick(widget, combo.key(), combo.keyboardModifiers())
    if spec.handler == "close":  # quitting: the window is gone
        assert not w.isVisible()
        return
    assert calls, f"{spec.keys[0]} in {spec.context} did not reach {spec.handler}"


@pytest.fixture
def window(qtbot, library, settings):
    fill(library)
    return make_window(qtbot, library, settings)


def press(qtbot, widget, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, mods)


def test_s_stars_and_m_marks_read(qtbot, window, library):
    first = window.current_article_id()
    press(qtbot, window.list, Qt.Key.Key_S)
    assert library.get(first).starred and window.sidebar.model_.item(0).child(2).text() == "Starred  (1)"
    press(qtbot, window.list, Qt.Key.Key_S)
    assert not library.get(first).starred
    press(qtbot, window.list, Qt.Key.Key_M)
    assert library.get(first).is_read and window.counts.text() == "6 articles · 5 unread"
    press(qtbot, window.list, Qt.Key.Key_M)
    assert not library.get(first).is_read


def test_opening_an_article_marks_it_read_after_the_delay(qtbot, window, library):
    window.reading.read_delay = 1
    press(qtbot, window.list, Qt.Key.Key_J)
    article = window.current_article_id()
    assert not library.get(article).is_read
    qtbot.waitUntil(lambda: library.get(article).is_read, timeout=3000)


def test_u_shows_unread_only(qtbot, window, library):
    library.set_read(library.article_ids()[:2])
    press(qtbot, window.list, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: window.model.rowCount() == 4)
    press(qtbot, window.list, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: window.model.rowCount() == 6)


def test_g_and_shift_g_go_to_first_and_last(qtbot, window):
    press(qtbot, window.list, Qt.Key.Key_G, Qt.KeyboardModifier.ShiftModifier)
    assert window.list.currentIndex().row() == 5
    press(qtbot, window.list, Qt.Key.Key_G)
    assert window.list.currentIndex().row() == 0


def test_space_pages_the_article_from_the_list_then_goes_to_the_next_unread(qtbot, window, library):
    library.set_read([library.article_ids()[1]])  # the next one is read: Space skips it
    window.model.invalidate()
    bar = window.pane.verticalScrollBar()
    assert bar.maximum() > 0
    press(qtbot, window.list, Qt.Key.Key_Space)
    assert bar.value() > 0 and window.list.currentIndex().row() == 0
    press(qtbot, window.list, Qt.Key.Key_Space, Qt.KeyboardModifier.ShiftModifier)
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    press(qtbot, window.list, Qt.Key.Key_Space)
    assert window.list.currentIndex().row() == 2


def test_c_copies_markdown_and_o_opens_the_web_page(qtbot, window, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    press(qtbot, window.list, Qt.Key.Key_C)
    text = QApplication.clipboard().text()
    assert text.startswith("---\ntitle: \"Article number 5\"") and "# Article number 5" in text
    press(qtbot, window.list, Qt.Key.Key_O)
    assert opened == ["https://example.org/5"]


def test_text_size_keys(qtbot, window, settings):
    size = window.reading.font_size
    press(qtbot, window.list, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window.list, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.font_size == size + 2
    assert f"font-size: {size + 2}pt" in window.pane.document().defaultStyleSheet()
    press(qtbot, window.list, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.font_size == size + 1
    press(qtbot, window.list, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reading.font_size == size
    assert int(settings.value("reading/font_size")) == size


def test_f11_full_screen(qtbot, window):
    press(qtbot, window.list, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    press(qtbot, window.list, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_letters_never_fire_while_typing(qtbot, window, library):
    first = window.current_article_id()
    press(qtbot, window.list, Qt.Key.Key_Slash)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search_box)
    qtbot.keyClicks(window.search_box, "smjgutq")
    assert window.search_box.text() == "smjgutq"
    assert not library.get(first).starred and not library.get(first).is_read


def test_help_overlay_lists_every_action(qtbot, window):
    press(qtbot, window.list, Qt.Key.Key_Question)
    overlay = window.help_overlay
    qtbot.waitUntil(overlay.isVisible)
    rows = overlay.rows()
    assert [r[0] for r in rows] == [s.help for s in ACTIONS]
    assert ("Star or unstar the selected articles", "S", "List or reading pane") in rows
    overlay.close()
    press(qtbot, window, Qt.Key.Key_F1)
    qtbot.waitUntil(window.help_overlay.isVisible)


def test_a_rebound_key_works_and_survives_a_restart(qtbot, library, settings):
    fill(library, 2)
    w = make_window(qtbot, library, settings)
    from reader.ui.help import ShortcutsDialog

    dialog = ShortcutsDialog(w)
    star = next(s for s in ACTIONS if s.name == "star")
    assert not dialog.set_keys(star, ("J",))  # taken by "next article"
    assert "Not changed" in dialog.message.text()
    assert dialog.set_keys(star, ("X",))
    first = w.current_article_id()
    press(qtbot, w.list, Qt.Key.Key_X)
    assert library.get(first).starred
    w.close()
    settings.sync()
    again = make_window(qtbot, library, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.actions_by_name["star"].shortcuts()[0].toString() == "X"
    press(qtbot, again.list, Qt.Key.Key_X)
    assert not library.get(first).starred


@pytest.mark.parametrize("theme, colour", [("light", "#fdfdfb"), ("sepia", "#f6efdf"), ("dark", "#1c1e21")])
def test_each_theme_renders(qtbot, window, theme, colour, tmp_path):
    window._set_reading(type(window.reading)(theme=theme))
    qtbot.wait(20)
    image = window.pane.viewport().grab().toImage()
    pixel = image.pixelColor(image.width() // 2, image.height() - 5)
    assert pixel.name() == colour
    assert f"background-color: {colour}" in window.pane.document().defaultStyleSheet()


def test_reading_position_and_session_are_restored(qtbot, library, settings):
    fill(library, 3)
    w = make_window(qtbot, library, settings)
    press(qtbot, w.list, Qt.Key.Key_J)
    article = w.current_article_id()
    bar = w.pane.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    w.search_box.setText("harbour")
    w.search.run()
    w.select_article(article)
    qtbot.waitUntil(lambda: not w._article_timer.isActive())
    bar.setValue(bar.maximum() // 2)
    w.close()
    settings.sync()
    again = make_window(qtbot, library, QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.search_box.text() == "harbour"
    assert again.current_article_id() == article
    qtbot.waitUntil(lambda: abs(again.pane.verticalScrollBar().value() - again.pane.verticalScrollBar().maximum() // 2) <= 2)


def test_focus_is_visible_and_tab_follows_the_layout(qtbot, window):
    assert window.list.lineWidth() == 2 and window.pane.lineWidth() == 1
    order = []
    widget = window.sidebar
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.sidebar)
    for _ in range(4):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == [window.sidebar, window.search_box, window.list, window.pane]
    assert window.pane.lineWidth() == 1 and window.sidebar.lineWidth() == 1
    for w in (window.sidebar, window.search_box, window.list, window.pane, window.article_view.quotes):
        assert w.accessibleName()


def test_clashing_user_shortcuts_fall_back_to_the_defaults_with_a_message(qtbot, library, settings):
    settings.setValue("shortcuts/star", "J")  # J is "next article" in the same place
    w = MainWindow(library, settings, rederive_stale=False)
    qtbot.addWidget(w)
    w.show()
    assert w.actions_by_name["star"].shortcuts()[0].toString() == "S"
    qtbot.waitUntil(lambda: w.findChild(QMessageBox, "errorMessage") is not None)
    box = w.findChild(QMessageBox, "errorMessage")
    assert "shortcuts clash" in box.text()
    box.close()
