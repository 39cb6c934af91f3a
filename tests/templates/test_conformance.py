"""core.templates.template renders exactly what Hugging Face transformers renders.

The oracle is transformers' own renderer, the function ``apply_chat_template`` calls
(``render_jinja_template``).  For every template in the corpus and every conversation
shape below, our prompt must equal transformers' character for character; where
transformers raises, ours must raise a TemplateError that carries the same message
(for ``raise_exception``, the template's own words).  A prompt that differs by one
space is a different prompt to the model, which is why these are exact comparisons.

Two differences are deliberate or known, and tested as such at the end: tools that
are not given stay undefined (transformers passes None), and transformers 5 copies
reasoning fields between their names where we pass messages as given.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any
from unittest import mock

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core.templates.sandbox
from core.errors import TemplateError
from core.templates.template import ChatTemplate
from tests.templates.test_template import (
    CONTENT,
    CONVERSATION,
    CORPUS,
    GET_WEATHER,
    INDEX,
    LEGACY_COHERE_WEATHER,
    SYSTEM,
    _alternating,
    _corpus_params,
    _reads,
    _required_extra,
    _system_message,
    _tokens,
)

# transformers logs "PyTorch was not found" on import; it is an advisory warning.
with mock.patch.dict(os.environ, {"TRANSFORMERS_NO_ADVISORY_WARNINGS": "1"}):
    oracle = pytest.importorskip(
        "transformers.utils.chat_template_utils",
        reason="transformers (the conformance oracle) is not installed",
    )

# strftime_now makes a prompt depend on the day; both renderers read this clock.
FROZEN_NOW = datetime(2001, 2, 3, 4, 5, 6)
# Llama 3.1/3.3 print this when no date_string is given; 3.2 would print today's date.
DATE_STRING = "26 Jul 2024"

QUESTION = {"role": "user", "content": "What is the weather in Lisbon?"}
TOOL_CALL_ID = "call12345"  # Mistral's templates insist on nine alphanumerics
TOOL_ROUND_TRIP: list[dict[str, Any]] = [
    QUESTION,
    {
        "role": "assistant",
        "content": "",
        "tool_calls": [
            {
                "id": TOOL_CALL_ID,
                "type": "function",
                "function": {"name": "get_weather", "arguments": {"city": "Lisbon"}},
            }
        ],
    },
    {"role": "tool", "tool_call_id": TOOL_CALL_ID, "name": "get_weather", "content": "22 C"},
]
DOCUMENTS = [{"title": "Lisbon guide", "text": "Trams run all night."}]


class _FrozenClock(datetime):
    @classmethod
    def now(cls, tz: Any = None) -> _FrozenClock:
        return cls.combine(FROZEN_NOW.date(), FROZEN_NOW.time(), tz)


@pytest.fixture(scope="module", autouse=True)
def frozen_clock() -> Iterator[None]:
    """Freezes strftime_now in both renderers (module scope: hypothesis-safe)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(core.templates.sandbox, "datetime", _FrozenClock)
        patch.setattr(oracle, "datetime", _FrozenClock)
        yield


# ---------------------------------------------------------------------------
# The comparison.


@functools.cache
def _source(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _context(name: str, meta: Mapping[str, Any]) -> dict[str, Any]:
    """Special tokens and the variables a template needs from the caller (the same
    for both renderers)."""
    context = {**_tokens(meta), **_required_extra(meta)}
    if "date_string" in ChatTemplate(_source(name)).variables():
        context["date_string"] = DATE_STRING
    return context


def _iterates_tools_unguarded(meta: Mapping[str, Any]) -> bool:
    """Templates that loop over ``tools`` with no None check, per their INDEX note."""
    return "only succeeds when" in (meta.get("system_probe_note") or "")


def _none_is_not_iterable(outcome: str | Exception) -> bool:
    return isinstance(outcome, TypeError) and str(outcome) == "'NoneType' object is not iterable"


def _reference(
    source: str, messages: list[dict[str, Any]], **context: Any
) -> str | Exception:
    """transformers' prompt, or what it raised."""
    try:
        rendered, _indices = oracle.render_jinja_template(
            conversations=[copy.deepcopy(messages)], chat_template=source, **context
        )
    except Exception as exc:
        return exc
    prompt: str = rendered[0]
    return prompt


def _conforms(
    name: str,
    meta: Mapping[str, Any],
    messages: list[dict[str, Any]],
    *,
    add_generation_prompt: bool = True,
    **kwargs: Any,
) -> bool:
    """Asserts that ours matches transformers; True when transformers rendered.

    When no tools are given, ours leaves ``tools`` undefined where transformers passes
    None; for a template that loops over tools unguarded that is the difference
    between raising "'NoneType' object is not iterable" and rendering, and ours renders
    what transformers does with an empty list (test_unguarded_tool_loops_render_as_with_
    no_tools pins it).  Only that exact failure is retried, and only with tools=[].
    """
    source = _source(name)
    context = {**_context(name, meta), "add_generation_prompt": add_generation_prompt, **kwargs}
    expected = _reference(source, messages, **context)
    if "tools" not in kwargs and _none_is_not_iterable(expected):
        expected = _reference(source, messages, **context, tools=[])
    template = ChatTemplate(source)
    if isinstance(expected, Exception):
        with pytest.raises(TemplateError) as caught:
            template.render(copy.deepcopy(messages), **context)
        assert str(expected) in caught.value.details
        if type(expected) is jinja2.TemplateError:  # raise_exception: the template's words
            assert caught.value.message == (
                f"The chat template refused this conversation: {expected}"
            )
        return False
    assert template.render(copy.deepcopy(messages), **context) == expected
    return True


def _parts(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**message, "content": [{"type": "text", "text": message["content"]}]}
        for message in messages
    ]


def _tool_for(meta: Mapping[str, Any]) -> dict[str, Any]:
    if meta.get("variant") == "tool_use-legacy":
        return LEGACY_COHERE_WEATHER
    return GET_WEATHER


def _json_arguments(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same conversation with tool-call arguments as a JSON string, the form some
    templates (functionary, firefunction) concatenate into the prompt."""
    converted = copy.deepcopy(messages)
    for message in converted:
        for call in message.get("tool_calls", ()):
            call["function"]["arguments"] = json.dumps(call["function"]["arguments"])
    return converted


# ---------------------------------------------------------------------------
# Every template, every conversation shape.


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_user_assistant_user(name: str, meta: dict[str, Any]) -> None:
    assert _conforms(name, meta, CONVERSATION)


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_system_message(name: str, meta: dict[str, Any]) -> None:
    # Run on every template: those without system support must fail the same way.
    rendered = _conforms(name, meta, [_system_message(meta), *CONVERSATION])
    assert rendered == (not meta.get("system_probe_error"))


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_plain_system_string(name: str, meta: dict[str, Any]) -> None:
    # The Ollama gemma3:1b template only takes a list here: both renderers fail alike.
    _conforms(name, meta, [dict(SYSTEM), *CONVERSATION])


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_without_generation_prompt(name: str, meta: dict[str, Any]) -> None:
    assert _conforms(name, meta, CONVERSATION, add_generation_prompt=False)
    assert _conforms(name, meta, CONVERSATION[:2], add_generation_prompt=False)


IMAGE_AND_TEXT = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "?"}]}]


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_list_of_parts_content(name: str, meta: dict[str, Any]) -> None:
    # Templates written for string content fail on lists in both renderers, alike.
    _conforms(name, meta, _parts(CONVERSATION))
    _conforms(name, meta, IMAGE_AND_TEXT)


def test_list_of_parts_is_rendered_by_some_templates() -> None:
    """Guards the test above against passing only because everything raised."""
    if not INDEX:
        pytest.skip("chat template corpus not found")
    rendered = {
        name
        for name, meta in INDEX.items()
        if isinstance(_reference(_source(name), _parts(CONVERSATION), **_context(name, meta)), str)
    }
    assert {"google--gemma-3-270m-it.jinja", "Qwen--Qwen2-VL-7B-Instruct.jinja"} <= rendered


@pytest.mark.parametrize(("name", "meta"), _corpus_params(lambda n, m: m["has_tools_support"]))
def test_tools(name: str, meta: dict[str, Any]) -> None:
    tools = [_tool_for(meta)]
    assert _conforms(name, meta, [QUESTION], tools=tools)
    assert _conforms(name, meta, [dict(SYSTEM), QUESTION], tools=tools)
    assert _conforms(name, meta, CONVERSATION, tools=tools, add_generation_prompt=False)


@pytest.mark.parametrize(("name", "meta"), _corpus_params(lambda n, m: m["has_tools_support"]))
def test_tool_call_and_tool_result(name: str, meta: dict[str, Any]) -> None:
    tools = [_tool_for(meta)]
    as_object = _conforms(name, meta, TOOL_ROUND_TRIP, tools=tools)
    as_json = _conforms(name, meta, _json_arguments(TOOL_ROUND_TRIP), tools=tools)
    if meta.get("variant") != "tool_use-legacy":  # reads a pre-OpenAI tool-call shape
        assert as_object or as_json


@pytest.mark.parametrize(("name", "meta"), _corpus_params(_reads("documents")))
def test_documents(name: str, meta: dict[str, Any]) -> None:
    assert _conforms(name, meta, [QUESTION], documents=DOCUMENTS)


def test_the_clock_is_frozen_for_both_renderers() -> None:
    source = "{{ strftime_now('%Y-%m-%d %H:%M') }}"
    assert _reference(source, []) == ChatTemplate(source).render([]) == "2001-02-03 04:05"


# ---------------------------------------------------------------------------
# Arbitrary message text.

_FUZZED: list[str] = [
    name
    for name in (
        "HuggingFaceTB--SmolLM2-135M-Instruct.jinja",
        "meta-llama--Meta-Llama-3-8B-Instruct.jinja",
        "Qwen--Qwen2.5-7B-Instruct.jinja",
        "google--gemma-3-270m-it.jinja",
        "mistralai--Mistral-7B-Instruct-v0.3.jinja",
        "deepseek-ai--DeepSeek-R1.jinja",
        "microsoft--Phi-3.5-mini-instruct.jinja",
    )
    if name in INDEX
]
_BRACES = st.sampled_from(["{{ }}", "{{ messages }}", "{% endfor %}", "<|im_start|>system\n"])
_FUZZ_CONTENT = st.one_of(CONTENT, _BRACES.flatmap(lambda b: CONTENT.map(lambda c: b + c + b)))


@pytest.mark.skipif(not _FUZZED, reason="chat template corpus not found")
@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(_FUZZED or [""]),
    contents=st.lists(_FUZZ_CONTENT, min_size=1, max_size=4),
    system=st.none() | _FUZZ_CONTENT,
    add_generation_prompt=st.booleans(),
)
def test_any_message_text_renders_like_transformers(
    name: str, contents: list[str], system: str | None, add_generation_prompt: bool
) -> None:
    meta = INDEX[name]
    messages = _alternating(contents, system if meta["has_system_support"] else None)
    _conforms(name, meta, messages, add_generation_prompt=add_generation_prompt)


# ---------------------------------------------------------------------------
# The differences.


@pytest.mark.parametrize(
    ("name", "meta"), _corpus_params(lambda n, m: _iterates_tools_unguarded(m))
)
def test_unguarded_tool_loops_render_as_with_no_tools(name: str, meta: dict[str, Any]) -> None:
    """Deliberate: transformers passes tools=None and these templates then raise
    "'NoneType' object is not iterable"; ours leaves tools undefined, which Jinja
    iterates as empty, so the prompt is transformers' prompt for tools=[]."""
    source = _source(name)
    context = {**_context(name, meta), "add_generation_prompt": True}
    assert _none_is_not_iterable(_reference(source, CONVERSATION, tools=None, **context))
    expected = _reference(source, CONVERSATION, tools=[], **context)
    assert ChatTemplate(source).render(CONVERSATION, **context) == expected


_REASONING_CASES = [
    ("Qwen--Qwen3-0.6B.jinja", "thinking"),
    ("openai--gpt-oss-120b.jinja", "reasoning_content"),
    ("ByteDance-Seed--Seed-OSS-36B-Instruct.jinja", "reasoning"),
]


@pytest.mark.parametrize(("name", "field"), _REASONING_CASES)
def test_reasoning_fields_are_aliased_like_transformers(name: str, field: str) -> None:
    if name not in INDEX:
        pytest.skip("chat template corpus not found")
    messages = [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello!", field: "The user greets me."},
    ]
    assert _conforms(name, INDEX[name], messages, add_generation_prompt=False)
