"""What constrains one reply: the plan the engine follows while it decodes.

A request may ask for a shape (``Generate.constraint``: a JSON schema or a GBNF
grammar) and offer tools with a choice (``Generate.tools``, ``tool_choice``).  This
module decides, before the first token, which grammar applies and when:

* a constraint: the answer follows it, from its first token;
* tool choice ``required`` or a named tool: the answer is a call (or calls) in the
  model's output family's format, with arguments following each tool's schema;
* ``auto``: nothing at first; once the model writes the family's call opening
  (``<tool_call>``), the rest of that call is constrained (``Plan.lazy``), so a call
  it starts is well formed, and it goes free again after the call;
* ``none``: the tools are shown to the model, but a call it writes anyway is given
  back as text (``Plan.calls_ignored``), never run.

Reasoning is never constrained: for a reasoning model the grammar starts once its
reasoning has closed (by itself, or by the engine at the thinking budget), and where
the template lets a model open its reasoning itself, the grammar lets it write the
family's opening marker first (``Plan.reasoning_opener``).  The decoding loop carries
the plan out (``core.engine.llama.guide``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from core.engine.llama import gbnf
from core.engine.llama.call_grammar import CallFormat, TokenId, call_format, tool_names
from core.engine.llama.grammar_sampler import invalid
from core.engine.llama.json_grammar import Unsupported, schema_to_gbnf
from core.errors import EngineError
from core.output.types import Family, ThinkingMode
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode

#: The text with which a family's model opens its reasoning itself.
REASONING_OPENERS = {
    Family.HERMES: "<think>", Family.QWEN_XML: "<think>", Family.DEEPSEEK: "<think>",
    Family.GLM: "<think>", Family.KIMI: "<think>", Family.MISTRAL: "[THINK]",
    Family.GEMMA4: "<|channel>",
}
#: Families whose answer is not plain text after the reasoning (Harmony's channels):
#: a grammar from the answer's start would break the format.
_NO_CONSTRAINT = frozenset({Family.GPT_OSS})


@dataclass(frozen=True)
class Plan:
    """How one reply is constrained."""

    #: GBNF whose rule ``root`` the answer follows ("" for none).
    grammar: str = ""
    #: Tool choice ``auto``: the call format a lazy grammar enforces from its opener.
    lazy: CallFormat | None = None
    #: The reasoning opening the grammar also allows first ("" for none).
    reasoning_opener: str = ""
    #: The grammar names tokens (``<[id]>``), so candidates are never pre-filtered by
    #: their text (see ``core.engine.llama.token_index``).
    names_tokens: bool = False
    #: Tool choice ``none``: calls the model writes are given back as text.
    calls_ignored: bool = False

    @property
    def constrains(self) -> bool:
        """Whether the reply is (or may become) constrained by a grammar."""
        return bool(self.grammar) or self.lazy is not None


def plan_reply(*, family: Family, tools: Sequence[Mapping[str, Any]],
               choice: ToolChoice, constraint: OutputConstraint | None,
               template_source: str, starts_in_reasoning: bool,
               thinking: ThinkingMode, token_id: TokenId) -> Plan | None:
    """The plan for a reply, or ``None`` when nothing constrains it.

    Raises ``EngineError`` for what cannot be done: an invalid grammar
    (``engine.grammar_invalid``), a schema the grammar cannot enforce
    (``engine.schema_unsupported``), a required call in a family without a call
    grammar (``engine.tool_choice_unsupported``) ...
    """
    opener = REASONING_OPENERS.get(family, "")
    may_open = (bool(opener) and opener in template_source and not starts_in_reasoning
                and thinking is not ThinkingMode.OFF)
    reasoning_opener = opener if may_open else ""
    ignored = choice.mode is ToolChoiceMode.NONE and bool(tools)
    if constraint is not None:
        if choice.forces_call and tools:
            raise EngineError("engine.constraint_with_tool_choice",
                              "A reply cannot both follow a schema or grammar and be a "
                              "required tool call.")
        _check_family(family)
        text, names_tokens = _constraint_grammar(constraint)
        return Plan(text, None, reasoning_opener, names_tokens, calls_ignored=ignored)
    if not tools:
        if choice.forces_call:
            raise EngineError("engine.no_tools", "A tool call was required, but no tool "
                              "was offered.")
        return None
    if ignored:
        return Plan(calls_ignored=True)
    only = choice.name if choice.mode is ToolChoiceMode.NAMED else None
    if only is not None and only not in tool_names(tools):
        raise EngineError("engine.unknown_tool", "No tool named {name} was offered.",
                          name=only)
    found = call_format(family, tools, token_id, only)
    if found is None:
        if choice.forces_call:
            raise EngineError("engine.tool_choice_unsupported",
                              "Prosa cannot require a tool call from models of the "
                              "{family} family; choose Auto, or a model that writes "
                              "calls as Hermes, Llama 3 or Mistral models do.",
                              family=family.value)
        return None  # auto: calls are read as the model writes them
    names_tokens = "<[" in found.rules
    if choice.forces_call:
        return Plan(found.required(), None, reasoning_opener, names_tokens)
    return Plan(lazy=found, names_tokens=names_tokens)


def _check_family(family: Family) -> None:
    if family in _NO_CONSTRAINT:
        raise EngineError("engine.constraint_unsupported",
                          "Replies of models of the {family} family cannot follow a "
                          "schema or grammar yet.", family=family.value)


def _constraint_grammar(constraint: OutputConstraint) -> tuple[str, bool]:
    """The grammar text of a constraint, and whether it names tokens."""
    if constraint.grammar is not None:
        try:
            return constraint.grammar, gbnf.check(constraint.grammar)
        except gbnf.BadGrammar as exc:
            raise invalid(str(exc)) from exc
    assert constraint.json_schema is not None
    try:
        return schema_to_gbnf(constraint.json_schema), False
    except Unsupported as exc:
        raise EngineError("engine.schema_unsupported",
                          "The JSON schema uses {feature}, which Prosa cannot enforce "
                          "while the model writes.", feature=exc.feature) from exc
    except RecursionError as exc:
        raise EngineError("engine.schema_unsupported",
                          "The JSON schema uses {feature}, which Prosa cannot enforce "
                          "while the model writes.", feature="nesting this deep") from exc
