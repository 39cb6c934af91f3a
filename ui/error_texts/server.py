"""Messages of the server errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "server.bind_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Prosa cannot listen on {host} port {port}: {error}")),
    "server.keyring_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The system keyring did not take the API key, so it is kept only until "
        "Prosa closes.")),
    "server.port_forbidden": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This computer does not let Prosa listen on port {port}: choose a port "
        "above 1023.")),
    "server.port_in_use": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Port {port} on {host} is in use by another program: choose another "
        "port.")),
    "server.start_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The API server did not start; the details are in Prosa's log.")),
    "server.unknown_host": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{host} is not an address this computer can listen on.")),
}
