"""GLM 4.5 and later (4.6, 4.7): ``<think>`` reasoning, then an answer whose tool
calls are ``<tool_call>`` blocks with the arguments as key/value tags::

    <tool_call>NAME
    <arg_key>city</arg_key>
    <arg_value>Paris</arg_value>
    </tool_call>

(llama.cpp ``models/templates/glm_4_5.jinja`` and ``GLM-4.6.jinja``; GLM 4.7 writes
the same without the newlines, vLLM ``glm47_moe_tool_parser.py``).  A value is text:
the template writes strings as they are and anything else as JSON.  So a value is
typed by its parameter's type in the tools offered when they say it (a ``string``
parameter keeps ``"3"`` as text), else read as JSON when it is JSON (``3``, ``true``,
``[1, 2]``), else kept as text, as vLLM's ``glm4_moe_tool_parser.py`` does.  A call
with no arguments is ``<tool_call>NAME</tool_call>``; an older GLM-4 style
``<tool_call>NAME\\n{json}</tool_call>`` is read too.

The generation prompt ends ``<|assistant|>`` (thinking) or ``<|assistant|>\\n<think>
</think>`` (not thinking); the output writes its own ``<think>``.  ``<|user|>`` and
``<|observation|>`` end a turn: never content.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from core.output.families import _calls
from core.output.families.think_calls import ThinkThenCalls
from core.output.types import Context, Family, ToolCall

PAIRS = {"<tool_call>": "</tool_call>"}
END = ("<|user|>", "<|observation|>", "<|endoftext|>")
_PAIR = re.compile(r"\s*<arg_key>(.*?)</arg_key>\s*<arg_value>(.*?)</arg_value>\s*",
                   re.DOTALL)


def reader(context: Context) -> Callable[[str], _calls.Read]:
    """The block reader, knowing the tools offered (for the parameters' types)."""

    def read(inside: str) -> _calls.Read:
        first = inside.find("<arg_key>")
        head = inside if first < 0 else inside[:first]
        name, _, rest = head.strip().partition("\n")
        name = name.strip()
        if not name or "<" in name:
            return "a call has no name"
        if rest.strip():  # NAME\n{json}: the older form
            if first >= 0:
                return "text before the arguments"
            arguments = _calls.json_arguments(rest)
            return arguments if isinstance(arguments, str) else (ToolCall(name, arguments),)
        types = _calls.parameter_types(context.tools, name)
        values: dict[str, object] = {}
        pos = len(inside) if first < 0 else first
        while inside[pos:].strip():
            pair = _PAIR.match(inside, pos)
            if pair is None:
                return "not a key and a value"
            key = pair.group(1).strip()
            values[key] = _calls.typed(pair.group(2), types.get(key))
            pos = pair.end()
        return (ToolCall(name, values),)

    return read


PARSER = ThinkThenCalls(Family.GLM, PAIRS, reader, END, "</think>")
