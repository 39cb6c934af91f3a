"""Lesson 7, a model calling a tool: the four steps of one call, on the real model.

1. The tool is offered: its definition (a JSON schema) goes into the prompt, where the
   template writes it (for ChatML with tools, inside ``<tools>`` in the system turn).
2. The model writes a call: text in the shape the template taught it
   (``<tool_call>{"name": ..., "arguments": ...}</tool_call>``), which the engine
   parses into a name and arguments.
3. Prosa runs the tool (the real :class:`core.tools.toolbox.Toolbox`, which checks the
   arguments against the schema first) and gets a result.
4. The result goes back as a ``tool`` message, and the model answers, reading it.

The starter model (SmolLM2) was never trained to call tools, so the lesson loads it
with the built-in "ChatML with tools (Hermes)" template and a required tool choice:
decoding is then constrained to a well-formed call (the app's "required" choice).
The answer after the result is written with the tool choice "none", as the chat does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.conversation.tool_turns import assistant_turn, tool_turn, with_ids
from core.conversation.types import Message, Role
from core.engine.protocol import GenerationFinished, TokenBatch
from core.engine.sync import SyncEngine
from core.errors import EngineError
from core.learn.engine import LessonSetup
from core.learn.samples import in_language
from core.sampling.params import SamplingParams
from core.templates.fallbacks import FAMILY_LABELS, fallback_source
from core.tools.builtin import calculator
from core.tools.choice import ToolChoice, ToolChoiceMode, ToolOffer
from core.tools.runs import ToolRun
from core.tools.toolbox import Toolbox, builtin_tools

#: The built-in template that shows tools to a ChatML model.
TOOLS_FAMILY = "chatml-tools"
TOOLS_TEMPLATE_LABEL = FAMILY_LABELS[TOOLS_FAMILY]
TOOL = calculator.NAME
#: Greedy: the same call and answer on every run; logprobs=1 gives each token's text,
#: so the call can be shown exactly as the model wrote it, markers included.
CALL = SamplingParams(temperature=0.0, max_tokens=96, logprobs=1)
ANSWER = SamplingParams(temperature=0.0, max_tokens=60, logprobs=0)

#: Worded so that the small starter model writes a well-formed expression (greedy).
QUESTIONS = {"en": "What is 17 times 23?", "pt_BR": "Quanto é 17 × 23?"}
#: Where the template puts the tools' definitions in the prompt.
TOOLS_OPEN, TOOLS_CLOSE = "<tools>", "</tools>"


def sample_question(language: str) -> str:
    return in_language(language, QUESTIONS)


@dataclass(frozen=True)
class ToolsResult:
    question: str
    #: Step 1: the definition offered (OpenAI's function format) and the prompt the
    #: model read, with where the definitions are in it (``(start, end)``, or None).
    tool_spec: Mapping[str, Any]
    offer_prompt: str
    tools_span: tuple[int, int] | None
    #: Step 2: the text the model wrote, and the call the engine parsed from it.
    call_text: str
    call_name: str
    call_arguments: Mapping[str, Any]
    #: Step 3: what the toolbox did (status, result).
    run: ToolRun
    #: Step 4: the prompt of the answer (the result in it) and the answer.
    answer_prompt: str
    answer: str
    #: Where the template came from: "override" (the built-in tools template, loaded
    #: as the user's override would be).
    template_source: str
    model_name: str

    @property
    def spec_json(self) -> str:
        return json.dumps(self.tool_spec, indent=2, ensure_ascii=False)


def tools_template() -> str:
    return fallback_source(TOOLS_FAMILY)


def run_tools(setup: LessonSetup, question: str = "") -> ToolsResult:
    """The four steps of a calculator call for ``question`` (the sample one if empty)."""
    question = question.strip() or sample_question(setup.language)
    toolbox = Toolbox([builtin_tools()[TOOL]])
    tools = toolbox.openai_tools()
    messages: list[Message] = []
    if setup.system_prompt.strip():
        messages.append({"role": Role.SYSTEM.value, "content": setup.system_prompt})
    messages.append({"role": Role.USER.value, "content": question})
    required = ToolOffer(tools, ToolChoice(ToolChoiceMode.REQUIRED))
    with setup.engine.using(setup.model, template_override=tools_template()) as sync:
        loaded = sync.loaded
        assert loaded is not None
        offered = sync.inspect(messages, offer=required)
        finished, call_text = _call(sync, tuple(messages), required)
        if not finished.tool_calls:
            raise EngineError("learn.no_tool_call",
                              "The model did not write a tool call. Run the lesson again.")
        call = with_ids(finished.tool_calls[:1], 1)[0]
        run = toolbox.execute(ToolRun(call.id or "call_1", call.name, call.arguments))
        messages += [assistant_turn(finished.text, [call]), tool_turn(run)]
        settled = ToolOffer(tools, ToolChoice(ToolChoiceMode.NONE))
        answer_prompt = sync.inspect(messages, offer=settled).text
        answer = sync.generate(messages, ANSWER, offer=settled)
    # The template names the tags in a sentence first ("within <tools></tools> XML
    # tags"): the block itself is the one whose tag ends its line.
    start = offered.text.find(TOOLS_OPEN + "\n")
    end = offered.text.find(TOOLS_CLOSE, start)
    span = (start, end + len(TOOLS_CLOSE)) if start >= 0 and end >= 0 else None
    return ToolsResult(question, tools[0], offered.text, span, call_text, call.name,
                       dict(call.arguments), run, answer_prompt, answer.text.strip(),
                       loaded.template_source, loaded.model_name)


def _call(sync: SyncEngine, messages: tuple[Message, ...],
          offer: ToolOffer) -> tuple[GenerationFinished, str]:
    """The reply that must be a call, and its text as the model wrote it (each token's
    own text: the parsed reply leaves the call's markers out)."""
    pieces: list[str] = []
    for event in sync.stream(messages, CALL, offer=offer):
        if isinstance(event, TokenBatch):
            pieces.extend(token.piece for token in event.logprobs or ())
        else:
            return event, "".join(pieces)
    raise EngineError("engine.no_result", "The reply ended without a result.")
