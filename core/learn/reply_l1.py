"""One whole reply with every token's probabilities, for the lessons that look at how a
model chooses its tokens (next-token prediction, decoding strategies).

:meth:`core.engine.sync.SyncEngine.stream` does not pass ``reply_prefix`` on, and the
next-token lesson needs it: the engine reports no probabilities for the step at which
the model chose its end token (it stops there), so the lesson replays the reply as a
prefix plus one forced token and reads that step's distribution from the forced
token's alternatives.  This module therefore starts the reply through the engine's
public ``client.generate`` and reads the facade's public event queue, as ``stream``
does, failures included.
"""

from __future__ import annotations

import queue
from collections.abc import Sequence
from dataclasses import dataclass

from core.conversation.types import Message, TokenLogprob
from core.engine.protocol import (
    EngineDied,
    EngineFailure,
    GenerationFinished,
    ModelLoaded,
    TokenBatch,
)
from core.engine.sync import SyncEngine
from core.errors import EngineCrashed, EngineError
from core.sampling.params import SamplingParams

#: How long a lesson waits for the engine's next event (a reply of the lessons' few
#: dozen tokens takes seconds; a loaded machine may take much longer).
TIMEOUT_S = 300.0


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
    request_id = sync.client.generate(messages, sampling, reply_prefix=reply_prefix)
    ids: list[int] = []
    logprobs: list[TokenLogprob] = []
    while True:
        try:
            event = sync.events.get(timeout=TIMEOUT_S)
        except queue.Empty:
            raise EngineError("engine.timeout", "The engine did not answer within {seconds} s.",
                              seconds=round(TIMEOUT_S)) from None
        if isinstance(event, TokenBatch) and event.request_id == request_id:
            ids.extend(event.token_ids)
            logprobs.extend(event.logprobs or ())
        elif isinstance(event, GenerationFinished) and event.request_id == request_id:
            return Reply(tuple(ids), tuple(logprobs), event)
        elif isinstance(event, ModelLoaded):
            sync.loaded = event
        elif isinstance(event, EngineFailure):
            raise EngineError.from_problem(event.problem)
        elif isinstance(event, EngineDied):
            problem = event.problem
            raise EngineCrashed(problem.code, problem.template, exit_code=event.exit_code,
                                details=problem.details, **problem.fields)


def conversation(system_prompt: str, prompt: str) -> list[Message]:
    """The chat a lesson sends: the user's system prompt (as the chat would) and one
    question."""
    messages: list[Message] = []
    if system_prompt.strip():
        messages.append({"role": "system", "content": system_prompt})
    messages.append({"role": "user", "content": prompt})
    return messages
