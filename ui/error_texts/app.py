"""Messages of the app errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "app.unexpected": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Something went wrong: {error}")),
    "cli.bad_json": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{what} file {path} is not valid JSON: {reason}")),
    "cli.ctx": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--ctx must be between 256 and 1048576")),
    "cli.empty_message": str(QT_TRANSLATE_NOOP(
        "Errors",
        "the message is empty")),
    "cli.endpoint": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--endpoint must start with http:// or https://")),
    "cli.gpu_layers": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--gpu-layers must be -1 (all), 0 or more")),
    "cli.limit": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--limit must be between 1 and 500")),
    "cli.no_bench": str(QT_TRANSLATE_NOOP(
        "Errors",
        "the benchmarks run from Prosa's source code (./prosa.sh bench)")),
    "cli.no_model_file": str(QT_TRANSLATE_NOOP(
        "Errors",
        "no such model file: {path}")),
    "cli.no_starter": str(QT_TRANSLATE_NOOP(
        "Errors",
        "the starter model is not installed (run ./prosa.sh setup) and no "
        "--model was given")),
    "cli.not_a_list": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{what} file {path} must hold a JSON list of objects")),
    "cli.nothing_to_do": str(QT_TRANSLATE_NOOP(
        "Errors",
        "nothing to do: give a command (chat, render, models, inspect) or "
        "--self-test")),
    "cli.offline": str(QT_TRANSLATE_NOOP(
        "Errors",
        "offline mode is on in Prosa's settings; give --endpoint to override")),
    "cli.threads": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--threads must be between 1 and 1024")),
    "cli.tokens_need_model": str(QT_TRANSLATE_NOOP(
        "Errors",
        "--tokens needs --model (tokens come from a model's vocabulary)")),
    "cli.unreadable_file": str(QT_TRANSLATE_NOOP(
        "Errors",
        "cannot read {what} file {path}: {reason}")),
    "cli.unreadable_template": str(QT_TRANSLATE_NOOP(
        "Errors",
        "cannot read template file {path}: {reason}")),
    "cli.usage": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{problem} (see: python main.py {command} --help)")),
    "settings.context_length": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The context length must be between {low} and {high}.")),
    "settings.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The settings file was damaged; it was kept as {name} and default "
        "settings are in use.")),
    "settings.gpu_layers": str(QT_TRANSLATE_NOOP(
        "Errors",
        "GPU layers must be -1 (all), 0 (none) or a positive number.")),
    "settings.hub_address": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The Hub address must start with http:// or https://.")),
    "settings.reset": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Some saved settings were invalid and were reset: {cause}")),
    "settings.reset_value": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Some saved settings were invalid and were reset.")),
    "settings.threads": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Threads must be between 1 and 1024.")),
}
