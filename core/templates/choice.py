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
answers; the sentences are in :mod:`core.templates.reasons`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from core.errors import Problem
from core.models.gguf import ModelInfo
from core.templates.fallbacks import FAMILY_LABELS, fallback_source
from core.templates.reasons import (
    BASE_MODEL,
    COMPLETION_CHOSEN,
    OVERRIDE,
    OWN,
    TOOL_USE_FOR_TOOLS,
    TOOL_USE_ONLY,
    Clue,
    Evidence,
    broken_reason,
    fallback_reason,
)

__all__ = ["Clue", "Evidence", "TemplateChoice", "after_compile_error", "choose_template",
           "guess_family", "instruction_tuned_clue"]

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
    #: One sentence (as a problem, for the user's language): why this template (or
    #: none) was chosen.
    reason: Problem
    #: The built-in family when ``origin == "fallback"``.
    family: str | None


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
        return _completion("completion mode (your choice)", COMPLETION_CHOSEN)
    if override is not None and override.strip():
        return TemplateChoice("chat", override, "override", "your override", OVERRIDE, None)
    own = _own_template(info, tools)
    if own is not None:
        return own
    if force_mode == "chat":
        return _fallback(info, None)
    clue = instruction_tuned_clue(info)
    if clue is not None:
        return _fallback(info, clue)
    return _completion("completion mode (base model)", BASE_MODEL)


def after_compile_error(info: ModelInfo, error: Problem) -> TemplateChoice:
    """The built-in template for ``info`` when the chosen template does not compile
    (``error``): the model still loads, and the reason says what was wrong."""
    family, clue = guess_family(info)
    reason = broken_reason(FAMILY_LABELS[family], error)
    return TemplateChoice("chat", fallback_source(family), "fallback",
                          _fallback_label(family, clue), reason, family)


def _completion(label: str, reason: Problem) -> TemplateChoice:
    return TemplateChoice("completion", None, "completion", label, reason, None)


def _own_template(info: ModelInfo, tools: bool) -> TemplateChoice | None:
    variant = info.chat_templates.get(TOOL_USE_VARIANT)
    if variant is not None and variant.strip() and (tools or not _has_text(info.chat_template)):
        why = TOOL_USE_FOR_TOOLS if tools else TOOL_USE_ONLY
        return TemplateChoice(
            "chat", variant, "model-variant", "tool_use variant from the model", why, None
        )
    if info.chat_template is not None and _has_text(info.chat_template):
        return TemplateChoice(
            "chat", info.chat_template, "model", "the model's own (tokenizer.chat_template)",
            OWN, None,
        )
    return None


def _has_text(text: str | None) -> bool:
    return text is not None and bool(text.strip())


def _fallback(info: ModelInfo, tuned: Clue | None) -> TemplateChoice:
    """A built-in template: ``tuned`` says why the model chats (None: the user said so)."""
    family, clue = guess_family(info)
    reason = fallback_reason(FAMILY_LABELS[family], tuned, clue)
    return TemplateChoice("chat", fallback_source(family), "fallback",
                          _fallback_label(family, clue), reason, family)


def _fallback_label(family: str, clue: Clue | None) -> str:
    name = FAMILY_LABELS[family]
    if clue is None:
        return f"built-in {name} (nothing named the model's format)"
    return f"built-in {name} (guessed from the {clue.what})"


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


def _names(info: ModelInfo) -> Iterator[str]:
    """Every name the file and its metadata give the model: its name, fine-tune name,
    base name and file name."""
    yield info.name or ""
    for key in ("general.finetune", "general.basename"):
        value = info.metadata.get(key)
        if isinstance(value, str):
            yield value
    yield info.path.name.removesuffix(".gguf")


def instruction_tuned_clue(info: ModelInfo) -> Clue | None:
    """Why ``info`` looks instruction-tuned, or None for what looks like a base model.

    Names are the main evidence: chat fine-tunes say so ("Instruct", "-it", "chat",
    a fine-tune recipe like "DPO") and base models do not.  Chat special tokens in
    the vocabulary prove nothing, since base models ship them for their instruct
    twins (the Gemma 3 270M base has <start_of_turn>), but an end-of-sequence token
    that closes a chat turn does: converters only set that on chat models.
    """
    for text in _names(info):
        lowered = text.lower()
        found = _INSTRUCT_SUBSTRINGS.search(lowered)
        if found is not None:
            return Clue(Evidence.NAME, repr(found.group()), repr(text))
        words = set(_TOKEN_SPLIT.split(lowered)) & _INSTRUCT_TOKENS
        if words:
            return Clue(Evidence.NAME, repr(min(words)), repr(text))
    if info.eos_token in _TURN_END_EOS:
        return Clue(Evidence.EOS_TOKEN, info.eos_token)
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
    names = " ".join(_names(info)).lower()
    arch = info.architecture.lower()
    for marker, family in (
        ("<|im_start|>", "chatml"),
        ("<|start_header_id|>", "llama3"),
        ("<start_of_turn>", "gemma"),
    ):
        if marker in tokens:
            return family, Clue(Evidence.SPECIAL_TOKENS, marker)
    if "<|user|>" in tokens:
        # Phi-3 closes turns with <|end|>; Zephyr-style models close them with eos.
        if "<|end|>" in tokens:
            return "phi3", Clue(Evidence.SPECIAL_TOKENS, "<|user|>, <|end|>")
        return "zephyr", Clue(Evidence.SPECIAL_TOKENS, "<|user|>")
    if "[INST]" in tokens:
        if _LLAMA2_NAME.search(names):
            return "llama2", Clue(Evidence.SPECIAL_TOKENS_AND_NAME, "[INST], Llama 2")
        return "mistral", Clue(Evidence.SPECIAL_TOKENS, "[INST]")
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
            return family, Clue(Evidence.NAME, repr(found.group()))
    for prefix, family in (("gemma", "gemma"), ("phi3", "phi3"), ("mistral", "mistral")):
        if arch.startswith(prefix):
            return family, Clue(Evidence.ARCHITECTURE, arch)
    return "chatml", None
