"""Help → Learn: the lessons in a list, one page each, run on the lessons' engine.

The dialog is not modal: a learner reads a lesson beside the chat, and "Try it
yourself" opens the real panel in the window.  Lessons run one at a time on the
dialog's own worker thread (:class:`ui.tasks.Tasks`, one lane per lesson), so the GUI
thread never waits on the model and a lesson started again drops the older result.
The lessons' engine process starts with the first lesson and ends when the window
closes (:meth:`LearnDialog.shutdown`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem
from core.learn.catalog import LessonId, TryIt
from core.learn.engine import LessonEngine, LessonSetup
from ui.icons import Icon, icon
from ui.learn.page import LessonCall, LessonPage
from ui.learn.registry import PAGES
from ui.tasks import Tasks

#: What the window gives the lessons when one starts: the setup, or why there is none.
SetupSource = Callable[[], LessonSetup | Problem]


class LearnDialog(QDialog):
    def __init__(self, setup: SetupSource, try_it: Callable[[TryIt], None],
                 engine: LessonEngine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnDialog")
        self.setWindowTitle(self.tr("Learn"))
        self.setWindowIcon(icon(Icon.LESSON))
        self.resize(920, 640)
        self._setup = setup
        self._try_it = try_it
        self.engine = engine
        self.tasks = Tasks(self, workers=1, name="prosa-lesson")

        self.model_line = QLabel(self.tr("Each lesson runs on the model you chat with, in "
                                         "an engine process of its own."))
        self.model_line.setObjectName("lessonModel")
        self.model_line.setWordWrap(True)
        self.lessons = QListWidget()
        self.lessons.setObjectName("lessonList")
        self.lessons.setAccessibleName(self.tr("Lessons"))
        self.pages = QStackedWidget()
        self.page_of: dict[LessonId, LessonPage] = {}
        for number, (lesson, page_class) in enumerate(PAGES.items(), start=1):
            page = page_class(self)
            self.page_of[lesson] = page
            self.pages.addWidget(page)
            item = QListWidgetItem(f"{number}. {page.title()}")
            item.setData(Qt.ItemDataRole.UserRole, lesson.value)
            self.lessons.addItem(item)
        self.lessons.setMinimumWidth(self.lessons.sizeHintForColumn(0) + 24)
        self.lessons.currentRowChanged.connect(self.pages.setCurrentIndex)

        splitter = QSplitter()
        splitter.addWidget(self.lessons)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        # The list as wide as its titles; the lesson takes the rest.
        splitter.setSizes([self.lessons.minimumWidth(), 10_000])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.model_line)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

    def show_lesson(self, lesson: LessonId) -> LessonPage:
        """Show ``lesson`` (running it, the first time)."""
        page = self.page_of[lesson]
        self.lessons.setCurrentRow(list(self.page_of).index(lesson))
        self.show()
        self.raise_()
        self.activateWindow()
        return page

    # --- LessonHost ---------------------------------------------------------------------

    def run_lesson(self, page: LessonPage, call: LessonCall) -> None:
        setup = self._setup()
        if isinstance(setup, Problem):
            page.fail(setup)
            return

        def done(result: Any) -> None:
            self._show_model()
            page.ran_with = setup.model.model_path
            page.finish(result)

        self.tasks.run(lambda: call(setup), done, page.fail, lane=page.lesson.value)

    def try_it(self, target: TryIt) -> None:
        self._try_it(target)

    def stale(self, page: LessonPage) -> bool:
        """Whether ``page`` shows another model's result than the chat's now."""
        setup = self._setup()
        return (page.ran_with is not None and not isinstance(setup, Problem)
                and setup.model.model_path != page.ran_with)

    # --- the rest -----------------------------------------------------------------------

    def _show_model(self) -> None:
        loaded = self.engine.loaded
        if loaded is not None:
            self.model_line.setText(self.tr(
                "Lessons run on %1, with the chat's engine settings, in an engine "
                "process of their own.").replace("%1", loaded.model_name))

    def closeEvent(self, event: Any) -> None:
        """Closing stops a lesson still running; the engine stays for the next one."""
        self.engine.cancel()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """The window closes: stop the lessons' work and end their engine process."""
        self.engine.cancel()
        self.tasks.shutdown()
        self.engine.close()
