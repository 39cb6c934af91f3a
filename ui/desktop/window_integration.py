"""The window among the desktop's other windows: its title, notifications, files handed
over by another start, the welcome page and the first-run tour.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).  What
ties these together: each is about what the user sees from outside the conversation
(a taskbar entry, a notification, a file opened from the file manager, the first
minute with the app), none changes the conversation itself.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from core.chat.controller import ChatController
from core.chat.screen import Topic
from core.conversation.session import ChatMessage, ChatSession
from core.conversation.store import ConversationStore
from core.conversation.types import MessageStatus, Role
from core.engine.protocol import ModelLoaded
from core.errors import Problem, ProsaError
from core.hub.jobs import JobDone
from core.settings import Settings
from ui.chat_view import ChatView
from ui.desktop.notifier import Notifier
from ui.engine_tab import EngineTab
from ui.first_run.tour import Tour, TourStep
from ui.first_run.welcome import WelcomePage
from ui.format import number
from ui.recovery_offer import RecoveryOffer
from ui.sampling_panel import SamplingPanel
from ui.sidebar import Sidebar
from ui.system_prompt import SystemPromptPanel
from ui.tasks import Tasks

#: A reply that took longer than this is worth a notification when it ends unseen.
LONG_REPLY_SECONDS = 5.0
#: Longest part of a reply quoted in its notification.
NOTIFICATION_CHARS = 120


class WindowIntegration(QMainWindow):
    """The desktop-facing side of the main window (see the module docstring)."""

    store: ConversationStore
    controller: ChatController
    chat: ChatView
    welcome: WelcomePage
    welcome_page: QScrollArea
    chat_stack: QStackedWidget
    side: QTabWidget
    system_prompt: SystemPromptPanel
    sampling: SamplingPanel
    engine_tab: EngineTab
    engine_page: QScrollArea
    side_panel_action: QAction
    probabilities_action: QAction
    notifier: Notifier
    tour: Tour | None
    _reply_started_at: float | None
    tasks: Tasks
    sidebar: Sidebar
    recovery_offer: RecoveryOffer | None

    # Provided by the window and its other parts.
    settings: Settings

    def _save_settings(self, settings: Settings) -> None:
        raise NotImplementedError

    def open_model_file(self, path: str) -> None:
        raise NotImplementedError

    def import_conversation(self, path: str = "") -> None:
        raise NotImplementedError

    def send(self, text: str) -> None:
        raise NotImplementedError

    def show_models(self, tab: int = 0) -> object:
        raise NotImplementedError

    def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None:
        raise NotImplementedError

    # --- the title -----------------------------------------------------------------------

    def update_title(self) -> None:
        """"Conversation — model" (the desktop adds "— Prosa"), so the taskbar and the
        window switcher say which chat this is."""
        conversation = self.session.conversation_id
        title = ""
        if conversation is not None:
            with contextlib.suppress(ProsaError):
                title = self.store.conversation(conversation).title
        parts = [title or self.tr("New chat")]
        loaded = self.controller.loaded
        if loaded is not None:
            parts.append(loaded.model_name or Path(loaded.model_path).stem)
        self.setWindowTitle(" — ".join(parts))

    # --- the welcome page ----------------------------------------------------------------

    def show_page(self) -> None:
        """The welcome page while the conversation is empty, else the conversation."""
        empty = not self.session.messages
        self.chat_stack.setCurrentWidget(self.welcome_page if empty else self.chat)

    def show_welcome_model(self, loaded: ModelLoaded | None) -> None:
        self.welcome.show_model(None if loaded is None else loaded.model_name,
                                loaded is not None and loaded.mode == "completion")

    @Slot(str, bool)
    def try_example(self, prompt: str, token_view: bool) -> None:
        """An example from the welcome page: sent as the user's message; the token
        example turns token probabilities on first, so the reply arrives coloured."""
        if token_view:
            self.probabilities_action.setChecked(True)
        self.send(prompt)

    # --- notifications -------------------------------------------------------------------

    def note_reply_started(self) -> None:
        self._reply_started_at = time.monotonic()

    def notify_reply_finished(self, message: ChatMessage) -> None:
        """A long reply ended while the user looked elsewhere: say so."""
        started, self._reply_started_at = self._reply_started_at, None
        if started is None or time.monotonic() - started < LONG_REPLY_SECONDS:
            return
        if message.role != Role.ASSISTANT or message.status != MessageStatus.DONE:
            return
        text = " ".join(message.content.split())
        if len(text) > NOTIFICATION_CHARS:
            text = text[:NOTIFICATION_CHARS - 1] + "…"
        self.notifier.notify(self.tr("The reply is ready"), text)

    def notify_download(self, event: object) -> None:
        if isinstance(event, JobDone):
            self.notifier.notify(self.tr("Download finished"),
                                 self.tr("%1 is ready to load.").replace("%1", event.path.name))

    # --- files from elsewhere ------------------------------------------------------------

    @Slot(list)
    def open_files(self, files: list[str]) -> None:
        """Files given to another start of Prosa (a double-clicked ``.gguf``, a
        conversation): opened here, and the window comes to the front."""
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()
        models = [f for f in files if f.lower().endswith(".gguf")]
        for conversation in (f for f in files if f.lower().endswith(".json")):
            self.import_conversation(conversation)
        if models:
            self.open_model_file(models[0])

    # --- the tour ------------------------------------------------------------------------

    def start_tour(self) -> Tour:
        """The first-run tour of the right panel; it never returns once finished or
        skipped (the settings remember)."""
        if not self.side.isVisible():
            self.side_panel_action.setChecked(True)

        def tab(widget: QWidget) -> None:
            self.side.setCurrentWidget(widget)

        def area(widget: QWidget) -> QRect:
            return QRect(widget.mapTo(self, widget.rect().topLeft()), widget.size())

        steps = [
            TourStep(lambda: area(self.side), self.tr("The settings panel"), self.tr(
                "Everything about how the model answers lives here, beside the chat. "
                "Hide it with Ctrl+Shift+B.")),
            TourStep(lambda: area(self.side), self.tr("System prompt"), self.tr(
                "Instructions the model reads before the conversation: a role, a tone, "
                "rules. Each chat keeps its own."), lambda: tab(self.system_prompt)),
            TourStep(lambda: area(self.side), self.tr("Sampling"), self.tr(
                "How the next token is chosen. Presets go from precise to creative; the "
                "sliders show what each setting does."), lambda: tab(self.sampling)),
            TourStep(lambda: area(self.side), self.tr("Engine"), self.tr(
                "How much the model can read at once, GPU layers and threads, and the "
                "chat template that turns the conversation into the model's prompt."),
                lambda: tab(self.engine_page)),
        ]
        tour = Tour(self, steps)
        tour.ended.connect(self._tour_ended)
        self.tour = tour
        tour.start()
        return tour

    @Slot(bool)
    def _tour_ended(self, _finished: bool) -> None:
        self.side.setCurrentIndex(0)
        if not self.settings.tour_done:
            self.settings = replace(self.settings, tour_done=True)
            self._save_settings(self.settings)

    # --- a damaged history ----------------------------------------------------------------

    def offer_recovery(self) -> RecoveryOffer | None:
        """The history file was damaged and set aside at start: read what it still
        holds, in the background, and offer to bring those conversations back."""
        damaged = self.store.set_aside
        if damaged is None:
            return None
        offer = RecoveryOffer(self, self.store, damaged, self.tasks)
        offer.broughtBack.connect(self._on_brought_back)
        offer.failed.connect(lambda problem: self.show_problem(problem, Topic.CONVERSATION))
        self.recovery_offer = offer
        offer.start()
        return offer

    @Slot(int)
    def _on_brought_back(self, count: int) -> None:
        self.sidebar.refresh()
        self.statusBar().showMessage(
            self.tr("Conversations brought back from the damaged file: %1")
            .replace("%1", number(count)), 15_000)

    # --- a message's delete action -------------------------------------------------------

    def confirm_delete(self, index: int) -> None:
        """Delete a message and what followed from it, once the user agrees."""
        messages = self.session.messages
        if not 0 <= index < len(messages):
            return
        text = (self.tr("Delete this message and everything after it in this branch?")
                if index < len(messages) - 1 else self.tr("Delete this message?"))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete message"), text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("confirmDelete")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is delete:
            self.controller.delete(index)
            self.show_page()

    # Declared last: lupdate loses the class's context after a decorated stub.
    if TYPE_CHECKING:  # ui.window_messages's
        @property
        def session(self) -> ChatSession: ...
