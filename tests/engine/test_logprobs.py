"""The top-N search and the normaliser behind token probabilities, against the plain
definitions (a full sort, a float64 softmax): the numpy code, and ``step_numbers`` both
with the compiled helper and without it (``tests/engine/test_native_probs.py`` tests
the helper itself)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.engine.llama import logprobs
from core.engine.llama.logprobs import (
    describe_step,
    log_normalizer,
    step_numbers,
    top_tokens,
)


@pytest.fixture(params=["compiled", "numpy"])
def helper(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """``step_numbers`` with the compiled helper (setup builds it), or numpy alone."""
    if request.param == "numpy":
        monkeypatch.setattr(logprobs, "step_probs", lambda: None)
    else:
        assert logprobs.step_probs() is not None, "run ./prosa.sh setup"
    return str(request.param)


def _reference_top(row: np.ndarray, n: int) -> list[int]:
    order = np.lexsort((np.arange(row.shape[0]), -row))  # highest first, ties by id
    return [int(t) for t in order[:n]]


@settings(max_examples=300, deadline=None)
@given(size=st.integers(1, 5000), n=st.integers(0, 20), seed=st.integers(0, 2**32 - 1),
       scale=st.floats(0.001, 20), decimals=st.sampled_from([None, 0, 1, 2]))
def test_top_tokens_is_a_full_sort_cut_short(size: int, n: int, seed: int, scale: float,
                                             decimals: int | None) -> None:
    row = (np.random.default_rng(seed).standard_normal(size) * scale).astype(np.float32)
    if decimals is not None:  # many ties
        row = np.round(row, decimals).astype(np.float32)
    assert top_tokens(row, n) == _reference_top(row, n)


def test_top_tokens_on_a_vocabulary_sized_row_and_a_flat_one() -> None:
    rng = np.random.default_rng(7)
    row = (rng.standard_normal(49152) * 3).astype(np.float32)
    row[[5, 40000, 49151]] = 50.0  # ties at the top, one in the last partial block
    assert top_tokens(row, 5) == _reference_top(row, 5)
    assert top_tokens(row, 5)[:3] == [5, 40000, 49151]
    flat = np.zeros(49152, dtype=np.float32)
    assert top_tokens(flat, 4) == [0, 1, 2, 3]


def test_probabilities_match_a_float64_softmax(helper: str) -> None:
    row = (np.random.default_rng(3).standard_normal(49152) * 4).astype(np.float32)
    wide = row.astype(np.float64)
    probs = np.exp(wide - wide.max())
    probs /= probs.sum()
    assert math.isclose(log_normalizer(row), math.log(np.exp(wide).sum()), rel_tol=1e-6)
    prob, alternatives = describe_step(row, 11, 5, str)
    assert math.isclose(prob, probs[11], rel_tol=1e-5)
    assert [a.id for a in alternatives] == _reference_top(row, 5)
    for alternative in alternatives:
        assert math.isclose(alternative.prob, probs[alternative.id], rel_tol=1e-5)


def test_the_normaliser_is_exact_with_and_without_the_shift_by_the_maximum() -> None:
    """Rows whose best logit is inside the bounds skip the shift; far above (overflow)
    or far below (underflow) they take it: every way, a float64 log-sum-exp."""
    base = (np.random.default_rng(5).standard_normal(262144) * 3).astype(np.float32)
    for offset in (0.0, 30.0, -30.0, 200.0, -300.0):
        row = (base + np.float32(offset)).astype(np.float32)
        wide = row.astype(np.float64)
        top = wide.max()
        expected = top + math.log(np.exp(wide - top).sum())
        assert math.isclose(log_normalizer(row), expected, rel_tol=1e-6, abs_tol=1e-5)


def test_step_numbers_are_what_describe_step_gives(helper: str) -> None:
    row = (np.random.default_rng(9).standard_normal(49152) * 4).astype(np.float32)
    prob, ids, probs = step_numbers(row, 42, 5)
    described, alternatives = describe_step(row, 42, 5, lambda t: f"<{t}>")
    assert prob == described
    assert [(a.id, a.piece, a.prob) for a in alternatives] == \
        [(t, f"<{t}>", p) for t, p in zip(ids, probs, strict=True)]


def test_top_tokens_when_the_model_is_sure_of_itself() -> None:
    """Fewer than N tokens within 8 nats of the best (a confident step), and fewer
    than N within 16 (the block search): still the full sort's answer."""
    base = (np.random.default_rng(11).standard_normal(262144) * 2).astype(np.float32)
    for gap, ties in ((12.0, 0), (30.0, 0), (30.0, 3)):
        row = base.copy()
        row[123] = row.max() + np.float32(gap)
        row[[7, 90000, 262143][:ties]] = row[123] - np.float32(gap / 2)
        assert top_tokens(row, 5) == _reference_top(row, 5)
        assert top_tokens(row, 5, float(row[123])) == _reference_top(row, 5)


@pytest.mark.parametrize("offset", [0.0, 25.0, 90.0, -70.0])
@pytest.mark.parametrize("scale", [0.5, 3.0, 12.0])
def test_a_spent_row_gives_the_same_numbers(offset: float, scale: float,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the helper the decoding loop lets ``exp`` overwrite the step's row
    (llama.cpp's output, which the next token overwrites anyway): the numbers are those
    of an intact row, with or without the sampler's highest logit."""
    monkeypatch.setattr(logprobs, "step_probs", lambda: None)
    row = (np.random.default_rng(13).standard_normal(49152) * scale
           + np.float32(offset)).astype(np.float32)
    expected = step_numbers(row, 42, 5)
    spent = row.copy()
    assert step_numbers(spent, 42, 5, float(row.max()), spend=True) == expected
    assert not np.array_equal(spent, row)  # it was the scratch
    assert step_numbers(row.copy(), 42, 5, spend=True) == expected
