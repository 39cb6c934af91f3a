"""gpt-oss: OpenAI's Harmony format, where an output is a run of messages, each with
a header that names its channel and, for a call, its recipient.

A message is ``[<|start|>assistant]HEADER<|message|>BODY`` ended by ``<|end|>``,
``<|call|>`` or ``<|return|>`` (the official template,
``openai/gpt-oss-120b``; OpenAI's harmony spec; vLLM ``openai_tool_parser.py`` and
llama.cpp's ``common/chat.cpp`` read it the same way).  The generation prompt ends
``<|start|>assistant``, so the output starts with the first header:

* ``<|channel|>analysis<|message|>…<|end|>``: reasoning;
* ``<|channel|>final<|message|>…<|return|>``: the answer;
* ``<|channel|>commentary to=functions.NAME <|constrain|>json<|message|>{…}<|call|>``
  or, recipient first (as the template renders calls),
  `` to=functions.NAME<|channel|>commentary json<|message|>{…}<|call|>``: a call;
  the name is the recipient less ``functions.`` (a built-in tool's recipient, such
  as ``browser.search``, is kept whole); an empty body is no arguments (``{}``);
* a recipient makes a call whatever the channel (llama.cpp's tests read one on the
  analysis channel too);
* commentary with no recipient is a preamble the user is meant to see: content.

Several messages of one kind (two analysis messages around a call, say) are joined
with a blank line; each body is trimmed of whitespace at its ends.  ``<|call|>`` and
``<|return|>`` are stop tokens that engines often leave out of the text, so a
message still open when the model stopped is complete (a call in it is made); cut
off by max tokens, an open call is not made (``output.cut_call``).  Text outside any
header (a model that does not speak Harmony) is content as it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.errors import Problem
from core.output.families import _calls
from core.output.markers import held_back
from core.output.types import Context, Family, Finish, Parsed, Partial, ToolCall

START, MESSAGE, CHANNEL = "<|start|>", "<|message|>", "<|channel|>"
ENDS = ("<|end|>", "<|call|>", "<|return|>")
#: How a header begins (after ``<|start|>``, or at the start of the output).
HEADS = (CHANNEL, " to=", "to=", "assistant", "<|constrain|>")
ANALYSIS = f"{CHANNEL}analysis{MESSAGE}"
_RECIPIENT = re.compile(r"to=([^\s<]+)")
_CHANNEL = re.compile(re.escape(CHANNEL) + r"([^\s<]+)")


@dataclass
class _Walk:
    reasoning: list[str] = field(default_factory=list)
    content: list[str] = field(default_factory=list)
    calls: list[ToolCall] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    thinking: bool = False


def _walk(text: str, finish: Finish | None) -> _Walk:
    """The messages of ``text``; ``finish`` None while it streams (then only what
    no later text can change is kept)."""
    found = _Walk()
    pos = 0
    while pos < len(text):
        if text.startswith(START, pos):
            pos += len(START)
            continue
        rest = text[pos:pos + 16]
        if any(h.startswith(rest) and h != rest for h in HEADS) and pos + len(rest) == len(text):
            break  # a header's beginning, or not: not known yet
        if not rest.startswith(HEADS):
            end = _find(text, (START, CHANNEL), pos + 1)
            stray = text[pos:end if end >= 0 else len(text)]
            if end < 0 and finish is None:
                stray = stray[:held_back(stray, [START, CHANNEL])]
            found.content.append(stray)
            found.thinking = False
            if end < 0:
                break
            pos = end
            continue
        body_at = text.find(MESSAGE, pos)
        broken = _find(text, (START,), pos)
        if body_at < 0 or 0 <= broken < body_at:
            if body_at < 0 and broken < 0:
                break  # a header still being written (or cut): nothing to show
            pos = broken
            continue
        header = text[pos:body_at]
        body_at += len(MESSAGE)
        end = _find(text, (*ENDS, START, CHANNEL), body_at)
        body = text[body_at:end if end >= 0 else len(text)]
        pos = end if end >= 0 else len(text)
        if pos < len(text) and text.startswith(ENDS, pos):
            pos = text.index(">", pos) + 1
        _message(found, header, body, closed=end >= 0, finish=finish)
    return found


def _message(found: _Walk, header: str, body: str, closed: bool,
             finish: Finish | None) -> None:
    recipient = _RECIPIENT.search(header)
    channel = _CHANNEL.search(header)
    found.thinking = False
    if recipient is not None:
        if not closed and finish is not Finish.STOP:
            if finish is Finish.LENGTH:
                found.notes.append(_calls.cut_call())
            return  # a call still being written: held back
        name = recipient.group(1).removeprefix("functions.")
        arguments = _calls.json_arguments(body.strip() or "{}")
        if isinstance(arguments, str):
            found.content.append(f"{header}{MESSAGE}{body}")
            found.notes.append(_calls.malformed(arguments))
        else:
            found.calls.append(ToolCall(name, arguments))
        return
    if not closed and finish is None:
        body = body[:held_back(body, [*ENDS, START, CHANNEL])]
    if channel is not None and channel.group(1) == "analysis":
        found.reasoning.append(body)
        found.thinking = not closed
    else:
        found.content.append(body)


def _find(text: str, markers: tuple[str, ...], pos: int) -> int:
    hits = [at for at in (text.find(m, pos) for m in markers) if at >= 0]
    return min(hits) if hits else -1


def _joined(pieces: list[str]) -> str:
    return "\n\n".join(p for p in (piece.strip() for piece in pieces) if p)


class GptOssParser:
    family = Family.GPT_OSS

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        found = _walk(ANALYSIS + text if context.starts_in_reasoning else text, finish)
        return Parsed(_joined(found.content) or None, _joined(found.reasoning) or None,
                      tuple(found.calls), tuple(found.notes))

    def partial(self, text: str, context: Context) -> Partial:
        found = _walk(ANALYSIS + text if context.starts_in_reasoning else text, None)
        return Partial(_joined(found.reasoning), _joined(found.content), found.thinking)

    def opens_reasoning(self, prompt_tail: str) -> bool:
        return prompt_tail.rstrip().endswith(ANALYSIS)

    def reasoning_close(self) -> str:
        return f"<|end|>{START}assistant{ANALYSIS.replace('analysis', 'final')}"


PARSER = GptOssParser()
