"""Links in replies open only after the user confirms, and only the safe kinds.

A reply is model output: a link in it may point anywhere, and its text may say
anything.  So a click never opens the address directly: a question names the full
address first, and only web and mail addresses (http, https, mailto) can be opened at
all; anything else (``javascript:``, ``file:``, an application's own scheme) is refused
with a message that names it.  Nothing in a reply opens on its own: images are not
fetched either (``ChatView.loadResource``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

#: The schemes a confirmed link may open.
ALLOWED_SCHEMES = ("http", "https", "mailto")


def open_link(parent: QWidget | None, url: QUrl) -> bool:
    """Ask, then open ``url`` in the browser or mail app; whether it was opened."""
    address = url.toString()
    if url.scheme().lower() not in ALLOWED_SCHEMES:
        QMessageBox.information(
            parent, QCoreApplication.translate("ChatView", "Link not opened"),
            QCoreApplication.translate(
                "ChatView", "Prosa opens only web and e-mail addresses from a reply. "
                "This link was not opened:\n\n%1").replace("%1", address))
        return False
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ChatView", "Open link?"),
        QCoreApplication.translate("ChatView", "The reply links to this address:\n\n%1\n\nOpen it?")
        .replace("%1", address),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Open:
        return False
    return QDesktopServices.openUrl(url)
