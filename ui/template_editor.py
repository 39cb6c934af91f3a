"""Edit a model's chat template with a live preview, saved as the user's override.

Templates are untrusted code: the preview renders in a separate process
(``core.templates.isolated``) on a background thread, so a runaway template is killed
there and the window never freezes.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
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
from core.errors import TemplateError
from core.templates.fallbacks import fallback_source
from core.templates.isolated import IsolatedRenderer

PREVIEW_DELAY_MS = 300
_LINE = re.compile(r"\bline (\d+)")


class TemplateEditor(QDialog):
    #: The user saved: the new override's source, or None to remove the override.
    saved = Signal(object)
    #: (sequence number, rendered text, error message) from the render thread.
    _rendered = Signal(int, str, str)

    def __init__(self, loaded: ModelLoaded, override: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateEditor")
        self.setWindowTitle(self.tr("Chat template: %1").replace("%1", loaded.model_name))
        self._loaded = loaded
        self._override = override
        self._renderer = IsolatedRenderer()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prosa-template")
        self._sequence = 0
        self.error = ""

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
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("templatePreview")
        self.preview.setReadOnly(True)
        self.preview.setFont(mono)
        self.error_label = QLabel()
        self.error_label.setObjectName("templateError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#b3261e;")
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
        self.save_button = QPushButton(self.tr("Save for this model"))
        self.save_button.setObjectName("templateSave")
        self.save_button.setDefault(True)
        close = QPushButton(self.tr("Close"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(1000, 620)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._render)
        self.editor.textChanged.connect(self._timer.start)
        self._rendered.connect(self._on_rendered)
        self.reset_button.clicked.connect(self._reset)
        self.save_button.clicked.connect(self._save)
        close.clicked.connect(self.close)
        self._render()

    def _initial_source(self) -> str:
        if self._loaded.template_text:
            return self._loaded.template_text
        return self._loaded.model_template or fallback_source("chatml")

    def sample_messages(self) -> list[Message]:
        return [
            {"role": "system", "content": self.tr("You are a helpful assistant.")},
            {"role": "user", "content": self.tr("Hello! Who are you?")},
            {"role": "assistant", "content": self.tr("I am a language model running on "
                                                     "your computer.")},
            {"role": "user", "content": self.tr("What can you do?")},
        ]

    # --- rendering (a worker thread; results come back as a queued signal) ----------

    @Slot()
    def _render(self) -> None:
        self._sequence += 1
        self._pool.submit(self._render_in_thread, self._sequence, self.editor.toPlainText(),
                          self.sample_messages())

    def _render_in_thread(self, sequence: int, source: str, messages: list[Message]) -> None:
        try:
            text = self._renderer.render(source, messages, add_generation_prompt=True,
                                         bos_token=self._loaded.bos_token,
                                         eos_token=self._loaded.eos_token)
            self._rendered.emit(sequence, text, "")
        except TemplateError as exc:
            self._rendered.emit(sequence, "", exc.message)

    @Slot(int, str, str)
    def _on_rendered(self, sequence: int, text: str, error: str) -> None:
        if sequence != self._sequence:
            return  # an older render finished after a newer edit
        self.error = error
        self.error_label.setText(error)
        self.save_button.setEnabled(not error)
        self._mark_error_line(error)
        if not error:
            self.preview.setPlainText(text)

    def _mark_error_line(self, error: str) -> None:
        selections: list[QTextEdit.ExtraSelection] = []
        match = _LINE.search(error)
        if match:
            block = self.editor.document().findBlockByLineNumber(int(match.group(1)) - 1)
            if block.isValid():
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(QColor("#fbd3cf"))
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
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._renderer.close()
        super().closeEvent(event)
