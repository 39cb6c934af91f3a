"""Edit a model's chat template with a live preview, saved as the user's override.

Templates are untrusted code: the preview renders in a separate process
(``core.templates.isolated``), so a runaway template is killed there, and the wait for
it happens on a worker thread (``ui.tasks``), so the window never freezes.  Every
preview runs in one lane: a render that finishes after a newer edit was sent is
dropped, whatever order they end in.

A remote server's model is formatted by the server with a template Prosa cannot see
or change: the editor then says so, and nothing in it can be edited or saved.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from core.conversation.types import Message
from core.engine.protocol import ModelLoaded
from core.errors import Problem
from core.learn.catalog import LessonId
from core.templates.fallbacks import FALLBACK_FAMILIES, FAMILY_LABELS, fallback_source
from core.templates.isolated import IsolatedRenderer
from ui.error_texts import problem_text
from ui.learn.help_button import beside
from ui.palette import marks
from ui.tasks import Tasks
from ui.theme import follow_palette, tint

PREVIEW_DELAY_MS = 300
#: The failing line, in the English message when the problem has no ``line`` field.
_LINE = re.compile(r"\bline (\d+)")


class TemplateEditor(QDialog):
    #: The user saved: the new override's source, or None to remove the override.
    saved = Signal(object)

    def __init__(self, loaded: ModelLoaded, override: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setWindowTitle(self.tr("Chat template: %1").replace("%1", loaded.model_name))
        self._loaded = loaded
        self._override = override
        self._renderer = IsolatedRenderer()
        # One worker: the renderer runs one render at a time anyway.
        self._tasks = Tasks(self, workers=1, name="prosa-template")
        #: The error shown (in the user's language), "" when the template renders.
        self.error = ""
        #: The template line marked as failing, if any.
        self._error_line: int | None = None
        #: The conversation the preview shows (``None``: the editor's own sample).
        self._sample: list[Message] | None = None

        intro = QLabel(self.tr(
            "The chat template turns the conversation into the text the model reads. "
            "Changes are saved for this model only and can be undone with “Use the "
            "model's own”."))
        intro.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("templateSource")
        self.editor.setFont(mono)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setPlainText(override if override is not None else self._initial_source())
        self.editor.setAccessibleName(self.tr("Template source"))
        self.editor.setToolTip(self.tr("The Jinja source of the chat template; the preview "
                                       "follows as you type"))
        # Tab moves on, as everywhere else: a keyboard user is never stuck in the editor
        # (templates indent with spaces).
        self.editor.setTabChangesFocus(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(mono)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setToolTip(self.tr("The text the model would read for a sample "
                                        "conversation"))
        self.error_label = QLabel()
        self.error_label.setObjectName("templateError")
        self.error_label.setWordWrap(True)
        tint(self.error_label, "error")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Template (Jinja)")))
        left_layout.addWidget(self.editor, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("Preview on a sample conversation")))
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)

        self.reset_button = QPushButton(self.tr("Use the model's own"))
        self.reset_button.setObjectName("templateReset")
        self.reset_button.setEnabled(loaded.model_template is not None or override is not None)
        self.reset_button.setToolTip(self.tr("Forget your changes and use the template that "
                                             "came with the model"))
        self.save_button = QPushButton(self.tr("Save for this model"))
        self.save_button.setObjectName("templateSave")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Use this template for this model from now on"))
        close = QPushButton(self.tr("Close"))
        close.setToolTip(self.tr("Close the editor; what was not saved is lost"))
        # Prosa's built-in templates as starting points: "ChatML with tools" gives a
        # ChatML model whose own template has none a way to call tools.
        self.builtin_combo = QComboBox()
        self.builtin_combo.setObjectName("templateBuiltin")
        self.builtin_combo.addItem(self.tr("Start from a built-in template…"), None)
        for family in FALLBACK_FAMILIES:
            label = FAMILY_LABELS[family]
            if family == "chatml-tools":  # the other labels are names, said alike
                label = self.tr("ChatML with tools (Hermes)")
            self.builtin_combo.addItem(label, family)
        self.builtin_combo.setToolTip(self.tr(
            "Replace the text with one of Prosa's built-in templates (ChatML with tools "
            "lets a ChatML model call tools)"))
        self.builtin_combo.setAccessibleName(self.tr("Built-in templates"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.builtin_combo)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(beside(intro, LessonId.TEMPLATES,
                                self.tr("Lesson: chat templates and roles")))
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(1000, 620)
        for first, second in ((self.editor, self.preview), (self.preview, self.reset_button),
                              (self.reset_button, self.save_button), (self.save_button, close)):
            QWidget.setTabOrder(first, second)
        # The failing line's mark carries its colour: drawn again in a new theme's.
        follow_palette(self.editor, lambda: self._mark_error_line(self._error_line))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._render)
        self.editor.textChanged.connect(self._timer.start)
        self.reset_button.clicked.connect(self._reset)
        self.builtin_combo.activated.connect(self._use_builtin)
        self.save_button.clicked.connect(self._save)
        close.clicked.connect(self.close)
        #: A remote server formats this model's prompts: nothing here applies.
        self.remote = loaded.remote
        if self.remote:
            self._show_remote(intro)
        self._render()

    def _show_remote(self, intro: QLabel) -> None:
        """Say that the server formats the prompt, and offer nothing to edit."""
        intro.setObjectName("templateRemoteNote")
        intro.setText(self.tr(
            "The server formats this conversation with its own chat template: Prosa sends "
            "the messages and cannot see or change the template. To change it, change it "
            "on the server (llama-server: --chat-template-file; vLLM: --chat-template)."))
        tint(intro, "warning")
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self.editor.setPlaceholderText(self.tr("The template is on the server."))
        self.preview.setPlaceholderText(self.tr("Use the prompt inspector to see the "
                                                "request Prosa sends."))
        for widget in (self.editor, self.preview, self.reset_button, self.save_button,
                       self.builtin_combo):
            widget.setEnabled(False)

    @Slot(int)
    def _use_builtin(self, row: int) -> None:
        family = self.builtin_combo.itemData(row)
        self.builtin_combo.setCurrentIndex(0)
        if isinstance(family, str):
            self.start_from(family)

    def start_from(self, family: str) -> None:
        """Put Prosa's built-in template of ``family`` in the editor, not saved: the
        user sees it in the preview and saves it, or not."""
        self.editor.setPlainText(fallback_source(family))

    def _initial_source(self) -> str:
        if self._loaded.template_text:
            return self._loaded.template_text
        return self._loaded.model_template or fallback_source("chatml")

    def preview_with(self, messages: Sequence[Message]) -> None:
        """Preview the template on ``messages`` (a lesson's conversation) instead of
        the editor's own sample."""
        self._sample = list(messages)
        self._render()

    def sample_messages(self) -> list[Message]:
        if self._sample is not None:
            return self._sample
        return [
            {"role": "system", "content": self.tr("You are a helpful assistant.")},
            {"role": "user", "content": self.tr("Hello! Who are you?")},
            {"role": "assistant", "content": self.tr("I am a language model running on "
                                                     "your computer.")},
            {"role": "user", "content": self.tr("What can you do?")},
        ]

    # --- rendering (the isolated process, waited for on a worker thread) -------------

    @Slot()
    def _render(self) -> None:
        source, messages, loaded = self.editor.toPlainText(), self.sample_messages(), \
            self._loaded
        renderer = self._renderer

        def render() -> str:
            return renderer.render(source, messages, add_generation_prompt=True,
                                   bos_token=loaded.bos_token, eos_token=loaded.eos_token)

        if self.remote:
            return  # the server's template is not Prosa's to render
        self._tasks.run(render, self._on_rendered, self._on_failed, lane="preview")

    def _on_rendered(self, text: str) -> None:
        self._show_problem(None)
        self.preview.setPlainText(text)

    def _on_failed(self, problem: Problem) -> None:
        self._show_problem(problem)

    def _show_problem(self, problem: Problem | None) -> None:
        self.error = problem_text(problem) if problem is not None else ""
        self.error_label.setText(self.error)
        self.save_button.setEnabled(problem is None)
        self._mark_error_line(_error_line(problem))

    def _mark_error_line(self, line: int | None) -> None:
        self._error_line = line
        selections: list[QTextEdit.ExtraSelection] = []
        if line is not None:
            block = self.editor.document().findBlockByLineNumber(line - 1)
            if block.isValid():
                selection = QTextEdit.ExtraSelection()
                mark = marks(self.editor.palette())
                selection.format.setBackground(QColor(mark.error_line_background))
                selection.format.setForeground(QColor(mark.text_on_mark))
                selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self.editor.setExtraSelections(selections)

    # --- actions -----------------------------------------------------------------

    @Slot()
    def _reset(self) -> None:
        self.saved.emit(None)
        self.editor.setPlainText(self._loaded.model_template or fallback_source("chatml"))
        self._override = None

    @Slot()
    def _save(self) -> None:
        if self.error:
            return
        self._override = self.editor.toPlainText()
        self.saved.emit(self._override)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        # Waits for a render under way (at most the renderer's time limit, after which
        # it kills its process), then stops the process: none is left behind.
        self._tasks.shutdown()
        self._renderer.close()
        super().closeEvent(event)


def _error_line(problem: Problem | None) -> int | None:
    """The template line a problem is about: its ``line`` field, or the line its
    English message names (the shown text may be translated)."""
    if problem is None:
        return None
    line = problem.fields.get("line")
    if isinstance(line, int) and not isinstance(line, bool):
        return line
    match = _LINE.search(problem.message)
    return int(match.group(1)) if match else None
