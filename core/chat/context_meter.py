"""The context counter, kept true: how many tokens the conversation and the draft make.

The count comes from the engine (its own template and tokenizer, ``CountPrompt``), so
it is exact; it is asked for whenever what the model would read changes (typing, a
branch switched, a system prompt edited, another conversation opened) and remembered
with what it was counted for.  That lets the controller say before sending that a
message will not fit, instead of saving it and having the engine refuse it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from core.conversation.types import ContextPolicy, Message, ThinkingSettings
from core.engine.protocol import PromptCount
from core.engine.seam import Engine
from core.sampling.params import SamplingParams
from core.tools.choice import ToolOffer


def count_key(messages: Sequence[Message], policy: ContextPolicy, max_tokens: int,
              thinking: ThinkingSettings | None = None,
              offer: ToolOffer | None = None) -> str:
    """What a count depends on: the messages, the policy, the reply's room, the
    thinking switches and the tools offered (they change the prompt)."""
    switches = (thinking or ThinkingSettings()).to_dict()
    tools = list(offer.tools) if offer is not None else []
    return json.dumps([list(messages), str(policy), max_tokens, switches, tools],
                      sort_keys=True, default=str)


class ContextMeter:
    def __init__(self) -> None:
        self._asked_id: int | None = None
        self._asked_key: str | None = None
        #: The last count that arrived, and what it was counted for.
        self.last: PromptCount | None = None
        self._last_key: str | None = None

    def ask(self, engine: Engine, messages: Sequence[Message], params: SamplingParams,
            policy: ContextPolicy, thinking: ThinkingSettings | None = None,
            offer: ToolOffer | None = None) -> PromptCount | None:
        """The count of these messages when it is known already (the same conversation
        shown again); else ask the engine, unless that question is on its way."""
        key = count_key(messages, policy, params.max_tokens, thinking, offer)
        if key == self._last_key:
            return self.last
        if key != self._asked_key:
            request_id = engine.count(messages, params, policy, thinking=thinking,
                                      offer=offer)
            if request_id is not None:
                self._asked_id, self._asked_key = request_id, key
        return None

    def answer(self, event: PromptCount) -> bool:
        """Take a count; False when it answers an older question."""
        if event.request_id != self._asked_id:
            return False
        self.last, self._last_key = event, self._asked_key
        self._asked_id = self._asked_key = None
        return True

    def refusal(self, messages: Sequence[Message], params: SamplingParams,
                policy: ContextPolicy, thinking: ThinkingSettings | None = None,
                offer: ToolOffer | None = None) -> PromptCount | None:
        """The count that says these messages cannot be sent (they do not fit and the
        policy is to stop), when one was made for exactly them."""
        if policy != ContextPolicy.STOP or self.last is None or self.last.fits:
            return None
        return self.last if count_key(messages, policy, params.max_tokens,
                                      thinking, offer) == self._last_key \
            else None

    def forget(self) -> None:
        """The model or its context changed: counts made before no longer hold."""
        self._asked_id = self._asked_key = None
        self.last = self._last_key = None
