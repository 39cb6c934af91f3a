"""Why a tool call did not give a result, as a code for the user and a sentence for the
model.

A call that goes wrong is never an exception for the conversation: the model is told
what happened in a ``tool`` message (it may correct its arguments, pick another tool or
answer without one) and the card shows the same fact in the user's language.  Both come
from one :class:`~core.errors.Problem`: its code and fields for the window, and
:func:`error_result` for the model.  The model reads English best, so its text is always
the English template, kept short and factual, with a hint on what to do next where one
helps a small model recover.
"""

from __future__ import annotations

from collections.abc import Iterable

from core.errors import Problem, ProsaError

#: A reason that quotes a library's message is shortened to this (a JSON schema error
#: can quote a whole argument back, and the model reads every character of it).
REASON_CHARS = 300
#: How many tool names an "unknown tool" message lists before "…".
LISTED_NAMES = 20


class ToolFailed(ProsaError):
    """A tool ran but could not do what it was asked (an expression it cannot compute,
    a unit it does not know, a file that is gone).  Tools raise it with a ``tools.*``
    code; the call ends as FAILED and the model reads the message."""


class ToolTimeout(ToolFailed):
    """A tool took longer than its limit (a hung MCP server): the call ends as TIMEOUT.
    A runner raises it itself: only it can stop what it started."""


def shorten(text: str, limit: int = REASON_CHARS) -> str:
    """``text`` on one line and at most ``limit`` characters (``…`` marks a cut)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1].rstrip() + "…"


def names_list(names: Iterable[str]) -> str:
    """Tool names as a message lists them: ``"a", "b"`` (or ``none``)."""
    listed = sorted(names)
    if not listed:
        return "none"
    shown = ", ".join(f'"{name}"' for name in listed[:LISTED_NAMES])
    return shown + (", …" if len(listed) > LISTED_NAMES else "")


def invalid_arguments(tool: str, reason: str) -> Problem:
    return Problem.of(
        "tools.invalid_arguments",
        'The arguments do not match the schema of tool "{tool}": {reason}',
        tool=tool, reason=shorten(reason))


def bad_schema(tool: str, reason: str) -> Problem:
    return Problem.of(
        "tools.bad_schema",
        'Tool "{tool}" has an invalid argument schema, so it cannot be called: {reason}',
        tool=tool, reason=shorten(reason))


def unknown_tool(tool: str, available: Iterable[str]) -> Problem:
    return Problem.of(
        "tools.unknown_tool",
        'There is no tool named "{tool}". The available tools are: {available}.',
        tool=shorten(tool, 100), available=names_list(available))


def denied() -> Problem:
    """The user said no (the card's text speaks to the user; the model reads
    :data:`FOR_THE_MODEL`'s)."""
    return Problem.of("tools.denied", "You did not allow this call.")


def stopped() -> Problem:
    """The user pressed Stop while the call waited or ran."""
    return Problem.of("tools.stopped", "Stopped before it ran.")


def timed_out(tool: str, seconds: float) -> Problem:
    return Problem.of("tools.timed_out",
                      'Tool "{tool}" did not answer within {seconds:g} seconds.',
                      tool=tool, seconds=round(seconds, 1))


def limit_reached(limit: int) -> Problem:
    """The reply already made ``limit`` calls."""
    return Problem.of("tools.limit", "This reply reached its limit of "
                      "{limit} tool calls.", limit=limit)


def failed(tool: str, reason: str, details: str = "") -> Problem:
    """A tool failed in a way it did not describe itself (an unexpected exception)."""
    return Problem.of("tools.failed", 'Tool "{tool}" failed: {reason}', details=details,
                      tool=tool, reason=shorten(reason))


#: The model's own sentence for problems whose text speaks to the user ("You did not
#: allow ..." would read to the model as if it had refused).
FOR_THE_MODEL: dict[str, str] = {
    "tools.denied": "The user did not allow this call.",
    "tools.stopped": "The user stopped the reply before this call ran.",
}
#: What the model is told to do next, by code: a small model given only the failure
#: tends to repeat the same call.
HINTS: dict[str, str] = {
    "tools.invalid_arguments": "Call it again with arguments that match its schema.",
    "tools.unknown_tool": "Call one of the available tools, or answer without a tool.",
    "tools.denied": "Do not call it again for this request; answer without it.",
    "tools.stopped": "Do not call it again for this request.",
    "tools.timed_out": "Answer without its result, or try again later.",
    "tools.limit": "The call was not run. Answer with what you have now.",
    "tools.bad_schema": "Answer without this tool.",
}


def error_result(problem: Problem) -> str:
    """The text the model gets back as the call's result when the call gave none."""
    hint = HINTS.get(problem.code)
    text = f"Error: {FOR_THE_MODEL.get(problem.code, problem.message)}"
    return f"{text} {hint}" if hint else text
