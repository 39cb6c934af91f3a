"""A reply's reasoning in the real chat view: streamed live under a counting header,
folded when the answer starts, opened by a click, kept folded or open across
re-renders, and never copied with the answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextCursor, QTextDocument
from pytestqt.qtbot import QtBot

from core.conversation.session import ChatMessage
from core.conversation.store import ReplyRecord
from core.conversation.types import MessageStatus
from tests.ui.test_chat_view import assert_same, conversation, in_one_go, make_view, markdown
from ui.chat_view import ChatView
from ui.rich import thinking

pytestmark = pytest.mark.gui

REASONING = "\nThe keeper asks how many lamps.\nThere are three on the tower.\n\n"
ANSWER = "There are **three** lamps."


class Clock:
    """The live header's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(thinking, "now", fake)
    yield fake


def reasoned(content: str, reasoning: str, tokens: int | None = 340,
             seconds: float | None = 12.0, **fields: object) -> ChatMessage:
    """A reply with its reasoning, as the session gives it."""
    return ChatMessage("assistant", content, reasoning=reasoning,  # type: ignore[arg-type]
                       reasoning_tokens=tokens, reasoning_seconds=seconds, **fields)


def text(view: ChatView) -> str:
    return view.document().toPlainText()


def live_reply(view: ChatView) -> str:
    """The document from where the live reply's answer starts to its end."""
    start = view.rendering.live_start
    assert start is not None
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText().replace("\u2029", "\n")


def click_text(qtbot: QtBot, view: ChatView, words: str) -> None:
    """A real mouse click on ``words`` in the view (a link there is followed)."""
    found = view.document().find(words)
    assert not found.isNull(), words
    view.ensureCursorVisible()
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + 2)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    point = view.cursorRect(cursor).center() + QPoint(1, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_reasoning_streams_live_then_folds_when_the_answer_starts(
        qtbot: QtBot, clock: Clock) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages([ChatMessage("user", "How many lamps?")])
    view.begin_reply(1)
    view.append_reasoning("\nThe keeper asks ", 4)
    clock.now += 2.5
    view.append_reasoning("how many lamps.", 8)
    assert "Thinking… 2.5 s, 8 tokens ▾" in text(view)
    assert text(view).endswith("The keeper asks how many lamps.")
    assert view.reasoning_open(1) and view.reasoning_updates == 2 and view.live_updates == 0
    # The seconds go on between two batches.
    clock.now += 10
    qtbot.waitUntil(lambda: "Thinking… 12 s, 8 tokens" in text(view), timeout=3000)
    view.append_reasoning("\nThere are three on the tower.\n\n", 340)
    assert "Thinking… 12 s, 340 tokens ▾" in text(view)
    # The answer starts: one line, folded; the answer streams below it.
    view.append_reply("There are ")
    clock.now += 5
    view.append_reply("**three** lamps.")
    shown = text(view)
    assert "Thought for 12 s, 340 tokens ▸" in shown and "Thinking…" not in shown
    assert "keeper asks" not in shown
    assert not view.reasoning_open(1)
    assert live_reply(view) == view.live_text == ANSWER
    # A click opens it above the answer, which goes on streaming where it was.
    click_text(qtbot, view, "Thought for")
    assert view.reasoning_open(1)
    assert "The keeper asks how many lamps.\nThere are three on the tower." in text(view)
    assert "Thought for 12 s, 340 tokens ▾" in text(view)
    view.append_reply(" Lit.")
    assert live_reply(view) == view.live_text == ANSWER + " Lit."
    # Finished: as the user left it (open), with the session's own figures.
    view.finish_reply(reasoned(ANSWER + " Lit.", REASONING, tokens=341, seconds=9.4,
                               id=7, record=ReplyRecord(sampling={})))
    assert view.reasoning_open(1)
    assert "Thought for 9.4 s, 341 tokens ▾" in text(view)
    assert text(view).endswith("There are three lamps. Lit.")
    click_text(qtbot, view, "Thought for")
    assert not view.reasoning_open(1) and "keeper asks" not in text(view)


def test_the_live_reasoning_folds_and_opens_while_it_streams(
        qtbot: QtBot, clock: Clock) -> None:
    view = make_view(qtbot, 8000)
    view.begin_reply(0)
    view.append_reasoning("First thought. ", 3)
    view.anchorClicked.emit(QUrl("prosa:reasoning/0"))
    assert not view.reasoning_open(0)
    assert "First thought" not in text(view) and "Thinking… 0.0 s, 3 tokens ▸" in text(view)
    view.append_reasoning("Second thought.", 6)  # counted, not shown
    assert "Second" not in text(view) and "6 tokens ▸" in text(view)
    view.anchorClicked.emit(QUrl("prosa:reasoning/0"))
    assert text(view).endswith("First thought. Second thought.")
    view.append_reasoning(" Third.", 7)
    assert text(view).endswith("Second thought. Third.")
    view.append_reply(ANSWER)
    assert live_reply(view) == ANSWER
    # Stopped: the message that ends the reply lacks the reasoning; what streamed shows.
    view.finish_reply(ChatMessage("assistant", ANSWER, status=MessageStatus.STOPPED))
    assert "Thought for 0.0 s, 7 tokens ▸" in text(view)
    assert text(view).endswith("Stopped.")


def test_stopped_while_thinking_keeps_the_reasoning_as_shown(
        qtbot: QtBot, clock: Clock) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages([ChatMessage("user", "Think hard")])
    view.begin_reply(1)
    view.append_reasoning("Hmm, the tide", 3)
    clock.now += 30
    view.finish_reply(reasoned("", "Hmm, the tide", tokens=3, seconds=None,
                               status=MessageStatus.STOPPED))
    shown = text(view)
    assert "Thought for 30 s, 3 tokens ▾" in shown and "Hmm, the tide" in shown
    assert shown.endswith("Stopped.")


def test_reasoning_edits_only_its_own_lines(qtbot: QtBot, clock: Clock) -> None:
    """Each batch inserts at the reasoning's end and rewrites the header line: nothing
    above the live reply is laid out again."""
    view = make_view(qtbot, 8000)
    view.show_messages(conversation(6))
    view.begin_reply(6)
    view.append_reasoning("Start. ", 2)
    header = view.document().find("Thinking…").block().position()
    changes: list[int] = []
    view.document().contentsChange.connect(lambda at, _removed, _added: changes.append(at))
    for i in range(50):
        clock.now += 0.1
        view.append_reasoning(f"thought {i}, ", 4 + 2 * i)
    assert changes and min(changes) >= header
    assert view.reasoning_updates == 51


def test_copy_gives_the_answer_only(qtbot: QtBot) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages([ChatMessage("user", "How many lamps?"),
                        reasoned(ANSWER, REASONING, id=2)])
    view.toggle_reasoning(1)
    assert "three on the tower" in text(view)
    clipboard = QGuiApplication.clipboard()
    assert view.copy_message(1) and clipboard.text() == ANSWER
    clipboard.setText("")
    view.anchorClicked.emit(QUrl("prosa:copy/1"))
    assert clipboard.text() == ANSWER
    assert view.last_reply_text() == ANSWER
    clipboard.setText("")
    assert view.copy_selection_or_last() and clipboard.text() == ANSWER


def test_a_finished_message_with_reasoning_renders_folded(qtbot: QtBot) -> None:
    messages = [ChatMessage("user", "How many lamps?", id=1),
                reasoned(ANSWER, REASONING, id=2),
                ChatMessage("user", "And ships?", id=3),
                reasoned("Two ships.", "Count the ships.", tokens=None, seconds=3.0, id=4),
                reasoned("None.", "Nothing to count.", tokens=5, seconds=None, id=5)]
    view = make_view(qtbot, 8000)
    view.show_messages(messages)
    shown = text(view)
    assert "Thought for 12 s, 340 tokens ▸" in shown
    assert "Thought for 3.0 s ▸" in shown and "Thought: 5 tokens ▸" in shown
    for words in ("keeper asks", "Count the ships", "Nothing to count"):
        assert words not in shown
    assert "prosa:reasoning/1" in view.toHtml() and "prosa:reasoning/3" in view.toHtml()
    # The reasoning sits between the name line and the answer, part of the message.
    header = view.document().find("Thought for 12 s").block()
    assert header.previous().text().startswith("Assistant")
    assert header.next().text() == "There are three lamps."
    assert view.message_at(header.position()) == 1
    # Opened by a click; the messages after it stay where the view says they start.
    click_text(qtbot, view, "Thought for 12 s")
    assert view.reasoning_open(1)
    opened = view.document().find("The keeper asks").block()
    assert opened.next().text() == "There are three on the tower."
    assert opened.next().next().text() == "There are three lamps."
    for start, index in zip(view.rendering.starts, view.rendering.indices, strict=True):
        name = view.document().findBlock(start).text()
        expected = "You" if messages[index].role == "user" else "Assistant"
        assert name.startswith(expected), (index, name)


def test_fold_state_is_kept_across_show_messages(qtbot: QtBot) -> None:
    messages = [ChatMessage("user", "How many lamps?", id=1),
                reasoned(ANSWER, REASONING, id=2),
                ChatMessage("user", "And ships?", id=3),
                reasoned("Two ships.", "Count the ships.", id=4)]
    view = make_view(qtbot, 8000)
    view.show_messages(messages)
    view.toggle_reasoning(3)
    toggled = view.toHtml()
    # Shown again (a re-render, or another conversation and back): still open.
    view.show_messages([ChatMessage("user", "Other chat", id=50)])
    view.show_messages(messages)
    assert view.reasoning_open(3) and not view.reasoning_open(1)
    assert "Count the ships." in text(view) and "keeper asks" not in text(view)
    # A section written again on a click is the one a fresh rendering writes.
    assert view.toHtml() == toggled
    reference = in_one_go(qtbot, lambda v: None)
    reference.message_format.opened = set(view.message_format.opened)
    reference.show_messages(messages)
    assert_same(view, reference)


def test_a_long_reasoned_reply_renders_in_slices_as_in_one_go(
        qtbot: QtBot, clock: Clock) -> None:
    """Older messages come in above a reply thinking live, whose long answer is then
    rendered in slices: the same document as when all is done at once."""
    answer = markdown(30)
    history = conversation(60)
    reply = reasoned(answer, REASONING * 20, id=99, record=ReplyRecord(sampling={}))

    def build(view: ChatView) -> None:
        view.show_messages(history)
        view.begin_reply(60)
        lines = (REASONING * 20).splitlines(keepends=True)
        for number, line in enumerate(lines):
            view.append_reasoning(line, 340 * (number + 1) // len(lines))
        for i in range(0, len(answer), 97):
            view.append_reply(answer[i:i + 97])

    view = make_view(qtbot, 1500)
    build(view)
    assert not view.is_settled()
    qtbot.waitUntil(view.is_settled, timeout=20_000)
    assert live_reply(view) == answer
    view.finish_reply(reply)
    assert not view.is_settled()
    qtbot.waitUntil(view.is_settled, timeout=20_000)
    reference = in_one_go(qtbot, build)
    reference.finish_reply(reply)
    assert_same(view, reference)
    assert "Thought for 12 s, 340 tokens ▸" in text(view)


def test_the_icon_is_the_views_own_image(qtbot: QtBot) -> None:
    view = make_view(qtbot, 8000)
    image = view.loadResource(QTextDocument.ResourceType.ImageResource.value,
                              QUrl(thinking.ICON_URL))
    assert isinstance(image, QImage) and not image.isNull()
    assert view.loadResource(QTextDocument.ResourceType.ImageResource.value,
                             QUrl("file:///etc/hostname.png")) is None


def test_the_fold_opens_from_the_keyboard(qtbot: QtBot) -> None:
    view = make_view(qtbot, 8000)
    view.show_messages([ChatMessage("user", "How many lamps?", id=1),
                        reasoned(ANSWER, REASONING, id=2)])
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    # Tab goes from link to link (edit, prompt, regenerate ...) and reaches the fold.
    for _ in range(12):
        if "Thought for" in view.textCursor().selectedText():
            break
        qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert "Thought for" in view.textCursor().selectedText()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.reasoning_open(1) and "three on the tower" in text(view)
