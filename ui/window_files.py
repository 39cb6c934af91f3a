"""Exporting and importing conversations: the window's file dialogs around the store.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin).
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFileDialog, QMainWindow

from core.conversation.store import ConversationStore
from core.errors import Problem, ProsaError
from ui.chat_view import ChatView
from ui.error_texts import problem_text
from ui.sidebar import Sidebar


class WindowFiles(QMainWindow):
    """The conversation-file half of the main window (see the module docstring)."""

    store: ConversationStore
    chat: ChatView
    sidebar: Sidebar

    def show_problem(self, problem: Problem) -> None:
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
            if kind == "md":
                text = self.store.export_markdown(conversation_id)
            else:
                text = json.dumps(self.store.export_json(conversation_id), ensure_ascii=False,
                                  indent=2)
            Path(path).write_text(text, encoding="utf-8")
        except ProsaError as exc:
            self.chat.show_error(self.tr("Could not export: %1").replace(
                "%1", problem_text(exc)))
        except OSError as exc:
            self.chat.show_error(self.tr("Could not export: %1").replace(
                "%1", exc.strerror or str(exc)))

    @Slot()
    def import_conversation(self, path: str = "") -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Import a conversation"), str(Path.home()),
                self.tr("JSON (*.json);;All files (*)"))
        if not path:
            return
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            conversation_id = self.store.import_json(data)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.chat.show_error(self.tr("Could not read %1: %2").replace("%1", Path(path).name)
                                 .replace("%2", str(exc)))
            return
        except ProsaError as exc:
            self.show_problem(exc.problem)
            return
        self.sidebar.refresh()
        self.open_conversation(conversation_id)

