"""KV snapshots with the real SmolLM2: the state read back gives the exact logits a
fresh evaluation gives, a conversation resumes after a restart (in the engine process
too), and every change that makes a snapshot stale makes it miss.

Logits are compared with the same split of the work: llama.cpp's CPU kernels give
slightly different numbers for a token evaluated alone and in a batch, so the fresh
path evaluates the prefix in one go and the last token alone, as the resumed path does.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from core.conversation.types import Message
from core.engine.llama.model import LoadedModel
from core.engine.options import FlashAttention, KVCacheType, SnapshotPolicy
from core.engine.protocol import Generate, GenerationFinished, LoadModel
from core.engine.snapshots.folder import folder_usage
from core.engine.snapshots.sizing import MB
from core.engine.sync import SyncEngine
from core.sampling.params import SamplingParams

pytestmark = pytest.mark.model

GREEDY = SamplingParams(max_tokens=12, temperature=0.0)


def conversation(turns: int = 6) -> tuple[Message, ...]:
    messages: list[Message] = [{"role": "system", "content": "You are a patient teacher."}]
    for i in range(turns):
        messages.append({"role": "user", "content": f"Question {i}: tell me about the "
                         f"number {i * 7} and why it matters in everyday life."})
        messages.append({"role": "assistant", "content": f"The number {i * 7} appears in "
                         "calendars, recipes and games; it matters because people use "
                         "it to count, to share and to plan their days."})
    messages.append({"role": "user", "content": "Now sum it all up in one sentence."})
    return tuple(messages)


@pytest.fixture
def policy(tmp_path: Path) -> SnapshotPolicy:
    return SnapshotPolicy(str(tmp_path / "kv"), 200 * MB, 100 * MB)


@pytest.fixture
def open_model(starter_model: Path) -> Iterator[list[LoadedModel]]:
    """Models loaded by a test, closed at its end (as the engine closes them)."""
    opened: list[LoadedModel] = []
    yield opened
    for model in opened:
        model.close()


def load(opened: list[LoadedModel], path: Path | str, policy: SnapshotPolicy,
         **options: object) -> LoadedModel:
    model = LoadedModel(LoadModel(str(path), n_ctx=2048, snapshots=policy,
                                  **options), lambda event: None)  # type: ignore[arg-type]
    opened.append(model)
    return model


def reply(model: LoadedModel, messages: tuple[Message, ...]) -> GenerationFinished:
    return model.generate(Generate(1, messages, GREEDY), lambda event: None, lambda: False)


def close(model: LoadedModel, opened: list[LoadedModel]) -> None:
    """As the engine does when the app closes: the last state is saved and written."""
    model.close()
    opened.remove(model)


def test_a_snapshot_restores_the_exact_logits(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel]) -> None:
    model = load(open_model, starter_model, policy)
    tokens = model.build_prompt(conversation()).tokens
    kv = model._decoding.kv
    kv.prepare(tokens)
    kv.feed(tokens[:-1], len(tokens) - 1, lambda i, row: None)
    saved = kv.save_state()
    fresh = kv.push(tokens[-1]).copy()
    kv.prepare([tokens[0], tokens[0] + 1])  # another conversation takes the cache
    kv.feed([tokens[0]], 1, lambda i, row: None)
    assert kv.load_state(saved, tokens[:-1])
    assert kv.cached == tokens[:-1]
    resumed = kv.push(tokens[-1]).copy()
    assert np.array_equal(fresh, resumed)
    # And against the whole prompt in one batch: the same up to the kernels' rounding.
    kv.prepare([])
    whole: list[np.ndarray] = []
    kv.feed(tokens, len(tokens) - 1, lambda i, row: whole.append(row.copy()))
    assert np.allclose(whole[0], resumed, atol=0.1)
    assert int(np.argmax(whole[0])) == int(np.argmax(resumed))


def test_a_conversation_resumes_after_a_restart_with_the_same_reply(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel]) -> None:
    messages = conversation()
    first = load(open_model, starter_model, policy)
    before = reply(first, messages)
    assert before.stats.resumed_tokens == 0
    assert first.save_snapshot(lambda: False)
    close(first, open_model)
    assert folder_usage(Path(policy.folder)).files == 1

    again = load(open_model, starter_model, policy)
    after = reply(again, messages)
    stats = after.stats
    assert stats.resumed_tokens == stats.prompt_tokens - 1  # all but the last token
    assert stats.prompt_tokens_evaluated == 1
    assert after.text == before.text  # the same greedy reply

    # Without snapshots the same model evaluates everything, and says the same.
    plain = load(open_model, starter_model, SnapshotPolicy())
    fresh = reply(plain, messages)
    assert fresh.stats.prompt_tokens_evaluated == fresh.stats.prompt_tokens
    assert fresh.text == after.text


def test_switching_conversations_keeps_both(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel]) -> None:
    model = load(open_model, starter_model, policy)
    one = conversation(5)
    other = tuple(replace_text(m, "number", "colour") for m in conversation(5))
    reply(model, one)
    model.save_snapshot(lambda: False)
    reply(model, other)  # the first is kept before the second overwrites the cache
    back = reply(model, one)
    assert back.stats.resumed_tokens >= back.stats.prompt_tokens - 2
    forth = reply(model, other)
    assert forth.stats.resumed_tokens >= forth.stats.prompt_tokens - 2


def replace_text(message: Message, old: str, new: str) -> Message:
    changed = dict(message)
    changed["content"] = str(message["content"]).replace(old, new)
    return changed


def saved_once(opened: list[LoadedModel], path: Path | str, policy: SnapshotPolicy,
               messages: tuple[Message, ...]) -> list[int]:
    """Reply once and close, as the app does; return the prompt's tokens."""
    model = load(opened, path, policy)
    tokens = model.build_prompt(messages).tokens
    reply(model, messages)
    close(model, opened)
    return tokens


def test_an_edited_earlier_message_resumes_only_up_to_the_edit(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel]) -> None:
    messages = conversation()
    saved_once(open_model, starter_model, policy, messages)
    edited = list(messages)
    edited[3] = replace_text(edited[3], "number", "figure")
    model = load(open_model, starter_model, policy)
    tokens = model.build_prompt(messages).tokens
    edited_tokens = model.build_prompt(tuple(edited)).tokens
    first_change = next(i for i, (a, b) in enumerate(zip(tokens, edited_tokens, strict=False))
                        if a != b)
    stats = reply(model, tuple(edited)).stats
    assert stats.resumed_tokens == first_change
    assert stats.prompt_tokens_evaluated == stats.prompt_tokens - first_change


@pytest.mark.parametrize("change", ["template", "context", "kv_type", "flash_attention",
                                    "model"])
def test_anything_that_makes_a_snapshot_stale_misses(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel],
        tmp_path: Path, change: str) -> None:
    messages = conversation()
    tokens = saved_once(open_model, starter_model, policy, messages)
    path: Path | str = starter_model
    options: dict[str, object] = {}
    if change == "model":  # the same header, one weight changed
        path = tmp_path / "changed.gguf"
        shutil.copyfile(starter_model, path)
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    elif change == "kv_type":
        options = {"kv_cache_type": KVCacheType.Q8_0, "flash_attention": FlashAttention.ON}
    elif change == "flash_attention":
        options = {"flash_attention": FlashAttention.ON}
    model = load(open_model, path, policy, **options)
    if change == "template":
        # The same template with one more comment: another text, the same prompt.
        model.apply_template((model.template.source if model.template else "") + "{# mine #}",
                             None)
    elif change == "context":
        model.close()
        open_model.remove(model)
        model = LoadedModel(LoadModel(str(path), n_ctx=1024, snapshots=policy),
                            lambda event: None)
        open_model.append(model)
    assert model.build_prompt(messages).tokens == tokens  # only the key differs
    finished = reply(model, messages)
    assert finished.stats.resumed_tokens == 0
    assert finished.stats.prompt_tokens_evaluated == finished.stats.prompt_tokens


def test_a_damaged_snapshot_is_discarded_and_the_prompt_evaluated(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel],
        caplog: pytest.LogCaptureFixture) -> None:
    messages = conversation()
    saved_once(open_model, starter_model, policy, messages)
    (snapshot,) = Path(policy.folder).glob("*.kvs")
    data = snapshot.read_bytes()
    snapshot.write_bytes(data[: len(data) // 2])  # cut short, as by a crash
    caplog.set_level(logging.WARNING)
    model = load(open_model, starter_model, policy)
    finished = reply(model, messages)
    assert finished.stats.resumed_tokens == 0
    assert finished.reason == "stop" or finished.text
    assert "discarding snapshot" in caplog.text
    assert not snapshot.exists()


def test_the_engine_process_saves_after_a_reply_and_resumes_after_a_restart(
        starter_model: Path, policy: SnapshotPolicy) -> None:
    messages = conversation()
    request = LoadModel(str(starter_model), n_ctx=2048, snapshots=policy)
    engine = SyncEngine()
    try:
        engine.load(request)
        first = engine.generate(list(messages), GREEDY)
    finally:
        engine.close()
    assert folder_usage(Path(policy.folder)).files >= 1
    engine = SyncEngine()
    try:
        engine.load(request)
        again = engine.generate(list(messages), GREEDY)
        engine.client.clear_snapshots()
        # Served after the clear: a short exchange (not worth a snapshot) takes the
        # cache, then the long one finds nothing to resume, in memory or on disk.
        engine.generate([{"role": "user", "content": "Hi"}], replace(GREEDY, max_tokens=1))
        assert folder_usage(Path(policy.folder)).files == 0
        cleared = engine.generate(list(messages), replace(GREEDY, max_tokens=1))
    finally:
        engine.close()
    assert first.stats.resumed_tokens == 0
    assert again.stats.resumed_tokens == again.stats.prompt_tokens - 1
    assert again.text == first.text
    assert cleared.stats.resumed_tokens == 0


def test_a_disk_cap_of_zero_keeps_none(
        starter_model: Path, policy: SnapshotPolicy, open_model: list[LoadedModel]) -> None:
    messages = conversation()
    saved_once(open_model, starter_model, policy, messages)
    assert folder_usage(Path(policy.folder)).files == 1
    memory_only = replace(policy, disk_bytes=0)
    model = load(open_model, starter_model, memory_only)
    assert folder_usage(Path(policy.folder)).files == 0  # what was kept is gone
    reply(model, messages)
    model.save_snapshot(lambda: False)
    back = reply(model, conversation(2))
    assert back.stats.resumed_tokens == 0
    again = reply(model, messages)  # read back from memory, no file written
    assert again.stats.resumed_tokens >= again.stats.prompt_tokens - 2
    close(model, open_model)
    assert folder_usage(Path(policy.folder)).files == 0
