"""Tokens drawn as chips: a text cut into its pieces, each on its own patch of colour with
a small caption under it (its id, or its probability), wrapping like words.

A chip is a plain value (:class:`Chip`), so any lesson can show tokens this way: the
tokens of a prompt (alternating colours that show where one ends and the next begins),
the tokens of a reply (shaded by probability), a special token (the template's own
colours), each with its tooltip.  Colours are the application palette's marks
(``ui.palette``), redrawn when the theme changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui.palette import Marks, marks


def shown_piece(piece: str) -> str:
    """A token's text with its white space drawn: a space as ``·``, a line break as
    ``↵``, a tab as ``⇥`` (a token of one space would otherwise be an empty chip)."""
    if not piece:
        return "∅"
    return piece.replace(" ", "·").replace("\n", "↵").replace("\t", "⇥")


@dataclass(frozen=True)
class Chip:
    """One token as a chip."""

    #: The token's text, as the model has it (white space is drawn by the widget).
    piece: str
    #: The small line under it: the id, a probability.
    caption: str = ""
    tooltip: str = ""
    #: A control token (the start token, the end of a turn): the special colours.
    special: bool = False
    #: Shade the chip by this probability (green sure, red surprising) instead of the
    #: alternating colours.
    prob: float | None = None


class TokenChips(QWidget):
    """Chips that wrap like words (see the module docstring).

    Drawn in one widget rather than as a label per chip: a paragraph is hundreds of
    tokens, and as many styled labels took over a second of the GUI thread."""

    #: Room around a chip's text, and between chips.
    PAD_X, PAD_Y, GAP = 5, 2, 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: tuple[Chip, ...] = ()
        self._sizes: list[QSize] = []
        self._rects: list[QRect] = []
        self._laid_for = -1
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMouseTracking(True)
        self._piece_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._caption_font = QFont(self._piece_font)
        self._caption_font.setPointSizeF(self._piece_font.pointSizeF() * 0.8)
        self._special_font = QFont(self._piece_font)
        self._special_font.setBold(True)

    def set_chips(self, chips: Sequence[Chip]) -> None:
        self.chips = tuple(chips)
        pieces, special = QFontMetrics(self._piece_font), QFontMetrics(self._special_font)
        captions = QFontMetrics(self._caption_font)
        height = pieces.height() + captions.height() + 2 * self.PAD_Y
        self._sizes = []
        for chip in self.chips:
            metrics = special if chip.special else pieces
            width = max(metrics.horizontalAdvance(shown_piece(chip.piece)),
                        captions.horizontalAdvance(chip.caption))
            self._sizes.append(QSize(width + 2 * self.PAD_X, height))
        self.setAccessibleDescription(" ".join(
            f"{shown_piece(c.piece)} {c.caption}".strip() for c in self.chips))
        self._laid_for = -1
        self.updateGeometry()
        self.update()

    # --- geometry -------------------------------------------------------------------

    def _layout(self, width: int) -> list[QRect]:
        rects, x, y, line = [], 0, 0, 0
        for size in self._sizes:
            if x > 0 and x + size.width() > width:
                x, y, line = 0, y + line + self.GAP, 0
            rects.append(QRect(QPoint(x, y), size))
            x += size.width() + self.GAP
            line = max(line, size.height())
        return rects

    def rects(self) -> list[QRect]:
        """Where each chip is drawn at the widget's width."""
        if self._laid_for != self.width():
            self._rects = self._layout(self.width())
            self._laid_for = self.width()
        return self._rects

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rects = self._layout(width)
        return max((r.bottom() + 1 for r in rects), default=0)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        widest = max((s.width() for s in self._sizes), default=0)
        return QSize(widest, self.heightForWidth(max(widest, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.heightForWidth(self.width()) != self.height():
            self.updateGeometry()

    # --- drawing ----------------------------------------------------------------------

    def colours(self) -> list[tuple[str, str]]:
        """Each chip's background and text colour in the current palette."""
        shades = marks(self.palette())
        return [_colours(chip, i, shades) for i, chip in enumerate(self.chips)]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        captions = QFontMetrics(self._caption_font)
        for chip, rect, (background, text) in zip(self.chips, self.rects(), self.colours(),
                                                  strict=True):
            if not rect.intersects(event.rect()):
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(QColor(text))
            inner = rect.adjusted(self.PAD_X, self.PAD_Y, -self.PAD_X, -self.PAD_Y)
            top = QRect(inner.left(), inner.top(), inner.width(),
                        inner.height() - captions.height())
            painter.setFont(self._special_font if chip.special else self._piece_font)
            painter.drawText(top, Qt.AlignmentFlag.AlignCenter, shown_piece(chip.piece))
            if chip.caption:
                bottom = QRect(inner.left(), top.bottom() + 1, inner.width(),
                               captions.height())
                painter.setFont(self._caption_font)
                painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, chip.caption)
        painter.end()

    def chip_at(self, point: QPoint) -> int | None:
        """The index of the chip under ``point``, if any."""
        for i, rect in enumerate(self.rects()):
            if rect.contains(point):
                return i
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.chip_at(event.pos())
            if index is not None and self.chips[index].tooltip:
                QToolTip.showText(event.globalPos(), self.chips[index].tooltip, self,
                                  self.rects()[index])
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        return super().event(event)


def _colours(chip: Chip, index: int, shades: Marks) -> tuple[str, str]:
    if chip.special:
        return shades.special_background, shades.special_text
    if chip.prob is not None:
        return shades.probability(chip.prob), shades.text_on_mark
    return shades.token_backgrounds[index % 2], shades.text_on_mark
