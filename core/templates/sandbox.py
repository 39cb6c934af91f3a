"""The guarded Jinja environment chat templates run in: transformers' features, jailed.

A chat template ships inside a downloaded model file, so it is code written by a
stranger.  The environment matches transformers' ``apply_chat_template`` (same
Jinja options, ``{% generation %}`` tag, ``raise_exception``, ``strftime_now`` and
non-escaping ``tojson``) so that a model sees exactly the prompt it was trained on,
and every hook of Jinja's immutable sandbox also spends from the render's budget
(:mod:`core.templates.budget`).  Two constructs have no sandbox hook (for-loops and
``~`` concatenation), so the code generator routes them through the budget too: that
extends Jinja's compiler, which is why ``pyproject.toml`` pins Jinja below its next
major version.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable, Iterable, Iterator, Sized
from datetime import datetime
from typing import Any, NoReturn

import jinja2
import jinja2.ext
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum

from core.errors import TemplateError
from core.templates.budget import (
    ITER_TICK,
    SIZE_WALK_TICK,
    Budget,
    binop_size,
    bound_str_method,
    current_budget,
    filter_size,
    int_bits,
    int_values,
    materialized,
    rendered_size,
    str_method_size,
)

# Rough characters per lorem-ipsum word, to size lipsum() before generating it.
_LIPSUM_WORD_CHARS = 12


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
    budget = current_budget()
    budget.check_value(value)
    chunks: list[str] = []
    size = 0
    for chunk in encoder.iterencode(value):
        size += len(chunk)
        budget.check_size(size)
        chunks.append(chunk)
        if len(chunks) % SIZE_WALK_TICK == 0:
            budget.tick()
    return "".join(chunks)


def _raise_exception(message: object) -> NoReturn:
    """The template's own refusal (wrong roles, missing tools): its text is the fix."""
    raise TemplateError("template.refused",
                        "The chat template refused this conversation: {reason}",
                        details=str(message), reason=str(message))


def _strftime_now(format: str) -> str:
    """Local time, as transformers gives it (Llama 3.2 and Granite print today's date)."""
    return datetime.now().strftime(format)


def _capped_range(*args: int) -> range:
    """range() with a per-range item cap; loops over it are deadline-checked by the
    guarded for-loop, so a plain range keeps every range feature templates use."""
    budget = current_budget()
    budget.tick()
    items = range(*args)
    try:
        count = len(items)
    except OverflowError:  # more items than a C ssize_t holds
        count = budget.limits.max_range + 1
    if count > budget.limits.max_range:
        raise TemplateError(
            "template.range_too_big",
            "The chat template asked for a range of more than {limit:,} items and was "
            "stopped. It may be broken or hostile; try another template.",
            details=f"range{args!r}", limit=budget.limits.max_range,
        )
    return items


def _capped_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    budget = current_budget()
    budget.check_size(int_values(n) * int_values(max) * _LIPSUM_WORD_CHARS)
    return generate_lorem_ipsum(n=n, html=html, min=min, max=max)


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
        budget = current_budget()
        budget.tick()
        if sized and len(args) > skip:
            args = (*args[:skip], materialized(args[skip]), *args[skip + 1 :])
            budget.check_size(filter_size(name, args[skip:], kwargs, budget))
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
        budget = current_budget()
        size = rendered_size(value, budget)
        budget.check_size(size)
        budget.note_generated(size)
        return value

    def concat(self, parts: Iterable[str]) -> str:
        """Joins macro, block-set and call-block bodies; sized first, since a loop of
        constant text appends references cheaply but joins into gigabytes."""
        budget = current_budget()
        buffer = parts if isinstance(parts, list) else list(parts)
        budget.check_size(sum(map(len, buffer)))
        return "".join(buffer)

    def guarded_concat(self, parts: tuple[Any, ...], markup: bool) -> str:
        budget = current_budget()
        budget.tick()
        budget.check_size(sum(rendered_size(part, budget) for part in parts))
        return markup_join(parts) if markup else str_join(parts)

    def guarded_iter(self, iterable: Any) -> _GuardedIterable:
        return _GuardedIterable(iterable, current_budget())

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        budget = current_budget()
        budget.tick()
        budget.check_int(int_bits(operator, left, right))
        budget.check_size(binop_size(operator, left, right, budget))
        return super().call_binop(context, operator, left, right)

    def call(
        __self,  # Jinja's naming: keeps every keyword name free for the callee
        __context: Context,
        __obj: Any,
        /,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        budget = current_budget()
        budget.tick()
        method = bound_str_method(__obj)
        if method is not None:
            if method[1] == "join" and args:
                args = (materialized(args[0]), *args[1:])
            budget.check_size(str_method_size(method[0], method[1], args, kwargs, budget))
        budget.depth += 1
        try:
            budget.check_depth()
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.depth -= 1
        budget.check_value(result)
        return result

    def getattr(self, obj: Any, attribute: str) -> Any:
        current_budget().tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        current_budget().tick()
        return super().getitem(obj, argument)

    def unsafe_undefined(self, obj: Any, attribute: str) -> NoReturn:
        """Fails at once instead of yielding a silent empty Undefined: no real chat
        template touches private attributes, so any attempt is an attack to report."""
        raise SecurityError(
            f"access to attribute {attribute!r} of {type(obj).__name__!r} object is unsafe."
        )


class _GuardedIterable:
    """What a template's for-loop iterates: the original, checking the deadline per item."""

    def __init__(self, iterable: Any, budget: Budget) -> None:
        self._iterable = iterable
        self._budget = budget

    def __iter__(self) -> Iterator[Any]:
        for index, item in enumerate(self._iterable):
            if index % ITER_TICK == 0:
                self._budget.tick()
            yield item

    def __len__(self) -> int:
        # Jinja's loop.length falls back to counting the items on TypeError.
        if not isinstance(self._iterable, Sized):
            raise TypeError("no length")
        return len(self._iterable)


ENV = _GuardedEnvironment()
