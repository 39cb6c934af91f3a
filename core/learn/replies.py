"""One whole reply with every token's probabilities, for the lessons that look at how a
model chooses its tokens (next-token prediction, decoding strategies).

The engine reports no probabilities for the step at which the model chose its end
token (it stops there), so the next-token lesson replays a reply as ``reply_prefix``
plus one forced token and reads that step's distribution from the forced token's
alternatives: hence the prefix here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.conversation.types import Message, TokenLogprob
from core.engine.protocol import (
    GenerationFinished,
    TokenBatch,
)
from core.engine.sync import SyncEngine
from core.errors import BadInput, EngineError
from core.sampling.params import SamplingParams

#: How long a lesson waits for the engine's next event (a reply of the lessons' few
#: dozen tokens takes seconds; a loaded machine may take much longer).
TIMEOUT_S = 300.0
#: The longest question a lesson sends (the lessons' context is small).
MAX_CHARS = 2000


@dataclass(frozen=True)
class Reply:
    """What the engine produced: the tokens as they streamed, and how it ended."""

    token_ids: tuple[int, ...]
    #: One per token id (the sampling asked for ``logprobs`` > 0), else empty.
    logprobs: tuple[TokenLogprob, ...]
    finished: GenerationFinished

    @property
    def text(self) -> str:
        return self.finished.text


def reply(sync: SyncEngine, messages: Sequence[Message], sampling: SamplingParams,
          reply_prefix: Sequence[int] = ()) -> Reply:
    """Generate one reply (blocking) and gather its tokens and probabilities."""
    ids: list[int] = []
    logprobs: list[TokenLogprob] = []
    for event in sync.stream(messages, sampling, TIMEOUT_S, reply_prefix=reply_prefix):
        if isinstance(event, TokenBatch):
            ids.extend(event.token_ids)
            logprobs.extend(event.logprobs or ())
        else:
            return Reply(tuple(ids), tuple(logprobs), event)
    raise EngineError("engine.no_result", "The reply ended without a result.")


def conversation(system_prompt: str, prompt: str) -> list[Message]:
    """The chat a lesson sends: the user's system prompt (as the chat would) and one
    question (refused, in words, when empty or longer than the lessons' context)."""
    if not prompt.strip():
        raise BadInput("learn.empty_prompt", "Write a question for the model.")
    if len(prompt) > MAX_CHARS:
        raise BadInput("learn.prompt_too_long",
                       "The question is too long for this lesson: {chars} characters, at "
                       "most {limit}.", chars=len(prompt), limit=MAX_CHARS)
    messages: list[Message] = []
    if system_prompt.strip():
        messages.append({"role": "system", "content": system_prompt})
    messages.append({"role": "user", "content": prompt})
    return messages
