"""Telling the user that something they waited for is done, while they look elsewhere.

A download of several gigabytes or a long reply takes minutes; the user switches to
another window meanwhile.  When it ends and Prosa's window is not the active one, a
desktop notification says so (through the system tray, where the desktop has one);
without a tray the taskbar entry asks for attention instead.  Nothing is shown while
the user is looking at the window: they can see it for themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

#: How long a notification stays (the desktop may choose otherwise).
SHOWN_MS = 8000


class Notifier(QObject):
    """Notifications for one window; off when :attr:`enabled` is False."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = True
        self._tray: QSystemTrayIcon | None = None
        #: What was notified, newest last (the tests read it; it is small).
        self.sent: list[tuple[str, str]] = []

    def unseen(self) -> bool:
        """Whether the user is not looking at the window right now."""
        window = self.window
        return not window.isActiveWindow() or window.isMinimized() or not window.isVisible()

    def notify(self, title: str, text: str) -> bool:
        """Tell the user, unless they are looking at the window; True when told."""
        if not self.enabled or not self.unseen():
            return False
        self.sent.append((title, text))
        tray = self._tray_icon()
        if tray is not None:
            tray.showMessage(title, text, self.window.windowIcon(), SHOWN_MS)
        else:
            QApplication.alert(self.window)
        return True

    def _tray_icon(self) -> QSystemTrayIcon | None:
        """The tray icon, created the first time it is needed (never on a desktop
        without a tray); clicking it or its message brings the window back."""
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            tray = QSystemTrayIcon(self.window.windowIcon(), self)
            tray.setToolTip("Prosa")
            tray.activated.connect(lambda _reason: self._raise())
            tray.messageClicked.connect(self._raise)
            tray.show()
            self._tray = tray
        return self._tray

    def _raise(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def close(self) -> None:
        if self._tray is not None:
            self._tray.hide()
