"""A fenced code block drawn as a block: a frame, a language label, a Copy link and
Pygments highlighting in a light or dark style chosen by the palette.

The block is a two-row ``QTextTable`` at the document's top level: the label and the
Copy link above, the code in one merged cell below.  A table, because the slices of a
long reply's rendering (``ui.chat_rendering.cut_points``) never cut through one and a
document fragment copies it whole, and because it gives the frame, padding and
background without any widget.

Long lines wrap at the view's width, inside the frame, with a hanging indent that
marks the continuation.  A block of its own that scrolls sideways would need a widget
per block inside the document, which ``QTextBrowser`` cannot host; and lines kept whole
(as Qt's Markdown does) widen the whole document, which put a horizontal scroll bar
under the entire conversation.  Copying gives the code unwrapped, whatever is shown.

The table's format keeps the code and its language (user properties), so a palette
change (light to dark) can highlight every block again in place: ``rehighlight``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextLength,
    QTextTable,
    QTextTableFormat,
)

from ui.palette import roles

#: Table format properties: the block's code, its language, and its href to copy it.
CODE_PROPERTY = QTextFormat.Property.UserProperty + 11
LANGUAGE_PROPERTY = QTextFormat.Property.UserProperty + 12
#: Pygments styles, by the palette's lightness: both keep 4.5:1 on their backgrounds
#: for the common token colours.
LIGHT_STYLE = "default"
DARK_STYLE = "monokai"
#: How far a continued (wrapped) line is indented, in pixels.
HANGING_INDENT = 18.0


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette's window is dark (then code uses the dark style)."""
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_name(palette: QPalette | None = None) -> str:
    return DARK_STYLE if is_dark(palette) else LIGHT_STYLE


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))


def code_background(palette: QPalette) -> QColor:
    """A code block's background: the base nudged a little towards the text colour
    (derived here from QPalette; ``ui.palette`` has no role for it)."""
    return _blend(palette.color(QPalette.ColorRole.Base),
                  palette.color(QPalette.ColorRole.Text), 0.05)


def frame_colour(palette: QPalette) -> QColor:
    """The frame around code blocks and table cells (derived here from QPalette)."""
    return _blend(palette.color(QPalette.ColorRole.Base),
                  palette.color(QPalette.ColorRole.Text), 0.2)


def monospace() -> QTextCharFormat:
    """Code's character format: the system's fixed font, at the document's size (so
    the chat's zoom applies to code too)."""
    fmt = QTextCharFormat()
    fmt.setFontFamilies(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
                        .families())
    fmt.setFontFixedPitch(True)
    return fmt


@lru_cache(maxsize=512)
def _token_format(style: str, token_type: Any) -> QTextCharFormat:
    from pygments.styles import get_style_by_name  # type: ignore[import-untyped]

    fmt = monospace()
    chosen = get_style_by_name(style)
    # A lexer's own token types (YAML's Scalar.Plain) take their parent's style.
    while not chosen.styles_token(token_type) and token_type.parent is not None:
        token_type = token_type.parent
    spec = chosen.style_for_token(token_type)
    if spec.get("color"):
        fmt.setForeground(QColor("#" + str(spec["color"])))
    if spec.get("bold"):
        fmt.setFontWeight(QFont.Weight.Bold)
    if spec.get("italic"):
        fmt.setFontItalic(True)
    return fmt


def tokens(code: str, language: str, style: str) -> Iterator[tuple[str, QTextCharFormat]]:
    """The code in runs of one format each; plain monospace for an unknown language.
    The runs' texts add up to exactly ``code``."""
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped]

    plain = monospace()
    try:
        lexer = get_lexer_by_name(language, stripnl=False, ensurenl=False, tabsize=0)
    except ClassNotFound:
        lexer = None
    if lexer is None or not language:
        yield code, plain
        return
    runs: list[tuple[str, QTextCharFormat]] = []
    previous: object = None
    for token_type, value in lexer.get_tokens(code):
        if runs and (token_type == previous or not value.strip()):
            runs[-1] = (runs[-1][0] + value, runs[-1][1])  # whitespace joins its run
            continue
        runs.append((value, _token_format(style, token_type)))
        previous = token_type
    if "".join(text for text, _ in runs) != code:  # a lexer that changed the text
        yield code, plain
        return
    yield from runs


#: Languages whose lexers were made ready (or are being).
_warmed: set[str] = set()
#: An opening fence's info string, once its line is complete.
_FENCE_INFO = re.compile(r"(?:^|\n) {0,3}(?:`{3,}|~{3,})[ \t]*([\w+#.-]+)[^\n`]*\n")


def _warm(language: str) -> None:
    for _ in tokens("x = 1", language, LIGHT_STYLE):
        pass


def warm_up(streamed: str) -> None:
    """Make ready, on a short thread, the lexer of each code block that ``streamed``
    (the end of a reply streaming in) opens.

    A lexer's first use compiles its regular expressions, 10 to 30 ms, which would
    stall the window when the reply is rendered; done while the block streams in, it
    is free.  One language at a time and only those replies use: warming them all
    (200 ms of work) competed with the streaming itself.  A plain thread rather than
    ``ui.tasks``: it returns nothing, touches no Qt object and ends on its own (a
    pool's threads would outlive it); the worst case of a lexer used while it is
    being compiled is that it is compiled twice."""
    for language in _FENCE_INFO.findall(streamed):
        language = language.lower()
        if language not in _warmed:
            _warmed.add(language)
            threading.Thread(target=_warm, args=(language,), daemon=True,
                             name=f"prosa-lexer-{language}"[:40]).start()


def _table_format(palette: QPalette, code: str, language: str) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(frame_colour(palette)))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(6)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(6)
    fmt.setBottomMargin(6)
    fmt.setBackground(code_background(palette))
    fmt.setProperty(CODE_PROPERTY, code)
    fmt.setProperty(LANGUAGE_PROPERTY, language)
    return fmt


def _write_code(cursor: QTextCursor, code: str, language: str, style: str) -> None:
    block = QTextBlockFormat()
    block.setNonBreakableLines(False)
    block.setLeftMargin(HANGING_INDENT)
    block.setTextIndent(-HANGING_INDENT)
    cursor.setBlockFormat(block)
    for text, fmt in tokens(code, language, style):
        cursor.insertText(text, fmt)


def copy_href(message: int, number: int) -> str:
    """The Copy link of code block ``number`` of message ``message``."""
    return f"prosa:copy-code/{message}/{number}"


def write(cursor: QTextCursor, code: str, language: str, href: str,
          palette: QPalette) -> None:
    """The block at ``cursor`` (which ends after it): label, Copy link, code."""
    colours = roles(palette)
    table = cursor.insertTable(2, 2, _table_format(palette, code, language))
    table.mergeCells(1, 0, 1, 2)
    # The label and the Copy link share one header line: no rule between them.
    none = QTextFrameFormat.BorderStyle.BorderStyle_None
    for column, side in ((0, "Right"), (1, "Left")):
        cell = table.cellAt(0, column)
        cell_format = cell.format().toTableCellFormat()
        getattr(cell_format, f"set{side}BorderStyle")(none)
        cell.setFormat(cell_format)
    label = QTextCharFormat()
    label.setForeground(QColor(colours.muted))
    label_cursor = table.cellAt(0, 0).firstCursorPosition()
    label_cursor.insertText(language or QCoreApplication.translate("ChatView", "code"), label)
    link_cursor = table.cellAt(0, 1).firstCursorPosition()
    right = QTextBlockFormat()
    right.setAlignment(Qt.AlignmentFlag.AlignRight)
    link_cursor.setBlockFormat(right)
    link = QTextCharFormat()
    link.setAnchor(True)
    link.setAnchorHref(href)
    link.setForeground(QColor(colours.link))
    link.setToolTip(QCoreApplication.translate("ChatView", "Copy this code"))
    link_cursor.insertText(QCoreApplication.translate("ChatView", "Copy"), link)
    _write_code(table.cellAt(1, 0).firstCursorPosition(), code, language,
                style_name(palette))
    cursor.movePosition(QTextCursor.MoveOperation.End)


def code_tables(document: QTextDocument) -> list[QTextTable]:
    """The code blocks' tables in ``document``."""
    return [frame for frame in document.rootFrame().childFrames()
            if isinstance(frame, QTextTable) and frame.format().hasProperty(CODE_PROPERTY)]


def rehighlight(document: QTextDocument, palette: QPalette) -> None:
    """Colour every code block again for ``palette`` (light or dark style, frame and
    background); the text and its positions stay as they are."""
    style = style_name(palette)
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        for table in code_tables(document):
            old = table.format()
            code = str(old.property(CODE_PROPERTY))
            language = str(old.property(LANGUAGE_PROPERTY))
            table.setFormat(_table_format(palette, code, language))
            position = table.cellAt(1, 0).firstPosition()
            for text, fmt in tokens(code, language, style):
                cursor.setPosition(position)
                cursor.setPosition(position + len(text), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
                position += len(text)
    finally:
        cursor.endEditBlock()
