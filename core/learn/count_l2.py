"""The engine's own token count of a conversation, waited for (for the lessons).

:class:`core.engine.sync.SyncEngine` waits for replies, inspections and loads but has
no blocking count; the chat's context meter asks through the engine client and takes
the answer from the event stream.  A lesson holds its engine alone (the lessons' lock),
so it can do the same here: ask the client, then read events until the count comes.
"""

from __future__ import annotations

import queue
from collections.abc import Sequence

from core.conversation.types import ContextPolicy, Message
from core.engine.protocol import EngineDied, EngineFailure, ModelLoaded, PromptCount
from core.engine.sync import SyncEngine
from core.errors import EngineError, ProsaError
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer


def count_prompt(sync: SyncEngine, messages: Sequence[Message], sampling: SamplingParams,
                 policy: ContextPolicy = ContextPolicy.STOP, *,
                 offer: ToolOffer | None = None, timeout: float = 60.0) -> PromptCount:
    """How many tokens ``messages`` make as a prompt on ``sync``'s model, and how many
    messages ``policy`` would leave out (``CountPrompt``, the context meter's request)."""
    request_id = sync.client.count(messages, sampling, policy, offer=offer)
    if request_id is None:
        raise EngineError("learn.count_unavailable",
                          "The lessons' engine could not count the prompt's tokens now. "
                          "Run the lesson again.")
    while True:
        try:
            event = sync.events.get(timeout=timeout)
        except queue.Empty:
            raise EngineError("engine.timeout", "The engine did not answer within {seconds} s.",
                              seconds=round(timeout)) from None
        if isinstance(event, PromptCount) and event.request_id == request_id:
            return event
        if isinstance(event, ModelLoaded):
            sync.loaded = event
        elif isinstance(event, EngineFailure | EngineDied):
            raise ProsaError.from_problem(event.problem)
