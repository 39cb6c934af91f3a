"""The calculator tool: arithmetic a model gets right every time, without ``eval``.

Small models are poor at arithmetic and good at writing expressions, so they call this.
The expression is model output, and model output is untrusted: it is parsed with
Python's ``ast`` (which only reads it) and computed by walking an allow-list of node
types (numbers, + - * / // % **, unary signs, calls of a few math functions by name, pi
and e).  Anything else (a name, an attribute, a string, a lambda, a comparison) is
refused before any of it is computed.  Everything that could make a short expression
costly is bounded: the text's length, the nesting depth, and the size of integers
(``10**10**10`` would take the process's memory; its size is estimated before it is
computed and refused).  Floats that overflow, division by zero and math outside the
real numbers (``sqrt(-1)``) are errors the model is told in a sentence.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from typing import Any

from core.tools.problems import ToolFailed
from core.tools.spec import ToolSource, ToolSpec

NAME = "calculator"
#: For the window's list of built-in tools (the model reads ``SPEC.description``).
TITLE = "Calculator"
SUMMARY = "Computes arithmetic expressions exactly (numbers, + − × ÷, powers, sqrt, sin, log …)."

#: Longer expressions are refused: a model does not need more, and the bound keeps
#: parsing cheap.
MAX_EXPRESSION_CHARS = 1_000
#: Deeper nesting is refused (also before parsing, for parentheses).
MAX_DEPTH = 40
#: Integer results are exact up to this many digits.
MAX_DIGITS = 1_000
_MAX_BITS = math.ceil(MAX_DIGITS * math.log2(10))
_LIMIT = 10 ** MAX_DIGITS
#: The most arguments of min() and max().
MAX_ARGUMENTS = 100
#: round(x, n): the most digits ``n`` may ask for, either way.
MAX_ROUND_DIGITS = 100

Number = int | float

CONSTANTS: dict[str, float] = {"pi": math.pi, "π": math.pi, "e": math.e}
#: Characters people (and models) write for operators Python spells differently; ``^``
#: is a power here, as on a calculator (Python's XOR has no use in arithmetic), and
#: brackets and braces group like parentheses, as in written mathematics (Python would
#: read them as a list or a set, which arithmetic has no use for).
_SPELLINGS = str.maketrans({"^": "**", "×": "*", "÷": "/", "−": "-", "\n": " ",
                            "\r": " ", "\t": " ", "[": "(", "]": ")", "{": "(",
                            "}": ")"})

_BINARY: dict[type[ast.operator], str] = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//",
    ast.Mod: "%", ast.Pow: "**"}
#: What the refusal names for node types that are not arithmetic.
_NOT_ARITHMETIC: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access (.)", ast.Subscript: "indexing ([])",
    ast.Lambda: "lambda", ast.Compare: "comparisons", ast.BoolOp: "and / or",
    ast.IfExp: "if / else", ast.List: "lists", ast.Tuple: "tuples", ast.Set: "sets",
    ast.Dict: "dictionaries", ast.ListComp: "comprehensions",
    ast.GeneratorExp: "comprehensions", ast.SetComp: "comprehensions",
    ast.DictComp: "comprehensions", ast.JoinedStr: "text", ast.NamedExpr: "assignment (:=)",
    ast.Starred: "unpacking (*)", ast.Await: "await", ast.Yield: "yield",
    ast.YieldFrom: "yield", ast.Slice: "slices"}

DESCRIPTION = (
    "Computes an arithmetic expression exactly and returns the result. Use it for any "
    "calculation. Supports numbers, + - * / // (integer division) % ** (power), "
    "parentheses, the functions sqrt, sin, cos, tan (radians), log (natural, or "
    "log(x, base)), log10, exp, abs, round (round(x) or round(x, digits)), floor, ceil, "
    "min, max, and the constants pi and e. Example: sqrt(2) * (3 + 4)**2")

SPEC = ToolSpec(
    NAME, DESCRIPTION,
    {"type": "object",
     "properties": {"expression": {
         "type": "string", "minLength": 1, "maxLength": MAX_EXPRESSION_CHARS,
         "description": "The expression, e.g. (17 * 23) / 4 + sqrt(2)"}},
     "required": ["expression"], "additionalProperties": False},
    ToolSource.BUILTIN)


def run(arguments: Mapping[str, Any]) -> str:
    """The value of ``arguments["expression"]`` as text (validated arguments)."""
    return format_number(evaluate(str(arguments["expression"])))


def evaluate(expression: str) -> Number:
    """The value of ``expression``; raises :class:`ToolFailed` (``tools.calculator_*``).

    The whole tree is checked first (every node allowed, nesting bounded), so nothing of
    an expression that is refused is computed."""
    text = expression.translate(_SPELLINGS).strip()
    if not text:
        raise ToolFailed("tools.calculator_empty", "The expression is empty.")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ToolFailed(
            "tools.calculator_too_long",
            "The expression has {length:,} characters; the calculator takes at most "
            "{limit:,}.", length=len(text), limit=MAX_EXPRESSION_CHARS)
    _check_parentheses(text)
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as error:
        raise _syntax(error.offset or 0, error.msg) from None
    except (ValueError, MemoryError, RecursionError) as error:  # a NUL byte, say
        raise _syntax(0, str(error)) from None
    _check(tree.body)
    return _finite(_value(tree.body))


def format_number(value: Number) -> str:
    """Integers exactly; floats to 15 significant digits, so ``0.1 + 0.2`` reads ``0.3``
    (the 17-digit repr shows binary noise a model would copy into its answer), and a
    float that is a whole number without ``.0``."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def _check_parentheses(text: str) -> None:
    """Refuses deep nesting before Python's parser sees it (its own limit, 200, would
    come back as a syntax error)."""
    depth = deepest = 0
    for char in text:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise _too_deep()


def _check(root: ast.expr) -> None:
    """Refuses any node that is not arithmetic, and nesting deeper than
    :data:`MAX_DEPTH`.  Iterative, so no input reaches Python's recursion limit; the
    left operand of ``+ - * / // %`` does not count as a level, so a long sum
    (``1 + 2 + … + 300``, a chain down the left) is as shallow as it looks."""
    stack: list[tuple[ast.AST, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        _allowed(node)
        if isinstance(node, ast.Call):
            children: list[ast.AST] = list(node.args)
        elif isinstance(node, ast.BinOp):
            flat = not isinstance(node.op, ast.Pow)
            stack.append((node.left, depth if flat else depth + 1))
            children = [node.right]
        elif isinstance(node, ast.UnaryOp):
            children = [node.operand]
        else:
            children = []
        stack.extend((child, depth + 1) for child in reversed(children))


def _allowed(node: ast.AST) -> None:
    """Raises unless ``node`` (not its children) is arithmetic the calculator knows."""
    if isinstance(node, ast.Constant):
        if type(node.value) not in (int, float):
            raise _unsupported("text" if isinstance(node.value, str | bytes)
                               else f"the value {node.value!r}"[:60])
    elif isinstance(node, ast.Name):
        if node.id not in CONSTANTS:
            raise _unknown_name(node.id)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd):
            raise _unsupported(f"the operator {_OPERATOR_TEXT.get(type(node.op), '?')}")
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise _unsupported(f"the operator {_OPERATOR_TEXT.get(type(node.op), '?')}")
    elif isinstance(node, ast.Call):
        _allowed_call(node)
    else:
        raise _unsupported(_NOT_ARITHMETIC.get(type(node), type(node).__name__))


def _allowed_call(node: ast.Call) -> None:
    if not isinstance(node.func, ast.Name):
        raise _unsupported(_NOT_ARITHMETIC.get(type(node.func), "calling that"))
    name = node.func.id
    if name not in FUNCTIONS:
        raise _unknown_name(name)
    if node.keywords:
        raise _unsupported(f"named arguments (in {name})")
    lowest, highest = ARITY[name]
    if not lowest <= len(node.args) <= highest:
        expected = str(lowest) if lowest == highest else f"{lowest}–{highest}"
        raise ToolFailed("tools.calculator_arguments",
                         "{function}() takes {expected} arguments, not {given}.",
                         function=name, expected=expected, given=len(node.args))


_OPERATOR_TEXT: dict[type[ast.AST], str] = {
    ast.BitOr: "|", ast.BitAnd: "&", ast.LShift: "<<", ast.RShift: ">>",
    ast.MatMult: "@", ast.Invert: "~", ast.Not: "not", ast.BitXor: "xor"}


def _value(node: ast.expr) -> Number:
    """The value of a checked tree (see :func:`_check`)."""
    if isinstance(node, ast.Constant):
        return _finite(node.value)
    if isinstance(node, ast.Name):
        return CONSTANTS[node.id]
    if isinstance(node, ast.UnaryOp):
        operand = _value(node.operand)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        return _finite(_binary("**", _value(node.left), _value(node.right)))
    if isinstance(node, ast.BinOp):
        # A chain down the left (a long sum) is computed in a loop, not by recursion.
        chain: list[ast.BinOp] = []
        current: ast.expr = node
        while isinstance(current, ast.BinOp) and not isinstance(current.op, ast.Pow):
            chain.append(current)
            current = current.left
        value = _value(current)
        for link in reversed(chain):
            value = _finite(_binary(_BINARY[type(link.op)], value, _value(link.right)))
        return value
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _finite(_call(node.func.id, [_value(arg) for arg in node.args]))
    raise _unsupported(type(node).__name__)  # unreachable after _check


def _syntax(position: int, reason: str) -> ToolFailed:
    return ToolFailed(
        "tools.calculator_syntax",
        "The expression is not valid arithmetic (at character {position}): {reason}.",
        position=position, reason=reason)


def _too_deep() -> ToolFailed:
    return ToolFailed("tools.calculator_too_deep",
                      "The expression is nested more than {limit} levels deep.",
                      limit=MAX_DEPTH)


def _unsupported(what: str) -> ToolFailed:
    return ToolFailed(
        "tools.calculator_unsupported",
        "The calculator does not support {what}. It knows numbers, + - * / // % ** and "
        "parentheses, the functions {functions}, and the constants pi and e.",
        what=what, functions=", ".join(FUNCTIONS))


def _unknown_name(name: str) -> ToolFailed:
    return ToolFailed(
        "tools.calculator_unknown_name",
        'The calculator does not know the name "{name}". It knows the functions '
        "{functions} and the constants pi and e.",
        name=name[:60], functions=", ".join(FUNCTIONS))


def _too_large() -> ToolFailed:
    return ToolFailed("tools.calculator_too_large",
                      "The result is too large for the calculator (whole numbers of up to "
                      "{limit:,} digits, decimals up to about 1.8e308).", limit=MAX_DIGITS)


def _undefined(what: str) -> ToolFailed:
    return ToolFailed("tools.calculator_undefined",
                      "{what} is not defined in the real numbers.", what=what)


def _division_by_zero() -> ToolFailed:
    return ToolFailed("tools.calculator_division_by_zero", "The expression divides by zero.")


def _finite(value: Any) -> Number:
    """``value`` if it is a real number the calculator can show; refused otherwise."""
    if isinstance(value, complex) or (isinstance(value, float) and math.isnan(value)):
        raise ToolFailed("tools.calculator_not_real", "The result is not a real number.")
    if isinstance(value, float):
        if math.isinf(value):
            raise _too_large()
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise _unsupported(type(value).__name__)
    bits = value.bit_length()
    if bits > _MAX_BITS or (bits >= _MAX_BITS - 3 and abs(value) >= _LIMIT):
        raise _too_large()
    return value


def _binary(symbol: str, left: Number, right: Number) -> Number:
    try:
        if symbol == "+":
            return left + right
        if symbol == "-":
            return left - right
        if symbol == "*":
            return left * right
        if symbol == "/":
            return left / right
        if symbol == "//":
            return left // right
        if symbol == "%":
            return left % right
        return _power(left, right)
    except ZeroDivisionError:
        raise _division_by_zero() from None
    except OverflowError:
        raise _too_large() from None


def _power(base: Number, exponent: Number) -> Number:
    """``base ** exponent`` with its size estimated first: ``2 ** 10**6`` is quick but
    has 301,030 digits, and ``10 ** 10**10`` would not fit in memory."""
    if (isinstance(base, int) and isinstance(exponent, int) and exponent > 0
            and abs(base) > 1
            and (exponent > _MAX_BITS or exponent * math.log2(abs(base)) > _MAX_BITS)):
        raise _too_large()
    if base == 0 and exponent < 0:
        raise _division_by_zero()
    result: Any = base ** exponent
    if isinstance(result, complex):
        raise _undefined(f"({format_number(base)}) ** {format_number(exponent)}")
    return _finite(result)


def _call(name: str, args: list[Number]) -> Number:
    try:
        return FUNCTIONS[name](*args)
    except ZeroDivisionError:
        raise _division_by_zero() from None
    except OverflowError:
        raise _too_large() from None
    except ValueError:  # math's domain errors: sqrt(-1), log(0)
        shown = ", ".join(format_number(arg) for arg in args)
        raise _undefined(f"{name}({shown})") from None


def _log(value: Number, base: Number | None = None) -> float:
    if base is not None and (base <= 0 or base == 1):
        raise ValueError("log base")
    return math.log(value) if base is None else math.log(value, base)


def _round(value: Number, digits: Number | None = None) -> Number:
    if digits is None:
        return round(value)
    if not isinstance(digits, int) or abs(digits) > MAX_ROUND_DIGITS:
        raise ToolFailed("tools.calculator_round_digits",
                         "round(x, digits) takes a whole number of digits from -{limit} to "
                         "{limit}.", limit=MAX_ROUND_DIGITS)
    return round(value, digits)


def _extreme(pick: Callable[[tuple[Number, ...]], Number]) -> Callable[..., Number]:
    def choose(*values: Number) -> Number:
        return pick(values)
    return choose


FUNCTIONS: dict[str, Callable[..., Number]] = {
    "sqrt": math.sqrt, "sin": math.sin, "cos": math.cos, "tan": math.tan, "log": _log,
    "log10": math.log10, "exp": math.exp, "abs": abs, "round": _round,
    "floor": math.floor, "ceil": math.ceil, "min": _extreme(min), "max": _extreme(max)}
#: (fewest, most) arguments of each function.
ARITY: dict[str, tuple[int, int]] = {
    **dict.fromkeys(FUNCTIONS, (1, 1)), "log": (1, 2), "round": (1, 2),
    "min": (1, MAX_ARGUMENTS), "max": (1, MAX_ARGUMENTS)}
