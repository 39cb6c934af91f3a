"""A reply split into prose and fenced code blocks, as CommonMark reads fences.

The chat view draws code blocks itself (a frame, a label, highlighting, a Copy link),
so it needs each block's exact code and language; Qt's Markdown importer keeps neither
in a form that survives (its code blocks are plain blocks with a property).  Only
fences at the top level are taken (indented by at most three spaces, as CommonMark
allows); a fence deeper in a list or a quote stays with the prose and Qt renders it.

A fence left open (a reply stopped mid-block, or a model that never closes it) runs
to the end of the reply, as in CommonMark: the streamed code still reads as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")


@dataclass(frozen=True)
class Segment:
    """A piece of a reply: Markdown prose, or one fenced code block."""

    kind: str  # "prose" or "code"
    text: str  # the Markdown, or exactly the code (no fences, no final newline)
    language: str = ""  # the info string's first word (code only)
    closed: bool = True  # whether the code block's closing fence was there


def _closes(line: str, fence: str) -> bool:
    stripped = line.rstrip()
    indent = len(stripped) - len(stripped.lstrip(" "))
    body = stripped.lstrip(" ")
    return (indent <= 3 and len(body) >= len(fence) and set(body) == {fence[0]})


def split(text: str) -> list[Segment]:
    """The reply's prose and code blocks, in order (empty prose is left out)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    segments: list[Segment] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
            prose.append(lines[i])
            i += 1
            continue
        indent, fence, info = len(match.group(1)), match.group(2), match.group(3).strip()
        code: list[str] = []
        i += 1
        closed = False
        while i < len(lines):
            if _closes(lines[i], fence):
                closed = True
                i += 1
                break
            line = lines[i]
            # As CommonMark: the opening fence's indentation is removed from each line.
            spaces = len(line) - len(line.lstrip(" "))
            code.append(line[min(indent, spaces):])
            i += 1
        if not closed and code and code[-1] == "":
            code.pop()  # the reply's final newline, not a line of code
        if "\n".join(prose).strip():
            segments.append(Segment("prose", "\n".join(prose)))
        prose = []
        segments.append(Segment("code", "\n".join(code), info.split()[0] if info else "",
                                closed))
    if "\n".join(prose).strip():
        segments.append(Segment("prose", "\n".join(prose)))
    return segments


def code_blocks(text: str) -> list[Segment]:
    """The reply's code blocks, in order."""
    return [segment for segment in split(text) if segment.kind == "code"]
