"""The NEXT_TOKEN lesson's page (a first, minimal version; it grows into the full lesson)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout

from core.learn.catalog import LessonId, TryIt, TryTarget
from core.learn.engine import LessonSetup
from ui.learn.page import LessonCall, LessonPage


def _nothing(setup: LessonSetup) -> str:
    return setup.model.model_path


class NextTokenPage(LessonPage):
    """The lesson, shown on the live model."""

    lesson = LessonId.NEXT_TOKEN

    def title(self) -> str:
        return self.tr("Predicting the next token")

    def intro(self) -> str:
        return self.tr("Predicting the next token")

    def build(self, body: QVBoxLayout) -> None:
        self.output = QLabel()
        body.addWidget(self.output)

    def call(self) -> LessonCall:
        return _nothing

    def show_result(self, result: Any) -> None:
        self.output.setText(str(result))

    def try_it(self) -> TryIt:
        return TryIt(TryTarget.PROBABILITIES)
