"""Template switches, read from real templates, and thinking on/off rendered through
them: each mode must change the prompt the way the template's authors wrote it, and
"model default" must leave the prompt exactly as it was."""

from __future__ import annotations

from typing import Any

import pytest

from core.errors import TemplateError
from core.output.types import Family, ThinkingMode
from core.templates.switches import (
    Switch,
    find_switches,
    thinking_messages,
    thinking_variables,
)
from core.templates.template import ChatTemplate
from tests import corpus

ON, OFF, DEFAULT = ThinkingMode.ON, ThinkingMode.OFF, ThinkingMode.DEFAULT
BOOL = (True, False)

#: Every template of the corpus that has switches; all others have none.
EXPECTED: dict[str, list[Switch]] = {
    "ByteDance-Seed--Seed-OSS-36B-Instruct.jinja": [
        Switch("thinking_budget", -1, ()),  # {% if not thinking_budget is defined %}= -1
        Switch("use_json_tooldef", False, BOOL)],  # is defined and use_json_tooldef
    "CohereForAI--c4ai-command-r7b-12-2024+tool_use.jinja": [
        Switch("enable_citations", False, BOOL)],  # {% if enable_citations %}
    "CohereLabs--c4ai-command-a-03-2025+rag.jinja": [Switch("enable_citations", False, BOOL)],
    "HuggingFaceTB--SmolLM3-3B.jinja": [Switch("enable_thinking", True, BOOL)],
    "Qwen--Qwen2-VL-7B-Instruct.jinja": [Switch("add_vision_id", False, BOOL)],
    "Qwen--Qwen2.5-VL-7B-Instruct.jinja": [Switch("add_vision_id", False, BOOL)],
    # "enable_thinking is defined and enable_thinking is false": undefined thinks.
    "Qwen--Qwen3-0.6B.jinja": [Switch("enable_thinking", True, BOOL)],
    "ibm-granite--granite-3.3-2b-instruct.jinja": [Switch("thinking", False, BOOL)],
    "meta-llama--Llama-3.1-8B-Instruct.jinja": [Switch("tools_in_user_message", True, BOOL)],
    "meta-llama--Llama-3.2-11B-Vision-Instruct.jinja": [
        Switch("tools_in_user_message", True, BOOL)],
    "meta-llama--Llama-3.2-3B-Instruct.jinja": [Switch("tools_in_user_message", True, BOOL)],
    "meta-llama--Llama-3.3-70B-Instruct.jinja": [Switch("tools_in_user_message", True, BOOL)],
    "openai--gpt-oss-120b.jinja": [Switch("reasoning_effort", "medium",
                                          ("low", "medium", "high"))],
}

CORPUS_FILES = corpus.FILES
CHAT = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]


def _source(name: str) -> str:
    return corpus.source(name)


def _render(name: str, mode: ThinkingMode, messages: list[dict[str, Any]] | None = None,
            family: Family = Family.HERMES, **extra: Any) -> str:
    source = _source(name)
    chat = thinking_messages(messages or CHAT, family, mode, source)
    return ChatTemplate(source).render(chat, **thinking_variables(source, mode), **extra)


def test_the_corpus_is_there() -> None:
    corpus.require()
    assert len(CORPUS_FILES) > 50 and set(EXPECTED) <= set(CORPUS_FILES)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_switches_of_every_template(name: str) -> None:
    assert find_switches(_source(name)) == EXPECTED.get(name, [])


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_model_default_renders_exactly_as_before(name: str) -> None:
    source = _source(name)
    assert thinking_variables(source, DEFAULT) == {}
    assert thinking_messages(CHAT, Family.HERMES, DEFAULT, source) == CHAT
    chat = CHAT
    # firefunction-v2 raises without its function specs (a JSON string) and a date.
    extra: dict[str, Any] = {"bos_token": "<s>", "eos_token": "</s>", "functions": "[]",
             "datetime": "2025-01-01"}
    try:
        before = ChatTemplate(source).render(chat, **extra)
    except TemplateError:  # Gemma, Mistral v0.1 ...: no system role
        chat = CHAT[1:]
        before = ChatTemplate(source).render(chat, **extra)
    assert _render(name, DEFAULT, chat, **extra) == before


def test_qwen3_off_prefills_an_empty_thought_and_on_is_its_default() -> None:
    name = "Qwen--Qwen3-0.6B.jinja"
    assert thinking_variables(_source(name), OFF) == {"enable_thinking": False}
    assert thinking_variables(_source(name), ON) == {"enable_thinking": True}
    base = _render(name, DEFAULT)
    assert base.endswith("<|im_start|>assistant\n")
    assert _render(name, OFF) == base + "<think>\n\n</think>\n\n"
    assert _render(name, ON) == base


def test_smollm3_switches_its_reasoning_mode_line_and_prefill() -> None:
    name = "HuggingFaceTB--SmolLM3-3B.jinja"
    off, on, base = _render(name, OFF), _render(name, ON), _render(name, DEFAULT)
    assert "Reasoning Mode: /no_think" in off and off.endswith("<think>\n\n</think>\n")
    assert "Reasoning Mode: /think" in on and on == base
    # The soft words are the template's business here: the user's text is left alone.
    assert thinking_messages(CHAT, Family.HERMES, OFF, _source(name)) == CHAT


def test_granite_thinking_adds_its_think_and_response_instructions() -> None:
    name = "ibm-granite--granite-3.3-2b-instruct.jinja"
    user_only = [{"role": "user", "content": "Hi"}]
    on, off = _render(name, ON, user_only), _render(name, OFF, user_only)
    assert "<think></think>" in on and "<think></think>" not in off
    assert off == _render(name, DEFAULT, user_only)


def test_gpt_oss_maps_thinking_to_reasoning_effort() -> None:
    name = "openai--gpt-oss-120b.jinja"
    assert "Reasoning: medium\n" in _render(name, DEFAULT, family=Family.GPT_OSS)
    assert "Reasoning: high\n" in _render(name, ON, family=Family.GPT_OSS)
    assert "Reasoning: low\n" in _render(name, OFF, family=Family.GPT_OSS)


def test_seed_oss_off_is_a_zero_budget_and_a_budget_reaches_the_template() -> None:
    name = "ByteDance-Seed--Seed-OSS-36B-Instruct.jinja"
    source = _source(name)
    assert thinking_variables(source, OFF) == {"thinking_budget": 0}
    assert "The current thinking budget is 0" in _render(name, OFF)
    assert thinking_variables(source, ON, budget=512) == {"thinking_budget": 512}
    assert thinking_variables(source, DEFAULT, budget=512) == {"thinking_budget": 512}
    assert thinking_variables(source, OFF, budget=512) == {"thinking_budget": 0}
    budgeted = ChatTemplate(source).render(CHAT, thinking_budget=512)
    assert "within 512 tokens" in budgeted and "within 512 tokens" not in _render(name, ON)


@pytest.mark.parametrize("name", ["deepseek-ai--DeepSeek-R1.jinja",
                                  "moonshotai--Kimi-K2-Thinking.jinja",
                                  "Qwen--QwQ-32B.jinja"])
def test_always_thinking_templates_have_no_switch(name: str) -> None:
    source = _source(name)
    assert find_switches(source) == []
    assert thinking_variables(source, OFF) == {} and thinking_variables(source, ON) == {}
    assert _render(name, OFF) == _render(name, ON) == _render(name, DEFAULT)


#: A template that knows Qwen3's soft switches but has no variable for them.
SOFT = ("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
        "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n"
        "{% if messages[-1].content.endswith('/no_think') %}<think>\n\n</think>\n\n"
        "{% elif messages[-1].content.endswith('/think') %}<think>\n{% endif %}{% endif %}")


def test_soft_switch_words_go_at_the_end_of_the_last_user_message() -> None:
    chat = [{"role": "user", "content": "First"}, {"role": "assistant", "content": "A"},
            {"role": "user", "content": "Second"}]
    assert thinking_variables(SOFT, OFF) == {}
    off = thinking_messages(chat, Family.HERMES, OFF, SOFT)
    assert [m["content"] for m in off] == ["First", "A", "Second /no_think"]
    assert chat[2]["content"] == "Second"  # the caller's messages are not changed
    assert ChatTemplate(SOFT).render(off).endswith("<think>\n\n</think>\n\n")
    on = thinking_messages(chat, Family.HERMES, ON, SOFT)
    assert on[-1]["content"] == "Second /think"
    assert ChatTemplate(SOFT).render(on).endswith("assistant\n<think>\n")
    assert thinking_messages(chat, Family.HERMES, DEFAULT, SOFT) == chat
    parts = [{"role": "user", "content": [{"type": "text", "text": "Look"}]}]
    assert thinking_messages(parts, Family.HERMES, OFF, SOFT)[0]["content"][-1] == {
        "type": "text", "text": "/no_think"}


def test_soft_words_are_not_added_where_the_template_never_mentions_them() -> None:
    plain = "{% for m in messages %}{{ m.content }}{% endfor %}"
    chat = [{"role": "user", "content": "Hi"}]
    assert thinking_messages(chat, Family.HERMES, OFF, plain) == chat
    # "</think>" is not the word "/think".
    assert thinking_messages(chat, Family.HERMES, ON, plain + "</think>") == chat
    assert thinking_messages(chat, Family.GPT_OSS, OFF, SOFT) == chat


@pytest.mark.parametrize(("source", "expected"), [
    ("{% if not effort is defined %}{% set effort = 'low' %}{% endif %}"
     "{% if effort == 'high' %}H{% elif effort == 'low' %}L{% endif %}",
     [Switch("effort", "low", ("high", "low"))]),
    ("{% if effort is defined %}{% else %}{% set effort = 'mid' %}{% endif %}"
     "{% if effort == 'max' %}M{% endif %}", [Switch("effort", "mid", ("max", "mid"))]),
    ("{% if (fast | default(true)) %}F{% endif %}", [Switch("fast", True, BOOL)]),
    ("{% if fast is true %}F{% endif %}", [Switch("fast", False, BOOL)]),
    ("{% if fast is false %}S{% endif %}", [Switch("fast", True, BOOL)]),
    ("{% if not quiet %}Loud{% endif %}", [Switch("quiet", False, BOOL)]),
    ("{% if depth == 2 %}D{% endif %}", [Switch("depth", None, ())]),
    ("{% if level == 'a' or level == 'b' %}x{% endif %}", [Switch("level", None, ("a", "b"))]),
    # Printed or iterated: data the caller passes, not a switch.
    ("{% if persona %}{{ persona }}{% endif %}", []),
    ("{% if extra %}{% for e in extra %}{{ e }}{% endfor %}{% endif %}", []),
    # Set by the template itself: its own variable.
    ("{% set mode = 'x' %}{% if mode == 'x' %}X{% endif %}", []),
    ("{% if messages %}{% set s = 1 %}{% endif %}{% if s == 1 %}S{% endif %}", []),
    # Known thinking variables count however they are used.
    ("Reasoning: {{ reasoning_effort }}",
     [Switch("reasoning_effort", None, ("low", "medium", "high"))]),
    ("{{ thinking_budget }}", [Switch("thinking_budget", None, ())]),
    ("{% if enable_thinking %}<think>{% endif %}", [Switch("enable_thinking", False, BOOL)]),
    ("{% if x %}", []),  # a syntax error is the renderer's to report
    ("{% if a %}" * 3000 + "{% endif %}" * 3000, []),  # too deep to walk: no switch
])
def test_switches_and_defaults_from_patterns(source: str, expected: list[Switch]) -> None:
    assert find_switches(source) == expected


def test_a_numeric_guard_and_effort_none_switch_off() -> None:
    source = ("{% if reasoning_effort == 'none' %}N{% elif reasoning_effort == 'high' %}H"
              "{% endif %}")
    assert thinking_variables(source, OFF) == {"reasoning_effort": "none"}
    assert thinking_variables(source, ON) == {"reasoning_effort": "high"}
