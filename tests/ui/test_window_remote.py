"""Remote engines in the real window, against a real OpenAI-compatible server:
llama-cpp-python's own (``llama_cpp.server``) serving SmolLM2 on 127.0.0.1 with an API
key, started once for the module.

The user's path end to end: Preferences → Remote servers → Add (name, address, key,
Test lists the model, OK), the server's model chosen from the model menu, a message
sent and its streamed reply finished, the stored reply's record naming the engine and
model, the prompt inspector and the template editor saying that the server formats
the prompt; a wrong key said in words; the key in no file Prosa wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QMessageBox

from core.conversation.types import MessageStatus, Role
from core.paths import app_paths
from core.remote.config import RemoteConfig
from core.remote.refs import make_ref
from core.remote.servers import RemoteServer
from core.settings import Settings, save_settings
from tests.peer_server import PeerServer, running
from ui.main_window import MainWindow
from ui.remote.sections import PATH_ROLE
from ui.remote.servers_page import RemoteServersPage

pytestmark = [pytest.mark.gui, pytest.mark.model, pytest.mark.timeout(180)]

KEY = "sk-prosa-gui-test-5f2c9a"


@pytest.fixture(scope="module")
def peer(starter_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PeerServer]:
    log = tmp_path_factory.mktemp("peer") / "server.log"
    with running(starter_model, log, api_key=KEY) as server:
        yield server


@pytest.fixture
def window(qtbot: Any, no_leftovers: None) -> Iterator[MainWindow]:
    paths = app_paths().ensure()
    settings = Settings(tour_done=True)
    save_settings(paths.settings_file, settings)
    win = MainWindow(paths, settings, autoload=False)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def add_server(window: MainWindow, qtbot: Any, name: str, address: str, key: str,
               ) -> RemoteServersPage:
    """Through the menus and the real widgets, as a user does; Preferences stays open."""
    window.remote_servers_action.trigger()
    dialog = window.preferences_dialog
    assert dialog is not None
    page = dialog.findChild(RemoteServersPage)
    assert page is not None and dialog.tabs.currentWidget() is page
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor is not None
    qtbot.keyClicks(editor.name, name)
    qtbot.keyClicks(editor.url, address)
    qtbot.keyClicks(editor.key, key)
    return page


def test_add_a_server_in_preferences_pick_its_model_and_chat(
        window: MainWindow, qtbot: Any, peer: PeerServer, starter_model: Path,
        prosa_home: Path) -> None:
    window.remote_servers_action.trigger()
    dialog = window.preferences_dialog
    assert dialog is not None
    page = dialog.findChild(RemoteServersPage)
    assert page is not None and dialog.tabs.tabText(dialog.tabs.currentIndex()) == \
        "Remote servers"
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor is not None and editor.isVisible()
    # Invalid entries: OK refused, with the reason.
    assert not editor.ok_button.isEnabled() and "name" in editor.problem.text()
    qtbot.keyClicks(editor.name, "Lab box")
    qtbot.keyClicks(editor.url, f"127.0.0.1:{peer.port}")
    assert not editor.ok_button.isEnabled() and "http://" in editor.problem.text()
    editor.url.clear()
    qtbot.keyClicks(editor.url, f"http://127.0.0.1:{peer.port}")  # no /v1: added
    assert editor.ok_button.isEnabled() and editor.problem.text() == ""
    assert not editor.clear_warning.isVisible()  # loopback: nothing leaves the machine
    # The key: masked, shown on demand; no keyring in tests, which the form says.
    qtbot.keyClicks(editor.key, KEY)
    assert editor.key.echoMode() == QLineEdit.EchoMode.Password
    qtbot.mouseClick(editor.show_key, Qt.MouseButton.LeftButton)
    assert editor.key.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(editor.show_key, Qt.MouseButton.LeftButton)
    assert editor.key.echoMode() == QLineEdit.EchoMode.Password
    assert not window.remotes.keys.remembers
    assert "only until Prosa closes" in editor.key_note.text()
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.model_list.count() > 0, timeout=30_000)
    assert [editor.model_list.item(i).text() for i in range(editor.model_list.count())] == \
        [starter_model.name]
    assert editor.test_status.text() == "The server answered: 1 model"
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None)
    assert page.server_list.topLevelItemCount() == 1
    row = page.server_list.topLevelItem(0)
    assert (row.text(0), row.text(1)) == ("Lab box", peer.base_url)
    dialog.accept()
    (server,) = window.remotes.config.servers
    assert window.remotes.keys.get(server.id) == KEY

    # The model menu lists the server's model (on a worker thread) and loads it.
    picker = window.model_picker
    ref = make_ref(server.id, starter_model.name)
    picker.showPopup()
    qtbot.waitUntil(lambda: picker.findData(ref, PATH_ROLE) >= 0, timeout=30_000)
    index = picker.findData(ref, PATH_ROLE)
    view = picker.view()
    qtbot.waitUntil(view.isVisible)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(view.model().index(index, 0)).center())
    qtbot.waitUntil(lambda: window.loaded is not None, timeout=30_000)
    loaded = window.loaded
    assert loaded is not None and loaded.remote and loaded.model_path == ref
    assert window.status_line.model_label.text() == f"{starter_model.name} @ Lab box"
    assert window.status_line.template_button.text() == "Template: the server's own"
    assert not window.remote_note.isHidden()
    assert "Server: Lab box" in window.engine_tab.model_info.text()
    assert picker.currentText() == f"{starter_model.name} @ Lab box"  # a recent model now

    # A message, its streamed reply, and the reply's record as stored.
    window.sampling._spins["temperature"].setValue(0)
    window.sampling._spins["max_tokens"].setValue(16)
    window.composer.setPlainText("Say hello.")
    qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.streaming is not None, timeout=10_000)
    qtbot.waitUntil(lambda: window.session.streaming is None
                    and window.send_button.isEnabled(), timeout=60_000)
    reply = window.session.messages[-1]
    assert reply.role == Role.ASSISTANT
    assert reply.status in (MessageStatus.DONE, MessageStatus.LENGTH)  # finished, whole
    assert reply.content.strip() and reply.content.strip() in window.chat.toPlainText()
    assert reply.id is not None
    stored = window.store.message(reply.id)
    assert stored.record is not None
    assert stored.record.engine == f"Lab box ({peer.base_url})"
    assert stored.record.model_file == starter_model.name
    assert stored.record.template_source == "server"
    assert "tok/s" in window.status_line.speed_label.text()
    assert window.status_line.ttft_label.text().startswith("first token ")
    assert window.status_line.context_label.text() == ""  # the server told no context

    # The reply's prompt: the request Prosa sent, said plainly, with the reply's record.
    window.chat.inspectRequested.emit(len(window.session.messages) - 1)
    qtbot.waitUntil(lambda: window.inspector is not None, timeout=10_000)
    inspector = window.inspector
    assert inspector is not None and inspector.remote
    assert "this is the request Prosa sends" in inspector.findChild(
        type(inspector.template_label), "inspectorReason").text()
    assert inspector.tabs.count() == 1 and inspector.tabs.tabText(0) == "Request"
    assert inspector.count_label.isHidden()
    request = json.loads(inspector.prompt_view.toPlainText())
    assert request["model"] == starter_model.name
    assert request["messages"][-1] == {"role": "user", "content": "Say hello."}
    assert f"Lab box ({peer.base_url})" in inspector.record_label.text()
    assert starter_model.name in inspector.record_label.text()
    inspector.close()
    # The draft's prompt shows no reply's record.
    window.composer.setPlainText("And again.")
    qtbot.mouseClick(window.inspect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.inspector is not inspector, timeout=10_000)
    assert window.inspector is not None and window.inspector.record_label.isHidden()
    window.inspector.close()

    # The template editor: nothing to edit, and why.
    window.edit_template()
    template_editor = window.template_editor
    assert template_editor is not None and template_editor.remote
    assert not template_editor.editor.isEnabled()
    assert not template_editor.save_button.isEnabled()
    assert template_editor.editor.toPlainText() == ""
    assert "server" in template_editor.findChild(
        type(inspector.template_label), "templateRemoteNote").text()
    template_editor.close()

    # The key is in no file Prosa wrote (settings, the server list, the chat, logs).
    window.close()
    files = [p for p in prosa_home.rglob("*") if p.is_file()]
    assert any(p.name == "remote_servers.json" for p in files)
    assert [p for p in files if KEY.encode() in p.read_bytes()] == []


def test_a_wrong_key_is_said_in_words_in_the_editor_and_the_menu(
        window: MainWindow, qtbot: Any, peer: PeerServer) -> None:
    page = add_server(window, qtbot, "Lab box", peer.base_url, "not-the-key")
    editor = page.editor
    assert editor is not None
    qtbot.mouseClick(editor.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not editor.is_testing(), timeout=30_000)
    assert editor.test_status.text() == ("The server “Lab box” refused the API key "
                                         "(HTTP 401): check the key it was given.")
    assert editor.model_list.isHidden()
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)  # kept all the same
    assert window.preferences_dialog is not None
    window.preferences_dialog.accept()
    picker = window.model_picker
    picker.showPopup()
    qtbot.waitUntil(lambda: picker.findText("⚠ Refused the API key") >= 0, timeout=30_000)
    row = picker.findText("⚠ Refused the API key")
    assert not picker.model().flags(picker.model().index(row, 0)) & Qt.ItemFlag.ItemIsEnabled
    assert "refused the API key (HTTP 401)" in picker.itemData(row, Qt.ItemDataRole.ToolTipRole)
    picker.hidePopup()


def test_removing_a_server_forgets_its_key_and_its_models_stay_harmless(
        qtbot: Any, no_leftovers: None, peer: PeerServer, starter_model: Path) -> None:
    """A removed server's model, last used and among the recent ones, neither loads
    nor crashes anything, at start or in the menus."""
    paths = app_paths().ensure()
    config = RemoteConfig.open(paths)
    kept = config.put(RemoteServer("Kept", peer.base_url))
    gone = make_ref("0" * 32, starter_model.name)
    settings = Settings(tour_done=True, last_model=gone,
                        recent_models=(gone, make_ref(kept.id, starter_model.name)))
    save_settings(paths.settings_file, settings)
    window = MainWindow(paths, settings, autoload=False)
    qtbot.addWidget(window)
    window.show()
    labels = [window.model_picker.itemText(i) for i in range(window.model_picker.count())]
    assert f"{starter_model.name} @ Kept" in labels
    assert not any(label.startswith(starter_model.name) and "@" not in label
                   for label in labels)  # the removed server's model is not offered
    window.recent_menu.aboutToShow.emit()
    actions = {a.text(): a for a in window.recent_menu.actions()}
    removed = actions[f"{starter_model.name} (its server was removed)"]
    assert not removed.isEnabled()
    assert actions[f"{starter_model.name} @ Kept"].isEnabled()
    assert actions[f"{starter_model.name} @ Kept"].toolTip() == peer.base_url
    # Loading it all the same (the last model, at start): said, and nothing loads.
    window.load_initial_model()
    qtbot.waitUntil(lambda: any("was removed from Prosa's remote servers" in text
                                for text in window.problem_bar.texts()), timeout=10_000)
    assert window.loaded is None and gone not in window.settings.recent_models
    # Remove "Kept" through Preferences: its key goes, its section and recent entry too.
    window.remotes.keys.set(kept.id, KEY)
    page = window.show_remote_servers()
    assert page is not None
    page.server_list.setCurrentItem(page.server_list.topLevelItem(0))

    def answer_yes() -> None:
        box = page.findChild(QMessageBox, "remoteRemoveQuestion")
        if box is None or not box.isVisible():
            QTimer.singleShot(20, answer_yes)
            return
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer_yes)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.server_list.topLevelItemCount() == 0
    assert window.remotes.config.servers == () and window.remotes.keys.get(kept.id) is None
    labels = [window.model_picker.itemText(i) for i in range(window.model_picker.count())]
    assert not any("Kept" in label for label in labels)
    window.close()

