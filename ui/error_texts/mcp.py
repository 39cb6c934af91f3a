"""Messages of the mcp errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "mcp.bad_url": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The address of the MCP server “{name}” must start with http:// or "
        "https://.")),
    "mcp.damaged": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The list of MCP servers could not be read; it was kept as {kept_as} "
        "and the list starts empty.")),
    "mcp.exists": str(QT_TRANSLATE_NOOP(
        "Errors",
        "An MCP server named “{name}” already exists.")),
    "mcp.missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There is no MCP server named “{name}”.")),
    "mcp.name_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "An MCP server's name can have at most {most} characters.")),
    "mcp.no_command": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{name}” needs a program to run.")),
    "mcp.no_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "An MCP server needs a name.")),
    "mcp.protocol": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” answered with an error: {reason}")),
    "mcp.server_died": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” stopped unexpectedly; it will be started "
        "again on the next call.")),
    "mcp.server_off": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” is turned off.")),
    "mcp.skipped": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server {entry} could not be read ({reason}) and was left out; "
        "the old list was kept as {kept_as}.")),
    "mcp.start_failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” could not be started: {reason}")),
    "mcp.stopped": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” was stopped before the call finished.")),
    "mcp.timeout": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The MCP server “{server}” did not answer within {seconds:g} seconds.")),
    "mcp.tool_error": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The tool “{tool}” reported an error: {text}")),
}
