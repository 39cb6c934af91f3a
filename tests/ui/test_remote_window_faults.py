"""Remote servers that fail, in the real window: a reply cut short keeps what arrived
and says so, a rate limit says how long to wait, a server that cannot be reached is
greyed in the model menu while the others list, offline mode is said, a key changed
for the model in use reloads it, and a plain-http address leaving the network is
warned about.

The failing server is ``tests.remote.fault_server`` (a real HTTP server that
misbehaves on cue); the addresses are judged by ``ui.remote.address``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from core.conversation.types import MessageStatus
from core.paths import app_paths
from core.remote.refs import make_ref
from core.remote.servers import RemoteServer
from core.settings import Settings, save_settings
from tests.peer_server import free_port
from tests.remote.fault_server import MODEL, FaultServer, fault_server
from ui.desktop.preferences import PreferencesDialog
from ui.main_window import MainWindow
from ui.model_picker import REMOTE_SERVERS
from ui.remote.address import is_local_host, sends_in_clear
from ui.remote.sections import PATH_ROLE
from ui.remote.server_editor import ServerEditor
from ui.remote.servers_page import RemoteServersPage


@pytest.fixture(scope="module")
def faulty() -> Iterator[FaultServer]:
    with fault_server() as server:
        yield server


@pytest.fixture
def window(qtbot: Any, no_leftovers: None, faulty: FaultServer) -> Iterator[MainWindow]:
    faulty.scenario = "ok"
    paths = app_paths().ensure()
    settings = Settings(tour_done=True)
    save_settings(paths.settings_file, settings)
    win = MainWindow(paths, settings, autoload=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def load_fault_model(window: MainWindow, qtbot: Any, faulty: FaultServer) -> RemoteServer:
    server = window.remotes.config.put(RemoteServer("Flaky", faulty.base_url))
    window.remote_servers_changed()
    window.load_model(make_ref(server.id, MODEL))
    qtbot.waitUntil(lambda: window.loaded is not None, timeout=10_000)
    return server


def send(window: MainWindow, qtbot: Any, text: str) -> None:
    window.composer.setPlainText(text)
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.streaming is None
                    and window.send_button.isEnabled() and len(window.session.messages) >= 2,
                    timeout=15_000)


@pytest.mark.gui
def test_a_reply_cut_short_keeps_what_arrived_and_says_so(
        window: MainWindow, qtbot: Any, faulty: FaultServer) -> None:
    load_fault_model(window, qtbot, faulty)
    # The server told its context length: the meter has a real total.
    assert window.loaded is not None and window.loaded.n_ctx == 8192
    assert "8,192 tokens, as the server says" in window.engine_tab.model_info.text()
    faulty.scenario = "truncated"
    send(window, qtbot, "Tell me a story.")
    reply = window.session.messages[-1]
    assert reply.status == MessageStatus.ERROR and reply.content == "Cut short"
    shown = window.chat.toPlainText()
    assert "Cut short" in shown
    assert ("The server “Flaky” ended the reply before it was finished; what arrived is "
            "kept.") in shown
    assert reply.id is not None and window.store.message(reply.id).content == "Cut short"


@pytest.mark.gui
def test_a_rate_limit_says_how_long_to_wait(
        window: MainWindow, qtbot: Any, faulty: FaultServer) -> None:
    load_fault_model(window, qtbot, faulty)
    faulty.scenario = "rate_limited"
    send(window, qtbot, "Hello?")
    assert "has too many requests now. Try again in 7 seconds." in window.chat.toPlainText()


@pytest.mark.gui
def test_the_menu_greys_a_server_that_cannot_be_reached_and_lists_the_others(
        window: MainWindow, qtbot: Any, faulty: FaultServer) -> None:
    config = window.remotes.config
    dead = config.put(RemoteServer("Switched off", f"http://127.0.0.1:{free_port()}"))
    flaky = config.put(RemoteServer("Flaky", faulty.base_url))
    window.remote_servers_changed()
    picker = window.model_picker
    # At once (the listings run on threads): each server's section, still listing.
    assert picker.findText("Switched off (" + dead.host + ")") >= 0
    qtbot.waitUntil(lambda: picker.findText("⚠ Cannot be reached") >= 0
                    and picker.findData(make_ref(flaky.id, MODEL), PATH_ROLE) >= 0,
                    timeout=20_000)
    row = picker.findText("⚠ Cannot be reached")
    assert not picker.model().flags(picker.model().index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
    tip = picker.itemData(row, Qt.ItemDataRole.ToolTipRole)
    assert "could not be reached" in tip and "Switched off" in tip
    title = picker.findText(f"Flaky ({flaky.host})")
    assert title >= 0 and picker.findText(MODEL) == title + 1
    # Opening the menu soon after lists nothing again (each server was just listed).
    picker.showPopup()
    assert not window.remote_lister.busy(dead.id) and not window.remote_lister.busy(flaky.id)
    picker.hidePopup()


@pytest.mark.gui
def test_offline_mode_is_said_in_the_menu(window: MainWindow, qtbot: Any,
                                          faulty: FaultServer) -> None:
    window.settings = Settings(tour_done=True, offline=True)
    window.remotes.config.put(RemoteServer("Flaky", faulty.base_url))
    count = len(faulty.headers_seen)
    window.remote_servers_changed()
    picker = window.model_picker
    qtbot.waitUntil(lambda: picker.findText("⚠ Offline mode is on") >= 0, timeout=10_000)
    assert len(faulty.headers_seen) == count  # nothing was sent


@pytest.mark.gui
def test_a_new_key_for_the_model_in_use_loads_it_again(
        window: MainWindow, qtbot: Any, faulty: FaultServer) -> None:
    server = load_fault_model(window, qtbot, faulty)
    assert faulty.headers_seen[-1].get("Authorization") is None
    page = window.show_remote_servers()
    assert page is not None
    page.server_list.setCurrentItem(page.server_list.topLevelItem(0))
    editor = page.edit()
    assert editor is not None and editor.name.text() == "Flaky" and editor.key.text() == ""
    qtbot.keyClicks(editor.key, "new-key")
    before = window.loaded
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert window.remotes.keys.get(server.id) == "new-key"
    qtbot.waitUntil(lambda: window.loaded is not None and window.loaded is not before,
                    timeout=10_000)
    assert faulty.headers_seen[-1].get("Authorization") == "Bearer new-key"
    assert window.preferences_dialog is not None
    window.preferences_dialog.reject()


@pytest.mark.gui
def test_the_editor_warns_of_plain_http_beyond_the_network(
        window: MainWindow, qtbot: Any) -> None:
    editor = ServerEditor(window.remotes, None, window)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.keyClicks(editor.name, "Cloud")
    qtbot.keyClicks(editor.url, "http://gpu.example.com:8000")
    assert editor.ok_button.isEnabled() and editor.clear_warning.isVisible()
    editor.url.clear()
    qtbot.keyClicks(editor.url, "https://gpu.example.com:8000")
    assert not editor.clear_warning.isVisible()
    editor.url.clear()
    qtbot.keyClicks(editor.url, "http://192.168.1.20:8080/v1")
    assert not editor.clear_warning.isVisible()
    # A name another server has is refused, whatever its case and spaces.
    window.remotes.config.put(RemoteServer("Lab  Box", "http://10.0.0.5:8080"))
    editor.name.clear()
    qtbot.keyClicks(editor.name, "lab box")
    assert not editor.ok_button.isEnabled()
    assert editor.problem.text() == "A server named “Lab Box” already exists."
    editor.reject()


@pytest.mark.gui
def test_preferences_without_a_window_have_no_remote_page(qtbot: Any) -> None:
    dialog = PreferencesDialog(Settings(), app_paths().ensure())
    qtbot.addWidget(dialog)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert "Remote servers" not in titles


@pytest.mark.parametrize(("url", "in_clear"), [
    ("http://127.0.0.1:8080/v1", False), ("http://localhost:11434", False),
    ("http://[::1]:8080", False), ("http://10.0.0.5:8080", False),
    ("http://192.168.1.20:8080/v1", False), ("http://172.16.0.9", False),
    ("http://labbox:8080", False), ("http://gpu.lan:8000", False),
    ("http://gpu.home.arpa", False), ("http://169.254.3.4", False),
    ("https://api.example.com/v1", False), ("http://api.example.com/v1", True),
    ("http://8.8.8.8:8080", True), ("http://[2001:db8::1]:80", False),
    ("http://[2606:4700::1111]:80", True),
])
def test_plain_http_is_flagged_only_beyond_the_local_network(url: str, in_clear: bool) -> None:
    assert sends_in_clear(url) is in_clear


def test_a_host_is_local_by_its_address_or_its_name() -> None:
    assert is_local_host("LOCALHOST.") and is_local_host("printer.local")
    assert not is_local_host("") and not is_local_host("example.org")


@pytest.mark.gui
def test_the_page_and_the_editor_explain_every_control(window: MainWindow,
                                                       faulty: FaultServer) -> None:
    from tests.ui.test_accessibility import _check

    window.remotes.config.put(RemoteServer("Flaky", faulty.base_url))
    page = window.show_remote_servers()
    assert page is not None and window.preferences_dialog is not None
    page.server_list.setCurrentItem(page.server_list.topLevelItem(0))
    _check(page)
    editor = page.edit()
    assert editor is not None
    _check(editor)
    editor.reject()
    window.preferences_dialog.reject()


@pytest.mark.gui
def test_the_model_menu_opens_the_remote_servers_page(window: MainWindow) -> None:
    picker = window.model_picker
    entry = picker.findData(REMOTE_SERVERS)
    assert entry == picker.count() - 1 and picker.itemText(entry) == "Remote servers…"
    current = picker.currentIndex()
    picker.activated.emit(entry)  # what choosing it in the open menu sends
    dialog = window.preferences_dialog
    assert dialog is not None and isinstance(dialog.tabs.currentWidget(), RemoteServersPage)
    assert picker.currentIndex() == current  # the menu still shows the model in use
    dialog.reject()
