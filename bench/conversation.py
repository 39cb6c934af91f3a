"""Time to first token as a conversation grows: the engine's KV-cache prefix reuse
against evaluating the whole history from scratch, in one run.

Each turn adds a user message of about 150 tokens and the model's own reply (up to 150
tokens, greedy).  At turns 1, 5, 10 and 20 the reply's time to first token is taken as
the app gets it (the cache holds the previous prompt and reply, so only the new
message is evaluated) and after clearing the cache with an unrelated prompt (the whole
history is evaluated).  Prints a table.

    .venv/bin/python -m bench.conversation [--model FILE] [--turns 1,5,10,20]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from core.engine.protocol import LoadModel, Message
from core.engine.sync import SyncEngine
from core.library import starter_model_path
from core.sampling import SamplingParams

SENTENCE = ("The lighthouse keeper wrote down the weather, the ships that passed, and the "
            "colour of the sea at dawn, as he had done every day for years. ")


def turn_text(i: int, words: str) -> str:
    # About 150 tokens: a few sentences with the turn number, so no two are alike.
    return f"Turn {i} ({words}): " + SENTENCE * 5


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--turns", default="1,5,10,20")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    marks = sorted({int(t) for t in args.turns.split(",")})
    model = args.model or str(starter_model_path())
    greedy = SamplingParams(temperature=0.0, max_tokens=1)
    rows: list[tuple[int, int, float, float]] = []
    reply = SamplingParams(temperature=0.0, max_tokens=150, repeat_penalty=1.3)
    with SyncEngine() as engine:
        engine.load(LoadModel(model, n_ctx=8192))
        history: list[Message] = [{"role": "system", "content": "You are a helpful assistant."}]
        for turn in range(1, marks[-1] + 1):
            history.append({"role": "user", "content": turn_text(turn, "question")})
            # As in the app: the cache holds the previous prompt and the reply the model
            # generated, so only the new user message is evaluated.
            answer = engine.generate(history, reply)
            if turn in marks:
                cached = [answer.stats.ttft_ms]
                scratch = []
                for _ in range(args.repeats):
                    engine.generate([{"role": "user", "content": "Unrelated."}], greedy)
                    scratch.append(engine.generate(history, greedy).stats.ttft_ms)
                    # Put the cache back as the app would have it, and time it again.
                    engine.generate([*history[:-1], {"role": "user", "content": "x"}], greedy)
                    again = engine.generate(history, reply)
                    cached.append(again.stats.ttft_ms)
                    answer = again
                rows.append((turn, answer.stats.prompt_tokens, statistics.median(cached),
                             statistics.median(scratch)))
            history.append({"role": "assistant", "content": answer.text})
    print(f"model: {model.rsplit('/', 1)[-1]}  median of {args.repeats}")
    print(f"{'turn':>5}{'prompt tokens':>15}{'TTFT cached (ms)':>18}"
          f"{'TTFT from scratch (ms)':>24}{'speed-up':>10}")
    first = rows[0][2]
    for turn, tokens, warm_ms, cold_ms in rows:
        print(f"{turn:>5}{tokens:>15}{warm_ms:>18.1f}{cold_ms:>24.1f}"
              f"{cold_ms / warm_ms:>9.1f}x")
    print(f"turn {rows[-1][0]} / turn {rows[0][0]} (cached): {rows[-1][2] / first:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
