"""Token probabilities as arrays (``LogprobBatch``): what the window makes of them is
exactly the ``TokenLogprob`` objects the engine would have sent."""

from __future__ import annotations

import pickle
import random
from array import array

import pytest

from core.conversation.types import TokenAlternative, TokenLogprob
from core.engine.logprob_batch import LogprobBatch, LogprobColumns

_PIECES = ["a", "é", "\ufffd", "<|im_end|>", " the", "x", " y"]


def _spell(token: int) -> str:
    """A token's text: fixed by its id, as a model's vocabulary fixes it."""
    return _PIECES[token % len(_PIECES)]


def _steps(count: int, seed: int) -> list[TokenLogprob]:
    rng = random.Random(seed)
    steps = []
    for i in range(count):
        ids = [rng.randrange(262144) for _ in range(rng.choice([0, 1, 5]))]
        alternatives = tuple(TokenAlternative(t, _spell(t), rng.random()) for t in ids)
        token = rng.randrange(262144)
        steps.append(TokenLogprob(token, _spell(token), rng.random(), alternatives, i * 3,
                                  rng.random() < 0.3))
    return steps


def _take(columns: LogprobColumns, steps: list[TokenLogprob]) -> LogprobBatch:
    """``steps`` through the engine's columns, and out as one batch."""
    for s in steps:
        columns.add(s.id, s.prob, [a.id for a in s.alternatives],
                    [a.prob for a in s.alternatives])
    return LogprobBatch.spelled(columns.take(), _spell,
                                array("q", (s.text_offset for s in steps)),
                                bytes(s.reasoning for s in steps))


def _columns(steps: list[TokenLogprob]) -> LogprobBatch:
    return _take(LogprobColumns(), steps)


def test_arrays_read_back_as_the_same_token_logprobs() -> None:
    steps = _steps(40, 1)
    batch = _columns(steps)
    assert len(batch) == 40
    assert list(batch) == steps
    assert [batch[i] for i in range(40)] == steps
    assert batch[-1] == steps[-1] and batch[3:7] == tuple(steps[3:7])
    assert batch == tuple(steps) and batch != tuple(steps[:-1])
    with pytest.raises(IndexError):
        batch[40]
    # Probabilities are the engine's floats, bit for bit (float64 arrays).
    assert [s.prob for s in batch] == [s.prob for s in steps]


def test_a_batch_survives_the_pipe_and_batches_join_in_order() -> None:
    steps = _steps(30, 2)
    columns = LogprobColumns()
    parts = []
    for chunk in (steps[:7], steps[7:8], steps[8:30]):
        parts.append(pickle.loads(pickle.dumps(_take(columns, chunk))))
        assert len(columns) == 0  # each take starts the next batch
    assert [len(p) for p in parts] == [7, 1, 22]
    assert list(LogprobBatch.join(parts)) == steps
    assert len(LogprobBatch.join([])) == 0
