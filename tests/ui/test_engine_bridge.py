"""The bridge passes token probabilities on as the engine sent them: batches of arrays
are joined into one ``LogprobBatch`` per update, with every token, in order."""

from __future__ import annotations

from array import array
from typing import Any

from core.conversation.types import TokenAlternative, TokenLogprob
from core.engine.logprob_batch import LogprobBatch, LogprobColumns
from core.engine.protocol import TokenBatch


def _spell(token: int) -> str:
    return f"a{token - 1000}" if token >= 1000 else f"t{token}"


def _batch(steps: list[TokenLogprob]) -> LogprobBatch:
    columns = LogprobColumns()
    for s in steps:
        columns.add(s.id, s.prob, [a.id for a in s.alternatives],
                    [a.prob for a in s.alternatives])
    return LogprobBatch.spelled(columns.take(), _spell,
                                array("q", (s.text_offset for s in steps)),
                                bytes(s.reasoning for s in steps))


def _steps(first: int, count: int) -> list[TokenLogprob]:
    return [TokenLogprob(i, f"t{i}", 1 / (i + 2),
                         (TokenAlternative(i, f"t{i}", 1 / (i + 2)),
                          TokenAlternative(i + 1000, f"a{i}", 0.01)), i * 2)
            for i in range(first, first + count)]


def test_an_update_carries_every_tokens_probabilities_joined(qtbot: Any) -> None:
    from ui.engine_bridge import EngineBridge

    bridge = EngineBridge()
    seen: list[tuple[int, Any]] = []
    bridge.tokens.connect(lambda _rid, _text, count, logprobs, *_: seen.append((count, logprobs)))
    bridge._spare = True
    first, second, third = _steps(0, 1), _steps(1, 3), _steps(4, 2)
    # The first batch of a reply is shown at once; the next two wait for one frame.
    bridge._on_event(TokenBatch(1, "a", (0,), _batch(first)))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5_000)
    bridge._on_event(TokenBatch(1, "bcd", (1, 2, 3), _batch(second)))
    bridge._on_event(TokenBatch(1, "ef", (4, 5), _batch(third)))
    qtbot.waitUntil(lambda: sum(count for count, _ in seen) == 6, timeout=5_000)
    assert all(isinstance(logprobs, LogprobBatch) for _, logprobs in seen)
    assert [step for _, logprobs in seen for step in logprobs] == first + second + third
    # Without probabilities the update carries an empty sequence, as before.
    seen.clear()
    bridge._on_event(TokenBatch(2, "g", (6,)))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=5_000)
    assert seen == [(1, ())]
    bridge.shutdown()
