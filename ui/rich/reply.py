"""A finished reply written into a scratch document: Markdown prose as Qt renders it,
code blocks drawn by ``ui.rich.code_blocks``, tables and quotes styled, links made safe.

The chat view inserts the scratch document as one fragment (a short reply) or in
slices (a long one, ``ui.chat_rendering``): both come from this one writer, so they
end the same.  A reply without code blocks is ``QTextDocument.setMarkdown``, styled.

Highlighting costs far more than laying text out (Pygments lexes about 100 characters
of Python per millisecond, ten times slower than layout), so a long reply's scratch
document is written a few segments per event-loop turn (``ReplyWriter.step``), and
``cost`` weighs code accordingly when the view plans a turn's work.

Model output may contain any link; the view acts only on its own ``prosa:`` links, so
one written by the model is renamed (``model-prosa:``) and is refused like any other
address that is not http, https or mailto (``ui.rich.links``).
"""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QFont,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextTable,
)

from ui.rich import code_blocks
from ui.rich.code_blocks import CODE_PROPERTY, code_background, frame_colour
from ui.rich.fences import Segment, split

#: What a link written by the model to one of the view's own actions becomes.
UNSAFE_PREFIX = "model-"
#: A character of code costs about this many characters of prose to show (lexing).
CODE_WEIGHT = 10
#: Marks a reply's table once styled (a table format property).
_STYLED = QTextFormat.Property.UserProperty + 13


def cost(text: str) -> int:
    """About how much showing reply ``text`` costs, in characters of laid-out prose."""
    if "```" not in text and "~~~" not in text:
        return len(text)
    code = sum(len(segment.text) for segment in split(text) if segment.kind == "code")
    return len(text) + code * (CODE_WEIGHT - 1)


class ReplyWriter:
    """Writes a reply into ``document``, all at once or a few segments at a time."""

    def __init__(self, text: str, message: int, palette: QPalette) -> None:
        self.document = QTextDocument()
        self._text = text
        self._message = message
        self._palette = palette
        self._segments: list[Segment] = split(text)
        self._plain = not any(segment.kind == "code" for segment in self._segments)
        self._next = 0
        self._number = 0  # code blocks written so far

    def done(self) -> bool:
        return self._next >= (1 if self._plain else len(self._segments))

    def step(self, budget: int) -> None:
        """Write the next segments, about ``budget`` characters' worth (at least one)."""
        if self._plain:
            self.document.setMarkdown(self._text)
            self._next = 1
            finish(self.document, self.document.begin(), self._palette)
            return
        cursor = QTextCursor(self.document)
        while not self.done() and budget > 0:
            segment = self._segments[self._next]
            self._next += 1
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if segment.kind == "prose":
                if not cursor.block().text() and cursor.block().position() > 0:
                    cursor.deletePreviousChar()  # the empty block after a code block
                first = cursor.block().blockNumber()
                cursor.insertMarkdown(segment.text)
                finish(self.document, self.document.findBlockByNumber(first), self._palette)
                budget -= len(segment.text)
            else:
                code_blocks.write(cursor, segment.text, segment.language,
                                  code_blocks.copy_href(self._message, self._number),
                                  self._palette)
                self._number += 1
                budget -= len(segment.text) * CODE_WEIGHT


def render(text: str, message: int, palette: QPalette) -> QTextDocument:
    """The reply ``text`` of message ``message`` as a document to insert, at once."""
    writer = ReplyWriter(text, message, palette)
    while not writer.done():
        writer.step(1 << 30)
    return writer.document


def finish(document: QTextDocument, block: QTextBlock, palette: QPalette) -> None:
    """Style the prose from ``block`` on, and make its links safe."""
    cursor = QTextCursor(document)
    quote = QTextBlockFormat()
    quote.setBackground(code_background(palette))
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.format().hasProperty(CODE_PROPERTY):
            block = block.next()  # a code block, with its own Copy link
            continue
        if table is not None and not table.format().hasProperty(_STYLED):
            _style_table(table, palette)
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockQuoteLevel):
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(quote)
        _disarm_links(cursor, block)
        block = block.next()


def style(document: QTextDocument, palette: QPalette) -> None:
    """Tables and quotes of every reply in ``document`` in ``palette``'s colours (after
    a palette change; code blocks are ``code_blocks.rehighlight``'s)."""
    for frame in document.rootFrame().childFrames():
        if isinstance(frame, QTextTable) and frame.format().hasProperty(_STYLED):
            _style_table(frame, palette)
    quote = QTextBlockFormat()
    quote.setBackground(code_background(palette))
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockQuoteLevel):
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(quote)
        block = block.next()


def _disarm_links(cursor: QTextCursor, block: QTextBlock) -> None:
    """Links the model wrote to the view's own actions lose their power."""
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        char = fragment.charFormat()
        href = char.anchorHref()
        if char.isAnchor() and href.lower().startswith("prosa:"):
            safe = QTextCharFormat()
            safe.setAnchorHref(UNSAFE_PREFIX + href)
            cursor.setPosition(fragment.position())
            cursor.setPosition(fragment.position() + fragment.length(),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(safe)
        it += 1


def _style_table(table: QTextTable, palette: QPalette) -> None:
    """A reply's table: thin frame lines, padded cells, a shaded header row."""
    fmt = table.format()
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(frame_colour(palette)))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(5)
    fmt.setCellSpacing(0)
    fmt.setProperty(_STYLED, True)
    table.setFormat(fmt)
    for column in range(table.columns()):
        cell = table.cellAt(0, column)
        cell_format = cell.format()
        cell_format.setBackground(code_background(palette))
        cell_format.setFontWeight(QFont.Weight.Bold)
        cell.setFormat(cell_format)
