"""Which output family a model writes, from what its files show.

A model's output format is fixed by how it was trained, and the best witness of that
training is its chat template: a template renders past tool calls and reasoning in the
very markers the model learned to write (Qwen3's renders ``<tool_call>`` and
``<think>``, gpt-oss's ``<|channel|>``).  So the template speaks first.  A model that
ships no template (or one without any marker) may still carry the family's special
tokens in its vocabulary; failing those, its architecture and name are a last guess.

Order matters inside each list: several families share markers (GLM and Qwen-XML
both wrap calls in ``<tool_call>``; Hermes-style models also write ``<think>``), so the
more specific marker is tried first.  Whatever this guesses, settings and the CLI can
name a family instead (``Family(value)``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from core.output.types import Family

#: Markers a template renders, most specific first; all of one entry must appear.
_TEMPLATE_MARKERS: tuple[tuple[tuple[str, ...], Family], ...] = (
    (("<|channel|>",), Family.GPT_OSS),  # Harmony: analysis/commentary/final channels
    (("<|tool_calls_section_begin|>",), Family.KIMI),
    (("<｜tool▁calls▁begin｜>",), Family.DEEPSEEK),
    (("｜DSML｜",), Family.DEEPSEEK),  # DeepSeek V3.2's markup for calls
    (("[TOOL_CALLS]",), Family.MISTRAL),
    (("[THINK]",), Family.MISTRAL),  # Magistral
    (("<|tool_call>",), Family.GEMMA4),  # not Granite's "<|tool_call|>"
    (("<|channel>",), Family.GEMMA4),  # not Harmony's "<|channel|>"
    (("<arg_key>",), Family.GLM),  # GLM also writes <tool_call>: before Hermes
    (("<tool_call>", "<function="), Family.QWEN_XML),
    (("<tool_call>",), Family.HERMES),
    (("<|python_tag|>",), Family.LLAMA3),
    (("ipython",), Family.LLAMA3),  # Llama 3.1+'s role for tool results
    (("<think>",), Family.HERMES),  # reasoning only: Hermes' parser reads <think>
)

#: Special tokens of a vocabulary that only one family has, most specific first.
_TOKEN_MARKERS: tuple[tuple[str, Family], ...] = (
    ("<|channel|>", Family.GPT_OSS),
    ("<|tool_calls_section_begin|>", Family.KIMI),
    ("<｜tool▁calls▁begin｜>", Family.DEEPSEEK),
    ("[TOOL_CALLS]", Family.MISTRAL),
    ("[THINK]", Family.MISTRAL),
    ("<|tool_call>", Family.GEMMA4),
    ("<|channel>", Family.GEMMA4),
    ("<arg_key>", Family.GLM),
    ("<|python_tag|>", Family.LLAMA3),
    ("<tool_call>", Family.HERMES),
    ("<think>", Family.HERMES),
)

#: Words of an architecture or model name, most specific first (``hermes`` before
#: ``mistral``: OpenHermes-2.5-Mistral writes Hermes' format; ``kimi`` before
#: ``deepseek2``, the architecture Kimi K2 shares).
_NAME_MARKERS: tuple[tuple[str, Family], ...] = (
    (r"gpt-?oss", Family.GPT_OSS),
    (r"kimi", Family.KIMI),
    (r"hermes|smollm3|qwq", Family.HERMES),
    (r"qwen3[-_.]?coder|qwen3[._]5|qwen3[._]6", Family.QWEN_XML),
    (r"qwen3|qwen2[._]5", Family.HERMES),
    (r"deepseek", Family.DEEPSEEK),
    (r"magistral|devstral|ministral|mistral|mixtral", Family.MISTRAL),
    (r"glm-?4[._]?[5-9]|glm4moe|glm-?5", Family.GLM),
    (r"gemma-?4", Family.GEMMA4),
    (r"llama-?3[._][1-3]|llama-?4", Family.LLAMA3),
)


def detect_family(template_source: str | None, special_tokens: Iterable[str],
                  architecture: str | None = None, model_name: str = "") -> Family:
    """The family of a model's output: from the markers its template renders, else the
    family-only special tokens of its vocabulary, else its architecture and name;
    ``Family.PLAIN`` when nothing speaks for a family."""
    if template_source:
        for markers, family in _TEMPLATE_MARKERS:
            if all(marker in template_source for marker in markers):
                return family
    tokens = frozenset(special_tokens)
    named = _by_name(f"{architecture or ''} {model_name}")
    for token, family in _TOKEN_MARKERS:
        if token in tokens:
            # Qwen3-Coder's vocabulary is Qwen3's: only its name tells XML calls apart.
            return named if family is Family.HERMES and named is Family.QWEN_XML else family
    return named or Family.PLAIN


def _by_name(text: str) -> Family | None:
    lowered = text.lower()
    for pattern, family in _NAME_MARKERS:
        if re.search(pattern, lowered):
            return family
    return None


#: Markers in output text, most specific first (see ``_TEMPLATE_MARKERS``).
_TEXT_MARKERS: tuple[tuple[tuple[str, ...], Family], ...] = (
    (("<|channel|>",), Family.GPT_OSS),
    (("<|message|>",), Family.GPT_OSS),
    (("<|tool_calls_section_begin|>",), Family.KIMI),
    (("<|tool_call_begin|>",), Family.KIMI),
    (("<｜tool▁calls▁begin｜>",), Family.DEEPSEEK),
    (("<｜tool▁call▁begin｜>",), Family.DEEPSEEK),
    (("｜DSML｜",), Family.DEEPSEEK),
    (("[TOOL_CALLS]",), Family.MISTRAL),
    (("[THINK]",), Family.MISTRAL),
    (("<|tool_call>",), Family.GEMMA4),
    (("<|channel>",), Family.GEMMA4),
    (("<arg_key>",), Family.GLM),
    (("<tool_call>", "<function="), Family.QWEN_XML),
    (("<tool_call>",), Family.HERMES),
    (("<|python_tag|>",), Family.LLAMA3),
    (("<｜end▁of▁sentence｜>",), Family.DEEPSEEK),
    (("<think>",), Family.HERMES),
    (("</think>",), Family.HERMES),  # the template opened <think>: only its end is written
)


def _bare_call_name(text: str) -> bool:
    """Whether the first ``<tool_call>`` holds a bare name (GLM's form) rather than
    Hermes's JSON object."""
    start = text.find("<tool_call>")
    if start < 0:
        return False
    body = text[start + len("<tool_call>"):].lstrip()
    end = body.find("</tool_call>")
    name = body[:end].strip() if end >= 0 else ""
    return bool(name) and name.replace("_", "").replace("-", "").replace(".", "").isalnum()


def family_of_text(text: str) -> Family:
    """The family whose markers ``text`` (a model's raw output) shows; for ``parse
    --format auto``, where there is no model to ask.  A reply that is one JSON object
    with ``name`` and ``parameters`` is Llama 3's call format; anything else without
    markers is plain."""
    for markers, family in _TEXT_MARKERS:
        if all(marker in text for marker in markers):
            if family is Family.HERMES and _bare_call_name(text):
                return Family.GLM  # GLM's call without arguments: <tool_call>NAME</tool_call>
            return family
    stripped = text.strip()
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            value = json.loads(stripped)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, dict) and "name" in value and "parameters" in value:
            return Family.LLAMA3
    return Family.PLAIN
