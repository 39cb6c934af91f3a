"""Tool support read off a template's own output: the built-in ChatML with tools shows
both tools and results, SmolLM2's own template shows neither, and templates that name
tools without rendering them, or that fail on a probe, are not taken at their word."""

from __future__ import annotations

from core.models.gguf import read_gguf_info
from core.models.library import starter_model_path
from core.templates import tool_support
from core.templates.fallbacks import fallback_source
from core.templates.tool_support import supports_tool_results, supports_tools


def test_chatml_tools_shows_tools_and_their_results() -> None:
    source = fallback_source("chatml-tools")
    assert supports_tools(source)
    assert supports_tool_results(source)


def test_smollm2s_own_template_shows_neither() -> None:
    path = starter_model_path()
    assert path is not None
    source = read_gguf_info(str(path)).chat_template
    assert source is not None
    assert not supports_tools(source)
    # It writes every message as role + content: the result's text would appear, but
    # not the call it answers, so the model learns no format for either.
    assert not supports_tool_results(source)


def test_plain_chatml_shows_neither() -> None:
    source = fallback_source("chatml")
    assert not supports_tools(source)
    assert not supports_tool_results(source)


def test_a_template_that_only_mentions_tools_does_not_support_them() -> None:
    source = ("{% if tools %}{{ 'You have tools.' }}{% endif %}"
              "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}")
    assert not supports_tools(source)


def test_a_template_that_renders_calls_and_results_in_its_own_way() -> None:
    source = ("{% for t in tools %}{{ t.function.name }}\n{% endfor %}"
              "{% for m in messages %}{% if m.tool_calls %}"
              "{% for c in m.tool_calls %}CALL {{ c.function.arguments }}{% endfor %}"
              "{% elif m.role == 'tool' %}RESULT {{ m.content }}"
              "{% else %}{{ m.content }}{% endif %}\n{% endfor %}")
    assert supports_tools(source)
    assert supports_tool_results(source)


def test_a_template_that_raises_on_the_probe_supports_nothing() -> None:
    source = "{{ raise_exception('no tools here') }}"
    assert not supports_tools(source)
    assert not supports_tool_results(source)


def test_the_answer_is_remembered_per_template() -> None:
    source = fallback_source("chatml-tools") + "{# another text #}"
    before = tool_support._supports_tools.cache_info().hits
    supports_tools(source)
    supports_tools(source)
    assert tool_support._supports_tools.cache_info().hits == before + 1
