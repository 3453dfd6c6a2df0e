"""Quotes, original and removed views, and corrections, driven in the window as a user would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.operations import add_samples_once, reclean
from tests.ui.conftest import open_window

GLACIER = "Glacier Sensors Record Fastest Spring Melt in Two Decades"


@pytest.fixture
def window(qtbot, library, settings):
    add_samples_once(library)
    w = open_window(qtbot, library, settings, (780, 560))
    glacier = next(i for i in library.article_ids() if library.get(i).title == GLACIER)
    assert w.select_article(glacier)
    return w


def _format_at(pane, text):
    cursor = pane.document().find(text)
    assert not cursor.isNull(), text
    probe = QTextCursor(pane.document())
    probe.setPosition(cursor.selectionStart() + 2)
    return probe.charFormat()


def test_quotes_are_highlighted_with_their_speakers(qtbot, window):
    quotes = window.article_view.quotes
    items = [quotes.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(quotes.count())]
    speakers = [t.split(": ", 1)[0] for t in items]
    assert speakers.count("Hanne Lysgaard") == 4  # two quotes, then two after "she added"
    assert "Erik Strand" in speakers
    fmt = _format_at(window.pane, "We expected a warm spring")
    assert fmt.background().style() != Qt.BrushStyle.NoBrush  # highlighted
    assert fmt.toolTip() == "Said by Hanne Lysgaard"  # shown on hover
    plain = _format_at(window.pane, "The network of 40 instruments")
    assert plain.background().style() == Qt.BrushStyle.NoBrush


def test_h_switches_highlighting_off_and_on(qtbot, window):
    qtbot.keyClick(window.list, Qt.Key.Key_H)
    assert _format_at(window.pane, "We expected a warm spring").background().style() == Qt.BrushStyle.NoBrush
    assert _format_at(window.pane, "We expected a warm spring").toolTip() == "Said by Hanne Lysgaard"
    qtbot.keyClick(window.list, Qt.Key.Key_H)
    assert _format_at(window.pane, "We expected a warm spring").background().style() != Qt.BrushStyle.NoBrush


def test_clicking_a_quote_in_the_list_scrolls_to_it(qtbot, window):
    quotes = window.article_view.quotes
    last = quotes.count() - 1
    window.pane.verticalScrollBar().setValue(0)
    rect = quotes.visualItemRect(quotes.item(last))
    qtbot.mouseClick(quotes.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pane.textCursor().selectedText().startswith("\u201cThe rivers will carry") or window.pane.textCursor().selectedText().startswith('"The rivers will carry')
    assert window.pane.verticalScrollBar().value() > 0


def test_original_and_removed_views(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert "Support The Northern Ledger!" in window.pane.plain_text()  # the original keeps everything
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert "Support The Northern Ledger!" not in window.pane.plain_text()
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = window.pane.plain_text()
    assert "Support The Northern Ledger!" in text and "Restore" in text


def test_restoring_a_cut_block_survives_recleaning(qtbot, window, library):
    article = window.article_view.article
    index = next(i for i, b in enumerate(article.removed) if b.text == "Support The Northern Ledger!")
    window.show_removed()
    window.pane.anchorClicked.emit(QUrl(f"reader-restore:{index}"))
    restored = library.get(article.id)
    assert "Support The Northern Ledger!" in [b.text for b in restored.blocks]
    reclean(library, [article.id])
    assert "Support The Northern Ledger!" in [b.text for b in library.get(article.id).blocks]


def test_marking_a_paragraph_as_noise_survives_recleaning(qtbot, window, library):
    article_id = window.current_article_id()
    target = "The network of 40 instruments"
    window.focus_pane()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.pane)
    cursor = window.pane.document().find(target)
    window.pane.setTextCursor(cursor)
    qtbot.keyClick(window.pane, Qt.Key.Key_Delete)
    after = library.get(article_id)
    assert not any(b.text.startswith(target) for b in after.blocks)
    assert any(b.text.startswith(target) and b.reason == "marked as noise by you" for b in after.removed)
    assert target not in window.pane.plain_text()
    reclean(library, [article_id])
    assert not any(b.text.startswith(target) for b in library.get(article_id).blocks)


def test_who_said_what_lists_speakers_and_opens_the_quote(qtbot, window, library):
    window.select_row(0 if window.current_article_id() != library.article_ids()[0] else 1)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.quotes_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.filter, "Lysgaard")
    qtbot.waitUntil(lambda: dialog.tree.topLevelItemCount() == 1 and dialog.tree.topLevelItem(0).text(0) == "Hanne Lysgaard")
    speaker = dialog.tree.topLevelItem(0)
    assert speaker.text(1) == "4"
    speaker.setExpanded(True)
    assert speaker.childCount() == 4
    dialog.tree.setCurrentItem(speaker.child(3))
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
    assert window.article_view.article.title == GLACIER
    assert window.pane.textCursor().selectedText() != ""


def test_tooltip_event_shows_the_speaker(qtbot, window):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    cursor = window.pane.document().find("Some stakes that we drilled")
    rect = window.pane.cursorRect(cursor)
    pos = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, window.pane.viewport().mapToGlobal(pos))
    QApplication.sendEvent(window.pane.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == "Said by Hanne Lysgaard"
    QToolTip.hideText()
