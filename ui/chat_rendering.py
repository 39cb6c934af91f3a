"""The chat view's document, changed a slice per event-loop turn so the window never
freezes.

Laying out text is what costs (about a millisecond per thousand characters, Markdown
tables more), so large changes are split over several event-loop turns, each about
``turn_chars`` characters of layout (about 10 ms):

* a conversation opened shows its last screenful at once and the older messages are
  inserted above it in batches, keeping the view at the bottom (or on the message
  ``reveal`` asked for, the messages after it then being appended below);
* a long reply's Markdown rendering replaces the streamed text from its end upwards,
  in slices of whole blocks of one parse, so the result is the same as in one go.

Whatever order the work is done in, the document ends exactly as if it had been made
in one go (``tests/ui/test_chat_view.py`` compares both, block by block).  This module
also keeps where each message starts in the document (``starts``, ``indices``) and
where the live reply's body starts (``live_start``), because inserting above shifts
them all.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from core.conversation.session import ChatMessage
from core.tools.runs import ToolRun
from ui.chat_format import MessageFormat, note_text, top_margin
from ui.rich import thinking, tool_card
from ui.rich.reply import ReplyWriter

KEEP = QTextCursor.MoveMode.KeepAnchor


def end_cursor(document: QTextDocument) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor


def cursor_at(document: QTextDocument, position: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(position)
    return cursor


def at_bottom(view: QTextEdit) -> bool:
    """Whether the view shows the end of its document (give or take a few pixels)."""
    bar = view.verticalScrollBar()
    return bar.value() >= bar.maximum() - 4


def scroll_if(view: QTextEdit, was_at_bottom: bool) -> None:
    """Keep a view that showed the end showing it after a change."""
    if was_at_bottom:
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum())


@dataclass
class _Slices:
    """A finished reply's Markdown rendering, replacing its streamed text slice by slice
    from the end: [header][plain text still shown][rendered part][note]."""

    scratch: QTextDocument  # the whole reply, parsed once
    #: Writes ``scratch`` over the first turns (highlighting code is slow).
    writer: ReplyWriter
    note: bool  # whether a note follows the reply (its block's format is set last)
    #: Where the slices still to insert start in ``scratch`` (ascending; None: not
    #: chosen yet, a turn's work of its own).
    cuts: list[int] | None
    upto: int  # where the next slice (the last of ``cuts``) ends in ``scratch``
    body: QTextCursor  # the reply's first body block in the view
    plain_end: QTextCursor  # the end of the streamed text still shown
    plain_length: int  # characters of streamed text when the rendering began
    total: int  # characters of the rendering


def cut_points(scratch: QTextDocument, budget: int) -> list[int]:
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


class IncrementalRendering(QObject):
    """The view's document and the work on it left for later event-loop turns."""

    #: The work left for later turns (older messages, a reply's rendering) is done:
    #: the document is complete.
    settled = Signal()

    def __init__(self, view: QTextEdit, message_format: MessageFormat) -> None:
        super().__init__(view)
        self._view = view
        self.message_format = message_format
        #: Document position where each message starts, and its index in the session.
        self.starts: list[int] = []
        self.indices: list[int] = []
        #: Where the live reply's body starts (None: no reply is streaming).
        self.live_start: int | None = None
        #: About how many characters of content one event-loop turn lays out (about
        #: 10 ms); larger changes are split over several turns.
        self.turn_chars = 8_000
        #: The conversation ``show`` shows, and the messages of it not in the document
        #: yet: above what is shown (inserted last first) and below it.
        self._shown: list[ChatMessage] = []
        self._above: list[int] = []
        self._below: list[int] = []
        self._slices: _Slices | None = None
        #: Nothing was added to the document since ``show``.
        self._pristine = True
        self._turn = QTimer(self)
        self._turn.setInterval(0)
        self._turn.timeout.connect(self.work)

    @property
    def _document(self) -> QTextDocument:
        return self._view.document()

    # --- state ------------------------------------------------------------------------

    def is_settled(self) -> bool:
        """Whether the document is complete: no messages, nor a rendering, left for
        later event-loop turns."""
        return self._slices is None and not self._above and not self._below

    def settle(self) -> None:
        """Do at once whatever was left for later event-loop turns."""
        while not self.is_settled():
            self.work()

    def settle_below(self) -> None:
        """Before adding a message at the end: the messages still due there, and a
        rendering (whose slices would move what comes after it)."""
        self._pristine = False
        while self._below or self._slices is not None:
            self.work()

    def complete_below(self) -> None:
        """Before adding a line at the end that a rendering may stay above: the
        messages still due there."""
        while self._below:
            self.work()
        self._pristine = False

    def message_added(self, start: int, index: int) -> None:
        """A message was written at the end of the document, from ``start``."""
        self.starts.append(start)
        self.indices.append(index)

    def toggle_thought(self, index: int) -> bool:
        """Fold or open the reasoning of shown message ``index``: its section alone is
        written again, and the positions after it move by as much.  Whether the
        message shows reasoning."""
        shown = self.message_format.thoughts.get(index)
        if shown is None or index not in self.indices:
            return False
        fold_key, thought = shown
        opened = self.message_format.opened
        opened.symmetric_difference_update({fold_key})
        slot = self.indices.index(index)
        delta = thinking.rewrite(self._document, self._document.findBlock(self.starts[slot]),
                                 thought, index, fold_key in opened,
                                 self.message_format.colours)
        self._shifted(slot, delta)
        return True

    def _shifted(self, slot: int, delta: int) -> None:
        """Message ``slot`` changed length by ``delta``: the positions after it move."""
        start = self.starts[slot]
        self.starts[slot + 1:] = [position + delta for position in self.starts[slot + 1:]]
        if self.live_start is not None and self.live_start > start:
            self.live_start += delta

    def update_card(self, index: int, run: ToolRun) -> bool:
        """Message ``index``'s tool call is now ``run``: its card alone is written
        again.  A message not in the document yet is shown so when it is.  Whether the
        message is a tool call of the conversation shown."""
        shown = self.message_format.cards.get(index)
        if shown is not None and index in self.indices:
            fold_key = shown[0]
            self.message_format.cards[index] = (fold_key, run)
            self.message_format.texts[index] = ("tool", run.result)
            return self._redraw_card(index, title=False)
        if index in self._above or index in self._below:
            message = self._shown[index]
            if message.tool_run is None:
                return False
            self._shown[index] = replace(message, tool_run=run)
            return True
        return False

    def toggle_card(self, index: int) -> bool:
        """Show all of card ``index``'s arguments and result, or their first lines."""
        shown = self.message_format.cards.get(index)
        if shown is None or index not in self.indices:
            return False
        self.message_format.opened.symmetric_difference_update({shown[0]})
        return self._redraw_card(index, title=False)

    def redraw_cards(self) -> None:
        """Every card shown, in the current colours (after a palette change)."""
        for index in list(self.message_format.cards):
            if index in self.indices:
                self._redraw_card(index, title=True)

    def _redraw_card(self, index: int, title: bool) -> bool:
        fold_key, run = self.message_format.cards[index]
        slot = self.indices.index(index)
        delta = tool_card.rewrite(
            self._document, self._document.findBlock(self.starts[slot]),
            self.message_format.card_writer(), run, index,
            fold_key in self.message_format.opened, title)
        self._shifted(slot, delta)
        return True

    # --- showing a conversation ---------------------------------------------------------

    def show(self, messages: list[ChatMessage]) -> None:
        """Show a conversation: its last messages at once (a screenful or more), the
        older ones above them over the next turns.  Drops what was left of the one
        shown before."""
        self._cancel()
        self._view.clear()
        self.message_format.forget()
        self.live_start = None
        self.starts.clear()
        self.indices.clear()
        self._shown = list(messages)
        self._load(None)

    def reveal(self, index: int) -> None:
        """Make sure message ``index`` of the conversation shown is in the document.
        While nothing else was added, the conversation is shown again from it (that
        message at once, the ones after it and then those before it over the next
        turns); otherwise the work left is done up to it."""
        if index in self.indices or (index not in self._above and index not in self._below):
            return
        if self._pristine:
            self._cancel()
            self._view.clear()
            self.starts.clear()
            self.indices.clear()
            self._load(index)
        else:
            while index not in self.indices:
                self.work()

    def _cancel(self) -> None:
        self._turn.stop()
        self._slices = None
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
        batch = QTextCursor(self._document)
        batch.beginEditBlock()
        try:
            self._append(now)
        finally:
            batch.endEditBlock()
        if not self.is_settled():
            self._turn.start()

    # --- work split over event-loop turns ---------------------------------------------

    def work(self) -> None:
        """One turn's worth: a slice of a rendering, or a batch of messages."""
        if self._slices is not None:
            self._render_step()
        elif self._below:
            self._insert_below()
        elif self._above:
            self._insert_above()
        if self.is_settled() and self._turn.isActive():
            self._turn.stop()
            self.settled.emit()

    def _batch(self, indices: list[int], from_end: bool) -> list[int]:
        """Take as many of ``indices`` (from its end or its start) as one turn lays out,
        at least one."""
        budget, taken = self.turn_chars, 0
        for index in reversed(indices) if from_end else indices:
            budget -= self.message_format.cost(self._shown[index])
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
        write, document = self.message_format.write, self._document
        for index in indices:
            self.message_added(write(document, self._shown[index], index), index)

    def _insert_below(self) -> None:
        """Messages after those shown (after ``reveal``): appended, which moves nothing
        on screen."""
        batch = QTextCursor(self._document)
        batch.beginEditBlock()
        try:
            self._append(self._batch(self._below, from_end=False))
        finally:
            batch.endEditBlock()

    def _insert_above(self) -> None:
        """Older messages, inserted before the first one shown; the view stays at the
        bottom, or on what it showed."""
        document, bar = self._document, self._view.verticalScrollBar()
        bottom, value = at_bottom(self._view), bar.value()
        layout = document.documentLayout()
        # The first message's body: where it is, before and after.
        anchor = cursor_at(document, document.begin().next().position())
        before = layout.blockBoundingRect(anchor.block()).top()
        length = document.characterCount()
        indices = self._batch(self._above, from_end=True)
        # Written as they would be at the end of a document, then copied in whole (a
        # fragment inserted before other text gains an empty block at its end).
        scratch = QTextDocument()
        write = self.message_format.write
        starts = [write(scratch, self._shown[index], index) for index in indices]
        source = QTextCursor(scratch)
        source.movePosition(QTextCursor.MoveOperation.End, KEEP)
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
            old_first = cursor_at(document, end + 1)
            old_first.setBlockFormat(top_margin())
            old_first.setBlockCharFormat(cursor_at(document, end).charFormat())
        finally:
            cursor.endEditBlock()
        shift = document.characterCount() - length
        self.starts[:0] = starts
        self.starts[len(starts):] = [start + shift for start in self.starts[len(starts):]]
        self.indices[:0] = indices
        if self.live_start is not None:
            self.live_start += shift
        if bottom:
            scroll_if(self._view, True)
        else:
            bar.setValue(value + round(layout.blockBoundingRect(anchor.block()).top() - before))

    # --- a long reply's rendering -------------------------------------------------------

    def begin_rendering(self, message: ChatMessage) -> None:
        """The part of a long reply's finish done at once: give the header its actions
        and add the note; the rendering is written (``ReplyWriter``) and replaces the
        streamed text over the next turns (``_render_step``)."""
        assert self.live_start is not None
        start, index, body = self.starts[-1], self.indices[-1], self.live_start
        writer = self.message_format.writer(message, index)
        end = end_cursor(self._document).position()
        cursor = cursor_at(self._document, start)
        # Removing through the live reasoning's blocks leaves the last one's formats.
        name_format, name_chars = cursor.blockFormat(), cursor.blockCharFormat()
        cursor.beginEditBlock()
        try:
            cursor.setPosition(body - 1, KEEP)
            cursor.removeSelectedText()
            cursor.setBlockFormat(name_format)
            cursor.setBlockCharFormat(name_chars)
            # The name line gains its actions, and the reasoning its finished header.
            self.message_format.title(cursor, "assistant", index, message)
            end += cursor.position() - (body - 1)
            body = cursor.position() + 1
            # The note's block takes the format the rendering ends with, once written.
            self.message_format.add_note(cursor_at(self._document, end), message,
                                         QTextCharFormat())
        finally:
            cursor.endEditBlock()
        self.live_start = None
        plain_end = cursor_at(self._document, end)
        plain_end.setKeepPositionOnInsert(True)  # what is appended goes after it
        self._slices = _Slices(scratch=writer.document, writer=writer,
                               note=bool(note_text(message)), cuts=None, upto=0,
                               body=cursor_at(self._document, body), plain_end=plain_end,
                               plain_length=end - body, total=0)
        self._turn.start()

    def _written(self, slices: _Slices) -> None:
        """The rendering is written: where it ends, and the note's block format."""
        slices.total = slices.upto = slices.scratch.characterCount() - 1
        if slices.note:
            tail = end_cursor(slices.scratch)
            note = cursor_at(self._document, slices.plain_end.position() + 1)
            note.setBlockCharFormat(tail.charFormat())

    def _render_step(self) -> None:
        """Insert the last slice of the rendering not shown yet above those that are,
        and remove as much of the streamed text's end; the last (topmost) slice
        replaces what is left of it."""
        slices = self._slices
        assert slices is not None
        if not slices.writer.done():
            slices.writer.step(self.turn_chars)
            return
        if slices.cuts is None:
            self._written(slices)
            slices.cuts = cut_points(slices.scratch, self.turn_chars)
            return
        slice_start = slices.cuts.pop()
        source = QTextCursor(slices.scratch)
        source.setPosition(slice_start - 1 if slices.cuts else 0)
        source.setPosition(slices.upto, KEEP)
        fragment = source.selection()
        slices.upto = slice_start - 1
        bottom = at_bottom(self._view)
        body, end = slices.body.position(), slices.plain_end.position()
        cursor = cursor_at(self._document, end)
        cursor.beginEditBlock()
        try:
            if slices.cuts:
                # After the streamed text: the slice, from the block separator before
                # it (which carries its first block's format).
                cursor.insertFragment(fragment)
                # Keep about as much streamed text as is still to be rendered.
                keep = slices.plain_length * slice_start // max(1, slices.total)
                line = self._document.findBlock(body + keep).position()
                if body < line <= end:
                    cursor.setPosition(line - 1)
                    cursor.setPosition(end, KEEP)
                    cursor.removeSelectedText()
                    slices.plain_end.setPosition(line - 1)
            else:
                cursor.setPosition(body)
                cursor.setPosition(end, KEEP)
                cursor.removeSelectedText()
                cursor.insertFragment(fragment)
                self._slices = None
        finally:
            cursor.endEditBlock()
        scroll_if(self._view, bottom)
