"""llama.cpp's sampler chain for greedy decoding and sampling.

The order is llama.cpp's own (and what this app used before through the high-level
API): penalties, then top-k, typical-p, top-p, min-p, temperature and the seeded draw.
Filters therefore see the untempered distribution, and a seed reproduces a reply
exactly for the same settings and prompt.

Given the step's logits, the chain runs on the few tokens that can win instead of the
whole vocabulary: llama.cpp's ``llama_sampler_sample`` copies every logit into a fresh
candidate array on every token (about 0.3 ms for a 49k vocabulary on a 2-core laptop,
4 % of a small model's step).  Only the top-k tokens can survive top-k, and the
penalties lower only the tokens of the penalty window, so the best ``top_k`` tokens
outside the window plus the window's tokens always hold the ``top_k`` the chain would
keep; the chain then runs on them, in token-id order as on the full array.  Greedy
decoding without penalties is the argmax itself (``argmax_only``): with probabilities
shown, the decoding loop takes it from their one pass instead (``native.StepColumns``).
``top_k == 0`` (every token may be drawn) uses the whole vocabulary, as before.
"""

from __future__ import annotations

import ctypes
from collections import deque
from typing import Any

import numpy as np
import numpy.typing as npt

from core.sampling.params import SamplingParams

#: ``llama_token_data`` as numpy sees it, to fill candidate arrays without a Python loop.
_TOKEN_DATA = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])

Logits = npt.NDArray[np.float32]


class SamplerChain:
    def __init__(self, params: SamplingParams, seed: int, n_vocab: int) -> None:
        import llama_cpp

        self._low = llama_cpp
        chain = llama_cpp.llama_sampler_chain_init(
            llama_cpp.llama_sampler_chain_default_params())
        if chain is None:
            raise MemoryError("llama.cpp could not create a sampler")
        self._chain: Any = chain

        def add(sampler: Any) -> None:
            llama_cpp.llama_sampler_chain_add(chain, sampler)  # the chain owns it now

        if params.penalties_active:
            add(llama_cpp.llama_sampler_init_penalties(
                n_vocab, params.repeat_last_n, params.repeat_penalty,
                params.frequency_penalty, params.presence_penalty))
        if params.strategy == "sample":
            add(llama_cpp.llama_sampler_init_top_k(params.top_k))
            add(llama_cpp.llama_sampler_init_typical(params.typical_p, 1))
            add(llama_cpp.llama_sampler_init_top_p(params.top_p, 1))
            add(llama_cpp.llama_sampler_init_min_p(params.min_p, 1))
            add(llama_cpp.llama_sampler_init_temp(params.temperature))
            add(llama_cpp.llama_sampler_init_dist(seed))
        else:
            add(llama_cpp.llama_sampler_init_greedy())
        #: How many of the best tokens the chain can end up choosing from (0: any).
        self._keep = params.top_k if params.strategy == "sample" else 1
        #: The penalty window as the chain's penalties sampler sees it.
        self._window: deque[int] | None = (deque(maxlen=params.repeat_last_n)
                                           if params.penalties_active else None)
        self._buffer: Any = None
        self._view: npt.NDArray[np.void] | None = None
        #: The last step's highest logit, when choosing found it on the way (the
        #: candidates the chain runs on always hold the best token): the probabilities
        #: then need no pass of their own for it (``None``: not known).
        self.top: float | None = None
        #: The ids (ascending) the chain last ran on, which hold the row's ``keep`` best
        #: tokens (see :meth:`holding`).
        self._candidates: npt.NDArray[np.int64] | None = None
        #: Scratch for the logits with the window's tokens masked, reused from token to
        #: token (see ``core.engine.llama.logprobs._scratch``).
        self._outside: Logits | None = None

    def sample(self, ctx: Any, index: int = -1, row: Logits | None = None) -> int:
        """Choose a token from the ``index``-th output of the last decode (whose logits
        are ``row``, when given), and remember it (for the penalties)."""
        self.top, self._candidates = None, None
        if row is None or not 0 < self._keep < row.shape[0] // 2:
            token = int(self._low.llama_sampler_sample(self._chain, ctx, index))
            if self._window is not None:
                self._window.append(token)
            return token
        token = self._choose(row)
        self.accept(token)
        return token

    def holding(self, n: int) -> npt.NDArray[np.int64] | None:
        """The ids (ascending) the chain last ran on, when they hold the row's ``n`` best
        tokens: the probabilities' alternatives are found among them."""
        return self._candidates if 0 < n <= self._keep else None

    @property
    def argmax_only(self) -> bool:
        """Greedy decoding without penalties: the choice is the row's first highest
        logit, whoever finds it (the probabilities' pass does, when they are shown)."""
        return self._keep == 1 and self._window is None

    @property
    def keep(self) -> int:
        """How many of the best tokens the chain can end up choosing from (0: any)."""
        return self._keep

    def recent(self) -> npt.NDArray[np.int64]:
        """The penalty window's tokens (the only ones whose logits the chain lowers)."""
        if not self._window:
            return np.empty(0, dtype=np.int64)
        return np.unique(np.fromiter(self._window, dtype=np.int64))

    def run(self, candidates: Any) -> int:
        """Run the chain on a prepared candidate array (``llama_token_data_array``, a
        grammar's refusals already at -inf) and return its choice, remembered."""
        self._low.llama_sampler_apply(self._chain, ctypes.byref(candidates))
        if not 0 <= candidates.selected < candidates.size:
            raise RuntimeError("llama.cpp's sampler chose no token")
        token = int(candidates.data[candidates.selected].id)
        self.accept(token)
        return token

    def accept(self, token: int) -> None:
        """Remember a token chosen elsewhere (a forced prefix) for the penalties."""
        self._low.llama_sampler_accept(self._chain, token)
        if self._window is not None:
            self._window.append(token)

    def _choose(self, row: Logits) -> int:
        keep = self._keep
        if not self._window:
            if keep == 1:
                token = int(row.argmax())  # the greedy sampler: the first highest logit
                self.top = float(row[token])
                return token
            ids = np.sort(np.argpartition(row, -keep)[-keep:])
        else:
            recent = np.unique(np.fromiter(self._window, dtype=np.int64))
            if self._outside is None or self._outside.shape != row.shape:
                self._outside = np.empty(row.shape, dtype=np.float32)
            outside = self._outside
            np.copyto(outside, row)
            outside[recent] = -np.inf
            best = (np.array([outside.argmax()]) if keep == 1
                    else np.argpartition(outside, -keep)[-keep:])
            ids = np.union1d(best, recent)
        # The best ``keep`` tokens outside the penalty window, and the window's: the
        # row's ``keep`` best are among them.
        self.top = float(np.maximum.reduce(row[ids]))
        self._candidates = ids
        return self._apply(ids, row)

    def _apply(self, ids: npt.NDArray[np.int64], row: Logits) -> int:
        """Run the chain on these candidates (ascending ids) and return its choice."""
        low = self._low
        size = int(ids.shape[0])
        if self._view is None or self._view.shape[0] < size:
            self._buffer = (low.llama_token_data * max(size, 512))()
            self._view = np.frombuffer(self._buffer, dtype=_TOKEN_DATA)
        view = self._view[:size]
        view["id"] = ids
        view["logit"] = row[ids]
        view["p"] = 0.0
        candidates = low.llama_token_data_array(
            data=ctypes.cast(self._buffer, ctypes.POINTER(low.llama_token_data)),
            size=size, selected=-1, sorted=False)
        low.llama_sampler_apply(self._chain, ctypes.byref(candidates))
        if not 0 <= candidates.selected < candidates.size:
            raise RuntimeError("llama.cpp's sampler chose no token")
        return int(candidates.data[candidates.selected].id)

    def close(self) -> None:
        if self._chain is not None:
            self._low.llama_sampler_free(self._chain)
            self._chain = None

    def __enter__(self) -> SamplerChain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
