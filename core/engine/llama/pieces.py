"""Token ids to text, one token at a time, remembered.

Replies are decoded token by token as they stream; a vocabulary of ~50k tokens and
replies that reuse the same few thousand make a small cache worth more than repeated
calls into llama.cpp.
"""

from __future__ import annotations

import ctypes
from typing import Any


class Pieces:
    def __init__(self, vocab: Any) -> None:
        import llama_cpp

        self._low = llama_cpp
        self._vocab = vocab
        self._raw: dict[int, bytes] = {}
        self._shown: dict[int, str] = {}
        self._spelled: dict[int, bytes] = {}
        self._buffer = ctypes.create_string_buffer(64)

    def raw(self, token: int) -> bytes:
        """The bytes a token adds to the reply (control tokens add nothing)."""
        piece = self._raw.get(token)
        if piece is None:
            piece = self._raw[token] = self._piece(token, special=False)
        return piece

    def spelled(self, token: int) -> bytes:
        """The bytes a token adds to the text an output parser reads: control tokens
        spelled out (``<|channel|>``), since some families mark reasoning and calls
        with them."""
        piece = self._spelled.get(token)
        if piece is None:
            piece = self._spelled[token] = self._piece(token, special=True)
        return piece

    def shown(self, token: int) -> str:
        """The token spelled alone for a person: control tokens by name (``<|im_end|>``),
        a fragment of a multi-byte character as U+FFFD."""
        text = self._shown.get(token)
        if text is None:
            text = self._shown[token] = self._piece(token, special=True).decode(
                "utf-8", errors="replace")
        return text

    def _piece(self, token: int, special: bool) -> bytes:
        size = len(self._buffer)
        n = self._low.llama_token_to_piece(self._vocab, token, self._buffer, size, 0, special)
        if n < 0:  # the piece is longer than the buffer: -n bytes are needed
            self._buffer = ctypes.create_string_buffer(-n)
            n = self._low.llama_token_to_piece(self._vocab, token, self._buffer, -n, 0,
                                               special)
        return self._buffer.raw[:max(n, 0)]
