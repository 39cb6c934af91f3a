"""Seeing the model's choices: replies coloured by token probability, a token's
alternatives as a small bar chart, and beam search's n best replies.

The probability shading itself is ``ui.palette.probability_colour`` (re-exported here),
with the other colours.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.conversation.types import Candidate, TokenLogprob
from core.learn.catalog import LessonId
from ui.format import decimal
from ui.learn.help_button import LessonButton
from ui.palette import Marks, marks, probability_colour
from ui.prompt_inspector import visible_whitespace

__all__ = ["AlternativesPopup", "NBestDialog", "coloured_reply_html", "probability_colour"]


def coloured_reply_html(text: str, logprobs: list[TokenLogprob], message: int,
                        shades: Marks | None = None) -> str:
    """The reply's answer as spans, one per token, each a link that opens its
    alternatives; shaded in ``shades`` (the application palette's marks by default:
    dark shading under light text on a dark palette).  Reasoning tokens are not the
    answer's (their offsets point into the reasoning): they are left out, while each
    link keeps the token's index in the whole list, which branching from a token uses."""
    shades = shades or marks()
    answer = [(i, t) for i, t in enumerate(logprobs) if not t.reasoning]
    parts = []
    offsets = [t.text_offset for _i, t in answer] + [len(text)]
    covered = 0
    for n, (i, token) in enumerate(answer):
        start, end = max(offsets[n], covered), min(offsets[n + 1], len(text))
        if end <= start:
            continue
        piece = html.escape(text[start:end]).replace("\n", "<br>")
        parts.append(f'<a href="prosa:token/{message}/{i}" style="color:{shades.text_on_mark};'
                     f'text-decoration:none;background:{shades.probability(token.prob)}"'
                     f'>{piece}</a>')
        covered = end
    if covered < len(text):
        parts.append(html.escape(text[covered:]).replace("\n", "<br>"))
    return "".join(parts)


class AlternativesPopup(QFrame):
    """A token's probability and the alternatives the model weighed, as bars; choosing
    one regenerates the reply from that token on, as a new branch."""

    chosen = Signal(int)  # the alternative's token id

    def __init__(self, token: TokenLogprob, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("alternativesPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self)
        title = QLabel(self.tr("“%1”: %2% likely. The model also weighed:")
                       .replace("%1", html.escape(visible_whitespace(token.piece)))
                       .replace("%2", decimal(100 * token.prob)))
        grid.addWidget(title, 0, 0, 1, 3)
        grid.addWidget(LessonButton(LessonId.NEXT_TOKEN, self.tr(
            "Lesson: predicting the next token"), self), 0, 3)
        self.buttons: dict[int, QPushButton] = {}
        for row, alt in enumerate(token.alternatives, start=1):
            piece = QLabel(f"<code>{html.escape(visible_whitespace(alt.piece))}</code>")
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(int(1000 * alt.prob))
            bar.setTextVisible(False)
            bar.setMaximumHeight(12)
            bar.setMinimumWidth(140)
            share = QLabel(f"{decimal(100 * alt.prob)}%")
            grid.addWidget(piece, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(share, row, 2)
            if alt.id != token.id:
                button = QPushButton(self.tr("Continue with this"))
                button.setToolTip(self.tr("Regenerate the reply from here with this token "
                                          "instead; the original reply is kept."))
                button.clicked.connect(lambda _=False, a=alt.id: self._choose(a))
                grid.addWidget(button, row, 3)
                self.buttons[alt.id] = button
            else:
                grid.addWidget(QLabel(self.tr("chosen")), row, 3)

    def _choose(self, token_id: int) -> None:
        self.chosen.emit(token_id)
        self.close()

    def show_at(self, point: QPoint) -> None:
        self.adjustSize()
        self.move(point)
        self.show()


class NBestDialog(QDialog):
    """Beam search's candidate replies with their log-probabilities; keep one."""

    def __init__(self, candidates: tuple[Candidate, ...], current: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nBestDialog")
        self.setWindowTitle(self.tr("Beam search candidates"))
        self.candidates = candidates
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "The replies beam search found, best first. Total log-probability: closer to 0 "
            "is likelier; the score divides it by a length factor so long and short "
            "replies compare fairly.")))
        self.list = QListWidget()
        self.list.setObjectName("nBestList")
        self.list.setWordWrap(True)
        for candidate in candidates:
            item = QListWidgetItem(self.tr("log-probability %1 · score %2\n%3")
                                   .replace("%1", decimal(candidate.logprob, 2))
                                   .replace("%2", decimal(candidate.normalized_score, 3))
                                   .replace("%3", candidate.text))
            self.list.addItem(item)
            if candidate.text == current:
                item.setSelected(True)
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(self.tr("Keep this reply"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def selected(self) -> Candidate | None:
        rows = self.list.selectedIndexes()
        return self.candidates[rows[0].row()] if rows else None
