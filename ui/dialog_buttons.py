"""OK and Cancel for the app's dialogs that edit something, with the tooltips every one
of them gives (what OK does is the dialog's to say)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def ok_cancel(dialog: QDialog, ok_tip: str) -> tuple[QDialogButtonBox, QPushButton]:
    """The buttons, wired to accept and reject, and the OK button (to disable while
    the entry is invalid)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setToolTip(ok_tip)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(
        QCoreApplication.translate("DialogButtons", "Close without changing anything"))
    return buttons, ok
