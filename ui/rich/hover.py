"""The small bar of actions over the message under the mouse: copy, edit (the user's
messages), regenerate (replies), inspect the prompt, delete.

The conversation is one ``QTextBrowser`` document, with no widget per message; so one
bar of icon buttons floats over the viewport, at the right of the hovered message's
name line, and moves as the mouse does.  The same actions are in the view's context
menu (and edit, regenerate and inspect are links on the name line), so none of them
needs the mouse.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QWidget

from ui.icons import Icon, set_icon

#: The actions, in order: name, icon, tooltip, and who has it ("" everyone).
ACTIONS: tuple[tuple[str, Icon, str, str], ...] = (
    ("copy", Icon.COPY, str(QT_TRANSLATE_NOOP("ChatView", "Copy this message")), ""),
    ("edit", Icon.EDIT, str(QT_TRANSLATE_NOOP("ChatView", "Edit this message")), "user"),
    ("regenerate", Icon.REGENERATE,
     str(QT_TRANSLATE_NOOP("ChatView", "Regenerate this reply")), "assistant"),
    ("inspect", Icon.INSPECT,
     str(QT_TRANSLATE_NOOP("ChatView", "Inspect the prompt of this message")), ""),
    ("delete", Icon.DELETE, str(QT_TRANSLATE_NOOP("ChatView", "Delete this message…")), ""),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChatView", text)


class HoverActions(QFrame):
    """Icon buttons for the message under the mouse; ``triggered(action, index)``."""

    triggered = Signal(str, int)

    def __init__(self, viewport: QWidget) -> None:
        super().__init__(viewport)
        self.setObjectName("hoverActions")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.setSpacing(0)
        #: The message the bar acts on (None: hidden).
        self.index: int | None = None
        self.buttons: dict[str, QToolButton] = {}
        self._roles: dict[str, str] = {}
        for name, which, tip, role in ACTIONS:
            button = QToolButton(self)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the menu is the keyboard's way
            set_icon(button, which)
            button.setToolTip(_tr(tip))
            button.setAccessibleName(_tr(tip))
            button.clicked.connect(self._clicker(name))
            layout.addWidget(button)
            self.buttons[name] = button
            self._roles[name] = role
        self._hide_later = QTimer(self)
        self._hide_later.setSingleShot(True)
        self._hide_later.setInterval(250)
        self._hide_later.timeout.connect(self._hide_unless_hovered)
        viewport.installEventFilter(self)
        self.hide()

    def _clicker(self, name: str) -> Callable[[], None]:
        def clicked() -> None:
            if self.index is not None:
                self.triggered.emit(name, self.index)
        return clicked

    def show_for(self, index: int | None, role: str, top_right: QPoint) -> None:
        """Show the bar for message ``index`` (of ``role``) with its top right corner
        at ``top_right`` in the viewport; hide it for None."""
        if index is None:
            self.index = None
            self.hide()
            return
        self._hide_later.stop()
        if index != self.index or not self.isVisible():
            self.index = index
            for name, button in self.buttons.items():
                button.setVisible(self._roles[name] in ("", role))
            self.adjustSize()
        self.move(max(0, top_right.x() - self.width()), max(0, top_right.y()))
        self.show()
        self.raise_()

    def _hide_unless_hovered(self) -> None:
        viewport = self.parentWidget()
        if viewport is None or not self.geometry().contains(viewport.mapFromGlobal(QCursor.pos())):
            self.show_for(None, "", QPoint())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave:
            self._hide_later.start()
        return False
