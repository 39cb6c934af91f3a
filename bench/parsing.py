"""What reading a model's output costs while it streams, per token, for each family.

The window hands every new piece of a reply to :class:`core.output.stream.StreamParser`,
which asks the family's parser for the :class:`Partial` of the whole text so far (that
is what makes the live view agree with the saved reply however the text is grouped).
So the cost of a token grows with the reply: the figure that matters is the cost per
token over a long reply, and the cost of its last tokens, against the time the model
takes to generate a token.  The reply here is long (reasoning, prose with code and
braces, several calls, more prose), fed in token-sized pieces.

    .venv/bin/python -m bench.parsing [--tokens 4000] [--generation-ms 10]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from dataclasses import dataclass

from core.output.families import parser_for
from core.output.stream import StreamParser
from core.output.types import Context, Family, Finish

#: The families this benchmark times (each with a reply in its own format).
FAMILIES = (Family.HERMES, Family.QWEN_XML, Family.LLAMA3, Family.MISTRAL)
#: A fast local generation: 100 tokens/s (a 7B model on a recent GPU); on a CPU a token
#: takes 30–100 ms, so the share of parsing is smaller still there.
GENERATION_MS = 10.0
_TOKEN = re.compile(r"<\|[^|]*\|>|<[/a-z_]+>|\[[A-Z_/]+\]| ?\w+|\s+|.", re.S)
_PROSE = ("The lighthouse keeper counted the ships again, as he did every night, "
          "and wrote each name in the log: {\"tide\": 3} was the note, then `x = {a: 1}`. ")


@dataclass(frozen=True)
class Figure:
    family: str
    tokens: int
    chars: int
    #: Mean parsing time per token over the whole reply, in microseconds.
    mean_us: float
    #: Mean over the last tenth of the reply (where the text is longest).
    last_us: float
    #: 99 tokens in 100 cost less than this.
    p99_us: float
    #: The slowest single token: on a shared machine, mostly the scheduler taking the
    #: CPU away mid-step (a 4 ms tick), with or without the garbage collector.
    worst_us: float
    generation_ms: float

    @property
    def share(self) -> float:
        """The mean cost as a share of the time a token takes to generate."""
        return self.mean_us / (self.generation_ms * 1000)


def _prose(tokens: int) -> str:
    pieces: list[str] = []
    count = 0
    while count < tokens:
        pieces.append(_PROSE)
        count += len(_TOKEN.findall(_PROSE))
    return "".join(pieces)


def reply(family: Family, tokens: int) -> str:
    """A long reply in ``family``'s format: reasoning (where it has any), prose, three
    calls, prose; about ``tokens`` tokens in all."""
    think, answer, after = _prose(tokens * 2 // 5), _prose(tokens * 2 // 5), _prose(tokens // 10)
    args: list[dict[str, object]] = [{"city": "Paris", "days": 3}, {"query": "tides", "limit": 10},
                                     {"on": True}]
    names = ["get_weather", "search", "toggle"]
    if family is Family.HERMES:
        calls = "".join(f'\n<tool_call>\n{json.dumps({"name": n, "arguments": a})}\n</tool_call>'
                        for n, a in zip(names, args, strict=True))
        return f"<think>\n{think}\n</think>\n\n{answer}{calls}\n{after}"
    if family is Family.QWEN_XML:
        calls = "".join(
            f"\n<tool_call>\n<function={n}>\n"
            + "".join(f"<parameter={k}>\n{json.dumps(v)}\n</parameter>\n" for k, v in a.items())
            + "</function>\n</tool_call>" for n, a in zip(names, args, strict=True))
        return f"<think>\n{think}\n</think>\n\n{answer}{calls}\n{after}"
    if family is Family.LLAMA3:
        calls = "; ".join(json.dumps({"name": n, "parameters": a})
                          for n, a in zip(names, args, strict=True))
        return f"{think}{answer} {calls} {after}<|eot_id|>"
    calls = "".join(f"[TOOL_CALLS]{n}[ARGS]{json.dumps(a)}"
                    for n, a in zip(names, args, strict=True))
    return f"[THINK]{think}[/THINK]{answer}{calls} {after}</s>"


def time_family(family: Family, tokens: int = 4000,
                generation_ms: float = GENERATION_MS) -> Figure:
    """Stream a long reply of ``family`` token by token and time each step."""
    text = reply(family, tokens)
    pieces = _TOKEN.findall(text)
    stream = StreamParser(parser_for(family), Context())
    costs: list[float] = []
    for piece in pieces:
        start = time.perf_counter()
        stream.feed(piece)
        costs.append(time.perf_counter() - start)
    start = time.perf_counter()
    _delta, parsed = stream.finish(Finish.STOP)
    costs[-1] += time.perf_counter() - start
    if len(parsed.tool_calls) != 3:
        raise RuntimeError(f"{family.value}: the benchmark reply did not parse")
    tail = costs[-max(1, len(costs) // 10):]
    ranked = sorted(costs)
    return Figure(family.value, len(pieces), len(text), sum(costs) / len(costs) * 1e6,
                  sum(tail) / len(tail) * 1e6, ranked[int(len(ranked) * 0.99)] * 1e6,
                  ranked[-1] * 1e6, generation_ms)


def measure(tokens: int = 4000, generation_ms: float = GENERATION_MS) -> list[Figure]:
    """One figure per family (what ``bench.suite`` shows)."""
    return [time_family(family, tokens, generation_ms) for family in FAMILIES]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tokens", type=int, default=4000)
    parser.add_argument("--generation-ms", type=float, default=GENERATION_MS)
    args = parser.parse_args(argv)
    print(f"{'family':<10} {'tokens':>7} {'chars':>7} {'mean µs':>9} {'last 10% µs':>12} "
          f"{'p99 µs':>8} {'worst µs':>9} {'share of a token':>17}")
    for f in measure(args.tokens, args.generation_ms):
        print(f"{f.family:<10} {f.tokens:>7} {f.chars:>7} {f.mean_us:>9.1f} {f.last_us:>12.1f} "
              f"{f.p99_us:>8.1f} {f.worst_us:>9.1f} {f.share:>16.2%}")
    print(f"(a generated token taken as {args.generation_ms} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
