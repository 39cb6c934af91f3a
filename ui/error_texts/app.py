"""Messages of the app errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "app.report_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The report could not be written to {path}: {reason}")),
    "app.unexpected": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Something went wrong: {error}")),
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
    "settings.kv_needs_flash_attention": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A {format} KV cache needs flash attention: choose On or Automatic, or "
        "the f16 cache.")),
    "settings.models_dir": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The models folder must be a full path.")),
    "settings.models_dir_unusable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The models folder {path} cannot be used ({reason}); the default folder"
        " is used instead.")),
    "settings.reset": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Some saved settings were invalid and were reset: {cause}")),
    "settings.reset_value": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Some saved settings were invalid and were reset.")),
    "settings.server_host": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The API server's address must be an IP address or a host name, such as"
        " 127.0.0.1.")),
    "settings.server_port": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The API server's port must be between 1 and 65535.")),
    "settings.snapshot_cap": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The space for saved conversations must be between {low} and {high} MB.")),
    "settings.threads": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Threads must be between 1 and 1024.")),
    "settings.zoom": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The chat zoom must be between {low} and {high}.")),
}
