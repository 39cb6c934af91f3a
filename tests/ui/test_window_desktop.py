"""The window among the desktop's windows: its title, the welcome page and its examples,
notifications, dropped files, the first-run tour, deleting a message, and a second
start of Prosa handing its file to the first (a real second process, a real socket)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from core.conversation.files import export_to
from core.engine.scripted import ScriptedEngine
from core.hub.jobs import JobDone
from core.paths import app_paths
from core.settings import load_settings
from ui.desktop.single_instance import InstanceServer, server_name
from ui.desktop.window_integration import LONG_REPLY_SECONDS

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def send(window: Any, qtbot: QtBot, engine: ScriptedEngine, text: str, reply: str) -> None:
    engine.enqueue_reply(reply)
    window.send(text)
    qtbot.waitUntil(lambda: window.send_button.isEnabled()
                    and window.session.messages[-1].content == reply, timeout=5_000)


def test_the_title_names_the_conversation_and_the_model(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    assert window.windowTitle() == "New chat — " + window.loaded.model_name
    send(window, qtbot, engine, "Plan a trip to Lisbon", "Sure.")
    title = window.store.conversation(window.session.conversation_id).title
    assert title and window.windowTitle() == f"{title} — {window.loaded.model_name}"
    window.unload_model()
    qtbot.waitUntil(lambda: window.loaded is None, timeout=5_000)
    assert window.windowTitle() == title


def test_the_empty_chat_welcomes_and_an_example_turns_the_token_view_on(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    assert window.chat_stack.currentWidget() is window.welcome_page
    assert window.loaded.model_name in window.welcome.heading.text()
    cards = window.welcome.cards
    assert len(cards) == 3 and all(card.toolTip() for card in cards)
    token_card = next(card for card in cards if card.example.token_view)
    engine.enqueue_reply("Blue", " light", " scatters.")
    qtbot.mouseClick(token_card, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.send_button.isEnabled()
                    and len(window.session.messages) == 2, timeout=5_000)
    assert window.probabilities_action.isChecked()
    assert window.chat_stack.currentWidget() is window.chat
    assert window.session.messages[0].content == token_card.example.prompt
    assert window.chat.show_probabilities  # the reply is drawn coloured by probability


def test_a_long_reply_or_a_download_notifies_only_when_the_window_is_unseen(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window, engine = scripted
    notifier = window.notifier
    clock = [1000.0]
    monkeypatch.setattr("ui.desktop.window_integration.time.monotonic", lambda: clock[0])
    monkeypatch.setattr(notifier, "unseen", lambda: True)
    engine.enqueue_reply("A long", " answer.")
    window.send("Tell me everything")
    clock[0] += LONG_REPLY_SECONDS + 1
    qtbot.waitUntil(window.send_button.isEnabled, timeout=5_000)
    assert notifier.sent == [("The reply is ready", "A long answer.")]
    send(window, qtbot, engine, "Short", "Quick.")  # no time passed: no notification
    assert len(notifier.sent) == 1
    window.download_events.push(JobDone(1, (tmp_path / "model-Q4_K_M.gguf",)))
    qtbot.waitUntil(lambda: len(notifier.sent) == 2, timeout=2_000)
    assert "model-Q4_K_M.gguf" in notifier.sent[1][1]
    monkeypatch.setattr(notifier, "unseen", lambda: False)  # the user is looking
    window.download_events.push(JobDone(2, (tmp_path / "other.gguf",)))
    qtbot.wait(50)
    assert len(notifier.sent) == 2
    notifier.enabled = False


def test_a_conversation_dropped_on_the_window_is_imported(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot, tmp_path: Path) -> None:
    window, engine = scripted
    send(window, qtbot, engine, "Remember this", "Remembered.")
    saved = export_to(window.store, window.session.conversation_id, "json",
                      tmp_path / "saved.json")
    window.new_chat()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    assert [m.content for m in window.session.messages] == ["Remember this", "Remembered."]
    assert window.chat_stack.currentWidget() is window.chat


def test_the_tour_can_be_skipped_and_never_returns(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, _engine = scripted
    assert not window.settings.tour_done
    tour = window.start_tour()
    assert tour.running and tour.card.isVisible()
    tour.next()
    assert window.side.currentWidget() is window.system_prompt
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc skips the tour, it stops nothing
    assert not tour.running and not tour.card.isVisible()
    assert load_settings(window.paths.settings_file).tour_done


def test_deleting_a_message_asks_first(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window, engine = scripted
    send(window, qtbot, engine, "First", "One.")
    send(window, qtbot, engine, "Second", "Two.")
    answers = iter(["cancel", "delete"])

    def exec_box(box: QMessageBox) -> int:
        wanted = next(answers)
        for button in box.buttons():
            role = box.buttonRole(button)
            if (wanted == "delete") == (role == QMessageBox.ButtonRole.DestructiveRole):
                button.click()
                break
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    window.chat.actionRequested.emit("delete", 2)
    assert len(window.session.messages) == 4  # cancelled
    window.chat.actionRequested.emit("delete", 2)
    assert [m.content for m in window.session.messages] == ["First", "One."]
    stored = window.store.current_path(window.session.conversation_id)
    assert [m.content for m in stored] == ["First", "One."]


def test_a_second_start_hands_its_file_to_the_first(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot, starter_model: Path,
        tmp_path: Path) -> None:
    window, _engine = scripted
    server = InstanceServer(server_name(app_paths().data))
    assert server.listen()
    server.received.connect(window.open_files)
    model = tmp_path / "double-clicked.gguf"
    model.symlink_to(starter_model)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    second = subprocess.Popen([sys.executable, str(ROOT / "main.py"), str(model)], env=env,
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        qtbot.waitUntil(lambda: second.poll() is not None or (
            window.loaded is not None and window.loaded.model_path == str(model)),
            timeout=30_000)
        assert second.wait(timeout=30) == 0, second.stdout.read() if second.stdout else ""
        qtbot.waitUntil(lambda: window.loaded is not None
                        and window.loaded.model_path == str(model), timeout=10_000)
    finally:
        if second.poll() is None:
            second.kill()
        server.close()
    # Nothing of the second start's is left: no second window, no settings written.
    assert json.loads(app_paths().settings_file.read_text())["last_model"] == str(model)
