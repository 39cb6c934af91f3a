"""The llama.cpp context as sequences of tokens: what its KV cache holds, what to evaluate.

Sequence 0 holds the conversation: the prompt and the reply so far.  A new request
keeps the longest prefix the cache already holds and evaluates only the rest, so a
follow-up turn costs its new tokens, not the whole conversation again.  Sequences 1 and
up belong to beam search, which forks them from sequence 0 (the prompt's cells are
shared, not copied: the cache is unified) and drops them when it is done.

Logits are read in place (a numpy view of llama.cpp's buffer) and are valid only until
the next decode, which is why callers get them through a callback or use them at once.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from core.errors import EngineError

Logits = npt.NDArray[np.float32]
OnLogits = Callable[[int, Logits], None]

#: Views of output rows kept at most (a prompt with logits for every token has one per
#: token of a batch); beyond, they are made again.
_MAX_VIEWS = 1024


class ContextFull(EngineError):
    """llama.cpp found no room in the KV cache for the batch."""


class KVContext:
    def __init__(self, llm: Any) -> None:
        import llama_cpp

        self._low = llama_cpp
        self._ctx = llm._ctx.ctx
        self._memory = llama_cpp.llama_get_memory(self._ctx)
        self.n_ctx: int = llm.n_ctx()
        self.n_batch: int = llm.n_batch
        self.n_vocab: int = llama_cpp.llama_vocab_n_tokens(llm._model.vocab)
        self.n_seq_max: int = llama_cpp.llama_n_seq_max(self._ctx)
        self._batch = llama_cpp.llama_batch_init(self.n_batch, 0, 1)
        #: The tokens in sequence 0, in position order.
        self.cached: list[int] = []
        #: Views of llama.cpp's output rows by address (see :meth:`logits`).
        self._views: dict[int, Logits] = {}

    @property
    def ctx(self) -> Any:
        """The raw ``llama_context`` pointer (for ``llama_sampler_sample``)."""
        return self._ctx

    def close(self) -> None:
        if self._batch is not None:
            self._low.llama_batch_free(self._batch)
            self._batch = None

    # --- sequence 0 ------------------------------------------------------------------

    def prepare(self, tokens: Sequence[int], keep_at_most: int | None = None,
                leave_last: bool = True) -> int:
        """Make sequence 0 a prefix of ``tokens`` and return its length.

        At least the last token is left to evaluate (``leave_last``): its logits are the
        first step's, and llama.cpp keeps no logits for tokens evaluated earlier.
        ``keep_at_most`` caps the reuse further (to get logits for a forced prefix).
        """
        for seq in range(1, self.n_seq_max):
            self._low.llama_memory_seq_rm(self._memory, seq, -1, -1)
        keep = min(common_prefix(self.cached, tokens), len(tokens) - int(leave_last))
        if keep_at_most is not None:
            keep = min(keep, keep_at_most)
        keep = max(keep, 0)
        if not self._low.llama_memory_seq_rm(self._memory, 0, keep, -1):
            # Recurrent models cannot drop a tail; start over.
            self._low.llama_memory_clear(self._memory, True)
            keep = 0
        del self.cached[keep:]
        return keep

    def feed(self, tokens: Sequence[int], outputs_from: int, on_logits: OnLogits) -> None:
        """Evaluate ``tokens`` after what sequence 0 holds, in chunks of ``n_batch``.

        Logits are computed for ``tokens[outputs_from:]`` (always for the last token)
        and handed to ``on_logits(index into tokens, row)`` in order, each while valid.
        """
        if not tokens:
            return
        if len(self.cached) + len(tokens) > self.n_ctx:
            raise ContextFull("engine.context_full.prompt",
                              "The conversation does not fit in the model's context.")
        last = len(tokens) - 1
        for start in range(0, len(tokens), self.n_batch):
            chunk = tokens[start:start + self.n_batch]
            wanted = [start + i >= outputs_from or start + i == last
                      for i in range(len(chunk))]
            self._extend(chunk, wanted)
            for i, want in enumerate(wanted):
                if want:
                    on_logits(start + i, self.logits(i))

    def warm(self, tokens: Sequence[int], chunk: int,
             interrupted: Callable[[], bool]) -> int:
        """Evaluate ``tokens`` after what sequence 0 holds, ``chunk`` at a time and without
        logits, until done or ``interrupted()`` (asked between chunks); return how many
        were evaluated.  Whatever was evaluated stays in the cache, valid."""
        room = self.n_ctx - len(self.cached)
        tokens = tokens[:max(room, 0)]
        done = 0
        step = max(1, min(chunk, self.n_batch))
        while done < len(tokens) and not interrupted():
            part = tokens[done:done + step]
            self._extend(part, [False] * len(part))
            done += len(part)
        return done

    def push(self, token: int) -> Logits:
        """Evaluate one more token of sequence 0; return the next step's logits."""
        if len(self.cached) >= self.n_ctx:
            raise ContextFull("engine.context_full.reply",
                              "The reply reached the end of the model's context.")
        self._extend((token,), (True,))
        return self.logits(0)

    # --- snapshots (core.engine.llama.resume) ----------------------------------------

    def save_state(self) -> bytearray:
        """Sequence 0's keys and values as llama.cpp serialises them (a copy)."""
        import ctypes

        size = self._low.llama_state_seq_get_size(self._ctx, 0)
        state = bytearray(size)
        if size:
            view = (ctypes.c_uint8 * size).from_buffer(state)
            written = self._low.llama_state_seq_get_data(self._ctx, view, size, 0)
            del view  # release the buffer so the bytearray may be cut
            if written != size:
                del state[written:]
        return state

    def load_state(self, state: bytearray, tokens: Sequence[int]) -> bool:
        """Make sequence 0 the saved ``state`` of ``tokens``; on failure (llama.cpp
        refused it) the cache is left empty, never half-loaded."""
        import ctypes

        for seq in range(self.n_seq_max):
            self._low.llama_memory_seq_rm(self._memory, seq, -1, -1)
        self.cached.clear()
        view = (ctypes.c_uint8 * len(state)).from_buffer(state)
        read = self._low.llama_state_seq_set_data(self._ctx, view, len(state), 0)
        del view
        if read != len(state):
            self._low.llama_memory_clear(self._memory, True)
            return False
        self.cached.extend(int(t) for t in tokens)
        return True

    # --- parallel sequences (beam search) --------------------------------------------

    def fork(self, source: int, target: int) -> None:
        """Make ``target`` a copy of ``source`` (shared cells, nothing is recomputed)."""
        self._low.llama_memory_seq_rm(self._memory, target, -1, -1)
        self._low.llama_memory_seq_cp(self._memory, source, target, -1, -1)

    def drop(self, seq: int) -> None:
        self._low.llama_memory_seq_rm(self._memory, seq, -1, -1)

    def step(self, items: Sequence[tuple[int, int, int]]) -> list[Logits]:
        """Evaluate one token on each of several sequences in one batch.

        ``items`` are ``(token, position, sequence)``; returns one logits row per item,
        valid until the next decode.
        """
        if len(items) > self.n_batch:
            raise EngineError("engine.batch_too_big", "Too many sequences for one batch.")
        self._batch.n_tokens = len(items)
        for i, (token, pos, seq) in enumerate(items):
            self._put(i, token, pos, seq, True)
        self._decode(reset_on_failure=False)
        return [self.logits(i) for i in range(len(items))]

    # --- internals -------------------------------------------------------------------

    def _put(self, i: int, token: int, pos: int, seq: int, wanted: bool) -> None:
        """Entry ``i`` of the batch: ``token`` at ``pos`` of ``seq``, logits if wanted."""
        batch = self._batch
        batch.token[i] = token
        batch.pos[i] = pos
        batch.n_seq_id[i] = 1
        batch.seq_id[i][0] = seq
        batch.logits[i] = wanted

    def _extend(self, tokens: Sequence[int], wanted: Sequence[bool]) -> None:
        """Evaluate ``tokens`` (at most ``n_batch``) after what sequence 0 holds, with
        logits for those ``wanted``; llama.cpp's output ``i`` is then ``tokens[i]``'s."""
        base = len(self.cached)
        self._batch.n_tokens = len(tokens)
        for i, (token, want) in enumerate(zip(tokens, wanted, strict=True)):
            self._put(i, token, base + i, 0, want)
        self._decode(reset_on_failure=True)
        self.cached.extend(tokens)

    def logits(self, i: int) -> Logits:
        """The logits of the ``i``-th output of the last decode (a view, not a copy).

        llama.cpp keeps its outputs in one buffer, reallocated only when a decode
        needs more outputs than before, so the views are kept by address: making one
        (``np.ctypeslib.as_array``) cost about 80 µs a token in the decoding loop,
        where llama.cpp's evaluation has just pushed numpy and ctypes out of the
        caches, against 1 µs for the lookup."""
        pointer = self._low.llama_get_logits_ith(self._ctx, i)
        if not pointer:
            raise EngineError("engine.no_logits", "llama.cpp has no logits for output {index}.",
                              index=i)
        address = ctypes.addressof(pointer.contents)
        view = self._views.get(address)
        if view is None:
            if len(self._views) >= _MAX_VIEWS:
                self._views.clear()
            array = (ctypes.c_float * self.n_vocab).from_address(address)
            view = self._views[address] = np.frombuffer(memoryview(array), dtype=np.float32)
        return view

    def _decode(self, reset_on_failure: bool) -> None:
        code = self._low.llama_decode(self._ctx, self._batch)
        if code == 0:
            return
        if code == 1:
            raise ContextFull("engine.context_full.no_room",
                              "The model's context has no room left for the reply.")
        if reset_on_failure:
            # Part of the batch may be in the cache now: trust nothing of it.
            self._low.llama_memory_clear(self._memory, True)
            self.cached.clear()
        raise EngineError("engine.decode_failed",
                          "llama.cpp could not evaluate the tokens (code {status}).", status=code)


def common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    """How many leading tokens ``a`` and ``b`` share."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
