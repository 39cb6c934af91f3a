"""Messages of the remote errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "remote.bad_address": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server's address must start with http:// or https:// and name a "
        "host, such as http://192.168.1.20:8080/v1.")),
    "remote.bad_call": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server sent a call of “{name}” whose arguments are not a JSON "
        "object; it was kept as text.")),
    "remote.bad_entry": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A saved server could not be read.")),
    "remote.bad_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A server needs a name of 1 to {most} characters.")),
    "remote.bad_reply": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” sent a reply Prosa could not read ({reason}).")),
    "remote.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The list of remote servers could not be read; it was kept as {kept_as}"
        " and the list starts empty.")),
    "remote.exists": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A server named “{name}” already exists.")),
    "remote.extras_refused": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” refused llama.cpp's own settings (top-k, min-p, "
        "typical-p, the repeat penalty); replies use the rest.")),
    "remote.ignored_settings": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” was not sent these settings, which it cannot "
        "use: {settings}.")),
    "remote.model_not_found": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” has no model named “{model}”. Pick one of the "
        "models it lists.")),
    "remote.no_models": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” lists no models.")),
    "remote.not_remote": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{path} is not a remote model.")),
    "remote.offline": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa is set to work offline, so it does not connect to the server "
        "“{server}”. Turn off offline mode in Preferences to use it.")),
    "remote.rate_limited": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” has too many requests now. Try again in a "
        "moment.")),
    "remote.rate_limited_wait": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” has too many requests now. Try again in "
        "{seconds} seconds.")),
    "remote.server_error": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” answered with an error (HTTP {status}): "
        "{message}")),
    "remote.timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” did not answer within {seconds:g} seconds.")),
    "remote.truncated": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” ended the reply before it was finished; what "
        "arrived is kept.")),
    "remote.unauthorized": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” refused the API key (HTTP {status}): check the "
        "key it was given.")),
    "remote.unknown_server": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server of “{model}” was removed from Prosa's remote servers.")),
    "remote.unreachable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The server “{server}” at {address} could not be reached: {reason}. "
        "Check the address and that the server is running.")),
}
