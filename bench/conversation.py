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
from dataclasses import dataclass

from core.conversation.types import Message
from core.engine.protocol import LoadModel
from core.engine.sync import SyncEngine
from core.models.library import starter_model_path
from core.sampling.params import SamplingParams

SENTENCE = ("The lighthouse keeper wrote down the weather, the ships that passed, and the "
            "colour of the sea at dawn, as he had done every day for years. ")


def turn_text(i: int, words: str) -> str:
    # About 150 tokens: a few sentences with the turn number, so no two are alike.
    return f"Turn {i} ({words}): " + SENTENCE * 5


@dataclass(frozen=True)
class Turn:
    turn: int
    prompt_tokens: int
    #: Prompt tokens the cached reply evaluated (the rest came from the KV cache).
    evaluated: int
    cached_ms: float
    scratch_ms: float
    #: The message typed: read ahead up to its last words, then sent.
    typed_ms: float = 0.0
    #: Prompt tokens the typed reply evaluated after reading ahead.
    typed_evaluated: int = 0


#: Words typed after the last pause that the engine read ahead in: at 300 ms of quiet
#: before reading, a typist's last burst before Enter.
UNREAD_WORDS = 4


def draft_of(message: str) -> str:
    """The message as it stood when typing last paused: without its last words."""
    return message.rstrip().rsplit(" ", UNREAD_WORDS)[0]


def measure(model: str, marks: list[int], repeats: int = 3,
            reply_tokens: int = 150) -> list[Turn]:
    """Grow one conversation to the last mark; time both ways at each mark."""
    greedy = SamplingParams(temperature=0.0, max_tokens=1, logprobs=0)
    rows: list[Turn] = []
    reply = SamplingParams(temperature=0.0, max_tokens=reply_tokens, repeat_penalty=1.3,
                           logprobs=0)
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
                evaluated = [answer.stats.prompt_tokens_evaluated]
                scratch = []
                typed: list[float] = []
                typed_evaluated: list[int] = []
                for _ in range(repeats):
                    engine.generate([{"role": "user", "content": "Unrelated."}], greedy)
                    scratch.append(engine.generate(history, greedy).stats.ttft_ms)
                    # Put the cache back as the app would have it, and time it again.
                    engine.generate([*history[:-1], {"role": "user", "content": "x"}], greedy)
                    again = engine.generate(history, reply)
                    cached.append(again.stats.ttft_ms)
                    evaluated.append(again.stats.prompt_tokens_evaluated)
                    # Typed: the same cache, then the draft read ahead, then sent.
                    engine.generate([*history[:-1], {"role": "user", "content": "x"}], greedy)
                    draft = {"role": "user", "content": draft_of(history[-1]["content"])}
                    engine.read_ahead([*history[:-1], draft], reply)
                    ahead = engine.generate(history, reply)
                    typed.append(ahead.stats.ttft_ms)
                    typed_evaluated.append(ahead.stats.prompt_tokens_evaluated)
                    answer = ahead
                rows.append(Turn(turn, answer.stats.prompt_tokens,
                                 int(statistics.median(evaluated)),
                                 float(statistics.median(cached)),
                                 float(statistics.median(scratch)),
                                 float(statistics.median(typed)),
                                 int(statistics.median(typed_evaluated))))
            history.append({"role": "assistant", "content": answer.text})
    return rows


def plain_eval_ms(model: str, prefixes: list[int], new: int) -> dict[int, float]:
    """Plain llama-cpp-python doing what a cached turn does: ``new`` tokens evaluated
    after ``prefix`` tokens already in the KV cache.  Shows whether the growth with the
    conversation's length is the library's (attention over a longer context) or ours."""
    import time

    import llama_cpp

    from core.engine.llama.backends import ensure_backends
    from core.system import default_threads

    ensure_backends()
    llm = llama_cpp.Llama(model, n_ctx=8192, n_threads=default_threads(), verbose=False)
    ids = llm.tokenize((SENTENCE * 400).encode(), add_bos=False)
    took: dict[int, float] = {}
    for prefix in prefixes:
        llm.reset()  # type: ignore[no-untyped-call]
        llm.eval(ids[:prefix])
        started = time.perf_counter()
        llm.eval(ids[prefix:prefix + new])
        took[prefix] = (time.perf_counter() - started) * 1000
    del llm
    return took


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--model", default=None)
    parser.add_argument("--turns", default="1,5,10,20")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--reply-tokens", type=int, default=150)
    args = parser.parse_args(argv)
    marks = sorted({int(t) for t in args.turns.split(",")})
    model = args.model or str(starter_model_path())
    rows = measure(model, marks, args.repeats, args.reply_tokens)
    print(f"model: {model.rsplit('/', 1)[-1]}  median of {args.repeats}")
    print(f"{'turn':>5}{'prompt tokens':>15}{'evaluated':>11}{'TTFT cached (ms)':>18}"
          f"{'ms/token':>10}{'TTFT typed (ms)':>17}{'TTFT from scratch (ms)':>24}")
    for row in rows:
        print(f"{row.turn:>5}{row.prompt_tokens:>15}{row.evaluated:>11}{row.cached_ms:>18.1f}"
              f"{row.cached_ms / max(1, row.evaluated):>10.2f}{row.typed_ms:>17.1f}"
              f"{row.scratch_ms:>24.1f}")
    print(f"turn {rows[-1].turn} / turn {rows[0].turn}: sent at once "
          f"{rows[-1].cached_ms / rows[0].cached_ms:.2f}x, typed "
          f"{rows[-1].typed_ms / rows[0].typed_ms:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
