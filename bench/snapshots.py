"""KV snapshots and the engine's attention switches, measured side by side in one run.

- Reopening a 20-turn conversation (about 4,600 tokens) after a restart: the engine
  process is started again, as when the app is, and the next message's time to first
  token is taken with snapshots, without them (the baseline: the whole history is
  evaluated), and in the engine that never left the conversation (the target: within
  1.5x of it).
- Switching between two such conversations, back and forth five times, with snapshots
  (the one left is kept, the one returned to is read back) and without.
- What a snapshot costs per 1,000 tokens: taking it out of llama.cpp, writing it,
  reading it back, and its size.
- Flash attention and the KV cache's formats against the default (off, f16): the engine
  process's memory with an 8,192-token context and the time to first token of the
  4,600-token conversation from scratch.

    .venv/bin/python -m bench.snapshots [--quick]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from core.conversation.types import Message
from core.engine.options import FlashAttention, KVCacheType, SnapshotPolicy
from core.engine.protocol import LoadModel
from core.engine.sync import SyncEngine
from core.sampling.params import SamplingParams

if TYPE_CHECKING:
    from bench.suite import Report

GREEDY = SamplingParams(temperature=0.0, max_tokens=1, logprobs=0)
N_CTX = 8192
SENTENCE = ("The lighthouse keeper wrote down the weather, the ships that passed, and the "
            "colour of the sea at dawn, as he had done every day for years. ")
ANSWER = ("I noted it in the logbook: the wind, the light on the water and the boats that "
          "came in before the evening tide. ")


def long_conversation(turns: int, subject: str) -> list[Message]:
    """A conversation of ``turns`` exchanges (about 230 tokens each), ending with the
    user's message: the history a user reopens."""
    history: list[Message] = [{"role": "system", "content": "You are a helpful assistant."}]
    for i in range(1, turns + 1):
        history.append({"role": "user", "content": f"Turn {i} ({subject}): " + SENTENCE * 5})
        history.append({"role": "assistant", "content": f"About turn {i}: " + ANSWER * 3})
    return history


def next_message(history: list[Message], i: int) -> list[Message]:
    """The history and a new message (about 150 tokens), different for each ``i``."""
    return [*history, {"role": "user", "content": f"Message {i}: " + SENTENCE * 5}]


@dataclass(frozen=True)
class Resume:
    prompt_tokens: int
    never_left_ms: list[float]
    restarted_ms: list[float]
    restarted_resumed: int
    without_ms: float
    switch_ms: list[float]
    switch_without_ms: float


def ttft(engine: SyncEngine, messages: list[Message]) -> tuple[float, int, int]:
    stats = engine.generate(messages, GREEDY).stats
    return stats.ttft_ms, stats.resumed_tokens, stats.prompt_tokens


def measure_resume(model: str, turns: int, rounds: int, folder: Path) -> Resume:
    policy = SnapshotPolicy(str(folder), 4 << 30, 1 << 30)
    with_snapshots = LoadModel(model, n_ctx=N_CTX, snapshots=policy)
    one, other = long_conversation(turns, "question"), long_conversation(turns, "story")
    with SyncEngine() as engine:
        engine.load(with_snapshots)
        engine.generate(one, GREEDY)  # the conversation as it stood when left
        never_left = [ttft(engine, next_message(one, i))[0] for i in range(rounds)]
        # Two conversations, back and forth: each switch reads the other one back.
        engine.generate(other, GREEDY)
        switches = [ttft(engine, next_message(pair, 100 + i))[0]
                    for i in range(5) for pair in (one, other)]
    restarted: list[float] = []
    resumed = prompt = 0
    for i in range(rounds):
        with SyncEngine() as engine:  # the app started again
            engine.load(with_snapshots)
            ms, resumed, prompt = ttft(engine, next_message(one, 200 + i))
            restarted.append(ms)
    with SyncEngine() as engine:
        engine.load(LoadModel(model, n_ctx=N_CTX))
        without, _, _ = ttft(engine, next_message(one, 300))
        switch_without, _, _ = ttft(engine, next_message(other, 301))
    return Resume(prompt, never_left, restarted, resumed, without, switches, switch_without)


@dataclass(frozen=True)
class Costs:
    tokens: int
    save_ms: float
    write_ms: float
    load_ms: float
    size_bytes: int


def measure_costs(model: str, turns: int, folder: Path) -> Costs:
    """In this process: take a snapshot of a long prompt, write it, read it back."""
    from core.engine.llama.model import LoadedModel
    from core.engine.snapshots.prefix import as_tokens
    from core.engine.snapshots.store import SnapshotStore

    loaded = LoadedModel(LoadModel(model, n_ctx=N_CTX), lambda event: None)
    try:
        tokens = loaded.build_prompt(tuple(long_conversation(turns, "costs"))).tokens
        kv = loaded._decoding.kv
        kv.prepare(tokens)
        kv.feed(tokens, len(tokens) - 1, lambda i, row: None)
        started = time.perf_counter()
        state = kv.save_state()
        saved = time.perf_counter()
        store = SnapshotStore(folder / "costs", 4 << 30)
        held = as_tokens(tokens)
        path = store.write("bench", held, state)
        written = time.perf_counter()
        found = store.best("bench", held)
        assert path is not None and found is not None
        again = store.read(found[0])
        assert again is not None and kv.load_state(again, tokens)
        loaded_at = time.perf_counter()
        return Costs(len(tokens), (saved - started) * 1000, (written - saved) * 1000,
                     (loaded_at - written) * 1000, path.stat().st_size)
    finally:
        loaded.close()


@dataclass(frozen=True)
class Option:
    flash: FlashAttention
    kv: KVCacheType
    rss_mb: float
    ttft_ms: float


OPTIONS = [(FlashAttention.OFF, KVCacheType.F16), (FlashAttention.ON, KVCacheType.F16),
           (FlashAttention.AUTO, KVCacheType.F16), (FlashAttention.ON, KVCacheType.Q8_0),
           (FlashAttention.ON, KVCacheType.Q4_0)]


def measure_options(model: str, turns: int, rss_mb: Callable[[int], float],
                    options: list[tuple[FlashAttention, KVCacheType]]) -> list[Option]:
    history = long_conversation(turns, "options")
    rows = []
    for flash, kv in options:
        with SyncEngine() as engine:
            engine.load(LoadModel(model, n_ctx=N_CTX, flash_attention=flash, kv_cache_type=kv))
            pid = engine.client.pid
            memory = rss_mb(pid) if pid else 0.0
            ms, _, _ = ttft(engine, history)
        rows.append(Option(flash, kv, memory, ms))
    return rows


def report_resume(report: Report, model: str, rss_mb: Callable[[int], float]) -> None:
    """The suite's "Resume" section: every figure above, in one run."""
    turns, rounds = (3, 1) if report.quick else (20, 3)
    section = "Resume"
    with tempfile.TemporaryDirectory() as folder:
        found = measure_resume(model, turns, rounds, Path(folder))
        costs = measure_costs(model, turns, Path(folder))
    never_left = statistics.median(found.never_left_ms)
    restarted = statistics.median(found.restarted_ms)
    ratio = restarted / never_left
    report.add(section, f"TTFT reopening a {turns}-turn conversation after a restart, with "
                        "snapshots / never left",
               f"{ratio:.2f}x ({restarted:.0f} vs {never_left:.0f} ms; "
               f"{found.restarted_resumed:,} of {found.prompt_tokens:,} tokens read back)",
               "<= 1.5x", ratio <= 1.5)
    report.add(section, "the same without snapshots (baseline: the whole history evaluated)",
               f"{found.without_ms:.0f} ms ({found.without_ms / restarted:.1f}x the time "
               "with snapshots)")
    switched = statistics.median(found.switch_ms)
    report.add(section, "switching between two such conversations, 5 times back and forth",
               f"TTFT median {switched:.0f} ms (range {min(found.switch_ms):.0f}–"
               f"{max(found.switch_ms):.0f}) with snapshots vs {found.switch_without_ms:.0f} "
               "ms without")
    per_k = 1000 / costs.tokens
    report.add(section, "a snapshot per 1,000 tokens: size; taken, written, read back",
               f"{costs.size_bytes * per_k / 1e6:.1f} MB; {costs.save_ms * per_k:.1f} ms, "
               f"{costs.write_ms * per_k:.1f} ms, {costs.load_ms * per_k:.1f} ms "
               f"(measured on {costs.tokens:,} tokens)")
    options = measure_options(model, turns, rss_mb, OPTIONS[:2] if report.quick else OPTIONS)
    base = options[0]
    for row in options[1:]:
        report.add(section, f"flash attention {row.flash.value}, KV {row.kv.value} against "
                            f"{base.flash.value}, {base.kv.value}: engine RSS; TTFT from "
                            "scratch",
                   f"{row.rss_mb:.0f} vs {base.rss_mb:.0f} MB; {row.ttft_ms:.0f} vs "
                   f"{base.ttft_ms:.0f} ms ({row.ttft_ms / base.ttft_ms:.2f}x)")
    report.note(section, (
        f"{turns} turns of about 230 tokens ({found.prompt_tokens:,}-token prompt with the "
        f"next message), SmolLM2, n_ctx 8,192, greedy, one token per reply. \"Never "
        "left\": the next message in the engine that answered the conversation; \"after a "
        "restart\": a new engine process (the app started again) reading the snapshot from "
        "disk, with the file likely in the page cache as after closing and reopening the "
        "app. Memory: VmRSS after loading with an 8,192-token context."))


def main() -> None:
    from bench.suite import rss_mb, starter

    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    turns, rounds = (6, 2) if args.quick else (20, 3)
    with tempfile.TemporaryDirectory() as folder:
        model = starter()
        print(measure_resume(model, turns, rounds, Path(folder)))
        print(measure_costs(model, turns, Path(folder)))
        for row in measure_options(model, turns, rss_mb, OPTIONS[:2] if args.quick
                                   else OPTIONS):
            print(row)


if __name__ == "__main__":
    main()
