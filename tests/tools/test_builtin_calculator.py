"""The calculator computes arithmetic exactly and refuses everything else before any of
it runs: names, attributes, imports, lambdas, text, huge powers, deep nesting, long
input.  Hostile expressions are proven not evaluated by an audit hook that records
every file opened, process started and code object executed meanwhile."""

from __future__ import annotations

import operator
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tools.builtin import calculator
from core.tools.builtin.calculator import MAX_DEPTH, evaluate, format_number, run
from core.tools.problems import ToolFailed

pytestmark = pytest.mark.timeout(60)


@pytest.mark.parametrize(("expression", "result"), [
    ("1 + 2 * 3", "7"),
    ("(1 + 2) * 3", "9"),
    ("2 ** 100", "1267650600228229401496703205376"),
    ("2 ^ 10", "1024"),
    ("2^3 + 1", "9"),
    ("2 ** 3 ** 2", "512"),
    ("-2 ** 2", "-4"),
    ("(-2) ** 2", "4"),
    ("+-+3", "-3"),
    ("7 / 2", "3.5"),
    ("6 / 3", "2"),
    ("7 // 2", "3"),
    ("-7 // 2", "-4"),
    ("7 % 3", "1"),
    ("5.5 % 2", "1.5"),
    ("0.1 + 0.2", "0.3"),
    ("1 / 3", "0.333333333333333"),
    ("2 ** -1", "0.5"),
    ("1e20 * 10", "1e+21"),
    ("1_000 + 0x10", "1016"),
    ("12 × 3 ÷ 4 − 1", "8"),
    ("sqrt(16)", "4"),
    ("sqrt(2)", "1.4142135623731"),
    ("sin(pi / 2)", "1"),
    ("cos(0)", "1"),
    ("tan(0)", "0"),
    ("log(e)", "1"),
    ("log(8, 2)", "3"),
    ("log10(1000)", "3"),
    ("exp(0)", "1"),
    ("abs(-3.5)", "3.5"),
    ("round(2.5)", "2"),
    ("round(3.14159, 2)", "3.14"),
    ("round(1234, -2)", "1200"),
    ("floor(-2.5)", "-3"),
    ("ceil(2.1)", "3"),
    ("min(3, 1, 2)", "1"),
    ("max(3, 1.5, 2)", "3"),
    ("pi", "3.14159265358979"),
    ("2 * π", "6.28318530717959"),
    ("  (17 * 23)\n / 4 + sqrt(2)  ", "99.1642135623731"),
    ("-0.0", "0"),
    ("10 ** 999 * 9", "9" + "0" * 999),
])
def test_arithmetic(expression: str, result: str) -> None:
    assert run({"expression": expression}) == result


def test_a_long_sum_is_not_deep() -> None:
    assert run({"expression": "+".join(["1"] * 300)}) == "300"
    assert run({"expression": "*".join(["2"] * 200)}) == str(2 ** 200)


def test_floats_read_as_floats_and_whole_floats_as_integers() -> None:
    assert format_number(2.0) == "2"
    assert format_number(1e15) == "1e+15"
    assert format_number(123.456) == "123.456"
    assert format_number(-1e-7) == "-1e-07"
    assert format_number(10 ** 30) == "1" + "0" * 30


@st.composite
def expressions(draw: st.DrawFn, depth: int = 0) -> tuple[str, int]:
    """An integer expression and its value, computed without any parser."""
    if depth > 4 or draw(st.booleans()):
        value = draw(st.integers(-10**6, 10**6))
        return (f"({value})" if value < 0 else str(value)), value
    left, lvalue = draw(expressions(depth + 1))
    right, rvalue = draw(expressions(depth + 1))
    symbol, function = draw(st.sampled_from([
        ("+", operator.add), ("-", operator.sub), ("*", operator.mul),
        ("//", operator.floordiv), ("%", operator.mod)]))
    if symbol in ("//", "%") and rvalue == 0:
        symbol, function = "+", operator.add
    return f"({left} {symbol} {right})", function(lvalue, rvalue)


@settings(max_examples=300, deadline=None)
@given(expressions())
def test_integer_arithmetic_is_exact(case: tuple[str, int]) -> None:
    expression, value = case
    assert run({"expression": expression}) == str(value)


# --- refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(("expression", "code"), [
    ("1 / 0", "tools.calculator_division_by_zero"),
    ("1 // 0", "tools.calculator_division_by_zero"),
    ("1 % 0", "tools.calculator_division_by_zero"),
    ("0 ** -1", "tools.calculator_division_by_zero"),
    ("1.5 / (2 - 2)", "tools.calculator_division_by_zero"),
    ("sqrt(-1)", "tools.calculator_undefined"),
    ("log(0)", "tools.calculator_undefined"),
    ("log(8, 1)", "tools.calculator_undefined"),
    ("(-8) ** (1 / 3)", "tools.calculator_undefined"),
    ("10 ** 10 ** 10", "tools.calculator_too_large"),
    ("9 ** 9 ** 9 ** 9", "tools.calculator_too_large"),
    ("2 ** 4000", "tools.calculator_too_large"),
    ("10 ** 1000", "tools.calculator_too_large"),
    ("(10 ** 500) * (10 ** 500)", "tools.calculator_too_large"),
    ("2.0 ** 10 ** 400", "tools.calculator_too_large"),
    ("1e308 * 10", "tools.calculator_too_large"),
    ("1e999", "tools.calculator_too_large"),
    ("exp(1000)", "tools.calculator_too_large"),
    ("(1e308 * 10) - (1e308 * 10)", "tools.calculator_too_large"),
    ("", "tools.calculator_empty"),
    ("   ", "tools.calculator_empty"),
    ("1 +", "tools.calculator_syntax"),
    ("2 3", "tools.calculator_syntax"),
    ("1\x002", "tools.calculator_syntax"),
    ("x", "tools.calculator_unknown_name"),
    ("x = 1", "tools.calculator_syntax"),
    ("__import__('os')", "tools.calculator_unknown_name"),
    ("eval('1')", "tools.calculator_unknown_name"),
    ("exec('1')", "tools.calculator_unknown_name"),
    ("open('/etc/passwd')", "tools.calculator_unknown_name"),
    ("globals()", "tools.calculator_unknown_name"),
    ("__builtins__", "tools.calculator_unknown_name"),
    ("math.sqrt(4)", "tools.calculator_unsupported"),
    ("(1).real", "tools.calculator_unsupported"),
    ("().__class__.__base__.__subclasses__()", "tools.calculator_unsupported"),
    ("(lambda: 1)()", "tools.calculator_unsupported"),
    ("lambda: 1", "tools.calculator_unsupported"),
    ("'a' * 3", "tools.calculator_unsupported"),
    ("f'{1}'", "tools.calculator_unsupported"),
    ("b'1'", "tools.calculator_unsupported"),
    ("[1][0]", "tools.calculator_unsupported"),
    ("[x for x in (1, 2)]", "tools.calculator_unsupported"),
    ("(1, 2)", "tools.calculator_unsupported"),
    ("{1: 2}", "tools.calculator_syntax"),  # braces group: "(1: 2)" is no expression
    ("1 < 2", "tools.calculator_unsupported"),
    ("1 and 2", "tools.calculator_unsupported"),
    ("1 if 1 else 2", "tools.calculator_unsupported"),
    ("(y := 2)", "tools.calculator_unsupported"),
    ("1 << 5", "tools.calculator_unsupported"),
    ("5 | 1", "tools.calculator_unsupported"),
    ("~1", "tools.calculator_unsupported"),
    ("not 1", "tools.calculator_unsupported"),
    ("1j", "tools.calculator_unsupported"),
    ("True + 1", "tools.calculator_unsupported"),
    ("None", "tools.calculator_unsupported"),
    ("...", "tools.calculator_unsupported"),
    ("sin(x=1)", "tools.calculator_unsupported"),
    ("max(*[1, 2])", "tools.calculator_unsupported"),
    ("sqrt()", "tools.calculator_arguments"),
    ("sqrt(1, 2)", "tools.calculator_arguments"),
    ("min()", "tools.calculator_arguments"),
    ("max(" + ", ".join(["1"] * 101) + ")", "tools.calculator_arguments"),
    ("round(1.5, 1000)", "tools.calculator_round_digits"),
    ("round(1.5, 0.5)", "tools.calculator_round_digits"),
    ("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1), "tools.calculator_too_deep"),
    ("(" * 400 + "1" + ")" * 400, "tools.calculator_too_deep"),
    ("-" * 900 + "1", "tools.calculator_too_deep"),
    ("sqrt(" * 45 + "1" + ")" * 45, "tools.calculator_too_deep"),
    ("2 ** " * 60 + "1", "tools.calculator_too_deep"),
    ("1 + " * 2500 + "1", "tools.calculator_too_long"),
    ("9" * 10_000, "tools.calculator_too_long"),
])
def test_refused_with_a_code(expression: str, code: str) -> None:
    with pytest.raises(ToolFailed) as caught:
        run({"expression": expression})
    assert caught.value.code == code
    message = caught.value.message
    assert "{" not in message and len(message) < 400


def test_refusals_tell_the_model_what_it_can_use() -> None:
    with pytest.raises(ToolFailed) as caught:
        evaluate("__import__('os').system('ls')")
    assert caught.value.code == "tools.calculator_unsupported"
    assert "attribute access" in caught.value.message
    assert "sqrt, sin, cos, tan, log" in caught.value.message
    with pytest.raises(ToolFailed) as named:
        evaluate("foo(1)")
    assert named.value.params["name"] == "foo"


_EVENTS: list[str] = []
_WATCHED: set[int] = set()
#: What evaluating hostile input would raise: code run, files opened, programs started,
#: modules imported.  (``compile`` is ast.parse itself, which only reads the text.)
_DANGEROUS = ("exec", "open", "os.", "subprocess.", "import", "shutil.", "socket.",
              "ctypes.", "builtins.input", "code.__new__", "object.__getattr__",
              "object.__setattr__", "function.__new__")


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if threading.get_ident() in _WATCHED and event.startswith(_DANGEROUS):
        _EVENTS.append(event)


sys.addaudithook(_audit)


@contextmanager
def watched() -> Iterator[list[str]]:
    _EVENTS.clear()
    _WATCHED.add(threading.get_ident())
    try:
        yield _EVENTS
    finally:
        _WATCHED.discard(threading.get_ident())


@pytest.mark.parametrize("template", [
    "__import__('os').system('touch {path}')",
    "open('{path}', 'w')",
    "exec(\"open('{path}', 'w')\")",
    "eval(\"open('{path}', 'w')\")",
    "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == 'Popen'][0]"
    "(['touch', '{path}'])",
    "(lambda f: f('{path}', 'w'))(open)",
    "getattr(__builtins__, 'open')('{path}', 'w')",
    "1 + __import__('pathlib').Path('{path}').touch()",
    "sqrt(4) + open('{path}', 'w').write('x')",
])
def test_hostile_expressions_are_never_evaluated(template: str, tmp_path: Path) -> None:
    sentinel = tmp_path / "sentinel"
    expression = template.format(path=sentinel)
    with watched() as events, pytest.raises(ToolFailed):
        run({"expression": expression})
    assert events == []
    assert not sentinel.exists()


def test_the_allow_list_is_what_the_description_says() -> None:
    for name in calculator.FUNCTIONS:
        assert name in calculator.SPEC.description
    assert calculator.SPEC.name == "calculator"
    assert calculator.SPEC.parameters["required"] == ["expression"]


def test_functions_of_huge_integers_fail_cleanly() -> None:
    big = "9" * 400
    cases: dict[str, Callable[[], Any]] = {
        f"sqrt({big})": lambda: evaluate(f"sqrt({big})"),
        f"sin({big})": lambda: evaluate(f"sin({big})"),
        f"{big} / 3": lambda: evaluate(f"{big} / 3"),
    }
    for expression, compute in cases.items():
        with pytest.raises(ToolFailed) as caught:
            compute()
        assert caught.value.code == "tools.calculator_too_large", expression
    assert evaluate(f"log10({big}0)") == pytest.approx(401.0)


def test_a_result_outside_the_real_numbers_is_refused() -> None:
    # No allowed expression yields NaN or a complex number today (powers and math's
    # functions are checked first); the last guard still holds if one ever did.
    for value in (complex(1, 1), float("nan")):
        with pytest.raises(ToolFailed) as caught:
            calculator._finite(value)
        assert caught.value.code == "tools.calculator_not_real"


def test_brackets_and_braces_group_like_parentheses() -> None:
    """As written mathematics does (a small model wrote ``{17 * 23}`` in the
    end-to-end test): never a list or a set."""
    assert calculator.evaluate("{17 * 23}") == 391
    assert calculator.evaluate("[2 + 3] * {4 - 1}") == 15
