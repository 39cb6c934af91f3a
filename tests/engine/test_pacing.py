"""A streaming reply leaves the engine once per frame of the window: how often, and
that every frame still gets its batch (no model: a fake clock and token ids for text)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

import core.engine.llama.reply
import core.engine.pacing
from core.engine.llama.reply import ReplyStream
from core.engine.pacing import (
    FRAME_S,
    SHARED_FRAME_S,
    SHARED_PERIOD_S,
    batch_due,
    batch_period,
)
from core.engine.protocol import Event, TokenBatch


class _Pieces:
    def raw(self, token: int) -> bytes:
        return b"ab"[token % 2:token % 2 + 1]

    spelled = raw

    def shown(self, token: int) -> str:
        return "ab"[token % 2]


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def monotonic(self) -> float:
        return self.now


def _stream(monkeypatch: pytest.MonkeyPatch, step: float, period: float,
            tokens: int = 300) -> tuple[list[float], list[int]]:
    """When each batch left and how many tokens it held, for tokens ``step`` apart."""
    clock = _Clock()
    monkeypatch.setattr(core.engine.llama.reply, "time", clock)
    sent: list[float] = []
    events: list[Event] = []

    def emit(event: Event) -> None:
        events.append(event)
        sent.append(clock.now)

    pieces: Any = _Pieces()
    reply = ReplyStream(1, emit, pieces, (), False, period=period)
    for token in range(tokens):
        reply.add(token)
        reply.tick()
        clock.now += step
    ticked = list(sent)
    reply.finish(cancelled=False)  # the rest, early: the reply ended
    return ticked, [len(e.token_ids) for e in events if isinstance(e, TokenBatch)]


@pytest.mark.parametrize("step", [0.0005, 0.011, 0.022, 0.05])
@pytest.mark.parametrize("period", [FRAME_S, SHARED_PERIOD_S])
def test_one_batch_per_period_with_the_token_nearest_its_end(
        monkeypatch: pytest.MonkeyPatch, step: float, period: float) -> None:
    """The first token goes alone, at once; then a batch leaves with the token that
    comes nearest the end of the period: at most half a token from it (a token slower
    than the period goes alone)."""
    sent, sizes = _stream(monkeypatch, step, period)
    assert sizes[0] == 1
    gaps = [b - a for a, b in itertools.pairwise(sent[1:])]
    assert gaps
    assert all(gap <= max(period + step / 2, step) + 1e-9 for gap in gaps)
    assert all(gap >= min(period, step) - step / 2 - 1e-9 for gap in gaps)
    assert sum(sizes) == 300
    if step < period / 4:  # a fast model: about a period's worth of tokens per batch
        assert abs(sum(gaps) / len(gaps) - period) <= step / 2 + 1e-9


def test_the_frame_is_the_windows_and_slower_when_the_model_takes_every_core(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core.engine.pacing, "available_cores", lambda: 2)
    assert batch_period(2) == SHARED_PERIOD_S
    assert batch_period(1) == FRAME_S
    monkeypatch.setattr(core.engine.pacing, "available_cores", lambda: 16)
    assert batch_period(None) == FRAME_S  # the default leaves cores to spare here
    assert batch_period(16) == SHARED_PERIOD_S
    # Each of the window's slowest frames gets a batch.
    assert SHARED_PERIOD_S < SHARED_FRAME_S


def test_a_batch_is_due_with_the_token_nearest_the_end_of_its_period() -> None:
    assert not batch_due(0.05, 0.01, 0.0625)
    assert batch_due(0.058, 0.01, 0.0625)
    assert batch_due(0.07, 0.0, 0.0625)
