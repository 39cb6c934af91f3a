"""A short tour of the window, shown once: a few coach marks, each pointing at a part.

The right panel (system prompt, sampling, engine) is what sets Prosa apart and what a
new user does not know to look at.  The tour rings one part at a time and says in two
sentences what it does, with Next and Skip; Esc skips too (the window's Esc asks
:attr:`running`).  It never comes back once finished or skipped
(``Settings.tour_done``), unless asked for in Preferences.

The marks are child widgets of the window, drawn above everything else: no extra
top-level windows, so they move with the window and never end up behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class TourStep:
    """One coach mark: the area to ring (in the window's coordinates, asked when the
    step shows, so it follows the layout), its title and text, and what to do first
    (show the tab the step talks about)."""

    area: Callable[[], QRect]
    title: str
    text: str
    before: Callable[[], None] | None = None


class _Ring(QWidget):
    """A transparent layer over the window that rings the step's area."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.area = QRect()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.area.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        pen = QPen(colour, 3)
        painter.setPen(pen)
        painter.drawRoundedRect(self.area.adjusted(-4, -4, 4, 4), 8, 8)
        shade = QColor(colour)
        shade.setAlpha(28)
        painter.fillRect(self.area, shade)


class Tour(QObject):
    """The tour over ``window``; :attr:`ended` says whether it was finished (True) or
    skipped (False)."""

    ended = Signal(bool)

    def __init__(self, window: QWidget, steps: list[TourStep]) -> None:
        super().__init__(window)
        self.window = window
        self.steps = steps
        self.index = -1
        self.ring = _Ring(window)
        self.card = QFrame(window)
        self.card.setObjectName("tourCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setAutoFillBackground(True)
        self.card.setStyleSheet("#tourCard { border: 2px solid palette(highlight);"
                                " border-radius: 8px; background: palette(window); }")
        self.title = QLabel()
        self.title.setObjectName("tourTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("tourText")
        self.text.setWordWrap(True)
        self.counter = QLabel()
        self.counter.setObjectName("tourCounter")
        self.skip_button = QPushButton(self.tr("Skip tour"))
        self.skip_button.setObjectName("tourSkip")
        self.skip_button.setToolTip(self.tr("End the tour now; it will not come back"))
        self.skip_button.clicked.connect(self.skip)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("tourNext")
        self.next_button.setToolTip(self.tr("Show the next part of the window"))
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.counter)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self.card)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.card.setFixedWidth(self.card.fontMetrics().horizontalAdvance("M") * 24)
        self.ring.hide()
        self.card.hide()
        window.installEventFilter(self)

    @property
    def running(self) -> bool:
        return 0 <= self.index < len(self.steps)

    def start(self) -> None:
        self.index = -1
        self.next()

    def next(self) -> None:
        self.index += 1
        if self.index >= len(self.steps):
            self._end(True)
            return
        step = self.steps[self.index]
        if step.before is not None:
            step.before()
        self.title.setText(step.title)
        self.text.setText(step.text)
        self.counter.setText(self.tr("%1 of %2").replace("%1", str(self.index + 1))
                             .replace("%2", str(len(self.steps))))
        last = self.index == len(self.steps) - 1
        self.next_button.setText(self.tr("Done") if last else self.tr("Next"))
        self.skip_button.setVisible(not last)
        self._place()
        self.ring.show()
        self.card.show()
        self.ring.raise_()
        self.card.raise_()
        self.next_button.setFocus()

    def skip(self) -> None:
        self._end(False)

    def _end(self, finished: bool) -> None:
        self.index = len(self.steps)
        self.ring.hide()
        self.card.hide()
        self.window.removeEventFilter(self)
        self.ended.emit(finished)

    def _place(self) -> None:
        """Ring the step's area and put the card beside it, inside the window."""
        self.ring.setGeometry(self.window.rect())
        area = self.steps[self.index].area()
        self.ring.area = area
        self.ring.update()
        # Word-wrapped text: the card's height follows from its fixed width.
        layout = self.card.layout()
        height = (layout.totalHeightForWidth(self.card.width()) if layout is not None
                  else self.card.sizeHint().height())
        self.card.setFixedHeight(max(height, self.card.minimumSizeHint().height()))
        size = self.card.size()
        bounds = self.window.rect().adjusted(8, 8, -8, -8)
        gap = 12
        left = QPoint(area.left() - size.width() - gap, area.top())
        below = QPoint(area.left(), area.bottom() + gap)
        spot = left if left.x() >= bounds.left() else below
        x = min(max(spot.x(), bounds.left()), bounds.right() - size.width())
        y = min(max(spot.y(), bounds.top()), bounds.bottom() - size.height())
        self.card.move(x, y)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.running:
            return False
        if watched is self.window and event.type() == QEvent.Type.Resize:
            self._place()
        return False
