"""What the window shows is what happened: one test per defect seen as a new user would
see it (counters, system prompts, the sidebar's highlight, problems that stay, a lost
draft, completion mode, and the small silences), each failing on the code before the
fix.  The real window with a scripted engine: no model needed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from core.chat.screen import Topic
from core.engine.protocol import CountPrompt, Generate
from core.engine.scripted import ScriptedEngine, scripted_tokens
from core.paths import app_paths
from core.settings import load_settings
from tests.ui.conftest import OpenWindow

pytestmark = pytest.mark.gui


def send(window: Any, qtbot: QtBot, text: str) -> None:
    window.composer.setPlainText(text)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.send_button.isEnabled(), timeout=5_000)


def counted(window: Any, engine: ScriptedEngine, qtbot: QtBot) -> int:
    """Ask for the count now (what the typing pause would do) and wait for its answer:
    the scripted engine's count of the messages it was asked about."""
    window.prompt_changed()
    asked = [r for r in engine.requests if isinstance(r, CountPrompt)][-1]
    expected = scripted_tokens(list(asked.messages))
    qtbot.waitUntil(lambda: window.controller.status.context_used == expected, timeout=5_000)
    return expected


# --- 2. the context counter -------------------------------------------------------


def test_the_counter_follows_a_switch_to_a_longer_branch(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    engine.enqueue_reply("Short.")
    send(window, qtbot, "Hi")
    engine.enqueue_reply(*["word "] * 300)
    window.controller.regenerate(1, window.sampling.params())
    qtbot.waitUntil(lambda: window.send_button.isEnabled(), timeout=10_000)
    long_count = counted(window, engine, qtbot)
    window._on_message_action("prev", 1)  # the ‹ link: back to the short reply
    qtbot.waitUntil(lambda: window.controller.status.context_used != long_count,
                    timeout=5_000)
    short_count = window.controller.status.context_used
    assert short_count < long_count
    asked = [r for r in engine.requests if isinstance(r, CountPrompt)][-1]
    assert short_count == scripted_tokens(list(asked.messages))
    assert window.context_label.text() == f"context {short_count} / 2,048"


def test_the_counter_is_not_zero_while_a_reply_streams(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    window.composer.setPlainText("Tell me a long story")
    before = counted(window, engine, qtbot)
    engine.token_delay_s = 0.02
    engine.enqueue_reply(*[f"t{i} " for i in range(200)])
    window.composer.submit()
    qtbot.waitUntil(lambda: (window.controller.status.streamed_tokens or 0) >= 5,
                    timeout=5_000)
    used = window.controller.status.context_used
    assert used is not None and used > before
    assert window.context_label.text().startswith(f"context {used} /")
    window.stop()
    qtbot.waitUntil(lambda: window.send_button.isEnabled(), timeout=5_000)


def test_a_draft_that_cannot_fit_is_flagged_and_refused_before_it_is_saved(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    huge = "word " * 10_000  # 50,000 characters
    window.composer.setPlainText(huge)
    counted(window, engine, qtbot)
    assert window.controller.status.too_long
    assert window.context_label.text().endswith(": too long")
    assert "kept for the reply" in window.context_label.toolTip()
    window.composer.submit()
    assert window.store.list_conversations() == []  # nothing was saved
    assert window.composer.toPlainText() == huge  # nor lost
    shown = window.problem_bar.problems()[Topic.SEND]
    assert shown.code == "chat.too_long" and shown.fields["room"] == 512
    assert not any(isinstance(r, Generate) for r in engine.requests)


# --- 3. each chat keeps its own system prompt ----------------------------------------


def test_a_chats_system_prompt_is_not_the_default_and_replies_record_theirs(
        open_scripted: OpenWindow, qtbot: QtBot, tmp_path: Path) -> None:
    window, engine = open_scripted()
    default = window.settings.system_prompt
    engine.enqueue_reply("Ahoy.")
    send(window, qtbot, "Hello")
    window.system_prompt.editor.setPlainText("Talk like a pirate.")
    engine.enqueue_reply("Arr.")
    send(window, qtbot, "Again")
    conversation = window.session.conversation_id
    window.new_chat()
    assert window.system_prompt.text() == default  # not the other chat's
    stored = window.store.current_path(conversation)
    assert [m.record.system_prompt for m in stored if m.record] == [default,
                                                                     "Talk like a pirate."]
    markdown = window.store.export_markdown(conversation)
    assert markdown.index(default) < markdown.index("Ahoy.") \
        < markdown.index("Talk like a pirate.") < markdown.index("Arr.")
    window.close()
    assert load_settings(app_paths().settings_file).system_prompt == default  # a restart
    again, _ = open_scripted()
    again.new_chat()
    assert again.system_prompt.text() == default
    again.system_prompt.default_button.click()
    again.system_prompt.editor.setPlainText("Be brief.")
    again.system_prompt.default_button.click()
    again.new_chat()
    assert again.system_prompt.text() == "Be brief."


# --- 4. the sidebar highlights the conversation shown ---------------------------------


def test_the_sidebar_highlights_the_conversation_shown(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot, tmp_path: Path) -> None:
    window, engine = scripted
    for text in ("First chat", "Second chat"):
        window.new_chat()
        engine.enqueue_reply("Reply.")
        send(window, qtbot, text)
    exported = window.store.export_json(window.session.conversation_id)
    exported["conversation"]["title"] = "Imported one"
    path = tmp_path / "import.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    window.import_conversation(str(path))
    shown = window.session.conversation_id
    current = window.sidebar.list.currentItem()
    assert current is not None and current.text() == "Imported one"
    assert window.store.conversation(shown).title == "Imported one"
    # A right click opens the row's menu; it does not move the highlight.
    other = next(window.sidebar.list.item(i) for i in range(window.sidebar.list.count())
                 if window.sidebar.list.item(i).text() == "First chat")
    point = window.sidebar.list.visualItemRect(other).center()
    qtbot.mouseClick(window.sidebar.list.viewport(), Qt.MouseButton.RightButton,
                     pos=QPoint(point))
    assert window.sidebar.list.currentItem().text() == "Imported one"


# --- 5. problems once, cleared when resolved; a status bar that is true --------------


def test_invalid_settings_are_said_once_and_cleared_when_fixed(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, _ = scripted
    params = window.sampling.params()
    # Sampling at temperature 0 contradicts itself: the panel says so, sending refuses.
    window.sampling._commit(replace(params, strategy="sample", temperature=0.0))
    window.composer.setPlainText("Hello")
    window.composer.submit()
    assert window.problem_bar.problems()[Topic.SEND].code.startswith("sampling.conflict")
    assert window.composer.toPlainText() == "Hello"
    window.sampling._commit(replace(params, strategy="sample", temperature=0.7))
    assert Topic.SEND not in window.problem_bar.problems()
    assert "⚠" not in window.chat.toPlainText()  # never in the transcript


def test_a_new_chat_does_not_show_the_last_chats_speed(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    engine.enqueue_reply("One token")
    send(window, qtbot, "Hi")
    assert window.speed_label.text() == "100.0 tok/s"
    window.new_chat()
    assert window.speed_label.text() == ""


# --- 6. a restart reopens the chat and the draft --------------------------------------


def test_a_restart_reopens_the_last_chat_and_the_unsent_draft(
        open_scripted: OpenWindow, qtbot: QtBot) -> None:
    window, engine = open_scripted()
    engine.enqueue_reply("Noted.")
    send(window, qtbot, "Remember this chat")
    conversation = window.session.conversation_id
    window.composer.setPlainText("Half a thought, not sent")
    window.prompt_changed()  # the typing pause
    window.close()
    again, _ = open_scripted()
    assert again.session.conversation_id == conversation
    assert "Remember this chat" in again.chat.toPlainText()
    assert again.composer.toPlainText() == "Half a thought, not sent"
    assert again.sidebar.list.currentItem().text() == "Remember this chat"


# --- 7. completion mode reads as a document -----------------------------------------


def test_completion_mode_is_a_document_the_model_continues(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    window.engine_tab.mode_combo.setCurrentIndex(2)
    window.engine_tab.mode_combo.activated.emit(2)
    qtbot.waitUntil(lambda: window.loaded.mode == "completion", timeout=5_000)
    assert window.send_button.text() == "Continue"
    assert "continues it" in window.chat.placeholderText()
    engine.enqueue_reply(" upon a time.")
    send(window, qtbot, "Once")
    text = window.chat.toPlainText()
    assert "Your text" in text and "Continued by the model" in text
    assert "You" not in text.split() and "Assistant" not in text


# --- 8. no silences ----------------------------------------------------------------


def test_turning_on_probabilities_says_why_older_replies_are_plain(
        open_scripted: OpenWindow, qtbot: QtBot) -> None:
    window, engine = open_scripted()
    engine.enqueue_reply("Made earlier.")
    send(window, qtbot, "Hello")
    window.probabilities_action.setChecked(True)
    assert "kept for replies made since Prosa started" in window.statusBar().currentMessage()


def test_engine_settings_say_a_reload_is_needed(scripted: tuple[Any, ScriptedEngine]) -> None:
    window, _ = scripted
    assert window.engine_tab.reload_hint.isHidden()
    window.engine_tab.ctx_spin.setValue(window.engine_tab.ctx_spin.value() + 1024)
    assert not window.engine_tab.reload_hint.isHidden()
    window.engine_tab.ctx_spin.setValue(window.engine_tab.ctx_spin.value() - 1024)
    assert window.engine_tab.reload_hint.isHidden()  # back to what was loaded


def test_export_is_confirmed(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot,
                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    window, engine = scripted
    engine.enqueue_reply("Yes.")
    send(window, qtbot, "Export me")
    target = tmp_path / "out.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "Markdown (*.md)"))
    window.export_conversation(window.session.conversation_id, "md")
    assert "## User\n\nExport me" in target.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage() == f"Exported to {target}"


def test_the_models_dialog_has_a_close_button(scripted: tuple[Any, ScriptedEngine]) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    window, _ = scripted
    dialog = window.show_models()
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert close is not None
    close.click()
    assert not dialog.isVisible()


def test_a_search_hit_opens_at_the_matching_text(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    engine.enqueue_reply("Filler. " * 200 + "The lighthouse keeper waved.")
    send(window, qtbot, "Tell me about the sea")
    window.new_chat()
    window.sidebar.search.setText("lighthouse")
    window.sidebar.refresh()
    hit = next(window.sidebar.list.item(i) for i in range(window.sidebar.list.count())
               if window.sidebar.list.item(i).data(Qt.ItemDataRole.UserRole + 1))
    window.sidebar._open(hit)
    selected = window.chat.textCursor().selectedText()
    assert selected.lower() == "lighthouse"
