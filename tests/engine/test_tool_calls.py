"""Tool choice with the real SmolLM2 and the built-in ChatML-with-tools template.

SmolLM2 was never trained to call tools; left free it rarely writes a call.  With the
choice "required" its answer is constrained to a Hermes ``<tool_call>`` block (the
format the template teaches and ``core.output.families.hermes`` reads), so on every
seed it makes a call whose arguments validate against the tool's schema.  Reasoning
stays free: with a template that opens the reasoning, the call comes after
``</think>`` (closed here by a small thinking budget).  "auto" constrains a call only
once the model opens one (forced here through a branch prefix, which the engine
evaluates as if the model had written it), and "none" never lets a call through.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from core.engine.llama.model import LoadedModel
from core.engine.protocol import Event, Generate, GenerationFinished, LoadModel, TokenBatch
from core.errors import EngineError
from core.output.types import Family
from core.sampling.params import SamplingParams
from core.templates.fallbacks import fallback_source
from core.tools.choice import OutputConstraint, ToolChoice, ToolChoiceMode

pytestmark = pytest.mark.model

TOOLS_TEMPLATE = fallback_source("chatml-tools")
GENERATION_PROMPT = "'<|im_start|>assistant\\n'"
assert TOOLS_TEMPLATE.count(GENERATION_PROMPT) == 1
#: The same, with a generation prompt that opens the reasoning (as Qwen3's does).
THINKING_TEMPLATE = TOOLS_TEMPLATE.replace(GENERATION_PROMPT,
                                           "'<|im_start|>assistant\\n<think>\\n'")
#: The same, for a model that may open its reasoning itself (the template knows the
#: marker; its generation prompt does not write it).
MAY_THINK_TEMPLATE = TOOLS_TEMPLATE + "{#- a model may reason first, in <think> #}"

CALCULATOR = {"type": "function", "function": {
    "name": "calculator", "description": "Evaluate an arithmetic expression.",
    "parameters": {"type": "object", "properties": {
        "expression": {"type": "string", "maxLength": 40},
        "precision": {"type": "integer", "minimum": 0, "maximum": 10}},
        "required": ["expression"]}}}
CLOCK = {"type": "function", "function": {
    "name": "clock", "description": "The current time in a time zone.",
    "parameters": {"type": "object", "properties": {
        "zone": {"enum": ["UTC", "Europe/Lisbon", "America/Sao_Paulo"]}},
        "required": ["zone"]}}}
SCHEMAS = {tool["function"]["name"]: tool["function"]["parameters"]
           for tool in (CALCULATOR, CLOCK)}
ASK = ({"role": "user", "content": "What is 17 times 23?"},)
REQUIRED = ToolChoice(ToolChoiceMode.REQUIRED)


@pytest.fixture(scope="module")
def loaded(starter_model: Path) -> Iterator[LoadedModel]:
    model = LoadedModel(LoadModel(str(starter_model), n_ctx=2048,
                                  template_override=TOOLS_TEMPLATE), lambda event: None)
    yield model
    model.close()


@pytest.fixture
def model(loaded: LoadedModel) -> Iterator[LoadedModel]:
    yield loaded
    loaded.apply_template(TOOLS_TEMPLATE, None)


def generate(model: LoadedModel, request: Generate,
             events: list[Event] | None = None) -> GenerationFinished:
    sink = events if events is not None else []
    return model.generate(request, sink.append, lambda: False)


def request(seed: int, *, tools: tuple[dict[str, Any], ...] = (CALCULATOR,),
            choice: ToolChoice = REQUIRED, max_tokens: int = 96, **extra: Any) -> Generate:
    return Generate(seed, ASK, SamplingParams(temperature=1.0, seed=seed,
                                              max_tokens=max_tokens),
                    tools=tools, tool_choice=choice, **extra)


def assert_valid_calls(reply: GenerationFinished, names: set[str]) -> None:
    assert reply.tool_calls, reply.text
    for call in reply.tool_calls:
        assert call.name in names
        jsonschema.validate(dict(call.arguments), SCHEMAS[call.name])


def spelled(model: LoadedModel, events: list[Event]) -> str:
    ids = [t for e in events if isinstance(e, TokenBatch) for t in e.token_ids]
    return b"".join(model._decoding.pieces.spelled(t) for t in ids).decode("utf-8", "replace")


def test_a_required_call_is_valid_on_every_seed(model: LoadedModel) -> None:
    for seed in range(5):
        reply = generate(model, request(seed))
        assert_valid_calls(reply, {"calculator"})
        assert reply.text == ""


def test_left_free_the_model_does_not_call(model: LoadedModel) -> None:
    """The control: with "auto" and nothing forced, SmolLM2 answers in words."""
    reply = generate(model, request(0, choice=ToolChoice(ToolChoiceMode.AUTO),
                                    max_tokens=48))
    assert reply.tool_calls == () and reply.text


def test_a_named_tool_is_the_one_called(model: LoadedModel) -> None:
    for seed, name in ((1, "clock"), (2, "calculator"), (3, "clock")):
        reply = generate(model, request(seed, tools=(CALCULATOR, CLOCK),
                                        choice=ToolChoice(ToolChoiceMode.NAMED, name)))
        assert_valid_calls(reply, {name})


def test_the_call_comes_after_the_reasoning_closes(model: LoadedModel) -> None:
    model.apply_template(THINKING_TEMPLATE, None)
    events: list[Event] = []
    reply = generate(model, request(4, thinking_budget=8), events)
    assert reply.reasoning and reply.reasoning_tokens >= 8
    assert_valid_calls(reply, {"calculator"})
    text = spelled(model, events)
    assert text.index("</think>") < text.index("<tool_call>")


def test_a_model_that_opens_its_reasoning_itself_reasons_freely_first(
        model: LoadedModel) -> None:
    model.apply_template(MAY_THINK_TEMPLATE, None)
    opening = tuple(model._tokenize("<think>\nLet me see", special=False))
    events: list[Event] = []
    reply = generate(model, request(5, thinking_budget=12, reply_prefix=opening), events)
    assert reply.reasoning is not None and reply.reasoning.startswith("Let me see")
    assert_valid_calls(reply, {"calculator"})
    text = spelled(model, events)
    assert text.index("</think>") < text.index("<tool_call>")


def test_auto_constrains_a_call_the_model_opens(model: LoadedModel) -> None:
    opening = tuple(model._tokenize("Sure. <tool_call>\n", special=False))
    for seed in range(3):
        reply = generate(model, request(seed, choice=ToolChoice(ToolChoiceMode.AUTO),
                                        reply_prefix=opening))
        assert_valid_calls(reply, {"calculator"})
        assert reply.text.startswith("Sure.")


def test_auto_leaves_alone_what_is_no_call(model: LoadedModel) -> None:
    opening = tuple(model._tokenize("<tool_call> is how I would call a tool", special=False))
    reply = generate(model, request(1, choice=ToolChoice(ToolChoiceMode.AUTO),
                                    reply_prefix=opening, max_tokens=24))
    assert reply.tool_calls == ()


def test_none_gives_a_written_call_back_as_text(model: LoadedModel) -> None:
    call = '<tool_call>\n{"name": "calculator", "arguments": {"expression": "17*23"}}\n' \
           "</tool_call>"
    prefix = tuple(model._tokenize(call, special=False))
    reply = generate(model, request(1, choice=ToolChoice(ToolChoiceMode.NONE),
                                    reply_prefix=prefix, max_tokens=len(prefix) + 8))
    assert reply.tool_calls == ()
    assert reply.text.startswith(call)
    assert [n.code for n in reply.notes] == ["engine.tool_call_ignored"]


def test_a_llama3_family_call_is_bare_json_with_parameters(model: LoadedModel) -> None:
    """The family decides the format: read as Llama 3, the call is the JSON object its
    parser reads (the template still shows the tools)."""
    events: list[Event] = []
    reply = generate(model, request(6, output_family=Family.LLAMA3), events)
    assert_valid_calls(reply, {"calculator"})
    written = json.loads(spelled(model, events))
    assert list(written) == ["name", "parameters"] and written["name"] == "calculator"


@pytest.mark.parametrize(("change", "code"), [
    ({"output_family": Family.GLM}, "engine.tool_choice_unsupported"),
    # SmolLM2's vocabulary has no [TOOL_CALLS] control token to write the call with.
    ({"output_family": Family.MISTRAL}, "engine.tool_choice_unsupported"),
    ({"choice": ToolChoice(ToolChoiceMode.NAMED, "weather")}, "engine.unknown_tool"),
    ({"tools": ()}, "engine.no_tools"),
    ({"constraint": OutputConstraint(grammar='root ::= "x"')},
     "engine.constraint_with_tool_choice"),
    ({"sampling": SamplingParams(strategy="beam", temperature=0.0, beam_width=2,
                                 max_tokens=8)}, "engine.constraint_with_beams"),
])
def test_what_cannot_be_done_is_refused_by_name(model: LoadedModel, change: dict[str, Any],
                                                code: str) -> None:
    made = request(1, tools=change.pop("tools", (CALCULATOR,)),
                   choice=change.pop("choice", REQUIRED))
    from dataclasses import replace

    with pytest.raises(EngineError) as caught:
        generate(model, replace(made, **change))
    assert caught.value.code == code


def test_a_template_without_tools_is_refused(model: LoadedModel) -> None:
    model.apply_template(None, None)  # SmolLM2's own
    with pytest.raises(EngineError) as caught:
        generate(model, request(1))
    assert caught.value.code == "engine.tools_unsupported"


def test_beams_with_auto_run_unconstrained(model: LoadedModel) -> None:
    beams = SamplingParams(strategy="beam", temperature=0.0, beam_width=2, max_tokens=6)
    reply = generate(model, Generate(1, ASK, beams, tools=(CALCULATOR,)))
    assert reply.stats.completion_tokens > 0


def test_the_loaded_model_says_whether_its_template_shows_tools(model: LoadedModel) -> None:
    assert model.describe().tools_supported
    model.apply_template(None, None)
    assert not model.describe().tools_supported
    model.apply_template(TOOLS_TEMPLATE, "completion")
    assert not model.describe().tools_supported
