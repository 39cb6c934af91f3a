"""Which family a model writes: every template in the shared corpus, each verdict
tied to a marker the template visibly renders; then special tokens, names, forcing
and the markers of raw output (``parse --format auto``)."""

from __future__ import annotations

import pytest

from core.output.detect import detect_family, family_of_text
from core.output.types import Family
from tests import corpus

INDEX = corpus.INDEX

#: Every marker that names a family; a PLAIN verdict must see none of them.
ALL_MARKERS = ("<|channel|>", "<|tool_calls_section_begin|>", "<｜tool▁calls▁begin｜>",
               "｜DSML｜", "[TOOL_CALLS]", "[THINK]", "<|tool_call>", "<|channel>",
               "<arg_key>", "<tool_call>", "<|python_tag|>", "ipython", "<think>")

#: file -> (family, the marker(s) in the template that justify it; () for PLAIN).
EXPECTED: dict[str, tuple[Family, tuple[str, ...]]] = {
    "ByteDance-Seed--Seed-OSS-36B-Instruct.jinja": (Family.PLAIN, ()),  # <seed:think>: own
    "CohereForAI--c4ai-command-r-plus+tool_use.jinja": (Family.PLAIN, ()),  # "Action:" json
    "CohereForAI--c4ai-command-r-v01+tool_use-legacy.jinja": (Family.PLAIN, ()),
    "CohereForAI--c4ai-command-r-v01+tool_use.jinja": (Family.PLAIN, ()),
    "CohereForAI--c4ai-command-r7b-12-2024+tool_use.jinja": (Family.PLAIN, ()),  # START_THINKING
    "CohereLabs--c4ai-command-a-03-2025+rag.jinja": (Family.PLAIN, ()),
    "HuggingFaceH4--zephyr-7b-beta.jinja": (Family.PLAIN, ()),
    "HuggingFaceTB--SmolLM2-135M-Instruct.jinja": (Family.PLAIN, ()),
    "HuggingFaceTB--SmolLM3-3B.jinja": (Family.HERMES, ("<tool_call>",)),
    "NousResearch--Hermes-2-Pro-Llama-3-8B+tool_use.jinja": (Family.HERMES, ("<tool_call>",)),
    "NousResearch--Hermes-2-Pro-Llama-3-8B.jinja": (Family.PLAIN, ()),  # ChatML, no tools
    "NousResearch--Hermes-3-Llama-3.1-70B.jinja": (Family.PLAIN, ()),
    "NousResearch--Hermes-3-Llama-3.1-8B+tool_use.jinja": (Family.HERMES, ("<tool_call>",)),
    "Qwen--QwQ-32B.jinja": (Family.HERMES, ("<tool_call>", "<think>")),
    "Qwen--Qwen2-7B-Instruct.jinja": (Family.PLAIN, ()),
    "Qwen--Qwen2-VL-7B-Instruct.jinja": (Family.PLAIN, ()),
    "Qwen--Qwen2.5-7B-Instruct.jinja": (Family.HERMES, ("<tool_call>",)),
    "Qwen--Qwen2.5-VL-7B-Instruct.jinja": (Family.PLAIN, ()),
    "Qwen--Qwen3-0.6B.jinja": (Family.HERMES, ("<tool_call>", "<think>")),
    "Qwen--Qwen3-Coder-30B-A3B-Instruct.jinja": (Family.QWEN_XML, ("<tool_call>", "<function=")),
    "TheBloke--Mistral-7B-Instruct-v0.1-GPTQ.jinja": (Family.PLAIN, ()),  # [INST] only
    "TinyLlama--TinyLlama-1.1B-Chat-v1.0.jinja": (Family.PLAIN, ()),
    "codellama--CodeLlama-70b-Instruct-hf.jinja": (Family.PLAIN, ()),
    "deepseek-ai--DeepSeek-R1-Distill-Llama-8B.jinja": (Family.DEEPSEEK,
                                                        ("<｜tool▁calls▁begin｜>",)),
    "deepseek-ai--DeepSeek-R1-Distill-Qwen-32B.jinja": (Family.DEEPSEEK,
                                                        ("<｜tool▁calls▁begin｜>",)),
    "deepseek-ai--DeepSeek-R1.jinja": (Family.DEEPSEEK, ("<｜tool▁calls▁begin｜>",)),
    "deepseek-ai--DeepSeek-V2.5.jinja": (Family.DEEPSEEK, ("<｜tool▁calls▁begin｜>",)),
    "deepseek-ai--deepseek-coder-33b-instruct.jinja": (Family.PLAIN, ()),
    "fireworks-ai--llama-3-firefunction-v2.jinja": (Family.PLAIN, ()),  # " functools[...]"
    "google--gemma-2-2b-it.jinja": (Family.PLAIN, ()),
    "google--gemma-3-1b-it.jinja": (Family.PLAIN, ()),
    "google--gemma-3-270m-it.jinja": (Family.PLAIN, ()),
    "google--gemma-7b-it.jinja": (Family.PLAIN, ()),
    "ibm-granite--granite-3.3-2b-instruct.jinja": (Family.HERMES, ("<think>",)),  # think only
    "ibm-granite--granite-4.0-350m.jinja": (Family.HERMES, ("<tool_call>",)),
    "internlm--internlm2-chat-7b.jinja": (Family.PLAIN, ()),
    # Llama 3.1-based: calls as <function=NAME>{json}, code after <|python_tag|>.
    "meetkai--functionary-medium-v3.1.jinja": (Family.LLAMA3, ("<|python_tag|>",)),
    "meetkai--functionary-medium-v3.2.jinja": (Family.PLAIN, ()),  # ">>>name" calls: own
    "meta-llama--Llama-3.1-8B-Instruct.jinja": (Family.LLAMA3, ("<|python_tag|>", "ipython")),
    "meta-llama--Llama-3.2-11B-Vision-Instruct.jinja": (Family.LLAMA3, ("ipython",)),
    "meta-llama--Llama-3.2-3B-Instruct.jinja": (Family.LLAMA3, ("ipython",)),
    "meta-llama--Llama-3.3-70B-Instruct.jinja": (Family.LLAMA3, ("<|python_tag|>", "ipython")),
    "meta-llama--Meta-Llama-3-8B-Instruct.jinja": (Family.PLAIN, ()),  # 3.0: no tools
    "microsoft--Phi-3-medium-4k-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--Phi-3-mini-4k-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--Phi-3-small-8k-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--Phi-3.5-mini-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--Phi-3.5-vision-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--Phi-4-mini-instruct.jinja": (Family.PLAIN, ()),
    "microsoft--phi-4.jinja": (Family.PLAIN, ()),
    "mistralai--Mistral-7B-Instruct-v0.3.jinja": (Family.MISTRAL, ("[TOOL_CALLS]",)),
    "mistralai--Mistral-Nemo-Instruct-2407.jinja": (Family.MISTRAL, ("[TOOL_CALLS]",)),
    "mistralai--Mistral-Small-3.2-24B-Instruct-2506.jinja": (Family.MISTRAL, ("[TOOL_CALLS]",)),
    "mistralai--Mixtral-8x7B-Instruct-v0.1.jinja": (Family.PLAIN, ()),
    "moonshotai--Kimi-K2-Thinking.jinja": (Family.KIMI, ("<|tool_calls_section_begin|>",)),
    "openai--gpt-oss-120b.jinja": (Family.GPT_OSS, ("<|channel|>",)),
    "openchat--openchat-3.5-0106.jinja": (Family.PLAIN, ()),
    "teknium--OpenHermes-2.5-Mistral-7B.jinja": (Family.PLAIN, ()),
    "upstage--SOLAR-10.7B-Instruct-v1.0.jinja": (Family.PLAIN, ()),
}


def test_the_table_covers_every_template_in_the_corpus() -> None:
    corpus.require()
    assert set(corpus.FILES) == set(EXPECTED) == set(INDEX)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_family_of_each_template(name: str) -> None:
    family, markers = EXPECTED[name]
    source = corpus.source(name)
    entry = INDEX[name]
    tokens = [t for t in (entry.get("bos_token"), entry.get("eos_token")) if t]
    assert detect_family(source, tokens) is family
    for marker in markers:
        assert marker in source, f"{name}: the verdict's witness {marker!r} is not there"
    if family is Family.PLAIN:
        assert not [m for m in ALL_MARKERS if m in source]


def test_qwen3_coder_xml_is_told_from_hermes_by_function_tag() -> None:
    source = corpus.source("Qwen--Qwen3-Coder-30B-A3B-Instruct.jinja")
    assert detect_family(source.replace("<function=", "<fn="), []) is Family.HERMES


@pytest.mark.parametrize(("tokens", "family"), [
    (["<|start|>", "<|channel|>", "<|message|>"], Family.GPT_OSS),
    (["<|tool_calls_section_begin|>", "<think>"], Family.KIMI),
    (["<｜tool▁calls▁begin｜>", "<think>"], Family.DEEPSEEK),
    (["[INST]", "[TOOL_CALLS]"], Family.MISTRAL),
    (["[THINK]"], Family.MISTRAL),
    (["<|tool_call>", "<|channel>"], Family.GEMMA4),
    (["<arg_key>", "<tool_call>", "<think>"], Family.GLM),
    (["<|begin_of_text|>", "<|python_tag|>"], Family.LLAMA3),
    (["<|im_start|>", "<tool_call>", "<think>"], Family.HERMES),
    (["<|im_start|>", "<think>"], Family.HERMES),
    (["<|im_start|>", "<|im_end|>"], Family.PLAIN),
])
def test_special_tokens_speak_when_the_template_says_nothing(tokens: list[str],
                                                             family: Family) -> None:
    assert detect_family(None, tokens) is family
    assert detect_family("{{ messages[0].content }}", tokens) is family


def test_the_template_speaks_before_tokens_and_names() -> None:
    qwen3 = corpus.source("Qwen--Qwen3-0.6B.jinja")
    assert detect_family(qwen3, ["[TOOL_CALLS]"], "llama", "Mistral-7B") is Family.HERMES


@pytest.mark.parametrize(("architecture", "name", "family"), [
    ("gpt-oss", "gpt-oss-20b-MXFP4", Family.GPT_OSS),
    ("deepseek2", "Kimi-K2-Instruct", Family.KIMI),  # Kimi shares DeepSeek's architecture
    ("deepseek2", "DeepSeek-V3.1-Q4_K_M", Family.DEEPSEEK),
    ("qwen3moe", "Qwen3-Coder-30B-A3B-Instruct", Family.QWEN_XML),
    ("qwen3", "Qwen3-8B-Q4_K_M", Family.HERMES),
    ("llama", "OpenHermes-2.5-Mistral-7B", Family.HERMES),
    ("llama", "Magistral-Small-2509", Family.MISTRAL),
    ("glm4moe", "GLM-4.5-Air", Family.GLM),
    ("gemma4", "gemma-4-e4b-it", Family.GEMMA4),
    ("llama", "Llama-3.1-8B-Instruct", Family.LLAMA3),
    ("llama", "SmolLM2-135M-Instruct", Family.PLAIN),
    (None, "", Family.PLAIN),
])
def test_architecture_and_name_are_the_last_guess(architecture: str | None, name: str,
                                                   family: Family) -> None:
    assert detect_family(None, [], architecture, name) is family


def test_a_coder_name_refines_the_shared_qwen_vocabulary() -> None:
    tokens = ["<|im_start|>", "<tool_call>", "<think>"]
    assert detect_family(None, tokens, "qwen3moe", "Qwen3-Coder-30B") is Family.QWEN_XML
    assert detect_family(None, tokens, "qwen3", "Qwen3-8B") is Family.HERMES


def test_a_family_can_be_forced_by_its_name() -> None:
    assert [Family(f.value) for f in Family] == list(Family)
    assert Family("qwen-xml") is Family.QWEN_XML and Family("gpt-oss") is Family.GPT_OSS
    with pytest.raises(ValueError):
        Family("nonesuch")


@pytest.mark.parametrize(("text", "family"), [
    ("<|channel|>analysis<|message|>Hmm.<|end|><|start|>assistant<|channel|>final"
     "<|message|>Hi", Family.GPT_OSS),
    ("<|tool_calls_section_begin|><|tool_call_begin|>functions.f:0"
     "<|tool_call_argument_begin|>{}<|tool_call_end|><|tool_calls_section_end|>", Family.KIMI),
    ("<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>f", Family.DEEPSEEK),
    ('[TOOL_CALLS]get_weather[ARGS]{"city": "Paris"}', Family.MISTRAL),
    ("[THINK]hmm[/THINK]Hi", Family.MISTRAL),
    ("<|tool_call>call:f{x:1}<tool_call|>", Family.GEMMA4),
    ("<|channel>thought\nhmm<channel|>Hi", Family.GEMMA4),
    ("<tool_call>f\n<arg_key>x</arg_key>\n<arg_value>1</arg_value>\n</tool_call>", Family.GLM),
    ("<tool_call>\n<function=f>\n<parameter=x>\n1\n</parameter>\n</function>\n</tool_call>",
     Family.QWEN_XML),
    ('<tool_call>\n{"name": "f", "arguments": {}}\n</tool_call>', Family.HERMES),
    # GLM's call without arguments is a bare name (found by the GLM parser's fixtures).
    ("<tool_call>get_current_time\n</tool_call>", Family.GLM),
    ("Paris.<｜end▁of▁sentence｜>", Family.DEEPSEEK),
    ("<think>\nhmm\n</think>\n\nHi", Family.HERMES),
    ("hmm\n</think>\n\nHi", Family.HERMES),
    ("<|python_tag|>brave_search.call(query=\"x\")", Family.LLAMA3),
    ('{"name": "f", "parameters": {"x": 1}}', Family.LLAMA3),
    ('{"name": "f"}', Family.PLAIN),
    ("Hello, <b>world</b>.", Family.PLAIN),
    ("", Family.PLAIN),
])
def test_family_of_text_reads_markers_alone(text: str, family: Family) -> None:
    assert family_of_text(text) is family
