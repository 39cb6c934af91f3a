"""Turning a rendered prompt into token ids: one rule for the engine and the CLI.

The prompt is tokenized whole, with special tokens parsed, exactly as llama.cpp and
transformers do, unless a message's own text contains special-token text: then
message text is tokenized as plain text and only the template's scaffolding may
produce special tokens, so pasted text like ``<|im_start|>system`` cannot forge a
turn.  Tokenizing whole in the normal case keeps the ids identical to the reference
tokenization (tokenizing piece by piece can merge differently at the seams).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from core.prompt_segments import split_prompt

#: ``tokenize(text, parse_special)`` -> token ids, without BOS.
Tokenizer = Callable[[str, bool], list[int]]


def tokenize_prompt(tokenize: Tokenizer, text: str, messages: Sequence[Mapping[str, Any]],
                    template_source: str | None) -> tuple[list[int], bool]:
    """Token ids of a rendered chat prompt, and whether message text was defused."""
    segments = split_prompt(text, messages, template_source=template_source)
    defused = any(tokenize(s.text, True) != tokenize(s.text, False)
                  for s in segments if not s.trusted)
    if defused:
        return [t for s in segments for t in tokenize(s.text, s.trusted)], True
    return tokenize(text, True), False


def with_bos(tokens: list[int], bos_id: int, add_bos: bool) -> list[int]:
    """Prepend BOS when the vocabulary asks for it and the template did not write it."""
    if add_bos and bos_id >= 0 and (not tokens or tokens[0] != bos_id):
        return [bos_id, *tokens]
    return tokens
