"""How likely the model found each token: a softmax over one step's raw logits.

Cheap enough to do on every token: one pass of ``exp`` for the normaliser and, for the
top N, a sort of the few tokens near the best logit, instead of sorting the whole
vocabulary or asking llama.cpp to keep every position's logits.  A compiled helper
(``core.engine.llama.native``) does both in one call where it was built; the numpy code
here is what runs without it, and what beam search uses for its scores.
The probabilities are the model's own, before repetition penalties, temperature and the
sampling filters: they say what the model thought, whatever the sampler then did.

In the decoding loop the step's row is llama.cpp's own output buffer, which the next
token's evaluation overwrites anyway, so ``exp`` is written into it (``spend``) instead
of into a scratch row.  Measured in the loop on a 2-core machine, that halved what
probabilities cost a Gemma 3 step (262k tokens: 0.29 ms instead of 0.54 ms): after
llama.cpp's evaluation a scratch row is out of the caches, while the output row was
just written.

They are exactly those of the logits the step used.  llama.cpp's CPU kernels give
slightly different logits for a token evaluated alone and in a batch (beams, a forced
prefix, a prompt): up to a few hundredths of a nat on some steps with small quantized
models.  Greedy decoding and sampling evaluate one token at a time; beam search and a
forced prefix evaluate several at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from core.conversation.types import TokenAlternative
from core.engine.llama.kv import Logits
from core.engine.llama.native import step_probs

#: Scratch rows by vocabulary size: a step's arithmetic reuses one (warm in the cache)
#: instead of allocating and first touching a fresh 200 KB array on every token.
_scratch: dict[int, Logits] = {}


#: Within these bounds of the highest logit, ``exp`` of the raw row neither overflows in
#: the float32 sum (262k tokens at e^60) nor loses a token that counts (e^-87, where
#: float32 ends, is e^-47 below e^-40): the shift by the maximum, a pass over the whole
#: vocabulary (a fifth of the time on Gemma's 262k tokens), is then not needed.
_UNSHIFTED = (-40.0, 60.0)


def log_normalizer(row: Logits, top: float | None = None, spend: bool = False) -> float:
    """``log(sum(exp(row)))``, computed without overflow (``top``: ``row.max()``).

    ``spend``: the row is not needed afterwards, and ``exp`` is written into it.
    The sum is numpy's pairwise float32 sum (relative error about 1e-6 on a 262k
    vocabulary), half the time of a float64 one."""
    if top is None:
        top = float(np.maximum.reduce(row))
    scratch = row if spend else _scratch.get(row.shape[0])
    if scratch is None:
        scratch = _scratch[row.shape[0]] = np.empty(row.shape, dtype=np.float32)
    if _UNSHIFTED[0] < top < _UNSHIFTED[1]:
        np.exp(row, out=scratch)
        return math.log(float(np.add.reduce(scratch)))
    np.subtract(row, np.float32(top), out=scratch)
    np.exp(scratch, out=scratch)
    return top + math.log(float(np.add.reduce(scratch)))


#: How far below the highest logit the top N are looked for, first and then.  Language
#: models put their few likely tokens within a few nats of the best, so comparing the
#: vocabulary once with ``max - 8`` usually leaves a handful of tokens to sort; when
#: the model is sure of itself, fewer than N are that close (four steps in ten of
#: Gemma 3's, one in ten of SmolLM2's), and within 16 nats there are enough.
_NEAR_TOP = (8.0, 16.0)
#: Otherwise logits per block: the N-th highest of the block maxima bounds the N-th
#: highest logit from below, so one pass over block maxima narrows the search.
_BLOCK = 128
#: Up to this many candidates are sorted in Python: fewer numpy calls, each of which
#: costs tens of microseconds in the decoding loop (llama.cpp's evaluation has just
#: pushed numpy out of the caches).  More are first narrowed to the N-th highest and
#: its ties.
_FEW = 64
#: The comparison's output by vocabulary size, reused like ``_scratch``.
_masks: dict[int, npt.NDArray[np.bool_]] = {}


def top_tokens(row: Logits, n: int, top: float | None = None) -> list[int]:
    """The ``n`` highest-scoring token ids, highest first (ties: lower id first)
    (``top``: ``row.max()``, when known)."""
    size = row.shape[0]
    n = min(n, size)
    if n <= 0:
        return []
    if n == 1:
        return [int(row.argmax())]
    if top is None:
        top = float(np.maximum.reduce(row))
    # Everything >= the N-th highest logit is a candidate; each way below finds a bound
    # that at least n logits reach, so the top n and every tie with them are inside.
    mask = _masks.get(size)
    if mask is None:
        mask = _masks[size] = np.empty(size, dtype=np.bool_)
    for near in _NEAR_TOP:
        # A Python float: compared as a float32 (no scalar object made, a few µs here).
        part = np.greater_equal(row, top - near, out=mask).nonzero()[0]
        if part.shape[0] >= n:
            break
    else:
        full = size - size % _BLOCK
        if full // _BLOCK > n:
            bound = np.partition(row[:full].reshape(-1, _BLOCK).max(axis=1), -n)[-n]
            part = np.flatnonzero(row >= bound)
        else:
            part = np.arange(size)
    return best_among(row, part, n)


def best_among(row: Logits, part: npt.NDArray[np.int64], n: int) -> list[int]:
    """The ``n`` highest-scoring of the token ids ``part`` (ascending), highest first
    (ties: lower id first)."""
    if part.shape[0] > _FEW:
        part = part[row[part] >= np.partition(row[part], -n)[-n]]
    if part.shape[0] <= _FEW:
        # A handful: sorted as Python numbers (stable, so ties keep the lower id first).
        logits, ids = row[part].tolist(), part.tolist()
        return [ids[i] for i in sorted(range(len(ids)), key=logits.__getitem__,
                                       reverse=True)[:n]]
    order = np.lexsort((part, -row[part]))[:n]
    return [int(t) for t in part[order]]


def step_numbers(row: Logits, token: int, n: int, top: float | None = None,
                 spend: bool = False, among: npt.NDArray[np.int64] | None = None,
                 ) -> tuple[float, list[int], list[float]]:
    """The chosen token's probability, and the ``n`` most likely tokens with theirs:
    plain numbers, which travel to the window as arrays (``LogprobBatch``).

    The compiled helper (``core.engine.llama.native``) computes all of it in one call
    when it was built; numpy does otherwise, with these hints:
    ``top``: the highest logit, when the sampler knows it; ``among``: token ids (in
    ascending order) that hold the ``n`` most likely, when the sampler has them (its
    top-k candidates): no search of the vocabulary then; ``spend``: the row is not
    read again (the decoding loop's step), and ``exp`` overwrites it."""
    helper = step_probs()
    found = helper.numbers(row, token, n) if helper is not None else None
    if found is not None:
        return found
    if top is None:
        top = float(np.maximum.reduce(row))
    ids = top_tokens(row, n, top) if among is None else best_among(row, among, n)
    chosen = float(row[token])
    best = [float(row[t]) for t in ids]
    log_z = log_normalizer(row, top, spend)
    return math.exp(chosen - log_z), ids, [math.exp(logit - log_z) for logit in best]


def describe_step(row: Logits, token: int, n: int, shown: Callable[[int], str],
                  ) -> tuple[float, tuple[TokenAlternative, ...]]:
    """The chosen token's probability and the ``n`` most likely alternatives."""
    prob, ids, probs = step_numbers(row, token, n)
    return prob, tuple(TokenAlternative(t, shown(t), p) for t, p in zip(ids, probs, strict=True))
