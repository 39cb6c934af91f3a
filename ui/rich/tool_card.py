"""A tool call in the chat view: a card with the tool, where it runs, its arguments, how
it went and what the model was given back.

A ``tool`` message is its name line (an icon, the tool's name, "built-in" or its MCP
server) followed by a one-column ``QTextTable``: the arguments in the first cell, on the
code background; the status, the result and, while the call waits for the user, the
approval links in the second.  A table, as for code blocks (``ui.rich.code_blocks``):
the frame and backgrounds come without widgets, a fragment copies it whole, and the
card can be found again from its name line (its format carries
:data:`TOOL_PROPERTY`), so a status change rewrites the second cell only: a click
costs the layout of one card, never the document's.

Everything inside a card is untrusted text (the model wrote the arguments, a tool or an
MCP server the result): it is inserted with ``insertText``, never as HTML or Markdown,
so ``<b>`` or ``<|im_end|>`` show as the characters they are and nothing in them
becomes a link.  Long arguments and results show their first lines, with a link that
opens the rest (as a reply's reasoning folds), so a 16,000-character result does not
push the conversation off the screen.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPalette,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTable,
    QTextTableCell,
    QTextTableFormat,
)

from core.errors import Problem
from core.tools.runs import RunStatus, ToolRun
from core.tools.spec import ToolSource
from ui.error_texts import problem_text
from ui.icons import Icon, icon
from ui.palette import Roles
from ui.rich.code_blocks import code_background, frame_colour, monospace
from ui.rich.thinking import FOLDED_MARK, OPEN_MARK, seconds_text

#: Table format property of a card: the call's id.
TOOL_PROPERTY = QTextFormat.Property.UserProperty + 31
#: Block format property of the block after a card.
GAP_PROPERTY = QTextFormat.Property.UserProperty + 32
#: The name line's icon, a resource the view supplies (``ChatView.loadResource``).
ICON_URL = "prosa-icon:tool"
ICON_SIZE = 14
#: The icon of a tool (a wrench once ``ui.icons`` names one; braces until then).
TOOL_ICON: Icon = getattr(Icon, "TOOL", Icon.CODE)
#: What a folded card shows: the first lines of the arguments and of the result, and at
#: most this many characters of each (one long line must not fill the screen either).
ARGUMENT_LINES, RESULT_LINES, FOLDED_CHARS = 8, 6, 600
#: An open card shows this much at most (results are cut at 16,000 characters before
#: they are kept; a stored file could hold more).
OPEN_CHARS = 50_000
#: The longest tool name a title shows.
NAME_CHARS = 80
#: The approval links' actions (``prosa:ACTION/INDEX``).
ALLOW, ALWAYS, DENY, FOLD = "tool-allow", "tool-always", "tool-deny", "tool-fold"
ACTIONS = (ALLOW, ALWAYS, DENY, FOLD)

_STATUS: dict[RunStatus, str] = {
    RunStatus.WAITING: str(QT_TRANSLATE_NOOP("ChatView", "Waiting for your approval")),
    RunStatus.RUNNING: str(QT_TRANSLATE_NOOP("ChatView", "Running…")),
    RunStatus.DONE: str(QT_TRANSLATE_NOOP("ChatView", "Done in %1")),
    RunStatus.FAILED: str(QT_TRANSLATE_NOOP("ChatView", "Failed")),
    RunStatus.DENIED: str(QT_TRANSLATE_NOOP("ChatView", "Denied")),
    RunStatus.INVALID: str(QT_TRANSLATE_NOOP("ChatView", "Invalid arguments")),
    RunStatus.UNKNOWN: str(QT_TRANSLATE_NOOP("ChatView", "Unknown tool")),
    RunStatus.TIMEOUT: str(QT_TRANSLATE_NOOP("ChatView", "Timed out")),
    RunStatus.LIMIT: str(QT_TRANSLATE_NOOP("ChatView", "Not run: call limit reached")),
}
#: The mark before the status, and the role colouring it.
_MARK: dict[RunStatus, tuple[str, str]] = {
    RunStatus.WAITING: ("●", "warning"), RunStatus.RUNNING: ("◌", "muted"),
    RunStatus.DONE: ("✓", "assistant"), RunStatus.FAILED: ("✗", "error"),
    RunStatus.DENIED: ("⊘", "warning"), RunStatus.INVALID: ("✗", "error"),
    RunStatus.UNKNOWN: ("✗", "error"), RunStatus.TIMEOUT: ("✗", "error"),
    RunStatus.LIMIT: ("⊘", "warning"),
}
_DENIED = str(QT_TRANSLATE_NOOP("ChatView", "You did not allow this call; the model was "
                                "told so."))
_ASK = str(QT_TRANSLATE_NOOP("ChatView", "The model wants to run this tool. Nothing runs "
                             "until you allow it."))


#: Unqualified, as lupdate finds it: every text is in the ``ChatView`` context.
translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate("ChatView", text)


# --- texts ---------------------------------------------------------------------------


def source_text(run: ToolRun) -> str:
    """Where the tool runs: built into Prosa, or which MCP server."""
    if run.source is ToolSource.MCP:
        return translate("ChatView", "MCP server “%1”").replace("%1", run.server)
    return translate("ChatView", "built-in")


def short_name(name: str) -> str:
    """A tool's name as a title shows it: a model may invent one of any length."""
    flat = " ".join(name.split()) or "?"
    return flat if len(flat) <= NAME_CHARS else flat[:NAME_CHARS - 1] + "…"


def elapsed_text(milliseconds: float) -> str:
    """A call's time as people read it: whole milliseconds under a second."""
    if milliseconds < 1000:
        whole = QLocale().toString(max(0, round(milliseconds)))
        return translate("ChatView", "%1 ms").replace("%1", whole)
    return translate("ChatView", "%1 s").replace("%1", seconds_text(milliseconds / 1000))


def status_text(run: ToolRun) -> str:
    """The status line's words (without the problem that follows them)."""
    words = _tr(_STATUS[run.status])
    return words.replace("%1", elapsed_text(run.elapsed_ms)) if "%1" in words else words


def arguments_text(arguments: Any) -> str:
    """The arguments as formatted JSON ("" for none)."""
    if not arguments:
        return ""
    try:
        return json.dumps(arguments, indent=2, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return str(arguments)


def result_text(result: str) -> str:
    """A result as shown: formatted when it is a JSON object or array."""
    stripped = result.strip()
    if stripped[:1] in ("{", "[") and len(stripped) <= OPEN_CHARS:
        try:
            return json.dumps(json.loads(stripped), indent=2, ensure_ascii=False)
        except ValueError:
            pass
    return result


def folded(text: str, lines: int, opened: bool) -> tuple[str, bool]:
    """What of ``text`` is shown, and whether some of it is hidden."""
    limit = OPEN_CHARS if opened else FOLDED_CHARS
    shown = text
    if not opened:
        shown = "\n".join(text.split("\n")[:lines])
    shown = shown[:limit]
    return shown, len(shown) < len(text)


def line_count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


# --- formats -------------------------------------------------------------------------


def _plain(colour: str | None = None) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if colour:
        fmt.setForeground(QColor(colour))
    return fmt


def _small(colour: str) -> QTextCharFormat:
    fmt = _plain(colour)
    fmt.setProperty(QTextFormat.Property.FontSizeAdjustment, -1)
    return fmt


def _code(colour: str | None = None) -> QTextCharFormat:
    fmt = monospace()
    if colour:
        fmt.setForeground(QColor(colour))
    return fmt


def _link(colour: str, href: str, tip: str = "") -> QTextCharFormat:
    fmt = _plain(colour)
    fmt.setAnchor(True)
    fmt.setAnchorHref(href)
    fmt.setFontUnderline(False)
    if tip:
        fmt.setToolTip(tip)
    return fmt


def _table_format(palette: QPalette, call_id: str) -> QTextTableFormat:
    fmt = QTextTableFormat()
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    fmt.setBorder(1)
    fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
    fmt.setBorderBrush(QBrush(frame_colour(palette)))
    fmt.setBorderCollapse(True)
    fmt.setCellPadding(7)
    fmt.setCellSpacing(0)
    fmt.setTopMargin(4)
    fmt.setBottomMargin(2)
    fmt.setProperty(TOOL_PROPERTY, call_id)
    return fmt


def _gap() -> QTextBlockFormat:
    """The block after a card: no line of its own (the next message's margin is the
    space), so a card does not stand further from what follows than a reply does."""
    block = QTextBlockFormat()
    block.setLineHeight(1, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
    block.setProperty(GAP_PROPERTY, True)
    return block


def is_gap(block: QTextBlockFormat) -> bool:
    """Whether a block format is that of the block after a card."""
    return block.hasProperty(GAP_PROPERTY)


def icon_image(colour: str, ratio: float) -> QImage:
    """The name line's icon in ``colour``, for a screen of device pixel ratio ``ratio``."""
    side = max(1, round(ICON_SIZE * ratio))
    image = icon(TOOL_ICON, colour).pixmap(side, side).toImage()
    image.setDevicePixelRatio(ratio)
    return image


def icon_format() -> QTextImageFormat:
    fmt = QTextImageFormat()
    fmt.setName(ICON_URL)
    fmt.setWidth(ICON_SIZE)
    fmt.setHeight(ICON_SIZE)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignMiddle)
    return fmt


# --- writing -------------------------------------------------------------------------


class CardWriter:
    """Writes cards in one view's colours; ``details_href(problem)`` gives the link to a
    problem's technical details ("" for none)."""

    def __init__(self, colours: Roles, palette: QPalette,
                 details_href: Callable[[Problem], str]) -> None:
        self.colours = colours
        self.palette = palette
        self.details_href = details_href

    def title(self, cursor: QTextCursor, run: ToolRun) -> None:
        """The name line: icon, tool name, where it runs."""
        name = QTextCharFormat()
        name.setFontWeight(QFont.Weight.Bold)
        name.setForeground(QColor(self.colours.assistant))
        cursor.insertImage(icon_format())
        cursor.insertText(" ", QTextCharFormat())
        cursor.insertText(short_name(run.name), name)
        cursor.insertText("   ", QTextCharFormat())
        cursor.insertText(source_text(run), _plain(self.colours.muted))

    def card(self, cursor: QTextCursor, run: ToolRun, index: int, opened: bool) -> None:
        """The card, right under the name line; ``cursor`` is in the (empty) block
        after it and ends in the block after the card."""
        if not cursor.block().text() and cursor.block().position() > 0:
            cursor.deletePreviousChar()  # the card follows the name line directly
        table = cursor.insertTable(2, 1, _table_format(self.palette, run.call_id))
        self.fill(table, run, index, opened)
        cursor.setPosition(table.lastPosition() + 1)
        cursor.setBlockFormat(_gap())
        cursor.setBlockCharFormat(QTextCharFormat())

    def fill(self, table: QTextTable, run: ToolRun, index: int, opened: bool) -> None:
        """Write both cells again (a new status, a fold, a palette)."""
        table.setFormat(_table_format(self.palette, run.call_id))
        for row, background, write in ((0, code_background(self.palette), self._arguments),
                                       (1, None, self._outcome)):
            cell = table.cellAt(row, 0)
            cell_format = cell.format()
            if background is not None:
                cell_format.setBackground(background)
            else:
                cell_format.clearBackground()
            cell.setFormat(cell_format)
            write(_cleared(cell), run, index, opened)

    def _arguments(self, cursor: QTextCursor, run: ToolRun, index: int, opened: bool) -> None:
        cursor.insertText(translate("ChatView", "Arguments"), _small(self.colours.muted))
        text = arguments_text(run.arguments)
        cursor.insertBlock(QTextBlockFormat(), _code())
        if not text:
            cursor.insertText(translate("ChatView", "none"), _plain(self.colours.muted))
            return
        shown, _ = folded(text, ARGUMENT_LINES, opened)
        cursor.insertText(shown, _code())
        if len(shown) < len(text):
            cursor.insertText("\n…", _code(self.colours.muted))

    def _outcome(self, cursor: QTextCursor, run: ToolRun, index: int, opened: bool) -> None:
        colours = self.colours
        mark, role = _MARK[run.status]
        status = _plain(getattr(colours, role))
        status.setFontWeight(QFont.Weight.DemiBold)
        cursor.insertText(f"{mark} {status_text(run)}", status)
        self._reason(cursor, run)
        result = result_text(run.result) if run.result else ""
        if result and run.status not in (RunStatus.WAITING, RunStatus.RUNNING):
            label = translate("ChatView", "Result") if run.status is RunStatus.DONE else \
                translate("ChatView", "Sent to the model")
            cursor.insertBlock(_spaced(), _small(colours.muted))
            cursor.insertText(label, _small(colours.muted))
            cursor.insertBlock(QTextBlockFormat(), _code())
            shown, hidden = folded(result, RESULT_LINES, opened)
            cursor.insertText(shown, _code())
            if hidden:
                cursor.insertText("\n…", _code(colours.muted))
        if run.cut_chars:
            cursor.insertBlock(_spaced(), _small(colours.muted))
            note = translate("ChatView", "Cut: the model was given the first %1 characters; "
                             "%2 more were left out.")
            cursor.insertText(note.replace("%1", QLocale().toString(len(run.result)))
                              .replace("%2", QLocale().toString(run.cut_chars)),
                              _small(colours.muted))
        self._fold_link(cursor, run, index, opened)
        if run.status is RunStatus.WAITING:
            self._approval(cursor, index)

    def _reason(self, cursor: QTextCursor, run: ToolRun) -> None:
        """Why a call did not give a result, after its status."""
        if run.status is RunStatus.DENIED:
            text, problem = _tr(_DENIED), None
        elif run.problem is not None and run.status not in (RunStatus.DONE,
                                                            RunStatus.RUNNING):
            text, problem = problem_text(run.problem), run.problem
        else:
            return
        cursor.insertText("  " + text, _plain())
        href = self.details_href(problem) if problem is not None else ""
        if href:
            cursor.insertText("  ", _plain())
            cursor.insertText(translate("ChatView", "Details…"), _link(self.colours.link, href))

    def _fold_link(self, cursor: QTextCursor, run: ToolRun, index: int, opened: bool) -> None:
        arguments = arguments_text(run.arguments)
        result = result_text(run.result) if run.result else ""
        longer = (folded(arguments, ARGUMENT_LINES, False)[1]
                  or folded(result, RESULT_LINES, False)[1])
        if not longer:
            return
        if opened:
            words = f"{translate('ChatView', 'Show less')} {OPEN_MARK}"
        else:
            lines = max(line_count(arguments), line_count(result))
            words = translate("ChatView", "Show all (%1 lines)").replace(
                "%1", QLocale().toString(lines)) + f" {FOLDED_MARK}"
        cursor.insertBlock(_spaced(), QTextCharFormat())
        cursor.insertText(words, _link(self.colours.link, f"prosa:{FOLD}/{index}"))

    def _approval(self, cursor: QTextCursor, index: int) -> None:
        colours = self.colours
        cursor.insertBlock(_spaced(), _plain(colours.muted))
        cursor.insertText(_tr(_ASK), _plain(colours.muted))
        cursor.insertBlock(_spaced(), QTextCharFormat())
        links = ((ALLOW, translate("ChatView", "Allow once"),
                  translate("ChatView", "Run this call; ask again next time")),
                 (ALWAYS, translate("ChatView", "Always allow this tool"),
                  translate("ChatView", "Run this call and later calls of this tool without "
                            "asking")),
                 (DENY, translate("ChatView", "Deny"),
                  translate("ChatView", "Do not run it; the model is told so")))
        for number, (action, words, tip) in enumerate(links):
            if number:
                cursor.insertText("     ", QTextCharFormat())
            fmt = _link(colours.error if action == DENY else colours.link,
                        f"prosa:{action}/{index}", tip)
            fmt.setFontWeight(QFont.Weight.DemiBold)
            cursor.insertText(words, fmt)


def _spaced() -> QTextBlockFormat:
    block = QTextBlockFormat()
    block.setTopMargin(4)
    return block


def _cleared(cell: QTextTableCell) -> QTextCursor:
    """A cursor in ``cell`` emptied of its text and its blocks' formats."""
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.setBlockFormat(QTextBlockFormat())
    cursor.setBlockCharFormat(QTextCharFormat())
    return cursor


# --- finding a card ------------------------------------------------------------------


def card_table(name_line: QTextBlock) -> QTextTable | None:
    """The card under a tool message's name line (None: not a tool message)."""
    block = name_line.next()
    if not block.isValid():
        return None
    table = QTextCursor(block).currentTable()
    if table is None or not table.format().hasProperty(TOOL_PROPERTY):
        return None
    return table


def rewrite(document: QTextDocument, name_line: QTextBlock, writer: CardWriter,
            run: ToolRun, index: int, opened: bool, title: bool = False) -> int:
    """Write the card under ``name_line`` again for ``run`` (and its name line when
    ``title``: a palette change); the change in the document's length."""
    table = card_table(name_line)
    if table is None:
        return 0
    before = document.characterCount()
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    try:
        if title:
            line = QTextCursor(name_line)
            line.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                              QTextCursor.MoveMode.KeepAnchor)
            line.removeSelectedText()
            writer.title(line, run)
        writer.fill(table, run, index, opened)
    finally:
        cursor.endEditBlock()
    return document.characterCount() - before
