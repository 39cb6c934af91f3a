"""Tests for choosing a chat template: built-in fallbacks, the choice, and overrides.

Real headers (SmolLM2 with its own template, the Gemma 3 270M base without one) pin
the behaviour users meet first; synthetic infos, made with ``dataclasses.replace``
from the real SmolLM2 header, cover every family and clue.  Each fallback's output
is checked against a hand-derived string and against transformers, the reference
implementation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from core.errors import BadInput, ModelFileError, TemplateError
from core.models.gguf import ModelInfo, read_gguf_info
from core.templates.choice import (
    after_compile_error,
    choose_template,
    guess_family,
    instruction_tuned_clue,
)
from core.templates.fallbacks import (
    FALLBACK_FAMILIES,
    FAMILY_LABELS,
    TEMPLATES_DIR,
    fallback_origin,
    fallback_source,
)
from core.templates.overrides import TemplateOverrides, model_key
from core.templates.reasons import Clue, Evidence, fallback_reason
from core.templates.template import CHATML, ChatTemplate

# --- models -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smollm2(starter_model: Path) -> ModelInfo:
    return read_gguf_info(starter_model)


@pytest.fixture(scope="module")
def gemma3(gemma_model: Path) -> ModelInfo:
    return read_gguf_info(gemma_model)


def synthetic(base: ModelInfo, **changes: Any) -> ModelInfo:
    """A model with no template, no clues and no name, plus ``changes``; ``finetune``
    and ``basename`` go into the metadata."""
    metadata: dict[str, Any] = {"general.architecture": changes.get("architecture", "llama")}
    for key in ("finetune", "basename"):
        if key in changes:
            metadata[f"general.{key}"] = changes.pop(key)
    neutral: dict[str, Any] = {
        "path": Path("/models/model.gguf"),
        "metadata": metadata,
        "name": None,
        "architecture": "llama",
        "chat_template": None,
        "chat_templates": {},
        "special_tokens": frozenset(),
        "bos_token": "<s>",
        "eos_token": "</s>",
    }
    return replace(base, **{**neutral, **changes})


# --- the built-in templates ----------------------------------------------------------------

SYSTEM_USER_ASSISTANT_USER = [
    {"role": "system", "content": "Be brief."},
    {"role": "user", "content": "Hi!"},
    {"role": "assistant", "content": "Hello."},
    {"role": "user", "content": "Why is the sky blue?"},
]

# Derived by hand from each model's documented prompt format.
EXPECTED: dict[str, tuple[str, str, str]] = {
    # family: (bos, eos, prompt with add_generation_prompt=True)
    "chatml": (
        "", "",
        "<|im_start|>system\nBe brief.<|im_end|>\n"
        "<|im_start|>user\nHi!<|im_end|>\n"
        "<|im_start|>assistant\nHello.<|im_end|>\n"
        "<|im_start|>user\nWhy is the sky blue?<|im_end|>\n"
        "<|im_start|>assistant\n",
    ),
    "llama3": (
        "<|begin_of_text|>", "<|eot_id|>",
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>"
        "<|start_header_id|>user<|end_header_id|>\n\nWhy is the sky blue?<|eot_id|>"
        "<|start_header_id|>assistant<|end_header_id|>\n\n",
    ),
    "llama2": (
        "<s>", "</s>",
        "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi! [/INST] Hello. </s>"
        "<s>[INST] Why is the sky blue? [/INST]",
    ),
    "mistral": (
        "<s>", "</s>",
        "<s> [INST] Be brief.\n\nHi! [/INST] Hello.</s> [INST] Why is the sky blue? [/INST]",
    ),
    "gemma": (
        "<bos>", "<eos>",
        "<bos><start_of_turn>user\nBe brief.\n\nHi!<end_of_turn>\n"
        "<start_of_turn>model\nHello.<end_of_turn>\n"
        "<start_of_turn>user\nWhy is the sky blue?<end_of_turn>\n"
        "<start_of_turn>model\n",
    ),
    "phi3": (
        "<s>", "<|endoftext|>",
        "<|system|>\nBe brief.<|end|>\n<|user|>\nHi!<|end|>\n<|assistant|>\nHello.<|end|>\n"
        "<|user|>\nWhy is the sky blue?<|end|>\n<|assistant|>\n",
    ),
    "zephyr": (
        "<s>", "</s>",
        "<|system|>\nBe brief.</s>\n<|user|>\nHi!</s>\n<|assistant|>\nHello.</s>\n"
        "<|user|>\nWhy is the sky blue?</s>\n<|assistant|>\n",
    ),
    "chatml-tools": (
        "", "<|im_end|>",
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi!<|im_end|>\n"
        "<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nWhy is the sky blue?"
        "<|im_end|>\n<|im_start|>assistant\n",
    ),
}


def test_every_family_has_a_file_a_label_and_an_expected_prompt() -> None:
    assert set(FALLBACK_FAMILIES) == set(FAMILY_LABELS) == set(EXPECTED)
    assert {p.stem for p in TEMPLATES_DIR.glob("*.jinja")} == set(FALLBACK_FAMILIES)
    assert FALLBACK_FAMILIES[0] == "chatml"


@pytest.mark.parametrize("family", FALLBACK_FAMILIES)
def test_fallback_file_starts_with_its_provenance(family: str) -> None:
    source = fallback_source(family)
    header = re.match(r"\{# family: (\S+), source: (.+?), why: (.+?) #\}\n", source)
    assert header is not None, source[:200]
    assert header[1] == family
    assert "/" in header[2]  # a Hugging Face model id
    assert fallback_origin(family) == header[2]


@pytest.mark.parametrize("family", FALLBACK_FAMILIES)
def test_fallback_renders_a_conversation(family: str) -> None:
    bos, eos, expected = EXPECTED[family]
    template = ChatTemplate(fallback_source(family))
    out = template.render(SYSTEM_USER_ASSISTANT_USER, bos_token=bos, eos_token=eos)
    assert out == expected


@pytest.mark.parametrize("family", FALLBACK_FAMILIES)
def test_fallback_matches_transformers(family: str) -> None:
    chat_template_utils = pytest.importorskip("transformers.utils.chat_template_utils")
    bos, eos, _ = EXPECTED[family]
    source = fallback_source(family)
    for messages, add_generation_prompt in (
        (SYSTEM_USER_ASSISTANT_USER, True),
        (SYSTEM_USER_ASSISTANT_USER[1:], True),
        (SYSTEM_USER_ASSISTANT_USER[:3], False),
    ):
        (rendered,), _ = chat_template_utils.render_jinja_template(
            [messages], chat_template=source, add_generation_prompt=add_generation_prompt,
            bos_token=bos, eos_token=eos,
        )
        ours = ChatTemplate(source).render(
            messages, add_generation_prompt=add_generation_prompt, bos_token=bos, eos_token=eos
        )
        assert ours == rendered


def test_fallbacks_without_a_system_message() -> None:
    messages = SYSTEM_USER_ASSISTANT_USER[1:2]
    render = {f: ChatTemplate(fallback_source(f)).render(messages, bos_token="<s>",
                                                         eos_token="</s>")
              for f in FALLBACK_FAMILIES}
    assert render["gemma"] == "<s><start_of_turn>user\nHi!<end_of_turn>\n<start_of_turn>model\n"
    assert render["mistral"] == "<s> [INST] Hi! [/INST]"
    assert render["llama2"] == "<s>[INST] Hi! [/INST]"


@pytest.mark.parametrize(
    "messages",
    [
        SYSTEM_USER_ASSISTANT_USER,
        SYSTEM_USER_ASSISTANT_USER[1:],
        [{"role": "user", "content": "  spaced  \n"}],
        [{"role": "tool", "content": "{}"}],
        [],
    ],
)
def test_chatml_fallback_renders_like_the_chatml_constant(
    messages: Sequence[dict[str, str]],
) -> None:
    ours = ChatTemplate(fallback_source("chatml"))
    for add in (True, False):
        assert ours.render(messages, add_generation_prompt=add) == \
            ChatTemplate(CHATML).render(messages, add_generation_prompt=add)


def test_unknown_family_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown template family 'vicuna'"):
        fallback_source("vicuna")


# --- choosing: real models -----------------------------------------------------------------


def test_smollm2_uses_its_own_template(smollm2: ModelInfo) -> None:
    choice = choose_template(smollm2)
    assert (choice.mode, choice.origin, choice.family) == ("chat", "model", None)
    assert choice.source == smollm2.chat_template
    assert choice.label == "the model's own (tokenizer.chat_template)"
    # Forcing chat changes nothing for a model that has a template.
    assert choose_template(smollm2, force_mode="chat") == choice
    assert choose_template(smollm2, tools=True) == choice  # no tool_use variant


def test_smollm2_forced_to_completion(smollm2: ModelInfo) -> None:
    choice = choose_template(smollm2, force_mode="completion", override="{{ 'x' }}")
    assert (choice.mode, choice.source, choice.origin) == ("completion", None, "completion")
    assert "You chose completion mode" in choice.reason.message
    assert choice.reason.code == "template.reason.completion_chosen"


def test_gemma3_base_is_completion_mode(gemma3: ModelInfo) -> None:
    assert gemma3.chat_template is None
    assert instruction_tuned_clue(gemma3) is None
    choice = choose_template(gemma3)
    assert (choice.mode, choice.source, choice.origin) == ("completion", None, "completion")
    assert choice.label == "completion mode (base model)"
    assert "base model" in choice.reason.message
    assert choice.reason.code == "template.reason.base_model"


def test_gemma3_forced_to_chat_gets_the_builtin_gemma(gemma3: ModelInfo) -> None:
    choice = choose_template(gemma3, force_mode="chat")
    assert (choice.mode, choice.origin, choice.family) == ("chat", "fallback", "gemma")
    assert choice.source == fallback_source("gemma")
    assert choice.label.startswith("built-in Gemma (guessed from")
    assert "You chose chat mode" in choice.reason.message
    assert "<start_of_turn>" in choice.reason.message
    # The kind of evidence is in the code, so a translation names it too.
    assert choice.reason.code == "template.reason.chat_chosen.special_tokens"
    assert choice.reason.fields == {"family": "Gemma", "detail": "<start_of_turn>"}


def test_gemma3_renamed_instruct_gets_the_builtin_gemma(gemma3: ModelInfo) -> None:
    renamed = replace(gemma3, path=gemma3.path.with_name("gemma-3-270m-it-Q4_K_M.gguf"))
    choice = choose_template(renamed)
    assert (choice.mode, choice.origin, choice.family) == ("chat", "fallback", "gemma")
    assert "'it' in 'gemma-3-270m-it-Q4_K_M'" in choice.reason.message
    assert choice.reason.code == "template.reason.tuned_name.special_tokens"
    assert choice.reason.fields["name"] == "'gemma-3-270m-it-Q4_K_M'"


def test_gemma_architecture_alone_picks_gemma(gemma3: ModelInfo) -> None:
    bare = replace(gemma3, special_tokens=frozenset())
    family, clue = guess_family(bare)
    assert family == "gemma"
    assert clue is not None and clue.what == "architecture"
    choice = choose_template(bare, force_mode="chat")
    assert choice.label == "built-in Gemma (guessed from the architecture)"


# --- choosing: synthetic models ------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "family", "clue"),
    [
        ({"special_tokens": frozenset({"<|im_start|>", "<|im_end|>"})}, "chatml",
         "special tokens"),
        ({"special_tokens": frozenset({"<|start_header_id|>", "<|eot_id|>"})}, "llama3",
         "special tokens"),
        ({"special_tokens": frozenset({"<start_of_turn>", "<end_of_turn>"})}, "gemma",
         "special tokens"),
        ({"special_tokens": frozenset({"<|user|>", "<|end|>"}), "architecture": "phi3"},
         "phi3", "special tokens"),
        ({"special_tokens": frozenset({"<|user|>", "<|assistant|>"}),
          "architecture": "stablelm"}, "zephyr", "special tokens"),
        ({"special_tokens": frozenset({"[INST]", "[/INST]"})}, "mistral", "special tokens"),
        ({"special_tokens": frozenset({"[INST]"}), "name": "Llama 2 7B Chat"}, "llama2",
         "special tokens and name"),
        ({"architecture": "gemma2"}, "gemma", "architecture"),
        ({"architecture": "phi3"}, "phi3", "architecture"),
        ({"name": "Llama-2-13b-chat"}, "llama2", "name"),
        ({"name": "CodeLlama 7B Instruct"}, "llama2", "name"),
        ({"name": "Meta Llama 3.1 8B Instruct"}, "llama3", "name"),
        ({"name": "Mistral 7B Instruct v0.2"}, "mistral", "name"),
        ({"basename": "Mixtral"}, "mistral", "name"),
        ({"name": "zephyr-7b-beta", "basename": "mistral"}, "zephyr", "name"),
        ({"name": "TinyLlama 1.1B Chat v1.0"}, "zephyr", "name"),
        ({"name": "LLaMA 30B"}, "chatml", None),  # the first LLaMA, not Llama 3
        ({"name": "Qwen2.5 7B Instruct", "architecture": "qwen2"}, "chatml", None),
    ],
)
def test_family_detection(
    smollm2: ModelInfo, changes: dict[str, Any], family: str, clue: str | None
) -> None:
    info = synthetic(smollm2, **changes)
    found, evidence = guess_family(info)
    assert found == family
    assert (evidence.what if evidence else None) == clue
    choice = choose_template(info, force_mode="chat")
    assert (choice.origin, choice.family, choice.source) == (
        "fallback", family, fallback_source(family))


def test_special_tokens_beat_the_name(smollm2: ModelInfo) -> None:
    # OpenHermes 2.5 is a Mistral fine-tune trained on ChatML.
    info = synthetic(smollm2, name="OpenHermes 2.5 Mistral 7B",
                     special_tokens=frozenset({"<|im_start|>", "<|im_end|>"}))
    assert choose_template(info).family == "chatml"


def test_nothing_known_falls_back_to_chatml(smollm2: ModelInfo) -> None:
    choice = choose_template(synthetic(smollm2, name="Mystery Instruct"))
    assert (choice.mode, choice.origin, choice.family) == ("chat", "fallback", "chatml")
    assert choice.label == "built-in ChatML (nothing named the model's format)"


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "gemma-3-270m-it"},
        {"name": "Gemma 3 1B IT"},
        {"name": "Mistral-7B-Instruct-v0.3"},
        {"name": "Llama-2-7b-chat-hf"},
        {"name": "OpenHermes-2.5"},
        {"name": "zephyr-7b-beta"},
        {"name": "openchat_3.5"},
        {"name": "dolphin-2.6-mistral"},
        {"name": "vicuna-13b-v1.5"},
        {"name": "Qwen Assistant"},
        {"name": "SmolLM2-360M-SFT"},
        {"name": "tulu-2-dpo-7b"},
        {"finetune": "instruct"},
        {"finetune": "it"},
        {"basename": "WizardLM-2"},
        {"path": Path("/m/phi-3-mini-4k-instruct-q4.gguf")},
        {"path": Path("/m/gemma-2-9b-it.Q4_K_M.gguf")},
        {"eos_token": "<|im_end|>"},
        {"eos_token": "<|eot_id|>"},
    ],
)
def test_looks_instruction_tuned(smollm2: ModelInfo, changes: dict[str, Any]) -> None:
    info = synthetic(smollm2, **changes)
    assert instruction_tuned_clue(info) is not None
    assert choose_template(info).mode == "chat"


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "Gemma 3 270m", "basename": "gemma-3"},
        {"name": "gemma-3-270m"},
        {"name": "Mistral-7B-v0.1"},
        {"name": "Llama-2-7b-hf"},
        {"name": "Phi-3 lite"},  # "it" only inside a word
        {"name": "Microsoft Phi-2"},  # "sft" only inside a word
        {"name": "Qwen2.5 7B", "eos_token": "<|endoftext|>",
         "special_tokens": frozenset({"<|im_start|>", "<|im_end|>"})},
        {"name": "Italian GPT", "path": Path("/m/granite-3b-base.gguf")},
        {"path": Path("/m/SmolLM2-135M.Q8_0.gguf")},
    ],
)
def test_looks_like_a_base_model(smollm2: ModelInfo, changes: dict[str, Any]) -> None:
    info = synthetic(smollm2, **changes)
    assert instruction_tuned_clue(info) is None
    choice = choose_template(info)
    assert (choice.mode, choice.source, choice.origin) == ("completion", None, "completion")
    assert choose_template(info, force_mode="chat").origin == "fallback"


def test_tool_use_variant(smollm2: ModelInfo) -> None:
    variants = {"tool_use": "{{ 'tools' }}", "rag": "{{ 'rag' }}"}
    info = replace(smollm2, chat_templates=variants)
    assert choose_template(info).origin == "model"
    choice = choose_template(info, tools=True)
    assert (choice.origin, choice.source) == ("model-variant", "{{ 'tools' }}")
    assert choice.label == "tool_use variant from the model"
    assert "Tools are enabled" in choice.reason.message
    # Only a tool_use variant: still the model's own format, tools or not.
    only = replace(info, chat_template=None)
    assert choose_template(only).origin == "model-variant"
    # Other variants alone are not used.
    rag_only = synthetic(smollm2, chat_templates={"rag": "{{ 'rag' }}"})
    assert choose_template(rag_only).origin == "completion"


def test_override_wins(smollm2: ModelInfo, gemma3: ModelInfo) -> None:
    mine = "{% for m in messages %}{{ m['content'] }}{% endfor %}"
    for info in (smollm2, gemma3, replace(smollm2, chat_templates={"tool_use": "x"})):
        choice = choose_template(info, override=mine, tools=True, force_mode="chat")
        assert (choice.mode, choice.source, choice.origin) == ("chat", mine, "override")
        assert choice.label == "your override"
        assert choose_template(info, override=mine) == choice
    # A blank override is no override.
    assert choose_template(smollm2, override="  \n").origin == "model"


def test_an_empty_template_in_the_file_is_ignored(smollm2: ModelInfo) -> None:
    info = synthetic(smollm2, chat_template="  ", name="Foo Instruct")
    assert choose_template(info).origin == "fallback"


def test_reasons_are_one_sentence(smollm2: ModelInfo, gemma3: ModelInfo) -> None:
    choices = [
        choose_template(smollm2),
        choose_template(smollm2, override="x"),
        choose_template(smollm2, force_mode="completion"),
        choose_template(gemma3),
        choose_template(gemma3, force_mode="chat"),
        choose_template(synthetic(smollm2, name="X Instruct")),
        choose_template(replace(smollm2, chat_templates={"tool_use": "x"}), tools=True),
    ]
    for choice in choices:
        reason = choice.reason.message
        assert choice.reason.code.startswith("template.reason.")
        assert reason.endswith(".")
        assert reason[0].isupper()
        assert reason.count(". ") == 0, reason
        assert "{" not in reason, reason  # every field filled
        assert choice.label


@pytest.mark.parametrize("tuned", [
    None, Clue(Evidence.NAME, "'it'", "'x-it'"), Clue(Evidence.EOS_TOKEN, "<|im_end|>")])
@pytest.mark.parametrize("clue", [
    None, *(Clue(kind, "x") for kind in Evidence if kind is not Evidence.EOS_TOKEN)])
def test_every_fallback_reason_is_one_filled_sentence(tuned: Clue | None,
                                                      clue: Clue | None) -> None:
    reason = fallback_reason("Gemma", tuned, clue)
    assert reason.code.startswith("template.reason.")
    text = reason.message
    assert text[0].isupper() and text.endswith(".") and text.count(". ") == 0, text
    assert "{" not in text and "Gemma" in text
    if clue is not None:
        assert f"{clue.what} (x)" in text  # the evidence is named, then quoted
    if tuned is not None:
        assert tuned.detail in text


def test_a_template_that_does_not_compile_falls_back_and_says_so(gemma3: ModelInfo) -> None:
    with pytest.raises(TemplateError) as caught:
        ChatTemplate("{% for m in messages %}{{ m.content }")
    choice = after_compile_error(gemma3, caught.value.problem)
    assert (choice.mode, choice.origin, choice.family) == ("chat", "fallback", "gemma")
    assert choice.source == fallback_source("gemma")
    assert choice.reason.code == "template.reason.broken"
    # The compile error is the cause: its own code, translated where it is shown.
    assert choice.reason.cause == caught.value.problem
    assert choice.reason.message.startswith(
        "Prosa uses its built-in Gemma template, because the chosen one could not be used: "
        "The chat template has a syntax error on line 1")


# --- overrides -------------------------------------------------------------------------------

MINE = "{% for m in messages %}[{{ m['role'] }}] {{ m['content'] }}\n{% endfor %}"


def test_overrides_round_trip(smollm2: ModelInfo, gemma3: ModelInfo, prosa_home: Path) -> None:
    store = TemplateOverrides()
    assert store.get(smollm2) is None
    store.set(smollm2, MINE)
    assert store.get(smollm2) == MINE
    assert store.get(gemma3) is None
    path = prosa_home / "config" / "template_overrides.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {model_key(smollm2): MINE}
    again = TemplateOverrides(path)
    assert (again.get(smollm2), again.notice) == (MINE, None)
    assert choose_template(smollm2, override=again.get(smollm2)).origin == "override"
    again.clear(smollm2)
    again.clear(smollm2)  # clearing twice is fine
    assert TemplateOverrides().get(smollm2) is None


def test_override_key_ignores_the_folder(smollm2: ModelInfo, tmp_path: Path) -> None:
    store = TemplateOverrides(tmp_path / "o.json")
    store.set(smollm2, MINE)
    moved = replace(smollm2, path=Path("/elsewhere/entirely") / smollm2.path.name)
    assert store.get(moved) == MINE
    assert model_key(smollm2) == f"SmolLM2-135M-Instruct.Q4_1.gguf:{smollm2.file_size}"
    # Same name, different size: another file.
    assert store.get(replace(smollm2, file_size=smollm2.file_size + 1)) is None


def test_overrides_by_path(smollm2: ModelInfo, tmp_path: Path) -> None:
    """The window knows the loaded model by its path only; both forms must agree."""
    store = TemplateOverrides(tmp_path / "o.json")
    store.set(str(smollm2.path), MINE)
    assert model_key(smollm2.path) == model_key(str(smollm2.path)) == model_key(smollm2)
    assert store.get(smollm2) == store.get(smollm2.path) == MINE
    gone = tmp_path / "gone.gguf"
    assert store.get(gone) is None
    store.clear(gone)
    with pytest.raises(ModelFileError, match=r"gone\.gguf cannot be read"):
        store.set(gone, MINE)
    store.clear(str(smollm2.path))
    assert store.get(smollm2) is None


def test_a_broken_override_is_refused_with_its_line(smollm2: ModelInfo, tmp_path: Path) -> None:
    store = TemplateOverrides(tmp_path / "o.json")
    broken = "{% for m in messages %}\n{{ m['content'] }}\n{% if %}\n{% endfor %}"
    with pytest.raises(TemplateError) as info:
        store.set(smollm2, broken)
    assert "line 3" in info.value.message
    assert store.get(smollm2) is None
    assert not (tmp_path / "o.json").exists()


def test_empty_and_huge_overrides_are_refused(smollm2: ModelInfo, tmp_path: Path) -> None:
    store = TemplateOverrides(tmp_path / "o.json")
    with pytest.raises(BadInput, match="empty"):
        store.set(smollm2, " \n ")
    with pytest.raises(BadInput, match="characters long"):
        store.set(smollm2, "x" * 1_000_001)


def test_a_damaged_overrides_file_is_set_aside(smollm2: ModelInfo, tmp_path: Path) -> None:
    path = tmp_path / "o.json"
    path.write_text("{not json", encoding="utf-8")
    store = TemplateOverrides(path)
    assert store.notice is not None and store.notice.code == "template.overrides_damaged"
    assert "damaged" in store.notice.message
    assert store.notice.fields["kept_as"] == "o.json.damaged-1"
    assert "o.json.damaged-1" in store.notice.message
    assert store.get(smollm2) is None
    store.set(smollm2, MINE)
    assert TemplateOverrides(path).get(smollm2) == MINE


def test_odd_entries_in_the_overrides_file_are_dropped(
    smollm2: ModelInfo, tmp_path: Path
) -> None:
    path = tmp_path / "o.json"
    path.write_text(json.dumps({model_key(smollm2): 42, "other:1": MINE}), encoding="utf-8")
    store = TemplateOverrides(path)
    assert (store.get(smollm2), store.notice) == (None, None)
    path.write_text("[1, 2]", encoding="utf-8")
    store = TemplateOverrides(path)
    assert store.notice is not None and "not in the expected format" in store.notice.message
