"""Decode speed of each strategy, relative to greedy decoding in the same run.

Every configuration goes through the real engine process (request, worker, events), on
the same model, prompt and thread count; rounds are interleaved so drift (thermal,
other load) hits all alike, and the median is reported.  Speed is reply tokens per
second after the prompt: for greedy and sampling from the first token to the last, for
beam search over the whole search (it evaluates ``width`` tokens per reply token, in
one batch per step).

    .venv/bin/python -m bench.decoding [--model FILE] [--tokens 128] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass, replace
from typing import Any

from core.sampling.params import SamplingParams, Strategy


@dataclass(frozen=True)
class Config:
    label: str
    params: SamplingParams


def configs(tokens: int) -> list[Config]:
    plain = SamplingParams(max_tokens=tokens, repeat_penalty=1.0, logprobs=0)

    def make(strategy: Strategy, **changes: Any) -> SamplingParams:
        return replace(plain.with_strategy(strategy), **changes)

    return [
        Config("greedy", make("greedy")),
        Config("greedy, probabilities (top 5)", make("greedy", logprobs=5)),
        Config("sampling", make("sample", seed=1)),
        Config("sampling, probabilities (top 5)", make("sample", seed=1, logprobs=5)),
        Config("beam search, width 2", make("beam", beam_width=2)),
        Config("beam search, width 4", make("beam", beam_width=4)),
        Config("beam search, width 4, probabilities", make("beam", beam_width=4, logprobs=5)),
    ]


def measure(model: str, tokens: int, rounds: int) -> list[tuple[str, int, float, float]]:
    """(label, reply tokens, tokens/s, speed relative to greedy) per configuration."""
    from core.engine.protocol import LoadModel
    from core.engine.sync import SyncEngine
    from core.system import default_threads

    messages = [{"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "Write a long story about a lighthouse keeper."}]
    runs = configs(tokens)
    speeds: dict[str, list[float]] = {c.label: [] for c in runs}
    lengths: dict[str, list[int]] = {c.label: [] for c in runs}
    with SyncEngine() as engine:
        engine.load(LoadModel(model, n_ctx=2048, n_threads=default_threads()))
        engine.generate(messages, SamplingParams(strategy="greedy", max_tokens=8))  # warm up
        for _ in range(rounds):
            for config in runs:
                result = engine.generate(messages, config.params)
                speeds[config.label].append(result.stats.tokens_per_s)
                lengths[config.label].append(result.stats.completion_tokens)
    greedy = statistics.median(speeds["greedy"])
    return [(c.label, int(statistics.median(lengths[c.label])),
             float(statistics.median(speeds[c.label])),
             float(statistics.median(speeds[c.label]) / greedy)) for c in runs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from core.models.library import starter_model_path
    from core.system import default_threads

    model = args.model or str(starter_model_path())
    rows = measure(model, args.tokens, args.rounds)
    print(f"model: {os.path.basename(model)}  threads: {default_threads()}  "
          f"tokens: {args.tokens}  rounds: {args.rounds} (median)")
    print(f"{'strategy':<38}{'tokens':>8}{'tokens/s':>11}{'vs greedy':>11}")
    for label, length, speed, ratio in rows:
        print(f"{label:<38}{length:>8}{speed:>11.1f}{ratio:>11.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
