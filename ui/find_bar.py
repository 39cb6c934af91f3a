"""Find in the conversation: a slim bar with a search field, "3 of 12", previous and
next; every match highlighted, the current one selected and scrolled to.

The matches are the chat document's own (``QTextDocument.find``, case-insensitive),
drawn as the view's extra selections, so nothing in the document changes and the
smoothness of a streaming reply is untouched; they are counted again when the text
typed changes, and when the document did since (a reply streamed in).  The bar is
placed by the window; Esc closes it and gives the focus back to the conversation.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from ui.chat_view import ChatView
from ui.format import number
from ui.icons import Icon, set_icon
from ui.palette import marks


class FindBar(QWidget):
    """Search field, match count, previous/next and close, for one chat view."""

    def __init__(self, chat_view: ChatView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = chat_view
        #: Where each match is: (start, end) in the document.
        self.matches: list[tuple[int, int]] = []
        #: The current match's position in ``matches`` (-1: none).
        self.current = -1
        self._revision = -1
        self._searched = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in conversation"))
        self.field.setToolTip(self.tr("Text to find in this conversation (any case)"))
        self.field.setAccessibleName(self.tr("Find in conversation"))
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.count = QLabel(self)
        self.count.setToolTip(self.tr("Matches in this conversation"))
        self.previous_button = self._button(
            Icon.PREVIOUS, self.tr("Previous match (Shift+Enter, Shift+F3)"),
            self.tr("Previous match"), self.previous)
        self.next_button = self._button(Icon.NEXT, self.tr("Next match (Enter, F3)"),
                                        self.tr("Next match"), self.next)
        self.close_button = self._button(Icon.CLOSE, self.tr("Close the search (Esc)"),
                                         self.tr("Close the search"), self.close_bar)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.close_button):
            layout.addWidget(button)
        # Keys taken before any window shortcut (the window's Esc stops a reply, and
        # it may give F3 to a menu): while the field has the focus they are the bar's.
        self.field.installEventFilter(self)
        self._show_count()
        self.hide()

    def _button(self, which: Icon, tip: str, name: str,
                slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setAutoRaise(True)
        set_icon(button, which)
        button.setToolTip(tip)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _key_action(self, event: QKeyEvent) -> Callable[[], None] | None:
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Escape:
            return self.close_bar
        if key == Qt.Key.Key_F3:
            return self.previous if shift else self.next
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.previous if shift else self.next
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and isinstance(event, QKeyEvent):
            action = self._key_action(event)
            if action is not None:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()
                    return True
                if event.type() == QEvent.Type.KeyPress:
                    action()
                    return True
        return super().eventFilter(watched, event)

    # --- what the window calls -----------------------------------------------------------

    def open(self) -> None:
        """Show the bar with the field focused and selected, holding the view's
        selection when there is one (on one line)."""
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        """Hide the bar, clear the highlights, give the focus back to the view."""
        self.hide()
        self.view.setExtraSelections([])
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    # --- the search ----------------------------------------------------------------------

    def _search(self, text: str) -> None:
        """Find every match of ``text``; the current one is the first at or after the
        view's cursor."""
        self.view.settle()
        document = self.view.document()
        self.matches = []
        self._searched = text
        self._revision = document.revision()
        if text:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(text, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self.matches.append((cursor.selectionStart(), cursor.selectionEnd()))
        here = self.view.textCursor().selectionStart()
        self.current = next((i for i, (start, _) in enumerate(self.matches) if start >= here),
                            0) if self.matches else -1
        self._show()

    def _step(self, by: int) -> None:
        if self.view.document().revision() != self._revision \
                or self.field.text() != self._searched:
            self._search(self.field.text())
            if by > 0:
                return  # the first match from the cursor is shown already
        if not self.matches:
            return
        self.current = (self.current + by) % len(self.matches)
        self._show()

    def _show(self) -> None:
        selections = []
        shades = marks(self.view.palette())
        for start, end in self.matches:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(QColor(shades.search_background))
            selection.format.setForeground(QColor(shades.text_on_mark))
            selections.append(selection)
        self.view.setExtraSelections(selections)
        if self.current >= 0:
            start, end = self.matches[self.current]
            cursor = QTextCursor(self.view.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.view.setTextCursor(cursor)
            self.view.ensureCursorVisible()
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("No matches"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", number(self.current + 1))
                               .replace("%2", number(len(self.matches))))
        enabled = len(self.matches) > 0
        self.previous_button.setEnabled(enabled)
        self.next_button.setEnabled(enabled)
