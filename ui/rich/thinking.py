"""A reply's reasoning in the chat view: a muted block above the answer, folded to one
line ("Thought for 12 s, 340 tokens ▸") that opens on a click.

The section is a header block (an icon and a ``prosa:reasoning/INDEX`` link) and, when
open, the reasoning as plain text in smaller, muted, indented blocks.  Every block of it
carries :data:`THINKING_PROPERTY` in its block format, so the view finds a message's
section from its name line without remembering positions (which inserting older
messages above would shift), and can replace just that section when it folds or opens:
a click costs the layout of one message's reasoning, never the document's.

Reasoning is shown as plain text, never as Markdown or HTML: it is model output, often
unfinished, and nothing in it should become a link or an image.

While the model thinks (``LiveThinking``) the header counts the seconds and tokens, and
the reasoning streams at the end of its section with the same cheap inserts as a reply's
text; the header is one short line, so rewriting it per update lays out that line only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
)

from core.conversation.session import ChatMessage
from ui.format import number
from ui.icons import Icon, icon
from ui.palette import Roles

#: Block format property of the section's blocks: :data:`HEADER` or :data:`TEXT`.
THINKING_PROPERTY = QTextFormat.Property.UserProperty + 21
HEADER, TEXT = 1, 2
#: The header's icon, a resource the view supplies (``ChatView.loadResource``).
ICON_URL = "prosa-icon:thinking"
#: The icon's side and the reasoning's indent, in pixels.
ICON_SIZE = 14
INDENT = 20.0
#: Space under an open section's last line, in pixels.
GAP = 6.0
#: Qt's relative font size step for the section's text ("small", as HTML's <small>).
SMALLER = -1
#: The marks that say whether the section is open or folded.
OPEN_MARK, FOLDED_MARK = "▾", "▸"

_LIVE = str(QT_TRANSLATE_NOOP("ChatView", "Thinking… %1 s, %2 tokens"))
_DONE = str(QT_TRANSLATE_NOOP("ChatView", "Thought for %1 s, %2 tokens"))
_DONE_SECONDS = str(QT_TRANSLATE_NOOP("ChatView", "Thought for %1 s"))
_DONE_TOKENS = str(QT_TRANSLATE_NOOP("ChatView", "Thought: %1 tokens"))
_DONE_BARE = str(QT_TRANSLATE_NOOP("ChatView", "Thoughts"))
_TIP = str(QT_TRANSLATE_NOOP("ChatView", "The model's reasoning before it answered: "
                             "click to show or hide it. Copy copies the answer only."))


@dataclass(frozen=True)
class Thought:
    """A reply's reasoning, and what it cost when known."""

    text: str
    tokens: int | None = None
    seconds: float | None = None


def of(message: ChatMessage) -> Thought | None:
    """The message's reasoning (None when it has none)."""
    if not message.reasoning.strip():
        return None
    return Thought(message.reasoning, message.reasoning_tokens, message.reasoning_seconds)


def key(message: ChatMessage | None, index: int) -> Hashable:
    """What a message's fold state is kept under: its id in the store when it has one
    (a conversation opened again, or another branch, keeps it), else its index."""
    if message is not None and message.id is not None:
        return ("id", message.id)
    return ("index", index)


def now() -> float:
    """The clock the live header counts seconds by (a test may replace it)."""
    return time.monotonic()


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatView", text)


def seconds_text(seconds: float) -> str:
    """Seconds as people read them: one decimal under ten (in the user's locale's
    notation), whole seconds above."""
    if seconds < 10:
        return QLocale().toString(max(0.0, seconds), "f", 1)
    return QLocale().toString(round(seconds))


def header_text(thought: Thought, live: bool, opened: bool) -> str:
    """The header's words and its open or folded mark."""
    if live:
        words = (_tr(_LIVE).replace("%1", seconds_text(thought.seconds or 0.0))
                 .replace("%2", number(thought.tokens or 0)))
    elif thought.seconds is not None and thought.tokens is not None:
        words = (_tr(_DONE).replace("%1", seconds_text(thought.seconds))
                 .replace("%2", number(thought.tokens)))
    elif thought.seconds is not None:
        words = _tr(_DONE_SECONDS).replace("%1", seconds_text(thought.seconds))
    elif thought.tokens is not None:
        words = _tr(_DONE_TOKENS).replace("%1", number(thought.tokens))
    else:
        words = _tr(_DONE_BARE)
    return f"{words} {OPEN_MARK if opened else FOLDED_MARK}"


def icon_image(colour: str, ratio: float) -> QImage:
    """The header's icon in ``colour``, for a screen of device pixel ratio ``ratio``."""
    side = max(1, round(ICON_SIZE * ratio))
    image = icon(Icon.THINKING, colour).pixmap(side, side).toImage()
    image.setDevicePixelRatio(ratio)
    return image


# --- formats -----------------------------------------------------------------------


def _block(kind: int) -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setProperty(THINKING_PROPERTY, kind)
    if kind == TEXT:
        block.setLeftMargin(INDENT)
    else:
        block.setTopMargin(2)
        block.setBottomMargin(2)
    return block


def _text_format(colours: Roles) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colours.muted))
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, SMALLER)
    return fmt


def _header_format(colours: Roles, index: int) -> QTextCharFormat:
    fmt = _text_format(colours)
    fmt.setAnchor(True)
    fmt.setAnchorHref(f"prosa:reasoning/{index}")
    fmt.setFontUnderline(False)
    fmt.setFontWeight(QFont.Weight.DemiBold)
    fmt.setToolTip(_tr(_TIP))
    return fmt


def _icon_format(colours: Roles, index: int) -> QTextImageFormat:
    fmt = QTextImageFormat()
    fmt.merge(_header_format(colours, index))
    fmt.setName(ICON_URL)
    fmt.setWidth(ICON_SIZE)
    fmt.setHeight(ICON_SIZE)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    return fmt


# --- the section in a document ------------------------------------------------------


def shown_text(text: str) -> str:
    """The reasoning as shown: without the blank lines models put around it."""
    return text.strip("\n")


def write_header(cursor: QTextCursor, thought: Thought, index: int, opened: bool,
                 colours: Roles, live: bool = False) -> None:
    """The header line, written in the cursor's (empty) block, which becomes the
    section's header block."""
    cursor.setBlockFormat(_block(HEADER))
    cursor.setBlockCharFormat(_text_format(colours))
    cursor.insertImage(_icon_format(colours, index))
    cursor.insertText(" ", _header_format(colours, index))
    cursor.insertText(header_text(thought, live, opened), _header_format(colours, index))


def write_text(cursor: QTextCursor, text: str, colours: Roles, gap: bool = True) -> None:
    """The reasoning, in new blocks after the cursor's (the header's) block; ``gap``:
    a little space under its last line, before the answer (not while it streams: the
    lines it grows by would each inherit it)."""
    cursor.insertBlock(_block(TEXT), _text_format(colours))
    cursor.insertText(text, _text_format(colours))
    if gap:
        last = QTextBlockFormat()
        last.setBottomMargin(GAP)
        cursor.mergeBlockFormat(last)


def write(cursor: QTextCursor, thought: Thought, index: int, opened: bool,
          colours: Roles) -> None:
    """The whole section after the cursor's block (a message's name line); the cursor
    ends at its end."""
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
    write_header(cursor, thought, index, opened, colours)
    if opened:
        write_text(cursor, shown_text(thought.text), colours)


def kind(block: QTextBlock) -> int:
    """:data:`HEADER`, :data:`TEXT` or 0 (not part of a reasoning section)."""
    value = block.blockFormat().property(THINKING_PROPERTY)
    return value if isinstance(value, int) else 0


def section_end(header: QTextBlock) -> int:
    """Where the section of ``header`` ends (before the separator of its last block)."""
    block, last = header.next(), header
    while block.isValid() and kind(block) == TEXT:
        last, block = block, block.next()
    return last.position() + last.length() - 1


def rewrite(document: QTextDocument, name_line: QTextBlock, thought: Thought, index: int,
            opened: bool, colours: Roles) -> int:
    """Replace the section after a message's name line by one ``opened`` or folded; the
    change in the document's length."""
    header = name_line.next()
    if not header.isValid() or kind(header) != HEADER:
        return 0
    before = document.characterCount()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        cursor.setPosition(name_line.position() + name_line.length() - 1)
        cursor.setPosition(section_end(header), QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        write(cursor, thought, index, opened, colours)
    finally:
        cursor.endEditBlock()
    return document.characterCount() - before


class LiveThinking:
    """The reasoning of the reply streaming in, shown while the model thinks.

    The header counts the seconds since the first reasoning and the tokens so far; the
    text streams at the end of the section while it is open.  Folding it (a click, or
    the answer starting) removes the text, opening it writes what was said so far."""

    def __init__(self, document: QTextDocument, position: int, index: int, colours: Roles,
                 clock: Callable[[], float] | None = None) -> None:
        self.index = index
        self.colours = colours
        self._document = document
        self._clock = clock or now
        self._began = self._clock()
        #: Seconds spent thinking, once the answer started (None: still thinking).
        self._seconds: float | None = None
        self.text = ""
        self.tokens = 0
        self.opened = True
        #: Whether any reasoning was shown yet (the blank lines it opens with are not).
        self._begun = False
        self._head = QTextCursor(document)
        self._head.setPosition(position)
        self._head.setKeepPositionOnInsert(True)
        self._shown_header = ""
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.beginEditBlock()
        try:
            write_header(cursor, self.thought(), index, True, colours, live=True)
            self._shown_header = header_text(self.thought(), True, True)
            cursor.insertBlock(_block(TEXT), _text_format(colours))
        finally:
            cursor.endEditBlock()
        #: Where the streamed reasoning ends (moves with what is inserted there).
        self._tail: QTextCursor | None = cursor

    @property
    def thinking(self) -> bool:
        """Whether the model is still thinking (the answer has not started)."""
        return self._seconds is None

    def seconds(self) -> float:
        return self._clock() - self._began if self._seconds is None else self._seconds

    def thought(self) -> Thought:
        return Thought(self.text, self.tokens, self.seconds())

    def add(self, text: str, tokens: int) -> int:
        """More reasoning, ``tokens`` in all so far: streamed in when open, counted
        always; the change in the document's length."""
        before = self._document.characterCount()
        self.text += text
        self.tokens = max(self.tokens, tokens)
        piece = text if self._begun else text.lstrip("\n")
        self._begun = self._begun or bool(piece)
        if self.opened and piece:
            self._tail_cursor().insertText(piece, _text_format(self.colours))
        self.refresh()
        return self._document.characterCount() - before

    def refresh(self) -> None:
        """Rewrite the header when what it says changed (its seconds or tokens)."""
        words = header_text(self.thought(), self.thinking, self.opened)
        if words == self._shown_header:
            return
        self._shown_header = words
        block = self._head.block()
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        try:
            cursor.setPosition(block.position() + 2)  # after the icon and its space
            cursor.setPosition(block.position() + block.length() - 1,
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(words, _header_format(self.colours, self.index))
        finally:
            cursor.endEditBlock()

    def answer_started(self) -> None:
        """The model answers: the seconds stop and the section folds."""
        if self._seconds is None:
            self._seconds = self._clock() - self._began
        if self.opened:
            self.toggle()
        else:
            self.refresh()

    def toggle(self) -> int:
        """Fold or open the section; the change in the document's length."""
        before = self._document.characterCount()
        header = self._head.block()
        cursor = QTextCursor(self._document)
        cursor.beginEditBlock()
        try:
            cursor.setPosition(header.position() + header.length() - 1)
            cursor.setPosition(section_end(header), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            self.opened = not self.opened
            if self.opened:
                write_text(cursor, shown_text(self.text), self.colours, gap=not self.thinking)
                self._tail = QTextCursor(cursor) if self.thinking else None
            else:
                self._tail = None
        finally:
            cursor.endEditBlock()
        self.refresh()
        return self._document.characterCount() - before

    def _tail_cursor(self) -> QTextCursor:
        if self._tail is None:
            self._tail = QTextCursor(self._document)
            self._tail.setPosition(section_end(self._head.block()))
        return self._tail
