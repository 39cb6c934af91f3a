"""A reply's probability columns, written by the compiled helper one decoding step at
a time (``core.engine.llama.native.StepColumns``): the same numbers as ``step_numbers``
computes in Python, bit for bit, in order with the steps added from Python, and numpy's
turn for the rows the helper leaves to it."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from core.engine.llama import native
from core.engine.llama.logprobs import step_numbers
from core.engine.llama.native import StepColumns


def _columns(n: int) -> StepColumns:
    helper = native.step_probs()
    assert helper is not None, "run ./prosa.sh setup"
    columns = helper.columns(n)
    assert columns is not None
    return columns


def _steps(batch: tuple[Any, ...]) -> list[tuple[int, float, list[int], list[float]]]:
    """A taken batch's columns as (token, probability, ids, probabilities) a step."""
    ids, probs, ends, alt_ids, alt_probs = batch
    starts = [0, *ends[:-1]]
    return [(ids[k], probs[k], list(alt_ids[starts[k]:ends[k]]),
             list(alt_probs[starts[k]:ends[k]])) for k in range(len(ids))]


@pytest.mark.parametrize("tied", [False, True])
def test_columns_choose_the_argmax_and_write_step_numbers_bit_for_bit(tied: bool) -> None:
    """The helper's one call a token: greedy's token is the argmax, ties included (the
    first highest logit), and the numbers it writes are exactly what ``step_numbers``
    computes in Python from the same helper, for the argmax and for a sampled token."""
    rng = np.random.default_rng(11)
    row = (rng.standard_normal(49152) * 4).astype(np.float32)
    if tied:  # the highest logit three times: argmax takes the lowest id
        row[[30000, 7, 12345]] = row.max() + 1.0
    columns = _columns(5)
    token = columns.write(row)
    assert token == int(np.argmax(row)) == (7 if tied else token)
    assert columns.write(row, 4242) == 4242
    assert len(columns) == 2
    taken = _steps(columns.take())
    assert taken == [(token, *step_numbers(row.copy(), token, 5)),
                     (4242, *step_numbers(row.copy(), 4242, 5))]
    assert len(columns) == 0 and _steps(columns.take()) == []  # each take starts anew


def test_columns_grow_keep_every_step_in_order_and_take_one_back() -> None:
    """Steps written by the helper and added from Python (numpy's rows, beam search)
    share one set of columns, past the first capacity; the step of a token that ended
    the reply is taken back."""
    rng = np.random.default_rng(12)
    columns = _columns(3)
    expected = []
    for k in range(150):
        row = (rng.standard_normal(3000) * 3).astype(np.float32)
        if k % 3 == 2:
            numbers = step_numbers(row.copy(), 17, 3)
            columns.add(17, *numbers)
            expected.append((17, *numbers))
        else:
            token = columns.write(row)
            expected.append((token, *step_numbers(row.copy(), token, 3)))
    columns.write(row)
    columns.discard_last()
    assert _steps(columns.take()) == expected


def test_columns_leave_a_row_they_cannot_read_to_numpy() -> None:
    """A NaN, a row without a finite maximum, a token outside the row, a float64 row:
    nothing is written and the caller computes the step with numpy, as before."""
    columns = _columns(5)
    nan = np.zeros(100, dtype=np.float32)
    nan[50] = np.nan
    for row, token in ((nan, None), (np.full(100, -np.inf, dtype=np.float32), None),
                       (np.zeros(100, dtype=np.float32), 100),
                       (np.zeros(100, dtype=np.float64), None)):
        assert columns.write(row, token) == -1  # type: ignore[arg-type]
    assert len(columns) == 0
