"""The "?" beside a concept where the app shows it: opens that concept's lesson.

The button finds the window to ask by walking up its parents to the first widget that
can open lessons (the main window, :class:`LessonOpener`), so a panel or a dialog that
shows a concept needs no wiring to add one.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QToolButton, QWidget

from core.learn.catalog import LessonId


@runtime_checkable
class LessonOpener(Protocol):
    def open_lesson(self, lesson: LessonId) -> object: ...


class LessonButton(QToolButton):
    """A small "?" that opens ``lesson`` in the Learn panel."""

    def __init__(self, lesson: LessonId, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lesson = lesson
        self.setObjectName(f"learn-{lesson.value}")
        self.setText("?")
        self.setAutoRaise(True)
        self.setToolTip(tip)
        self.setAccessibleName(tip)
        self.clicked.connect(self.open)

    def open(self) -> object:
        widget: QWidget | None = self
        while widget is not None:
            if isinstance(widget, LessonOpener):
                return widget.open_lesson(self.lesson)
            widget = widget.parentWidget()
        return None


def beside(widget: QWidget, lesson: LessonId, tip: str) -> QWidget:
    """``widget`` (a heading, a label) with the "?" of ``lesson`` after it, as one row."""
    from PySide6.QtWidgets import QHBoxLayout

    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget, 1)
    layout.addWidget(LessonButton(lesson, tip, row))
    return row
