"""One lesson of the Learn panel: a short explanation, the lesson run on the model,
what it showed, and a way into the real part of the app.

A page only shows.  What it computes is a function in ``core/learn/`` that the page
hands to its host (:class:`LessonHost`, the Learn dialog) as a call on a
:class:`core.learn.engine.LessonSetup`; the host runs it on the lessons' worker thread
and gives the page its result, or its problem, back on the GUI thread.  A page runs
its lesson the first time it is shown, so opening a lesson shows the model at work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from core.errors import Problem
from core.learn.catalog import LessonId, TryIt
from core.learn.engine import LessonSetup
from ui.error_texts import problem_text
from ui.icons import Icon, set_icon
from ui.theme import tint

#: The work a page asks for: runs on the lessons' thread with the setup of the moment.
LessonCall = Callable[[LessonSetup], Any]


class LessonHost(Protocol):
    """What a page needs from the panel around it."""

    def run_lesson(self, page: LessonPage, call: LessonCall) -> None: ...

    def try_it(self, target: TryIt) -> None: ...

    def stale(self, page: LessonPage) -> bool: ...


class LessonPage(QWidget):
    """The frame every lesson shares (see the module docstring).  A lesson says
    :meth:`title`, :meth:`intro`, builds its controls and results in :meth:`build`,
    and gives its work in :meth:`call`, its display in :meth:`show_result` and its way
    into the app in :meth:`try_it`."""

    #: Which lesson this page is.
    lesson: ClassVar[LessonId]
    #: The lesson's result is shown (tests and screenshots wait for it).
    ran = Signal()
    #: The lesson failed; its problem is shown.
    failed = Signal(object)

    def __init__(self, host: LessonHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName(f"lesson-{self.lesson.value}")
        self.has_run = False
        #: The model file the shown result came from (the host sets it).
        self.ran_with: str | None = None
        self.busy = False
        self.result: Any = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        self.body = QVBoxLayout(inner)

        heading = QLabel(self.title())
        heading.setObjectName("lessonTitle")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(self.title())
        self.body.addWidget(heading)
        intro = self.intro_label = QLabel(self.intro())
        intro.setObjectName("lessonIntro")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.addWidget(intro)

        self.build(self.body)

        self.status = QLabel()
        self.status.setObjectName("lessonStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.body.addWidget(self.status)
        self.body.addStretch(1)

        row = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Run again"))
        self.run_button.setObjectName("lessonRun")
        self.run_button.setToolTip(self.tr("Run this lesson on the model again"))
        set_icon(self.run_button, Icon.RESUME)
        self.run_button.clicked.connect(self.run)
        self.try_button = QPushButton(self.tr("Try it yourself"))
        self.try_button.setObjectName("lessonTry")
        self.try_button.setToolTip(self.tr("Open the part of Prosa this lesson is about, "
                                           "filled in with what the lesson used"))
        set_icon(self.try_button, Icon.NEXT)
        self.try_button.clicked.connect(lambda: self.host.try_it(self.try_it()))
        row.addWidget(self.run_button)
        row.addStretch(1)
        row.addWidget(self.try_button)
        outer.addLayout(row)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    # --- what each lesson says ---------------------------------------------------------

    def title(self) -> str:
        raise NotImplementedError

    def intro(self) -> str:
        """A few sentences (rich text) that say what the lesson shows and why."""
        raise NotImplementedError

    def build(self, body: QVBoxLayout) -> None:
        """Add the lesson's input and result widgets to ``body``."""
        raise NotImplementedError

    def call(self) -> LessonCall:
        """The lesson's work, with the page's input taken now (on the GUI thread)."""
        raise NotImplementedError

    def show_result(self, result: Any) -> None:
        """Show what :meth:`call` returned."""
        raise NotImplementedError

    def try_it(self) -> TryIt:
        """Where "Try it yourself" leads, filled in with what the lesson used."""
        raise NotImplementedError

    # --- pieces every lesson uses -------------------------------------------------------

    @staticmethod
    def heading(text: str) -> QLabel:
        """A part of the lesson's title, in bold."""
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    @staticmethod
    def note(text: str) -> QLabel:
        """A muted line that says how to read what is shown."""
        label = QLabel(text)
        label.setWordWrap(True)
        tint(label, "muted")
        return label

    # --- running ------------------------------------------------------------------------

    def run(self) -> None:
        """Run the lesson on the model (on the lessons' thread)."""
        self.has_run = True
        self.busy = True
        self.run_button.setEnabled(False)
        self.show_status(self.tr("Running on the model…"))
        self.host.run_lesson(self, self.call())

    def finish(self, result: Any) -> None:
        """The host delivers the result here."""
        self.busy = False
        self.result = result
        self.run_button.setEnabled(True)
        self.status.hide()
        self.show_result(result)
        self.ran.emit()

    def fail(self, problem: Problem) -> None:
        """The host delivers a failure here: said in words, the page stays usable."""
        self.busy = False
        self.run_button.setEnabled(True)
        self.show_status(problem_text(problem))
        self.failed.emit(problem)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        # The first time, and again when the chat has another model since.
        if not self.busy and (not self.has_run or self.host.stale(self)):
            self.run()
