"""Where the user types: Enter sends, Shift+Enter starts a new line."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget


class Composer(QPlainTextEdit):
    submitted = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setPlaceholderText(self.tr("Message the model (Enter to send, Shift+Enter for a "
                                        "new line)"))
        self.setTabChangesFocus(True)
        self.setAccessibleName(self.tr("Message"))
        self.setToolTip(self.tr("Your message: Enter sends it, Shift+Enter starts a new "
                                "line, Tab moves on"))
        line = self.fontMetrics().lineSpacing()
        self._preferred = line * 3 + 14
        self.setMinimumHeight(line * 2 + 14)
        self.setMaximumHeight(line * 10)

    def sizeHint(self) -> QSize:
        # QPlainTextEdit asks for ~12 lines by default; a composer starts small.
        return QSize(super().sizeHint().width(), self._preferred)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.submit()
            return
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()  # Stop is the window's
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        text = self.toPlainText()
        if text.strip():
            self.submitted.emit(text)
