"""What the window keeps between runs, and widgets reached through it.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin): the chat
shown when Prosa closed and the unsent draft (``core.chat.resume``), the window's
geometry and splitter, and short names for widgets of the side panel and the status
bar that tests and older code reach through the window.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QSplitter, QWidget

from core.chat.resume import Resume, save_resume
from core.conversation.session import ChatSession
from core.conversation.store import ConversationStore
from core.errors import ProsaError
from core.paths import AppPaths
from ui.composer import Composer
from ui.engine_tab import EngineTab
from ui.status_line import StatusLine


class WindowState(QMainWindow):
    """Where the user left off, and widget shortcuts (see the module docstring)."""

    paths: AppPaths
    store: ConversationStore
    composer: Composer
    splitter: QSplitter
    engine_tab: EngineTab
    status_line: StatusLine
    _resume_path: Path

    if TYPE_CHECKING:  # ui.window_messages's and the window's own
        @property
        def session(self) -> ChatSession: ...

        def open_conversation(self, conversation_id: int, message_id: int = 0) -> None: ...

    def _resume(self, resume: Resume) -> None:
        """Reopen the chat shown when Prosa last closed, with the unsent draft."""
        conversation = resume.conversation_id
        if conversation is not None:
            with contextlib.suppress(ProsaError):
                if self.store.conversation(conversation).deleted_at is None:
                    self.open_conversation(conversation)
        self.composer.setPlainText(resume.draft)

    def _save_resume(self) -> None:
        with contextlib.suppress(OSError):  # a read-only folder: nothing to reopen, no harm
            save_resume(self._resume_path, Resume(self.session.conversation_id,
                                                  self.composer.toPlainText()))

    def _qsettings(self) -> QSettings:
        return QSettings(str(self.paths.config / "window.ini"), QSettings.Format.IniFormat)

    def _restore_geometry(self) -> None:
        store = self._qsettings()
        geometry = store.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = store.value("splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def _save_geometry(self) -> None:
        store = self._qsettings()
        store.setValue("geometry", self.saveGeometry())
        store.setValue("splitter", self.splitter.saveState())
        store.sync()

    # Widgets that tests and older code reach through the window.
    @property
    def ctx_spin(self) -> QWidget:
        return self.engine_tab.ctx_spin

    @property
    def mode_combo(self) -> QWidget:
        return self.engine_tab.mode_combo

    @property
    def policy_combo(self) -> QWidget:
        return self.engine_tab.policy_combo

    @property
    def read_ahead_check(self) -> QWidget:
        return self.engine_tab.read_ahead_check

    @property
    def template_button(self) -> QPushButton:
        return self.status_line.template_button

    @property
    def model_label(self) -> QLabel:
        return self.status_line.model_label

    @property
    def speed_label(self) -> QLabel:
        return self.status_line.speed_label

    @property
    def context_label(self) -> QLabel:
        return self.status_line.context_label
