"""Tokens drawn as chips: a text cut into its pieces, each on its own patch of colour with
a small caption under it (its id, or its probability), wrapping like words.

A chip is a plain value (:class:`Chip`), so any lesson can show tokens this way: the
tokens of a prompt (alternating colours that show where one ends and the next begins),
the tokens of a reply (shaded by probability), a special token (the template's own
colours).  Colours are the application palette's marks (``ui.palette``), redrawn when
the theme changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget

from ui.palette import Marks, marks
from ui.theme import follow_palette


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


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when the width runs out (Qt has
    no such layout of its own)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line > 0:
                x, y, line = rect.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y()


class TokenChips(QWidget):
    """A row of token chips that wraps (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chips: tuple[Chip, ...] = ()
        #: One label per chip, in order (tests read them).
        self.labels: list[QLabel] = []
        self._flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        follow_palette(self, self._restyle)

    def set_chips(self, chips: Sequence[Chip]) -> None:
        for label in self.labels:
            self._flow.removeWidget(label)
            label.deleteLater()
        self.chips = tuple(chips)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.labels = []
        for chip in self.chips:
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFont(mono)
            label.setToolTip(chip.tooltip)
            label.setAccessibleName(f"{chip.piece} {chip.caption}".strip())
            self._flow.addWidget(label)
            self.labels.append(label)
        self._restyle()
        self.updateGeometry()

    def _restyle(self) -> None:
        shades = marks(self.palette())
        for i, (chip, label) in enumerate(zip(self.chips, self.labels, strict=True)):
            background, text = _colours(chip, i, shades)
            label.setStyleSheet(f"QLabel {{ background:{background}; color:{text}; "
                                "border-radius:4px; padding:2px 5px; }")
            label.setText(_chip_html(chip, text))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._flow.heightForWidth(width)


def _colours(chip: Chip, index: int, shades: Marks) -> tuple[str, str]:
    if chip.special:
        return shades.special_background, shades.special_text
    if chip.prob is not None:
        return shades.probability(chip.prob), shades.text_on_mark
    return shades.token_backgrounds[index % 2], shades.text_on_mark


def _chip_html(chip: Chip, colour: str) -> str:
    piece = _escape(shown_piece(chip.piece))
    weight = "font-weight:bold;" if chip.special else ""
    caption = (f'<br><span style="font-size:small;color:{colour};">{_escape(chip.caption)}'
               "</span>" if chip.caption else "")
    return f'<span style="{weight}white-space:pre;">{piece}</span>{caption}'


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
