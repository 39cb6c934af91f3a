"""Messages of the output errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "output.cut_call": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The reply was cut off inside a tool call; the call was not made.")),
    "output.malformed_call": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A tool call could not be read ({reason}); its text is shown as it "
        "came.")),
}
