"""Arbitrary text through a family parser: the checks every family's fuzz test makes.

A model can write anything, markers in any order, half of them, none: a parser must
never raise on it, must finish quickly, and what it shows live must never be taken
back (each prefix's ``Partial`` starts the next one's, and a normal stop's parse
starts with the last one's).  Each family's test draws text from its own markers.
"""

from __future__ import annotations

import time

from core.output.types import Context, Finish, OutputParser, Parsed


def check_any_text(parser: OutputParser, text: str, opened: bool, finish: Finish,
                   step: int = 1) -> Parsed:
    """The checks above on ``text``; the parse, for the family's own asserts."""
    context = Context(starts_in_reasoning=opened)
    started = time.perf_counter()
    parsed = parser.parse(text, finish, context)
    before = parser.partial("", context)
    for end in range(step, len(text) + 1, step):
        now = parser.partial(text[:end], context)
        assert now.reasoning.startswith(before.reasoning), (text, end)
        assert now.content.startswith(before.content), (text, end)
        before = now
    now = parser.partial(text, context)
    assert now.reasoning.startswith(before.reasoning) and now.content.startswith(before.content)
    if finish is Finish.STOP:
        assert (parsed.reasoning_content or "").startswith(now.reasoning), text
        assert (parsed.content or "").startswith(now.content), text
    assert time.perf_counter() - started < 2.0, "too slow for its length"
    return parsed
