"""Conversations that last, in the real window: branches, search, and a killed app."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from core.conversation.store import ConversationStore
from core.paths import app_paths
from core.settings import load_settings
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def window(window: MainWindow) -> MainWindow:
    """The shared window, with short greedy replies."""
    window.sampling._spins["temperature"].setValue(0)
    window.sampling._spins["max_tokens"].setValue(12)
    return window


def _wait_idle(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.session.streaming is None
                    and win.session.messages[-1].role == "assistant", timeout=60_000)


def test_edit_regenerate_switch_and_search(qtbot: QtBot, window: MainWindow) -> None:
    window.send("Name a colour of the rainbow.")
    _wait_idle(qtbot, window)
    first_reply = window.session.messages[1].content
    # Regenerate with sampling: a sibling reply, the first one kept.
    window.sampling._spins["temperature"].setValue(1.0)
    window.sampling._spins["seed"].setValue(1234)
    window.chat.actionRequested.emit("regenerate", 1)
    _wait_idle(qtbot, window)
    assert window.session.messages[1].siblings == (1, 2)
    assert "2/2" in window.chat.plain_text()
    window.chat.actionRequested.emit("prev", 1)
    assert window.session.messages[1].content == first_reply
    assert "1/2" in window.chat.plain_text()
    # Edit the question: a new branch from there, answered anew.
    window.sampling._spins["temperature"].setValue(0)
    window.edit_message(0, "Is a kiwi a fruit?")
    _wait_idle(qtbot, window)
    assert window.session.messages[0].content == "Is a kiwi a fruit?"
    assert window.session.messages[0].siblings == (1, 2)
    window.chat.actionRequested.emit("prev", 0)
    assert window.session.messages[0].content == "Name a colour of the rainbow."
    assert window.session.messages[1].content == first_reply
    # Search finds the edited branch's words and opens the conversation at that message.
    conversation = window.session.conversation_id
    window.new_chat()
    assert window.session.messages == []
    window.sidebar.search.setText("kiwi")
    qtbot.waitUntil(lambda: "match" in window.sidebar.list.item(0).text(), timeout=5_000)
    hit = window.sidebar.list.item(1)
    window.sidebar.list.itemClicked.emit(hit)
    assert window.session.conversation_id == conversation
    assert window.session.messages[0].content == "Is a kiwi a fruit?"


def test_a_conversation_survives_closing_the_app(qtbot: QtBot, no_leftovers: None) -> None:
    paths = app_paths().ensure()
    win = MainWindow(paths, load_settings(paths.settings_file))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    win.sampling._spins["max_tokens"].setValue(8)
    win.send("Hello there")
    _wait_idle(qtbot, win)
    shown = [(m.role, m.content, m.status) for m in win.session.messages]
    conversation = win.session.conversation_id
    win.close()
    again = MainWindow(paths, load_settings(paths.settings_file), autoload=False)
    qtbot.addWidget(again)
    titles = [again.sidebar.list.item(i).text() for i in range(again.sidebar.list.count())]
    assert "Hello there" in titles
    assert conversation is not None
    again.open_conversation(conversation)
    assert [(m.role, m.content, m.status) for m in again.session.messages] == shown
    again.close()


def test_killing_the_app_mid_reply_keeps_the_partial_reply(prosa_home: Path) -> None:
    script = textwrap.dedent("""
        import os, sys, time
        from PySide6.QtWidgets import QApplication
        from core.paths import app_paths
        from core.settings import Settings
        from ui.main_window import MainWindow
        if __name__ == "__main__":
            app = QApplication([])
            win = MainWindow(app_paths().ensure(), Settings())
            win.show()
            while win.loaded is None:
                app.processEvents(); time.sleep(0.01)
            win.sampling._spins["temperature"].setValue(0)
            win.sampling._spins["max_tokens"].setValue(4000)
            win.send("Write a very long story about a dragon.")
            while len(win.chat.live_text) < 200:
                app.processEvents(); time.sleep(0.01)
            end = time.monotonic() + 1.0  # let a save happen (every 0.5 s)
            while time.monotonic() < end:
                app.processEvents(); time.sleep(0.01)
            print("shown:" + str(len(win.session.messages[-1].content)), flush=True)
            while True:
                app.processEvents(); time.sleep(0.01)
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env=env,
                           stdout=subprocess.PIPE, text=True)
    try:
        assert app.stdout is not None
        line = app.stdout.readline()
        assert line.startswith("shown:"), line
        os.kill(app.pid, signal.SIGKILL)
        app.wait(10)
    finally:
        if app.poll() is None:
            app.kill()
    time.sleep(0.5)  # the orphaned engine notices its parent is gone and exits
    with ConversationStore(app_paths().data / "conversations.db") as store:
        conversation = store.list_conversations()[0]
        path = store.current_path(conversation.id)
        reply = path[-1]
        assert reply.role == "assistant" and reply.status == "interrupted"
        assert len(reply.content) >= 100


def test_messages_the_model_no_longer_sees_are_marked(qtbot: QtBot, window: MainWindow,
                                                      tmp_path: Path) -> None:
    import json

    window.ctx_spin.setValue(512)
    window._reload_model()
    qtbot.waitUntil(lambda: window.loaded is not None and window.loaded.n_ctx == 512,
                    timeout=60_000)
    turns = []
    for i in range(8):
        turns.append({"role": "user", "content": f"Question {i}: " + "tell me more " * 12})
        turns.append({"role": "assistant", "content": f"Answer {i}: " + "here it is " * 12})
    history = tmp_path / "long.json"
    history.write_text(json.dumps(turns), encoding="utf-8")
    window.import_conversation(str(history))
    assert len(window.session.messages) == 16
    index = window.policy_combo.findData("drop_oldest")
    window.policy_combo.setCurrentIndex(index)
    window.policy_combo.activated.emit(index)
    assert window.session.conversation_id is not None
    assert window.store.conversation(window.session.conversation_id).context_policy == \
        "drop_oldest"
    window.send("Finally, what is the capital of France?")
    _wait_idle(qtbot, window)
    dropped = [i for i, m in enumerate(window.session.messages) if m.dropped]
    assert dropped and dropped[0] == 0 and len(window.session.messages) - 2 not in dropped
    assert "no longer seen by the model" in window.chat.plain_text()
    assert window.session.messages[-1].status in ("done", "length")


def test_each_conversation_keeps_its_sampling_settings(qtbot: QtBot, window: MainWindow) -> None:
    window.send("Hello")
    _wait_idle(qtbot, window)
    first = window.session.conversation_id
    window.sampling._spins["top_k"].setValue(7)
    window.new_chat()
    window.sampling._spins["top_k"].setValue(33)
    window.send("Hi again")
    _wait_idle(qtbot, window)
    assert first is not None
    window.open_conversation(first)
    assert window.sampling.params().top_k == 7
