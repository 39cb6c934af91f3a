"""Every menu command does what it says, and every shortcut fires it: the real window
with a scripted engine, dialogs answered by the test (file dialogs return what a user
would pick, message boxes are read)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from core.engine.protocol import PromptInspection
from core.engine.scripted import ScriptedEngine
from core.settings import ThemeChoice, load_settings
from ui.desktop.menus import strip_mnemonic
from ui.desktop.shortcuts import ShortcutsDialog
from ui.palette import is_dark

pytestmark = pytest.mark.gui


def menu_actions(window: Any) -> dict[str, QAction]:
    """Every command in the menu bar, by object name (submenus included)."""
    found: dict[str, QAction] = {}

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())
            elif not action.isSeparator() and action.objectName():
                found[action.objectName()] = action

    for top in window.menuBar().actions():
        assert top.menu() is not None
        walk(top.menu())
    return found


def press(window: Any, qtbot: QtBot, action: QAction) -> None:
    """Type the action's first shortcut on the window, as a user would."""
    sequence = action.shortcuts()[0]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2_000)
    qtbot.keyClick(window, sequence[0].key(), sequence[0].keyboardModifiers())


def send(window: Any, qtbot: QtBot, engine: ScriptedEngine, text: str, reply: str) -> None:
    engine.enqueue_reply(reply)
    window.send(text)
    qtbot.waitUntil(lambda: window.send_button.isEnabled()
                    and window.session.messages[-1].content == reply, timeout=5_000)


def test_the_menus_follow_the_desktop_and_every_command_has_a_tip(
        scripted: tuple[Any, ScriptedEngine]) -> None:
    window, _engine = scripted
    titles = [strip_mnemonic(a.text()) for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Model", "Help"]
    actions = menu_actions(window)
    for name in ("newChat", "openModel", "importConversation", "exportMarkdown", "exportJson",
                 "quit", "copy", "copyReply", "find", "searchAll", "preferences",
                 "toggleSidebar", "toggleSidePanel", "probabilities", "zoomIn", "zoomOut",
                 "zoomReset", "fullScreen", "models", "reload", "unload", "engineSettings",
                 "editTemplate", "inspectPrompt", "shortcuts", "logFolder", "reportProblem",
                 "about"):
        assert name in actions, name
        assert actions[name].toolTip(), name
    keys = {name: action.shortcut().toString() for name, action in actions.items()}
    assert keys["newChat"] == "Ctrl+N" and keys["quit"] == "Ctrl+Q"
    assert keys["openModel"] == "Ctrl+O" and keys["find"] == "Ctrl+F"
    assert keys["searchAll"] == "Ctrl+K" and keys["preferences"] == "Ctrl+,"
    assert keys["zoomReset"] == "Ctrl+0"
    # Shortcuts work with the menu bar hidden: the window holds every action.
    held = set(window.actions())
    assert all(action in held for action in actions.values())
    # No command twice: "New chat" is the sidebar's button and the menu's action only.
    assert window.findChild(QAction, "newChat") is actions["newChat"]
    toolbar_texts = [strip_mnemonic(a.text()) for a in window.findChild(
        type(window.addToolBar("probe")), "mainToolbar").actions()]
    assert "New chat" not in toolbar_texts


def test_file_commands(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot,
                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window, engine = scripted
    actions = menu_actions(window)
    asked: list[str] = []

    def open_name(_parent: Any, caption: str, _dir: str, pattern: str) -> tuple[str, str]:
        asked.append(pattern)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_name)
    press(window, qtbot, actions["openModel"])
    assert asked and "*.gguf" in asked[-1]
    press(window, qtbot, actions["importConversation"])
    assert "*.json" in asked[-1]

    # Nothing to export until there is a conversation.
    assert not actions["exportMarkdown"].isEnabled()
    send(window, qtbot, engine, "Hello", "Hi there.")
    assert actions["exportMarkdown"].isEnabled() and actions["exportJson"].isEnabled()
    target = tmp_path / "chat.md"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_a: (str(target), "Markdown (*.md)"))
    press(window, qtbot, actions["exportMarkdown"])
    assert "Hi there." in target.read_text()

    press(window, qtbot, actions["newChat"])
    assert window.session.conversation_id is None and not window.session.messages
    assert window.chat_stack.currentWidget() is window.welcome_page
    assert not actions["exportMarkdown"].isEnabled()

    press(window, qtbot, actions["quit"])
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2_000)


def test_edit_commands(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    actions = menu_actions(window)
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    press(window, qtbot, actions["copyReply"])
    assert clipboard.text() == "before"  # no reply yet: nothing copied, said so
    assert window.statusBar().currentMessage()
    send(window, qtbot, engine, "Hello", "First **reply**.")
    send(window, qtbot, engine, "Again", "Second reply.")
    press(window, qtbot, actions["copyReply"])
    assert clipboard.text() == "Second reply."

    window.chat.setFocus()
    window.chat.selectAll()
    press(window, qtbot, actions["copy"])
    assert "First reply." in clipboard.text() and "Second reply." in clipboard.text()

    press(window, qtbot, actions["find"])
    assert window.find_bar.isVisible()
    press(window, qtbot, actions["searchAll"])
    assert window.sidebar.search.hasFocus()


def test_view_commands(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, _engine = scripted
    actions = menu_actions(window)
    press(window, qtbot, actions["toggleSidebar"])
    assert not window.sidebar.isVisible()
    press(window, qtbot, actions["toggleSidebar"])
    assert window.sidebar.isVisible()
    press(window, qtbot, actions["toggleSidePanel"])
    assert not window.side.isVisible()
    actions["engineSettings"].trigger()  # the panel comes back on its Engine tab
    assert window.side.isVisible() and window.side.currentWidget() is window.engine_page

    press(window, qtbot, actions["probabilities"])
    assert window.probabilities_action.isChecked()
    press(window, qtbot, actions["probabilities"])
    assert not window.probabilities_action.isChecked()

    base = window.chat.zoom()
    press(window, qtbot, actions["zoomIn"])
    press(window, qtbot, actions["zoomIn"])
    assert window.chat.zoom() == base + 2 == window.settings.chat_zoom
    press(window, qtbot, actions["zoomOut"])
    assert window.chat.zoom() == base + 1
    press(window, qtbot, actions["zoomReset"])
    assert window.chat.zoom() == 0
    # The zoom is kept for the next start.
    press(window, qtbot, actions["zoomIn"])
    assert load_settings(window.paths.settings_file).chat_zoom == 1

    window.theme_actions[ThemeChoice.DARK].trigger()
    assert is_dark(QApplication.palette())
    assert load_settings(window.paths.settings_file).theme == ThemeChoice.DARK
    window.theme_actions[ThemeChoice.LIGHT].trigger()
    assert not is_dark(QApplication.palette())

    actions["fullScreen"].trigger()
    assert window.isFullScreen()
    actions["fullScreen"].trigger()
    assert not window.isFullScreen()


def test_model_commands(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, engine = scripted
    actions = menu_actions(window)
    press(window, qtbot, actions["inspectPrompt"])
    qtbot.waitUntil(lambda: window.inspector is not None, timeout=5_000)
    assert isinstance(window.inspector.inspection, PromptInspection)
    actions["editTemplate"].trigger()
    assert window.template_editor is not None and window.template_editor.isVisible()
    window.template_editor.close()

    press(window, qtbot, actions["models"])
    assert window.models_dialog is not None and window.models_dialog.isVisible()
    window.models_dialog.close()

    actions["unload"].trigger()
    qtbot.waitUntil(lambda: window.loaded is None, timeout=5_000)
    assert engine.loaded is None
    assert window.status_line.model_label.text() != ""
    assert window.welcome.model_box.isVisibleTo(window.welcome)  # "Open a model" again
    recent = window.recent_menu
    recent.aboutToShow.emit()
    assert [a for a in recent.actions() if a.text()], "the model just used is recent"
    press(window, qtbot, actions["reload"])
    qtbot.waitUntil(lambda: window.loaded is not None, timeout=5_000)


def test_help_commands(scripted: tuple[Any, ScriptedEngine], qtbot: QtBot,
                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    window, _engine = scripted
    actions = menu_actions(window)
    press(window, qtbot, actions["shortcuts"])
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog) and dialog.isVisible()
    listed = dialog.visible_commands()
    assert "New chat" in listed and "Find in conversation…" in listed
    dialog.close()

    opened: list[QUrl] = []
    monkeypatch.setattr("ui.desktop.window_commands.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or True)
    actions["logFolder"].trigger()
    assert opened and Path(opened[0].toLocalFile()) == window.paths.logs

    (window.paths.logs / "prosa.log").write_text("a line the report must carry\n")
    report = tmp_path / "report.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(report), ""))
    actions["reportProblem"].trigger()
    qtbot.waitUntil(report.exists, timeout=10_000)
    with zipfile.ZipFile(report) as archive:
        names = archive.namelist()
        assert "about.json" in names and "logs/prosa.log" in names
        assert b"a line the report must carry" in archive.read("logs/prosa.log")
        assert b"scripted-model.gguf" in archive.read("about.json")
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "reportSaved") is not None,
                    timeout=5_000)
    saved = window.findChild(QMessageBox, "reportSaved")
    assert str(report) in saved.text()
    saved.accept()

    press(window, qtbot, actions["preferences"])
    assert window.preferences_dialog is not None and window.preferences_dialog.isVisible()
    window.preferences_dialog.reject()
    about = window.show_about()
    assert isinstance(about, QDialog) and about.isVisible()
    about.close()


def test_every_shortcut_is_listed_once(scripted: tuple[Any, ScriptedEngine]) -> None:
    window, _engine = scripted
    keys: dict[str, str] = {}
    for name, action in menu_actions(window).items():
        for sequence in action.shortcuts():
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in keys, f"{text}: {keys.get(text)} and {name}"
            keys[text] = name


def test_preferences_apply_at_once_and_are_kept(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot, tmp_path: Path) -> None:
    window, _engine = scripted
    window.preferences_action.trigger()
    dialog = window.preferences_dialog
    dialog.theme.setCurrentIndex(dialog.theme.findData(ThemeChoice.DARK.value))
    dialog.offline.setChecked(True)
    dialog.n_ctx.setValue(8192)
    dialog.notifications.setChecked(False)
    assert dialog.snapshot_memory.text() == "Automatic"
    dialog.snapshot_memory.setValue(64)
    dialog.models_dir.setText("relative/folder")  # refused, named beside its field
    dialog.accept()
    assert dialog.isVisible() and dialog.problem.isVisible()
    assert window.settings.n_ctx != 8192
    dialog.models_dir.setText(str(tmp_path / "models"))
    dialog.accept()
    assert not dialog.isVisible()
    assert is_dark(QApplication.palette()) and window.theme_actions[ThemeChoice.DARK].isChecked()
    assert window.downloads.offline and not window.notifier.enabled
    assert window.engine_tab.ctx_spin.value() == 8192
    assert "starts again" in window.statusBar().currentMessage()
    saved = load_settings(window.paths.settings_file)
    assert saved.offline and saved.n_ctx == 8192 and saved.theme == ThemeChoice.DARK
    assert saved.models_dir == str(tmp_path / "models")
    assert saved.snapshot_memory_mb == 64
    window.set_theme(ThemeChoice.LIGHT)


def test_a_search_typed_just_before_closing_never_reads_the_closed_store(
        scripted: tuple[Any, ScriptedEngine], qtbot: QtBot) -> None:
    window, _engine = scripted
    window.sidebar.search.setText("hello")  # the search waits for a typing pause
    window.close()
    qtbot.wait(400)  # past the pause: nothing runs, nothing raises in the event loop
    assert not window.sidebar._search_timer.isActive()
