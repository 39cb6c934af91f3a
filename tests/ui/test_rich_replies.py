"""Rich replies in the real chat view: code blocks (label, highlighting, Copy, wrapping
inside the block), tables, quotes and lists, links that ask first, message actions and
the chat zoom."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from core.conversation.session import ChatMessage
from ui.chat_view import ZOOM_MAX, ZOOM_MIN, ChatView
from ui.rich import code_blocks
from ui.rich.fences import split

pytestmark = pytest.mark.gui

CODE = 'def greet(name):\n    """Say hello."""\n\n    return f"Hello, {name}!"  # done'
LONG = "x = '" + "a" * 600 + "'"
REPLY = (f"Here you are:\n\n```python\n{CODE}\n```\n\nAnd a long one:\n\n```\n{LONG}\n```\n\n"
         "| name | size |\n|---|---|\n| keeper | 3 |\n\n> a quote\n\n- one\n- two\n")


def make_view(qtbot: QtBot, palette: QPalette | None = None) -> ChatView:
    view = ChatView()
    if palette is not None:
        view.setPalette(palette)
    view.resize(600, 500)
    qtbot.addWidget(view)
    view.show()
    return view


def show_reply(view: ChatView, text: str = REPLY) -> None:
    view.show_messages([ChatMessage("user", "Show me code"), ChatMessage("assistant", text)])
    view.settle()


def dark() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202020"),
                         (QPalette.ColorRole.WindowText, "#e0e0e0"),
                         (QPalette.ColorRole.Base, "#1b1b1b"),
                         (QPalette.ColorRole.Text, "#e0e0e0")):
        palette.setColor(role, QColor(colour))
    return palette


def light() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#f0f0f0"),
                         (QPalette.ColorRole.WindowText, "#000000"),
                         (QPalette.ColorRole.Base, "#ffffff"),
                         (QPalette.ColorRole.Text, "#000000")):
        palette.setColor(role, QColor(colour))
    return palette


def code_colours(view: ChatView) -> set[str]:
    """The foreground colours of the first code block's text."""
    table = code_blocks.code_tables(view.document())[0]
    cell = table.cellAt(1, 0)
    colours = set()
    cursor = QTextCursor(view.document())
    for position in range(cell.firstPosition(), cell.lastPosition()):
        cursor.setPosition(position + 1)
        fmt = cursor.charFormat()
        if fmt.hasProperty(fmt.Property.ForegroundBrush):
            colours.add(fmt.foreground().color().name())
    return colours


# --- fences ------------------------------------------------------------------------------

def test_fences_split_prose_and_exact_code() -> None:
    parts = split(f"Intro\n\n```python\n{CODE}\n```\nOutro\n\n~~~~\n```\nnot a fence\n~~~~\n")
    assert [(p.kind, p.language) for p in parts] == [
        ("prose", ""), ("code", "python"), ("prose", ""), ("code", "")]
    assert parts[1].text == CODE
    assert parts[3].text == "```\nnot a fence"


def test_an_unclosed_fence_runs_to_the_end() -> None:
    parts = split("Streaming:\n\n```js\nlet a = 1;\nlet b")
    assert parts[-1].kind == "code" and not parts[-1].closed
    assert parts[-1].text == "let a = 1;\nlet b"


# --- code blocks -------------------------------------------------------------------------

def test_copy_on_a_code_block_copies_exactly_its_code(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view)
    assert 'href="prosa:copy-code/1/0"' in view.toHtml()
    QGuiApplication.clipboard().clear()
    view.anchorClicked.emit(QUrl("prosa:copy-code/1/0"))
    assert QGuiApplication.clipboard().text() == CODE
    view.anchorClicked.emit(QUrl("prosa:copy-code/1/1"))
    assert QGuiApplication.clipboard().text() == LONG
    # The code shown is the code, no fence and no markup.
    text = view.plain_text()
    assert "```" not in text and CODE.splitlines()[0] in text


def test_code_is_highlighted_under_a_language_label(qtbot: QtBot) -> None:
    view = make_view(qtbot, light())
    show_reply(view)
    tables = code_blocks.code_tables(view.document())
    assert len(tables) == 2
    assert tables[0].cellAt(0, 0).firstCursorPosition().block().text() == "python"
    assert tables[0].cellAt(0, 1).firstCursorPosition().block().text() == "Copy"
    assert tables[1].cellAt(0, 0).firstCursorPosition().block().text() == "code"
    assert len(code_colours(view)) >= 3  # keywords, strings, comments...


def test_a_long_code_line_stays_inside_the_view(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view)
    qtbot.wait(10)
    assert view.horizontalScrollBar().maximum() == 0
    assert view.document().size().width() <= view.viewport().width()


def test_a_reply_stopped_inside_a_fence_renders_as_code(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view, "Look:\n\n```python\nprint('half")
    assert len(code_blocks.code_tables(view.document())) == 1
    assert view.plain_text().rstrip().endswith("print('half")


def test_a_palette_change_redraws_code_in_the_dark_style(qtbot: QtBot) -> None:
    view = make_view(qtbot, light())
    show_reply(view)
    before = code_colours(view)
    table = code_blocks.code_tables(view.document())[0]
    light_background = table.format().background().color().lightness()
    view.setPalette(dark())
    after = code_colours(view)
    assert after and after != before
    assert code_blocks.style_name(view.palette()) == code_blocks.DARK_STYLE
    table = code_blocks.code_tables(view.document())[0]
    assert table.format().background().color().lightness() < 100 < light_background
    # Text unchanged, and Copy still gives the code.
    view.anchorClicked.emit(QUrl("prosa:copy-code/1/0"))
    assert QGuiApplication.clipboard().text() == CODE


def test_tables_quotes_and_lists_are_styled(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view)
    html = view.toHtml()
    tables = [f for f in view.document().rootFrame().childFrames()
              if f not in code_blocks.code_tables(view.document())]
    assert len(tables) == 1 and tables[0].format().border() == 1  # type: ignore[attr-defined]
    assert "<li" in html and "keeper" in html
    block = view.document().begin()
    quoted = []
    while block.isValid():
        if block.blockFormat().hasProperty(block.blockFormat().Property.BlockQuoteLevel):
            quoted.append(block)
        block = block.next()
    assert quoted and all(b.blockFormat().background().style() != 0 for b in quoted)


# --- links -------------------------------------------------------------------------------

@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    seen: dict[str, list[Any]] = {"question": [], "information": [], "opened": []}
    answer = {"button": QMessageBox.StandardButton.Open}

    def question(parent: Any, title: str, text: str, *args: Any) -> Any:
        seen["question"].append(text)
        return answer["button"]

    def information(parent: Any, title: str, text: str, *args: Any) -> Any:
        seen["information"].append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", information)
    monkeypatch.setattr("ui.rich.links.QDesktopServices.openUrl",
                        lambda url: seen["opened"].append(url.toString()) or True)
    seen["answer"] = [answer]
    return seen


def test_a_link_opens_only_after_confirmation(qtbot: QtBot, dialogs: dict[str, list[Any]]
                                               ) -> None:
    view = make_view(qtbot)
    address = "https://example.org/a/very/long/path?q=1"
    view.anchorClicked.emit(QUrl(address))
    assert address in dialogs["question"][0]
    assert dialogs["opened"] == [address]
    dialogs["answer"][0]["button"] = QMessageBox.StandardButton.Cancel
    view.anchorClicked.emit(QUrl("mailto:keeper@example.org"))
    assert dialogs["opened"] == [address]  # declined: not opened


@pytest.mark.parametrize("address", ["javascript:alert(1)", "file:///etc/passwd",
                                     "model-prosa:delete/0"])
def test_other_links_are_refused(qtbot: QtBot, dialogs: dict[str, list[Any]],
                                 address: str) -> None:
    view = make_view(qtbot)
    with qtbot.assertNotEmitted(view.actionRequested):
        view.anchorClicked.emit(QUrl(address))
    assert not dialogs["question"] and not dialogs["opened"]
    assert address in dialogs["information"][0]


def test_a_model_written_action_link_is_disarmed(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view, "Click [here](prosa:delete/0) or ![x](file:///etc/hostname)")
    html = view.toHtml()
    assert 'href="model-prosa:delete/0"' in html
    assert view.loadResource(2, QUrl("file:///etc/hostname")) is None


# --- message actions ---------------------------------------------------------------------

def test_copy_and_delete_actions(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view)
    view.anchorClicked.emit(QUrl("prosa:copy/0"))
    assert QGuiApplication.clipboard().text() == "Show me code"
    with qtbot.waitSignal(view.actionRequested) as blocker:
        view.anchorClicked.emit(QUrl("prosa:delete/1"))
    assert blocker.args == ["delete", 1]
    assert view.last_reply_text() == REPLY
    view.setTextCursor(QTextCursor(view.document()))
    assert view.copy_selection_or_last()
    assert QGuiApplication.clipboard().text() == REPLY
    cursor = view.document().find("Show me")
    view.setTextCursor(cursor)
    assert view.copy_selection_or_last()
    assert QGuiApplication.clipboard().text() == "Show me"


def test_nothing_to_copy_in_an_empty_view(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    assert view.last_reply_text() is None and not view.copy_selection_or_last()


def test_hover_shows_the_actions_of_the_message_under_the_mouse(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    show_reply(view)
    bar = view.hover_actions
    view.verticalScrollBar().setValue(0)
    view._hover(QPoint(20, 20))
    assert bar.isVisible() and bar.index == 0
    assert bar.buttons["edit"].isVisibleTo(bar) and not bar.buttons["regenerate"].isVisibleTo(bar)
    rect = view.document().documentLayout().blockBoundingRect(
        view.document().findBlock(view.rendering.starts[1]))
    view._hover(QPoint(20, round(rect.top()) + 30))
    assert bar.index == 1 and bar.buttons["regenerate"].isVisibleTo(bar)
    for button in bar.buttons.values():
        assert button.toolTip() and button.accessibleName()
    with qtbot.waitSignal(view.actionRequested) as blocker:
        bar.buttons["delete"].click()
    assert blocker.args == ["delete", 1]
    with qtbot.waitSignal(view.inspectRequested) as inspected:
        bar.buttons["inspect"].click()
    assert inspected.args == [1]
    bar.buttons["copy"].click()
    assert QGuiApplication.clipboard().text() == REPLY


# --- zoom --------------------------------------------------------------------------------

def test_zoom_changes_the_font_and_is_clamped(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    base = QApplication.font().pointSizeF()
    show_reply(view, "\n\n".join(f"Paragraph {i}." for i in range(200)))
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = view.cursorForPosition(QPoint(0, 0)).block().text()
    view.set_zoom(4)
    assert view.zoom() == 4
    assert view.document().defaultFont().pointSizeF() == base + 4
    assert view.cursorForPosition(QPoint(0, 0)).block().text() == top  # kept in view
    view.set_zoom(99)
    assert view.zoom() == ZOOM_MAX
    view.set_zoom(-99)
    assert view.zoom() == ZOOM_MIN
    assert view.document().defaultFont().pointSizeF() == base + ZOOM_MIN

