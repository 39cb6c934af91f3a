"""A whole conversation in the real window, with a scripted engine: no model loaded.

The window's widgets, its bridge (coalescing on the GUI thread) and the controller run
for real; only the engine's answers are scripted, so a test can stream, stop, fail and
crash on cue in a fraction of a second."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.conversation.types import MessageStatus
from core.engine.scripted import ScriptedEngine
from core.errors import Problem
from core.paths import app_paths

pytestmark = pytest.mark.gui


def send(window: Any, qtbot: Any, text: str) -> None:
    window.composer.setPlainText(text)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)


def test_send_stream_and_finish(scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    assert window.model_label.text() == "scripted-model"
    engine.enqueue_reply(*[f"w{i} " for i in range(40)])
    send(window, qtbot, "Hello there")
    assert window.composer.toPlainText() == ""
    qtbot.waitUntil(lambda: not window.stop_button.isEnabled(), timeout=5_000)
    shown = window.chat.toPlainText()
    assert "Hello there" in shown and "w0 w1 w2" in shown and "w39" in shown
    assert window.session.messages[-1].status == MessageStatus.DONE
    assert window.speed_label.text() == "100.0 tok/s"
    assert window.send_button.isEnabled()
    stored = window.store.current_path(window.session.conversation_id)
    assert stored[-1].content == "".join(f"w{i} " for i in range(40))


def test_stop_keeps_the_partial_reply(scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    engine.token_delay_s = 0.02
    engine.enqueue_reply(*[f"t{i} " for i in range(500)])
    send(window, qtbot, "A long story please")
    qtbot.waitUntil(lambda: "t3" in window.chat.toPlainText(), timeout=5_000)
    assert window.stop_button.isEnabled() and "tokens…" in window.speed_label.text()
    window.stop()
    qtbot.waitUntil(lambda: not window.stop_button.isEnabled(), timeout=5_000)
    reply = window.session.messages[-1]
    assert reply.status == MessageStatus.STOPPED and reply.content.startswith("t0 t1 t2")
    assert "t499" not in reply.content
    assert window.chat.toPlainText().rstrip().endswith("Stopped.")
    assert "tokens…" not in window.speed_label.text()


def test_an_error_is_shown_once(scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    problem = Problem.of("engine.failed", "The engine failed: {error}", details="Traceback…",
                         error="out of cheese")
    engine.enqueue_failure(problem, "Half a ")
    send(window, qtbot, "Hi")
    qtbot.waitUntil(lambda: not window.stop_button.isEnabled(), timeout=5_000)
    assert window.chat.toPlainText().count("The engine failed: out of cheese") == 1
    assert window.session.messages[-1].status == MessageStatus.ERROR


def test_a_crash_message_is_shown_once_and_the_status_bar_is_reset(
        scripted: tuple[Any, ScriptedEngine], qtbot: Any) -> None:
    window, engine = scripted
    crash = Problem.of("engine.died.killed", "The engine process was killed ({signal}), "
                       "often by the system when memory runs out. Your conversation is "
                       "safe; the next message starts a fresh engine.", signal="SIGKILL")
    engine.enqueue_crash(crash, *[f"c{i} " for i in range(30)])
    send(window, qtbot, "Tell me")
    qtbot.waitUntil(lambda: not window.stop_button.isEnabled(), timeout=5_000)
    text = window.chat.toPlainText()
    assert text.count("was killed (SIGKILL)") == 1
    assert window.session.messages[-1].status == MessageStatus.INTERRUPTED
    assert "c29" in window.session.messages[-1].content
    assert "tokens…" not in window.speed_label.text()
    assert "engine restarts with the next message" in window.model_label.text()
    engine.enqueue_reply("Back again.")
    send(window, qtbot, "Still there?")
    qtbot.waitUntil(lambda: "Back again." in window.chat.toPlainText(), timeout=5_000)
    qtbot.waitUntil(lambda: window.model_label.text() == "scripted-model", timeout=5_000)


def test_a_load_failure_offers_its_details(scripted: tuple[Any, ScriptedEngine], qtbot: Any,
                                           tmp_path: Path, starter_model: Path) -> None:
    from core import logs
    from ui.details_dialog import DetailsDialog

    window, engine = scripted
    log = logs.setup(app_paths(), "prosa-test")
    engine.enqueue_load_failure(Problem.of(
        "gguf.truncated", "This GGUF file is truncated.",
        details="llama_model_load: error loading model: tensor data is not within bounds"))
    # A file whose header is fine (the check passes); the engine then refuses it.
    import shutil

    refused = tmp_path / "refused.gguf"
    shutil.copy(starter_model, refused)
    window.load_model(str(refused))
    qtbot.waitUntil(lambda: any("could not be loaded" in t
                                for t in window.problem_bar.texts()), timeout=5_000)
    from core.chat.screen import Topic

    problem = window.problem_bar.problems()[Topic.MODEL]
    assert problem.code == "chat.load_failed_kept"  # and back to the model that worked
    qtbot.waitUntil(lambda: window.loaded is not None
                    and window.loaded.model_name == "scripted-model", timeout=5_000)
    window.problem_bar.detailsRequested.emit(problem)
    dialog = window.findChild(DetailsDialog)
    assert dialog is not None
    assert "tensor data is not within bounds" in dialog.text.toPlainText()
    dialog.copy()
    from PySide6.QtGui import QGuiApplication

    assert "gguf.truncated" in QGuiApplication.clipboard().text()
    dialog.close()
    logs.close("prosa-test")
    written = log.read_text()
    assert "chat.load_failed_kept" in written and "tensor data is not within bounds" in written
