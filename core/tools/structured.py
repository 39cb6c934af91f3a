"""Structured output without Qt: checking what the user writes as a constraint, and
reading a reply made under one.

The schema editor checks as the user types (:func:`parse_schema`, :func:`check_grammar`),
raising coded errors the window translates and the CLI prints; the reply view shows a
reply as formatted JSON and says whether it matches the schema (:func:`read_reply`).
The checks are jsonschema's own, against the draft the schema names (2020-12 when it
names none), so what the editor accepts is what the reply is judged by.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NamedTuple

from jsonschema import exceptions as schema_errors
from jsonschema import validators

from core.errors import BadInput

#: A reply longer than this is shown as it is, not parsed (a constrained reply is a few
#: kilobytes; a runaway one should not cost the window a long parse).
MAX_PARSED_CHARS = 1_000_000
#: The start rule llama.cpp's grammars must define.
_ROOT_RULE = re.compile(r"^\s*root\s*::=", re.MULTILINE)

#: Example schemas for the editor's Examples menu (and tests: each is valid and covers
#: what constrained decoding must get right: nesting, enums, arrays and numbers with
#: bounds).  The window names them in the user's language.
EXAMPLES: dict[str, dict[str, Any]] = {
    "person": {
        "type": "object",
        "properties": {
            "name": {"type": "string", "minLength": 1},
            "age": {"type": "integer", "minimum": 0, "maximum": 130},
            "email": {"type": "string"},
            "address": {
                "type": "object",
                "properties": {
                    "street": {"type": "string"},
                    "city": {"type": "string"},
                    "postal_code": {"type": "string"},
                    "country": {"type": "string"},
                },
                "required": ["city", "country"],
                "additionalProperties": False,
            },
        },
        "required": ["name", "age", "address"],
        "additionalProperties": False,
    },
    "review": {
        "type": "object",
        "properties": {
            "sentiment": {"type": "string", "enum": ["positive", "neutral", "negative"]},
            "stars": {"type": "integer", "minimum": 1, "maximum": 5},
            "language": {"type": "string", "enum": ["en", "pt", "es", "fr", "other"]},
            "summary": {"type": "string", "maxLength": 200},
        },
        "required": ["sentiment", "stars", "summary"],
        "additionalProperties": False,
    },
    "shopping": {
        "type": "object",
        "properties": {
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": 10,
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string"},
                        "quantity": {"type": "integer", "minimum": 1, "maximum": 99},
                        "unit": {"type": "string", "enum": ["piece", "kg", "g", "l", "ml"]},
                    },
                    "required": ["name", "quantity", "unit"],
                    "additionalProperties": False,
                },
            },
            "budget": {"type": "number", "minimum": 0},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5,
                     "uniqueItems": True},
        },
        "required": ["items"],
        "additionalProperties": False,
    },
}


def pretty(value: Any) -> str:
    """JSON as people read it: two-space indents, non-ASCII kept as written."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def parse_schema(text: str) -> dict[str, Any]:
    """The schema the user wrote, checked; raises :class:`BadInput` saying where it is
    wrong (a JSON error with its line and column, or what jsonschema finds wrong)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadInput("structured.schema_not_json",
                       "The schema is not valid JSON: {error} (line {line}, column "
                       "{column}).", error=exc.msg, line=exc.lineno, column=exc.colno
                       ) from None
    if not isinstance(value, dict):
        raise BadInput("structured.schema_not_object",
                       "A JSON schema must be a JSON object, starting with a brace.")
    check_schema(value)
    return value


def check_schema(schema: Mapping[str, Any]) -> None:
    """Raise :class:`BadInput` if ``schema`` is not a valid schema of its draft."""
    validator = validators.validator_for(schema, default=validators.Draft202012Validator)
    try:
        validator.check_schema(dict(schema))
    except schema_errors.SchemaError as exc:
        raise BadInput("structured.schema_invalid",
                       "This is not a valid JSON schema: {error} (at {where}).",
                       error=_short(exc.message), where=exc.json_path) from None


def check_grammar(text: str) -> str:
    """The grammar the user wrote, if it can be one: not empty, with the ``root`` rule
    llama.cpp starts from (the engine checks the rest when it compiles it)."""
    if not text.strip():
        raise BadInput("structured.grammar_empty", "The grammar is empty.")
    if not _ROOT_RULE.search(text):
        raise BadInput("structured.grammar_no_root",
                       "A grammar needs a rule named root, where the reply starts "
                       "(root ::= …).")
    return text


class StructuredReply(NamedTuple):
    """A reply as the view shows it."""

    #: The reply as formatted JSON, or as it is when it is not JSON.
    text: str
    #: Whether it matches the schema (None: there is no schema to check against).
    validates: bool | None
    #: Why it does not (jsonschema's or json's words, in English), "" when it does.
    reason: str
    #: Whether the reply is JSON at all.
    is_json: bool


def read_reply(text: str, schema: Mapping[str, Any] | None) -> StructuredReply:
    """``text`` formatted as JSON and checked against ``schema`` (None: a grammar's
    reply, shown formatted when it is JSON, with no verdict)."""
    if len(text) > MAX_PARSED_CHARS:
        return StructuredReply(text, False if schema is not None else None,
                               "the reply is too long to check", False)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"{exc.msg} (line {exc.lineno}, column {exc.colno})"
        return StructuredReply(text, False if schema is not None else None, reason, False)
    formatted = pretty(value)
    if schema is None:
        return StructuredReply(formatted, None, "", True)
    validator_class = validators.validator_for(schema,
                                               default=validators.Draft202012Validator)
    try:
        validator = validator_class(schema)
        error = schema_errors.best_match(validator.iter_errors(value))
    except schema_errors.SchemaError as exc:  # a schema stored before it was checked
        return StructuredReply(formatted, None, _short(exc.message), True)
    if error is None:
        return StructuredReply(formatted, True, "", True)
    where = error.json_path
    reason = _short(error.message) + ("" if where == "$" else f" (at {where})")
    return StructuredReply(formatted, False, reason, True)


def _short(message: str, limit: int = 300) -> str:
    """A library's message on one line and at most ``limit`` characters (jsonschema
    quotes whole values back)."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"
