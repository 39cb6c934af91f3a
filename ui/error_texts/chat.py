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
    "chat.load_failed_kept": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model could not be loaded: {cause} Prosa goes back to {previous}.")),
    "chat.load_first": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Load a model first.")),
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
    "chat.too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This message does not fit: with the conversation it needs {tokens} "
        "tokens, but the model's context holds {n_ctx}, {room} of them kept for"
        " the reply. Shorten it, start a new chat, raise the context length, or"
        " let Prosa drop old messages (Engine tab).")),
}
