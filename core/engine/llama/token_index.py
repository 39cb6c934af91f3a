"""Which tokens a grammar may allow next, found without asking about all of them.

llama.cpp checks a candidate against a grammar by decoding its whole text and walking
the grammar's stacks; over a 49k vocabulary that costs 5 to 15 ms a token on a 2-core
laptop (measured with SmolLM2), more than the model's own step.  But a grammar allows
a token only if it allows the token's first character, so the vocabulary is indexed
by its tokens' first byte (and, for the few bytes that start thousands of tokens, such
as the space, by the second byte too).  Asking the grammar about one single-byte
token per byte says which groups can hold an allowed token; only those are checked in
full.  The result is exactly the set the full check gives (a test compares them).

Tokens whose text the grammar does not read that way are always checked: control and
user-defined tokens (a grammar may name them: ``<[id]>``), the end-of-generation
tokens (allowed only where the grammar is complete), and tokens whose first bytes have
no single-byte token to ask with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from core.engine.llama.grammar_sampler import Candidates, Grammar

Ids = npt.NDArray[np.int64]

#: Groups larger than this are split by their tokens' second byte.
SPLIT_ABOVE = 2048


class TokenIndex:
    def __init__(self, n_vocab: int, spelled: Callable[[int], bytes],
                 special: Callable[[int], bool], is_end: Callable[[int], bool]) -> None:
        firsts = np.full(n_vocab, -1, dtype=np.int64)
        seconds = np.full(n_vocab, -1, dtype=np.int64)
        always: list[int] = []
        single: dict[int, int] = {}
        for token in range(n_vocab):
            piece = spelled(token)
            if is_end(token) or special(token):
                always.append(token)
                continue
            if not piece:
                continue  # the grammar refuses empty pieces
            firsts[token] = piece[0]
            if len(piece) > 1:
                seconds[token] = piece[1]
            else:
                single.setdefault(piece[0], token)
        self.n_vocab = n_vocab
        #: One single-byte token per byte value, to ask the grammar with.
        self._probe_bytes = np.array(sorted(single), dtype=np.int64)
        self._probes = np.array([single[b] for b in sorted(single)], dtype=np.int64)
        unprobed = (firsts >= 0) & ~np.isin(firsts, self._probe_bytes)
        self._always = np.union1d(np.array(always, dtype=np.int64),
                                  np.nonzero(unprobed)[0]).astype(np.int64)
        self._groups: dict[int, Ids] = {}
        #: For split groups: the tokens of one byte, by second byte, and those that
        #: are that byte alone or whose second byte cannot be asked about.
        self._split: dict[int, dict[int, Ids]] = {}
        self._kept: dict[int, Ids] = {}
        for byte in self._probe_bytes.tolist():
            members = np.nonzero(firsts == byte)[0].astype(np.int64)
            if members.shape[0] <= SPLIT_ABOVE:
                self._groups[byte] = members
                continue
            second = seconds[members]
            askable = np.isin(second, self._probe_bytes)
            self._kept[byte] = members[~askable]
            self._split[byte] = {int(b): members[second == b]
                                 for b in np.unique(second[askable]).tolist()}

    def candidates(self, grammar: Grammar, scratch: Candidates) -> Ids:
        """Every token the grammar may allow now (ascending ids): a superset of the
        allowed tokens, and usually a small one."""
        return np.sort(np.concatenate(self.groups(grammar, scratch)))

    def groups(self, grammar: Grammar, scratch: Candidates) -> list[Ids]:
        """:meth:`candidates` as disjoint groups, not yet joined (joining 49k ids costs
        more than the rest: a caller that may not need them all counts first)."""
        parts = [self._always]
        for byte in self._allowed_bytes(grammar, scratch):
            group = self._groups.get(byte)
            if group is not None:
                parts.append(group)
                continue
            parts.append(self._kept[byte])
            with grammar.clone() as after:
                after.accept(int(self._probes[np.searchsorted(self._probe_bytes, byte)]))
                split = self._split[byte]
                parts.extend(split[b] for b in self._allowed_bytes(after, scratch)
                             if b in split)
        return parts

    def _allowed_bytes(self, grammar: Grammar, scratch: Candidates) -> list[int]:
        size = int(self._probes.shape[0])
        array = scratch.fill(self._probes, 0.0)
        grammar.apply(array)
        allowed = np.isfinite(scratch.logits(size))
        return [int(b) for b in self._probe_bytes[allowed].tolist()]


def build_index(vocab: Any, spelled: Callable[[int], bytes],
                is_end: Callable[[int], bool]) -> TokenIndex:
    """The index of a loaded model's vocabulary (about 0.1 s for 49k tokens)."""
    import llama_cpp

    n_vocab = int(llama_cpp.llama_vocab_n_tokens(vocab))
    mask = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED

    def special(token: int) -> bool:
        return bool(llama_cpp.llama_vocab_get_attr(vocab, token) & mask)

    return TokenIndex(n_vocab, spelled, special, is_end)
