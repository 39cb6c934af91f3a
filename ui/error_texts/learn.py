"""Messages of the learn errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "learn.empty_prompt": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Write a question for the model.")),
    "learn.empty_text": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Write some text to cut into tokens.")),
    "learn.no_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The lessons need a model on this computer: load one, or download one "
        "in Models.")),
    "learn.no_probabilities": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The engine reported no token probabilities for this model.")),
    "learn.no_tool_call": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The model did not write a tool call. Run the lesson again.")),
    "learn.prompt_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The question is too long for this lesson: {chars} characters, at most "
        "{limit}.")),
    "learn.text_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The text is too long for this lesson: {chars} characters, at most "
        "{limit}.")),
}
