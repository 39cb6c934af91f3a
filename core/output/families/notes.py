"""The notes a family parser gives with its result, one template per code for all
families (the same code must always carry the same English text, see ``core.errors``).

A note says what was off in an output that was still parsed without raising: a call
that could not be read (its text is kept in the answer) or a call cut off by max
tokens (dropped: a partial call is not a call).  The raw text goes in ``details``,
for the log, never into the translated message.
"""

from __future__ import annotations

from core.errors import Problem
from core.output.types import Family

_DETAILS_LIMIT = 2000


def malformed_call(family: Family, text: str) -> Problem:
    """A call written in ``family``'s markers whose body could not be read."""
    return Problem.of("output.malformed_call",
                      "The model wrote a tool call that could not be read ({family} "
                      "format); its text is kept in the answer.",
                      details=text[:_DETAILS_LIMIT], family=family.value)


def cut_call(family: Family, text: str) -> Problem:
    """A reply that max tokens cut off while (or after) it wrote a call: no call is
    made from a reply that did not finish."""
    return Problem.of("output.cut_call",
                      "The reply reached the token limit while writing a tool call "
                      "({family} format), so no call was made.",
                      details=text[:_DETAILS_LIMIT], family=family.value)
