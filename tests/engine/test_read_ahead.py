"""Reading ahead: the engine evaluates the conversation and the draft while the user
types, so the reply to a long conversation evaluates only the last words."""

from __future__ import annotations

import time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from core.conversation.types import Message
from core.engine.protocol import GenerationFinished, ReadAheadDone
from core.engine.sync import SyncEngine
from core.sampling.params import SamplingParams
from core.settings import Settings, _from_dict

GREEDY = SamplingParams(temperature=0.0, max_tokens=8, logprobs=0)
LONG = ("The lighthouse keeper wrote down the weather, the ships that passed, and the "
        "colour of the sea at dawn, as he had done every day for years. ") * 3


def _history(turns: int) -> list[Message]:
    messages: list[Message] = [{"role": "system", "content": "You are a helpful assistant."}]
    for i in range(turns):
        messages.append({"role": "user", "content": f"Question {i}: {LONG}"})
        messages.append({"role": "assistant", "content": f"Answer {i}: {LONG}"})
    return messages


def _clear_cache(engine: SyncEngine) -> None:
    engine.generate([{"role": "user", "content": "Something unrelated."}],
                    SamplingParams(temperature=0.0, max_tokens=1, logprobs=0))


def test_a_read_ahead_draft_leaves_only_the_last_words_to_evaluate(engine: SyncEngine) -> None:
    final = [*_history(3), {"role": "user", "content": "Tell me about the keeper's day."}]
    _clear_cache(engine)
    reference = engine.generate(final, GREEDY)
    assert reference.stats.prompt_tokens_evaluated > 300  # nothing of it was cached

    _clear_cache(engine)
    draft = [*final[:-1], {"role": "user", "content": "Tell me about the keep"}]
    done = engine.read_ahead(draft, GREEDY)
    assert isinstance(done, ReadAheadDone)
    assert not done.error and not done.interrupted
    assert done.evaluated > 300
    # The settled part stops before the draft's last word and the template's closing
    # tokens: never more than the prompt, always most of it.
    assert done.prompt_tokens - 12 < done.ready_tokens < done.prompt_tokens

    reply = engine.generate(final, GREEDY)
    assert reply.text == reference.text  # the same prompt, the same greedy reply
    assert reply.stats.prompt_tokens == reference.stats.prompt_tokens
    assert reply.stats.prompt_tokens_evaluated <= 15


def test_reading_the_same_draft_again_evaluates_nothing(engine: SyncEngine) -> None:
    draft = [*_history(1), {"role": "user", "content": "Once more"}]
    first = engine.read_ahead(draft, GREEDY)
    again = engine.read_ahead(draft, GREEDY)
    assert first is not None and again is not None
    assert again.evaluated == 0 and again.ready_tokens == first.ready_tokens


def test_a_draft_that_cannot_fit_is_reported_in_the_result_not_as_a_failure(
        engine: SyncEngine) -> None:
    huge = [{"role": "user", "content": "word " * 5000}]
    done = engine.read_ahead(huge, GREEDY, context_policy="stop")
    assert done is not None and done.evaluated == 0
    assert "context" in done.error
    # The engine serves the next request as usual.
    assert engine.generate([{"role": "user", "content": "Hi"}], GREEDY).reason in (
        "stop", "length")


def test_a_request_arriving_meanwhile_ends_the_read_ahead(engine: SyncEngine) -> None:
    final = [*_history(6), {"role": "user", "content": "And then?"}]
    _clear_cache(engine)
    reference = engine.generate(final, GREEDY)
    _clear_cache(engine)
    # The reply's request comes while the read-ahead is a few batches into its ~900
    # tokens (or, on a very busy machine, before it began: then it is skipped).
    ahead = engine.client.read_ahead(final, GREEDY)
    time.sleep(0.3)
    reply_id = engine.client.generate(final, GREEDY)
    events: list[Any] = []
    while not (events and isinstance(events[-1], GenerationFinished)
               and events[-1].request_id == reply_id):
        events.append(engine.events.get(timeout=120))
    (done,) = [e for e in events if isinstance(e, ReadAheadDone)]
    assert done.request_id == ahead and done.interrupted
    reply = events[-1]
    assert reply.text == reference.text
    if done.prompt_tokens:  # it had begun: what it read counts, the reply did the rest
        assert done.ready_tokens < done.prompt_tokens - 100
        assert reply.stats.prompt_tokens_evaluated == \
            reply.stats.prompt_tokens - done.ready_tokens


def test_the_engine_takes_no_read_ahead_while_a_reply_runs(engine: SyncEngine) -> None:
    params = SamplingParams(temperature=0.0, max_tokens=64, logprobs=0)
    stream = engine.stream([{"role": "user", "content": "Count to twenty."}], params)
    next(stream)  # the reply is running
    assert engine.client.read_ahead([{"role": "user", "content": "x"}], GREEDY) is None
    for _ in stream:
        pass


def test_the_setting_is_saved_and_defaults_on() -> None:
    assert Settings().read_ahead
    assert _from_dict({**Settings().to_dict(), "read_ahead": False}).read_ahead is False
    assert _from_dict({}).read_ahead is True


@pytest.mark.gui
def test_typing_reads_ahead_and_the_reply_evaluates_only_the_rest(qtbot: QtBot,
                                                                   window: Any) -> None:
    window.sampling._spins["temperature"].setValue(0)
    window.sampling._spins["max_tokens"].setValue(8)
    finished: list[GenerationFinished] = []
    window.bridge.finished.connect(finished.append)
    done: list[ReadAheadDone] = []
    window.bridge.readAhead.connect(done.append)

    window.composer.setPlainText("Describe the sea at dawn in one sentence, please")
    qtbot.waitUntil(lambda: any(d.request_id == window.controller._read_ahead_id for d in done),
                    timeout=30_000)
    ready = done[-1]
    assert not ready.error and ready.ready_tokens > 10
    assert window.context_label.text().startswith(f"context {ready.prompt_tokens} /")

    window.composer.setPlainText(window.composer.toPlainText() + " now")
    window.composer.submit()
    qtbot.waitUntil(lambda: bool(finished), timeout=60_000)
    stats = finished[-1].stats
    assert stats.prompt_tokens_evaluated <= 12 < stats.prompt_tokens


@pytest.mark.gui
def test_with_reading_ahead_off_nothing_is_read(qtbot: QtBot, window: Any) -> None:
    window.read_ahead_check.setChecked(False)
    assert window.settings.read_ahead is False
    done: list[ReadAheadDone] = []
    window.bridge.readAhead.connect(done.append)
    window.composer.setPlainText("Hello there")
    window.prompt_changed()  # even asked directly, it does nothing
    qtbot.wait(800)
    assert not done and window.controller._read_ahead_id is None
