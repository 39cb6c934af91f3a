"""llama.cpp's sampler chain for greedy decoding and sampling.

The order is llama.cpp's own (and what this app used before through the high-level
API): penalties, then top-k, typical-p, top-p, min-p, temperature and the seeded draw.
Filters therefore see the untempered distribution, and a seed reproduces a reply
exactly for the same settings and prompt.
"""

from __future__ import annotations

from typing import Any

from core.sampling import SamplingParams


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

    def sample(self, ctx: Any, index: int = -1) -> int:
        """Choose a token from the ``index``-th output of the last decode, and remember it
        (for the penalties)."""
        return int(self._low.llama_sampler_sample(self._chain, ctx, index))

    def accept(self, token: int) -> None:
        """Remember a token chosen elsewhere (a forced prefix) for the penalties."""
        self._low.llama_sampler_accept(self._chain, token)

    def close(self) -> None:
        if self._chain is not None:
            self._low.llama_sampler_free(self._chain)
            self._chain = None

    def __enter__(self) -> SamplerChain:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
