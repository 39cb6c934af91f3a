"""Messages of the chat errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "chat.cannot_open": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa could not open {path}: {cause}")),
    "chat.crashed_last_time": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model {name} crashed the engine last time, so it was not loaded "
        "automatically.")),
    "chat.dropped": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{count} older messages were left out to fit the context.")),
    "chat.load_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model could not be loaded: {cause}")),
    "chat.no_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No model found. Choose “Open GGUF file…” in the model menu.")),
    "chat.pick_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Pick a model first.")),
    "chat.replay_other_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This reply was made by {made_by}; the model loaded now is {loaded}, so"
        " the replay may differ.")),
}
