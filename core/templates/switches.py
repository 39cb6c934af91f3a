"""The switches a chat template offers (``enable_thinking``, ``reasoning_effort`` ...),
and how "Thinking: on / off / model default" maps onto them.

Templates of reasoning models take their thinking switch as a plain variable the
caller may pass (Qwen3's ``enable_thinking``, gpt-oss's ``reasoning_effort``,
Seed-OSS's ``thinking_budget``), each spelled its own way and each with its own
behaviour when left undefined.  Reading them from the template itself (its syntax
tree, as ``jinja2.meta`` does) lets Prosa show exactly the switches a model has, with
the default the template applies, instead of a list of names that is always behind.

A variable is a switch when the template does not set it unconditionally itself and
uses it only to decide: ``{% if var %}``, ``var is false``, ``var == "high"``.  The
few variables known to steer thinking are switches however they are used.  Nothing
here renders a template: the defaults come from the template's own ``is defined``
and ``default(...)`` guards, or from evaluating its conditions on the variable alone
(in a plain environment, over a whitelist of harmless node kinds).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
import jinja2.meta
from jinja2 import nodes

from core.errors import TemplateError
from core.output.types import Family, ThinkingMode
from core.templates.sandbox import ENV

#: Variables the caller fills for every template: never switches.
_NOT_SWITCHES = frozenset({
    "messages", "tools", "add_generation_prompt", "bos_token", "eos_token", "documents",
    "tool_call", "builtin_tools", "custom_tools", "available_tools", "date_string",
    "xml_tools", "python_tools", "functions", "tools_in_user_message_default",
})

#: Variables that steer thinking: switches even when a template only prints them.
THINKING_NAMES = ("enable_thinking", "thinking", "reasoning_effort", "thinking_budget")

#: Values a known variable takes when the template does not compare it to any.
_KNOWN_CHOICES: dict[str, tuple[Any, ...]] = {
    "enable_thinking": (True, False),
    "thinking": (True, False),
    "reasoning_effort": ("low", "medium", "high"),
    "thinking_budget": (),
}

_UNDEFINED = object()


@dataclass(frozen=True)
class Switch:
    """A variable of the template a user may set.

    ``choices`` is ``(True, False)`` for a boolean, the values the template compares
    against for a choice (``("low", "medium", "high")``), and ``()`` for a number
    (any value; ``default`` tells its kind).  ``default`` is what the template does
    when the variable is left undefined, or None when that cannot be told (the
    model's default)."""

    name: str
    default: Any
    choices: tuple[Any, ...]

    @property
    def is_boolean(self) -> bool:
        return self.choices == (True, False)


def find_switches(source: str) -> list[Switch]:
    """The switches of ``source``, in the order the template first reads them."""
    return list(_find_switches(source))


@functools.lru_cache(maxsize=32)
def _find_switches(source: str) -> tuple[Switch, ...]:
    """Remembered: walking a long template (gpt-oss's) takes tens of milliseconds, and
    the window asks again for each conversation it shows."""
    try:
        tree = ENV.parse(source)
        undeclared = jinja2.meta.find_undeclared_variables(tree) - ENV.globals.keys()
        candidates = [n for n in _read_order(tree)
                      if n in undeclared and n not in _NOT_SWITCHES]
        return tuple(s for s in (_switch(tree, name) for name in candidates) if s is not None)
    except (jinja2.TemplateSyntaxError, TemplateError, RecursionError):
        # The template's own error is for the renderer to report; a template nested
        # too deeply to walk offers no switch rather than stopping the prompt.
        return ()


def thinking_variables(source: str, mode: ThinkingMode, *,
                       budget: int | None = None) -> dict[str, Any]:
    """The template variables that switch thinking ``mode`` on or off ({} for DEFAULT
    or a template without such a switch).  ``budget`` (tokens) fills a template's own
    ``thinking_budget`` when it reads one, in any mode but OFF."""
    switches = {s.name: s for s in find_switches(source)}
    found: dict[str, Any] = {}
    budget_switch = switches.get("thinking_budget")
    if budget is not None and budget_switch is not None and mode is not ThinkingMode.OFF:
        found["thinking_budget"] = budget
    if mode is ThinkingMode.DEFAULT:
        return found
    on = mode is ThinkingMode.ON
    for name in ("enable_thinking", "thinking"):
        switch = switches.get(name)
        if switch is not None and switch.is_boolean:
            return {**found, name: on}
    effort = switches.get("reasoning_effort")
    if effort is not None:
        # Harmony has no off: the least effort is the nearest to it.
        choices = [c for c in effort.choices if isinstance(c, str)] or ["low", "high"]
        if on:
            return {**found, "reasoning_effort": "high" if "high" in choices else choices[-1]}
        off = next((c for c in ("none", "minimal", "low") if c in choices), choices[0])
        return {**found, "reasoning_effort": off}
    if budget_switch is not None and not on and 0 in _literals(source, "thinking_budget"):
        return {"thinking_budget": 0}  # Seed-OSS: a budget of 0 answers without thinking
    return found


_SOFT_OFF = "/no_think"
_SOFT_ON = re.compile(r"(?<![<\w])/think\b")


def thinking_messages(messages: Sequence[Mapping[str, Any]], family: Family,
                      mode: ThinkingMode, source: str) -> list[dict[str, Any]]:
    """``messages`` with thinking switched by words in the text, for templates that
    know the words (``/think``, ``/no_think``: Qwen3-style soft switches) but offer no
    variable for it; otherwise the messages unchanged.  ``family`` is for families
    whose switch lives in the text; Harmony's ``Reasoning: ...`` line is written by
    its template from ``reasoning_effort`` (see :func:`thinking_variables`)."""
    copied = [dict(m) for m in messages]
    if mode is ThinkingMode.DEFAULT or thinking_variables(source, mode):
        return copied
    knows = (_SOFT_ON.search(source) is not None) if mode is ThinkingMode.ON \
        else _SOFT_OFF in source
    if not knows or family is Family.GPT_OSS:
        return copied
    word = "/think" if mode is ThinkingMode.ON else _SOFT_OFF
    for message in reversed(copied):
        if message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, str):
            message["content"] = f"{content} {word}" if content else word
        elif isinstance(content, list):
            message["content"] = [*content, {"type": "text", "text": word}]
        break
    return copied


# ---------------------------------------------------------------------------
# Reading the syntax tree.


def _read_order(tree: nodes.Template) -> list[str]:
    seen: dict[str, None] = {}
    for name in tree.find_all(nodes.Name):
        if name.ctx == "load":
            seen.setdefault(name.name, None)
    return list(seen)


def _walk(node: nodes.Node, guards: tuple[tuple[nodes.Node, bool], ...] = ()
          ) -> Iterator[tuple[nodes.Node, tuple[tuple[nodes.Node, bool], ...]]]:
    """Every node with the conditions around it: (test, True) inside an if's body,
    (test, False) inside its else."""
    yield node, guards
    if isinstance(node, nodes.If):
        yield from _walk(node.test, guards)
        for child in node.body:
            yield from _walk(child, (*guards, (node.test, True)))
        rest = (*guards, (node.test, False))
        for branch in node.elif_:
            yield from _walk(branch, rest)
        for child in node.else_:
            yield from _walk(child, rest)
        return
    for child in node.iter_child_nodes():
        yield from _walk(child, guards)


def _is_undefined_test(test: nodes.Node, name: str) -> bool | None:
    """True for ``name is not defined`` (and its spellings), False for ``name is
    defined``, None for anything else."""
    negated = False
    while isinstance(test, nodes.Not):
        negated, test = not negated, test.node
    if not (isinstance(test, nodes.Test) and isinstance(test.node, nodes.Name)
            and test.node.name == name and test.name in ("defined", "undefined")):
        return None
    return (test.name == "undefined") != negated


def _switch(tree: nodes.Template, name: str) -> Switch | None:
    default: Any = _UNDEFINED
    switch_uses = 0
    literals: list[Any] = []
    conditions: list[nodes.Node] = []
    for node, guards in _walk(tree):
        if isinstance(node, nodes.Assign | nodes.AssignBlock) and _assigns(node, name):
            guarded = bool(guards) and _is_undefined_test(guards[-1][0], name) is guards[-1][1]
            if not guarded:
                return None  # the template's own variable, not the caller's
            if isinstance(node, nodes.Assign):
                default = _constant(node.node, default)
        elif isinstance(node, nodes.Filter) and node.name in ("default", "d") and \
                _is_name(node.node, name) and node.args:
            default = _constant(node.args[0], default)
        elif isinstance(node, nodes.If | nodes.CondExpr) and _names(node.test) == {name}:
            conditions.append(node.test)
    for node in tree.find_all((nodes.Compare, nodes.Filter, nodes.Test, nodes.If,
                               nodes.CondExpr, nodes.Not, nodes.And, nodes.Or)):
        if isinstance(node, nodes.Compare):
            sides = [node.expr, *(op.expr for op in node.ops)]
            if any(_is_name(s, name) for s in sides):
                consts = [s.value for s in sides if isinstance(s, nodes.Const)]
                literals += consts
                switch_uses += 1 if consts else 0
        elif isinstance(node, nodes.Filter) and _is_name(node.node, name):
            switch_uses += 1 if node.name in ("default", "d") else 0
        elif isinstance(node, nodes.Test) and _is_name(node.node, name):
            if node.name in ("true", "false", "boolean", "defined", "undefined", "none"):
                switch_uses += 1
        else:
            for operand in _condition_operands(node):
                if _is_name(operand, name):
                    switch_uses += 1
    loads = sum(1 for n in tree.find_all(nodes.Name) if n.name == name and n.ctx == "load")
    if name not in THINKING_NAMES and (switch_uses == 0 or loads > switch_uses):
        return None  # also printed or iterated: data the caller passes, not a switch
    choices = _choices(name, literals, default)
    if default is _UNDEFINED:
        default = _default_from_conditions(conditions, name, choices)
    return Switch(name, default, choices)


def _choices(name: str, literals: list[Any], default: Any) -> tuple[Any, ...]:
    values = [v for v in (*literals, default) if v is not None and v is not _UNDEFINED]
    known = _KNOWN_CHOICES.get(name)
    if any(isinstance(v, str) for v in values) or (known and isinstance(known[0], str)):
        found: list[Any] = list(known or ())
        for value in values:
            if isinstance(value, str) and value not in found:
                found.append(value)
        return tuple(found)
    if known == () or any(isinstance(v, int | float) and not isinstance(v, bool)
                          for v in values):
        return ()  # a number: any value
    return (True, False)


def _constant(node: nodes.Node, otherwise: Any) -> Any:
    """The value of a constant expression (``-1`` is a negation of 1, not a Const)."""
    if not isinstance(node, nodes.Expr) or not all(
            isinstance(n, nodes.Const | nodes.Neg | nodes.Pos)
            for n in (node, *node.find_all(nodes.Node))):
        return otherwise
    try:
        return node.as_const(nodes.EvalContext(_PLAIN_ENV))
    except nodes.Impossible:
        return otherwise


def _condition_operands(node: nodes.Node) -> list[nodes.Node]:
    if isinstance(node, nodes.If | nodes.CondExpr):
        return [node.test]
    if isinstance(node, nodes.Not):
        return [node.node]
    if isinstance(node, nodes.And | nodes.Or):
        return [node.left, node.right]
    return []


def _assigns(node: nodes.Assign | nodes.AssignBlock, name: str) -> bool:
    return any(n.name == name for n in node.target.find_all(nodes.Name)) or \
        (isinstance(node.target, nodes.Name) and node.target.name == name)


def _is_name(node: nodes.Node | None, name: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == name


def _names(node: nodes.Node) -> set[str]:
    return {n.name for n in node.find_all(nodes.Name)} | (
        {node.name} if isinstance(node, nodes.Name) else set())


def _literals(source: str, name: str) -> list[Any]:
    tree = ENV.parse(source)
    found: list[Any] = []
    for node in tree.find_all(nodes.Compare):
        sides = [node.expr, *(op.expr for op in node.ops)]
        if any(_is_name(s, name) for s in sides):
            found += [s.value for s in sides if isinstance(s, nodes.Const)]
    return found


# ---------------------------------------------------------------------------
# What a condition does with the variable undefined.

_SAFE_NODES = (nodes.Name, nodes.Const, nodes.Not, nodes.And, nodes.Or, nodes.Compare,
               nodes.Operand, nodes.Test)
_SAFE_TESTS = frozenset({"defined", "undefined", "true", "false", "none", "boolean",
                         "sameas", "eq", "ne", "equalto", "string", "number", "integer"})
_PLAIN_ENV = jinja2.Environment(autoescape=False)


def _default_from_conditions(conditions: list[nodes.Node], name: str,
                             choices: tuple[Any, ...]) -> Any:
    """The choice every condition treats like an undefined ``name`` (Qwen3's
    ``enable_thinking is defined and enable_thinking is false`` treats undefined as
    True), or None when no single choice does."""
    if not choices:
        return None
    results: dict[Any, list[bool]] = {}
    for value in (_UNDEFINED, *choices):
        outcome = [_evaluate(test, name, value) for test in conditions]
        if None in outcome:
            return None
        results[value] = [bool(o) for o in outcome]
    if not conditions:
        return None
    matching = [v for v in choices if results[v] == results[_UNDEFINED]]
    return matching[0] if len(matching) == 1 else None


def _evaluate(test: nodes.Node, name: str, value: Any) -> bool | None:
    for node in test.find_all(nodes.Node):
        if not isinstance(node, _SAFE_NODES) or (
                isinstance(node, nodes.Test) and node.name not in _SAFE_TESTS):
            return None
    if not isinstance(test, _SAFE_NODES):
        return None
    body = nodes.Output([nodes.CondExpr(test, nodes.Const("1"), nodes.Const("0"))])
    template = nodes.Template([body])
    template.set_lineno(1)
    try:
        compiled = _PLAIN_ENV.from_string(template)
        rendered = compiled.render({} if value is _UNDEFINED else {name: value})
    except Exception:  # a comparison undefined cannot take part in (undefined < 3)
        return None
    return rendered == "1"
