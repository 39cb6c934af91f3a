"""OpenAI's request fields as Prosa's job: messages as templates read them, sampling
onto SamplingParams (llama.cpp's extras included), tools, choice and shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from core.engine.protocol import LoadModel
from core.engine.scripted import described
from core.output.types import ThinkingMode
from core.sampling.params import SamplingParams
from core.server.errors import ApiError
from core.server.wire import chat_request, check_model, completion_request
from core.tools.builtin import calculator
from core.tools.choice import ToolChoiceMode

LOADED = described(LoadModel("/models/SmolLM2-135M.gguf", n_ctx=2048))
DEFAULTS = SamplingParams()
HI = [{"role": "user", "content": "Hi"}]


def chat(**body: Any) -> Any:
    return chat_request({"messages": HI, **body}, DEFAULTS, LOADED)


def test_sampling_fields_map_onto_the_engine_settings() -> None:
    job = chat(temperature=0, top_p=0.5, top_k=7, min_p=0.1, repeat_penalty=1.3,
               presence_penalty=0.5, frequency_penalty=-0.5, seed=42, stop="END",
               max_completion_tokens=33).job
    s = job.sampling
    assert (s.strategy, s.temperature, s.top_p, s.top_k, s.min_p) == ("greedy", 0, 0.5, 7, 0.1)
    assert (s.repeat_penalty, s.presence_penalty, s.frequency_penalty) == (1.3, 0.5, -0.5)
    assert (s.seed, s.stop, s.max_tokens, s.logprobs) == (42, ("END",), 33, 0)
    hot = chat(temperature=1.2, max_tokens=5).job.sampling
    assert (hot.strategy, hot.temperature, hot.max_tokens) == ("sample", 1.2, 5)


def test_what_a_request_leaves_out() -> None:
    request = chat()
    s = request.job.sampling
    # The server's defaults, no probabilities, and a reply until the context is full.
    assert (s.strategy, s.temperature, s.top_k) == (DEFAULTS.strategy, DEFAULTS.temperature,
                                                    DEFAULTS.top_k)
    assert s.max_tokens == LOADED.n_ctx and s.logprobs == 0
    assert request.options.model == "SmolLM2-135M" and not request.options.stream
    assert request.job.offer is None and request.job.thinking is None
    beam = chat_request({"messages": HI}, SamplingParams(strategy="beam", n_best=3,
                                                         beam_width=4), LOADED)
    assert beam.job.sampling.strategy == "greedy" and beam.job.sampling.n_best == 1


def test_messages_become_what_templates_read() -> None:
    job = chat_request({"messages": [
        {"role": "developer", "content": "Be brief."},
        {"role": "user", "content": [{"type": "text", "text": "What is "},
                                     {"type": "text", "text": "6 x 7?"}]},
        {"role": "assistant", "content": None, "reasoning_content": "Multiply.",
         "tool_calls": [{"id": "c1", "type": "function", "function": {
             "name": "calculator", "arguments": '{"expression": "6*7"}'}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "42"}]}, DEFAULTS, LOADED).job
    system, user, assistant, tool = job.messages
    assert system == {"role": "system", "content": "Be brief."}
    assert user == {"role": "user", "content": "What is 6 x 7?"}
    assert assistant == {"role": "assistant", "content": "", "reasoning_content": "Multiply.",
                         "tool_calls": [{"id": "c1", "type": "function", "function": {
                             "name": "calculator", "arguments": {"expression": "6*7"}}}]}
    assert tool == {"role": "tool", "content": "42", "tool_call_id": "c1",
                    "name": "calculator"}


def test_tools_choice_and_shape() -> None:
    tools = [calculator.SPEC.to_openai()]
    offer = chat(tools=tools, tool_choice={"type": "function",
                                           "function": {"name": "calculator"}}).job.offer
    assert offer is not None and offer.tools == tuple(tools)
    assert (offer.choice.mode, offer.choice.name) == (ToolChoiceMode.NAMED, "calculator")
    assert chat(tools=tools).job.offer.choice.mode is ToolChoiceMode.AUTO
    schema = {"type": "object", "properties": {"a": {"type": "integer"}}}
    shaped = chat(response_format={"type": "json_schema",
                                   "json_schema": {"name": "x", "schema": schema}}).job.offer
    assert shaped is not None and shaped.constraint is not None
    assert shaped.constraint.json_schema == schema and shaped.tools == ()
    loose = chat(response_format={"type": "json_object"}).job.offer
    assert loose is not None and loose.constraint is not None
    assert loose.constraint.json_schema == {"type": "object"}
    assert chat(response_format={"type": "text"}).job.offer is None
    grammar = chat(grammar='root ::= "yes" | "no"').job.offer
    assert grammar is not None and grammar.constraint is not None


def test_a_template_without_tools_refuses_them_unless_they_are_not_to_be_called() -> None:
    plain = described(LoadModel("/models/x.gguf", force_mode="completion"))
    chat_mode = type(plain)(**{**plain.__dict__, "mode": "chat", "tools_supported": False})
    tools = [calculator.SPEC.to_openai()]
    with pytest.raises(ApiError) as refused:
        chat_request({"messages": HI, "tools": tools}, DEFAULTS, chat_mode)
    assert refused.value.code == "tools_unsupported"
    kept = chat_request({"messages": HI, "tools": tools, "tool_choice": "none"}, DEFAULTS,
                        chat_mode)
    assert kept.job.offer is not None and kept.job.offer.tools == ()


def test_thinking_switches_and_probabilities() -> None:
    request = chat(chat_template_kwargs={"enable_thinking": False, "x": 1},
                   reasoning_effort="low", logprobs=True, top_logprobs=3)
    thinking = request.job.thinking
    assert thinking is not None and thinking.mode is ThinkingMode.OFF
    assert dict(thinking.options) == {"x": 1, "reasoning_effort": "low"}
    assert request.options.logprobs == 3 and request.job.sampling.logprobs == 3
    assert chat(logprobs=True).job.sampling.logprobs == 1  # the chosen token's own


def test_completions_read_the_prompt_as_it_is() -> None:
    base = described(LoadModel("/models/base.gguf", force_mode="completion"))
    request = completion_request({"prompt": ["Once upon"], "echo": True, "logprobs": 2,
                                  "max_tokens": 9}, DEFAULTS, base)
    assert request.job.messages == ({"role": "user", "content": "Once upon"},)
    assert request.options.echo == "Once upon" and request.options.logprobs == 2
    assert request.job.sampling.max_tokens == 9
    with pytest.raises(ApiError) as chat_only:
        completion_request({"prompt": "x"}, DEFAULTS, LOADED)
    assert chat_only.value.code == "model_in_chat_mode"
    with pytest.raises(ApiError) as tokens:
        completion_request({"prompt": [1, 2, 3]}, DEFAULTS, base)
    assert tokens.value.param == "prompt"


def test_model_names() -> None:
    for name in (None, "", "SmolLM2-135M", "smollm2-135m.GGUF", "SmolLM2-135M.gguf"):
        assert check_model(name, LOADED) == "SmolLM2-135M"
    with pytest.raises(ApiError) as unknown:
        check_model("gpt-4o", LOADED)
    assert unknown.value.status == 404 and "SmolLM2-135M" in unknown.value.message
    assert Path(LOADED.model_path).stem == "SmolLM2-135M"
