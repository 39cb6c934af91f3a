"""The budget of one chat-template render: a deadline and caps on what it may build.

Jinja's sandbox stops attribute escapes (CVE-2024-34359) but not resource bombs, so
every render runs under a :class:`RenderLimits` budget: a CPU-time deadline checked
in every sandbox hook and loop iteration, a cap on the output and on every value the
template builds (repetition, concatenation, padding, joins, JSON), a cap on the size
of integers and ranges, and a cap on call depth.  The sizes here are *estimates made
before* an operation runs, for the operations that can amplify their input, since
checking a result after it is built would be too late for a gigabyte.  These are
best-effort guards that turn runaway templates into a
:class:`~core.errors.TemplateError`; the process that renders remains the last line
of defence, since it can be killed.  :mod:`core.templates.sandbox` calls them.
"""

from __future__ import annotations

import re
import time
import types
from collections.abc import Iterable, Mapping, Sized
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from core.errors import TemplateError

# A 65,536-bit integer has about 20,000 digits: far beyond any real template's needs,
# yet multiplying two of them takes microseconds, so repeated squaring stays cheap.
_MAX_INT_BITS = 65_536
# Each nested macro call costs about six Python frames; 100 levels stay well inside
# Python's default recursion limit of 1,000 even when rendering starts deep in a stack.
_MAX_CALL_DEPTH = 100
# Text printed inside macros and {% set %} blocks is counted again where it is used, so
# the budget for all text a render generates is this many times the output cap (real
# templates nest two or three levels); it bounds what a loop inside a macro can pile up.
_GENERATED_TEXT_FACTOR = 8


def clock() -> float:
    """The render's clock: CPU time of this thread, not wall time.  A runaway template
    burns CPU and is caught all the same, while a render starved by a busy machine (a
    2-core laptop compiling, two models loading) is not mistaken for a runaway."""
    return time.thread_time()


# Loop items between two deadline checks: a loop body that does real work goes through
# checked hooks anyway, and an empty one runs 64 items in microseconds.
ITER_TICK = 64
# How many items the size estimate walks between two deadline checks.
SIZE_WALK_TICK = 4096


@dataclass(frozen=True)
class RenderLimits:
    """Budget for one render; generous for every real template we know of."""

    max_output_chars: int = 4_000_000
    max_range: int = 100_000
    timeout_s: float = 2.0

    def __post_init__(self) -> None:
        if self.max_output_chars <= 0 or self.max_range <= 0 or self.timeout_s <= 0:
            raise ValueError(f"render limits must be positive: {self!r}")


DEFAULT_LIMITS = RenderLimits()


# ---------------------------------------------------------------------------
# The per-render budget, reachable from every sandbox hook.


class Budget:
    """Deadline, size caps and call depth of the render in progress."""

    def __init__(self, limits: RenderLimits, deadline: float) -> None:
        self.limits = limits
        self.deadline = deadline
        self.depth = 0
        self.generated = 0

    def tick(self) -> None:
        """Stops a runaway template; called from every hook, so it must stay cheap."""
        if clock() > self.deadline:
            raise TemplateError(
                "template.timeout",
                "The chat template ran longer than {seconds:g} s and was stopped. It may be "
                "broken or hostile; try another template.",
                details="render deadline exceeded", seconds=self.limits.timeout_s,
            )

    def check_size(self, size: int) -> None:
        """Refuses a value before (or right after) it is built, so memory stays bounded."""
        if size > self.limits.max_output_chars:
            raise TemplateError(
                "template.value_too_big",
                "The chat template tried to build a text of more than {limit:,} characters "
                "and was stopped. It may be broken or hostile; try another template.",
                details=f"estimated size {size:,}", limit=self.limits.max_output_chars,
            )

    def check_value(self, value: object) -> None:
        self.check_size(rendered_size(value, self))

    def check_output(self, size: int) -> None:
        if size > self.limits.max_output_chars:
            raise TemplateError(
                "template.output_too_big",
                "The chat template produced more than {limit:,} characters and was stopped. "
                "It may be broken or hostile; try another template, or shorten the "
                "conversation.",
                details=f"output reached {size:,} characters",
                limit=self.limits.max_output_chars,
            )

    def note_generated(self, size: int) -> None:
        """Counts every printed value, wherever it goes, so captured text stays bounded."""
        self.generated += size
        limit = self.limits.max_output_chars * _GENERATED_TEXT_FACTOR
        if self.generated > limit:
            raise TemplateError(
                "template.generated_too_much",
                "The chat template generated more than {limit:,} characters of text "
                "(counting its macros and captured blocks) and was stopped. It may be broken "
                "or hostile; try another template.",
                details=f"generated {self.generated:,} characters", limit=limit,
            )

    def check_int(self, bits: int) -> None:
        if bits > _MAX_INT_BITS:
            raise TemplateError(
                "template.number_too_big",
                "The chat template tried to compute a number of more than {bits:,} bits and "
                "was stopped. It may be broken or hostile; try another template.",
                details=f"estimated {bits:,} bits", bits=_MAX_INT_BITS,
            )

    def check_depth(self) -> None:
        if self.depth > _MAX_CALL_DEPTH:
            raise too_deep(f"more than {_MAX_CALL_DEPTH} nested calls")


ACTIVE_BUDGET: ContextVar[Budget | None] = ContextVar("prosa_template_budget", default=None)


def current_budget() -> Budget:
    """The budget of the render in progress.

    Outside a render (Jinja finalizes constant output while compiling) a fresh one
    without deadline: sizes are still capped, and nothing accumulates across calls.
    """
    return ACTIVE_BUDGET.get() or Budget(DEFAULT_LIMITS, float("inf"))


def too_deep(details: str) -> TemplateError:
    return TemplateError(
        "template.too_deep",
        "The chat template nested too deeply (runaway recursion) and was stopped. It may "
        "be broken or hostile; try another template.",
        details=details,
    )


def rendered_size(value: object, budget: Budget) -> int:
    """Estimates len(str(value)) without building it.

    Containers are walked, not measured by len(), because a template can nest shared
    references ([x, x] repeated) into something whose text form is exponentially big.
    The walk stops as soon as the estimate passes the cap, so it costs at most that.
    """
    limit = budget.limits.max_output_chars
    total = 0
    steps = 0
    stack: list[object] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item)
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + len(item)
            if total <= limit:
                stack.extend(item)
        elif isinstance(item, Mapping):
            total += 2 + 2 * len(item)
            if total <= limit:
                stack.extend(item.keys())
                stack.extend(item.values())
        else:
            total += 1
        if total > limit:
            return total
        steps += 1
        if steps % SIZE_WALK_TICK == 0:
            budget.tick()
    return total


def materialized(value: Any) -> Any:
    """Turns a lazy iterable into a list so its size can be estimated before joining."""
    if isinstance(value, Iterable) and not isinstance(value, Sized):
        return list(value)
    return value


# ---------------------------------------------------------------------------
# Size estimates for the operations that can amplify their input.


_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")
_NESTED_FORMAT_FIELD = re.compile(r"\{[^{}]*\{")
_DIGITS = re.compile(r"\d+")


def int_values(*values: object) -> int:
    """Sum of the integers among values (and inside a tuple or mapping of arguments)."""
    total = 0
    for value in values:
        if isinstance(value, tuple):
            total += int_values(*value)
        elif isinstance(value, Mapping):
            total += int_values(*value.values())
        elif isinstance(value, int):
            total += abs(value)
    return total


def printf_size(fmt: str, args: object, budget: Budget) -> int:
    """Bounds ``fmt % args``: widths like ``%0999999999d`` allocate before returning."""
    size = len(fmt) + rendered_size(args, budget)
    for match in _PRINTF_SPEC.finditer(fmt):
        for number in match.groups():
            if number == "*":
                size += int_values(args)
            elif number:
                size += int(number)
    return size


def _format_size(
    fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: Budget
) -> int:
    """Bounds ``fmt.format(...)``: ``{:>999999999}`` allocates before returning."""
    size = len(fmt) + rendered_size(args, budget) + rendered_size(kwargs, budget)
    for field in _FORMAT_FIELD.findall(fmt):
        size += sum(int(digits) for digits in _DIGITS.findall(field))
    if _NESTED_FORMAT_FIELD.search(fmt):
        size += int_values(args, kwargs)
    return size


def replace_size(text: str, old: object, new: object, count: object) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new)


def join_size(separator: str, items: object, budget: Budget) -> int:
    count = len(items) if isinstance(items, Sized) else 0
    return rendered_size(items, budget) + len(separator) * count


def _translate_size(text: str, table: object) -> int:
    longest = 1
    if isinstance(table, Mapping):
        longest = max([1, *(len(v) for v in table.values() if isinstance(v, str))])
    return len(text) * longest


def str_method_size(
    text: str, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: Budget
) -> int:
    """Size of ``text.<name>(*args)`` for the str methods that can grow their input."""

    def arg(index: int, key: str, default: object = None) -> object:
        return args[index] if len(args) > index else kwargs.get(key, default)

    if name in {"center", "ljust", "rjust", "zfill"}:
        width = arg(0, "width", 0)
        return max(len(text), width if isinstance(width, int) else 0)
    if name == "expandtabs":
        tabsize = arg(0, "tabsize", 8)
        return len(text) + text.count("\t") * (tabsize if isinstance(tabsize, int) else 8)
    if name == "replace":
        return replace_size(text, arg(0, "old"), arg(1, "new"), arg(2, "count", -1))
    if name == "join":
        return join_size(text, arg(0, "iterable"), budget)
    if name == "format":
        return _format_size(text, args, kwargs, budget)
    if name == "format_map":
        mapping = arg(0, "mapping", {})
        return _format_size(text, (), mapping if isinstance(mapping, Mapping) else {}, budget)
    if name == "translate":
        return _translate_size(text, arg(0, "table"))
    return len(text)


def bound_str_method(func: object) -> tuple[str, str] | None:
    """(text, method name) when func is a method of a str, including the sandbox's
    wrapper around str.format."""
    target = getattr(func, "__wrapped__", func)
    if isinstance(target, types.BuiltinMethodType | types.MethodType):
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            return owner, target.__name__
    return None


def binop_size(operator: str, left: Any, right: Any, budget: Budget) -> int:
    """Size of a sequence built by ``*``, ``+`` or ``%``; 0 when nothing is built."""
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, int) and isinstance(right, sequences):
            left, right = right, left
        if isinstance(left, sequences) and isinstance(right, int):
            return rendered_size(left, budget) * max(right, 0)
    elif operator == "+":
        if isinstance(left, sequences) and isinstance(right, sequences):
            return rendered_size(left, budget) + rendered_size(right, budget)
    elif operator == "%" and isinstance(left, str):
        return printf_size(left, right, budget)
    return 0


def int_bits(operator: str, left: Any, right: Any) -> int:
    """Bit length of an integer ``*`` or ``**`` result; 0 when not an int operation."""
    if not isinstance(left, int) or not isinstance(right, int):
        return 0
    if operator == "*":
        return left.bit_length() + right.bit_length()
    if operator == "**" and right > 0 and abs(left) > 1:
        return abs(left).bit_length() * right
    return 0


def filter_size(
    name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: Budget
) -> int:
    """Size of a builtin filter's result, for the filters that can grow their input."""

    def arg(index: int, key: str, default: object = None) -> object:
        return args[index] if len(args) > index else kwargs.get(key, default)

    value = arg(0, "value", "")
    size = rendered_size(value, budget)
    if size > budget.limits.max_output_chars:
        return size
    text = value if isinstance(value, str) else str(value)  # filters stringify their input
    if name == "center":
        width = arg(1, "width", 80)
        return max(size, width if isinstance(width, int) else 0)
    if name == "indent":
        width = arg(1, "width", 4)
        pad = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        return size + (text.count("\n") + 1) * pad
    if name == "replace":
        return replace_size(text, arg(1, "old"), arg(2, "new"), arg(3, "count"))
    if name == "join":
        separator = arg(1, "d", "")
        return join_size(separator if isinstance(separator, str) else "", value, budget)
    if name == "wordwrap":
        wrap = arg(3, "wrapstring")
        return size + (len(text) + 1) * (len(wrap) if isinstance(wrap, str) else 1)
    if name == "format":
        return printf_size(text, args[1:], budget) + rendered_size(kwargs, budget)
    if name == "batch":
        fill = arg(2, "fill_with")
        count = arg(1, "linecount", 0)
        return size + (int_values(count) * rendered_size(fill, budget) if fill is not None else 0)
    if name == "slice":
        return size + 2 * int_values(arg(1, "slices", 0))
    return size
