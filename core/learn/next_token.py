"""Lesson 2, predicting the next token and where a reply ends.

A model does one thing, again and again: given the text so far, it gives every token
of its vocabulary a probability of coming next.  The lesson shows that distribution
for the first token of a reply (the ten most likely candidates), then a whole greedy
reply with each token's probability, and the step where it ended: the model chose its
end token (the chat template's end of turn), or it ran out of tokens.

The engine stops at the end token without reporting that step's probabilities (the
end token is never a token of the reply), so the lesson asks for them: it replays the
reply as ``reply_prefix`` with one more forced token, and the forced token's
alternatives are the model's distribution at the end step, the end token on top when
the model stopped by itself.  The prefix replays from the KV cache, so this costs one
step.

Decoding here is greedy with the repetition penalties off, so "the model's most likely
token" and "the token the reply took" are the same thing, as the lesson says.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.conversation.types import FinishReason, TokenAlternative, TokenLogprob
from core.errors import EngineError
from core.learn.engine import LessonSetup
from core.learn.replies import conversation, reply
from core.learn.samples import in_language
from core.sampling.params import SamplingParams

#: Candidates shown for a step.
TOP = 10
#: The longest reply the lesson waits for: a short answer ends well before.
MAX_REPLY = 60


#: A question with a short, sure answer, in each language the app speaks.
SAMPLES: dict[str, str] = {
    "en": "What is the capital of France?",
    "pt_BR": "Qual é a capital da França?",
}


def sample_prompt(language: str) -> str:
    """The sample question in ``language`` ("en", "pt_BR"), English for any other."""
    return in_language(language, SAMPLES)


def greedy(max_tokens: int) -> SamplingParams:
    """Always the most likely token, penalties off, the top candidates reported."""
    return SamplingParams(strategy="greedy", max_tokens=max_tokens, logprobs=TOP,
                          repeat_penalty=1.0, presence_penalty=0.0, frequency_penalty=0.0,
                          seed=0)


@dataclass(frozen=True)
class Step:
    """A token of the reply: the one taken, and the candidates of its step."""

    chosen: TokenAlternative
    #: The most likely tokens at that step, most likely first.
    candidates: tuple[TokenAlternative, ...]


@dataclass(frozen=True)
class NextTokenResult:
    prompt: str
    #: The ten most likely first tokens of the reply, most likely first: the reply's
    #: own first step, so the numbers shown agree (a reply asked for again may differ
    #: in the last digits: llama.cpp's sums depend on how the prompt was batched).
    first: tuple[TokenAlternative, ...]
    #: The whole greedy reply, token by token.
    steps: tuple[Step, ...]
    text: str
    #: Why the reply ended: STOP (the model chose the end token) or LENGTH.
    reason: FinishReason
    #: The candidates at the step after the reply's last token: where the model chose
    #: to end (its end token on top) or, after LENGTH, what it would have said next.
    end_step: tuple[TokenAlternative, ...]
    #: The model's end-of-sequence token's text (``<|im_end|>``).
    eos_token: str
    max_tokens: int = MAX_REPLY

    @property
    def end_choice(self) -> TokenAlternative | None:
        """The token the model ended with: the most likely one at the end step when it
        stopped by itself (greedy takes the most likely), else ``None``."""
        if self.reason != FinishReason.STOP or not self.end_step:
            return None
        return self.end_step[0]

    @property
    def eos_prob(self) -> float | None:
        """The end-of-sequence token's probability at the end step (``None`` when it
        was not among the candidates)."""
        for choice in self.end_step:
            if choice.piece == self.eos_token:
                return choice.prob
        return None


def run_next_token(setup: LessonSetup, prompt: str) -> NextTokenResult:
    """The next-token distribution of ``prompt``'s reply, the greedy reply, and the
    distribution at the step where it ended (see the module docstring)."""
    messages = conversation(setup.system_prompt, prompt)
    with setup.engine.using(setup.model) as sync:
        whole = reply(sync, messages, greedy(MAX_REPLY))
        ids = whole.token_ids
        # One more step, forced: its alternatives are the distribution where the reply
        # ended.  The forced token itself (the last one again) is never shown.
        # (token 0 when the reply is empty: any token will do).
        forced = ids[-1:] or (0,)
        after = reply(sync, messages, greedy(len(ids) + 1), reply_prefix=ids + forced)
        eos = sync.loaded.eos_token if sync.loaded is not None else ""
    if len(after.logprobs) != len(ids) + 1:
        raise EngineError("learn.no_probabilities",
                          "The engine reported no token probabilities for this model.")
    end_step = _choices(after.logprobs[-1].alternatives)
    return NextTokenResult(
        prompt=prompt,
        first=_choices(whole.logprobs[0].alternatives) if whole.logprobs else end_step,
        steps=tuple(_step(t) for t in whole.logprobs),
        text=whole.text,
        reason=whole.finished.reason,
        end_step=end_step,
        eos_token=eos,
    )


def _choices(alternatives: tuple[TokenAlternative, ...]) -> tuple[TokenAlternative, ...]:
    return alternatives[:TOP]


def _step(token: TokenLogprob) -> Step:
    return Step(TokenAlternative(token.id, token.piece, token.prob), _choices(token.alternatives))
