"""GBNF text: literals, whole-number and number ranges, and a check of grammar text
before llama.cpp parses it.

llama.cpp's grammar parser is trusted with nothing it cannot survive: in the build we
ship, ``"a"{5,3}`` (a maximum below the minimum) makes it loop forever and a few
hundred thousand nested parentheses overflow its stack, both inside the engine
process.  :func:`check` refuses those before the text reaches it (everything else it
rejects, it rejects cleanly, and ``core.engine.llama.grammar_sampler`` reports why).

The ranges are our own: the JSON-schema converter that ships with llama-cpp-python
leaves ``minimum``/``maximum`` out, so a schema's bounded integer would come out as
any integer.  An integer range is written digit by digit, the usual way a numeric
range becomes a regular expression: split by number of digits, then by the first
digit that differs.
"""

from __future__ import annotations

import math
import re

#: Digits at most in a number written without an upper bound (as llama.cpp's own
#: JSON rules allow: 16 significant digits).
MAX_DIGITS = 16
#: Parentheses nested deeper than this are refused (llama.cpp's recursive parser
#: survives a few thousand; nobody writes a hundred).
MAX_NESTING = 256
#: llama.cpp refuses repetitions above 2000 itself; the check says it first and clearly.
MAX_REPEAT = 2000
#: Grammar text longer than this is refused (it is parsed on every reply).
MAX_CHARS = 1_000_000
FRACTION = '"." [0-9]{1,15}'

_ESCAPES = {"\r": "\\r", "\n": "\\n", '"': '\\"', "\\": "\\\\", "\t": "\\t"}


class BadGrammar(ValueError):
    """The grammar text is refused; the message says why (technical, in English)."""


def literal(text: str) -> str:
    """``text`` as a GBNF string literal (control characters escaped)."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# --- a check of raw grammar text -------------------------------------------------------

_REPEAT = re.compile(r"\{\s*(\d*)\s*(,?)\s*(\d*)\s*\}")


def check(text: str) -> bool:
    """Raise :class:`BadGrammar` for text llama.cpp must not see; return whether it
    names tokens (``<[123]>``, ``<|im_end|>``), which the engine then matches against
    the whole vocabulary (see ``core.engine.llama.token_index``)."""
    if not text.strip():
        raise BadGrammar("the grammar is empty")
    if len(text) > MAX_CHARS:
        raise BadGrammar(f"the grammar is longer than {MAX_CHARS} characters")
    if "\x00" in text:
        raise BadGrammar("the grammar holds a NUL character")
    depth = 0
    tokens = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "\"[":
            i = _skip_quoted(text, i, '"' if ch == '"' else "]")
            continue
        if ch == "<" and i + 1 < n and text[i + 1] in "[|":
            end = text.find(">", i)
            if end < 0:
                raise BadGrammar("a token reference is not closed")
            tokens = True
            i = end + 1
            continue
        if ch == "(":
            depth += 1
            if depth > MAX_NESTING:
                raise BadGrammar(f"parentheses nest deeper than {MAX_NESTING}")
        elif ch == ")":
            depth -= 1
        elif ch == "{":
            match = _REPEAT.match(text, i)
            if match is None:
                raise BadGrammar(f"a repetition at offset {i} is not {{m}}, {{m,}} or {{m,n}}")
            low, comma, high = match.groups()
            if not low:
                raise BadGrammar(f"the repetition {match.group(0)} has no minimum")
            if int(low) > MAX_REPEAT or (high and int(high) > MAX_REPEAT):
                raise BadGrammar(f"the repetition {match.group(0)} is above {MAX_REPEAT}")
            if comma and high and int(high) < int(low):
                raise BadGrammar(f"the repetition {match.group(0)} has its maximum "
                                 "below its minimum")
            i = match.end()
            continue
        i += 1
    return tokens


def _skip_quoted(text: str, start: int, close: str) -> int:
    """The index after a string literal or character class that starts at ``start``."""
    i = start + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == close:
            return i + 1
        i += 1
    raise BadGrammar("a string or character class is not closed")


# --- whole numbers and numbers in a range --------------------------------------------


def int_range(low: int | None, high: int | None) -> str:
    """A GBNF expression for the integers from ``low`` to ``high`` (``None``: no bound),
    written as JSON writes them (no leading zeros, no ``-0``)."""
    if low is None and high is None:
        return '"-"? ' + at_least(0)
    if low is not None and high is not None and high < low:
        raise ValueError("the minimum is above the maximum")
    parts: list[str] = []
    if low is None or low < 0:  # the negative numbers, by their magnitude
        smallest = 1 if high is None or high >= 0 else -high
        magnitude = at_least(smallest) if low is None else nonnegative(smallest, -low)
        parts.append(f'"-" ({magnitude})')
    if high is None or high >= 0:
        start = 0 if low is None else max(low, 0)
        parts.append(at_least(start) if high is None else nonnegative(start, high))
    return " | ".join(parts)


def number_range(low: float | None, high: float | None, exclusive_low: bool = False,
                 exclusive_high: bool = False) -> str:
    """A GBNF expression for JSON numbers within bounds.

    Written with whole-number bounds: a fractional or exclusive bound is moved inward
    to the next whole number (``minimum: 0.5`` allows 1 and up), so every number the
    grammar allows is within the bounds, never the other way round.  Numbers are
    written without exponents.
    """
    lo = None if low is None else (math.floor(low) + 1 if exclusive_low else math.ceil(low))
    hi = None if high is None else (math.ceil(high) - 1 if exclusive_high else math.floor(high))
    if lo is not None and hi is not None and hi < lo:
        raise ValueError("no whole number lies within the bounds")
    parts = [int_range(lo, hi)]
    # Positive fractions k.f lie in [k, k + 1): k from max(lo, 0) to hi - 1.
    first = 0 if lo is None else max(lo, 0)
    if hi is None:
        parts.append(f"({at_least(first)}) {FRACTION}")
    elif first <= hi - 1:
        parts.append(f"({nonnegative(first, hi - 1)}) {FRACTION}")
    # Negative fractions -k.f lie in (-(k + 1), -k]: k from max(-hi, 0) to -lo - 1.
    smallest = 0 if hi is None else max(-hi, 0)
    if lo is None:
        parts.append(f'"-" ({at_least(smallest)}) {FRACTION}')
    elif smallest <= -lo - 1:
        parts.append(f'"-" ({nonnegative(smallest, -lo - 1)}) {FRACTION}')
    return " | ".join(parts)


def at_least(low: int) -> str:
    """Whole numbers from ``low`` (>= 0) up, at most :data:`MAX_DIGITS` digits (more
    when ``low`` itself has more)."""
    digits = len(str(low))
    parts = [nonnegative(low, 10 ** digits - 1)]
    if digits < MAX_DIGITS:
        parts.append(f"[1-9] [0-9]{{{digits},{MAX_DIGITS - 1}}}")
    return " | ".join(parts)


def nonnegative(low: int, high: int) -> str:
    """Whole numbers from ``low`` to ``high`` (0 <= low <= high)."""
    parts = []
    for digits in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (digits - 1) if digits > 1 else 0)
        stop = min(high, 10 ** digits - 1)
        parts.append(_same_length(str(start), str(stop)))
    return " | ".join(parts)


def _same_length(low: str, high: str) -> str:
    """Digit strings of one length from ``low`` to ``high``."""
    if low == high:
        return f'"{low}"'
    if len(low) == 1:
        return f"[{low}-{high}]"
    rest = len(low) - 1
    if low[0] == high[0]:
        return f'"{low[0]}" ({_same_length(low[1:], high[1:])})'
    parts = []
    first = int(low[0])
    last = int(high[0])
    if low[1:] != "0" * rest:
        parts.append(f'"{first}" ({_same_length(low[1:], "9" * rest)})')
        first += 1
    if high[1:] != "9" * rest:
        tail = f'"{last}" ({_same_length("0" * rest, high[1:])})'
        last -= 1
    else:
        tail = ""
    if first <= last:
        digit = f'"{first}"' if first == last else f"[{first}-{last}]"
        parts.append(f"{digit} {_digits(rest)}")
    if tail:
        parts.append(tail)
    return " | ".join(parts)


def _digits(count: int) -> str:
    return "[0-9]" if count == 1 else f"[0-9]{{{count}}}"
