"""A call's arguments are checked against the tool's JSON schema before anything runs:
nested objects, enums, arrays and bounds; the draft the schema names; a schema that is
itself invalid; and the error text the model is given back."""

from __future__ import annotations

import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

import pytest

from core.tools import problems
from core.tools.arguments import check_arguments, error_result
from core.tools.spec import ToolSpec

ORDER = ToolSpec("place_order", "Orders items.", {
    "type": "object",
    "properties": {
        "customer": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "minLength": 1},
                "tier": {"enum": ["basic", "gold"]},
            },
            "required": ["name", "tier"],
            "additionalProperties": False,
        },
        "items": {
            "type": "array", "minItems": 1, "maxItems": 3,
            "items": {
                "type": "object",
                "properties": {"sku": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
                               "quantity": {"type": "integer", "minimum": 1,
                                            "maximum": 10}},
                "required": ["sku", "quantity"],
            },
        },
        "discount": {"type": "number", "exclusiveMinimum": 0, "maximum": 0.5},
    },
    "required": ["customer", "items"],
    "additionalProperties": False,
})

VALID: dict[str, Any] = {"customer": {"name": "Ana", "tier": "gold"},
                         "items": [{"sku": "ABC-1", "quantity": 2}], "discount": 0.1}


def changed(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """VALID with the value at ``path`` replaced (a fresh copy each time)."""
    import copy

    data = copy.deepcopy(VALID)
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


def test_valid_arguments_pass() -> None:
    assert check_arguments(ORDER, VALID) is None
    assert check_arguments(ORDER, MappingProxyType(VALID)) is None


@pytest.mark.parametrize(("arguments", "where", "words"), [
    (changed(("customer", "tier"), "platinum"), "$.customer.tier", "is not one of"),
    (changed(("customer", "name"), ""), "$.customer.name", "should be non-empty"),
    (changed(("customer", "extra"), 1), "$.customer", "Additional properties"),
    (changed(("items",), []), "$.items", "should be non-empty"),
    (changed(("items",), [{"sku": "ABC-1", "quantity": 1}] * 4), "$.items", "too long"),
    (changed(("items", 0, "quantity"), 11), "$.items[0].quantity",
     "greater than the maximum of 10"),
    (changed(("items", 0, "quantity"), 0), "$.items[0].quantity", "less than the minimum"),
    (changed(("items", 0, "quantity"), 1.5), "$.items[0].quantity", "is not of type 'integer'"),
    (changed(("items", 0, "sku"), "abc"), "$.items[0].sku", "does not match"),
    (changed(("discount",), 0), "$.discount", "less than or equal to the minimum"),
    (changed(("discount",), "10%"), "$.discount", "is not of type 'number'"),
    ({"items": VALID["items"]}, None, "'customer' is a required property"),
    ({**VALID, "coupon": "X"}, None, "Additional properties are not allowed"),
])
def test_invalid_arguments_say_what_and_where(arguments: dict[str, Any], where: str | None,
                                              words: str) -> None:
    problem = check_arguments(ORDER, arguments)
    assert problem is not None
    assert problem.code == "tools.invalid_arguments"
    assert problem.fields["tool"] == "place_order"
    reason = str(problem.fields["reason"])
    assert words in reason
    if where is not None:
        assert f"(at {where})" in reason


def test_a_boolean_is_not_a_number_and_a_list_is_not_an_object() -> None:
    problem = check_arguments(ORDER, changed(("items", 0, "quantity"), True))
    assert problem is not None and "is not of type 'integer'" in problem.message
    not_object = check_arguments(ORDER, ["a"])  # type: ignore[arg-type]
    assert not_object is not None and "is not of type 'object'" in not_object.message


def test_a_long_reason_is_shortened() -> None:
    problem = check_arguments(ORDER, changed(("customer", "tier"), "x" * 5000))
    assert problem is not None
    reason = str(problem.fields["reason"])
    assert len(reason) <= problems.REASON_CHARS
    assert reason.endswith("…")
    assert "\n" not in reason


def test_deeply_nested_arguments_are_invalid_not_a_crash() -> None:
    nested: list[Any] = []
    innermost = nested
    for _ in range(5000):
        inner: list[Any] = []
        innermost.append(inner)
        innermost = inner
    spec = ToolSpec("tree", "", {"$defs": {"node": {"type": "array",
                                                     "items": {"$ref": "#/$defs/node"}}},
                                  "type": "object",
                                  "properties": {"tree": {"$ref": "#/$defs/node"}}})
    problem = check_arguments(spec, {"tree": nested})
    assert problem is not None
    assert problem.code == "tools.invalid_arguments"
    assert "nested too deeply" in problem.message


@pytest.mark.parametrize("schema", [
    {"type": "nope"},
    {"type": "object", "properties": {"a": {"minimum": "three"}}},
    {"type": "object", "required": "a"},
])
def test_an_invalid_schema_is_its_own_problem(schema: dict[str, Any]) -> None:
    problem = check_arguments(ToolSpec("broken", "", schema), {})
    assert problem is not None
    assert problem.code == "tools.bad_schema"
    assert problem.fields["tool"] == "broken"
    assert problem.fields["reason"]


def test_a_schema_that_is_not_json_is_a_bad_schema() -> None:
    problem = check_arguments(ToolSpec("odd", "", {"type": "object", "default": object()}),
                              {})
    assert problem is not None and problem.code == "tools.bad_schema"


def test_the_draft_is_the_one_the_schema_names() -> None:
    # prefixItems exists from 2020-12 on: draft 7 ignores it, the default enforces it.
    items = {"type": "array", "prefixItems": [{"type": "integer"}]}
    default = ToolSpec("t", "", {"type": "object", "properties": {"a": items}})
    draft7 = ToolSpec("t", "", {"$schema": "http://json-schema.org/draft-07/schema#",
                                 "type": "object", "properties": {"a": items}})
    assert check_arguments(default, {"a": ["x"]}) is not None
    assert check_arguments(draft7, {"a": ["x"]}) is None
    # Draft 4's boolean exclusiveMaximum is invalid in later drafts.
    bounded = {"type": "object", "properties": {
        "n": {"type": "number", "maximum": 5, "exclusiveMaximum": True}}}
    draft4 = ToolSpec("t", "", {"$schema": "http://json-schema.org/draft-04/schema#",
                                 **bounded})
    assert check_arguments(draft4, {"n": 4}) is None
    over = check_arguments(draft4, {"n": 5})
    assert over is not None and over.code == "tools.invalid_arguments"
    later = check_arguments(ToolSpec("t", "", bounded), {"n": 4})
    assert later is not None and later.code == "tools.bad_schema"


def test_an_unknown_schema_uri_reads_as_2020_12_without_a_warning() -> None:
    spec = ToolSpec("t", "", {"$schema": "https://example.invalid/my-schema",
                              "type": "object", "properties": {"a": {"type": "integer"}}})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_arguments(spec, {"a": 1}) is None
        assert check_arguments(spec, {"a": "1"}) is not None


_NETWORK: list[str] = []
_WATCHING: set[int] = set()


def _network_hook(event: str, args: tuple[Any, ...]) -> None:
    if threading.get_ident() in _WATCHING and event.startswith(("socket.", "urllib.")):
        _NETWORK.append(event)


sys.addaudithook(_network_hook)


@contextmanager
def watching_network() -> Iterator[list[str]]:
    _NETWORK.clear()
    _WATCHING.add(threading.get_ident())
    try:
        yield _NETWORK
    finally:
        _WATCHING.discard(threading.get_ident())


def test_a_remote_ref_is_a_bad_schema_and_never_fetched() -> None:
    spec = ToolSpec("remote", "", {"type": "object", "properties": {
        "a": {"$ref": "https://example.com/schemas/a.json"}}})
    with watching_network() as events:
        problem = check_arguments(spec, {"a": 1})
    assert problem is not None and problem.code == "tools.bad_schema"
    assert events == []


def test_the_schema_is_checked_once_and_remembered() -> None:
    spec = ToolSpec("cached", "", {"type": "object",
                                   "properties": {"n": {"type": "integer"}}})
    from core.tools import arguments

    check_arguments(spec, {"n": 1})
    hits = arguments._validator.cache_info().hits
    check_arguments(spec, {"n": 2})
    assert arguments._validator.cache_info().hits == hits + 1


def test_error_results_are_short_english_sentences_with_a_hint() -> None:
    invalid = check_arguments(ORDER, {"items": []})
    assert invalid is not None
    text = error_result(invalid)
    assert text.startswith('Error: The arguments do not match the schema of tool "place_order":')
    assert text.endswith("Call it again with arguments that match its schema.")
    assert error_result(problems.unknown_tool("rm", ["calculator", "convert_units"])) == (
        'Error: There is no tool named "rm". The available tools are: "calculator", '
        '"convert_units". Call one of the available tools, or answer without a tool.')
    assert error_result(problems.unknown_tool("x", [])).startswith(
        'Error: There is no tool named "x". The available tools are: none.')
    assert problems.denied().message == "You did not allow this call."  # to the user
    assert error_result(problems.denied()) == (
        "Error: The user did not allow this call. Do not call it again for this request; "
        "answer without it.")
    assert error_result(problems.timed_out("search", 30.0)) == (
        'Error: Tool "search" did not answer within 30 seconds. Answer without its result, '
        "or try again later.")
    assert error_result(problems.limit_reached(8)) == (
        "Error: This reply reached its limit of 8 tool calls. The call was not run. Answer "
        "with what you have now.")
    assert error_result(problems.failed("search", "boom\n  at line 3")) == (
        'Error: Tool "search" failed: boom at line 3')


def test_every_problem_has_a_tools_code_and_fills_its_template() -> None:
    made = [problems.invalid_arguments("t", "r"), problems.bad_schema("t", "r"),
            problems.unknown_tool("t", ["a"]), problems.denied(),
            problems.timed_out("t", 1.5), problems.limit_reached(3),
            problems.failed("t", "r")]
    for problem in made:
        assert problem.code.startswith("tools.")
        assert "{" not in problem.message, problem.message


def test_unknown_tool_lists_a_bounded_number_of_names() -> None:
    names = [f"tool_{i:03}" for i in range(100)]
    text = problems.unknown_tool("x" * 500, names).message
    assert text.count('"tool_') == problems.LISTED_NAMES
    assert text.endswith(", ….")
    assert "x" * 101 not in text
