"""Messages of the tools errors, marked for translation (see ``ui/error_texts``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEXTS: dict[str, str] = {
    "structured.grammar_empty": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The grammar is empty.")),
    "structured.grammar_no_root": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A grammar needs a rule named root, where the reply starts (root ::= "
        "…).")),
    "structured.schema_invalid": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This is not a valid JSON schema: {error} (at {where}).")),
    "structured.schema_not_json": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The schema is not valid JSON: {error} (line {line}, column {column}).")),
    "structured.schema_not_object": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A JSON schema must be a JSON object, starting with a brace.")),
    "tools.bad_schema": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Tool \"{tool}\" has an invalid argument schema, so it cannot be called: "
        "{reason}")),
    "tools.calculator_arguments": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{function}() takes {expected} arguments, not {given}.")),
    "tools.calculator_division_by_zero": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The expression divides by zero.")),
    "tools.calculator_empty": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The expression is empty.")),
    "tools.calculator_not_real": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The result is not a real number.")),
    "tools.calculator_round_digits": str(QT_TRANSLATE_NOOP(
        "Errors",
        "round(x, digits) takes a whole number of digits from -{limit} to "
        "{limit}.")),
    "tools.calculator_syntax": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The expression is not valid arithmetic (at character {position}): "
        "{reason}.")),
    "tools.calculator_too_deep": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The expression is nested more than {limit} levels deep.")),
    "tools.calculator_too_large": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The result is too large for the calculator (whole numbers of up to "
        "{limit:,} digits, decimals up to about 1.8e308).")),
    "tools.calculator_too_long": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The expression has {length:,} characters; the calculator takes at most"
        " {limit:,}.")),
    "tools.calculator_undefined": str(QT_TRANSLATE_NOOP(
        "Errors",
        "{what} is not defined in the real numbers.")),
    "tools.calculator_unknown_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The calculator does not know the name \"{name}\". It knows the functions"
        " {functions} and the constants pi and e.")),
    "tools.calculator_unsupported": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The calculator does not support {what}. It knows numbers, + - * / // %"
        " ** and parentheses, the functions {functions}, and the constants pi "
        "and e.")),
    "tools.clock_unknown_timezone": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Unknown time zone \"{timezone}\". Give an IANA name such as "
        "Europe/Lisbon, America/Sao_Paulo or UTC, or leave it out for the local"
        " time.")),
    "tools.denied": str(QT_TRANSLATE_NOOP(
        "Errors",
        "You did not allow this call.")),
    "tools.duplicate_name": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Two tools are named \"{tool}\", one from {first} and one from {second}; "
        "the model could not tell them apart. Turn one of them off.")),
    "tools.failed": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Tool \"{tool}\" failed: {reason}")),
    "tools.file_binary": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The file \"{file}\" is not a text file (it contains binary data).")),
    "tools.file_missing": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The file \"{file}\" is no longer there (moved or deleted).")),
    "tools.file_not_picked": str(QT_TRANSLATE_NOOP(
        "Errors",
        "No file called \"{file}\" was shared; the shared files are: {files}.")),
    "tools.file_unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The file \"{file}\" could not be read: {reason}.")),
    "tools.invalid_arguments": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The arguments do not match the schema of tool \"{tool}\": {reason}")),
    "tools.limit": str(QT_TRANSLATE_NOOP(
        "Errors",
        "This reply reached its limit of {limit} tool calls.")),
    "tools.stopped": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Stopped before it ran.")),
    "tools.timed_out": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Tool \"{tool}\" did not answer within {seconds:g} seconds.")),
    "tools.units_incompatible": str(QT_TRANSLATE_NOOP(
        "Errors",
        "Cannot convert \"{from_unit}\" ({from_dimension}) to \"{to_unit}\" "
        "({to_dimension}): they measure different things.")),
    "tools.units_offset": str(QT_TRANSLATE_NOOP(
        "Errors",
        "A temperature in \"{unit}\" cannot be combined with other units; convert"
        " the temperature on its own (degC, degF, kelvin).")),
    "tools.units_out_of_range": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The converted value is too large to compute.")),
    "tools.units_unknown": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The unit \"{unit}\" is not known. Write units like km, mile, km/h, degC,"
        " kg, lb, L or kWh.")),
    "tools.units_unreadable": str(QT_TRANSLATE_NOOP(
        "Errors",
        "The unit \"{unit}\" could not be read. Write units like km, mi/h, degC "
        "or kg*m/s**2.")),
    "tools.unknown_tool": str(QT_TRANSLATE_NOOP(
        "Errors",
        "There is no tool named \"{tool}\". The available tools are: {available}.")),
}
