"""Messages of the sampling errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "preset.builtin_deleted": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“{name}” is built in and cannot be deleted; save your changes under "
        "another name.")),
    "preset.builtin_renamed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“{name}” is built in and cannot be renamed; save your changes under "
        "another name.")),
    "preset.builtin_replaced": str(QT_TRANSLATE_NOOP(
        "Errors",
        "“{name}” is built in and cannot be replaced; save your changes under "
        "another name.")),
    "preset.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved sampling presets were damaged; kept as {kept_as}.")),
    "preset.exists": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A preset named “{name}” already exists.")),
    "preset.incomplete": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} has no preset name or settings.")),
    "preset.missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There is no saved preset named “{name}”.")),
    "preset.name_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A preset name can have at most {most} characters.")),
    "preset.no_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A preset needs a name.")),
    "preset.not_json": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} is not a preset file (not valid JSON).")),
    "preset.too_new": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} was made by a newer version of Prosa.")),
    "preset.unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There is no preset named “{name}”.")),
    "preset.unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot read {file}: {reason}.")),
    "preset.wrong_kind": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{file} is not a Prosa sampling preset file.")),
    "prompts.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The saved system prompts were damaged; kept as {kept_as}.")),
    "prompts.exists": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A system prompt named “{name}” already exists.")),
    "prompts.missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There is no saved system prompt named “{name}”.")),
    "prompts.name_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A system prompt name can have at most {most} characters.")),
    "prompts.no_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A system prompt needs a name.")),
    "sampling.conflict.beam_with_temperature": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Beam search keeps the most likely replies and draws nothing at random,"
        " so a temperature ({temperature}) has no effect: set it to 0, or "
        "choose sampling.")),
    "sampling.conflict.greedy_with_temperature": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Greedy decoding always takes the most likely token, so a temperature "
        "({temperature}) has no effect: set it to 0, or choose sampling.")),
    "sampling.conflict.n_best_over_beam_width": str(QT_TRANSLATE_NOOP(
        "Errors",
        "N-best {n_best} asks for more replies than the {beam_width} beam(s) "
        "can hold: raise the beam width to at least {n_best}, or lower n-best.")),
    "sampling.conflict.n_best_without_beam": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Only beam search returns several replies: n-best {n_best} needs beam "
        "search, or set it to 1.")),
    "sampling.conflict.penalties_without_window": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The penalty window is 0 tokens, so the repeat, presence and frequency "
        "penalties have no effect: widen the window, or set the penalties to 1,"
        " 0 and 0.")),
    "sampling.conflict.sample_without_temperature": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Sampling at temperature 0 would always take the most likely token: "
        "choose greedy decoding, or raise the temperature above 0.")),
    "sampling.conflict.typical_with_top_k_1": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Top-k 1 leaves only the most likely token, so typical-p has nothing to"
        " choose from: raise top-k, or set typical-p to 1.")),
    "sampling.empty_stop": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: a stop string cannot be empty.")),
    "sampling.not_a_number": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: {setting} must be a number, not {value}.")),
    "sampling.not_finite": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: {setting} must be a finite number, not "
        "{value}.")),
    "sampling.not_whole": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: {setting} must be a whole number, not "
        "{value}.")),
    "sampling.out_of_range": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: {setting} must be between {low} and {high},"
        " not {value}.")),
    "sampling.stop_not_text": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: stop strings must be text.")),
    "sampling.strategy": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Invalid sampling settings: the strategy must be one of {choices}, not "
        "{value}.")),
}
