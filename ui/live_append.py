"""Text appended to the end of the chat: only the lines that changed are painted again.

Qt's document layout answers any insertion with "repaint from the top of the changed
paragraph to the end of the view": while a reply streams, its whole last paragraph
(ten or more lines into a story) was shaped and drawn again on every update, although
text added at the end changes only the line that held the old end and what follows.
On a 2-core machine, where llama.cpp's threads use both cores, that time is taken
from decoding.

Here the layout's own repaint request is held back during the insertion (its signals
are blocked), and the view repaints from the line before the one that held the old
end (a word that moved to the next line changes that line; the line before covers a
break that hung on a trailing space) down to the end of the text.  The size change
the block held back is passed on at once, so the scroll bar's range is right before
the view follows the end.
"""

from __future__ import annotations

import math
import weakref

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit


def _changed_from(view: QTextEdit, cursor: QTextCursor) -> float:
    """The document's y where text inserted at ``cursor`` can change what is drawn."""
    block = cursor.block()
    top = view.document().documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    if layout is None or layout.lineCount() == 0:
        return top
    line = layout.lineForTextPosition(cursor.position() - block.position())
    number = line.lineNumber() if line.isValid() else layout.lineCount() - 1
    return top + layout.lineAt(max(0, number - 1)).y()


#: A cursor kept at the end of each document that streams: text inserted at a cursor
#: leaves it after the text, still at the end.  Placing a new cursor there cost about
#: 0.1 ms an update in a streaming window (the cursor measures the line it lands on).
_ends: weakref.WeakKeyDictionary[QTextDocument, QTextCursor] = weakref.WeakKeyDictionary()


def _end_cursor(document: QTextDocument) -> QTextCursor:
    cursor = _ends.get(document)
    if cursor is None or not cursor.atEnd() or cursor.hasSelection():
        cursor = _ends[document] = QTextCursor(document)
        cursor.movePosition(QTextCursor.MoveOperation.End)
    return cursor


def append_at_end(view: QTextEdit, text: str, char_format: QTextCharFormat,
                  follow: bool) -> None:
    """Insert ``text`` at the end of ``view``'s document (``follow``: keep the end in
    view), repainting only the lines it can change."""
    document = view.document()
    cursor = _end_cursor(document)
    changed_from = _changed_from(view, cursor)
    layout = document.documentLayout()
    size = layout.documentSize()
    blocked = layout.blockSignals(True)
    try:
        cursor.insertText(text, char_format)
    finally:
        layout.blockSignals(blocked)
    grown = layout.documentSize()
    if grown != size:
        layout.documentSizeChanged.emit(grown)
    bar = view.verticalScrollBar()
    if follow:
        bar.setValue(bar.maximum())
    viewport = view.viewport()
    top = max(0, int(changed_from) - bar.value() - 1)
    # Down to the end of the text, not of the view: below it nothing changed (a short
    # chat leaves most of the view empty, and filling it on every update cost as much
    # as drawing the text).
    bottom = min(viewport.height(), math.ceil(grown.height()) - bar.value() + 1)
    if top < bottom:
        viewport.update(QRect(0, top, viewport.width(), bottom - top))
