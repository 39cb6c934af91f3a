"""Problems outside a reply, above the composer: shown once, until they are resolved.

A failed load, settings that do not add up, a message that does not fit: each is a
row here, with a "Details…" link when it has technical details and a button to
dismiss it.  The controller clears a row when what it is about is resolved (a model
loads, the settings become valid, a message is sent), so nothing stale stays in the
way, and the conversation itself holds only the conversation.  One row per topic: a
newer problem about the same thing replaces the older one.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from core.chat.screen import Topic
from core.errors import Problem
from ui.error_texts import problem_text
from ui.icons import Icon, set_icon
from ui.palette import roles
from ui.theme import follow_palette


class ProblemBar(QFrame):
    #: The user asked for a problem's technical details.
    detailsRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemBar")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._rows: dict[Topic, tuple[QWidget, Problem]] = {}
        self.setVisible(False)
        # The messages carry their colours: written again in a new theme's.
        follow_palette(self, self._recolour)

    def _html(self, problem: Problem) -> str:
        colours = roles(self.palette())
        text = f"<span style='color:{colours.error}'>⚠ {html.escape(problem_text(problem))}"
        if problem.all_details:
            link = html.escape(self.tr("Details…"))
            return text + f"</span> <a href='details' style='color:{colours.link}'>{link}</a>"
        return text + "</span>"

    def _recolour(self) -> None:
        for row, problem in self._rows.values():
            label = row.findChild(QLabel, "problemText")
            if label is not None:
                label.setText(self._html(problem))

    def show_problem(self, problem: Problem, topic: Topic) -> None:
        self.clear(topic)
        row = QWidget()
        row.setObjectName(f"problem_{topic.value}")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        label = QLabel(self._html(problem))
        label.setObjectName("problemText")
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.linkActivated.connect(lambda _link: self.detailsRequested.emit(problem))
        close = QToolButton()
        close.setObjectName("dismissProblem")
        set_icon(close, Icon.CLOSE)
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss this message"))
        close.clicked.connect(lambda: self.clear(topic))
        layout.addWidget(label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self._layout.addWidget(row)
        self._rows[topic] = (row, problem)
        self.setVisible(True)

    def clear(self, topic: Topic) -> None:
        entry = self._rows.pop(topic, None)
        if entry is not None:
            entry[0].deleteLater()
            self._layout.removeWidget(entry[0])
        self.setVisible(bool(self._rows))

    def problems(self) -> dict[Topic, Problem]:
        """What is shown, by topic."""
        return {topic: problem for topic, (_, problem) in self._rows.items()}

    def texts(self) -> list[str]:
        """The messages shown, in the user's language (tests, accessibility)."""
        return [problem_text(problem) for _, problem in self._rows.values()]
