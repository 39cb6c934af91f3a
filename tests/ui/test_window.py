"""The real window, offscreen, chatting with the real SmolLM2."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from core.engine.protocol import TokenBatch
from core.paths import app_paths
from core.sampling.params import SamplingParams
from core.settings import Settings, load_settings, save_settings
from ui.desktop.menus import strip_mnemonic
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


def _open(qtbot: QtBot, settings: Settings | None = None) -> MainWindow:
    paths = app_paths().ensure()
    win = MainWindow(paths, settings or load_settings(paths.settings_file))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.loaded is not None, timeout=60_000)
    return win


def _type_and_send(qtbot: QtBot, win: MainWindow, text: str) -> None:
    win.composer.setFocus()
    qtbot.keyClicks(win.composer, text)
    qtbot.keyClick(win.composer, Qt.Key.Key_Return)


def _set_sampling(win: MainWindow, **values: float) -> None:
    for name, value in values.items():
        win.sampling._spins[name].setValue(value)


def _idle(win: MainWindow) -> bool:
    return win.session.streaming is None


def test_reply_streams_into_the_window_batch_by_batch(qtbot: QtBot, window: MainWindow) -> None:
    _set_sampling(window, temperature=0, max_tokens=80)
    _type_and_send(qtbot, window, "Write a long story about a lighthouse keeper.")
    assert window.composer.toPlainText() == ""
    assert window.stop_button.isEnabled()
    # Several updates arrive while the reply is still being generated.
    qtbot.waitUntil(lambda: window.chat.live_updates >= 3, timeout=30_000)
    assert window.session.streaming is not None
    partial = window.chat.live_text
    assert partial
    qtbot.waitUntil(lambda: _idle(window), timeout=60_000)
    reply = window.session.messages[-1]
    assert reply.status == "length" and reply.stats is not None
    assert reply.stats.completion_tokens == 80
    assert reply.content.startswith(partial)
    assert window.chat.live_updates < 80  # coalesced, not one update per token
    assert "tok/s" in window.speed_label.text()
    assert "context" in window.context_label.text()
    assert not window.stop_button.isEnabled()


def test_stop_ends_a_long_reply_at_once(qtbot: QtBot, window: MainWindow) -> None:
    _set_sampling(window, temperature=0, max_tokens=4000)
    _type_and_send(qtbot, window, "Write a very long essay about the history of Europe.")
    qtbot.waitUntil(lambda: window.chat.live_updates >= 2, timeout=30_000)
    qtbot.keyClick(window.composer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: _idle(window), timeout=5_000)
    reply = window.session.messages[-1]
    assert reply.status == "stopped"
    assert reply.stats is not None and reply.stats.completion_tokens < 60
    assert "Stopped." in window.chat.plain_text()


def test_killed_engine_keeps_the_window_and_the_text(qtbot: QtBot, window: MainWindow) -> None:
    _set_sampling(window, temperature=0, max_tokens=4000)
    _type_and_send(qtbot, window, "Write a very long story about a dragon.")
    qtbot.waitUntil(lambda: window.chat.live_updates >= 2, timeout=30_000)
    pid = window.bridge.engine.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: _idle(window), timeout=15_000)
    reply = window.session.messages[-1]
    assert reply.status == "interrupted"
    shown = reply.content
    assert (shown and shown in window.chat.plain_text().replace("\u2029", "\n")) or shown[:20] \
        in window.chat.plain_text()
    assert "SIGKILL" in window.chat.plain_text()
    # The next message starts a fresh engine, reloads the model, and works.
    _set_sampling(window, max_tokens=40)
    _type_and_send(qtbot, window, "What is the capital of France?")
    qtbot.waitUntil(lambda: _idle(window) and window.session.messages[-1].role == "assistant"
                    and window.session.messages[-1].status != "streaming", timeout=60_000)
    assert "Paris" in window.session.messages[-1].content
    assert window.bridge.engine.pid != pid


def test_temperature_zero_gives_the_same_reply_twice(qtbot: QtBot, window: MainWindow) -> None:
    _set_sampling(window, temperature=0, max_tokens=40)
    replies = []
    for _ in range(2):
        window.new_chat()
        _type_and_send(qtbot, window, "Name a fruit and describe it.")
        qtbot.waitUntil(lambda: len(window.session.messages) == 2 and _idle(window),
                        timeout=60_000)
        replies.append(window.session.messages[-1].content)
    assert replies[0] == replies[1] and replies[0]


def test_system_prompt_and_sampling_panel_drive_the_request(qtbot: QtBot,
                                                            window: MainWindow) -> None:
    index = window.system_prompt.picker.findData("Concise")
    window.system_prompt.picker.setCurrentIndex(index)
    window.system_prompt.picker.activated.emit(index)
    assert window.session.system_prompt.startswith("Answer in as few words")
    assert window.session.request_messages(draft="Hi")[0] == {
        "role": "system", "content": window.session.system_prompt}
    window.sampling._sliders["temperature"].setValue(10)  # 10 steps of 0.05
    assert window.sampling.params().temperature == pytest.approx(0.5)
    assert window.sampling._spins["temperature"].value() == pytest.approx(0.5)
    window.sampling._spins["top_k"].setValue(1)
    assert "Top-k 1" in window.sampling._hint.text()


def test_settings_and_geometry_are_remembered(qtbot: QtBot, no_leftovers: None) -> None:
    win = _open(qtbot)
    win.resize(720, 520)  # inside the offscreen screen (800x600)
    win.sampling._spins["temperature"].setValue(0.3)
    win.close()
    saved = load_settings(app_paths().settings_file)
    assert saved.sampling.temperature == pytest.approx(0.3)
    assert saved.last_model is not None and saved.last_model.endswith(".gguf")
    again = _open(qtbot)
    assert (again.width(), again.height()) == (720, 520)
    assert again.sampling.params().temperature == pytest.approx(0.3)
    again.close()


def test_a_broken_model_file_gives_a_message_and_keeps_the_model(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    """The file is checked before anything is unloaded: the working model stays."""
    before = window.loaded
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"not a model at all")
    window.load_model(str(bad))
    qtbot.waitUntil(lambda: any("could not open" in t for t in window.problem_bar.texts()),
                    timeout=30_000)
    assert "GGUF" in " ".join(window.problem_bar.texts())
    assert window.loaded is before and window.controller.model_path == before.model_path
    assert window.model_label.text() == before.model_name
    assert window.model_picker.currentData(257) == before.model_path  # its path role
    assert "broken.gguf" not in window.chat.plain_text()  # not in the transcript


def test_a_model_that_crashed_at_load_is_not_reloaded(qtbot: QtBot, starter_model: Path,
                                                      no_leftovers: None) -> None:
    settings = Settings(last_model=str(starter_model), crashed_model=str(starter_model))
    save_settings(app_paths().ensure().settings_file, settings)
    win = MainWindow(app_paths(), settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: any("crashed the engine" in t for t in win.problem_bar.texts()),
                    timeout=10_000)
    win.close()


class _Emitter(QObject):
    ping = Signal(int)


class _Counter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    @Slot(int)
    def on_ping(self, value: int) -> None:
        self.total += value


def test_thousands_of_signal_emits_do_not_crash(qtbot: QtBot, window: MainWindow) -> None:
    # PySide6 6.12.0 on Python 3.11 aborts after about a thousand emits; the pin keeps
    # us on a release without that bug, and this test proves it.
    emitter, counter = _Emitter(), _Counter()
    emitter.ping.connect(counter.on_ping)
    for _ in range(5000):
        emitter.ping.emit(1)
    assert counter.total == 5000
    # The same from another thread, through the bridge's buffer, coalesced.
    received: list[str] = []
    window.bridge.tokens.connect(lambda rid, text, *_: received.append(text))
    worker = threading.Thread(target=lambda: [
        window.bridge._on_event(TokenBatch(999, "x", (1,))) for _ in range(5000)])
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len("".join(received)) == 5000, timeout=10_000)
    assert len(received) < 5000


def test_window_speaks_brazilian_portuguese(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                            no_leftovers: None) -> None:
    from ui.app import install_translators

    monkeypatch.setenv("PROSA_LANG", "pt_BR")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translators(app)
    try:
        assert translators, "the pt_BR translation did not load"
        win = MainWindow(app_paths().ensure(), Settings(sampling=SamplingParams()),
                         autoload=False)
        qtbot.addWidget(win)
        assert win.send_button.text() == "Enviar"
        assert strip_mnemonic(win.new_chat_action.text()) == "Nova conversa"
        win.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        QLocale.setDefault(QLocale.c())  # install_translators made pt_BR the default


def test_first_launch_chats_without_any_network(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                no_leftovers: None) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network use at start-up: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    win = _open(qtbot)  # a fresh PROSA_HOME: this is a first launch
    assert win.loaded is not None
    assert win.loaded.model_path.endswith("SmolLM2-135M-Instruct.Q4_1.gguf")
    win.close()


def test_updates_slow_down_to_what_the_window_can_afford_when_cores_are_busy(
        qtbot: QtBot) -> None:
    """With every core given to llama.cpp, an update costing 3 ms of the GUI thread's
    time makes the bridge drain at 15 a second (its budget of a core would allow
    fewer), not 30; with cores to spare it stays at 30."""
    import time

    from core.engine.pacing import FRAME_S, SHARED_FRAME_S
    from ui.engine_bridge import EngineBridge

    bridge = EngineBridge()
    bridge._spare = False
    assert bridge.frame_s == FRAME_S  # nothing measured yet

    def costly_update(*_: object) -> None:
        until = time.thread_time() + 0.003
        while time.thread_time() < until:
            pass

    bridge.tokens.connect(costly_update)
    stop = threading.Event()

    def engine() -> None:
        while not stop.is_set():
            bridge._on_event(TokenBatch(1, "x", (1,)))
            time.sleep(0.005)

    feeder = threading.Thread(target=engine)
    feeder.start()
    try:
        qtbot.waitUntil(lambda: bridge.drains >= 12, timeout=20_000)
    finally:
        stop.set()
        feeder.join()
    assert bridge.frame_s == SHARED_FRAME_S
    bridge._spare = True
    assert bridge.frame_s == FRAME_S
    bridge.shutdown()


def test_a_replys_first_tokens_are_shown_at_once_even_right_after_an_update(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.engine_bridge
    from ui.engine_bridge import EngineBridge

    monkeypatch.setattr(ui.engine_bridge, "SHARED_FRAME_S", 30.0)
    bridge = EngineBridge()
    bridge._spare = False
    bridge._drain_cost = 1.0  # updates 30 s apart: nothing but urgency drains early
    seen: list[int] = []
    bridge.tokens.connect(lambda request_id, *_: seen.append(request_id))
    bridge._on_event(TokenBatch(1, "a", (1,)))
    qtbot.waitUntil(lambda: seen == [1], timeout=5_000)
    # Tokens of the same reply right after that wait for the next frame...
    bridge._on_event(TokenBatch(1, "b", (2,)))
    QApplication.processEvents()
    assert seen == [1]
    # ...but the first tokens of the next reply do not.
    bridge._on_event(TokenBatch(2, "c", (3,)))
    QApplication.processEvents()
    assert seen == [1, 1, 2]
    bridge.shutdown()


def test_a_batch_late_in_its_frame_is_shown_at_once(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The local engine sends one batch per frame: one that comes with half a frame or
    less left is drawn at once (no second wake-up of the GUI thread for it), one that
    comes early in the frame waits for it."""
    import time

    import ui.engine_bridge
    from ui.engine_bridge import EngineBridge

    monkeypatch.setattr(ui.engine_bridge, "SHARED_FRAME_S", 2.0)
    bridge = EngineBridge()
    bridge._spare = False
    bridge._drain_cost = 1.0  # the frame is SHARED_FRAME_S, 2 s
    seen: list[str] = []
    bridge.tokens.connect(lambda _rid, text, *_: seen.append(text))
    bridge._on_event(TokenBatch(1, "a", (1,)))  # a reply's first tokens: at once
    qtbot.waitUntil(lambda: seen == ["a"], timeout=5_000)
    bridge._on_event(TokenBatch(1, "b", (2,)))  # early in the frame: waits
    QApplication.processEvents()
    assert seen == ["a"] and bridge._timer.isActive()
    bridge._drain()
    bridge._last_drain = time.monotonic() - 1.2  # 0.8 s of the frame left
    bridge._on_event(TokenBatch(1, "c", (3,)))
    QApplication.processEvents()
    assert seen == ["a", "b", "c"] and not bridge._timer.isActive()
    bridge.shutdown()


def test_cores_are_spare_only_beyond_the_engines_threads() -> None:
    from core.engine.pacing import cores_to_spare
    from core.system import available_cores, default_threads

    cores = available_cores()
    assert not cores_to_spare(cores)  # the user gave llama.cpp every core
    assert cores_to_spare(None) == (cores > default_threads())
    if cores > 1:
        assert cores_to_spare(cores - 1)
