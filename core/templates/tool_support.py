"""Whether a chat template shows tools to the model, and tool results.

A template that ignores its ``tools`` variable renders the same prompt with or
without them: the model never learns the tools exist, and offering them would be
guessing.  So support is read off the template's own output: a probe conversation is
rendered with a probe tool whose name appears nowhere else, and the template supports
tools when the name is in the prompt.  Tool results likewise: a probe call and a
``tool`` message whose content is a unique string; both the call (its argument) and
the result must be in the prompt (a template that writes every message as
``role + content`` shows the result, but not the call it answers, and teaches the
model no format for either).

Rendering is the only reliable test (a template may mention ``tools`` and still drop
them, or render them only under conditions); it takes a millisecond or two, and the
answer is remembered per template text.
"""

from __future__ import annotations

import functools
from typing import Any

from core.errors import TemplateError
from core.templates.template import ChatTemplate

PROBE_TOOL = "prosa_probe_tool_q7x"
PROBE_RESULT = "prosa-probe-result-5k2v"
#: The probe call's argument: found in the prompt only if the call itself is rendered.
PROBE_ARGUMENT = 742913
#: Mistral's templates require a call id of nine letters and digits.
PROBE_CALL_ID = "prosa0001"

_TOOL = {"type": "function", "function": {
    "name": PROBE_TOOL, "description": "A probe.",
    "parameters": {"type": "object", "properties": {"x": {"type": "integer"}},
                   "required": ["x"]}}}


def supports_tools(source: str) -> bool:
    """The template renders the tools it is given into the prompt."""
    return _supports_tools(source)


def supports_tool_results(source: str) -> bool:
    """The template renders a past call's result (a ``tool`` message) into the prompt."""
    return _supports_results(source)


@functools.lru_cache(maxsize=64)
def _supports_tools(source: str) -> bool:
    if not _reads_tools(source):
        return False  # never rendered: a model's template may hang its renderer
    messages = [{"role": "user", "content": "What is x?"}]
    return PROBE_TOOL in _render(source, messages)


def _reads_tools(source: str) -> bool:
    """Whether the template reads a ``tools`` variable at all (found without running
    it).  A template that never mentions it cannot show tools; the others are probed.
    The probe runs when a model loads, and a hostile template can hang a render inside
    one C call (a deep comparison) where no budget is checked: only templates that
    name tools are run then, the rest first render when the user asks for a reply,
    where Stop ends a stuck engine."""
    try:
        return "tools" in ChatTemplate(source).variables()
    except (TemplateError, ValueError, TypeError):
        return False


@functools.lru_cache(maxsize=64)
def _supports_results(source: str) -> bool:
    if not _reads_tools(source):
        return False
    for arguments in ({"x": PROBE_ARGUMENT}, f'{{"x": {PROBE_ARGUMENT}}}'):  # either form
        call = {"id": PROBE_CALL_ID, "type": "function",
                "function": {"name": PROBE_TOOL, "arguments": arguments}}
        messages: list[dict[str, Any]] = [
            {"role": "user", "content": "What is x?"},
            {"role": "assistant", "content": "", "tool_calls": [call]},
            {"role": "tool", "tool_call_id": PROBE_CALL_ID, "name": PROBE_TOOL,
             "content": PROBE_RESULT},
        ]
        text = _render(source, messages)
        if PROBE_RESULT in text and str(PROBE_ARGUMENT) in text:
            return True
    return False


def _render(source: str, messages: list[dict[str, Any]]) -> str:
    """The prompt, or "" when the template cannot render this conversation (it
    raises, or does not compile): no support shown."""
    try:
        return ChatTemplate(source).render(messages, add_generation_prompt=True,
                                           tools=[_TOOL])
    except (TemplateError, ValueError, TypeError):
        return ""
