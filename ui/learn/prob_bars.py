"""Candidate tokens and their probabilities as a small bar chart: one row per token,
its text (white space drawn), a bar as long as its probability, the percentage, and a
note ("chosen", "end token").

A bar is a plain value (:class:`Bar`), so any lesson can show a distribution this way.
The bars are the style's progress bars, so they follow the theme like every other bar
in the app (the alternatives popup of a reply uses the same).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from ui.format import decimal
from ui.learn.token_chips import shown_piece

#: How wide a bar of probability 1 is: wide enough to tell 1% from 2%, narrow enough
#: that the percentages stay next to their tokens on a wide window.
_BAR_WIDTH = 280
#: Bars are drawn to this many steps (a tenth of a percent).
_STEPS = 1000


def percent(prob: float) -> str:
    """A probability as the locale writes a percentage with one decimal: ``41.8%``."""
    return f"{decimal(100 * prob)}%"


@dataclass(frozen=True)
class Bar:
    piece: str
    prob: float
    #: Drawn in bold: the token the lesson points at (the one chosen, the end token).
    highlight: bool = False
    #: A word after the percentage ("chosen", "end token").
    note: str = ""


class ProbabilityBars(QWidget):
    """Rows of token, bar, percentage and note (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: tuple[Bar, ...] = ()
        #: Per row: the piece's label, the bar, the percentage's label (tests read them).
        self.rows: list[tuple[QLabel, QProgressBar, QLabel]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(4, 1)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.bars = tuple(bars)
        self.rows = []
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, bar in enumerate(self.bars):
            piece = QLabel(shown_piece(bar.piece))
            piece.setFont(mono)
            meter = QProgressBar()
            meter.setRange(0, _STEPS)
            meter.setValue(round(_STEPS * min(1.0, max(0.0, bar.prob))))
            meter.setTextVisible(False)
            meter.setMaximumHeight(14)
            meter.setFixedWidth(_BAR_WIDTH)
            meter.setAccessibleName(f"{shown_piece(bar.piece)} {percent(bar.prob)}")
            share = QLabel(percent(bar.prob))
            note = QLabel(bar.note)
            for label in (piece, share, note):
                font = label.font()
                font.setBold(bar.highlight)
                label.setFont(font)
            self._grid.addWidget(piece, row, 0)
            self._grid.addWidget(meter, row, 1)
            self._grid.addWidget(share, row, 2)
            self._grid.addWidget(note, row, 3)
            self.rows.append((piece, meter, share))
