"""The API server in the real window (widgets, bridge, controller and gate for real, the
scripted engine playing the model): off by default, turned on in Preferences with a
key that never reaches the settings file, a port in use said in the status bar, and a
window that stays responsive, its own reply streaming, while eight clients load it."""

from __future__ import annotations

import json
import socket
import threading
from typing import Any

import openai
import pytest
from PySide6.QtCore import QTimer

from core.conversation.types import Role
from core.engine.protocol import Generate
from core.settings import Settings
from tests.peer_server import free_port
from tests.scripted_window import OpenWindow, open_scripted

pytestmark = pytest.mark.gui
__all__ = ["open_scripted"]  # the fixture, for this module's tests

def serving(window: Any) -> bool:
    return bool(window.server.state.running)


def test_the_server_is_off_by_default(open_scripted: OpenWindow, qtbot: Any) -> None:
    window, _engine = open_scripted()
    qtbot.wait(100)
    assert not window.server_indicator.isVisible() and not serving(window)
    assert not any(t.name == "prosa-api-server" for t in threading.enumerate())


def test_turned_on_in_preferences_with_a_key_kept_out_of_the_settings(
        open_scripted: OpenWindow, qtbot: Any) -> None:
    window, _engine = open_scripted(Settings(tour_done=True))
    port = free_port()
    window.show_preferences()
    dialog = window.preferences_dialog
    page = window.server_page
    assert dialog is not None and page is not None
    assert dialog.tabs.indexOf(page) >= 0
    page.enabled.setChecked(True)
    page.port.setValue(port)
    page.require_key.setChecked(True)
    page.host.setText("0.0.0.0")
    assert page.host_warning.isVisibleTo(page)  # the network is warned of
    page.host.setText("127.0.0.1")
    assert not page.host_warning.isVisibleTo(page)
    dialog.accept()
    qtbot.waitUntil(lambda: serving(window), timeout=10_000)
    indicator = window.server_indicator
    assert indicator.isVisible()
    assert indicator.text() == f"○ Serving on http://127.0.0.1:{port}"
    key = window.server.state.key
    assert key and key.startswith("prosa-")
    saved = window.paths.settings_file.read_text(encoding="utf-8")
    assert key not in saved
    stored = json.loads(saved)
    assert (stored["server_enabled"], stored["server_port"], stored["server_require_key"]) \
        == (True, port, True)
    base = f"http://127.0.0.1:{port}/v1"
    assert openai.OpenAI(base_url=base, api_key=key, max_retries=0).models.list().data
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=base, api_key="wrong", max_retries=0).models.list()
    # The page shows the key (to copy) and where it is kept: no keyring here.
    window.show_preferences()
    page = window.server_page
    assert page is not None
    qtbot.waitUntil(lambda: page.key.text() == key, timeout=5_000)
    assert "no system keyring" in page.key_note.text()
    page.copy_key.click()
    from PySide6.QtGui import QGuiApplication

    assert QGuiApplication.clipboard().text() == key
    page.new_key.click()
    qtbot.waitUntil(lambda: page.key.text() not in ("", key), timeout=10_000)
    qtbot.waitUntil(lambda: serving(window), timeout=10_000)
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI(base_url=base, api_key=key, max_retries=0).models.list()
    assert openai.OpenAI(base_url=base, api_key=page.key.text(),
                         max_retries=0).models.list().data
    # Turned off: nothing listens any more.
    page.enabled.setChecked(False)
    assert window.preferences_dialog is not None
    window.preferences_dialog.accept()
    qtbot.waitUntil(lambda: not window.server.state.enabled, timeout=10_000)
    assert not window.server_indicator.isVisible()
    with pytest.raises(openai.APIConnectionError):
        openai.OpenAI(base_url=base, api_key="x", max_retries=0, timeout=2).models.list()


def test_a_port_in_use_is_said_not_raised(open_scripted: OpenWindow, qtbot: Any) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        window, _engine = open_scripted(Settings(tour_done=True, server_enabled=True,
                                               server_port=port))
        indicator = window.server_indicator
        qtbot.waitUntil(lambda: indicator.isVisible() and indicator.text()
                        == "API server stopped", timeout=10_000)
        assert f"Port {port} on 127.0.0.1 is in use" in indicator.toolTip()
        window.show_preferences()
        page = window.server_page
        assert page is not None and page.status.text().startswith("Not serving: Port")
        assert window.preferences_dialog is not None
        window.preferences_dialog.reject()


def test_the_window_stays_responsive_and_answers_first_under_load(
        open_scripted: OpenWindow, qtbot: Any) -> None:
    port = free_port()
    window, engine = open_scripted(Settings(tour_done=True, server_enabled=True,
                                          server_port=port), delay=0.005)
    qtbot.waitUntil(lambda: serving(window), timeout=10_000)
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    answered: list[str] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def client() -> None:
        api = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none",
                            max_retries=0, timeout=60)
        for n in range(20):
            try:
                if n % 2:
                    text = "".join(c.choices[0].delta.content or "" for c in
                                   api.chat.completions.create(
                                       model="", stream=True, max_tokens=4,
                                       messages=[{"role": "user", "content": "load"}])
                                   if c.choices)
                else:
                    text = api.chat.completions.create(
                        model="", max_tokens=4, messages=[
                            {"role": "user", "content": "load"}]).choices[0].message.content \
                        or ""
                with lock:
                    answered.append(text)
            except BaseException as exc:  # any failure fails the test
                with lock:
                    failures.append(exc)

    clients = [threading.Thread(target=client) for _ in range(8)]
    for thread in clients:
        thread.start()
    qtbot.waitUntil(lambda: window.server.requests.served >= 10, timeout=30_000)
    ticks_before = len(ticks)
    window.composer.setPlainText("Hi from the window")
    window.send_button.click()
    messages = window.session.messages
    qtbot.waitUntil(lambda: window.session.streaming is None and messages[-1].role
                    is Role.ASSISTANT and messages[-1].content == "Hello!", timeout=30_000)
    qtbot.waitUntil(lambda: not any(t.is_alive() for t in clients), timeout=60_000)
    for thread in clients:
        thread.join()
    assert failures == [] and answered == ["Hello!"] * 160
    # The event loop kept turning all along (no timed claim: only that it did).
    assert len(ticks) > ticks_before + 10
    # The user's reply was sent before the jobs still waiting when it was asked for.
    generates = [r for r in engine.requests if isinstance(r, Generate)]
    mine = next(i for i, g in enumerate(generates)
                if g.messages[-1]["content"] == "Hi from the window")
    assert mine < len(generates) - 1
    qtbot.waitUntil(lambda: window.server.requests.active == 0, timeout=10_000)
    window.show_server_log()
    log = window.server_log
    assert log is not None
    qtbot.waitUntil(lambda: log.table.rowCount() == 160, timeout=5_000)
    assert log.table.item(0, 4).text() == "200"
    assert "160 requests answered" in log.summary.text()
    timer.stop()
