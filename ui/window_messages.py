"""What can be done to one message: its action links, editing, branching from a token's
alternative, beam search's candidates, and the token-probability colours.

A part of :class:`ui.main_window.MainWindow` kept in its own module (a mixin): the
rules are the controller's; this is the window's side (dialogs, the popup).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QDialog, QInputDialog, QMainWindow

from core.chat.controller import ChatController
from core.conversation.session import ChatSession
from ui.chat_view import ChatView
from ui.sampling_panel import SamplingPanel
from ui.token_view import AlternativesPopup, NBestDialog


class WindowMessages(QMainWindow):
    """The message-action half of the main window (see the module docstring)."""

    controller: ChatController
    chat: ChatView
    sampling: SamplingPanel
    alternatives_popup: AlternativesPopup | None

    @property
    def session(self) -> ChatSession:
        return self.controller.session

    @Slot(str, int)
    def _on_message_action(self, action: str, index: int) -> None:
        if self.session.streaming is not None or index >= len(self.session.messages):
            return
        c, params = self.controller, self.sampling.params()
        if action in ("prev", "next"):
            c.switch(index, -1 if action == "prev" else 1)
            self.chat.scroll_to_message(index)
        elif action == "edit":
            self.edit_message(index)
        elif action == "regenerate":
            c.regenerate(index, params)
        elif action == "replay":
            c.replay(index)
        elif action == "nbest":
            self.show_candidates(index)
        elif action == "delete":
            self.confirm_delete(index)

    if TYPE_CHECKING:  # ui.desktop.window_integration's, later in the window's bases
        def confirm_delete(self, index: int) -> None: ...

    def edit_message(self, index: int, text: str | None = None) -> None:
        """Edit a message of yours: a new branch from there, answered anew."""
        if text is None:
            text, ok = QInputDialog.getMultiLineText(
                self, self.tr("Edit message"),
                self.tr("Your message (the original stays, as another branch):"),
                self.session.messages[index].content)
            if not ok:
                return
        self.controller.edit(index, text, self.sampling.params())

    @Slot(bool)
    def set_show_probabilities(self, on: bool) -> None:
        self.chat.show_probabilities = on
        self.chat.show_messages(self.session.messages)
        if on and any(m.role == "assistant" and m.content and not m.logprobs
                      for m in self.session.messages):
            self.statusBar().showMessage(self.tr(
                "Token probabilities are kept for replies made since Prosa started: older "
                "replies are shown without colours."), 10_000)

    @Slot(int, int)
    def show_alternatives(self, index: int, token: int) -> None:
        message = self.session.messages[index] if index < len(self.session.messages) else None
        if message is None or not 0 <= token < len(message.logprobs):
            return
        popup = AlternativesPopup(message.logprobs[token], self)
        popup.chosen.connect(lambda alt: self.controller.branch_from(
            index, token, alt, self.sampling.params()))
        self.alternatives_popup = popup
        popup.show_at(QCursor.pos())

    def show_candidates(self, index: int) -> None:
        message = self.session.messages[index]
        dialog = NBestDialog(message.candidates, message.content, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected() is not None:
            chosen = dialog.selected()
            assert chosen is not None
            self.controller.keep_candidate(index, chosen)

