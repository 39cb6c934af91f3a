"""DeepSeek V3, R1, V3.1+ and V3.2 (DSML): ``<think>`` reasoning, then an answer whose
tool calls sit in a section of their own tokens.

Three call formats, all read here (a model writes one of them; which is plain from
the tokens, so no version needs to be told):

* V3 / R1 (the official R1 template renders calls so)::

      <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME
      ```json
      {...}
      ```<｜tool▁call▁end｜><｜tool▁calls▁end｜>

* V3.1 and later: ``<｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{json}<｜tool▁call▁end｜>``
  in the same section (vLLM ``deepseekv31_tool_parser.py``, llama.cpp
  ``models/templates/deepseek-ai-DeepSeek-V3.1.jinja``);
* V3.2 DSML (vLLM ``deepseekv32_tool_parser.py``; V4 names the block ``tool_calls``
  instead of ``function_calls``, both read)::

      <｜DSML｜function_calls>
      <｜DSML｜invoke name="NAME">
      <｜DSML｜parameter name="KEY" string="true">text</｜DSML｜parameter>
      <｜DSML｜parameter name="N" string="false">3</｜DSML｜parameter>
      </｜DSML｜invoke>
      </｜DSML｜function_calls>

  ``string="true"`` is the text as it stands, ``string="false"`` is JSON.

The tokens use FULLWIDTH VERTICAL LINE (U+FF5C) and LOWER ONE EIGHTH BLOCK (U+2581),
as the tokenizer spells them.  R1 and V3.1's thinking prompt end with ``<think>`` (so
the output starts inside reasoning); V3.1's non-thinking prompt ends ``</think>``.
"""

from __future__ import annotations

import re

from core.output.families import _calls
from core.output.families.think_calls import ThinkThenCalls, fixed
from core.output.types import Family, ToolCall

SECTION = ("<\uff5ctool\u2581calls\u2581begin\uff5c>", "<\uff5ctool\u2581calls\u2581end\uff5c>")
CALL = ("<\uff5ctool\u2581call\u2581begin\uff5c>", "<\uff5ctool\u2581call\u2581end\uff5c>")
SEP = "<\uff5ctool\u2581sep\uff5c>"
DSML = "\uff5cDSML\uff5c"
PAIRS = {
    SECTION[0]: SECTION[1],
    f"<{DSML}function_calls>": f"</{DSML}function_calls>",
    f"<{DSML}tool_calls>": f"</{DSML}tool_calls>",
}
END = ("<\uff5cend\u2581of\u2581sentence\uff5c>",)

_FENCED = re.compile(r"([^\n]*)\n```[a-z]*\n(.*)\n```\s*", re.DOTALL)
_INVOKE = re.compile(rf'\s*<{DSML}invoke\s+name="([^"]*)"\s*>(.*?)</{DSML}invoke>\s*', re.DOTALL)
_PARAM = re.compile(
    rf'\s*<{DSML}parameter\s+name="([^"]*)"(?:\s+string="(true|false)")?\s*>'
    rf"(.*?)</{DSML}parameter>\s*", re.DOTALL)


def read(inside: str) -> _calls.Read:
    """A section's or a DSML block's calls."""
    if DSML in inside:
        return _read_dsml(inside)
    return _calls.read_section(inside, CALL, _read_call)


def _read_call(text: str) -> ToolCall | str:
    head, sep, rest = text.partition(SEP)
    if not sep:
        return "no separator after the name"
    fenced = _FENCED.fullmatch(rest)
    if fenced:  # V3/R1: TYPE<sep>NAME\n```json\n{...}\n```
        name, arguments = fenced.group(1).strip(), _calls.json_arguments(fenced.group(2))
    else:  # V3.1+: NAME<sep>{...}
        name, arguments = head.strip(), _calls.json_arguments(rest)
    if isinstance(arguments, str):
        return arguments
    return ToolCall(name, arguments) if name else "a call has no name"


def _read_dsml(inside: str) -> _calls.Read:
    calls: list[ToolCall] = []
    pos = 0
    while pos < len(inside) and inside[pos:].strip():
        invoke = _INVOKE.match(inside, pos)
        if invoke is None:
            return "not an invoke"
        arguments: dict[str, object] = {}
        body, at = invoke.group(2), 0
        while body[at:].strip():
            param = _PARAM.match(body, at)
            if param is None:
                return "not a parameter"
            value = param.group(3)
            if param.group(2) == "false":
                ok, decoded = _calls.json_value(value)
                if not ok:
                    return "a parameter is not JSON"
                arguments[param.group(1)] = decoded
            else:
                arguments[param.group(1)] = value
            at = param.end()
        if not invoke.group(1):
            return "a call has no name"
        calls.append(ToolCall(invoke.group(1), arguments))
        pos = invoke.end()
    return tuple(calls) if calls else "no call in the block"


PARSER = ThinkThenCalls(Family.DEEPSEEK, PAIRS, fixed(read), END, "</think>\n\n")
