"""A streaming reply repaints only the lines its new text can change: what the window
shows after each update is, pixel for pixel, what a full repaint draws."""

from __future__ import annotations

import random
from typing import Any

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from ui.chat_view import ChatView

_WORDS = ["the", "keeper", "climbed", "lighthouse", "stairs,", "supercalifragilistic",
          "é", "ü", "漢字", "waves"]


def _shown(view: ChatView) -> QImage:
    """The window's pixels as painted (the offscreen platform's backing store)."""
    for _ in range(3):
        QApplication.processEvents()
    return view.windowHandle().screen().grabWindow(view.winId()).toImage()


def _streaming(qtbot: Any, width: int, height: int) -> ChatView:
    """A chat view on screen, a reply begun."""
    view = ChatView()
    qtbot.addWidget(view)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)
    view.begin_reply(0)
    return view


def test_each_update_shows_what_a_full_repaint_draws(qtbot: Any) -> None:
    view = _streaming(qtbot, 420, 260)
    rng = random.Random(3)
    for step in range(120):
        text = " " + " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(1, 4)))
        if rng.random() < 0.05:
            text += "\n\n"
        if rng.random() < 0.1:
            text = "xx"  # glued to the last word: it may move to the next line
        view.append_reply(text)
        shown = _shown(view)
        view.viewport().repaint()
        assert _shown(view) == shown, f"update {step} left stale pixels"
    # The reply outgrew the view, which followed its end.
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    assert view.live_text in view.toPlainText()


def test_a_short_reply_does_not_repaint_the_empty_view_below_it(qtbot: Any) -> None:
    """Below the end of the text nothing changes: a new chat's first reply, in a tall
    window, repaints a line or two per update, not the rest of the view."""
    from PySide6.QtCore import QEvent, QObject, QRect

    view = _streaming(qtbot, 600, 700)
    _shown(view)
    painted: list[QRect] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(event.rect())  # type: ignore[attr-defined]
            return False

    spy = Paints()
    view.viewport().installEventFilter(spy)
    for word in ("The", " keeper", " climbed", " the", " stairs."):
        view.append_reply(word)
        _shown(view)
    bottom = view.document().documentLayout().documentSize().height()
    assert painted and all(rect.bottom() <= bottom + 2 for rect in painted)
    assert max(rect.height() for rect in painted) < view.viewport().height() // 4
