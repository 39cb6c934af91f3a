"""How likely the model found each token: a softmax over one step's raw logits.

Cheap enough to do on every token (about 0.2 ms over a 50k vocabulary): one pass of
``exp`` for the normaliser and a partial sort (``argpartition``) for the top N, instead
of sorting the whole vocabulary or asking llama.cpp to keep every position's logits.
The probabilities are the model's own, before repetition penalties, temperature and the
sampling filters: they say what the model thought, whatever the sampler then did.

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

from core.engine.kv import Logits
from core.engine.protocol import TokenAlternative


def log_normalizer(row: Logits) -> float:
    """``log(sum(exp(row)))``, computed without overflow."""
    top = float(row.max())
    return top + math.log(float(np.exp(row - top).sum(dtype=np.float64)))


#: Logits per block when looking for the top N: the N-th highest block maximum bounds
#: the N-th highest logit from below, so one pass over block maxima narrows the search
#: to a few tokens (twice as fast as a partial sort of the whole vocabulary).
_BLOCK = 128
#: Beyond this many tokens above the bound (a flat distribution), narrow them further.
_MAX_CANDIDATES = 2048


def top_tokens(row: Logits, n: int) -> list[int]:
    """The ``n`` highest-scoring token ids, highest first (ties: lower id first)."""
    size = row.shape[0]
    n = min(n, size)
    if n <= 0:
        return []
    if n == 1:
        return [int(row.argmax())]
    full = size - size % _BLOCK
    if full // _BLOCK > n:
        # n blocks each hold a logit >= bound, so the top n are all >= bound.
        bound = np.partition(row[:full].reshape(-1, _BLOCK).max(axis=1), -n)[-n]
        part = np.flatnonzero(row >= bound)
    else:
        part = np.arange(size)
    if part.shape[0] > _MAX_CANDIDATES:
        # Every token tied with the n-th highest stays, so ties resolve by id below.
        part = part[row[part] >= np.partition(row[part], -n)[-n]]
    order = np.lexsort((part, -row[part]))[:n]
    return [int(t) for t in part[order]]


def describe_step(row: Logits, token: int, n: int, shown: Callable[[int], str],
                  ) -> tuple[float, tuple[TokenAlternative, ...]]:
    """The chosen token's probability and the ``n`` most likely alternatives."""
    log_z = log_normalizer(row)
    alternatives = tuple(TokenAlternative(t, shown(t), math.exp(float(row[t]) - log_z))
                         for t in top_tokens(row, n))
    return math.exp(float(row[token]) - log_z), alternatives
