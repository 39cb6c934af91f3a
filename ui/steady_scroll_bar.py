"""A scroll bar that repaints only when what it shows changes, and a creeping handle
at most once a second.

While a reply streams, every new line changes the chat's scroll range and value, and a
``QScrollBar`` repaints itself whole on each change.  With the Fusion style that
repaint (gradients, filled through Qt's raster thread pool) costs about a third of a
streaming update's CPU time: on a 2-core machine, where llama.cpp's threads use both
cores, that time is taken from decoding.

This bar compares what a repaint would draw (the handle's rectangle, and whether the
value is at either end, which some styles show on the arrows) with what it last
painted.  The same: no repaint (a long conversation, where a line moves the handle by
less than a pixel).  A creep of a pixel or two, the same ends (a streaming reply
followed at the bottom): repainted at most every ``CREEP_INTERVAL_S``; the handle shown
is never more than ``CREEP_PX`` pixels from where it belongs (beyond that it is
repainted at once), and exactly there within a second.  Anything else (the user scrolls,
a jump, a drag, a resize, a style change) repaints at once, as a plain scroll bar.

The comparison waits for the end of the event loop's turn: the view sets the range and
then the value (the end of the document), and the state between the two would always
differ.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractSlider, QScrollBar, QStyle, QStyleOptionSlider, QWidget

#: How often a creeping handle is redrawn, at most.
CREEP_INTERVAL_S = 1.0
#: A handle whose edges moved by at most this many pixels creeps.
CREEP_PX = 2

_Look = tuple[int, int, int, int, bool, bool]

_RANGE_OR_VALUE = (QAbstractSlider.SliderChange.SliderRangeChange,
                   QAbstractSlider.SliderChange.SliderValueChange)


def _creep(before: _Look, after: _Look) -> bool:
    return before[4:] == after[4:] and all(
        abs(a - b) <= CREEP_PX for a, b in zip(before[:4], after[:4], strict=True))


class SteadyScrollBar(QScrollBar):
    """``QScrollBar`` without the repaints that would draw (about) the same pixels."""

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        #: What the last paint showed (``None``: unknown, repaint), and when.
        self._painted: _Look | None = None
        self._painted_at = 0.0
        #: Range and value changes that did not repaint at once (for tests).
        self.skipped = 0
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.timeout.connect(self._repaint_if_changed)

    def look(self) -> _Look:
        """What a repaint would draw that range and value decide."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                             QStyle.SubControl.SC_ScrollBarSlider, self)
        value = self.value()
        return (handle.x(), handle.y(), handle.width(), handle.height(),
                value <= self.minimum(), value >= self.maximum())

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = self.look()
        self._painted_at = time.monotonic()
        super().paintEvent(event)

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if change in _RANGE_OR_VALUE and not self.isSliderDown() \
                and self._painted is not None:
            if not self._check.isActive() or self._check.interval() > 0:
                self._check.start(0)  # a creep waiting: this change may be a jump
            return
        super().sliderChange(change)

    def _repaint_if_changed(self) -> None:
        painted = self._painted
        if painted is None:
            self.update()
            return
        look = self.look()
        if look == painted:
            self.skipped += 1
            return
        wait = self._painted_at + CREEP_INTERVAL_S - time.monotonic()
        if wait > 0 and _creep(painted, look):
            self.skipped += 1
            self._check.start(max(1, int(wait * 1000) + 1))
            return
        self.update()
