"""What the menus' commands do: copy, find, zoom, panels, theme, preferences, help.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  The
menus themselves are built in :mod:`ui.desktop.menus`; this module implements the
commands that are the window's own rather than the chat controller's, so each stays
short and the window's module does not grow with every menu entry.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QTabWidget,
    QTextEdit,
)

from core.about.report import write_report
from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.conversation.session import ChatSession
from core.conversation.types import Role
from core.errors import Problem
from core.hub.downloads import DownloadManager
from core.paths import AppPaths
from core.remote.refs import parse_ref
from core.remote.registry import RemoteRegistry
from core.settings import ZOOM_RANGE, Settings, ThemeChoice
from ui.chat_view import ChatView
from ui.desktop.notifier import Notifier
from ui.desktop.preferences import PreferencesDialog
from ui.desktop.shortcuts import ShortcutsDialog
from ui.engine_tab import EngineTab
from ui.models_dialog import ModelsDialog
from ui.sidebar import Sidebar
from ui.tasks import Tasks
from ui.theme import apply_theme


class WindowCommands(QMainWindow):
    """The desktop commands of the main window (see the module docstring)."""

    paths: AppPaths
    remotes: RemoteRegistry
    controller: ChatController
    chat: ChatView
    sidebar: Sidebar
    side: QTabWidget
    engine_tab: EngineTab
    engine_page: QScrollArea
    tasks: Tasks
    sidebar_action: QAction
    side_panel_action: QAction
    full_screen_action: QAction
    theme_actions: dict[ThemeChoice, QAction]
    export_markdown_action: QAction
    export_json_action: QAction
    recent_menu: QMenu
    preferences_dialog: PreferencesDialog | None
    shortcuts_dialog: ShortcutsDialog | None
    notifier: Notifier
    models_dialog: ModelsDialog | None
    downloads: DownloadManager

    # Provided by the window and its other parts.
    settings: Settings

    def _save_settings(self, settings: Settings) -> None:
        raise NotImplementedError

    def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None:
        raise NotImplementedError

    def export_conversation(self, conversation_id: int, kind: str) -> None:
        raise NotImplementedError

    def open_model_file(self, path: str) -> None:
        raise NotImplementedError

    def load_model(self, path: str, *, add: bool = False, at_start: bool = False,
                   quiet: bool = False) -> None:
        raise NotImplementedError

    # --- File ----------------------------------------------------------------------------

    @Slot()
    def choose_model_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a model"), str(Path.home()),
            self.tr("GGUF models (*.gguf);;All files (*)"))
        if path:
            self.open_model_file(path)

    def export_current(self, kind: str) -> None:
        """Export the conversation shown (the actions are disabled while there is none)."""
        conversation = self.session.conversation_id
        if conversation is not None:
            self.export_conversation(conversation, kind)

    def _enable_conversation_actions(self) -> None:
        has_one = self.session.conversation_id is not None
        self.export_markdown_action.setEnabled(has_one)
        self.export_json_action.setEnabled(has_one)

    # --- Edit ----------------------------------------------------------------------------

    @Slot()
    def copy_selection(self) -> None:
        """Copy what is selected where the keyboard is (a field, the chat)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QLineEdit):
            if focus.hasSelectedText():
                focus.copy()
                return
        elif isinstance(focus, (QTextEdit, QPlainTextEdit)) and focus.textCursor().hasSelection():
            focus.copy()
            return
        if self.chat.textCursor().hasSelection():
            self.chat.copy()

    def last_reply(self) -> str | None:
        """The text of the last reply in the conversation shown."""
        replies = [m for m in self.session.messages if m.role == Role.ASSISTANT and m.content]
        return replies[-1].content if replies else None

    @Slot()
    def copy_last_reply(self) -> None:
        text = self.last_reply()
        if text is None:
            self.statusBar().showMessage(self.tr("There is no reply to copy yet."), 5000)
            return
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(self.tr("The last reply was copied."), 5000)

    @Slot()
    def search_all_conversations(self) -> None:
        if not self.sidebar.isVisible():
            self.sidebar_action.setChecked(True)
        self.sidebar.search.setFocus()
        self.sidebar.search.selectAll()

    # --- View ----------------------------------------------------------------------------

    @Slot()
    def toggle_sidebar(self) -> None:
        self.sidebar.setVisible(self.sidebar_action.isChecked())

    @Slot()
    def toggle_side_panel(self) -> None:
        self.side.setVisible(self.side_panel_action.isChecked())

    def zoom_chat(self, step: int) -> None:
        """Larger (``step`` > 0) or smaller text in the conversation; 0 resets it.  The
        zoom is kept in the settings, so it is the same next time."""
        low, high = ZOOM_RANGE
        zoom = 0 if step == 0 else min(high, max(low, self.settings.chat_zoom + step))
        self.chat.set_zoom(zoom)
        if zoom != self.settings.chat_zoom:
            self.settings = replace(self.settings, chat_zoom=zoom)
            self._save_settings(self.settings)

    def set_theme(self, choice: ThemeChoice) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.theme_actions[choice].setChecked(True)
        if choice != self.settings.theme:
            self.settings = replace(self.settings, theme=choice)
            self._save_settings(self.settings)

    @Slot()
    def toggle_full_screen(self) -> None:
        if self.full_screen_action.isChecked():
            self.showFullScreen()
        else:
            self.showNormal()

    # --- Model ---------------------------------------------------------------------------

    @Slot()
    def unload_model(self) -> None:
        self.controller.unload_model()
        self.statusBar().showMessage(self.tr("The model was unloaded; its memory is free."),
                                     8000)

    @Slot()
    def _fill_recent_menu(self) -> None:
        """The models used last, newest first (filled when the menu opens, so it is
        never stale)."""
        menu = self.recent_menu
        menu.clear()
        for path in self.settings.recent_models:
            label, tip, usable = self._recent_entry(path)
            action = menu.addAction(label)
            action.setToolTip(tip)
            action.setEnabled(usable)
            action.triggered.connect(lambda _checked=False, p=path: self.load_model(p))
        if not self.settings.recent_models:
            menu.addAction(self.tr("No models used yet")).setEnabled(False)

    def _recent_entry(self, path: str) -> tuple[str, str, bool]:
        """A recent model's label, tooltip and whether it can load: a file by its name
        (greyed when gone), a server's model as ``model @ server`` (greyed when the
        server was removed)."""
        ref = parse_ref(path)
        if ref is None:
            return Path(path).name, path, Path(path).is_file()
        server = self.remotes.config.get(ref.server_id)
        if server is None:
            return (self.tr("%1 (its server was removed)").replace("%1", ref.model), "",
                    False)
        return f"{ref.model} @ {server.name}", server.base_url, True

    @Slot()
    def show_engine_settings(self) -> None:
        if not self.side.isVisible():
            self.side_panel_action.setChecked(True)
        self.side.setCurrentWidget(self.engine_page)
        self.engine_tab.ctx_spin.setFocus()

    # --- Preferences ---------------------------------------------------------------------

    @Slot()
    def show_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self.paths, self)
        dialog.applied.connect(self.apply_preferences)
        self.preferences_dialog = dialog
        dialog.open()

    @Slot(object)
    def apply_preferences(self, chosen: object) -> None:
        """Apply what the Preferences dialog says; what only takes effect at the next
        start (the language, the models folder) is said so."""
        assert isinstance(chosen, Settings)
        before = self.settings
        self.settings = chosen
        self._save_settings(chosen)
        if chosen.theme != before.theme:
            self.set_theme(chosen.theme)
        if (chosen.hub_endpoint, chosen.hub_token, chosen.offline) != (
                before.hub_endpoint, before.hub_token, before.offline):
            if self.models_dialog is not None:  # the Hub tab says what changed
                self.models_dialog.hub_view.apply_settings(
                    chosen.hub_endpoint, chosen.hub_token, chosen.offline)
            else:
                self.downloads.set_endpoint(chosen.hub_endpoint)
                self.downloads.set_token(chosen.hub_token)
                self.downloads.set_offline(chosen.offline)
        tab = self.engine_tab
        tab.ctx_spin.setValue(chosen.n_ctx)
        tab.gpu_spin.setValue(chosen.n_gpu_layers)
        tab.threads_spin.setValue(chosen.n_threads or 0)
        tab.read_ahead_check.setChecked(chosen.read_ahead)
        self.notifier.enabled = chosen.notifications
        if (chosen.language, chosen.models_dir) != (before.language, before.models_dir):
            self.statusBar().showMessage(self.tr(
                "The new language and models folder take effect when Prosa starts again."),
                15_000)

    # --- Help ----------------------------------------------------------------------------

    @Slot()
    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        self.shortcuts_dialog = dialog
        dialog.open()

    @Slot()
    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.paths.logs)))

    @Slot()
    def report_problem(self) -> None:
        """Save the logs and a description of this computer in one file, written off
        the GUI thread (logs can be megabytes)."""
        from core.about.report import report_name

        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a problem report"), str(Path.home() / report_name()),
            self.tr("Zip archives (*.zip)"))
        if not path:
            return
        loaded = self.controller.loaded
        extra = {"model": None if loaded is None else Path(loaded.model_path).name,
                 "backend": None if loaded is None or loaded.backend is None
                 else asdict(loaded.backend)}
        self.tasks.run(lambda: write_report(self.paths, Path(path), extra),
                       self._report_written, self._report_failed, lane="report")

    def _report_written(self, written: object) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Problem report saved"),
                          self.tr("The report was saved as %1. Attach it to your message; "
                                  "it holds the logs and a description of this computer, no "
                                  "conversations.").replace("%1", str(written)),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("reportSaved")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _report_failed(self, problem: Problem) -> None:
        self.show_problem(problem, Topic.FILES)

    # Declared last: lupdate loses the class's context after a decorated stub.
    if TYPE_CHECKING:  # ui.window_messages's
        @property
        def session(self) -> ChatSession: ...
