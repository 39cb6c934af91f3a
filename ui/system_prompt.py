"""The conversation's system prompt, with the library of saved ones."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.conversation.system_prompts import SystemPromptLibrary
from core.errors import BadInput
from ui.error_texts import problem_text


class SystemPromptPanel(QWidget):
    #: The text of the current conversation's system prompt changed.
    changed = Signal(str)
    #: The user wants new chats to start with this text.
    defaultRequested = Signal(str)

    def __init__(self, library: SystemPromptLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("systemPromptPanel")
        self._library = library
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Instructions the model reads before the conversation. "
                               "Each chat keeps its own."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        pick = QHBoxLayout()
        self.picker = QComboBox()
        self.picker.setObjectName("savedPrompts")
        self.picker.setToolTip(self.tr("Saved system prompts: pick one to use it in this chat."))
        pick.addWidget(self.picker, 1)
        layout.addLayout(pick)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("systemPromptEditor")
        self.editor.setPlaceholderText(self.tr("No system prompt: the model's default "
                                               "behaviour."))
        self.editor.setAccessibleName(self.tr("System prompt"))
        self.editor.setTabChangesFocus(True)  # a keyboard user is never stuck in it
        self.editor.setToolTip(self.tr("The system prompt of this chat: the model reads it "
                                       "before the conversation"))
        layout.addWidget(self.editor, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save as…"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button, tip in (
            (self.save_button, self.tr("Save this text under a name, to use it in other "
                                       "chats")),
            (self.rename_button, self.tr("Rename the saved system prompt")),
            (self.delete_button, self.tr("Delete the saved system prompt; the text in this "
                                         "chat stays")),
        ):
            button.setToolTip(tip)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.default_button = QPushButton(self.tr("Use for new chats"))
        self.default_button.setObjectName("defaultSystemPrompt")
        self.default_button.setToolTip(self.tr(
            "New chats start with this system prompt (this chat and the others keep "
            "their own)."))
        self.default_button.clicked.connect(lambda: self.defaultRequested.emit(self.text()))
        layout.addWidget(self.default_button)
        self._reload()
        self.picker.activated.connect(self._on_pick)
        self.editor.textChanged.connect(self._on_edit)
        self.save_button.clicked.connect(self._on_save)
        self.rename_button.clicked.connect(self._on_rename)
        self.delete_button.clicked.connect(self._on_delete)

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._select_matching()

    def _reload(self, select: str | None = None) -> None:
        self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItem(self.tr("(custom)"), None)
        for prompt in self._library.prompts:
            self.picker.addItem(prompt.name, prompt.name)
        self.picker.blockSignals(False)
        if select is not None:
            self.picker.setCurrentIndex(max(0, self.picker.findData(select)))
        else:
            self._select_matching()
        self._update_buttons()

    def _select_matching(self) -> None:
        text = self.editor.toPlainText()
        match = next((p.name for p in self._library.prompts if p.text == text), None)
        self.picker.blockSignals(True)
        self.picker.setCurrentIndex(max(0, self.picker.findData(match)) if match else 0)
        self.picker.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        saved = self.picker.currentData() is not None
        self.rename_button.setEnabled(saved)
        self.delete_button.setEnabled(saved)

    @Slot(int)
    def _on_pick(self, index: int) -> None:
        name = self.picker.itemData(index)
        prompt = self._library.get(name) if name else None
        if prompt is not None:
            self.editor.setPlainText(prompt.text)  # emits textChanged -> changed
        self._update_buttons()

    @Slot()
    def _on_edit(self) -> None:
        self._select_matching()
        self.changed.emit(self.editor.toPlainText())

    @Slot()
    def _on_save(self) -> None:
        current = self.picker.currentData() or ""
        name, ok = QInputDialog.getText(self, self.tr("Save system prompt"),
                                        self.tr("Name:"), QLineEdit.EchoMode.Normal, current)
        if not ok:
            return
        if self._library.get(name) is not None and name.strip().casefold() != \
                str(current).casefold():
            answer = QMessageBox.question(
                self, self.tr("Replace system prompt"),
                self.tr("A system prompt named “%1” exists. Replace it?").replace("%1", name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._act(lambda: self._reload(self._library.save(name, self.text()).name))

    @Slot()
    def _on_rename(self) -> None:
        old = self.picker.currentData()
        if not old:
            return
        new, ok = QInputDialog.getText(self, self.tr("Rename system prompt"),
                                       self.tr("New name:"), QLineEdit.EchoMode.Normal, old)
        if ok:
            self._act(lambda: self._rename(old, new))

    @Slot()
    def _on_delete(self) -> None:
        name = self.picker.currentData()
        if not name:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete system prompt"),
            self.tr("Delete the saved system prompt “%1”? The text in this chat stays.")
            .replace("%1", name))
        if answer == QMessageBox.StandardButton.Yes:
            self._act(lambda: self._delete(name))

    def _rename(self, old: str, new: str) -> None:
        self._library.rename(old, new)
        self._reload(" ".join(new.split()))

    def _delete(self, name: str) -> None:
        self._library.delete(name)
        self._reload()

    def _act(self, action: Callable[[], object]) -> None:
        try:
            action()
        except BadInput as exc:
            QMessageBox.warning(self, self.tr("System prompts"), problem_text(exc))
        except OSError as exc:
            QMessageBox.warning(self, self.tr("System prompts"),
                                self.tr("Could not save the system prompts: %1")
                                .replace("%1", str(exc)))
