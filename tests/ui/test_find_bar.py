"""Find in the conversation: counts, navigation, highlights, keys, and Esc."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from core.conversation.session import ChatMessage
from ui.chat_view import ChatView
from ui.find_bar import FindBar

pytestmark = pytest.mark.gui


#: The windows of the tests (their children die with them).
_WINDOWS: list[QWidget] = []


def make(qtbot: QtBot) -> tuple[ChatView, FindBar]:
    window = QWidget()
    _WINDOWS.append(window)
    qtbot.addWidget(window)
    view = ChatView(window)
    view.resize(500, 300)
    bar = FindBar(view, window)
    bar.move(0, 300)
    window.resize(500, 340)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    messages = [ChatMessage("user", "Where is the Lamp?")]
    messages += [ChatMessage("assistant", f"The lamp {i} is lit. " + "Words. " * 40)
                 for i in range(5)]
    messages.append(ChatMessage("user", "And the LAMP oil?"))
    view.show_messages(messages)
    return view, bar


def test_counts_and_navigates_case_insensitively(qtbot: QtBot) -> None:
    view, bar = make(qtbot)
    bar.open()
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "lamp")
    assert len(bar.matches) == 7
    assert bar.count.text() == "1 of 7"
    assert len(view.extraSelections()) == 7
    assert view.textCursor().selectedText().lower() == "lamp"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 7"
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert bar.count.text() == "3 of 7"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "1 of 7"
    bar.previous_button.click()  # wraps round
    assert bar.count.text() == "7 of 7"
    assert view.textCursor().selectedText() == "LAMP"
    bar.next_button.click()
    assert bar.count.text() == "1 of 7"


def test_no_match_and_a_document_that_grew(qtbot: QtBot) -> None:
    view, bar = make(qtbot)
    bar.open()
    qtbot.keyClicks(bar.field, "lighthouse")
    assert bar.count.text() == "No matches" and not bar.next_button.isEnabled()
    view.add_message(ChatMessage("user", "The lighthouse"), 7)
    bar.next()
    assert bar.count.text() == "1 of 1"


def test_escape_closes_and_returns_focus(qtbot: QtBot) -> None:
    view, bar = make(qtbot)
    bar.open()
    qtbot.keyClicks(bar.field, "lamp")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert view.extraSelections() == []
    assert view.hasFocus()


def test_open_takes_the_views_selection(qtbot: QtBot) -> None:
    view, bar = make(qtbot)
    cursor = view.document().find("oil")
    view.setTextCursor(cursor)
    bar.open()
    assert bar.field.text() == "oil" and bar.field.selectedText() == "oil"
    assert bar.count.text() == "1 of 1"
    view.setTextCursor(QTextCursor(view.document()))


def test_controls_are_named_and_explained(qtbot: QtBot) -> None:
    _, bar = make(qtbot)
    for button in (bar.previous_button, bar.next_button, bar.close_button):
        assert button.toolTip() and button.accessibleName()
    assert bar.field.toolTip() and bar.field.accessibleName()
