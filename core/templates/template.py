"""Chat templates rendered like Hugging Face transformers, but as untrusted code.

A chat template ships inside a downloaded model file, so it is code written by a
stranger.  The environment matches transformers' ``apply_chat_template`` (same
Jinja options, ``{% generation %}`` tag, ``raise_exception``, ``strftime_now`` and
non-escaping ``tojson``) so that a model sees exactly the prompt it was trained on.

Jinja's sandbox stops attribute escapes (CVE-2024-34359) but not resource bombs, so
every render runs under a :class:`RenderLimits` budget: a CPU-time deadline checked
in every sandbox hook and loop iteration, a cap on the output and on every value the
template builds (repetition, concatenation, padding, joins, JSON), a cap on the size
of integers and ranges, and a cap on call depth.  These are best-effort guards that
turn runaway templates into a :class:`~core.errors.TemplateError`; the engine process
that renders remains the last line of defence, since it can be killed.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
import time
import types
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence, Sized
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

import jinja2
import jinja2.ext
import jinja2.meta
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from core.errors import TemplateError

__all__ = ["CHATML", "DEFAULT_LIMITS", "ChatTemplate", "RenderLimits"]

#: The ChatML template transformers used as its default; the fallback for models
#: whose file carries no template of its own.
CHATML = (
    "{% for message in messages %}"
    "{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"
)

# A 65,536-bit integer has about 20,000 digits: far beyond any real template's needs,
# yet multiplying two of them takes microseconds, so repeated squaring stays cheap.
_MAX_INT_BITS = 65_536
# Each nested macro call costs about six Python frames; 100 levels stay well inside
# Python's default recursion limit of 1,000 even when rendering starts deep in a stack.
_MAX_CALL_DEPTH = 100
# Rough characters per lorem-ipsum word, to size lipsum() before generating it.
_LIPSUM_WORD_CHARS = 12
# Text printed inside macros and {% set %} blocks is counted again where it is used, so
# the budget for all text a render generates is this many times the output cap (real
# templates nest two or three levels); it bounds what a loop inside a macro can pile up.
_GENERATED_TEXT_FACTOR = 8
def _clock() -> float:
    """The render's clock: CPU time of this thread, not wall time.  A runaway template
    burns CPU and is caught all the same, while a render starved by a busy machine (a
    2-core laptop compiling, two models loading) is not mistaken for a runaway."""
    return time.thread_time()


# Loop items between two deadline checks: a loop body that does real work goes through
# checked hooks anyway, and an empty one runs 64 items in microseconds.
_ITER_TICK = 64
# How many items the size estimate walks between two deadline checks.
_SIZE_WALK_TICK = 4096


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


class _Budget:
    """Deadline, size caps and call depth of the render in progress."""

    def __init__(self, limits: RenderLimits, deadline: float) -> None:
        self.limits = limits
        self.deadline = deadline
        self.depth = 0
        self.generated = 0

    def tick(self) -> None:
        """Stops a runaway template; called from every hook, so it must stay cheap."""
        if _clock() > self.deadline:
            raise TemplateError(
                f"The chat template ran longer than {self.limits.timeout_s:g} s and was "
                "stopped. It may be broken or hostile; try another template.",
                "render deadline exceeded",
            )

    def check_size(self, size: int) -> None:
        """Refuses a value before (or right after) it is built, so memory stays bounded."""
        if size > self.limits.max_output_chars:
            raise TemplateError(
                "The chat template tried to build a text of more than "
                f"{self.limits.max_output_chars:,} characters and was stopped. It may be "
                "broken or hostile; try another template.",
                f"estimated size {size:,}",
            )

    def check_value(self, value: object) -> None:
        self.check_size(_rendered_size(value, self))

    def check_output(self, size: int) -> None:
        if size > self.limits.max_output_chars:
            raise TemplateError(
                f"The chat template produced more than {self.limits.max_output_chars:,} "
                "characters and was stopped. It may be broken or hostile; try another "
                "template, or shorten the conversation.",
                f"output reached {size:,} characters",
            )

    def note_generated(self, size: int) -> None:
        """Counts every printed value, wherever it goes, so captured text stays bounded."""
        self.generated += size
        limit = self.limits.max_output_chars * _GENERATED_TEXT_FACTOR
        if self.generated > limit:
            raise TemplateError(
                f"The chat template generated more than {limit:,} characters of text "
                "(counting its macros and captured blocks) and was stopped. It may be broken "
                "or hostile; try another template.",
                f"generated {self.generated:,} characters",
            )

    def check_int(self, bits: int) -> None:
        if bits > _MAX_INT_BITS:
            raise TemplateError(
                f"The chat template tried to compute a number of more than {_MAX_INT_BITS:,} "
                "bits and was stopped. It may be broken or hostile; try another template.",
                f"estimated {bits:,} bits",
            )

    def check_depth(self) -> None:
        if self.depth > _MAX_CALL_DEPTH:
            raise _too_deep(f"more than {_MAX_CALL_DEPTH} nested calls")


_BUDGET: ContextVar[_Budget | None] = ContextVar("prosa_template_budget", default=None)


def _budget() -> _Budget:
    """The budget of the render in progress.

    Outside a render (Jinja finalizes constant output while compiling) a fresh one
    without deadline: sizes are still capped, and nothing accumulates across calls.
    """
    return _BUDGET.get() or _Budget(DEFAULT_LIMITS, float("inf"))


def _too_deep(details: str) -> TemplateError:
    return TemplateError(
        "The chat template nested too deeply (runaway recursion) and was stopped. It may "
        "be broken or hostile; try another template.",
        details,
    )


def _rendered_size(value: object, budget: _Budget) -> int:
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
        if steps % _SIZE_WALK_TICK == 0:
            budget.tick()
    return total


def _materialized(value: Any) -> Any:
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


def _int_values(*values: object) -> int:
    """Sum of the integers among values (and inside a tuple or mapping of arguments)."""
    total = 0
    for value in values:
        if isinstance(value, tuple):
            total += _int_values(*value)
        elif isinstance(value, Mapping):
            total += _int_values(*value.values())
        elif isinstance(value, int):
            total += abs(value)
    return total


def _printf_size(fmt: str, args: object, budget: _Budget) -> int:
    """Bounds ``fmt % args``: widths like ``%0999999999d`` allocate before returning."""
    size = len(fmt) + _rendered_size(args, budget)
    for match in _PRINTF_SPEC.finditer(fmt):
        for number in match.groups():
            if number == "*":
                size += _int_values(args)
            elif number:
                size += int(number)
    return size


def _format_size(
    fmt: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: _Budget
) -> int:
    """Bounds ``fmt.format(...)``: ``{:>999999999}`` allocates before returning."""
    size = len(fmt) + _rendered_size(args, budget) + _rendered_size(kwargs, budget)
    for field in _FORMAT_FIELD.findall(fmt):
        size += sum(int(digits) for digits in _DIGITS.findall(field))
    if _NESTED_FORMAT_FIELD.search(fmt):
        size += _int_values(args, kwargs)
    return size


def _replace_size(text: str, old: object, new: object, count: object) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * len(new)


def _join_size(separator: str, items: object, budget: _Budget) -> int:
    count = len(items) if isinstance(items, Sized) else 0
    return _rendered_size(items, budget) + len(separator) * count


def _translate_size(text: str, table: object) -> int:
    longest = 1
    if isinstance(table, Mapping):
        longest = max([1, *(len(v) for v in table.values() if isinstance(v, str))])
    return len(text) * longest


def _str_method_size(
    text: str, name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: _Budget
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
        return _replace_size(text, arg(0, "old"), arg(1, "new"), arg(2, "count", -1))
    if name == "join":
        return _join_size(text, arg(0, "iterable"), budget)
    if name == "format":
        return _format_size(text, args, kwargs, budget)
    if name == "format_map":
        mapping = arg(0, "mapping", {})
        return _format_size(text, (), mapping if isinstance(mapping, Mapping) else {}, budget)
    if name == "translate":
        return _translate_size(text, arg(0, "table"))
    return len(text)


def _bound_str_method(func: object) -> tuple[str, str] | None:
    """(text, method name) when func is a method of a str, including the sandbox's
    wrapper around str.format."""
    target = getattr(func, "__wrapped__", func)
    if isinstance(target, types.BuiltinMethodType | types.MethodType):
        owner = getattr(target, "__self__", None)
        if isinstance(owner, str):
            return owner, target.__name__
    return None


def _binop_size(operator: str, left: Any, right: Any, budget: _Budget) -> int:
    """Size of a sequence built by ``*``, ``+`` or ``%``; 0 when nothing is built."""
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, int) and isinstance(right, sequences):
            left, right = right, left
        if isinstance(left, sequences) and isinstance(right, int):
            return _rendered_size(left, budget) * max(right, 0)
    elif operator == "+":
        if isinstance(left, sequences) and isinstance(right, sequences):
            return _rendered_size(left, budget) + _rendered_size(right, budget)
    elif operator == "%" and isinstance(left, str):
        return _printf_size(left, right, budget)
    return 0


def _int_bits(operator: str, left: Any, right: Any) -> int:
    """Bit length of an integer ``*`` or ``**`` result; 0 when not an int operation."""
    if not isinstance(left, int) or not isinstance(right, int):
        return 0
    if operator == "*":
        return left.bit_length() + right.bit_length()
    if operator == "**" and right > 0 and abs(left) > 1:
        return abs(left).bit_length() * right
    return 0


# ---------------------------------------------------------------------------
# Filters and globals, as in transformers, plus the guards.


def _tojson(
    value: Any,
    ensure_ascii: bool = False,
    indent: int | str | None = None,
    separators: tuple[str, str] | None = None,
    sort_keys: bool = False,
) -> str:
    """transformers' tojson: no HTML escaping, keys in order, non-ASCII kept.

    Encoded in chunks rather than with json.dumps so that a large indent or shared
    nested lists are stopped at the cap instead of after filling memory.
    """
    encoder = json.JSONEncoder(
        ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys
    )
    budget = _budget()
    budget.check_value(value)
    chunks: list[str] = []
    size = 0
    for chunk in encoder.iterencode(value):
        size += len(chunk)
        budget.check_size(size)
        chunks.append(chunk)
        if len(chunks) % _SIZE_WALK_TICK == 0:
            budget.tick()
    return "".join(chunks)


def _raise_exception(message: object) -> NoReturn:
    """The template's own refusal (wrong roles, missing tools): its text is the fix."""
    raise TemplateError(f"The chat template refused this conversation: {message}", str(message))


def _strftime_now(format: str) -> str:
    """Local time, as transformers gives it (Llama 3.2 and Granite print today's date)."""
    return datetime.now().strftime(format)


def _capped_range(*args: int) -> range:
    """range() with a per-range item cap; loops over it are deadline-checked by the
    guarded for-loop, so a plain range keeps every range feature templates use."""
    budget = _budget()
    budget.tick()
    items = range(*args)
    try:
        count = len(items)
    except OverflowError:  # more items than a C ssize_t holds
        count = budget.limits.max_range + 1
    if count > budget.limits.max_range:
        raise TemplateError(
            f"The chat template asked for a range of more than {budget.limits.max_range:,} "
            "items and was stopped. It may be broken or hostile; try another template.",
            f"range{args!r}",
        )
    return items


def _capped_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    budget = _budget()
    budget.check_size(_int_values(n) * _int_values(max) * _LIPSUM_WORD_CHARS)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


def _filter_size(
    name: str, args: tuple[Any, ...], kwargs: Mapping[str, Any], budget: _Budget
) -> int:
    """Size of a builtin filter's result, for the filters that can grow their input."""

    def arg(index: int, key: str, default: object = None) -> object:
        return args[index] if len(args) > index else kwargs.get(key, default)

    value = arg(0, "value", "")
    size = _rendered_size(value, budget)
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
        return _replace_size(text, arg(1, "old"), arg(2, "new"), arg(3, "count"))
    if name == "join":
        separator = arg(1, "d", "")
        return _join_size(separator if isinstance(separator, str) else "", value, budget)
    if name == "wordwrap":
        wrap = arg(3, "wrapstring")
        return size + (len(text) + 1) * (len(wrap) if isinstance(wrap, str) else 1)
    if name == "format":
        return _printf_size(text, args[1:], budget) + _rendered_size(kwargs, budget)
    if name == "batch":
        fill = arg(2, "fill_with")
        count = arg(1, "linecount", 0)
        return size + (_int_values(count) * _rendered_size(fill, budget) if fill is not None else 0)
    if name == "slice":
        return size + 2 * _int_values(arg(1, "slices", 0))
    return size


# Filters that turn their input into text (or multiply it): their input is sized
# first, since str() of a nested-reference bomb would never return.
_SIZED_FILTERS = frozenset(
    {
        "batch", "capitalize", "center", "e", "escape", "forceescape", "format", "indent",
        "join", "list", "lower", "pprint", "replace", "safe", "slice", "string",
        "striptags", "title", "trim", "truncate", "upper", "urlencode", "urlize",
        "wordcount", "wordwrap", "xmlattr",
    }
)  # fmt: skip


def _guarded_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wraps a builtin filter with the deadline and size checks.

    functools.wraps copies ``jinja_pass_arg``, so Jinja still passes the context or
    environment first; those are skipped when sizing the arguments.
    """
    skip = 1 if getattr(func, "jinja_pass_arg", None) is not None else 0
    sized = name in _SIZED_FILTERS

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget = _budget()
        budget.tick()
        if sized and len(args) > skip:
            args = (*args[:skip], _materialized(args[skip]), *args[skip + 1 :])
            budget.check_size(_filter_size(name, args[skip:], kwargs, budget))
        result = func(*args, **kwargs)
        budget.check_value(result)
        return result

    return guarded


class _GenerationTag(jinja2.ext.Extension):
    """``{% generation %}`` marks assistant text for transformers' training masks;
    rendering needs only its body, unchanged."""

    tags = {"generation"}  # noqa: RUF012 (the Extension API declares it this way)

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        call = self.call_method("_render_body")
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render_body(self, caller: Callable[[], str]) -> str:
        return caller()


# ---------------------------------------------------------------------------
# The guarded environment.


class _GuardedCodeGenerator(CodeGenerator):
    """Routes the two constructs the sandbox has no hook for through the budget:
    for-loops (a loop over a long string makes no call the deadline could catch) and
    ``~`` concatenation (which would stringify a nested-reference bomb)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        guarded = copy.copy(node)
        guarded.iter = nodes.Call(
            nodes.EnvironmentAttribute("guarded_iter"), [node.iter], [], None, None
        ).set_lineno(node.lineno)
        super().visit_For(guarded, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # Same choice of join as Jinja's own visit_Concat, made inside the guard.
        if frame.eval_ctx.volatile:
            markup = "context.eval_ctx.volatile"
        else:
            markup = repr(bool(frame.eval_ctx.autoescape))
        self.write("environment.guarded_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {markup})")


class _GuardedEnvironment(ImmutableSandboxedEnvironment):
    """ImmutableSandboxedEnvironment whose hooks also enforce the render budget."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self) -> None:
        super().__init__(
            trim_blocks=True,
            lstrip_blocks=True,
            extensions=[_GenerationTag, jinja2.ext.loopcontrols],
            finalize=self._finalize,
        )
        for name, func in list(self.filters.items()):
            self.filters[name] = _guarded_filter(name, func)
        self.filters["tojson"] = _tojson
        self.globals["raise_exception"] = _raise_exception
        self.globals["strftime_now"] = _strftime_now
        self.globals["range"] = _capped_range
        self.globals["lipsum"] = _capped_lipsum

    @staticmethod
    def _finalize(value: Any) -> Any:
        """Runs on every printed value, in macros and captured blocks too."""
        budget = _budget()
        size = _rendered_size(value, budget)
        budget.check_size(size)
        budget.note_generated(size)
        return value

    def concat(self, parts: Iterable[str]) -> str:
        """Joins macro, block-set and call-block bodies; sized first, since a loop of
        constant text appends references cheaply but joins into gigabytes."""
        budget = _budget()
        buffer = parts if isinstance(parts, list) else list(parts)
        budget.check_size(sum(map(len, buffer)))
        return "".join(buffer)

    def guarded_concat(self, parts: tuple[Any, ...], markup: bool) -> str:
        budget = _budget()
        budget.tick()
        budget.check_size(sum(_rendered_size(part, budget) for part in parts))
        return markup_join(parts) if markup else str_join(parts)

    def guarded_iter(self, iterable: Any) -> _GuardedIterable:
        return _GuardedIterable(iterable, _budget())

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = _budget()
        budget.tick()
        budget.check_int(_int_bits(operator, left, right))
        budget.check_size(_binop_size(operator, left, right, budget))
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's naming: keeps every keyword name free for the callee
        __context: Context,
        __obj: Any,
        /,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = _budget()
        budget.tick()
        method = _bound_str_method(__obj)
        if method is not None:
            if method[1] == "join" and args:
                args = (_materialized(args[0]), *args[1:])
            budget.check_size(_str_method_size(method[0], method[1], args, kwargs, budget))
        budget.depth += 1
        try:
            budget.check_depth()
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        budget.check_value(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        _budget().tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _budget().tick()
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        """Fails at once instead of yielding a silent empty Undefined: no real chat
        template touches private attributes, so any attempt is an attack to report."""
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe."
        )


class _GuardedIterable:
    """What a template's for-loop iterates: the original, checking the deadline per item."""

    def __init__(self, iterable: Any, budget: _Budget) -> None:
        self._iterable = iterable
        self._budget = budget

    def __iter__(self) -> Iterator[Any]:
        for index, item in enumerate(self._iterable):
            if index % _ITER_TICK == 0:
                self._budget.tick()
            yield item

    def __len__(self) -> int:
        # Jinja's loop.length falls back to counting the items on TypeError.
        if not isinstance(self._iterable, Sized):
            raise TypeError("no length")
        return len(self._iterable)


_ENV = _GuardedEnvironment()


# ---------------------------------------------------------------------------
# Compiling and rendering.


@functools.lru_cache(maxsize=64)
def _compile(source: str) -> jinja2.Template:
    """Compiles once per distinct source; templates are re-rendered for every reply."""
    return _ENV.from_string(source)


@functools.lru_cache(maxsize=64)
def _undeclared(source: str) -> frozenset[str]:
    names = jinja2.meta.find_undeclared_variables(_ENV.parse(source))
    return frozenset(names - _ENV.globals.keys())


def _compile_checked(source: str) -> jinja2.Template:
    try:
        return _compile(source)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"The chat template has a syntax error on line {exc.lineno}: {exc.message}",
            f"{type(exc).__name__}: {exc}",
        ) from exc
    except RecursionError as exc:
        raise _too_deep("the template nests too deeply to compile") from exc
    except Exception as exc:  # Python's own compile limits, MemoryError, ...
        raise TemplateError(
            f"The chat template could not be compiled: {exc}", f"{type(exc).__name__}: {exc}"
        ) from exc


def _template_line(exc: BaseException) -> int | None:
    """The template line being run when exc was raised (Jinja rewrites tracebacks so
    template frames carry template line numbers)."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _runtime_error(exc: Exception) -> TemplateError:
    line = _template_line(exc)
    where = f" on line {line}" if line is not None else ""
    details = f"{type(exc).__name__}: {exc}"
    if isinstance(exc, SecurityError):
        reason = str(exc).rstrip(".")
        return TemplateError(
            f"The chat template tried to do something unsafe{where} and was stopped: {reason}. "
            "Do not use this template.",
            details,
        )
    if isinstance(exc, MemoryError):
        return TemplateError(f"The chat template ran out of memory{where}.", details)
    message = str(exc) if isinstance(exc, jinja2.TemplateError) else details
    return TemplateError(f"The chat template failed{where}: {message}", details)


def _collect(chunks: Iterator[str], budget: _Budget) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        budget.check_output(size)
        budget.tick()
        parts.append(chunk)
    return "".join(parts)


def _render(template: jinja2.Template, context: dict[str, Any], limits: RenderLimits) -> str:
    budget = _Budget(limits, _clock() + limits.timeout_s)
    token = _BUDGET.set(budget)
    chunks = template.generate(context)
    try:
        return _collect(chunks, budget)
    except TemplateError:
        raise
    except RecursionError as exc:
        raise _too_deep("Python recursion limit reached") from exc
    except Exception as exc:
        raise _runtime_error(exc) from exc
    finally:
        if isinstance(chunks, Generator):
            chunks.close()
        _BUDGET.reset(token)


class ChatTemplate:
    """A compiled chat template; cheap to create again for the same source."""

    def __init__(self, source: str, *, limits: RenderLimits = DEFAULT_LIMITS) -> None:
        self.source = source
        self.sha256 = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()
        self.limits = limits
        self._template = _compile_checked(source)

    def render(
        self,
        messages: Sequence[Mapping[str, Any]],
        *,
        add_generation_prompt: bool = True,
        bos_token: str = "",
        eos_token: str = "",
        tools: list[dict[str, Any]] | None = None,
        documents: list[dict[str, Any]] | None = None,
        **extra: Any,
    ) -> str:
        """Renders the prompt text, as transformers' apply_chat_template(tokenize=False).

        ``tools`` and ``documents`` are left undefined when not given (transformers
        passes None): several tool_use templates iterate ``tools`` without a None
        check and only render when it is undefined or a list.
        """
        context: dict[str, Any] = {
            **extra,
            "messages": _alias_reasoning(messages),
            "add_generation_prompt": add_generation_prompt,
            "bos_token": bos_token,
            "eos_token": eos_token,
        }
        if tools is not None:
            context["tools"] = tools
        if documents is not None:
            context["documents"] = documents
        return _render(self._template, context, self.limits)

    def variables(self) -> frozenset[str]:
        """Names the caller may supply (jinja2.meta: read somewhere without a sure
        assignment first), globals excluded; lets the UI say "this template expects
        tools" before rendering."""
        return _undeclared(self.source)

    def __repr__(self) -> str:
        return f"ChatTemplate(sha256={self.sha256[:12]}..., {len(self.source)} chars)"


_REASONING_FIELDS = ("reasoning_content", "thinking", "reasoning")


def _alias_reasoning(messages: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Give a message's reasoning under every name templates read, as transformers 5
    does: Qwen3 reads ``reasoning_content``, gpt-oss ``thinking``, Seed-OSS
    ``reasoning``; without this, reasoning kept under another name is dropped."""
    out: list[Mapping[str, Any]] = []
    for message in messages:
        reasoning = next((message[k] for k in _REASONING_FIELDS
                          if isinstance(message, Mapping) and message.get(k) is not None),
                         None)
        if reasoning is None:
            out.append(message)
        else:
            out.append({"thinking": reasoning, **message, "reasoning_content": reasoning})
    return out
