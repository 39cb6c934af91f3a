"""What a model's output means: its answer, its reasoning and its tool calls, as types.

A model writes one stream of text (special tokens spelled out, as the engine
detokenizes them).  Each model family marks reasoning and tool calls its own way
(``<think>``, ``[TOOL_CALLS]``, Harmony channels ...); a parser per family
(``core.output.families``) turns that stream into :class:`Parsed`, so nothing after it
ever looks at a family's markers again.

The rules every parser keeps (the tests hold each family to them):

* content around calls is kept verbatim and in order; parallel calls in emission order;
* arguments are typed as emitted (``3`` stays an int, never ``"3"``);
* no marker of the family leaks into content, reasoning or arguments;
* output cut off by max tokens (``Finish.LENGTH``) never yields a call: a partial call
  comes back as content (or nothing), with a note;
* a malformed call never raises: its text comes back as content, with a note;
* streaming gives exactly the non-streaming result, however the text is grouped
  (:class:`core.output.stream.StreamParser` guarantees it by construction).

Notes are coded problems (``Problem.of("output.…", ...)``) the window translates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from core.errors import Problem


class Family(StrEnum):
    """The output formats Prosa reads; the value is the CLI's ``--format`` name."""

    HERMES = "hermes"  # Qwen2.5/Qwen3, Hermes, SmolLM3: <think>, <tool_call>{json}
    QWEN_XML = "qwen-xml"  # Qwen3-Coder, Qwen3.5+: <tool_call><function=..><parameter=..>
    LLAMA3 = "llama3"  # Llama 3.1-4: JSON calls, <|python_tag|>
    MISTRAL = "mistral"  # Mistral/Magistral: [THINK], [TOOL_CALLS] name [ARGS] {...}
    DEEPSEEK = "deepseek"  # DeepSeek V3/R1/V3.1+: <think>, tool-call section tokens, DSML
    GPT_OSS = "gpt-oss"  # Harmony: channels analysis/commentary/final, recipients
    GLM = "glm"  # GLM 4.5+: <think>, <tool_call>name<arg_key>..<arg_value>..
    KIMI = "kimi"  # Kimi K2: <think>, <|tool_calls_section_begin|> ...
    GEMMA4 = "gemma4"  # Gemma 4: <|channel>thought, <|tool_call>call:NAME{...}
    PLAIN = "plain"  # no reasoning or call markers: everything is content


class ThinkingMode(StrEnum):
    """Whether the model should think: as its template decides, or switched."""

    DEFAULT = "default"
    ON = "on"
    OFF = "off"


class Finish(StrEnum):
    """Why the output ended: the model stopped, or max tokens cut it."""

    STOP = "stop"
    LENGTH = "length"


@dataclass(frozen=True)
class ToolCall:
    """One call the model asked for: a function name and its arguments as a JSON
    object (typed as the model wrote them), with the id the family gave it, if any."""

    name: str
    arguments: Mapping[str, Any]
    id: str | None = None

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {"name": self.name, "arguments": dict(self.arguments)}
        if self.id is not None:
            found["id"] = self.id
        return found


@dataclass(frozen=True)
class Parsed:
    """A whole output, split.  ``None`` means absent (not the empty string)."""

    content: str | None
    reasoning_content: str | None = None
    tool_calls: tuple[ToolCall, ...] = ()
    #: What was off (a malformed or cut-off call given back as text), as coded problems.
    notes: tuple[Problem, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        """The CLI's object: ``tool_calls`` is ``null`` when there are none."""
        return {"content": self.content, "reasoning_content": self.reasoning_content,
                "tool_calls": [c.to_json() for c in self.tool_calls] or None}


@dataclass(frozen=True)
class Partial:
    """What can be shown of an unfinished output: reasoning and content that no later
    text can change (a possible marker's beginning is held back), and whether the
    output is inside reasoning now."""

    reasoning: str
    content: str
    thinking: bool


@dataclass(frozen=True)
class Context:
    """What the parser knows besides the output: whether the prompt already opened
    reasoning (the template's generation prompt ends with ``<think>\\n``, say), and the
    tools offered (some formats need their names or parameter types)."""

    starts_in_reasoning: bool = False
    tools: Sequence[Mapping[str, Any]] = ()


class OutputParser(Protocol):
    """A family's parser: pure functions of the whole text so far."""

    family: Family

    def parse(self, text: str, finish: Finish, context: Context) -> Parsed:
        """The finished output, split."""
        ...

    def partial(self, text: str, context: Context) -> Partial:
        """The output so far, for live display.  Must be monotonic: for any ``text``
        and any extension of it, each field of the later result starts with the
        earlier one (what was shown is never taken back), and on a ``Finish.STOP``
        parse of the whole text, ``reasoning`` and ``content`` start with the last
        partial's (calls are held back, never shown as content and then removed)."""
        ...

    def opens_reasoning(self, prompt_tail: str) -> bool:
        """Whether a prompt ending with ``prompt_tail`` (the template's generation
        prompt, e.g. ``<|im_start|>assistant\n<think>\n``) leaves the model inside
        its reasoning, so the output starts as reasoning."""
        ...

    def reasoning_close(self) -> str:
        """The text that ends reasoning in this family (``</think>\n\n``): what the
        engine writes when the thinking budget is spent ("" when the family has no
        reasoning)."""
        ...

