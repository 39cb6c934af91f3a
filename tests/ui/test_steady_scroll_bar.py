"""The chat's scroll bar skips repaints that would draw the same pixels, redraws a
handle creeping by a pixel once a second, and always comes to show the present
range and value."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from ui.steady_scroll_bar import SteadyScrollBar


def _settle() -> None:
    """The bar's check at the end of the turn, then the paint it may ask for."""
    for _ in range(3):
        QApplication.processEvents()


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_repaints_only_when_the_handle_moves(qtbot: Any) -> None:
    bar = SteadyScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.resize(15, 400)
    bar.setPageStep(400)
    bar.setRange(0, 100_000)
    bar.show()
    qtbot.waitExposed(bar)
    paints = _Paints()
    bar.installEventFilter(paints)
    # A long document grown by a line, kept at its end: the handle stays put.
    bar.setValue(bar.maximum())
    _settle()
    painted = paints.count
    bar.setRange(0, 100_020)
    bar.setValue(bar.maximum())
    _settle()
    assert paints.count == painted and bar.skipped >= 1
    # Scrolled to the top, the handle jumps: painted at once.
    bar.setValue(0)
    _settle()
    assert paints.count > painted
    # A handle creeping by a pixel (a short document growing at its end) is painted
    # again, but not at every change.
    bar.setRange(0, 400)
    bar.setValue(400)
    _settle()
    painted, skipped = paints.count, bar.skipped
    for grown in range(401, 441):
        bar.setRange(0, grown)
        bar.setValue(grown)
        _settle()
    qtbot.waitUntil(lambda: bar._painted == bar.look(), timeout=3_000)
    assert bar.skipped > skipped and 1 <= paints.count - painted < 40


def test_what_is_shown_is_always_the_present_state(qtbot: Any) -> None:
    """Random ranges and values, some changes undone before the next paint: after
    each round of events the last paint showed what the bar now holds."""
    bar = SteadyScrollBar(Qt.Orientation.Vertical)
    qtbot.addWidget(bar)
    bar.resize(15, 300)
    bar.show()
    qtbot.waitExposed(bar)
    rng = random.Random(4)
    for _ in range(200):
        for _ in range(rng.randrange(1, 4)):
            if rng.random() < 0.5:
                bar.setRange(0, rng.choice([0, 10, 1000, 50_000, 50_010]))
            bar.setValue(rng.choice([0, bar.maximum(), bar.maximum() - 1,
                                     rng.randrange(bar.maximum() + 1)]))
        _settle()
        if bar._painted != bar.look():  # a creep: drawn within a second
            qtbot.waitUntil(lambda: bar._painted == bar.look(), timeout=3_000)
