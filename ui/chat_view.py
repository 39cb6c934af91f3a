"""The conversation, as a read-only rich-text document.

One ``QTextDocument`` holds every message.  The live reply is only ever appended to at
the end (a cheap insert, whatever the document's length); when it finishes it is
replaced once by its Markdown rendering.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.chat_session import ChatMessage
from ui.token_view import coloured_reply_html


class ChatView(QTextBrowser):
    #: The user asked to see the prompt behind the message at this index.
    inspectRequested = Signal(int)
    #: A message action link was clicked: action ("edit", "regenerate", "replay",
    #: "prev", "next", "inspect") and the message's index.
    actionRequested = Signal(str, int)
    #: A token of a coloured reply was clicked: message index, token index.
    tokenClicked = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setReadOnly(True)
        self.setPlaceholderText(self.tr("Say hello: the model runs on this computer, "
                                        "and nothing you type leaves it."))
        self.document().setDocumentMargin(14)
        self._live_start: int | None = None
        #: Colour replies by how likely each token was (click a token: alternatives).
        self.show_probabilities = False
        #: Document position where each message starts, and its index in the session.
        self._starts: list[int] = []
        self._indices: list[int] = []
        #: Text appended to the live reply so far (what the user sees streaming in).
        self.live_text = ""
        #: Number of times the live reply grew (for tests of batched streaming).
        self.live_updates = 0

    # --- building blocks -----------------------------------------------------------

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_if(self, was_at_bottom: bool) -> None:
        if was_at_bottom:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _header(self, cursor: QTextCursor, role: str, index: int,
                message: ChatMessage | None = None) -> None:
        if not self.document().isEmpty():
            block = QTextBlockFormat()
            block.setTopMargin(14)
            cursor.insertBlock(block)
        self._starts.append(cursor.position())
        self._indices.append(index)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        colour = "#2d6cdf" if role == "user" else "#1b8a5a"
        fmt.setForeground(QColor(colour))
        label = self.tr("You") if role == "user" else self.tr("Assistant")
        cursor.insertText(label, fmt)
        if message is not None:
            self._actions(cursor, message, index)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())

    def _actions(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        """Small links after the name: the branch switcher and what can be done."""
        links: list[tuple[str, str]] = []
        position, count = message.siblings
        if count > 1:
            links += [("prev", "‹"), ("", f"{position + 1}/{count}"), ("next", "›")]
        if message.role == "user":
            links.append(("edit", self.tr("edit")))
        elif message.status != "streaming":
            links.append(("regenerate", self.tr("regenerate")))
            if message.record is not None and message.record.sampling is not None:
                links.append(("replay", self.tr("replay")))
        links.append(("inspect", self.tr("prompt")))
        if len(message.candidates) > 1:
            links.append(("nbest", self.tr("%1 candidates").replace(
                "%1", str(len(message.candidates)))))
        if message.tokens is not None:
            links.append(("", self.tr("%1 tokens").replace("%1", str(message.tokens))))
        if message.dropped:
            links.append(("", self.tr("(no longer seen by the model)")))
        for action, text in links:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor("#7a7a7a"))
            if action:
                fmt.setAnchor(True)
                fmt.setAnchorHref(f"prosa:{action}/{index}")
                fmt.setFontUnderline(False)
                fmt.setForeground(QColor("#5a7fb5"))
            cursor.insertText("   ", QTextCharFormat())
            cursor.insertText(text, fmt)

    def _note(self, cursor: QTextCursor, text: str, colour: str) -> None:
        cursor.insertBlock(QTextBlockFormat())
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(QColor(colour))
        cursor.insertText(text, fmt)

    # --- public API ------------------------------------------------------------------

    def add_message(self, message: ChatMessage, index: int) -> None:
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        self._header(cursor, message.role, index, message)
        if message.role == "assistant" and self.show_probabilities and message.logprobs:
            cursor.insertHtml(coloured_reply_html(message.content, message.logprobs, index))
        elif message.role == "assistant":
            cursor.insertMarkdown(message.content)
        else:
            cursor.insertText(message.content, QTextCharFormat())
        self._scroll_if(bottom)

    def show_message(self, message: ChatMessage, index: int) -> None:
        """A stored message, with its note (stopped, interrupted) when it has one."""
        self.add_message(message, index)
        if message.note and message.status != "streaming":
            colour = "#b3261e" if message.status in ("error", "interrupted") else "#7a7a7a"
            self._note(self._end_cursor(), self._translate_note(message), colour)

    def begin_reply(self, index: int) -> None:
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        self._header(cursor, "assistant", index)
        self._live_start = cursor.position()
        self.live_text = ""
        self._scroll_if(bottom)

    def append_reply(self, text: str) -> None:
        if self._live_start is None or not text:
            return
        bottom = self._at_bottom()
        self._end_cursor().insertText(text, QTextCharFormat())
        self.live_text += text
        self.live_updates += 1
        self._scroll_if(bottom)

    def finish_reply(self, message: ChatMessage) -> None:
        """Replace the streamed text by its final rendering, with a note if it ended
        early.  What was shown is kept even when the engine died mid-reply."""
        if self._live_start is None or not self._starts:
            return
        bottom = self._at_bottom()
        # Redraw the whole message: its header gains the actions (regenerate, the
        # branch switcher) that make sense only once the reply is complete.
        start, index = self._starts.pop(), self._indices.pop()
        cursor = QTextCursor(self.document())
        # One edit block: removal and Markdown are laid out once, not after each insert
        # (a 20,000-token reply froze the window for 120 ms otherwise).
        cursor.beginEditBlock()
        try:
            cursor.setPosition(max(0, start - 1) if start > 0 else 0)
            cursor.movePosition(QTextCursor.MoveOperation.End,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self._live_start = None
            self.add_message(message, index)
            if message.note:
                colour = "#b3261e" if message.status in ("error", "interrupted") else "#7a7a7a"
                self._note(self._end_cursor(), self._translate_note(message), colour)
        finally:
            cursor.endEditBlock()
        self._scroll_if(bottom)

    def show_error(self, text: str) -> None:
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        if not self.document().isEmpty():
            cursor.insertBlock(QTextBlockFormat())
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#b3261e"))
        cursor.insertText("⚠ " + text, fmt)
        self._scroll_if(bottom)

    def show_messages(self, messages: list[ChatMessage]) -> None:
        self.clear()
        self._live_start = None
        self._starts.clear()
        self._indices.clear()
        # One edit block: the document is laid out once at the end instead of after
        # every insert (500 messages took 350 ms of re-layout, a visible freeze).
        bottom = self._at_bottom()
        batch = QTextCursor(self.document())
        batch.beginEditBlock()
        try:
            for index, message in enumerate(messages):
                self.show_message(message, index)
        finally:
            batch.endEditBlock()
        # Inside the block the scroll range was not updated yet: scroll once, now.
        self._scroll_if(bottom)

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == "prosa" and url.path().startswith("token/"):
            _, message, token = url.path().split("/")
            self.tokenClicked.emit(int(message), int(token))
            return
        if url.scheme() == "prosa":
            action, _, index = url.path().partition("/")
            if index.isdigit():
                if action == "inspect":
                    self.inspectRequested.emit(int(index))
                else:
                    self.actionRequested.emit(action, int(index))
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def scroll_to_message(self, index: int) -> None:
        if index in self._indices:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._starts[self._indices.index(index)])
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def message_at(self, position: int) -> int | None:
        """The session index of the message shown at a document position."""
        slot = bisect.bisect_right(self._starts, position) - 1
        return self._indices[slot] if slot >= 0 else None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        index = self.message_at(self.cursorForPosition(event.pos()).position())
        if index is not None:
            menu.addSeparator()
            action = menu.addAction(self.tr("Inspect the prompt of this message…"))
            action.triggered.connect(lambda: self.inspectRequested.emit(index))
        menu.exec(event.globalPos())

    def plain_text(self) -> str:
        return self.document().toPlainText()

    def _translate_note(self, message: ChatMessage) -> str:
        notes = {
            "stopped": self.tr("Stopped."),
            "length": self.tr("Reached the maximum reply length.")
            if "maximum" in message.note else self.tr("The model's context is full."),
            "interrupted": self.tr("Interrupted: the app or the engine stopped mid-reply.")
            if message.note.startswith("Interrupted") else message.note,
        }
        return notes.get(message.status, message.note)

    def keyPressEvent(self, event: object) -> None:
        # Let Esc reach the window (Stop) even when the conversation has focus.
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
