"""A JSON schema as a GBNF grammar: llama-cpp-python's converter, with what it lacks.

``llama_cpp.llama_grammar.SchemaConverter`` (a port of llama.cpp's converter) turns
objects, required keys, enums, ``const``, ``anyOf``, ``$ref``, string patterns and
formats into rules.  This subclass adds or fixes, each of which let a schema's output
fail validation:

* ``minimum``/``maximum`` (and the exclusive forms) on integers and numbers: the port
  ignores them (``core.engine.llama.gbnf`` writes the ranges);
* strings may not hold raw control characters (the port's ``char`` allows a raw line
  break, which is not JSON);
* literals escape backslashes (an enum value ``"a\\\\b"`` came out as another string);
* array and string lengths use GBNF's ``{m,n}`` instead of nesting one group per item,
  which llama.cpp's recursive parser cannot survive for large bounds.

Keywords the grammar cannot enforce (``not``, ``uniqueItems``, ``multipleOf`` ...) make
a response schema unsupported (:class:`Unsupported` names the keyword) rather than
being silently ignored: a reply constrained by a schema must validate against it.
Tool schemas are converted leniently instead: arguments are validated before any tool
runs, so a keyword the grammar cannot enforce is left to that check.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping
from typing import Any

from llama_cpp import llama_grammar as port

from core.engine.llama import gbnf

#: Keywords that constrain a value and that the grammar does not enforce.
UNENFORCED = frozenset({
    "not", "if", "then", "else", "multipleOf", "uniqueItems", "minProperties",
    "maxProperties", "patternProperties", "propertyNames", "dependentRequired",
    "dependentSchemas", "dependencies", "contains", "minContains", "maxContains",
    "unevaluatedProperties", "unevaluatedItems", "additionalItems",
})
#: Keywords whose value is one schema / a list of schemas / a map of schemas.
_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains",
        "propertyNames", "unevaluatedItems", "unevaluatedProperties", "additionalItems")
_LIST = ("anyOf", "oneOf", "allOf", "prefixItems")
_MAP = ("properties", "$defs", "definitions", "patternProperties", "dependentSchemas")

_CHAR = port.BuiltinRule(r'[^"\\\x7F\x00-\x1F] | "\\" (["\\/bfnrt] | "u" [0-9a-fA-F]{4})',
                         [])
_STRING = port.BuiltinRule(r'"\"" char* "\"" space', ["char"])
_FIXED = {"char": _CHAR, "string": _STRING}


class Unsupported(ValueError):
    """The schema uses ``feature``, which the grammar cannot enforce or express."""

    def __init__(self, feature: str) -> None:
        super().__init__(feature)
        self.feature = feature


class Converter(port.SchemaConverter):
    """The port's converter with bounded numbers, JSON-safe strings and flat
    repetitions; several schemas may share one converter (one grammar's rules)."""

    def __init__(self, primitives: Mapping[str, Any] | None = None) -> None:
        """``primitives``: rules instead of the built-in ones (a call format keeps its
        closing marker out of strings with its own ``char``), and the rules they use."""
        super().__init__(prop_order={}, allow_fetch=False,  # type: ignore[no-untyped-call]
                         dotall=False, raw_pattern=False)
        self._fixed = {**_FIXED, **(primitives or {})}

    def rules(self) -> str:
        """Every rule added so far, one per line."""
        return str(self.format_grammar())  # type: ignore[no-untyped-call]

    def rule(self, name: str, body: str) -> str:
        """Add a rule (renamed if the name is taken by another body); its name."""
        return str(self._add_rule(name, body))  # type: ignore[no-untyped-call]

    def add(self, schema: Mapping[str, Any], name: str) -> str:
        """Rules for ``schema``; returns the name of its rule (``name`` or a variant)."""
        resolved = self.resolve_refs(copy.deepcopy(dict(schema)), name or "input")
        return str(self.visit(resolved, name))

    def _format_literal(self, literal: str) -> str:
        return gbnf.literal(literal)

    def _add_primitive(self, name: str, rule: Any) -> str:
        rule = self._fixed.get(name, rule)
        key = self.rule(name, rule.content)
        for dep in rule.deps:
            dep_rule = self._fixed.get(dep) or port.PRIMITIVE_RULES.get(dep) \
                or port.STRING_FORMAT_RULES.get(dep)
            if dep_rule is None:
                raise Unsupported(f"rule {dep}")
            if dep not in self._rules:
                self._add_primitive(dep, dep_rule)
        return key

    def visit(self, schema: Any, name: str) -> str:
        if schema is True or schema == {}:
            schema = {}
        elif not isinstance(schema, dict):
            raise Unsupported("a schema that is not an object")
        rule_name = name + "-" if name in port.RESERVED_NAMES else name or "root"
        kind = schema.get("type")
        if "$ref" not in schema and not any(k in schema for k in ("oneOf", "anyOf",
                                                                   "const", "enum")):
            if kind in ("integer", "number") and _bounded(schema):
                return self.rule(rule_name, f"({_number(schema, kind)}) space")
            if kind in (None, "array") and isinstance(schema.get("items"), dict) \
                    and "prefixItems" not in schema:
                item = self.visit(schema["items"], f"{name}{'-' if name else ''}item")
                body = _repeat(item, _count(schema, "minItems", 0),
                               _count(schema, "maxItems", None), '"," space')
                return self.rule(rule_name, f'"[" space {body} "]" space')
            if kind == "string" and ("minLength" in schema or "maxLength" in schema):
                if "pattern" in schema or "format" in schema:
                    raise Unsupported("minLength or maxLength with a pattern or format")
                char = self._add_primitive("char", self._fixed["char"])
                low = _count(schema, "minLength", 0) or 0
                high = _count(schema, "maxLength", None)
                if high is not None and high < low:
                    raise Unsupported("maxLength below minLength")
                bound = f"{{{low},{'' if high is None else high}}}"
                return self.rule(rule_name, f'"\\"" {char}{bound} "\\"" space')
        try:
            return str(super().visit(schema, name))  # type: ignore[no-untyped-call]
        except Unsupported:
            raise
        except (AssertionError, KeyError, TypeError, ValueError, IndexError) as exc:
            raise Unsupported(_why(schema, exc)) from exc


def schema_to_gbnf(schema: Mapping[str, Any]) -> str:
    """The grammar of values valid against a response ``schema`` (root rule ``root``).

    Raises :class:`Unsupported` naming the feature the grammar cannot enforce.
    """
    check_enforceable(schema)
    converter = Converter()
    converter.add(schema, "")
    return converter.rules()


def check_enforceable(schema: Any, where: str = "") -> None:
    """Raise :class:`Unsupported` if ``schema`` (or a schema inside it) uses a keyword
    the grammar would ignore, or a required key it cannot write."""
    if isinstance(schema, bool):
        if not schema:
            raise Unsupported("false (a schema nothing satisfies)")
        return
    if not isinstance(schema, Mapping):
        raise Unsupported(f"{where or 'the schema'} is not an object")
    for keyword in schema:
        if keyword in UNENFORCED:
            raise Unsupported(keyword)
    ref = schema.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#"):
        raise Unsupported(f"$ref to another document ({ref})")
    properties = schema.get("properties")
    required = schema.get("required", [])
    if isinstance(required, list) and isinstance(properties, Mapping):
        missing = [key for key in required if key not in properties]
        if missing and schema.get("additionalProperties") is False:
            raise Unsupported(f"required key {missing[0]!r} is not a property")
        if missing:
            raise Unsupported(f"required key {missing[0]!r} without a schema in properties")
    for key in _ONE:
        if isinstance(schema.get(key), (Mapping, bool)) and key != "additionalProperties":
            check_enforceable(schema[key], f"{where}/{key}")
    extra = schema.get("additionalProperties")
    if isinstance(extra, Mapping):
        check_enforceable(extra, f"{where}/additionalProperties")
    for key in _LIST:
        for i, item in enumerate(schema.get(key) or ()):
            check_enforceable(item, f"{where}/{key}/{i}")
    for key in _MAP:
        value = schema.get(key)
        if isinstance(value, Mapping):
            for name, item in value.items():
                check_enforceable(item, f"{where}/{key}/{name}")


def _bounded(schema: Mapping[str, Any]) -> bool:
    return any(k in schema for k in ("minimum", "maximum", "exclusiveMinimum",
                                     "exclusiveMaximum"))


def _number(schema: Mapping[str, Any], kind: str) -> str:
    """The range expression of a bounded integer or number (draft 4's boolean
    ``exclusiveMinimum`` read too; with both forms, the tighter bound)."""
    low, low_open = _bound(schema, "minimum", "exclusiveMinimum", upper=False)
    high, high_open = _bound(schema, "maximum", "exclusiveMaximum", upper=True)
    try:
        if kind == "integer":
            lo = None if low is None else (math.floor(low) + 1 if low_open
                                           else math.ceil(low))
            hi = None if high is None else (math.ceil(high) - 1 if high_open
                                            else math.floor(high))
            return gbnf.int_range(lo, hi)
        return gbnf.number_range(low, high, low_open, high_open)
    except ValueError as exc:
        raise Unsupported(f"{kind} bounds ({exc})") from exc


def _bound(schema: Mapping[str, Any], plain: str, exclusive: str,
           upper: bool) -> tuple[float | None, bool]:
    """A bound and whether it is exclusive."""
    value = _numeric(schema.get(plain), plain)
    strict = schema.get(exclusive)
    found: list[tuple[float, bool]] = [] if value is None else [(value, False)]
    if isinstance(strict, bool):
        if strict and value is not None:
            found = [(value, True)]
    elif strict is not None:
        bound = _numeric(strict, exclusive)
        assert bound is not None
        found.append((bound, True))
    if not found:
        return None, False
    if upper:  # the smaller, and of equal ones the exclusive
        return min(found, key=lambda b: (b[0], not b[1]))
    return max(found, key=lambda b: (b[0], b[1]))


def _numeric(value: Any, keyword: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unsupported(f"{keyword} that is not a number")
    return value


def _count(schema: Mapping[str, Any], keyword: str, default: int | None) -> int | None:
    value = schema.get(keyword, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise Unsupported(f"{keyword} that is not a count")
    if value > gbnf.MAX_REPEAT:
        raise Unsupported(f"{keyword} above {gbnf.MAX_REPEAT}")
    return value


def _repeat(item: str, low: int | None, high: int | None, separator: str) -> str:
    """``low`` to ``high`` items with separators, as GBNF's own repetition."""
    low = low or 0
    if high is not None and high < low:
        raise Unsupported("maxItems below minItems")
    if high == 0:
        return ""
    more_low = max(low - 1, 0)
    more_high = "" if high is None else str(high - 1)
    body = f"{item} ({separator} {item}){{{more_low},{more_high}}}"
    return f"({body})?" if low == 0 else body


def _why(schema: Mapping[str, Any], exc: Exception) -> str:
    kind = schema.get("type")
    if "pattern" in schema:
        return f"pattern {schema['pattern']!r}"
    if kind is not None:
        return f"type {json.dumps(kind)}"
    return str(exc) or type(exc).__name__
