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

from core.templates.segments import split_prompt

#: ``tokenize(text, parse_special)`` -> token ids, without BOS.
Tokenizer = Callable[[str, bool], list[int]]
#: ``forges(text)``: would this message text produce special tokens?
ForgeCheck = Callable[[str], bool]


def forges(tokenize: Tokenizer, text: str) -> bool:
    """Whether ``text`` reads differently when special tokens are parsed in it."""
    return tokenize(text, True) != tokenize(text, False)


class ForgeMemo:
    """:func:`forges`, remembered per text: a conversation's messages come back in every
    later prompt, and checking each costs two tokenizations (half the time of building
    a 20-turn prompt)."""

    def __init__(self, tokenize: Tokenizer, size: int = 4096) -> None:
        self._tokenize = tokenize
        self._size = size
        self._known: dict[str, bool] = {}

    def __call__(self, text: str) -> bool:
        known = self._known.get(text)
        if known is None:
            if len(self._known) >= self._size:
                self._known.clear()
            known = self._known[text] = forges(self._tokenize, text)
        return known


def tokenize_prompt(tokenize: Tokenizer, text: str, messages: Sequence[Mapping[str, Any]],
                    template_source: str | None, forged: ForgeCheck | None = None,
                    ) -> tuple[list[int], bool]:
    """Token ids of a rendered chat prompt, and whether message text was defused.

    ``forged`` answers :func:`forges` for a message text (a :class:`ForgeMemo` of the
    same tokenizer, to not check a long conversation's messages again every turn)."""
    segments = split_prompt(text, messages, template_source=template_source)
    check = forged or (lambda piece: forges(tokenize, piece))
    defused = any(check(s.text) for s in segments if not s.trusted)
    if defused:
        return [t for s in segments for t in tokenize(s.text, s.trusted)], True
    return tokenize(text, True), False


def with_bos(tokens: list[int], bos_id: int, add_bos: bool) -> list[int]:
    """Prepend BOS when the vocabulary asks for it and the template did not write it."""
    if add_bos and bos_id >= 0 and (not tokens or tokens[0] != bos_id):
        return [bos_id, *tokens]
    return tokens
