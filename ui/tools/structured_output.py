"""The reply's required shape: free text, a JSON schema or a GBNF grammar, written in a
monospace editor that checks it as the user types.

The checks are ``core.tools.structured``'s (JSON errors with their line and column, the
schema checked by jsonschema against its draft, a grammar's ``root`` rule), so what the
editor accepts is what the engine and the reply view use; the failing line is marked,
as in the template editor.  Examples fill the editor with schemas that show what
constrained decoding can do (nesting, enums, arrays and numbers with bounds).

The editor sits in a dialog opened from the tools panel: a side panel is too narrow to
write a schema in, and OK, disabled while the text is wrong, means a half-typed schema
never reaches a conversation.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from core.errors import ProsaError
from core.tools.choice import OutputConstraint
from core.tools.structured import EXAMPLES, check_grammar, parse_schema, pretty
from ui.dialog_buttons import ok_cancel
from ui.error_texts import problem_text
from ui.palette import marks
from ui.theme import follow_palette, tint

#: A grammar example: replies of one word (the shortest useful GBNF).
GRAMMAR_EXAMPLE = 'root ::= answer\nanswer ::= "yes" | "no" | "maybe"\n'


class Mode(StrEnum):
    FREE = "free"
    SCHEMA = "schema"
    GRAMMAR = "grammar"


class StructuredOutputEditor(QWidget):
    """Pick free text, a schema or a grammar and write it; ``changed`` on every edit,
    with the constraint when the text is valid (None otherwise, or for free text)."""

    changed = Signal(object)  # OutputConstraint | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("structuredOutputEditor")
        self._texts = {Mode.SCHEMA: "", Mode.GRAMMAR: ""}
        self._constraint: OutputConstraint | None = None
        self._valid = True
        self._error_line: int | None = None
        self.mode = QComboBox()
        self.mode.setObjectName("structuredMode")
        self.mode.addItem(self.tr("Free text"), Mode.FREE)
        self.mode.addItem(self.tr("JSON that matches a schema"), Mode.SCHEMA)
        self.mode.addItem(self.tr("Text that follows a grammar (GBNF)"), Mode.GRAMMAR)
        self.mode.setToolTip(self.tr("The shape every reply in this conversation must "
                                     "take; the model cannot write anything else"))
        self.mode.currentIndexChanged.connect(self._on_mode)
        self.examples = QToolButton()
        self.examples.setObjectName("structuredExamples")
        self.examples.setText(self.tr("Examples"))
        self.examples.setToolTip(self.tr("Fill the editor with an example"))
        self.examples.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.examples)
        for key, title in self.example_titles().items():
            action = menu.addAction(title)
            action.setData(key)
            action.triggered.connect(self._example_picker(key))
        menu.addSeparator()
        grammar = menu.addAction(self.tr("Grammar: yes, no or maybe"))
        grammar.triggered.connect(self._example_picker("grammar"))
        self.examples.setMenu(menu)
        self.text = QPlainTextEdit()
        self.text.setObjectName("structuredText")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Schema or grammar"))
        self.text.textChanged.connect(self._on_text)
        self.status = QLabel()
        self.status.setObjectName("structuredStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Replies")))
        top.addWidget(self.mode, 1)
        top.addWidget(self.examples)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.status)
        follow_palette(self.text, lambda: self._mark_line(self._error_line))
        self._on_mode()

    def example_titles(self) -> dict[str, str]:
        """The example schemas' names, in the user's language (by ``EXAMPLES`` key)."""
        titles = {"person": self.tr("A person with an address (nested objects)"),
                  "review": self.tr("A review (choices and numbers with bounds)"),
                  "shopping": self.tr("A shopping list (arrays with bounds)")}
        return {key: titles.get(key, key) for key in EXAMPLES}

    # --- the constraint ------------------------------------------------------------

    def constraint(self) -> OutputConstraint | None:
        """The constraint written (None: free text, or text that is not valid)."""
        return self._constraint

    def is_valid(self) -> bool:
        """Whether the text can be used (free text always can)."""
        return self._valid

    def set_constraint(self, constraint: OutputConstraint | None) -> None:
        """Show ``constraint`` (its schema formatted)."""
        if constraint is None:
            mode = Mode.FREE
        elif constraint.json_schema is not None:
            mode, self._texts[Mode.SCHEMA] = Mode.SCHEMA, pretty(constraint.json_schema)
        else:
            mode, self._texts[Mode.GRAMMAR] = Mode.GRAMMAR, constraint.grammar or ""
        if self.mode.currentData() == mode:
            self._on_mode()
        else:
            self.mode.setCurrentIndex(self.mode.findData(mode))

    def current_mode(self) -> Mode:
        return Mode(self.mode.currentData())

    # --- events ----------------------------------------------------------------------

    def _example_picker(self, key: str) -> Callable[[], None]:
        def pick() -> None:
            if key == "grammar":
                self._texts[Mode.GRAMMAR] = GRAMMAR_EXAMPLE
                mode = Mode.GRAMMAR
            else:
                self._texts[Mode.SCHEMA] = pretty(EXAMPLES[key])
                mode = Mode.SCHEMA
            if self.current_mode() == mode:
                self._on_mode()
            else:
                self.mode.setCurrentIndex(self.mode.findData(mode))
        return pick

    def _on_mode(self) -> None:
        mode = self.current_mode()
        self.text.setEnabled(mode is not Mode.FREE)
        self.text.blockSignals(True)
        try:
            self.text.setPlainText(self._texts.get(mode, ""))
        finally:
            self.text.blockSignals(False)
        placeholders = {
            Mode.FREE: self.tr("The model writes whatever it likes."),
            Mode.SCHEMA: self.tr('A JSON schema, for example {"type": "object", '
                                 '"properties": {"name": {"type": "string"}}}'),
            Mode.GRAMMAR: self.tr('A llama.cpp grammar, starting from the rule root, '
                                  'for example root ::= "yes" | "no"')}
        self.text.setPlaceholderText(placeholders[mode])
        self._check()

    def _on_text(self) -> None:
        mode = self.current_mode()
        if mode is not Mode.FREE:
            self._texts[mode] = self.text.toPlainText()
        self._check()

    def _check(self) -> None:
        mode, text = self.current_mode(), self.text.toPlainText()
        constraint: OutputConstraint | None = None
        line: int | None = None
        if mode is Mode.FREE:
            self._say(self.tr("Replies are free text."), "muted")
        elif not text.strip():
            self._say(self.tr("Write a schema, or pick one of the examples.")
                      if mode is Mode.SCHEMA else
                      self.tr("Write a grammar, or pick the example."), "muted")
        else:
            try:
                if mode is Mode.SCHEMA:
                    constraint = OutputConstraint(json_schema=parse_schema(text))
                    self._say(self.tr("✓ A valid JSON schema: replies will match it."),
                              "assistant")
                else:
                    constraint = OutputConstraint(grammar=check_grammar(text))
                    self._say(self.tr("✓ The grammar has its root rule; the engine checks "
                                      "the rest when the reply starts."), "assistant")
            except ProsaError as exc:
                self._say(problem_text(exc), "error")
                found = exc.params.get("line")
                line = found if isinstance(found, int) else None
        valid = mode is Mode.FREE or constraint is not None
        self._mark_line(line)
        changed = constraint != self._constraint or valid != self._valid
        self._constraint, self._valid = constraint, valid
        if changed:
            self.changed.emit(constraint)

    def _say(self, text: str, role: str) -> None:
        tint(self.status, role)
        self.status.setText(text)

    def _mark_line(self, line: int | None) -> None:
        self._error_line = line
        selections: list[QTextEdit.ExtraSelection] = []
        block = self.text.document().findBlockByNumber(line - 1) if line else None
        if block is not None and block.isValid():
            selection = QTextEdit.ExtraSelection()
            mark = marks(self.text.palette())
            selection.format.setBackground(QColor(mark.error_line_background))
            selection.format.setForeground(QColor(mark.text_on_mark))
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.text.setExtraSelections(selections)


class StructuredOutputDialog(QDialog):
    """The editor with OK (disabled while the text is not valid) and Cancel."""

    def __init__(self, constraint: OutputConstraint | None, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("structuredOutputDialog")
        self.setWindowTitle(self.tr("Reply format"))
        intro = QLabel(self.tr(
            "Constrain every reply of this conversation: with a JSON schema the model can "
            "only write JSON that matches it, and the reply shows whether it does."))
        intro.setWordWrap(True)
        self.editor = StructuredOutputEditor()
        self.editor.set_constraint(constraint)
        buttons, self.ok_button = ok_cancel(self, self.tr(
            "Use this format for the replies of this conversation"))
        self.ok_button.setEnabled(self.editor.is_valid())
        self.editor.changed.connect(
            lambda _c: self.ok_button.setEnabled(self.editor.is_valid()))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 52,
                    self.fontMetrics().height() * 32)

    def constraint(self) -> OutputConstraint | None:
        return self.editor.constraint()

    def accept(self) -> None:
        if self.editor.is_valid():
            super().accept()
