"""The "Details" of a problem: the technical part behind a message, ready to copy.

A message in the chat says what happened in the user's language; the details (a
traceback, llama.cpp's own log lines) are what a developer needs.  Copy puts a report
on the clipboard: the version, the problem's code, its English text and the details,
which is what a user pastes into a bug report.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.about.version import app_version
from core.errors import Problem
from ui.error_texts import problem_text


def report(problem: Problem) -> str:
    """The plain text a bug report needs, in English whatever the interface's language."""
    lines = [f"Prosa {app_version()}", f"{problem.code}: {problem.message}"]
    cause = problem.cause
    while cause is not None:
        lines.append(f"caused by {cause.code}: {cause.message}")
        cause = cause.cause
    details = problem.all_details
    if details:
        lines += ["", details]
    return "\n".join(lines)


class DetailsDialog(QDialog):
    def __init__(self, problem: Problem, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailsDialog")
        self.setWindowTitle(self.tr("Details"))
        self.problem = problem
        message = QLabel(problem_text(problem))
        message.setWordWrap(True)
        self.text = QPlainTextEdit(report(problem))
        self.text.setObjectName("detailsText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Technical details"))
        self.text.setToolTip(self.tr("What a developer needs to find the cause, in English"))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setToolTip(
            self.tr("Close this window"))
        self.copy_button = buttons.addButton(self.tr("Copy"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip(self.tr("Copy these details, to paste into a bug report"))
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(680, 420)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())
