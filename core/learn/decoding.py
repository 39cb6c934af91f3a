"""Lesson 3, decoding strategies side by side: one prompt, five ways of choosing tokens.

The model gives the same probabilities whatever the strategy; what differs is how the
next token is picked from them.  The lesson runs one prompt five times on the real
engine, changing one setting at a time so each row shows one idea:

- greedy: always the most likely token;
- sampling at temperature 0.7 and at 1.5, with every filter off: temperature alone
  sharpens or flattens the distribution before the draw;
- top-k (k = 5) at temperature 1: the draw is among the five most likely only;
- beam search (width 4): several whole candidates kept, the most likely sequence wins.

The repetition penalties are off in every row, so greedy really is "the most likely
token" (and may repeat itself).  Sampled rows use one seed, shown, so a run can be
repeated exactly; running again with another seed changes them while greedy and beam
search, which draw nothing, stay as they were.

Each row's log-probability is the sum of its tokens' log-probabilities under the
model's own distribution (what the model thought, before temperature and filters), so
the rows compare on one scale; beam search also reports its own ranking score.
"""

from __future__ import annotations

import enum
import math
import random
from dataclasses import dataclass, replace

from core.conversation.types import FinishReason, TokenLogprob
from core.learn.engine import LessonSetup
from core.learn.replies import conversation, reply
from core.learn.samples import in_language
from core.sampling.params import MAX_SEED, SamplingParams

#: Tokens per reply: long enough for a sentence, short enough that five replies (one
#: a beam search) take seconds on a CPU.
MAX_TOKENS = 40
#: The seed of a lesson's first run (runs after it draw a new one).
FIRST_SEED = 42

#: An open question (many good replies), in each language the app speaks.
SAMPLES: dict[str, str] = {
    "en": "Write one sentence about the sea.",
    "pt_BR": "Escreva uma frase sobre o mar.",
}

#: Greedy with every setting that would change a row besides the one it shows turned
#: off: each row is this with its own strategy and numbers.
_PLAIN = SamplingParams(strategy="greedy", max_tokens=MAX_TOKENS, logprobs=1,
                        repeat_penalty=1.0, presence_penalty=0.0, frequency_penalty=0.0,
                        top_k=0, top_p=1.0, min_p=0.0, typical_p=1.0, n_best=1)


class Way(enum.StrEnum):
    """One row of the lesson."""

    GREEDY = "greedy"
    WARM = "temperature-0.7"
    HOT = "temperature-1.5"
    TOP_K = "top-k"
    BEAM = "beam"


def sample_prompt(language: str) -> str:
    """The sample prompt in ``language`` ("en", "pt_BR"), English for any other."""
    return in_language(language, SAMPLES)


def new_seed() -> int:
    """A seed for "run again": any but the first run's, so the sampled rows change."""
    seed = FIRST_SEED
    while seed == FIRST_SEED:
        seed = random.randint(1, MAX_SEED)
    return seed


def settings(way: Way, seed: int, max_tokens: int = MAX_TOKENS) -> SamplingParams:
    """The decoding settings of ``way``'s row (the seed matters to sampling only)."""
    plain = replace(_PLAIN, max_tokens=max_tokens, seed=seed)
    match way:
        case Way.GREEDY:
            return plain
        case Way.WARM:
            return replace(plain, strategy="sample", temperature=0.7)
        case Way.HOT:
            return replace(plain, strategy="sample", temperature=1.5)
        case Way.TOP_K:
            return replace(plain, strategy="sample", temperature=1.0, top_k=5)
        case Way.BEAM:
            return replace(plain, strategy="beam", beam_width=4, length_penalty=1.0)


@dataclass(frozen=True)
class Row:
    """One strategy's reply."""

    way: Way
    sampling: SamplingParams
    text: str
    #: The reply's tokens with their probabilities under the model's own distribution.
    tokens: tuple[TokenLogprob, ...]
    reason: FinishReason
    #: Beam search's ranking score (log-probability / ((5 + length) / 6) ** alpha,
    #: with the end token counted when the reply ended by itself); ``None`` otherwise.
    score: float | None = None

    @property
    def logprob(self) -> float:
        """The sum of the reply's tokens' natural-log probabilities (<= 0)."""
        return sum(math.log(max(t.prob, 1e-300)) for t in self.tokens)

    @property
    def count(self) -> int:
        return len(self.tokens)


@dataclass(frozen=True)
class DecodingResult:
    prompt: str
    seed: int
    rows: tuple[Row, ...]

    def row(self, way: Way) -> Row:
        return next(r for r in self.rows if r.way == way)


def run_decoding(setup: LessonSetup, prompt: str, seed: int = FIRST_SEED,
                 ways: tuple[Way, ...] = tuple(Way),
                 max_tokens: int = MAX_TOKENS) -> DecodingResult:
    """Reply to ``prompt`` once per way of decoding, in the chat's conversation shape
    (the user's system prompt, then the prompt)."""
    messages = conversation(setup.system_prompt, prompt)
    rows = []
    with setup.engine.using(setup.model) as sync:
        for way in ways:
            params = settings(way, seed, max_tokens)
            got = reply(sync, messages, params)
            finished = got.finished
            best = finished.candidates[0] if finished.candidates else None
            tokens = got.logprobs
            if best is not None and best.logprobs is not None:
                tokens = best.logprobs
            rows.append(Row(way, params, finished.text, tokens, finished.reason,
                            best.normalized_score if best is not None else None))
    return DecodingResult(prompt, seed, tuple(rows))
