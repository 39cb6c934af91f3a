"""core.templates.template: the prompts real models expect, and hostile templates stopped.

The corpus tests run every template in ../shared/chat-templates (real templates from
popular models, with INDEX.json metadata); the exact-output tests were written by hand
from reading each template, so they check the renderer, not a snapshot of it.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.errors import TemplateError
from core.templates.template import CHATML, ChatTemplate, RenderLimits
from tests.corpus import CORPUS, INDEX, MISSING

_MISSING = MISSING


def _corpus_params(select: Callable[[str, dict[str, Any]], bool] = lambda n, m: True) -> list[Any]:
    if not INDEX:
        return [pytest.param("", {}, marks=pytest.mark.skip(reason=_MISSING), id="no-corpus")]
    return [
        pytest.param(name, meta, id=name.removesuffix(".jinja"))
        for name, meta in sorted(INDEX.items())
        if select(name, meta)
    ]


def _reads(variable: str) -> Callable[[str, dict[str, Any]], bool]:
    return lambda name, meta: variable in _corpus_template(name).variables()


def _corpus_template(name: str) -> ChatTemplate:
    return ChatTemplate((CORPUS / name).read_text(encoding="utf-8"))


def _named(stem: str) -> ChatTemplate:
    path = CORPUS / f"{stem}.jinja"
    if not path.is_file():
        pytest.skip(_MISSING)
    return ChatTemplate(path.read_text(encoding="utf-8"))


GET_WEATHER: dict[str, Any] = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Get the current weather",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string", "description": "City name"}},
            "required": ["city"],
        },
    },
}

# command-r's first tool_use revision predates JSON-schema tools and reads Cohere's own
# {name, description, parameter_definitions} shape (see its INDEX note).
LEGACY_COHERE_WEATHER: dict[str, Any] = {
    "name": "get_weather",
    "description": "Get the current weather",
    "parameter_definitions": {
        "city": {"description": "City name", "type": "str", "required": True},
    },
}

CONVERSATION = [
    {"role": "user", "content": "Hello there"},
    {"role": "assistant", "content": "Hi! How can I help?"},
    {"role": "user", "content": "What is the weather in Lisbon?"},
]
SYSTEM = {"role": "system", "content": "You answer in one sentence."}


def _tokens(meta: Mapping[str, Any]) -> dict[str, Any]:
    return {"bos_token": meta.get("bos_token") or "", "eos_token": meta.get("eos_token") or ""}


def _required_extra(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Variables a template reads without a default (firefunction-v2 takes its function
    specs as a JSON string `functions` and the date as `datetime`, and raises without)."""
    values = {"functions": json.dumps([GET_WEATHER["function"]]), "datetime": "2025-01-01"}
    return {key: values[key] for key in meta.get("required_extra_context") or ()}


def _render(name: str, meta: Mapping[str, Any], messages: list[dict[str, Any]], **kw: Any) -> str:
    template = _corpus_template(name)
    return template.render(messages, **_tokens(meta), **_required_extra(meta), **kw)


def _system_message(meta: Mapping[str, Any]) -> dict[str, Any]:
    # The Ollama gemma3:1b template reads messages[0].content[0].text: it only accepts a
    # list of parts for the system message, as its INDEX note records.
    if "list of content parts" in (meta.get("system_probe_note") or ""):
        return {"role": "system", "content": [{"type": "text", "text": SYSTEM["content"]}]}
    return dict(SYSTEM)


# ---------------------------------------------------------------------------
# The real templates.


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_every_template_compiles(name: str, meta: dict[str, Any]) -> None:
    template = _corpus_template(name)
    assert "messages" in template.variables()


@pytest.mark.parametrize(("name", "meta"), _corpus_params())
def test_every_template_renders_a_conversation(name: str, meta: dict[str, Any]) -> None:
    started = time.monotonic()
    out = _render(name, meta, CONVERSATION, add_generation_prompt=True)
    assert time.monotonic() - started < 1.0
    for message in CONVERSATION:
        assert message["content"] in out


@pytest.mark.parametrize(("name", "meta"), _corpus_params(lambda n, m: m["has_system_support"]))
def test_templates_with_system_support_render_it(name: str, meta: dict[str, Any]) -> None:
    out = _render(name, meta, [_system_message(meta), *CONVERSATION])
    for message in [SYSTEM, *CONVERSATION]:
        assert message["content"] in out


@pytest.mark.parametrize(
    ("name", "meta"), _corpus_params(lambda n, m: bool(m.get("system_probe_error")))
)
def test_templates_refusing_system_say_why(name: str, meta: dict[str, Any]) -> None:
    with pytest.raises(TemplateError) as caught:
        _render(name, meta, [dict(SYSTEM), *CONVERSATION])
    template_message = meta["system_probe_error"].removeprefix("TemplateError: ")
    assert caught.value.message == (
        f"The chat template refused this conversation: {template_message}"
    )


@pytest.mark.parametrize(("name", "meta"), _corpus_params(lambda n, m: m["has_tools_support"]))
def test_templates_with_tools_support_render_tools(name: str, meta: dict[str, Any]) -> None:
    messages = [{"role": "user", "content": "What is the weather in Lisbon?"}]
    if meta.get("required_extra_context"):  # firefunction: tools arrive as `functions`
        out = _render(name, meta, messages)
    elif meta.get("variant") == "tool_use-legacy":
        out = _render(name, meta, messages, tools=[LEGACY_COHERE_WEATHER])
    else:
        out = _render(name, meta, messages, tools=[GET_WEATHER])
    assert "get_weather" in out
    assert "What is the weather in Lisbon?" in out


@pytest.mark.parametrize(("name", "meta"), _corpus_params(_reads("documents")))
def test_templates_reading_documents_render_them(name: str, meta: dict[str, Any]) -> None:
    documents = [{"title": "Lisbon guide", "text": "Trams run all night."}]
    out = _render(name, meta, CONVERSATION[:1], documents=documents)
    assert "Trams run all night." in out


# ---------------------------------------------------------------------------
# Exact prompts, derived by hand from each template's source.

PIRATE = [
    {"role": "system", "content": "You are a pirate."},
    {"role": "user", "content": "Hi!"},
    {"role": "assistant", "content": "Ahoy!"},
    {"role": "user", "content": "Where is the treasure?"},
]


def test_smollm2_exact() -> None:
    template = _named("HuggingFaceTB--SmolLM2-135M-Instruct")
    tokens: dict[str, Any] = {"bos_token": "<|im_start|>", "eos_token": "<|im_end|>"}
    turns = (
        "<|im_start|>user\nHi!<|im_end|>\n"
        "<|im_start|>assistant\nAhoy!<|im_end|>\n"
        "<|im_start|>user\nWhere is the treasure?<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert template.render(PIRATE, **tokens) == (
        "<|im_start|>system\nYou are a pirate.<|im_end|>\n" + turns
    )
    # Without a system message the template adds its own.
    assert template.render(PIRATE[1:], **tokens) == (
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by "
        "Hugging Face<|im_end|>\n" + turns
    )
    assert template.render(PIRATE[1:2], add_generation_prompt=False, **tokens) == (
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by "
        "Hugging Face<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n"
    )


LLAMA31_TURNS = (
    "<|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\nAhoy!<|eot_id|>"
    "<|start_header_id|>user<|end_header_id|>\n\nWhere is the treasure?<|eot_id|>"
    "<|start_header_id|>assistant<|end_header_id|>\n\n"
)


def test_llama31_exact_injects_knowledge_and_today_dates() -> None:
    template = _named("meta-llama--Llama-3.1-8B-Instruct")
    tokens: dict[str, Any] = {"bos_token": "<|begin_of_text|>", "eos_token": "<|eot_id|>"}
    assert template.render(PIRATE, **tokens) == (
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
        "Cutting Knowledge Date: December 2023\n"
        "Today Date: 26 Jul 2024\n\n"
        "You are a pirate.<|eot_id|>" + LLAMA31_TURNS
    )
    # date_string is an extra variable the template reads: it passes straight through.
    with_date = template.render(PIRATE[1:], date_string="01 Jan 2025", **tokens)
    assert with_date == (
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
        "Cutting Knowledge Date: December 2023\n"
        "Today Date: 01 Jan 2025\n\n"
        "<|eot_id|>" + LLAMA31_TURNS
    )


def test_llama31_exact_with_tools_in_first_user_message() -> None:
    template = _named("meta-llama--Llama-3.1-8B-Instruct")
    messages = [{"role": "user", "content": "What is the weather in Lisbon?"}]
    out = template.render(messages, tools=[GET_WEATHER], bos_token="<|begin_of_text|>")
    tool_json = (
        "{\n"
        '    "type": "function",\n'
        '    "function": {\n'
        '        "name": "get_weather",\n'
        '        "description": "Get the current weather",\n'
        '        "parameters": {\n'
        '            "type": "object",\n'
        '            "properties": {\n'
        '                "city": {\n'
        '                    "type": "string",\n'
        '                    "description": "City name"\n'
        "                }\n"
        "            },\n"
        '            "required": [\n'
        '                "city"\n'
        "            ]\n"
        "        }\n"
        "    }\n"
        "}"
    )
    assert out == (
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
        "Environment: ipython\n"
        "Cutting Knowledge Date: December 2023\n"
        "Today Date: 26 Jul 2024\n\n"
        "<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\n"
        "Given the following functions, please respond with a JSON for a function call "
        "with its proper arguments that best answers the given prompt.\n\n"
        'Respond in the format {"name": function name, "parameters": dictionary of '
        "argument name and its value}.Do not use variables.\n\n"
        + tool_json
        + "\n\nWhat is the weather in Lisbon?<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n"
    )


GEMMA3_EXPECTED = (
    "<bos><start_of_turn>user\nYou are a pirate.\n\nHi!<end_of_turn>\n"
    "<start_of_turn>model\nAhoy!<end_of_turn>\n"
    "<start_of_turn>user\nWhere is the treasure?<end_of_turn>\n"
    "<start_of_turn>model\n"
)


def test_gemma3_exact_folds_system_into_first_user_turn() -> None:
    template = _named("google--gemma-3-270m-it")
    assert template.render(PIRATE, bos_token="<bos>", eos_token="<eos>") == GEMMA3_EXPECTED


def test_gemma3_list_of_parts_content() -> None:
    template = _named("google--gemma-3-270m-it")
    parts = [
        {"role": m["role"], "content": [{"type": "text", "text": m["content"]}]} for m in PIRATE
    ]
    assert template.render(parts, bos_token="<bos>") == GEMMA3_EXPECTED
    image_turn = [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "?"}]}]
    assert template.render(image_turn, bos_token="<bos>") == (
        "<bos><start_of_turn>user\n<start_of_image>?<end_of_turn>\n<start_of_turn>model\n"
    )


def test_mistral_v03_exact() -> None:
    template = _named("mistralai--Mistral-7B-Instruct-v0.3")
    tokens: dict[str, Any] = {"bos_token": "<s>", "eos_token": "</s>"}
    assert template.render(PIRATE[1:], **tokens) == (
        "<s> [INST] Hi! [/INST] Ahoy! </s> [INST] Where is the treasure? [/INST]"
    )
    assert template.render(PIRATE[1:], tools=[GET_WEATHER], **tokens) == (
        "<s> [INST] Hi! [/INST] Ahoy! </s>"
        ' [AVAILABLE_TOOLS] [{"type": "function", "function": {'
        '"name": "get_weather", "description": "Get the current weather", "parameters": '
        '{"type": "object", "properties": {"city": {"type": "string", "description": '
        '"City name"}}, "required": ["city"]}}}] [/AVAILABLE_TOOLS]'
        " [INST] Where is the treasure? [/INST]"
    )


QWEN_TURNS = (
    "<|im_start|>user\nHi!<|im_end|>\n"
    "<|im_start|>assistant\nAhoy!<|im_end|>\n"
    "<|im_start|>user\nWhere is the treasure?<|im_end|>\n"
    "<|im_start|>assistant\n"
)


def test_qwen25_exact() -> None:
    template = _named("Qwen--Qwen2.5-7B-Instruct")
    assert template.render(PIRATE, eos_token="<|im_end|>") == (
        "<|im_start|>system\nYou are a pirate.<|im_end|>\n" + QWEN_TURNS
    )
    assert template.render(PIRATE[1:]) == (
        "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful "
        "assistant.<|im_end|>\n" + QWEN_TURNS
    )


def test_qwen25_exact_tools_keep_unicode_and_key_order() -> None:
    template = _named("Qwen--Qwen2.5-7B-Instruct")
    tool = {
        "type": "function",
        "function": {"name": "get_weather", "description": "Previsão do tempo (ação)"},
    }
    assert template.render(PIRATE, tools=[tool]) == (
        "<|im_start|>system\nYou are a pirate.\n\n# Tools\n\nYou may call one or more "
        "functions to assist with the user query.\n\nYou are provided with function "
        "signatures within <tools></tools> XML tags:\n<tools>\n"
        '{"type": "function", "function": {"name": "get_weather", '
        '"description": "Previsão do tempo (ação)"}}'
        "\n</tools>\n\nFor each function call, return a json object with function name "
        "and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n"
        '{"name": <function-name>, "arguments": <args-json-object>}\n'
        "</tool_call><|im_end|>\n" + QWEN_TURNS
    )


def test_phi3_mini_exact() -> None:
    template = _named("microsoft--Phi-3-mini-4k-instruct")
    conversation = (
        "<|system|>\nYou are a pirate.<|end|>\n"
        "<|user|>\nHi!<|end|>\n"
        "<|assistant|>\nAhoy!<|end|>\n"
        "<|user|>\nWhere is the treasure?<|end|>\n"
    )
    assert template.render(PIRATE, bos_token="<s>") == conversation + "<|assistant|>\n"
    closed = template.render(PIRATE, add_generation_prompt=False, eos_token="<|endoftext|>")
    assert closed == conversation + "<|endoftext|>"


def test_chatml_fallback_exact() -> None:
    out = ChatTemplate(CHATML).render(PIRATE[:2])
    assert out == (
        "<|im_start|>system\nYou are a pirate.<|im_end|>\n"
        "<|im_start|>user\nHi!<|im_end|>\n"
        "<|im_start|>assistant\n"
    )
    assert ChatTemplate(CHATML).variables() == {"messages", "add_generation_prompt"}


# ---------------------------------------------------------------------------
# The environment transformers provides.


def _one(source: str, **kw: Any) -> str:
    return ChatTemplate(source).render([], **kw)


def test_raise_exception_message_surfaces() -> None:
    source = (
        "{% if messages|length == 0 %}{{ raise_exception('Need at least one turn') }}{% endif %}"
    )
    with pytest.raises(TemplateError) as caught:
        ChatTemplate(source).render([])
    assert (
        caught.value.message
        == "The chat template refused this conversation: Need at least one turn"
    )


def test_syntax_error_reports_line_number() -> None:
    with pytest.raises(TemplateError) as caught:
        ChatTemplate("{{ bos_token }}\n{% for m in messages %}\n{{ m.content }\n{% endfor %}")
    assert "line 3:" in caught.value.message
    assert "syntax error" in caught.value.message


def test_runtime_error_reports_line_number() -> None:
    with pytest.raises(TemplateError) as caught:
        _one("ok\n{{ x.content + 1 }}", x={"content": "a"})
    assert "line 2" in caught.value.message


def test_tojson_keeps_unicode_order_and_does_not_escape_html() -> None:
    value = {"z": "ação", "a": "<b>&</b>", "m": [1, 2]}
    assert _one("{{ v|tojson }}", v=value) == '{"z": "ação", "a": "<b>&</b>", "m": [1, 2]}'
    assert _one("{{ v|tojson(indent=2) }}", v={"b": 1, "a": 2}) == '{\n  "b": 1,\n  "a": 2\n}'
    assert _one("{{ v|tojson(separators=(',', ':')) }}", v={"b": [1]}) == '{"b":[1]}'
    assert _one("{{ v|tojson(sort_keys=true) }}", v={"b": 1, "a": 2}) == '{"a": 2, "b": 1}'
    assert _one("{{ v|tojson(ensure_ascii=true) }}", v="ç") == '"\\u00e7"'


def test_generation_block_renders_its_body_unchanged() -> None:
    source = "A{% generation %}{{ x }} and {{ y }}{% endgeneration %}B"
    assert _one(source, x="1", y="2") == "A1 and 2B"


def test_loop_controls_are_enabled() -> None:
    source = "{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}"
    source += "{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}"
    assert _one(source) == "013"


def test_strftime_now_uses_the_local_clock() -> None:
    assert _one("{{ strftime_now('%Y') }}") == datetime.now().strftime("%Y")


def test_extra_variables_pass_through_and_tools_stay_undefined_unless_given() -> None:
    source = "{{ tools is defined }} {{ documents is defined }} {{ custom }} {{ n + 1 }}"
    template = ChatTemplate(source)
    assert template.render([], custom="x", n=41) == "False False x 42"
    assert template.render([], tools=[], documents=[], custom="x", n=1) == "True True x 2"


def test_undefined_variables_follow_jinja_defaults_like_transformers() -> None:
    assert _one("[{{ nothing }}][{{ nothing is defined }}][{{ {}.missing }}]") == "[][False][]"
    with pytest.raises(TemplateError, match="'nothing' is undefined"):
        _one("{{ nothing.deeper }}")


def test_loop_features_survive_the_loop_guard() -> None:
    source = (
        "{% for k, v in d|items %}{{ loop.index }}/{{ loop.length }}:{{ k }}={{ v }}"
        "{% if not loop.last %},{% endif %}{% endfor %}|"
        "{% for x in xs if x > 1 %}{{ x }}{% else %}none{% endfor %}|"
        "{% for x in [] %}{{ x }}{% else %}empty{% endfor %}|"
        "{% for node in tree recursive %}{{ node.n }}({{ loop(node.kids) }}){% endfor %}|"
        "{% for c in 'ab' %}{{ c }}{{ loop.revindex }}{% endfor %}|"
        "{% for x in (xs|map('string')) %}{{ x }}{{ loop.length }}{% endfor %}"
    )
    tree = [{"n": "a", "kids": [{"n": "b", "kids": []}]}]
    out = _one(source, d={"x": 1, "y": 2}, xs=[1, 2, 3], tree=tree)
    assert out == "1/2:x=1,2/2:y=2|23|empty|a(b())|a2b1|132333"


def test_concatenation_and_operators_behave_normally() -> None:
    source = (
        "{{ 'a' ~ 1 ~ none }} {{ 'x' * 3 }} {{ [1] + [2] }} {{ 2 ** 10 }} {{ '%s-%d' % ('a', 5) }}"
    )
    assert _one(source) == "a1None xxx [1, 2] 1024 a-5"


def test_variables_lists_what_the_template_reads() -> None:
    source = "{{ bos_token }}{% set x = 1 %}{% for m in messages %}{{ m }}{{ x }}{% endfor %}"
    source += "{% if tools %}{{ range(2)|list }}{{ raise_exception('no') }}{% endif %}"
    assert ChatTemplate(source).variables() == {"bos_token", "messages", "tools"}


def test_source_and_sha256() -> None:
    template = ChatTemplate("{{ 'ação' }}")
    assert template.source == "{{ 'ação' }}"
    assert template.sha256 == hashlib.sha256("{{ 'ação' }}".encode()).hexdigest()
    assert len(template.sha256) == 64


# ---------------------------------------------------------------------------
# Hostile templates.

HOSTILE = {
    "self-globals": "{{ self.__init__.__globals__ }}",
    "subclasses": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "cycler-popen": "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__ }}",
    "format-escape": "{{ '{0.__class__}'.format(x) }}",
    "format-escape-str": "{{ '{0.__class__.__mro__}'.format('') }}",
    "attr-filter": "{{ ''|attr('__class__') }}",
    "list-mutation": "{% set l = [] %}{{ l.append(1) }}",
    "string-repeat": "{{ 'a' * 10**9 }}",
    "exponent": "{{ 10 ** (10 ** 10) }}",
    "exponent-chain": "{{ (10 ** 10) ** (10 ** 10) }}",
    "nested-range-loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    ),
    "huge-range": "{% for i in range(10**12) %}{% endfor %}",
    "recursive-macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    "output-past-cap": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
    "list-repeat": "{% set x = [1] * 10**9 %}",
    "nested-string-loops": (
        "{% set s = 'ab' * 1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
    ),
    "doubling": (
        "{% set ns = namespace(s='a') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    ),
    "shared-nesting": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}"
        "{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l|tojson }}"
    ),
    "captured-loop": (
        "{% set x %}{% for i in range(3000) %}{% for j in range(3000) %}"
        "{{ j ~ 'y' * 1000 }}{% endfor %}{% endfor %}{% endset %}{{ x|length }}"
    ),
    "macro-constant-loop": (
        "{% macro m() %}{% for i in range(5000) %}{% for j in range(5000) %}"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA{% endfor %}{% endfor %}{% endmacro %}"
        "{{ m()|length }}"
    ),
    "str-center": "{{ 'a'.center(10**9) }}",
    "center-filter": "{{ 'a'|center(10**9) }}",
    "printf-width": "{{ '%0999999999d' % 1 }}",
    "format-width": "{{ '{:>999999999}'.format(1) }}",
    "format-nested-width": "{{ '{:{}}'.format('a', 10**9) }}",
    "replace-amplify": "{% set s = 'a' * 3000000 %}{{ s.replace('a', s) }}",
    "join-separator": "{{ range(100000)|join('x' * 100000) }}",
    "indent-amplify": "{% set s = '\\n' * 3000000 %}{{ s|indent(1000) }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "integer-squaring": (
        "{% set ns = namespace(x=3) %}{% for i in range(100) %}"
        "{% set ns.x = ns.x * ns.x %}{% endfor %}{{ ns.x }}"
    ),
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_templates_end_in_template_error(source: str) -> None:
    started = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        ChatTemplate(source).render([{"role": "user", "content": "hi"}], x=object())
    # Liveness guard only: the limits themselves stop these within about 2 s.
    assert time.monotonic() - started < 5.0
    assert caught.value.message.startswith("The chat template")
    # The process is fine afterwards: a normal render works, with a fresh budget.
    assert (
        ChatTemplate(CHATML)
        .render([{"role": "user", "content": "hi"}])
        .endswith("<|im_start|>assistant\n")
    )


def test_sandbox_escape_is_reported_as_unsafe() -> None:
    with pytest.raises(TemplateError) as caught:
        _one("ok\n{{ ''.__class__.__mro__[1].__subclasses__() }}")
    assert "unsafe" in caught.value.message
    assert "line 2" in caught.value.message
    assert "SecurityError" in caught.value.details


def test_limit_messages_name_the_limit() -> None:
    with pytest.raises(TemplateError, match="produced more than 4,000,000 characters"):
        _one("{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}")
    with pytest.raises(TemplateError, match="ran longer than 2 s"):
        _one("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError, match="range of more than 100,000 items"):
        _one("{{ range(100001)|length }}")
    with pytest.raises(TemplateError, match="nested too deeply"):
        _one("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}")


def test_jinja_power_is_left_associative_so_this_is_small() -> None:
    # Jinja parses a ** b ** c as (a ** b) ** c: 10 ** 10 ** 10 is 10**100, harmless.
    assert _one("{{ 10 ** 10 ** 10 }}") == "1" + "0" * 100


def test_custom_limits() -> None:
    small = RenderLimits(max_output_chars=10, max_range=5, timeout_s=0.2)
    with pytest.raises(TemplateError, match="more than 10 characters"):
        ChatTemplate("{{ 'x' * 11 }}", limits=small).render([])
    with pytest.raises(TemplateError, match="range of more than 5 items"):
        ChatTemplate("{% for i in range(6) %}{% endfor %}", limits=small).render([])
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"ran longer than 0\.2 s"):
        ChatTemplate(
            "{% for i in range(5) %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}"
            "{% endfor %}",
            limits=small,
        ).render([], s="x" * 100_000)
    assert time.monotonic() - started < 2.0
    assert ChatTemplate("{{ 'x' * 10 }}", limits=small).render([]) == "x" * 10
    with pytest.raises(ValueError):
        RenderLimits(timeout_s=0)


def test_a_runaway_in_one_thread_does_not_touch_another() -> None:
    slow = ChatTemplate(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        limits=RenderLimits(timeout_s=0.5),
    )
    errors: list[TemplateError] = []

    def run_slow() -> None:
        try:
            slow.render([])
        except TemplateError as exc:
            errors.append(exc)

    worker = threading.Thread(target=run_slow)
    worker.start()
    fast = ChatTemplate(CHATML)
    for _ in range(50):
        assert fast.render([{"role": "user", "content": "hi"}])
    worker.join(timeout=5)
    assert not worker.is_alive()
    assert len(errors) == 1
    assert "ran longer than 0.5 s" in errors[0].message


# ---------------------------------------------------------------------------
# Message contents are data, never template code.

_FRAGMENTS = st.sampled_from(
    [
        "<|im_start|>",
        "<|im_end|>",
        "<|eot_id|>",
        "<|start_header_id|>system<|end_header_id|>",
        "{{ 7 * 6 }}",
        "{% for i in range(10**9) %}",
        "{{ raise_exception('x') }}",
        "{#",
        "}}",
        "{",
        "%}",
        "\n",
        " ",
        "ação",
        "🙂",
        "user",
        "\\",
        "'\"",
    ]
)
CONTENT = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=12)), max_size=8).map("".join)


def _alternating(contents: list[str], system: str | None) -> list[dict[str, Any]]:
    messages = [{"role": "system", "content": system}] if system is not None else []
    for index, content in enumerate(contents):
        messages.append({"role": "user" if index % 2 == 0 else "assistant", "content": content})
    return messages


@settings(max_examples=60, deadline=None)
@given(contents=st.lists(CONTENT, min_size=1, max_size=4), system=st.none() | CONTENT)
def test_smollm2_contents_render_verbatim(contents: list[str], system: str | None) -> None:
    template = _named("HuggingFaceTB--SmolLM2-135M-Instruct")
    messages = _alternating(contents, system)
    out = template.render(messages)
    expected = (
        ""
        if system is not None
        else (
            "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by "
            "Hugging Face<|im_end|>\n"
        )
    )
    for message in messages:
        expected += f"<|im_start|>{message['role']}\n{message['content']}<|im_end|>\n"
    assert out == expected + "<|im_start|>assistant\n"


@settings(max_examples=60, deadline=None)
@given(contents=st.lists(CONTENT, min_size=1, max_size=4), system=st.none() | CONTENT)
def test_llama3_contents_render_verbatim(contents: list[str], system: str | None) -> None:
    template = _named("meta-llama--Meta-Llama-3-8B-Instruct")
    messages = _alternating(contents, system)
    out = template.render(messages, bos_token="<|begin_of_text|>")
    expected = "<|begin_of_text|>"
    for message in messages:
        # The template trims contents (Jinja's trim is str.strip()).
        expected += (
            f"<|start_header_id|>{message['role']}<|end_header_id|>\n\n"
            f"{message['content'].strip()}<|eot_id|>"
        )
    assert out == expected + "<|start_header_id|>assistant<|end_header_id|>\n\n"
