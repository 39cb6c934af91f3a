"""Messages of the app errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "app.unexpected": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Something went wrong: {error}")),
}
