"""A finished reply written into a scratch document: Markdown prose as Qt renders it,
code blocks drawn by ``ui.rich.code_blocks``, tables and quotes styled, links made safe.

The chat view inserts the scratch document as one fragment (a short reply) or in
slices (a long one, ``ui.chat_rendering``): both come from this one function, so they
end the same.  A reply without code blocks is exactly ``QTextDocument.setMarkdown``.

Model output may contain any link; the view acts only on its own ``prosa:`` links, so
one written by the model is renamed (``model-prosa:``) and is refused like any other
address that is not http, https or mailto (``ui.rich.links``).
"""

from __future__ import annotations

from PySide6.QtGui import (
    QBrush,
    QFont,
    QPalette,
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
from ui.rich.fences import split

#: What a link written by the model to one of the view's own actions becomes.
UNSAFE_PREFIX = "model-"


def render(text: str, message: int, palette: QPalette) -> QTextDocument:
    """The reply ``text`` of message ``message`` as a document to insert."""
    scratch = QTextDocument()
    segments = split(text)
    if not any(segment.kind == "code" for segment in segments):
        scratch.setMarkdown(text)
    else:
        cursor = QTextCursor(scratch)
        number = 0
        for segment in segments:
            cursor.movePosition(QTextCursor.MoveOperation.End)
            if segment.kind == "prose":
                if not cursor.block().text() and cursor.block().position() > 0:
                    cursor.deletePreviousChar()  # the empty block after a table
                cursor.insertMarkdown(segment.text)
            else:
                code_blocks.write(cursor, segment.text, segment.language,
                                  code_blocks.copy_href(message, number), palette)
                number += 1
    style(scratch, palette)
    _disarm_links(scratch)
    return scratch


def style(document: QTextDocument, palette: QPalette) -> None:
    """Tables framed with a header row and quotes set off, in ``palette``'s colours
    (again after a palette change: code blocks' tables are left to ``code_blocks``)."""
    _style_tables(document, palette)
    quote = QTextBlockFormat()
    quote.setBackground(code_background(palette))
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        if block.blockFormat().hasProperty(QTextFormat.Property.BlockQuoteLevel):
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(quote)
        block = block.next()


def _disarm_links(document: QTextDocument) -> None:
    """Links the model wrote to the view's own actions lose their power."""
    cursor = QTextCursor(document)
    block = document.begin()
    while block.isValid():
        table = QTextCursor(block).currentTable()
        if table is not None and table.format().hasProperty(CODE_PROPERTY):
            block = block.next()  # a code block's own Copy link
            continue
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
        block = block.next()


def _style_tables(document: QTextDocument, palette: QPalette) -> None:
    border = QBrush(frame_colour(palette))
    header = code_background(palette)
    for frame in document.rootFrame().childFrames():
        if not isinstance(frame, QTextTable) or frame.format().hasProperty(CODE_PROPERTY):
            continue
        fmt = frame.format()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(border)
        fmt.setBorderCollapse(True)
        fmt.setCellPadding(5)
        fmt.setCellSpacing(0)
        frame.setFormat(fmt)
        for column in range(frame.columns()):
            cell = frame.cellAt(0, column)
            cell_format = cell.format()
            cell_format.setBackground(header)
            cell_format.setFontWeight(QFont.Weight.Bold)
            cell.setFormat(cell_format)
