"""The Learn dialog on the session's lessons' engine (SmolLM2), for the lessons' GUI
tests: ``dialog`` records every "Try it yourself" in ``tries``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.learn.catalog import LessonId, TryIt
from core.learn.engine import LessonSetup
from ui.learn.dialog import LearnDialog
from ui.learn.page import LessonPage

#: How long a lesson may take: seconds on an idle machine, far more on a loaded one.
TIMEOUT_MS = 300_000


@pytest.fixture
def tries() -> list[TryIt]:
    return []


@pytest.fixture
def dialog(qtbot: Any, lesson_setup: LessonSetup, tries: list[TryIt]) -> Iterator[LearnDialog]:
    learn = LearnDialog(lambda: lesson_setup, tries.append, lesson_setup.engine)
    qtbot.addWidget(learn)
    learn.resize(1000, 800)
    yield learn
    # Never shutdown(): the lessons' engine is the session's.  Close once idle.
    qtbot.waitUntil(lambda: not any(p.busy for p in learn.page_of.values()),
                    timeout=TIMEOUT_MS)
    learn.close()


def run_lesson(qtbot: Any, dialog: LearnDialog, lesson: LessonId) -> Any:
    """Open ``lesson`` and wait until it has shown the model's output."""
    page = dialog.page_of[lesson]
    with qtbot.waitSignal(page.ran, timeout=TIMEOUT_MS):
        assert dialog.show_lesson(lesson) is page
    return page


def try_it(page: LessonPage, tries: list[TryIt]) -> TryIt:
    """Press the page's "Try it yourself"; what it asked the window to open."""
    page.try_button.click()
    return tries[-1]
