"""The chat view on its own: long conversations shown, and long replies rendered, over
several event-loop turns, ending with exactly the document made in one go."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import (
    QColor,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from pytestqt.qtbot import QtBot

from core.conversation.session import ChatMessage
from core.conversation.store import ReplyRecord
from core.conversation.types import MessageStatus, TokenLogprob
from core.errors import Problem
from ui.chat_view import ChatView
from ui.palette import MIN_CONTRAST, contrast, roles

pytestmark = pytest.mark.gui

#: Markdown that tells a slicing from the whole: lists (ordered, nested, loose with
#: continuation paragraphs), code with blank lines, tables, quotes, rules, emoji.
MARKDOWN_PARTS = (
    "## Part {n}\n\nThe keeper climbed the **stairs** at dusk, counting the steps, and "
    "lit the lamp with `matches` kept dry in a tin. 🕯️ Then [the log](https://example.org)."
    "\n\n",
    "```python\ndef beam_{n}(lamp):\n\n    for step in range({n}):\n        lamp.turn(step)\n"
    "\n    return lamp\n```\n\n",
    "| night | ships | weather |\n|---|:---:|--:|\n| {n} | 3 | fog |\n| {m} | 1 | *clear* |\n\n",
    "3. third thing, number {n}\n4. fourth thing\n   - nested *gulls*\n   - nested terns\n"
    "5. fifth thing\n\n",
    "- a loose item about the tide {n}\n\n  with a second paragraph\n\n- another item\n\n",
    "> a quote from the log, night {n},\n> on two lines\n\n---\n\n",
    "Plain words, line one\nline two of the same paragraph {n}.\n\n",
)


def markdown(parts: int) -> str:
    return "".join(MARKDOWN_PARTS[i % len(MARKDOWN_PARTS)].format(n=i, m=i + 1)
                   for i in range(parts))


def conversation(count: int, body_parts: int = 4) -> list[ChatMessage]:
    """User questions and Markdown replies, with notes, branches and counts mixed in."""
    messages = []
    for i in range(count):
        if i % 2 == 0:
            text = f"Question {i}: what did the keeper see?" + ("\nOn two lines." if i % 4 else "")
            messages.append(ChatMessage("user", text if i % 10 else "", id=i + 1,
                                        siblings=(0, 2) if i % 6 == 0 else (0, 1)))
        else:
            parts = [MARKDOWN_PARTS[(i + j) % len(MARKDOWN_PARTS)].format(n=i, m=j)
                     for j in range(body_parts)]
            stopped = i % 7 == 0
            messages.append(ChatMessage(
                "assistant", "".join(parts), id=i + 1, tokens=i * 3,
                status=MessageStatus.STOPPED if stopped else MessageStatus.DONE,
                dropped=i < 6, record=ReplyRecord(sampling={"temperature": 0.5})))
    return messages


def _properties(fmt: QTextFormat) -> QTextFormat:
    """A copy to compare (``==``), without the index of its list in its document."""
    copy = QTextFormat(fmt)
    copy.setObjectIndex(-1)
    return copy


def _block_signature(block: QTextBlock) -> tuple[object, ...]:
    text_list = block.textList()
    listed = None
    if text_list is not None:
        listed = (_properties(text_list.format()), text_list.itemNumber(block),
                  text_list.count())
    fragments = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        fragments.append((fragment.text(), _properties(fragment.charFormat())))
        it += 1
    cursor = QTextCursor(block)
    table = cursor.currentTable()
    cell = None
    if table is not None:
        at = table.cellAt(block.position())
        cell = (table.rows(), table.columns(), at.row(), at.column())
    return (block.text(), _properties(block.blockFormat()), _properties(block.charFormat()),
            listed, cell, fragments)


def signature(document: QTextDocument) -> list[tuple[object, ...]]:
    """Everything about a document that shows: each block's text, block and character
    formats, list membership and table cell."""
    blocks = []
    block = document.begin()
    while block.isValid():
        blocks.append(_block_signature(block))
        block = block.next()
    return blocks


def make_view(qtbot: QtBot, turn_chars: int) -> ChatView:
    view = ChatView()
    view.turn_chars = turn_chars
    view.resize(700, 500)
    qtbot.addWidget(view)
    view.show()
    return view


def settle(qtbot: QtBot, view: ChatView) -> None:
    """Let the event loop do the work left for later turns."""
    qtbot.waitUntil(view.is_settled, timeout=20_000)
    qtbot.wait(20)


def assert_same(view: ChatView, reference: ChatView) -> None:
    assert view.is_settled() and reference.is_settled()
    assert signature(view.document()) == signature(reference.document())
    assert view.toHtml() == reference.toHtml()
    assert view.rendering.starts == reference.rendering.starts
    assert view.rendering.indices == reference.rendering.indices


def in_one_go(qtbot: QtBot, build: Callable[[ChatView], None]) -> ChatView:
    """The document as it is made when every change is made at once."""
    view = make_view(qtbot, 10**9)
    build(view)
    assert view.is_settled()
    return view


def test_a_long_conversation_is_shown_bottom_first_then_completed_above(
        qtbot: QtBot) -> None:
    messages = conversation(120)
    view = make_view(qtbot, 3000)
    view.show_messages(messages)
    # At once: the last messages, scrolled to the bottom; the older ones still to come.
    assert not view.is_settled()
    assert view.rendering.indices[-1] == 119 and view.rendering.indices[0] > 0
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    with qtbot.waitSignal(view.settled, timeout=20_000):
        pass
    assert view.rendering.indices == list(range(120))
    assert bar.value() == bar.maximum()  # still at the bottom
    reference = in_one_go(qtbot, lambda v: v.show_messages(messages))
    assert_same(view, reference)
    html = view.toHtml()
    for link in ("prosa:edit/0", "prosa:regenerate/1", "prosa:replay/1", "prosa:inspect/0",
                 "prosa:prev/0", "prosa:next/0"):
        assert link in html
    assert "(no longer seen by the model)" in view.document().toPlainText()
    for start, index in zip(view.rendering.starts, view.rendering.indices, strict=True):
        assert view.message_at(start) == index
        assert view.message_at(start + 2) == index


def test_coloured_replies_load_in_pieces_the_same(qtbot: QtBot) -> None:
    messages = conversation(40)
    for message in messages[1::2]:
        text = message.content
        message.logprobs = [TokenLogprob(i, text[i:i + 5], 0.1 + (i % 9) / 10, (), i)
                            for i in range(0, len(text), 5)]

    def build(view: ChatView) -> None:
        view.show_probabilities = True
        view.show_messages(messages)

    view = make_view(qtbot, 2000)
    build(view)
    assert not view.is_settled()
    settle(qtbot, view)
    assert_same(view, in_one_go(qtbot, build))
    assert "prosa:token/1/0" in view.toHtml()


def test_a_short_conversation_is_shown_at_once(qtbot: QtBot) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages(conversation(6))
    assert view.is_settled()
    assert view.rendering.indices == list(range(6))


def test_plain_text_completes_the_document_first(qtbot: QtBot) -> None:
    messages = conversation(60)
    view = make_view(qtbot, 2000)
    view.show_messages(messages)
    assert not view.is_settled()
    text = view.plain_text()
    assert view.is_settled()
    asked = sum(1 for m in messages if m.content.startswith("Question "))
    assert text.count("Question ") == asked and text.startswith("You")
    assert text == in_one_go(qtbot, lambda v: v.show_messages(messages)).plain_text()


def test_opening_another_conversation_mid_load_drops_the_first(qtbot: QtBot) -> None:
    first = conversation(80)
    second = [ChatMessage(m.role, m.content.replace("keeper", "warden"), id=m.id)
              for m in conversation(50)]
    view = make_view(qtbot, 2000)
    view.show_messages(first)
    qtbot.wait(5)  # a turn or two of the first conversation
    assert not view.is_settled()
    view.show_messages(second)
    settle(qtbot, view)
    assert "keeper" not in view.document().toPlainText()
    assert_same(view, in_one_go(qtbot, lambda v: v.show_messages(second)))


def test_a_reply_started_mid_load_ends_up_after_the_whole_conversation(
        qtbot: QtBot) -> None:
    messages = conversation(80)
    reply = ChatMessage("assistant", "The lamp is **lit**.\n\n- one\n- two\n",
                        record=ReplyRecord(sampling={}))

    def build(view: ChatView) -> None:
        view.show_messages(messages)
        view.begin_reply(80)
        view.append_reply("The lamp is ")
        view.append_reply("**lit**.\n\n- one\n- two\n")

    view = make_view(qtbot, 2000)
    build(view)
    assert not view.is_settled()
    live_start = view.rendering.live_start
    assert live_start is not None
    qtbot.wait(5)
    # The streamed text stays where it is said to start, as older messages come in.
    assert view.rendering.live_start is not None and view.rendering.live_start >= live_start
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.rendering.live_start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText().replace("\u2029", "\n") == view.live_text
    view.finish_reply(reply)
    settle(qtbot, view)
    reference = in_one_go(qtbot, build)
    reference.finish_reply(reply)
    assert_same(view, reference)
    assert view.message_at(view.document().characterCount() - 2) == 80


def test_scroll_to_an_early_message_right_after_opening(qtbot: QtBot) -> None:
    messages = conversation(120)
    view = make_view(qtbot, 3000)
    view.show_messages(messages)
    assert 7 not in view.rendering.indices
    view.scroll_to_message(7)
    # There at once, the view on it...
    assert 7 in view.rendering.indices and not view.is_settled()
    start = view.rendering.starts[view.rendering.indices.index(7)]
    assert view.textCursor().position() == start
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    assert view.viewport().rect().contains(view.cursorRect(cursor).center())
    top = view.cursorRect(cursor).top()
    settle(qtbot, view)
    # ...and still on it once the messages before and after it are in.
    start = view.rendering.starts[view.rendering.indices.index(7)]
    cursor.setPosition(start)
    assert view.textCursor().position() == start
    assert abs(view.cursorRect(cursor).top() - top) <= 2
    assert_same(view, in_one_go(qtbot, lambda v: v.show_messages(messages)))


def test_scroll_to_a_shown_message_keeps_it_in_view_as_older_ones_come(
        qtbot: QtBot) -> None:
    messages = conversation(120)
    view = make_view(qtbot, 3000)
    view.show_messages(messages)
    target = view.rendering.indices[0]
    view.scroll_to_message(target)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.rendering.starts[0])
    top = view.cursorRect(cursor).top()
    settle(qtbot, view)
    cursor.setPosition(view.rendering.starts[view.rendering.indices.index(target)])
    assert abs(view.cursorRect(cursor).top() - top) <= 2
    assert view.verticalScrollBar().value() < view.verticalScrollBar().maximum()


def test_an_error_shown_mid_load_comes_after_the_conversation(qtbot: QtBot) -> None:
    messages = conversation(60)

    def build(view: ChatView) -> None:
        view.show_messages(messages)
        view.show_error("The engine stopped.")

    view = make_view(qtbot, 2000)
    build(view)
    settle(qtbot, view)
    assert view.document().toPlainText().endswith("⚠ The engine stopped.")
    assert_same(view, in_one_go(qtbot, build))


def _streamed(view: ChatView, text: str, history: list[ChatMessage]) -> None:
    view.show_messages(history)
    view.begin_reply(len(history))
    for i in range(0, len(text), 97):
        view.append_reply(text[i:i + 97])


@pytest.mark.parametrize("note", [False, True])
def test_a_long_reply_is_rendered_in_slices_as_in_one_go(qtbot: QtBot, note: bool) -> None:
    text = markdown(60) + "Last words, `in code`"
    history = conversation(3)
    reply = ChatMessage("assistant", text,
                        status=MessageStatus.STOPPED if note else MessageStatus.DONE,
                        tokens=4000,
                        record=ReplyRecord(sampling={}))
    view = make_view(qtbot, 1500)
    _streamed(view, text, history)
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()
    view.finish_reply(reply)
    # At once: the header's actions and the note; the Markdown over the next turns.
    assert not view.is_settled()
    assert "prosa:regenerate/3" in view.toHtml()
    shown = view.document().toPlainText().rstrip()
    assert shown.endswith("Stopped.") if note else shown.endswith("Last words, `in code`")
    with qtbot.waitSignal(view.settled, timeout=20_000):
        pass
    assert bar.value() == bar.maximum()
    reference = in_one_go(qtbot, lambda v: _streamed(v, text, history))
    reference.finish_reply(reply)
    assert_same(view, reference)


def test_slices_keep_lists_and_tables_whole(qtbot: QtBot) -> None:
    """A long ordered list and a long table cannot be cut: their numbering and cells
    stay one."""
    items = "".join(f"{i}. item number {i} of the long list\n" for i in range(1, 120))
    rows = "".join(f"| {i} | row {i} of the long table |\n" for i in range(120))
    text = ("Before.\n\n" + items + "\nBetween.\n\n| n | what |\n|---|---|\n" + rows
            + "\nAfter.\n\n" + markdown(10))
    reply = ChatMessage("assistant", text, record=ReplyRecord(sampling={}))
    view = make_view(qtbot, 500)
    _streamed(view, text, [])
    view.finish_reply(reply)
    settle(qtbot, view)
    reference = in_one_go(qtbot, lambda v: _streamed(v, text, []))
    reference.finish_reply(reply)
    assert_same(view, reference)


def test_an_error_right_after_a_long_reply_comes_after_it(qtbot: QtBot) -> None:
    text = markdown(40)
    reply = ChatMessage("assistant", text, status=MessageStatus.INTERRUPTED,
                        problem=Problem.of("test.interrupted", "Interrupted: the engine "
                                           "stopped ({signal}).", signal="SIGKILL"))

    def build(view: ChatView) -> None:
        _streamed(view, text, conversation(2))
        view.finish_reply(reply)
        view.show_error("SIGKILL")

    view = make_view(qtbot, 1500)
    build(view)
    assert not view.is_settled()
    settle(qtbot, view)
    assert view.document().toPlainText().endswith("Interrupted: the engine stopped (SIGKILL)."
                                                  "\n⚠ SIGKILL")
    assert_same(view, in_one_go(qtbot, build))


def test_new_message_or_conversation_while_a_reply_renders(qtbot: QtBot) -> None:
    text = markdown(40)
    reply = ChatMessage("assistant", text, record=ReplyRecord(sampling={}))
    question = ChatMessage("user", "And then?")

    def build(view: ChatView) -> None:
        _streamed(view, text, conversation(2))
        view.finish_reply(reply)
        view.add_message(question, 3)
        view.begin_reply(4)

    view = make_view(qtbot, 1500)
    build(view)
    # Adding after the reply completes its rendering first: positions stay right.
    assert view.is_settled()
    assert view.message_at(view.rendering.starts[-2]) == 3 and view.rendering.live_start is not None
    assert_same(view, in_one_go(qtbot, build))
    # Opening a conversation drops a rendering under way.
    _streamed(view, text, [])
    view.finish_reply(reply)
    assert not view.is_settled()
    view.show_messages(conversation(4))
    settle(qtbot, view)
    assert "Part 3" not in view.document().toPlainText()
    assert_same(view, in_one_go(qtbot, lambda v: v.show_messages(conversation(4))))


def test_a_short_reply_is_rendered_at_once(qtbot: QtBot) -> None:
    text = markdown(3)
    view = make_view(qtbot, 8000)
    _streamed(view, text, [])
    view.finish_reply(ChatMessage("assistant", text))
    assert view.is_settled()
    assert "Part 0" in view.document().toPlainText()
    assert "**" not in view.document().toPlainText()


def test_a_problem_is_shown_with_its_fields_after_the_messages(qtbot: QtBot) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages(conversation(4))
    view.show_problem(Problem.of("test.failed", "The {what} failed.", what="load"))
    assert view.plain_text().endswith("\n⚠ The load failed.")


def _dark() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e0e0e0"))
    # Roles read on the window too (dialogs, panels): a dark palette is dark there.
    palette.setColor(QPalette.ColorRole.Window, QColor("#2a2a2a"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e0e0e0"))
    return palette


def test_colours_follow_the_palette(qtbot: QtBot) -> None:
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    light.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    # On a light palette: the chat's own hues where they already read at 4.5:1, and
    # every role readable on the palette's base and window (``ui.palette``'s contract
    # since its themes: #7a7a7a and the user's blue were darkened to reach it).
    light_roles = roles(light)
    assert (light_roles.error, light_roles.warning) == ("#b3261e", "#8a4b00")
    for name in ("error", "warning", "muted", "user", "assistant", "link"):
        for ground in (light.color(QPalette.ColorRole.Base),
                       light.color(QPalette.ColorRole.Window)):
            assert contrast(getattr(light_roles, name), ground) >= MIN_CONTRAST, name
    dark = roles(_dark())
    for name in ("error", "warning", "user", "assistant", "link"):
        assert QColor(getattr(dark, name)).lightness() > \
            QColor(getattr(roles(light), name)).lightness(), name
    assert 0x20 < QColor(dark.muted).red() < 0xe0
    # The view writes new messages in its current palette's colours.
    view = make_view(qtbot, 8000)
    view.setPalette(_dark())
    view.show_messages([ChatMessage("user", "Hi")])
    name = QTextCursor(view.document())
    name.setPosition(1)
    assert name.charFormat().foreground().color().name() == dark.user
