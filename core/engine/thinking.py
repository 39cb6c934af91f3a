"""What a conversation's thinking settings change in the prompt.

A template switches thinking by a variable it declares (``enable_thinking``,
``reasoning_effort`` ...) or, for families that switch by words, in the messages
(``/no_think``); ``core.templates.switches`` knows which.  Here the engine turns a
request's mode, budget and the conversation's own template options into the
template's extra variables and the messages it renders, the same way for a reply, an
inspected prompt, a count and a read-ahead, so all four see one prompt.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from core.conversation.types import Message
from core.output.types import Family, ThinkingMode
from core.templates import switches as template_switches


@dataclass(frozen=True)
class Switches:
    """A request's thinking mode, budget and template options, and the tools it offers
    (they change the prompt the same way for a reply, a count and an inspection)."""

    mode: ThinkingMode = ThinkingMode.DEFAULT
    budget: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)
    tools: tuple[Mapping[str, Any], ...] = ()


def of(request: Any) -> Switches:
    """The switches a request carries (older requests, pickled without them: none)."""
    return Switches(ThinkingMode(getattr(request, "thinking", ThinkingMode.DEFAULT)),
                    getattr(request, "thinking_budget", None),
                    dict(getattr(request, "template_options", None) or {}),
                    tuple(getattr(request, "tools", None) or ()))


@functools.lru_cache(maxsize=32)
def _variables(source: str, mode: ThinkingMode, budget: int | None) -> Mapping[str, Any]:
    """Remembered: reading a template's switches parses it, and a prompt is built many
    times (each keystroke counts it, fitting a long conversation builds it again)."""
    return template_switches.thinking_variables(source, mode, budget=budget)


def render_inputs(source: str, switched: Switches, messages: tuple[Message, ...],
                  family: Family) -> tuple[tuple[Message, ...], dict[str, Any]]:
    """The messages to render and the template's extra variables: the mode's
    variables first, then the conversation's options (the user's explicit choice wins)."""
    variables = dict(_variables(source, switched.mode, switched.budget))
    variables.update(switched.options)
    if switched.tools:
        variables["tools"] = [dict(tool) for tool in switched.tools]
    if switched.mode is not ThinkingMode.DEFAULT and not _variables(source, switched.mode,
                                                                    None):
        # No variable switches it: the template may know words in the text instead.
        messages = tuple(template_switches.thinking_messages(messages, family,
                                                             switched.mode, source))
    return messages, variables
