"""Arguments are checked against the tool's JSON schema before anything runs.

A model (a small one above all) can emit a call whose arguments are the wrong type,
miss a required field or name a value outside an enum; the tool must never see such a
call.  The check's failure goes back to the model as the call's result
(:func:`error_result`), so it can try again.

The schema's own ``$schema`` picks the draft (2020-12 when it names none or one this
library does not know); a schema that is itself invalid (an MCP server's bug) is a
problem of its own, ``tools.bad_schema``.  ``$ref`` to anything outside the schema is
unresolvable on purpose: jsonschema still fetches a remote ``$ref`` by default (with a
DeprecationWarning), and an MCP server's schema must never make Prosa open a URL, so
validators get an empty ``referencing`` registry that retrieves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from jsonschema import (
    Draft4Validator,
    Draft6Validator,
    Draft7Validator,
    Draft201909Validator,
    Draft202012Validator,
)
from jsonschema.exceptions import SchemaError, best_match
from referencing import Registry

from core.errors import Problem
from core.tools.problems import bad_schema, error_result, invalid_arguments
from core.tools.spec import ToolSpec

__all__ = ["check_arguments", "error_result"]

#: The drafts a schema's ``$schema`` may name (Draft 3 predates every tool format).
_DRAFTS = (Draft202012Validator, Draft201909Validator, Draft7Validator, Draft6Validator,
           Draft4Validator)
_BY_URI = {str(cls.ID_OF(cls.META_SCHEMA)).rstrip("#"): cls for cls in _DRAFTS}
#: Resolves only what a schema holds itself (see the module's docstring).
_NO_RETRIEVAL: Registry[Any] = Registry()
#: Schemas compiled and checked once each (the same tools are offered on every reply).
_CACHED_SCHEMAS = 256


def _draft(schema: Mapping[str, Any]) -> Any:
    """The validator class ``$schema`` names.  Looked up here rather than with
    ``jsonschema.validators.validator_for``, which warns (a DeprecationWarning) about a
    ``$schema`` it does not know; an unknown one is read as 2020-12."""
    uri = schema.get("$schema")
    if isinstance(uri, str):
        return _BY_URI.get(uri.rstrip("#"), Draft202012Validator)
    return Draft202012Validator


@lru_cache(maxsize=_CACHED_SCHEMAS)
def _validator(schema_json: str) -> tuple[Any, str]:
    """(validator, "") for a valid schema; (None, reason) for an invalid one."""
    schema = json.loads(schema_json)
    if not isinstance(schema, Mapping):
        return None, "the schema is not a JSON object"
    draft = _draft(schema)
    try:
        draft.check_schema(schema)
    except SchemaError as error:
        return None, _reason(error)
    return draft(schema, registry=_NO_RETRIEVAL), ""


def _reason(error: Any) -> str:
    """jsonschema's message with where it applies (``$.items[2]``)."""
    where = str(error.json_path)
    return str(error.message) if where == "$" else f"{error.message} (at {where})"


def check_arguments(spec: ToolSpec, arguments: Mapping[str, Any]) -> Problem | None:
    """None when ``arguments`` match ``spec.parameters``; otherwise why not
    (``tools.invalid_arguments``, or ``tools.bad_schema`` when the schema itself is
    invalid).  Never raises for what the model sent."""
    try:
        schema_json = json.dumps(spec.parameters, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError) as error:
        return bad_schema(spec.name, f"the schema is not JSON ({error})")
    validator, reason = _validator(schema_json)
    if validator is None:
        return bad_schema(spec.name, reason)
    # A Mapping that is not a dict (a MappingProxy) is an object to JSON, not to
    # jsonschema's type check.
    value = dict(arguments) if isinstance(arguments, Mapping) else arguments
    try:
        found = best_match(validator.iter_errors(value))
    except RecursionError:
        return invalid_arguments(spec.name, "the arguments are nested too deeply")
    except Exception as failure:  # an unresolvable $ref, a pattern Python cannot compile
        return bad_schema(spec.name, str(failure))
    return None if found is None else invalid_arguments(spec.name, _reason(found))
