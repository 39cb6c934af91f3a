"""The conversation, as a read-only rich-text document.

One ``QTextDocument`` holds every message.  The live reply is only ever appended to at
the end (a cheap insert, whatever the document's length); when it finishes it is
replaced by its Markdown rendering.

Laying out text is what costs (about a millisecond per thousand characters, Markdown
tables more), so large changes are made a slice per event-loop turn and the window
never freezes for long:

* ``show_messages`` shows the last screenful at once and inserts the older messages
  above it in batches, keeping the view at the bottom (or on the message
  ``scroll_to_message`` asked for);
* a long reply's Markdown rendering replaces the streamed text from its end upwards,
  in slices of whole blocks of one parse, so the result is the same as in one go.

``is_settled`` says when the document is complete; ``plain_text`` completes it first.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.conversation.session import ChatMessage
from core.conversation.types import MessageStatus
from ui.error_texts import problem_text
from ui.token_view import coloured_reply_html

_KEEP = QTextCursor.MoveMode.KeepAnchor


def _top_margin() -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(14)
    return block


@dataclass
class _Rendering:
    """A finished reply's Markdown rendering, replacing its streamed text slice by slice
    from the end: [header][plain text still shown][rendered part][note]."""

    scratch: QTextDocument  # the whole reply, parsed once
    #: Where the slices still to insert start in ``scratch`` (ascending; None: not
    #: chosen yet, a turn's work of its own).
    cuts: list[int] | None
    upto: int  # where the next slice (the last of ``cuts``) ends in ``scratch``
    body: QTextCursor  # the reply's first body block in the view
    plain_end: QTextCursor  # the end of the streamed text still shown
    plain_length: int  # characters of streamed text when the rendering began
    total: int  # characters of the rendering


def _cut_points(scratch: QTextDocument, budget: int) -> list[int]:
    """Block starts of ``scratch`` to split it at, about ``budget`` characters apart.

    A cut never falls inside a table (or next to one) or inside a list, so every slice
    holds whole tables and lists and the slices together render as the whole did."""
    root = scratch.rootFrame()
    blocks: list[tuple[int, int, bool]] = []
    last: dict[int, int] = {}
    block = scratch.begin()
    while block.isValid():
        position = block.position()
        text_list = block.textList()
        key = text_list.objectIndex() if text_list is not None else -1
        blocks.append((position, key, scratch.frameAt(position) is root))
        if key >= 0:
            last[key] = position
        block = block.next()
    safe: list[int] = []
    reach = -1  # the last item of the lists begun so far
    previous_at_root = False
    for position, key, at_root in blocks:
        if at_root and previous_at_root and reach < position:
            safe.append(position)
        if key >= 0:
            reach = max(reach, last[key])
        previous_at_root = at_root
    cuts: list[int] = []
    end = scratch.characterCount() - 1
    for position in reversed(safe):
        if end - position >= budget and position >= budget // 2:
            cuts.append(position)
            end = position
    cuts.append(0)
    return cuts[::-1]


class ChatView(QTextBrowser):
    #: The user asked to see the prompt behind the message at this index.
    inspectRequested = Signal(int)
    #: A message action link was clicked: action ("edit", "regenerate", "replay",
    #: "prev", "next", "inspect") and the message's index.
    actionRequested = Signal(str, int)
    #: A token of a coloured reply was clicked: message index, token index.
    tokenClicked = Signal(int, int)
    #: The work left for later event-loop turns (older messages, a reply's rendering)
    #: is done: the document is complete.
    settled = Signal()

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
        #: About how many characters of content one event-loop turn lays out (about
        #: 10 ms); larger changes are split over several turns.
        self.turn_chars = 8_000
        #: The conversation ``show_messages`` shows, and the messages of it not in the
        #: document yet: above what is shown (inserted last first) and below it.
        self._shown: list[ChatMessage] = []
        self._above: list[int] = []
        self._below: list[int] = []
        self._rendering: _Rendering | None = None
        #: Nothing was added to the document since ``show_messages``.
        self._pristine = True
        self._turn = QTimer(self)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self._work)

    # --- building blocks -----------------------------------------------------------

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _cursor_at(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return cursor

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_if(self, was_at_bottom: bool) -> None:
        if was_at_bottom:
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum())

    def _header(self, cursor: QTextCursor, role: str, index: int,
                message: ChatMessage | None = None, first: bool | None = None) -> int:
        """The name line of a message; returns where the message starts."""
        if not (self.document().isEmpty() if first is None else first):
            cursor.insertBlock(_top_margin())
        start = cursor.position()
        self._label(cursor, role, index, message)
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        return start

    def _label(self, cursor: QTextCursor, role: str, index: int,
               message: ChatMessage | None) -> None:
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        colour = "#2d6cdf" if role == "user" else "#1b8a5a"
        fmt.setForeground(QColor(colour))
        label = self.tr("You") if role == "user" else self.tr("Assistant")
        cursor.insertText(label, fmt)
        if message is not None:
            self._actions(cursor, message, index)

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

    def _note(self, cursor: QTextCursor, text: str, colour: str,
              block_char: QTextCharFormat | None = None) -> None:
        if block_char is None:
            cursor.insertBlock(QTextBlockFormat())
        else:
            cursor.insertBlock(QTextBlockFormat(), block_char)
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(QColor(colour))
        cursor.insertText(text, fmt)

    def _note_colour(self, message: ChatMessage) -> str:
        return "#b3261e" if message.status in ("error", "interrupted") else "#7a7a7a"

    def _content(self, cursor: QTextCursor, message: ChatMessage, index: int) -> None:
        if message.role == "assistant" and self.show_probabilities and message.logprobs:
            cursor.insertHtml(coloured_reply_html(message.content, message.logprobs, index))
        elif message.role == "assistant":
            cursor.insertMarkdown(message.content)
        else:
            cursor.insertText(message.content, QTextCharFormat())

    def _write(self, document: QTextDocument, message: ChatMessage,
               index: int) -> int:
        """A stored message, with its note, written at the end of ``document`` (the
        view's, or a scratch one for messages to insert above); returns where it
        starts."""
        cursor = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
        start = self._header(cursor, message.role, index, message, document.isEmpty())
        self._content(cursor, message, index)
        if self._translate_note(message):
            cursor = QTextCursor(document)
            cursor.movePosition(QTextCursor.MoveOperation.End)
            self._note(cursor, self._translate_note(message), self._note_colour(message))
        return start

    def _cost(self, message: ChatMessage) -> int:
        """About how much laying the message out costs, in characters."""
        size = len(message.content) + 80
        return size * 4 if self.show_probabilities and message.logprobs else size

    # --- public API ------------------------------------------------------------------

    def add_message(self, message: ChatMessage, index: int) -> None:
        self._settle_below()
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        self._starts.append(self._header(cursor, message.role, index, message))
        self._indices.append(index)
        self._content(cursor, message, index)
        self._scroll_if(bottom)

    def show_message(self, message: ChatMessage, index: int) -> None:
        """A stored message, with its note (stopped, interrupted) when it has one."""
        self.add_message(message, index)
        if self._translate_note(message):
            self._note(self._end_cursor(), self._translate_note(message),
                       self._note_colour(message))

    def begin_reply(self, index: int) -> None:
        self._settle_below()
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        self._starts.append(self._header(cursor, "assistant", index))
        self._indices.append(index)
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
        early.  What was shown is kept even when the engine died mid-reply.

        A long Markdown reply is rendered over the next event-loop turns (the header's
        actions and the note at once): see ``_begin_rendering``."""
        if self._live_start is None or not self._starts:
            return
        if (message.role == "assistant" and not (self.show_probabilities and message.logprobs)
                and len(message.content) > self.turn_chars * 4 // 3):
            self._begin_rendering(message)
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
            cursor.movePosition(QTextCursor.MoveOperation.End, _KEEP)
            cursor.removeSelectedText()
            self._live_start = None
            self.add_message(message, index)
            if self._translate_note(message):
                self._note(self._end_cursor(), self._translate_note(message),
                           self._note_colour(message))
        finally:
            cursor.endEditBlock()
        self._scroll_if(bottom)

    def show_error(self, text: str) -> None:
        while self._below:
            self._work()
        self._pristine = False
        bottom = self._at_bottom()
        cursor = self._end_cursor()
        if not self.document().isEmpty():
            cursor.insertBlock(QTextBlockFormat())
        fmt = QTextCharFormat()
        fmt.setForeground(QColor("#b3261e"))
        cursor.insertText("⚠ " + text, fmt)
        self._scroll_if(bottom)

    def show_messages(self, messages: list[ChatMessage]) -> None:
        """Show a conversation, scrolled to the bottom: its last messages at once (a
        screenful or more), the older ones above them over the next event-loop turns
        (``is_settled`` then turns true).  Showing another conversation, or the same
        again, drops what was left of this one."""
        self._cancel()
        self.clear()
        self._live_start = None
        self._starts.clear()
        self._indices.clear()
        self._shown = list(messages)
        self._load(None)
        # Inside the edit block the scroll range was not updated yet: scroll once, now.
        self._scroll_if(True)

    def scroll_to_message(self, index: int) -> None:
        """Show the start of message ``index``, even one ``show_messages`` has not
        inserted yet (the conversation is then shown again from it)."""
        if index not in self._indices and (index in self._above or index in self._below):
            if self._pristine:
                # That message at once, the ones after it and then those before it
                # over the next turns, the view staying on it.
                self._cancel()
                self.clear()
                self._starts.clear()
                self._indices.clear()
                self._load(index)
            else:
                while index not in self._indices:
                    self._work()
        if index in self._indices:
            cursor = QTextCursor(self.document())
            cursor.setPosition(self._starts[self._indices.index(index)])
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def plain_text(self) -> str:
        """The whole conversation's text (completing the document first)."""
        self.settle()
        return self.document().toPlainText()

    def is_settled(self) -> bool:
        """Whether the document is complete: no messages, nor a rendering, left for
        later event-loop turns."""
        return self._rendering is None and not self._above and not self._below

    def settle(self) -> None:
        """Do at once whatever was left for later event-loop turns."""
        while not self.is_settled():
            self._work()

    # --- work split over event-loop turns ----------------------------------------------

    def _work(self) -> None:
        """One turn's worth: a slice of a rendering, or a batch of messages."""
        if self._rendering is not None:
            self._render_step()
        elif self._below:
            self._insert_below()
        elif self._above:
            self._insert_above()
        if self.is_settled() and self._turn.isActive():
            self._turn.stop()
            self.settled.emit()

    def _settle_below(self) -> None:
        """Before adding a message at the end: the messages still due there, and a
        rendering (whose slices would move what comes after it)."""
        self._pristine = False
        while self._below or self._rendering is not None:
            self._work()

    def _cancel(self) -> None:
        self._turn.stop()
        self._rendering = None
        self._above.clear()
        self._below.clear()

    def _load(self, focus: int | None) -> None:
        """Show the messages of ``_shown`` from ``focus`` on (the last ones if None),
        as many as one turn lays out, and leave the others for the next turns."""
        count = len(self._shown)
        if focus is None:
            self._above, self._below = list(range(count)), []
            now = self._batch(self._above, from_end=True)
        else:
            self._above, self._below = list(range(focus)), list(range(focus, count))
            now = self._batch(self._below, from_end=False)
        self._pristine = True
        batch = QTextCursor(self.document())
        batch.beginEditBlock()
        try:
            self._append(now)
        finally:
            batch.endEditBlock()
        if not self.is_settled():
            self._turn.start()

    def _batch(self, indices: list[int], from_end: bool) -> list[int]:
        """Take as many of ``indices`` (from its end or its start) as one turn lays out,
        at least one."""
        budget, taken = self.turn_chars, 0
        for index in reversed(indices) if from_end else indices:
            budget -= self._cost(self._shown[index])
            taken += 1
            if budget <= 0:
                break
        cut = len(indices) - taken if from_end else taken
        batch = indices[cut:] if from_end else indices[:cut]
        if from_end:
            del indices[cut:]
        else:
            del indices[:cut]
        return batch

    def _append(self, indices: list[int]) -> None:
        for index in indices:
            self._starts.append(self._write(self.document(), self._shown[index], index))
            self._indices.append(index)

    def _insert_below(self) -> None:
        """Messages after those shown (after ``scroll_to_message``): appended, which
        moves nothing on screen."""
        batch = QTextCursor(self.document())
        batch.beginEditBlock()
        try:
            self._append(self._batch(self._below, from_end=False))
        finally:
            batch.endEditBlock()

    def _insert_above(self) -> None:
        """Older messages, inserted before the first one shown; the view stays at the
        bottom, or on what it showed."""
        document, bar = self.document(), self.verticalScrollBar()
        bottom, value = self._at_bottom(), bar.value()
        layout = document.documentLayout()
        # The first message's body: where it is, before and after.
        anchor = self._cursor_at(document.begin().next().position())
        before = layout.blockBoundingRect(anchor.block()).top()
        length = document.characterCount()
        indices = self._batch(self._above, from_end=True)
        # Written as they would be at the end of a document, then copied in whole (a
        # fragment inserted before other text gains an empty block at its end).
        scratch = QTextDocument()
        starts = [self._write(scratch, self._shown[index], index) for index in indices]
        source = QTextCursor(scratch)
        source.movePosition(QTextCursor.MoveOperation.End, _KEEP)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        try:
            # An empty first block to insert into; the old first one follows it.
            cursor.insertBlock()
            cursor.setPosition(0)
            cursor.insertFragment(source.selection())
            # Now that the old first message follows another: the separation (and the
            # block character format) it would have had, written after it.
            end = source.position()
            old_first = self._cursor_at(end + 1)
            old_first.setBlockFormat(_top_margin())
            old_first.setBlockCharFormat(self._cursor_at(end).charFormat())
        finally:
            cursor.endEditBlock()
        shift = document.characterCount() - length
        self._starts[:0] = starts
        self._starts[len(starts):] = [start + shift for start in self._starts[len(starts):]]
        self._indices[:0] = indices
        if self._live_start is not None:
            self._live_start += shift
        if bottom:
            self._scroll_if(True)
        else:
            bar.setValue(value + round(layout.blockBoundingRect(anchor.block()).top() - before))

    def _begin_rendering(self, message: ChatMessage) -> None:
        """The part of a long reply's finish done at once: parse the Markdown, give
        the header its actions and add the note; the streamed text stays until
        ``_render_step`` replaces it."""
        assert self._live_start is not None
        scratch = QTextDocument()
        scratch.setMarkdown(message.content)
        start, index, body = self._starts[-1], self._indices[-1], self._live_start
        end = self._end_cursor().position()
        cursor = self._cursor_at(start)
        cursor.beginEditBlock()
        try:
            cursor.setPosition(body - 1, _KEEP)
            cursor.removeSelectedText()
            self._label(cursor, "assistant", index, message)
            end += cursor.position() - (body - 1)
            body = cursor.position() + 1
            if self._translate_note(message):
                # The note's block takes the format the rendering will end with.
                tail = QTextCursor(scratch)
                tail.movePosition(QTextCursor.MoveOperation.End)
                self._note(self._cursor_at(end), self._translate_note(message),
                           self._note_colour(message), tail.charFormat())
        finally:
            cursor.endEditBlock()
        self._live_start = None
        plain_end = self._cursor_at(end)
        plain_end.setKeepPositionOnInsert(True)  # what is appended goes after it
        total = scratch.characterCount() - 1
        self._rendering = _Rendering(scratch=scratch, cuts=None, upto=total,
                                     body=self._cursor_at(body), plain_end=plain_end,
                                     plain_length=end - body, total=total)
        self._turn.start()

    def _render_step(self) -> None:
        """Insert the last slice of the rendering not shown yet above those that are,
        and remove as much of the streamed text's end; the last (topmost) slice
        replaces what is left of it."""
        rendering = self._rendering
        assert rendering is not None
        if rendering.cuts is None:
            rendering.cuts = _cut_points(rendering.scratch, self.turn_chars)
            return
        slice_start = rendering.cuts.pop()
        source = QTextCursor(rendering.scratch)
        source.setPosition(slice_start - 1 if rendering.cuts else 0)
        source.setPosition(rendering.upto, _KEEP)
        fragment = source.selection()
        rendering.upto = slice_start - 1
        bottom = self._at_bottom()
        body, end = rendering.body.position(), rendering.plain_end.position()
        cursor = self._cursor_at(end)
        cursor.beginEditBlock()
        try:
            if rendering.cuts:
                # After the streamed text: the slice, from the block separator before
                # it (which carries its first block's format).
                cursor.insertFragment(fragment)
                # Keep about as much streamed text as is still to be rendered.
                keep = rendering.plain_length * slice_start // max(1, rendering.total)
                line = self.document().findBlock(body + keep).position()
                if body < line <= end:
                    cursor.setPosition(line - 1)
                    cursor.setPosition(end, _KEEP)
                    cursor.removeSelectedText()
                    rendering.plain_end.setPosition(line - 1)
            else:
                cursor.setPosition(body)
                cursor.setPosition(end, _KEEP)
                cursor.removeSelectedText()
                cursor.insertFragment(fragment)
                self._rendering = None
        finally:
            cursor.endEditBlock()
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

    def _translate_note(self, message: ChatMessage) -> str:
        """Why a reply ended early, in the user's language ("" for a complete one)."""
        status = message.status
        if status in (MessageStatus.INTERRUPTED, MessageStatus.ERROR) \
                and message.problem is not None:
            return problem_text(message.problem)
        notes = {
            MessageStatus.STOPPED: self.tr("Stopped."),
            MessageStatus.LENGTH: self.tr("Reached the maximum reply length."),
            MessageStatus.CONTEXT: self.tr("The model's context is full."),
            MessageStatus.INTERRUPTED: self.tr(
                "Interrupted: the app or the engine stopped mid-reply."),
            MessageStatus.ERROR: self.tr("The reply failed."),
        }
        return notes.get(status, "")

    def keyPressEvent(self, event: object) -> None:
        # Let Esc reach the window (Stop) even when the conversation has focus.
        from PySide6.QtGui import QKeyEvent

        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
