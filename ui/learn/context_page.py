"""Lesson page: Context length: what falls out (a placeholder that grows into the lesson)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.learn.catalog import LessonId, TryIt, TryTarget
from ui.learn.page import LessonCall, LessonPage


class ContextPage(LessonPage):
    lesson = LessonId.CONTEXT

    def title(self) -> str:
        return self.tr("Context length: what falls out")

    def intro(self) -> str:
        return ""

    def build(self, body: QVBoxLayout) -> None:
        self.output = QLabel()
        body.addWidget(self.output)

    def call(self) -> LessonCall:
        return lambda setup: None

    def show_result(self, result: Any) -> None:
        pass

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.CONTEXT)
