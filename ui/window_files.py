"""Exporting and importing conversations: the window's file dialogs around the store.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow

from core.chat.screen import Topic
from core.conversation.files import export_to, import_from
from core.conversation.store import ConversationStore
from core.errors import Problem, ProsaError
from ui.chat_view import ChatView
from ui.sidebar import Sidebar


class WindowFiles(QMainWindow):
    """The conversation-file half of the main window (see the module docstring)."""

    store: ConversationStore
    chat: ChatView
    sidebar: Sidebar

    def show_problem(self, problem: Problem, topic: Topic = Topic.GENERAL) -> None:
        raise NotImplementedError

    def clear_problems(self, topic: Topic) -> None:
        raise NotImplementedError

    def open_conversation(self, conversation_id: int, message_id: int = 0) -> None:
        raise NotImplementedError

    @Slot(int, str)
    def export_conversation(self, conversation_id: int, kind: str) -> None:
        title = self.store.conversation(conversation_id).title or "conversation"
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in title)[:60]
        suffix, pattern = ((".md", self.tr("Markdown (*.md)")) if kind == "md"
                           else (".json", self.tr("JSON (*.json)")))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export conversation"),
                                              str(Path.home() / (safe + suffix)), pattern)
        if not path:
            return
        try:
            written = export_to(self.store, conversation_id, "md" if kind == "md" else "json",
                                Path(path))
        except ProsaError as exc:
            self.show_problem(exc.problem, Topic.FILES)
            return
        self.clear_problems(Topic.FILES)
        self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(written)),
                                     10_000)

    @Slot()
    def import_conversation(self, path: str = "") -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import a conversation"), str(Path.home()),
                self.tr("JSON (*.json);;All files (*)"))
        if not path:
            return
        try:
            conversation_id = import_from(self.store, Path(path))
        except ProsaError as exc:
            self.show_problem(exc.problem, Topic.FILES)
            return
        self.clear_problems(Topic.FILES)
        self.open_conversation(conversation_id)

