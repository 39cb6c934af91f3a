"""Decide how a model is prompted: which chat template, or no template at all.

A model answers well only in the turn format it was trained on, and a base model
(pretrained, never instruction-tuned) has no turn format: wrapping its input in chat
markers just makes it continue a strange document.  So the choice, in order:

1. the user's override for this model (they know better than any guess);
2. the template in the file (``tokenizer.chat_template``), or its ``tool_use``
   variant when tools are in play;
3. a built-in template for the model's family, but only for a model that looks
   instruction-tuned, since many GGUF conversions simply omit the template;
4. otherwise completion mode: the user writes text and the model continues it.

``force_mode`` is the user's word on step 3/4 when the guess about instruction
tuning is wrong.  Every choice carries a one-sentence reason, shown in the UI, so a
surprising format can be understood and corrected instead of silently degrading
answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from core.models.gguf import ModelInfo
from core.templates.fallbacks import FAMILY_LABELS, fallback_source

Origin = Literal["override", "model", "model-variant", "fallback", "completion"]
Mode = Literal["chat", "completion"]

TOOL_USE_VARIANT: Final = "tool_use"


@dataclass(frozen=True)
class TemplateChoice:
    """How to prompt one model; ``source`` is None in completion mode."""

    mode: Mode
    source: str | None
    origin: Origin
    #: Short, for the status bar and the template editor's title.
    label: str
    #: One English sentence: why this template (or none) was chosen.
    reason: str
    #: The built-in family when ``origin == "fallback"``.
    family: str | None


@dataclass(frozen=True)
class Clue:
    """Evidence for a guess, kept so the reason can quote it to the user."""

    what: str  # "special tokens", "architecture", "name", ...
    detail: str  # the token, word or value that decided it


def choose_template(
    info: ModelInfo,
    *,
    override: str | None = None,
    tools: bool = False,
    force_mode: Mode | None = None,
) -> TemplateChoice:
    """The template for ``info``; never raises, and never compiles anything.

    A blank override counts as none: an empty template renders an empty prompt,
    which is never what anyone meant.  Compiling (and falling back when the chosen
    text does not compile) is the caller's job, as only it knows what to tell whom.
    """
    if force_mode == "completion":
        return _completion(
            "completion mode (your choice)",
            "You chose completion mode, so no chat template is used and the model "
            "continues the text you write.",
        )
    if override is not None and override.strip():
        return TemplateChoice(
            "chat", override, "override", "your override",
            "You set a chat template of your own for this model.", None,
        )
    own = _own_template(info, tools)
    if own is not None:
        return own
    if force_mode == "chat":
        return _fallback(info, "You chose chat mode for a model whose file has no chat template")
    clue = instruction_tuned_clue(info)
    if clue is not None:
        return _fallback(
            info,
            f"The model file has no chat template, but its {clue.what} "
            f"({clue.detail}) says it is instruction-tuned",
        )
    return _completion(
        "completion mode (base model)",
        "The model file has no chat template and nothing about it says it was "
        "instruction-tuned, so Prosa treats it as a base model that continues the "
        "text you write.",
    )


def _completion(label: str, reason: str) -> TemplateChoice:
    return TemplateChoice("completion", None, "completion", label, reason, None)


def _own_template(info: ModelInfo, tools: bool) -> TemplateChoice | None:
    variant = info.chat_templates.get(TOOL_USE_VARIANT)
    if variant is not None and variant.strip() and (tools or not _has_text(info.chat_template)):
        why = (
            "Tools are enabled and the model file carries a tool_use template, which "
            "formats tool definitions and calls the way the model was trained."
            if tools else
            "The model file carries only a tool_use template, so Prosa uses it, as it is "
            "still the turn format the model was trained on."
        )
        return TemplateChoice(
            "chat", variant, "model-variant", "tool_use variant from the model", why, None
        )
    if info.chat_template is not None and _has_text(info.chat_template):
        return TemplateChoice(
            "chat", info.chat_template, "model", "the model's own (tokenizer.chat_template)",
            "The model file carries its own chat template, the format it was trained with.",
            None,
        )
    return None


def _has_text(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _fallback(info: ModelInfo, why: str) -> TemplateChoice:
    family, clue = guess_family(info)
    name = FAMILY_LABELS[family]
    if clue is None:
        label = f"built-in {name} (nothing named the model's format)"
        reason = (
            f"{why}, and nothing in it names its chat format, so Prosa uses its built-in "
            f"{name} template, the most common format."
        )
    else:
        label = f"built-in {name} (guessed from the {clue.what})"
        reason = (
            f"{why}, so Prosa uses its built-in {name} template, chosen from the "
            f"model's {clue.what} ({clue.detail})."
        )
    return TemplateChoice("chat", fallback_source(family), "fallback", label, reason, family)


# --- is it instruction-tuned? ----------------------------------------------------------

# Words distinctive enough to count anywhere in a name ("OpenHermes", "Llama-2-7b-chat").
_INSTRUCT_SUBSTRINGS: Final = re.compile(
    r"instruct|chat|hermes|zephyr|dolphin|vicuna|assistant|alpaca|wizardlm|wizardcoder"
)
# Short words that count only as a whole token: "gemma-3-270m-it" but not "Phi-3-lite",
# "sft" but not "microsoft".
_INSTRUCT_TOKENS: Final = frozenset({"it", "sft", "dpo", "orpo", "kto", "rlhf"})
_TOKEN_SPLIT: Final = re.compile(r"[^a-z0-9]+")
# An end-of-sequence token that closes a chat turn: converters set it on chat models
# only (a base Qwen ends on <|endoftext|>, its instruct twin on <|im_end|>).
_TURN_END_EOS: Final = frozenset({"<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<|end|>"})


def _names(info: ModelInfo) -> Iterator[tuple[str, str]]:
    """(kind, text) of every name the file and its metadata give the model."""
    meta = info.metadata
    yield "name", info.name or ""
    for key, kind in (("general.finetune", "fine-tune name"), ("general.basename", "base name")):
        value = meta.get(key)
        if isinstance(value, str):
            yield kind, value
    yield "file name", info.path.name.removesuffix(".gguf")


def instruction_tuned_clue(info: ModelInfo) -> Clue | None:
    """Why ``info`` looks instruction-tuned, or None for what looks like a base model.

    Names are the main evidence: chat fine-tunes say so ("Instruct", "-it", "chat",
    a fine-tune recipe like "DPO") and base models do not.  Chat special tokens in
    the vocabulary prove nothing, since base models ship them for their instruct
    twins (the Gemma 3 270M base has <start_of_turn>), but an end-of-sequence token
    that closes a chat turn does: converters only set that on chat models.
    """
    for kind, text in _names(info):
        lowered = text.lower()
        found = _INSTRUCT_SUBSTRINGS.search(lowered)
        if found is not None:
            return Clue(kind, f"{found.group()!r} in {text!r}")
        words = set(_TOKEN_SPLIT.split(lowered)) & _INSTRUCT_TOKENS
        if words:
            return Clue(kind, f"{min(words)!r} in {text!r}")
    if info.eos_token in _TURN_END_EOS:
        return Clue("end-of-sequence token", info.eos_token)
    return None


# --- which family? ---------------------------------------------------------------------


def guess_family(info: ModelInfo) -> tuple[str, Clue | None]:
    """The built-in family for ``info`` and what gave it away; ChatML with no clue.

    Special tokens come first: a turn marker in the vocabulary is the format the
    model was trained with, whatever it is called.  Names and the architecture
    decide the rest: [INST] is Mistral's and Llama 2's, and Llama 2's markers and
    Zephyr's are plain text in most vocabularies.
    """
    tokens = info.special_tokens
    names = " ".join(text for _, text in _names(info)).lower()
    arch = info.architecture.lower()
    for marker, family in (
        ("<|im_start|>", "chatml"),
        ("<|start_header_id|>", "llama3"),
        ("<start_of_turn>", "gemma"),
    ):
        if marker in tokens:
            return family, Clue("special tokens", marker)
    if "<|user|>" in tokens:
        # Phi-3 closes turns with <|end|>; Zephyr-style models close them with eos.
        if "<|end|>" in tokens:
            return "phi3", Clue("special tokens", "<|user|> and <|end|>")
        return "zephyr", Clue("special tokens", "<|user|> without <|end|>")
    if "[INST]" in tokens:
        if _LLAMA2_NAME.search(names):
            return "llama2", Clue("special tokens and name", "[INST], Llama 2")
        return "mistral", Clue("special tokens", "[INST]")
    return _family_from_name_or_architecture(names, arch)


_ZEPHYR_NAME: Final = re.compile(r"zephyr|tinyllama")
# (?!\d): "llama-30b" is the first LLaMA, not Llama 3.
_LLAMA3_NAME: Final = re.compile(r"llama[\s_-]?v?3(?!\d)")
_LLAMA2_NAME: Final = re.compile(r"llama[\s_-]?v?2(?!\d)|codellama")
_MISTRAL_NAME: Final = re.compile(r"mistral|mixtral")


def _family_from_name_or_architecture(names: str, arch: str) -> tuple[str, Clue | None]:
    # Names first: Zephyr and TinyLlama-Chat are Mistral and Llama underneath.
    for pattern, family in (
        (_ZEPHYR_NAME, "zephyr"),
        (_LLAMA3_NAME, "llama3"),
        (_LLAMA2_NAME, "llama2"),
        (_MISTRAL_NAME, "mistral"),
    ):
        found = pattern.search(names)
        if found is not None:
            return family, Clue("name", repr(found.group()))
    for prefix, family in (("gemma", "gemma"), ("phi3", "phi3"), ("mistral", "mistral")):
        if arch.startswith(prefix):
            return family, Clue("architecture", arch)
    return "chatml", None
